-- agg_top_terms: one row per unit above the committees (the province) and party congress term, with every atom
-- summed over the term's years (agg_top_periods).
-- depends_on: agg_top_periods
SELECT unit_code, term AS period, sum(COLUMNS(* EXCLUDE (unit_code, term)))::INTEGER
FROM (
  SELECT unit_code, CASE WHEN year BETWEEN 2016 AND 2020 THEN '2015-2020' WHEN year BETWEEN 2021 AND 2025 THEN '2020-2025' END AS term,
         * EXCLUDE (unit_code, year, period_type, period)
  FROM agg_top_periods WHERE period_type = 'year'
)
WHERE term IS NOT NULL
GROUP BY unit_code, term
