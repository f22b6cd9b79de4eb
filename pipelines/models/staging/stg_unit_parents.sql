-- stg_unit_parents: one row per unit below the province and each parent it had, with the dates that parent is in
-- force (valid_from to valid_to; NULL = open): today's parent (`ma_cap_tren`) from `cap_tren_tu` on, the former
-- one (`ma_cap_tren_cu`) before it. A unit without a dated change has one open row. The former parent needs its
-- date: without `cap_tren_tu` it is not used (stg_unit_parents.tests.sql reports it).
-- depends_on: stg_units
WITH u AS (
  SELECT unit_code, parent_code, former_parent_code, parent_from,
         former_parent_code IS NOT NULL AND parent_from IS NOT NULL AND former_parent_code <> parent_code AS changed
  FROM stg_units
  WHERE parent_code IS NOT NULL
)
SELECT unit_code, parent_code, CASE WHEN changed THEN parent_from END AS valid_from, NULL::DATE AS valid_to
FROM u
UNION ALL
SELECT unit_code, former_parent_code, NULL::DATE, parent_from - 1
FROM u WHERE changed
