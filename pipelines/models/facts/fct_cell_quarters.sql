-- fct_cell_quarters: one row per cell and calendar quarter in which a thematic meeting was EXPECTED: the cell
-- existed for the whole quarter and its committee's meeting log for that year is in force.
-- depends_on: dim_units, stg_reported_committee_years, stg_meetings
WITH quarters AS (
  SELECT r.committee_code, r.year, q AS quarter, make_date(r.year, 3 * q - 2, 1) AS quarter_start
  FROM stg_reported_committee_years r, range(1, 5) AS t(q)
),
expected AS (
  SELECT u.unit_code AS cell_code, u.committee_code, quarters.year, quarters.quarter, quarters.quarter_start
  FROM dim_units u
  JOIN quarters ON quarters.committee_code = u.committee_code
  WHERE u.holds_meetings
    AND u.valid_from <= quarters.quarter_start
    AND (u.valid_to IS NULL OR u.valid_to >= last_day(quarters.quarter_start + INTERVAL 2 MONTH))
),
held AS (
  SELECT cell_code, date_trunc('quarter', meeting_date)::DATE AS quarter_start, bool_or(is_thematic) AS thematic_held
  FROM stg_meetings GROUP BY ALL
)
SELECT e.cell_code, e.committee_code, e.year, e.quarter, e.quarter_start,
       coalesce(h.thematic_held, false) AS thematic_held
FROM expected e LEFT JOIN held h USING (cell_code, quarter_start)
