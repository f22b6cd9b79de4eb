-- agg_cell_periods: one row per cell and quarter or year, with every atom summed over the period: the cell's
-- monthly atoms (fct_cell_months) over its months, its quarterly atoms (fct_cell_quarters) over its quarters and
-- its yearly atoms (fct_unit_years). A cell's month rows are fct_cell_months itself. Atoms that do not apply to
-- a period are 0. Partitioned by the cell's reporting committee and year.
-- materialized: partitioned
-- partition_by: committee_code, year
-- depends_on: fct_cell_months, fct_cell_quarters, fct_unit_years, dim_units
WITH atoms AS (
  SELECT cell_code AS unit_code, committee_code, year, quarter(month_start) AS quarter, * EXCLUDE (cell_code, committee_code, year, month_start)
  FROM fct_cell_months
  WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
  UNION ALL BY NAME
  SELECT cell_code AS unit_code, committee_code, year, quarter, quarters_expected, quarters_thematic
  FROM fct_cell_quarters
  WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
  UNION ALL BY NAME
  SELECT y.* EXCLUDE (unit_code, committee_code, year), y.unit_code, y.committee_code, y.year, NULL::BIGINT AS quarter
  FROM fct_unit_years y JOIN dim_units u ON u.unit_code = y.unit_code AND u.holds_meetings
  WHERE y.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(y.committee_code)
)
SELECT unit_code, committee_code, year, 'quarter' AS period_type, year || '-Q' || quarter AS period,
       coalesce(sum(COLUMNS(* EXCLUDE (unit_code, committee_code, year, quarter))), 0)::INTEGER
FROM atoms WHERE quarter IS NOT NULL
GROUP BY unit_code, committee_code, year, quarter
UNION ALL
SELECT unit_code, committee_code, year, 'year', year::VARCHAR,
       coalesce(sum(COLUMNS(* EXCLUDE (unit_code, committee_code, year, quarter))), 0)::INTEGER
FROM atoms
GROUP BY unit_code, committee_code, year
