-- stg_ratings: one row per unit (cell or grassroots organisation) and year rated, from the annual ratings in force.
-- materialized: view
-- depends_on:
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
  committee_code AS submitted_by
FROM raw_ratings
