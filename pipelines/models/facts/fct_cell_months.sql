-- fct_cell_months: one row per cell and calendar month in which the cell existed for the whole month within the
-- reporting window, or held a meeting: the monthly counts ("atoms") that every monthly indicator sums.
--   months_to_report   1 when the cell existed the whole month in the reporting window (expected to report); a
--                      year in progress has no month after its last_month (int_committee_years)
--   months_reported    1 when, in addition, its committee's meeting log for the year is in force: the month
--                      is expected to have a regular meeting (not reported is never counted as not held)
--   months_regular     1 when, in addition, a regular or combined meeting was held
--   meetings ... score_known  counts and sums over ALL meetings of the month (a partial month's meetings count);
--   the *_known counts say how many meetings filled in an optional field (its coverage), and
--   unexcused_or_unknown counts every absence not recorded as excused (an empty vang_khong_ly_do never lowers it)
-- Definitions: docs/indicators.md. Partitioned by the cell's reporting committee and year. Sums are taken in DOUBLE
-- (exact for integers below 2^53) because DuckDB's 128-bit integer sums are much slower at national scale.
-- materialized: partitioned
-- partition_by: committee_code, year
-- sorted_by: committee_code, cell_code, month_start
-- depends_on: dim_units, int_committee_years, stg_meetings
WITH months AS (
  SELECT cy.committee_code, cy.year, cy.reported, make_date(cy.year, t.m, 1) AS month_start
  FROM int_committee_years cy, range(1, 13) AS t(m)
  WHERE cy.in_window AND t.m <= cy.last_month AND cy.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(cy.committee_code)
),
whole AS (
  SELECT u.unit_code AS cell_code, m.committee_code, m.month_start, m.reported
  FROM dim_units u
  JOIN months m ON m.committee_code = u.reporting_committee_code
  WHERE u.holds_meetings
    AND u.valid_from <= m.month_start
    AND (u.valid_to IS NULL OR u.valid_to >= last_day(m.month_start))
),
held AS (
  SELECT
    cell_code,
    committee_code,
    date_trunc('month', meeting_date)::DATE AS month_start,
    count(*) AS meetings,
    count_if(is_regular) AS meetings_regular,
    count_if(is_thematic) AS meetings_thematic,
    sum(expected_attendees::DOUBLE) AS members_expected,
    sum(present::DOUBLE) AS members_present,
    count_if(expected_attendees > 0) AS meetings_att_known,
    count_if(expected_attendees > 0 AND present * 10 >= expected_attendees * 9) AS meetings_att_90,
    sum(expected_attendees::DOUBLE) FILTER (WHERE absent_unexcused IS NOT NULL) AS unexcused_base,
    sum(absent_unexcused::DOUBLE) AS unexcused_absent,
    count(absent_excused) AS excused_known,
    count(absent_unexcused) AS unexcused_known,
    sum(coalesce(absent_unexcused, greatest(expected_attendees - present - coalesce(absent_excused, 0), 0))::DOUBLE) AS unexcused_or_unknown,
    count_if(is_regular AND on_prescribed_day IS NOT NULL) AS regular_day_known,
    count_if(is_regular AND on_prescribed_day) AS regular_on_day,
    count(minutes) AS length_known,
    count_if(minutes >= CASE WHEN meeting_kind = 'ket_hop' THEN 120 ELSE 90 END) AS full_length,
    sum(present::DOUBLE) FILTER (WHERE speakers IS NOT NULL) AS speakers_base,
    sum(speakers::DOUBLE) AS speakers,
    count(speakers) AS speakers_known,
    count(superior_attended) AS superior_known,
    count_if(superior_attended) AS superior_attended,
    count_if(format IN ('truc_tuyen', 'ket_hop')) AS meetings_online,
    count(rating) AS meetings_rated,
    count_if(rating = 'tot') AS rated_tot,
    count_if(rating = 'kha') AS rated_kha,
    count_if(rating = 'trung_binh') AS rated_trung_binh,
    count_if(rating = 'kem') AS rated_kem,
    count(score) AS score_known
  FROM stg_meetings
  WHERE meeting_date BETWEEN make_date(scope_year_from(), 1, 1) AND make_date(scope_year_to(), 12, 31)
    AND in_scope_file(submitted_by) AND in_scope_committee(committee_code)
  GROUP BY ALL
)
SELECT
  coalesce(w.cell_code, h.cell_code) AS cell_code,
  coalesce(w.committee_code, h.committee_code) AS committee_code,
  year(coalesce(w.month_start, h.month_start))::INTEGER AS year,
  coalesce(w.month_start, h.month_start) AS month_start,
  (w.cell_code IS NOT NULL)::INTEGER AS months_to_report,
  coalesce(w.reported, false)::INTEGER AS months_reported,
  coalesce(w.reported AND h.meetings_regular > 0, false)::INTEGER AS months_regular,
  coalesce(h.meetings, 0)::INTEGER AS meetings,
  coalesce(h.meetings_regular, 0)::INTEGER AS meetings_regular,
  coalesce(h.meetings_thematic, 0)::INTEGER AS meetings_thematic,
  coalesce(h.members_expected, 0)::INTEGER AS members_expected,
  coalesce(h.members_present, 0)::INTEGER AS members_present,
  coalesce(h.meetings_att_known, 0)::INTEGER AS meetings_att_known,
  coalesce(h.meetings_att_90, 0)::INTEGER AS meetings_att_90,
  coalesce(h.unexcused_base, 0)::INTEGER AS unexcused_base,
  coalesce(h.unexcused_absent, 0)::INTEGER AS unexcused_absent,
  coalesce(h.excused_known, 0)::INTEGER AS excused_known,
  coalesce(h.unexcused_known, 0)::INTEGER AS unexcused_known,
  coalesce(h.unexcused_or_unknown, 0)::INTEGER AS unexcused_or_unknown,
  coalesce(h.regular_day_known, 0)::INTEGER AS regular_day_known,
  coalesce(h.regular_on_day, 0)::INTEGER AS regular_on_day,
  coalesce(h.length_known, 0)::INTEGER AS length_known,
  coalesce(h.full_length, 0)::INTEGER AS full_length,
  coalesce(h.speakers_base, 0)::INTEGER AS speakers_base,
  coalesce(h.speakers, 0)::INTEGER AS speakers,
  coalesce(h.speakers_known, 0)::INTEGER AS speakers_known,
  coalesce(h.superior_known, 0)::INTEGER AS superior_known,
  coalesce(h.superior_attended, 0)::INTEGER AS superior_attended,
  coalesce(h.meetings_online, 0)::INTEGER AS meetings_online,
  coalesce(h.meetings_rated, 0)::INTEGER AS meetings_rated,
  coalesce(h.rated_tot, 0)::INTEGER AS rated_tot,
  coalesce(h.rated_kha, 0)::INTEGER AS rated_kha,
  coalesce(h.rated_trung_binh, 0)::INTEGER AS rated_trung_binh,
  coalesce(h.rated_kem, 0)::INTEGER AS rated_kem,
  coalesce(h.score_known, 0)::INTEGER AS score_known
FROM whole w
FULL OUTER JOIN held h ON h.cell_code = w.cell_code AND h.month_start = w.month_start
