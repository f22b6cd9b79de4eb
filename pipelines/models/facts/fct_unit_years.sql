-- fct_unit_years: one row per cell or grassroots organisation and year with a yearly count ("atom"):
--   cell_years_expected / cell_years_every_month / cell_years_every_quarter  the cell existed the whole year, its
--       committee's meeting log is in force, and it held a regular meeting in each of the 12 months / a thematic
--       (or combined) meeting in each of the 4 quarters
--   org_*   the annual rating of a grassroots organisation (dang_bo_co_so, chi_bo_co_so): rated, rated
--           Hoàn thành tốt nhiệm vụ or better (htt, htxs), rated Không hoàn thành nhiệm vụ (kht), and one count per
--           level (org_htxs, org_htt, org_ht; kht is org_fail)
--   cell_*  the same for a subordinate cell (chi_bo)
--   org_to_rate / cell_to_rate  the unit existed on 31 December of a year of the reporting window, so a rating is
--           expected; org_rated_expected / cell_rated_expected  ... and it has one (ratings completeness)
--   members_*  members rated, rated htt or better, rated kht — from the cells' rows only (a grassroots
--           organisation's row repeats the sum of its cells)
--   cell_rows_rated / secretary_known / secretary_trained  cells (chi_bo, chi_bo_co_so) with a rating row, those
--           whose row says whether the secretary was trained that year, and those trained
-- Partitioned by the unit's reporting committee and year.
-- materialized: partitioned
-- partition_by: committee_code, year
-- depends_on: dim_units, int_committee_years, fct_cell_months, fct_cell_quarters, stg_ratings
WITH thematic AS (
  SELECT cell_code, year, sum(quarters_thematic) AS quarters_thematic
  FROM fct_cell_quarters
  WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
  GROUP BY ALL
),
cell_years AS (
  SELECT m.cell_code AS unit_code, m.committee_code, m.year,
         1 AS cell_years_expected,
         (sum(m.months_regular) = 12)::INTEGER AS cell_years_every_month,
         (any_value(coalesce(t.quarters_thematic, 0)) = 4)::INTEGER AS cell_years_every_quarter
  FROM fct_cell_months m
  JOIN dim_units u ON u.unit_code = m.cell_code
  LEFT JOIN thematic t ON t.cell_code = m.cell_code AND t.year = m.year
  WHERE m.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(m.committee_code)
    AND u.valid_from <= make_date(m.year, 1, 1) AND (u.valid_to IS NULL OR u.valid_to >= make_date(m.year, 12, 31))
  GROUP BY m.cell_code, m.committee_code, m.year
  HAVING sum(m.months_reported) = 12
),
ratings AS (
  SELECT r.unit_code, r.committee_code, r.year,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so'))::INTEGER AS org_rated,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so') AND r.rating IN ('htxs', 'htt'))::INTEGER AS org_good,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so') AND r.rating = 'kht')::INTEGER AS org_fail,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so') AND r.rating = 'htxs')::INTEGER AS org_htxs,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so') AND r.rating = 'htt')::INTEGER AS org_htt,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so') AND r.rating = 'ht')::INTEGER AS org_ht,
         (u.level = 'chi_bo')::INTEGER AS cell_rated,
         (u.level = 'chi_bo' AND r.rating IN ('htxs', 'htt'))::INTEGER AS cell_good,
         (u.level = 'chi_bo' AND r.rating = 'kht')::INTEGER AS cell_fail,
         (u.level = 'chi_bo' AND r.rating = 'htxs')::INTEGER AS cell_htxs,
         (u.level = 'chi_bo' AND r.rating = 'htt')::INTEGER AS cell_htt,
         (u.level = 'chi_bo' AND r.rating = 'ht')::INTEGER AS cell_ht,
         CASE WHEN u.holds_meetings THEN r.members_rated ELSE 0 END AS members_rated,
         CASE WHEN u.holds_meetings THEN r.members_htxs + r.members_htt ELSE 0 END AS members_good,
         CASE WHEN u.holds_meetings THEN r.members_kht ELSE 0 END AS members_fail,
         u.holds_meetings::INTEGER AS cell_rows_rated,
         (u.holds_meetings AND r.secretary_trained IS NOT NULL)::INTEGER AS secretary_known,
         (u.holds_meetings AND r.secretary_trained)::INTEGER AS secretary_trained
  FROM stg_ratings r
  JOIN dim_units u ON u.unit_code = r.unit_code
  WHERE r.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(r.committee_code)
),
to_rate AS (
  -- a unit that exists on 31 December is rated for that year (annual review); years of the reporting window, not
  -- a year in progress (its review has not come)
  SELECT u.unit_code, cy.committee_code, cy.year,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so'))::INTEGER AS org_to_rate,
         (u.level = 'chi_bo')::INTEGER AS cell_to_rate
  FROM dim_units u
  JOIN int_committee_years cy ON cy.committee_code = u.reporting_committee_code AND cy.in_window AND cy.complete
  WHERE u.level IN ('dang_bo_co_so', 'chi_bo_co_so', 'chi_bo')
    AND u.valid_from <= make_date(cy.year, 12, 31) AND (u.valid_to IS NULL OR u.valid_to >= make_date(cy.year, 12, 31))
    AND cy.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(cy.committee_code)
),
summed AS (
  SELECT unit_code, committee_code, year, coalesce(sum(COLUMNS(* EXCLUDE (unit_code, committee_code, year))), 0)::INTEGER
  FROM (SELECT * FROM cell_years UNION ALL BY NAME SELECT * FROM ratings UNION ALL BY NAME SELECT * FROM to_rate)
  GROUP BY unit_code, committee_code, year
)
SELECT unit_code, committee_code, year::INTEGER AS year,
       * EXCLUDE (unit_code, committee_code, year),
       (org_to_rate > 0 AND org_rated > 0)::INTEGER AS org_rated_expected,
       (cell_to_rate > 0 AND cell_rated > 0)::INTEGER AS cell_rated_expected
FROM summed
