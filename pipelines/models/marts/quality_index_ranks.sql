-- quality_index_ranks: one row per series (reported, comparable), unit (every level) and year or term in which
-- its cells were expected to meet: the quality index, whether it is shown, and the unit's rank among its peers —
-- what a page needs to print "không đủ dữ liệu", "ít dữ liệu" or a rank "h/n".
--   quality_index      100 × numerator / denominator, NULL when status = 'khong_du_du_lieu'
--   coverage           coverage_known / coverage_needed: the optional entries the index reads that were filled in
--   status             'du_du_lieu' | 'khong_du_du_lieu' (coverage below min_coverage, quality_index_config.csv)
--   rank_status        'xep_hang' (ranked) | 'it_du_lieu' (below rank_min_cell_months) | 'khong_du_du_lieu' | NULL
--                      (the province: nothing to rank it among)
--   rank, ranked       h and n of "h/n": its place among the ranked peers and their number; rank_label = 'h/n'
--   parent_code, peer_group, peer_group_vi   whom it is ranked among (peer groups for committees only)
-- materialized: view
-- depends_on: agg_quality_years, agg_quality_terms, agg_quality_top_years, agg_quality_top_terms
SELECT series, unit_code, period_type, period,
       CASE WHEN status = 'du_du_lieu' THEN numerator / denominator END AS quality_index,
       numerator, denominator,
       CASE WHEN coverage_needed > 0 THEN coverage_known::DOUBLE / coverage_needed END AS coverage,
       coverage_known, coverage_needed, status, rank_status, rank::INTEGER AS rank, ranked::INTEGER AS ranked,
       CASE WHEN rank IS NOT NULL THEN rank || '/' || ranked END AS rank_label,
       parent_code, peer_group, peer_group_vi
FROM (SELECT * EXCLUDE (committee_code) FROM agg_quality_years
      UNION ALL BY NAME SELECT * FROM agg_quality_top_years
      UNION ALL BY NAME SELECT * EXCLUDE (committee_code) FROM agg_quality_terms
      UNION ALL BY NAME SELECT * FROM agg_quality_top_terms)
