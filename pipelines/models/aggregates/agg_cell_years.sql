-- agg_cell_years: one row per cell and year, with every atom summed over the year: the cell's monthly atoms
-- (fct_cell_months), its quarterly atoms (fct_cell_quarters) and its yearly atoms (fct_unit_years). A cell's
-- months are fct_cell_months itself and its quarters are summed on the fly (agg_cell_quarters). Partitioned by
-- the cell's reporting committee and year.
-- materialized: partitioned
-- partition_by: committee_code, year
-- depends_on: fct_cell_months, fct_cell_quarters, fct_unit_years, dim_units
WITH months AS (
  SELECT cell_code, committee_code, year, sum(COLUMNS(* EXCLUDE (cell_code, committee_code, year, month_start)))
  FROM fct_cell_months
  WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
  GROUP BY cell_code, committee_code, year
),
quarters AS (
  SELECT cell_code AS q_cell, year AS q_year, sum(quarters_expected) AS quarters_expected, sum(quarters_thematic) AS quarters_thematic
  FROM fct_cell_quarters
  WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
  GROUP BY cell_code, year
),
years AS (
  SELECT y.unit_code AS y_cell, y.committee_code AS y_committee, y.year AS y_year, y.* EXCLUDE (unit_code, committee_code, year)
  FROM fct_unit_years y JOIN dim_units u ON u.unit_code = y.unit_code AND u.holds_meetings
  WHERE y.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(y.committee_code)
)
SELECT coalesce(m.cell_code, y.y_cell) AS unit_code, coalesce(m.committee_code, y.y_committee) AS committee_code,
       coalesce(m.year, y.y_year)::INTEGER AS year, 'year' AS period_type, coalesce(m.year, y.y_year)::VARCHAR AS period,
       coalesce(COLUMNS(* EXCLUDE (cell_code, committee_code, year, q_cell, q_year, y_cell, y_committee, y_year)), 0)::INTEGER
FROM months m
FULL OUTER JOIN years y ON y.y_cell = m.cell_code AND y.y_year = m.year
LEFT JOIN quarters q ON q.q_cell = m.cell_code AND q.q_year = m.year
