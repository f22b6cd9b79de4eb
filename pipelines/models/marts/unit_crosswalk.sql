-- unit_crosswalk: one row per old unit and new unit — how a code of the past reads in today's registry:
--   sap_nhap, doi_ma, chuyen_dang_bo, tach   a unit that ended (old_*) and a unit that continues it (new_*), as in
--                                            stg_unit_successions: a split gives one row per piece
--   chuyen_cap_tren                          a unit (moved_unit_code) whose parent changed on a date within its
--                                            committee: old_* its former parent, new_* its parent from first_day
-- old_last_day: the old unit's last day (for a parent change, the last day under the former parent);
-- first_day: the first day of the new unit's part (the day after old_last_day). Committees are each unit's own in
-- the hierarchy (a committee is its own).
-- depends_on: stg_units, stg_unit_successions, stg_unit_parents
WITH rows AS (
  SELECT predecessor_code AS old_code, successor_code AS new_code, kind, effective_from - 1 AS old_last_day,
         effective_from AS first_day, NULL::VARCHAR AS moved_unit_code
  FROM stg_unit_successions
  UNION ALL
  SELECT f.parent_code, t.parent_code, 'chuyen_cap_tren', f.valid_to, t.valid_from, f.unit_code
  FROM stg_unit_parents f
  JOIN stg_unit_parents t ON t.unit_code = f.unit_code AND t.valid_from = f.valid_to + 1
)
SELECT
  r.old_code, o.unit_name AS old_name, o.level AS old_level, o.reporting_committee_code AS old_committee_code,
  r.old_last_day,
  r.new_code, n.unit_name AS new_name, n.level AS new_level, n.reporting_committee_code AS new_committee_code,
  r.first_day,
  r.kind,
  r.moved_unit_code, m.unit_name AS moved_unit_name
FROM rows r
LEFT JOIN stg_units o ON o.unit_code = r.old_code
LEFT JOIN stg_units n ON n.unit_code = r.new_code
LEFT JOIN stg_units m ON m.unit_code = r.moved_unit_code
