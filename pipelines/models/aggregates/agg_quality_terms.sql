-- agg_quality_terms: one row per series, unit below the committees (grassroots organisation or cell) and party
-- congress term with the composite quality index and the unit's rank among its siblings, as agg_quality_years
-- does for years (committees and the province: agg_quality_top_terms). Partitioned by the unit's committee and
-- the term. Siblings share the parent of the term's last day in the reported series (31 December 2020 or 2025),
-- today's parent in the comparable one.
-- materialized: partitioned
-- partition_by: committee_code, term
-- The optimizer guesses a few thousand unpivoted shares where there are millions; after an incremental delete it then
-- built its hash table on the shares instead of the units in scope (bench: 1.4 s of 1.5 s in the semi-join).
-- disabled_optimizers: build_side_probe_side
-- depends_on: int_indicator_shares, indicator_catalog, int_unit_ancestors, int_comparable_units, dim_units
WITH scores AS (
  SELECT s.series, s.unit_code, s.period, s.indicator, w.weight,
         CASE WHEN k.higher_is_better THEN s.numerator / s.denominator ELSE 1 - s.numerator / s.denominator END AS score
  FROM int_indicator_shares s
  JOIN seed_quality_index_weights w ON w.indicator = s.indicator
  JOIN indicator_catalog k ON k.indicator = s.indicator
  WHERE NOT s.copied AND s.period_type = 'term' AND in_scope_term(s.period)
    AND s.unit_code IN (SELECT unit_code FROM dim_units WHERE level NOT IN ('tinh', 'tren_co_so') AND in_scope_committee(committee_code))
),
computed AS (
  -- exact decimal sums: the figure does not depend on the order rows are added in (incremental = full rebuild)
  SELECT series, unit_code, period,
         100 * sum(weight::DECIMAL(9, 4) * score::DECIMAL(18, 15))::DOUBLE AS numerator,
         sum(weight::DECIMAL(9, 4))::DOUBLE AS denominator
  FROM scores GROUP BY ALL
),
idx AS (
  -- a current unit that no merger or move touches has the same index in the comparable series
  SELECT * FROM computed
  UNION ALL
  SELECT 'comparable' AS series, c.unit_code, c.period, c.numerator, c.denominator
  FROM computed c JOIN int_comparable_units cu ON cu.unit_code = c.unit_code AND cu.in_comparable AND NOT cu.affected
  WHERE c.series = 'reported'
),
parents AS (
  SELECT unit_code, ancestor_code AS parent_code, coalesce(valid_from, DATE '0001-01-01') AS valid_from,
         coalesce(valid_to, DATE '9999-12-31') AS valid_to, valid_to IS NULL AS is_today
  FROM int_unit_ancestors WHERE depth = 1
),
with_parent AS (
  SELECT i.*, p.parent_code
  FROM idx i LEFT JOIN parents p ON p.unit_code = i.unit_code AND make_date(right(i.period, 4)::INTEGER, 12, 31) BETWEEN p.valid_from AND p.valid_to
  WHERE i.series = 'reported'
  UNION ALL
  SELECT i.*, p.parent_code
  FROM idx i LEFT JOIN parents p ON p.unit_code = i.unit_code AND p.is_today
  WHERE i.series = 'comparable'
)
SELECT w.series, w.unit_code, d.committee_code, 'term' AS period_type, w.period, w.numerator, w.denominator, w.parent_code,
       CASE WHEN w.parent_code IS NOT NULL THEN rank() OVER (PARTITION BY w.series, w.period, w.parent_code ORDER BY w.numerator / w.denominator DESC) END AS rank,
       CASE WHEN w.parent_code IS NOT NULL THEN count(*) OVER (PARTITION BY w.series, w.period, w.parent_code) END AS siblings
FROM with_parent w JOIN dim_units d ON d.unit_code = w.unit_code
