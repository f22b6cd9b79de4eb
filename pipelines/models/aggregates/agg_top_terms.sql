-- agg_top_terms: one row per unit above the committees (the province) and party congress term, with every atom
-- summed over the term's years (agg_top_periods).
-- depends_on: agg_top_periods
SELECT unit_code, term AS period, sum(COLUMNS(* EXCLUDE (unit_code, term)))::INTEGER
FROM (
  SELECT unit_code, term_of(year) AS term,
         * EXCLUDE (unit_code, year, period_type, period)
  FROM agg_top_periods WHERE period_type = 'year'
)
WHERE term IS NOT NULL
GROUP BY unit_code, term
