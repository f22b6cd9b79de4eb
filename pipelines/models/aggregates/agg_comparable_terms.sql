-- agg_comparable_terms: one row per affected current unit (int_comparable_units) and party congress term, with
-- every atom of the comparable series summed over the term's years (2015-2020: 2016–2020; 2020-2025: 2021–2025; 2025-2030: 2026–2030).
-- depends_on: agg_comparable_periods
SELECT unit_code, term AS period, coalesce(sum(COLUMNS(* EXCLUDE (unit_code, term))), 0)::INTEGER
FROM (
  SELECT unit_code, term_of(year) AS term,
         * EXCLUDE (unit_code, committee_code, year, period_type, period)
  FROM agg_comparable_periods WHERE period_type = 'year'
)
WHERE term IS NOT NULL
GROUP BY unit_code, term
