-- stg_meetings: one row per meeting held, from the meeting logs in force. Free text (chu_de, ghi_chu) stays in raw.
-- A view: at national scale the raw table holds tens of millions of rows and is read once, by fct_cell_months.
-- committee_code: the cell's committee in the hierarchy (stg_units), whichever committee's file brought the log;
-- submitted_by: the committee the file is recorded against (the province for a province-wide file), on which a
-- partition's rebuild filters the raw rows (in_scope_file) before joining the registry.
-- materialized: view
-- depends_on: stg_units
-- sources: raw_meetings
SELECT
  ma_chi_bo AS cell_code,
  ngay AS meeting_date,
  loai AS meeting_kind,                                  -- thuong_ky | chuyen_de | ket_hop
  loai IN ('thuong_ky', 'ket_hop') AS is_regular,         -- a combined meeting counts as the month's regular meeting
  loai IN ('chuyen_de', 'ket_hop') AS is_thematic,        -- ... and as a thematic meeting
  dang_vien AS members,
  mien AS excused_members,
  dang_vien - mien AS expected_attendees,
  co_mat AS present,
  vang_co_ly_do AS absent_excused,
  vang_khong_ly_do AS absent_unexcused,
  thoi_luong AS minutes,
  so_phat_bieu AS speakers,
  cap_tren_du AS superior_attended,
  coalesce(hinh_thuc, 'truc_tiep') AS format,             -- truc_tiep | truc_tuyen | ket_hop (online + in person)
  dung_ngay AS on_prescribed_day,
  xep_loai AS rating,                                    -- tot | kha | trung_binh | kem | NULL (not rated)
  diem AS score,
  submission_id,
  coalesce(u.reporting_committee_code, m.committee_code) AS committee_code,
  m.committee_code AS submitted_by
FROM raw_meetings m
LEFT JOIN (SELECT unit_code, reporting_committee_code FROM stg_units) u ON u.unit_code = m.ma_chi_bo
