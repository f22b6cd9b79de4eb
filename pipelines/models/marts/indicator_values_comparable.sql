-- indicator_values_comparable: one row per current unit (every level), period and indicator of the COMPARABLE
-- series: each current unit's past includes the units it absorbed, and roll-ups use today's hierarchy. Units
-- merged into another have no rows. Same columns and meaning as indicator_values. A view: only the units a
-- merger or a move affects are stored separately (agg_comparable_*); the others read the reported figures.
-- materialized: view
-- depends_on: int_indicator_shares, agg_quality_years, agg_quality_top_years, agg_quality_terms, agg_quality_top_terms
SELECT unit_code, period_type, period, indicator, numerator::DOUBLE AS numerator, denominator::DOUBLE AS denominator,
       numerator::DOUBLE / denominator AS value
FROM int_indicator_shares WHERE series = 'comparable'
UNION ALL
SELECT unit_code, period_type, period, 'quality_index', numerator, denominator, numerator / denominator
FROM (SELECT series, unit_code, period_type, period, numerator, denominator FROM agg_quality_years
      UNION ALL SELECT series, unit_code, period_type, period, numerator, denominator FROM agg_quality_top_years
      UNION ALL SELECT series, unit_code, period_type, period, numerator, denominator FROM agg_quality_terms
      UNION ALL SELECT series, unit_code, period_type, period, numerator, denominator FROM agg_quality_top_terms)
WHERE series = 'comparable'
UNION ALL
SELECT unit_code, period_type, period, 'quality_index_rank', rank::DOUBLE, siblings::DOUBLE, rank::DOUBLE / siblings
FROM (SELECT series, unit_code, period_type, period, rank, siblings FROM agg_quality_years
      UNION ALL SELECT series, unit_code, period_type, period, rank, siblings FROM agg_quality_top_years
      UNION ALL SELECT series, unit_code, period_type, period, rank, siblings FROM agg_quality_terms
      UNION ALL SELECT series, unit_code, period_type, period, rank, siblings FROM agg_quality_top_terms)
WHERE series = 'comparable' AND rank IS NOT NULL
