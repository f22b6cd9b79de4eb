-- int_indicator_atoms: one row per series, unit (every level), period type and period, with every atom.
-- series 'reported': int_reported_atoms. series 'comparable': the same rows for the current units a merger or a
-- move leaves unchanged (int_comparable_units), and agg_comparable_periods / agg_comparable_terms for the
-- affected ones. Atoms that do not apply to a row are NULL; year is NULL on term rows.
-- materialized: view
-- depends_on: int_reported_atoms, agg_comparable_periods, agg_comparable_terms, int_comparable_units
SELECT 'reported' AS series, * FROM int_reported_atoms
UNION ALL BY NAME
SELECT 'comparable' AS series, * FROM int_reported_atoms
WHERE unit_code IN (SELECT unit_code FROM int_comparable_units WHERE in_comparable AND NOT affected)
UNION ALL BY NAME
SELECT 'comparable' AS series, * FROM agg_comparable_periods
UNION ALL BY NAME
SELECT 'comparable' AS series, unit_code, 'term' AS period_type, period, NULL::INTEGER AS year, * EXCLUDE (unit_code, period) FROM agg_comparable_terms
