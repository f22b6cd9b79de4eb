-- int_indicator_atoms: one row per series, unit (every level), period type and period, with every atom (the
-- counts the indicators are ratios of). series 'reported': the cells' months (fct_cell_months), the cells'
-- quarters and years (agg_cell_periods), the units above the cells (agg_unit_periods) and the terms
-- (agg_unit_terms). series 'comparable': the same rows for current units the comparable series leaves unchanged,
-- and agg_comparable_periods / agg_comparable_terms for the affected ones. Atoms that do not apply to a row are
-- NULL; year is NULL on term rows.
-- materialized: view
-- depends_on: fct_cell_months, agg_cell_periods, agg_unit_periods, agg_unit_terms, agg_comparable_periods, agg_comparable_terms, int_comparable_units
WITH reported AS (
  SELECT cell_code AS unit_code, 'month' AS period_type, strftime(month_start, '%Y-%m') AS period, year,
         * EXCLUDE (cell_code, committee_code, year, month_start)
  FROM fct_cell_months
  UNION ALL BY NAME
  SELECT * EXCLUDE (committee_code) FROM agg_cell_periods
  UNION ALL BY NAME
  SELECT * FROM agg_unit_periods
  UNION ALL BY NAME
  SELECT unit_code, 'term' AS period_type, period, NULL::INTEGER AS year, * EXCLUDE (unit_code, period) FROM agg_unit_terms
)
SELECT 'reported' AS series, * FROM reported
UNION ALL BY NAME
SELECT 'comparable' AS series, r.* FROM reported r
WHERE r.unit_code IN (SELECT unit_code FROM int_comparable_units WHERE in_comparable AND NOT affected)
UNION ALL BY NAME
SELECT 'comparable' AS series, * FROM agg_comparable_periods
UNION ALL BY NAME
SELECT 'comparable' AS series, unit_code, 'term' AS period_type, period, NULL::INTEGER AS year, * EXCLUDE (unit_code, period) FROM agg_comparable_terms
