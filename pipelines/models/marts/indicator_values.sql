-- indicator_values: one row per unit (every level, cell to province), period and indicator of the AS-REPORTED
-- series, as numerator, denominator and value = numerator / denominator. Roll-ups are ratios of sums, never
-- means of ratios, and follow the hierarchy valid at the time. Shares come from int_indicator_shares; the
-- quality index (unit 'score', 0–100) and its rank among siblings (unit 'rank': numerator = rank, denominator =
-- siblings ranked) from agg_quality_years, agg_quality_top_years and agg_quality_terms.
-- period_type: month (2016-01) | quarter (2016-Q1) | year (2016) | term (2015-2020: years 2016-2020; 2020-2025: 2021 on).
-- A table; above a million cell-months (a tenth of a national meeting log) a view over the same models, because
-- writing ~700 million narrow rows would take minutes (see docs/indicators.md, "Performance").
-- view_above: 1000000 rows in fct_cell_months
-- depends_on: int_indicator_shares, agg_quality_years, agg_quality_top_years, agg_quality_terms, agg_quality_top_terms
SELECT unit_code, period_type, period, indicator, numerator::DOUBLE AS numerator, denominator::DOUBLE AS denominator,
       numerator::DOUBLE / denominator AS value
FROM int_indicator_shares WHERE series = 'reported'
UNION ALL
SELECT unit_code, period_type, period, 'quality_index', numerator, denominator, numerator / denominator
FROM (SELECT series, unit_code, period_type, period, numerator, denominator FROM agg_quality_years
      UNION ALL SELECT series, unit_code, period_type, period, numerator, denominator FROM agg_quality_top_years
      UNION ALL SELECT series, unit_code, period_type, period, numerator, denominator FROM agg_quality_terms
      UNION ALL SELECT series, unit_code, period_type, period, numerator, denominator FROM agg_quality_top_terms)
WHERE series = 'reported'
UNION ALL
SELECT unit_code, period_type, period, 'quality_index_rank', rank::DOUBLE, siblings::DOUBLE, rank::DOUBLE / siblings
FROM (SELECT series, unit_code, period_type, period, rank, siblings FROM agg_quality_years
      UNION ALL SELECT series, unit_code, period_type, period, rank, siblings FROM agg_quality_top_years
      UNION ALL SELECT series, unit_code, period_type, period, rank, siblings FROM agg_quality_terms
      UNION ALL SELECT series, unit_code, period_type, period, rank, siblings FROM agg_quality_top_terms)
WHERE series = 'reported' AND rank IS NOT NULL
