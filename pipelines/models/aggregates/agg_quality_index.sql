-- agg_quality_index: one row per series, unit (every level) and year or term in which cells were expected to
-- hold a regular meeting, with the composite quality index, the coverage of the optional entries it reads, and
-- the unit's peers for ranking. The one place the index is defined (docs/indicators.md, "quality_index"):
--   numerator   = 100 × Σ weight × score over the components that apply (pipelines/seeds/quality_index_weights.csv)
--   denominator = Σ weight of those components
-- A component applies by what was EXPECTED of the unit, never by what was filled in: the thematic component when
-- a whole quarter was expected, every other component whenever a month was. A score counts an empty optional
-- field as the norm not met (a meeting without thoi_luong is not of full length; an absence not recorded as
-- excused is unexcused), so blanking a field never raises the index. coverage_known / coverage_needed: the
-- optional entries the index reads (thoi_luong, xep_loai, vang_khong_ly_do of every meeting; dung_ngay of every
-- regular meeting) filled in / expected; below min_coverage (pipelines/seeds/quality_index_config.csv) the
-- index is not shown ('khong_du_du_lieu'). rankable: the index is shown, the unit has a parent, and it rests on
-- at least rank_min_cell_months cell-months. Peers: the units with the same parent (on 31 December of the
-- period's last year in the reported series, today in the comparable one) and, for committees, the same peer
-- group (pipelines/seeds/committee_peer_groups.csv: districts and towns apart from blocs, police and military).
-- A view: each row is arithmetic on one row of atoms; the ranking models store what they read of it.
-- materialized: view
-- depends_on: agg_indicator_atoms, int_unit_ancestors, dim_units
WITH w AS (
  SELECT max(weight) FILTER (WHERE indicator = 'regular_meeting_rate')::DOUBLE AS w_regular,
         max(weight) FILTER (WHERE indicator = 'thematic_quarter_rate')::DOUBLE AS w_thematic,
         max(weight) FILTER (WHERE indicator = 'attendance_rate')::DOUBLE AS w_attendance,
         max(weight) FILTER (WHERE indicator = 'unexcused_absence_rate')::DOUBLE AS w_unexcused,
         max(weight) FILTER (WHERE indicator = 'prescribed_day_rate')::DOUBLE AS w_day,
         max(weight) FILTER (WHERE indicator = 'full_length_rate')::DOUBLE AS w_length,
         max(weight) FILTER (WHERE indicator = 'meeting_rating_good_share')::DOUBLE AS w_good
  FROM seed_quality_index_weights
),
cfg AS (SELECT min_coverage::DOUBLE AS min_coverage, rank_min_cell_months::INTEGER AS rank_min_cell_months FROM seed_quality_index_config),
scored AS (
  SELECT a.series, a.unit_code, a.period_type, a.period, a.year, a.cell_row,
         100 * (w.w_regular * a.months_regular / a.months_reported
                + CASE WHEN a.quarters_expected > 0 THEN w.w_thematic * a.quarters_thematic / a.quarters_expected ELSE 0 END
                + CASE WHEN a.members_expected > 0 THEN w.w_attendance * a.members_present / a.members_expected ELSE 0 END
                + CASE WHEN a.members_expected > 0 THEN w.w_unexcused * greatest(1 - a.unexcused_or_unknown / a.members_expected, 0) ELSE 0 END
                + CASE WHEN a.meetings_regular > 0 THEN w.w_day * a.regular_on_day / a.meetings_regular ELSE 0 END
                + CASE WHEN a.meetings > 0 THEN w.w_length * a.full_length / a.meetings ELSE 0 END
                + CASE WHEN a.meetings > 0 THEN w.w_good * a.rated_tot / a.meetings ELSE 0 END) AS numerator,
         w.w_regular + w.w_attendance + w.w_unexcused + w.w_day + w.w_length + w.w_good
           + CASE WHEN a.quarters_expected > 0 THEN w.w_thematic ELSE 0 END AS denominator,
         a.length_known + a.meetings_rated + a.unexcused_known + a.regular_day_known AS coverage_known,
         3 * a.meetings + a.meetings_regular AS coverage_needed,
         3 * a.meetings + a.meetings_regular = 0
           OR a.length_known + a.meetings_rated + a.unexcused_known + a.regular_day_known >= cfg.min_coverage * (3 * a.meetings + a.meetings_regular) AS enough_data,
         a.months_reported >= cfg.rank_min_cell_months AS enough_months,
         -- the date the parent is taken on: 31 December of the period's last year (reported), today (comparable;
         -- today's parent is the one whose range is open). A plain range keeps the join a hash join on unit_code.
         CASE WHEN a.series = 'reported' THEN make_date(coalesce(a.year, right(a.period, 4)::INTEGER), 12, 31) ELSE DATE '9999-12-31' END AS parent_on
  FROM agg_indicator_atoms a, w, cfg
  WHERE a.period_type IN ('year', 'term') AND a.months_reported > 0
),
parents AS (
  SELECT unit_code, ancestor_code AS parent_code, coalesce(valid_from, DATE '0001-01-01') AS valid_from,
         coalesce(valid_to, DATE '9999-12-31') AS valid_to
  FROM int_unit_ancestors WHERE depth = 1
)
SELECT s.series, s.unit_code, s.period_type, s.period, s.year, s.cell_row, s.numerator, s.denominator,
       s.coverage_known, s.coverage_needed,
       CASE WHEN s.enough_data THEN 'du_du_lieu' ELSE 'khong_du_du_lieu' END AS status,
       p.parent_code,
       CASE WHEN u.level = 'tren_co_so' THEN coalesce(g.peer_group, 'khac') END AS peer_group,
       CASE WHEN u.level = 'tren_co_so' THEN coalesce(g.peer_group_vi, 'Khác') END AS peer_group_vi,
       s.enough_data AND s.enough_months AND p.parent_code IS NOT NULL AS rankable,
       CASE WHEN p.parent_code IS NULL THEN NULL
            WHEN NOT s.enough_data THEN 'khong_du_du_lieu'
            WHEN NOT s.enough_months THEN 'it_du_lieu'
            ELSE 'xep_hang' END AS rank_status
FROM scored s
JOIN dim_units u ON u.unit_code = s.unit_code
LEFT JOIN seed_committee_peer_groups g ON g.unit_type = u.unit_type
LEFT JOIN parents p ON p.unit_code = s.unit_code
 AND s.parent_on BETWEEN p.valid_from AND p.valid_to
