-- Data tests for the quality index and its ranks (agg_quality_years, _terms, _top_years, _top_terms; on the
-- partitions built in this run).

-- test: the index lies in [0, 100], its coverage in [0, 1], and a rank in [1, ranked] for ranked units only
WITH q AS (
  SELECT 'years' AS model, series, unit_code, period, numerator, denominator, coverage_known, coverage_needed, rankable, rank, ranked FROM agg_quality_years
  WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
  UNION ALL
  SELECT 'top years', series, unit_code, period, numerator, denominator, coverage_known, coverage_needed, rankable, rank, ranked FROM agg_quality_top_years
  WHERE year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL
  SELECT 'terms', series, unit_code, period, numerator, denominator, coverage_known, coverage_needed, rankable, rank, ranked FROM agg_quality_terms
  WHERE in_scope_committee(committee_code)
  UNION ALL
  SELECT 'top terms', series, unit_code, period, numerator, denominator, coverage_known, coverage_needed, rankable, rank, ranked FROM agg_quality_top_terms
)
SELECT * FROM q
WHERE denominator <= 0 OR numerator / denominator NOT BETWEEN 0 AND 100 OR coverage_known NOT BETWEEN 0 AND coverage_needed
   OR (rankable AND rank NOT BETWEEN 1 AND ranked) OR (NOT rankable AND rank IS NOT NULL);
