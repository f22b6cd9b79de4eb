-- agg_indicator_atoms: one row per series, unit (every level), period type and period, with every atom.
-- series 'reported': agg_reported_atoms. series 'comparable': the same rows for the current units a merger or a
-- move leaves unchanged (int_comparable_units), and agg_comparable_periods / agg_comparable_terms for the
-- affected ones. Atoms that do not apply to a row are NULL; year is NULL on term rows.
-- materialized: view
-- depends_on: agg_reported_atoms, agg_comparable_periods, agg_comparable_terms, int_comparable_units, dim_units
SELECT 'reported' AS series, false AS copied, * FROM agg_reported_atoms
UNION ALL BY NAME
SELECT 'comparable' AS series, true AS copied, * FROM agg_reported_atoms
WHERE unit_code IN (SELECT unit_code FROM int_comparable_units WHERE in_comparable AND NOT affected)
UNION ALL BY NAME
SELECT 'comparable' AS series, false AS copied, c.* EXCLUDE (committee_code), u.holds_meetings AS cell_row FROM agg_comparable_periods c JOIN dim_units u USING (unit_code)
UNION ALL BY NAME
SELECT 'comparable' AS series, false AS copied, c.unit_code, 'term' AS period_type, c.period, NULL::INTEGER AS year, u.holds_meetings AS cell_row, c.* EXCLUDE (unit_code, period)
FROM agg_comparable_terms c JOIN dim_units u USING (unit_code)
