-- indicator_values: one row per unit (every level, cell to province), period and indicator of the AS-REPORTED
-- series, as numerator, denominator and value = numerator / denominator. Roll-ups are ratios of sums, never
-- means of ratios, and follow the hierarchy valid at the time. Shares come from agg_indicator_shares; the
-- quality index (unit 'score', 0–100; only where enough of its entries were filled in), its coverage (a share)
-- and its rank among peers (unit 'rank': numerator = rank h, denominator = n ranked, value = h) from quality_index_ranks.
-- period_type: month (2016-01) | quarter (2016-Q1) | year (2016) | term (2015-2020: years 2016-2020; 2020-2025: 2021-2025; 2025-2030: 2026-2030).
-- A table; above a million cell-months (a tenth of a national meeting log) a view over the same models, because
-- writing ~700 million narrow rows would take minutes (see docs/indicators.md, "Performance").
-- view_above: 1000000 rows in fct_cell_months
-- depends_on: agg_indicator_shares, quality_index_ranks
SELECT unit_code, period_type, period, indicator, numerator::DOUBLE AS numerator, denominator::DOUBLE AS denominator,
       numerator::DOUBLE / denominator AS value
FROM agg_indicator_shares WHERE series = 'reported'
UNION ALL
SELECT unit_code, period_type, period, 'quality_index', numerator, denominator, quality_index
FROM quality_index_ranks WHERE series = 'reported' AND status = 'du_du_lieu'
UNION ALL
SELECT unit_code, period_type, period, 'quality_index_coverage', coverage_known::DOUBLE, coverage_needed::DOUBLE, coverage
FROM quality_index_ranks WHERE series = 'reported' AND coverage_needed > 0
UNION ALL
SELECT unit_code, period_type, period, 'quality_index_rank', rank::DOUBLE, ranked::DOUBLE, rank::DOUBLE
FROM quality_index_ranks WHERE series = 'reported' AND rank IS NOT NULL
