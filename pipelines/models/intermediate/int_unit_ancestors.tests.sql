-- Data tests for int_unit_ancestors.

-- test: every cell rolls up to exactly one committee on every date (ranges neither overlap nor leave a gap)
WITH c AS (
  SELECT a.unit_code, a.ancestor_code, a.valid_from, a.valid_to
  FROM int_unit_ancestors a JOIN stg_units u ON u.unit_code = a.unit_code
  WHERE u.level IN ('chi_bo', 'chi_bo_co_so') AND a.ancestor_level = 'tren_co_so'
)
SELECT x.unit_code, 'overlap' AS problem, x.ancestor_code, y.ancestor_code AS other
FROM c x JOIN c y ON x.unit_code = y.unit_code AND (x.ancestor_code, x.valid_from) IS DISTINCT FROM (y.ancestor_code, y.valid_from)
WHERE coalesce(x.valid_from, DATE '0001-01-01') <= coalesce(y.valid_to, DATE '9999-12-31')
  AND coalesce(y.valid_from, DATE '0001-01-01') <= coalesce(x.valid_to, DATE '9999-12-31')
UNION ALL
SELECT u.unit_code, 'no committee at the start or the end of time', NULL, NULL
FROM stg_units u
WHERE u.level IN ('chi_bo', 'chi_bo_co_so')
  AND (NOT EXISTS (SELECT 1 FROM c WHERE c.unit_code = u.unit_code AND c.valid_from IS NULL)
    OR NOT EXISTS (SELECT 1 FROM c WHERE c.unit_code = u.unit_code AND c.valid_to IS NULL))
UNION ALL
SELECT x.unit_code, 'gap after ' || x.valid_to, x.ancestor_code, NULL
FROM c x
WHERE x.valid_to IS NOT NULL AND NOT EXISTS (SELECT 1 FROM c y WHERE y.unit_code = x.unit_code AND y.valid_from = x.valid_to + 1);

-- test: every unit below the province reaches the province, from the start to the end of time
SELECT u.unit_code FROM stg_units u
WHERE u.level <> 'tinh' AND (
  NOT EXISTS (SELECT 1 FROM int_unit_ancestors a WHERE a.unit_code = u.unit_code AND a.ancestor_level = 'tinh' AND a.valid_from IS NULL)
  OR NOT EXISTS (SELECT 1 FROM int_unit_ancestors a WHERE a.unit_code = u.unit_code AND a.ancestor_level = 'tinh' AND a.valid_to IS NULL))
