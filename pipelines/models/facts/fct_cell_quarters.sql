-- fct_cell_quarters: one row per cell and calendar quarter in which a thematic meeting was EXPECTED: the cell
-- existed for the whole quarter and its committee's meeting log for that year is in force (in a year in progress,
-- only the quarters whose three months the log covers).
--   quarters_expected  1
--   quarters_thematic  1 when at least one thematic or combined meeting was held in the quarter
-- Partitioned by the cell's reporting committee and year.
-- materialized: partitioned
-- partition_by: committee_code, year
-- depends_on: dim_units, int_committee_years, fct_cell_months
WITH quarters AS (
  SELECT cy.committee_code, cy.year, t.q AS quarter, make_date(cy.year, 3 * t.q - 2, 1) AS quarter_start
  FROM int_committee_years cy, range(1, 5) AS t(q)
  WHERE cy.in_window AND cy.reported AND 3 * t.q <= cy.last_month AND cy.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(cy.committee_code)
),
expected AS (
  SELECT u.unit_code AS cell_code, q.committee_code, q.year, q.quarter, q.quarter_start
  FROM dim_units u
  JOIN quarters q ON q.committee_code = u.reporting_committee_code
  WHERE u.holds_meetings
    AND u.valid_from <= q.quarter_start
    AND (u.valid_to IS NULL OR u.valid_to >= last_day(q.quarter_start + INTERVAL 2 MONTH))
),
thematic AS (
  -- the cell-quarters with at least one thematic or combined meeting: only the cell-months that hold one are read
  SELECT DISTINCT cell_code, date_trunc('quarter', month_start)::DATE AS quarter_start
  FROM fct_cell_months
  WHERE meetings_thematic > 0 AND year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
)
SELECT e.cell_code, e.committee_code, e.year::INTEGER AS year, e.quarter::INTEGER AS quarter, e.quarter_start,
       1 AS quarters_expected,
       (t.cell_code IS NOT NULL)::INTEGER AS quarters_thematic
FROM expected e LEFT JOIN thematic t USING (cell_code, quarter_start)
