-- agg_quality_top_years: one row per series, committee or province and year with the quality index and the
-- committee's rank among the committees of its peer group (districts and towns; blocs; police and military).
-- The index, its coverage and who is ranked come from agg_quality_index (the one definition); here only the rank
-- (1 = highest index, ties share a rank) among the rankable peers and their number.
-- Partitioned by year.
-- materialized: partitioned
-- partition_by: year
-- depends_on: agg_quality_index, dim_units
SELECT q.*,
       CASE WHEN q.rankable THEN rank() OVER (PARTITION BY q.series, q.period, q.parent_code, q.peer_group, q.rankable ORDER BY round(q.numerator / q.denominator, 6) DESC) END AS rank,
       CASE WHEN q.rankable THEN count(*) OVER (PARTITION BY q.series, q.period, q.parent_code, q.peer_group, q.rankable) END AS ranked
FROM agg_quality_index q
WHERE q.period_type = 'year' AND NOT q.cell_row AND q.year BETWEEN scope_year_from() AND scope_year_to()
  AND q.unit_code IN (SELECT unit_code FROM dim_units WHERE level IN ('tinh', 'tren_co_so'))
