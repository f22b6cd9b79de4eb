-- unit_absorptions: one row per unit and each unit it absorbed, directly (generation 1) or through a unit it
-- absorbed (generation 2 and up): what a unit page lists under "đã sáp nhập". merged_on is the absorbed
-- unit's last day; via_code the unit that continued it directly, and kind how (stg_unit_successions: sap_nhap a
-- merger, doi_ma a new code, chuyen_dang_bo a new code in another committee). A split unit is absorbed by none.
-- depends_on: unit_lineage, stg_units, stg_unit_successions
SELECT
  l.successor_code AS unit_code,
  l.unit_code AS absorbed_code,
  a.unit_name AS absorbed_name,
  a.level AS absorbed_level,
  a.valid_from AS absorbed_valid_from,
  a.valid_to AS merged_on,
  a.merged_into AS via_code,
  l.step AS generation,
  s.kind
FROM unit_lineage l
JOIN stg_units a ON a.unit_code = l.unit_code
LEFT JOIN stg_unit_successions s ON s.predecessor_code = a.unit_code AND s.successor_code = a.merged_into
WHERE l.step > 0
