-- dim_units: one row per unit (province, committees, grassroots organisations, cells) with its committee.
-- committee_code: the committee the unit rolls up to at the end of its existence (today for current units).
-- current_unit_code: the unit that stands for it today (itself, or the last successor along merged_into).
-- peer_group, peer_group_vi: for a committee, the committees it is ranked among (committee_peer_groups.csv).
-- depends_on: stg_units, int_unit_ancestors, unit_lineage
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
  u.level IN ('chi_bo', 'chi_bo_co_so') AS holds_meetings,
  l.successor_code AS current_unit_code,
  l.successor_code = u.unit_code AND u.valid_to IS NULL AS is_current,
  u.reporting_committee_code,
  g.peer_group,
  g.peer_group_vi
FROM stg_units u
LEFT JOIN seed_committee_peer_groups g ON u.level = 'tren_co_so' AND g.unit_type = u.unit_type
LEFT JOIN int_unit_ancestors c ON c.unit_code = u.unit_code AND c.ancestor_level = 'tren_co_so' AND c.valid_to IS NULL
LEFT JOIN (SELECT unit_code, arg_max(successor_code, step) AS successor_code FROM unit_lineage GROUP BY unit_code) l ON l.unit_code = u.unit_code
