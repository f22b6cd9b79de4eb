-- fct_meetings: one row per meeting held by a cell known to the registry, with its committee and period keys.
-- A view over the meeting logs in force (tens of millions of rows at national scale are not copied).
-- materialized: view
-- depends_on: stg_meetings, dim_units
SELECT
  m.*,
  u.committee_code,
  year(m.meeting_date) AS year,
  quarter(m.meeting_date) AS quarter,
  date_trunc('month', m.meeting_date)::DATE AS month_start
FROM stg_meetings m
JOIN dim_units u ON u.unit_code = m.cell_code
