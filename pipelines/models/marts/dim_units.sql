-- dim_units: one row per unit (province, committees, grassroots organisations, cells) with its committee.
-- depends_on: stg_units, int_unit_ancestors
SELECT
  u.unit_code,
  u.unit_name,
  u.level,
  u.parent_code,
  c.ancestor_code AS committee_code,
  u.unit_type,
  u.valid_from,
  u.valid_to,
  u.merged_into,
  u.level IN ('chi_bo', 'chi_bo_co_so') AS holds_meetings
FROM stg_units u
LEFT JOIN int_unit_ancestors c ON c.unit_code = u.unit_code AND c.ancestor_level = 'tren_co_so'
