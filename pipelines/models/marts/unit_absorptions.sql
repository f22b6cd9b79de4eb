-- unit_absorptions: one row per unit and each unit it absorbed, directly (generation 1) or through a unit it
-- absorbed (generation 2 and up): what a unit page lists under "đã sáp nhập". merged_on is the absorbed
-- unit's last day; via_code the unit it merged into directly.
-- depends_on: unit_lineage, stg_units
SELECT
  l.successor_code AS unit_code,
  l.unit_code AS absorbed_code,
  a.unit_name AS absorbed_name,
  a.level AS absorbed_level,
  a.valid_from AS absorbed_valid_from,
  a.valid_to AS merged_on,
  a.merged_into AS via_code,
  l.step AS generation
FROM unit_lineage l
JOIN stg_units a ON a.unit_code = l.unit_code
WHERE l.step > 0
