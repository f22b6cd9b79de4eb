-- stg_ratings: one row per unit (cell or grassroots organisation) and year rated, from the annual ratings in force.
-- committee_code: the unit's committee in the hierarchy (stg_units), whichever committee's file brought the rating.
-- materialized: view
-- depends_on: stg_units
-- sources: raw_ratings
SELECT
  ma_don_vi AS unit_code,
  nam AS year,
  xep_loai AS rating,                                    -- htxs | htt | ht | kht
  dang_vien AS members_rated,
  dv_htxs AS members_htxs,
  dv_htt AS members_htt,
  dv_ht AS members_ht,
  dv_kht AS members_kht,
  bi_thu_boi_duong AS secretary_trained,
  submission_id,
  coalesce(u.reporting_committee_code, r.committee_code) AS committee_code
FROM raw_ratings r
LEFT JOIN (SELECT unit_code, reporting_committee_code FROM stg_units) u ON u.unit_code = r.ma_don_vi
