-- agg_reported_atoms: one row per unit (every level), period type and period of the AS-REPORTED series, with
-- every atom (the counts the indicators are ratios of): the cells' months (fct_cell_months), quarters
-- (agg_cell_quarters) and years (agg_cell_years), the units above the cells (agg_unit_periods, agg_top_periods) and every unit's
-- terms (agg_unit_terms, agg_top_terms). Atoms that do not apply to a row are NULL; year is NULL on term rows. cell_row is a
-- constant per branch, so a filter on it lets DuckDB skip the cells' tens of millions of rows at national scale.
-- materialized: view
-- depends_on: fct_cell_months, agg_cell_quarters, agg_cell_years, agg_unit_periods, agg_top_periods, agg_unit_terms, agg_top_terms
SELECT cell_code AS unit_code, 'month' AS period_type, strftime(month_start, '%Y-%m') AS period, year, true AS cell_row,
       * EXCLUDE (cell_code, committee_code, year, month_start)
FROM fct_cell_months
UNION ALL BY NAME
SELECT unit_code, 'quarter' AS period_type, year || '-Q' || quarter AS period, year, true AS cell_row, * EXCLUDE (unit_code, year, quarter)
FROM agg_cell_quarters
UNION ALL BY NAME
SELECT true AS cell_row, * EXCLUDE (committee_code) FROM agg_cell_years
UNION ALL BY NAME
SELECT false AS cell_row, * EXCLUDE (committee_code) FROM agg_unit_periods
UNION ALL BY NAME
SELECT false AS cell_row, * FROM agg_top_periods
UNION ALL BY NAME
SELECT unit_code, 'term' AS period_type, period, NULL::INTEGER AS year, true AS cell_row, * EXCLUDE (unit_code, committee_code, period, is_cell) FROM agg_unit_terms WHERE is_cell
UNION ALL BY NAME
SELECT unit_code, 'term' AS period_type, period, NULL::INTEGER AS year, false AS cell_row, * EXCLUDE (unit_code, committee_code, period, is_cell) FROM agg_unit_terms WHERE NOT is_cell
UNION ALL BY NAME
SELECT unit_code, 'term' AS period_type, period, NULL::INTEGER AS year, false AS cell_row, * EXCLUDE (unit_code, period) FROM agg_top_terms
