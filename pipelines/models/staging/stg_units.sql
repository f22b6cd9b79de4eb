-- stg_units: one row per unit in the registry in force, with English column names.
-- reporting_committee_code is the committee whose registry lists the unit: it sends the unit's meeting logs
-- and ratings, and its (committee, year) partitions hold the unit's facts.
-- depends_on:
-- sources: raw_units
SELECT
  ma_don_vi AS unit_code,
  ten_don_vi AS unit_name,
  cap AS level,
  ma_cap_tren AS parent_code,
  loai_hinh AS unit_type,
  hieu_luc_tu AS valid_from,
  hieu_luc_den AS valid_to,
  sap_nhap_vao AS merged_into,
  submission_id,
  committee_code AS reporting_committee_code
FROM raw_units
