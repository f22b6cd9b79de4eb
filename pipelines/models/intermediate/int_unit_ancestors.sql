-- int_unit_ancestors: one row per unit and each of its ancestors, itself included (depth 0), up to the province.
-- depends_on: stg_units
WITH RECURSIVE chain(unit_code, ancestor_code, depth) AS (
  SELECT unit_code, unit_code, 0 FROM stg_units
  UNION ALL
  SELECT chain.unit_code, u.parent_code, chain.depth + 1
  FROM chain JOIN stg_units u ON u.unit_code = chain.ancestor_code
  WHERE u.parent_code IS NOT NULL AND chain.depth < 10
)
SELECT chain.unit_code, chain.ancestor_code, a.level AS ancestor_level, chain.depth
FROM chain JOIN stg_units a ON a.unit_code = chain.ancestor_code
