-- agg_quality_terms: one row per series, unit below the committees (grassroots organisation or cell) and party
-- congress term with the quality index and the unit's rank among its peers, as agg_quality_years does for years.
-- The index, its coverage and who is ranked come from agg_quality_index (the one definition); here only the rank
-- (1 = highest index, ties share a rank) among the rankable peers and their number.
-- Partitioned by the unit's committee and the term.
-- materialized: partitioned
-- partition_by: committee_code, term
-- depends_on: agg_quality_index, dim_units
SELECT q.*, d.committee_code,
       CASE WHEN q.rankable THEN rank() OVER (PARTITION BY q.series, q.period, q.parent_code, q.peer_group, q.rankable ORDER BY round(q.numerator / q.denominator, 6) DESC) END AS rank,
       CASE WHEN q.rankable THEN count(*) OVER (PARTITION BY q.series, q.period, q.parent_code, q.peer_group, q.rankable) END AS ranked
FROM agg_quality_index q JOIN dim_units d ON d.unit_code = q.unit_code
WHERE q.period_type = 'term' AND in_scope_term(q.period)
  AND q.unit_code IN (SELECT unit_code FROM dim_units WHERE level NOT IN ('tinh', 'tren_co_so') AND in_scope_committee(committee_code))
