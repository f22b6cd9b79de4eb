-- stg_units: one row per unit in the registry in force, with English column names.
-- reporting_committee_code is the unit's committee in the hierarchy: the `tren_co_so` unit above it (a committee
-- is its own), or the province for the units directly under it (and for the province itself) — whatever registry
-- file listed the unit, so a province that sends its whole registry in one file and one whose committees each
-- send theirs get the same committees. The committee's (committee, year) partitions hold the unit's facts.
-- A unit listed identically by two files (a committee's own row in its file and in the province's) is one unit:
-- the latest file's row stands. A unit whose chain stops before a committee keeps its file's committee.
-- continued_by: the units that continue it — the one its `sap_nhap_vao` names and those naming it in `ma_cu`;
-- merged_into: the single unit that continues it (a merger, a new code, a move to another committee), NULL when
-- none does or when several do (a split: stg_unit_successions). former_code (`ma_cu`): the unit it continues.
-- parent_code is today's parent; former_parent_code (`ma_cap_tren_cu`) the parent before parent_from
-- (`cap_tren_tu`), within the same committee (stg_unit_parents).
-- depends_on:
-- sources: raw_units
WITH RECURSIVE units AS (
  SELECT * FROM raw_units
  QUALIFY row_number() OVER (PARTITION BY ma_don_vi ORDER BY submission_id DESC) = 1
),
up(unit_code, code, level, parent_code, depth) AS (
  SELECT ma_don_vi, ma_don_vi, cap, ma_cap_tren, 0 FROM units
  UNION ALL
  SELECT up.unit_code, p.ma_don_vi, p.cap, p.ma_cap_tren, up.depth + 1
  FROM up JOIN units p ON p.ma_don_vi = up.parent_code
  WHERE up.level NOT IN ('tren_co_so', 'tinh') AND up.depth < 20
),
committee AS (
  SELECT unit_code, arg_min(code, depth) AS committee_code
  FROM up WHERE level IN ('tren_co_so', 'tinh') GROUP BY unit_code
),
continuation AS (
  -- both columns say the same thing when filled for the same pair: UNION keeps it once
  SELECT code, list(next_code ORDER BY next_code) AS continued_by
  FROM (SELECT ma_don_vi AS code, sap_nhap_vao AS next_code FROM units WHERE sap_nhap_vao IS NOT NULL
        UNION
        SELECT ma_cu, ma_don_vi FROM units WHERE ma_cu IS NOT NULL)
  GROUP BY code
)
SELECT
  u.ma_don_vi AS unit_code,
  u.ten_don_vi AS unit_name,
  u.cap AS level,
  u.ma_cap_tren AS parent_code,
  u.loai_hinh AS unit_type,
  u.hieu_luc_tu AS valid_from,
  u.hieu_luc_den AS valid_to,
  CASE WHEN len(n.continued_by) = 1 THEN n.continued_by[1] END AS merged_into,
  coalesce(n.continued_by, []::VARCHAR[]) AS continued_by,
  u.ma_cu AS former_code,
  u.ma_cap_tren_cu AS former_parent_code,
  u.cap_tren_tu AS parent_from,
  u.submission_id,
  coalesce(c.committee_code, u.committee_code) AS reporting_committee_code,
  u.committee_code AS registry_committee_code
FROM units u LEFT JOIN committee c ON c.unit_code = u.ma_don_vi
LEFT JOIN continuation n ON n.code = u.ma_don_vi
