-- fct_cell_months: one row per cell and calendar month in which a regular meeting was EXPECTED: the cell existed
-- for the whole month and its committee's meeting log for that year is in force.
-- depends_on: dim_units, stg_reported_committee_years, stg_meetings
WITH months AS (
  SELECT r.committee_code, r.year, make_date(r.year, m, 1) AS month_start
  FROM stg_reported_committee_years r, range(1, 13) AS t(m)
),
expected AS (
  SELECT u.unit_code AS cell_code, u.committee_code, months.year, months.month_start
  FROM dim_units u
  JOIN months ON months.committee_code = u.committee_code
  WHERE u.holds_meetings
    AND u.valid_from <= months.month_start
    AND (u.valid_to IS NULL OR u.valid_to >= last_day(months.month_start))
),
held AS (
  SELECT cell_code, date_trunc('month', meeting_date)::DATE AS month_start,
         bool_or(is_regular) AS regular_held, count(*) AS meetings
  FROM stg_meetings GROUP BY ALL
)
SELECT e.cell_code, e.committee_code, e.year, quarter(e.month_start) AS quarter, e.month_start,
       coalesce(h.regular_held, false) AS regular_held,
       coalesce(h.meetings, 0)::INTEGER AS meetings
FROM expected e LEFT JOIN held h USING (cell_code, month_start)
