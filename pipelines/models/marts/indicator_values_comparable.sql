-- indicator_values_comparable: one row per current unit (every level), period and indicator of the COMPARABLE
-- series: each current unit's past includes the units it absorbed, and roll-ups use today's hierarchy. Units
-- merged into another have no rows. Same columns and meaning as indicator_values. A view: only the units a
-- merger or a move affects are stored separately (agg_comparable_*); the others read the reported figures.
-- materialized: view
-- depends_on: agg_indicator_shares, quality_index_ranks
SELECT unit_code, period_type, period, indicator, numerator::DOUBLE AS numerator, denominator::DOUBLE AS denominator,
       numerator::DOUBLE / denominator AS value
FROM agg_indicator_shares WHERE series = 'comparable'
UNION ALL
SELECT unit_code, period_type, period, 'quality_index', numerator, denominator, quality_index
FROM quality_index_ranks WHERE series = 'comparable' AND status = 'du_du_lieu'
UNION ALL
SELECT unit_code, period_type, period, 'quality_index_coverage', coverage_known::DOUBLE, coverage_needed::DOUBLE, coverage
FROM quality_index_ranks WHERE series = 'comparable' AND coverage_needed > 0
UNION ALL
SELECT unit_code, period_type, period, 'quality_index_rank', rank::DOUBLE, ranked::DOUBLE, rank::DOUBLE
FROM quality_index_ranks WHERE series = 'comparable' AND rank IS NOT NULL
