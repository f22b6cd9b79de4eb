-- rating_rule_warnings: one row per annual rating (or group of ratings) that breaks a rule of Hướng dẫn
-- 21-HD/BTCTW (2019) on rating party organisations: a data-quality warning, never a correction. Checked for the
-- years the rule applies to (2019 on), never for earlier years (2016–2017 were rated under the earlier scheme,
-- 2018 under Hướng dẫn 16-HD/BTCTW). Rules:
--   htxs_cell_with_kht_member  a cell (chi_bo, chi_bo_co_so) rated Hoàn thành xuất sắc nhiệm vụ has a member
--                              rated Không hoàn thành nhiệm vụ
--   htxs_over_20pct_of_htt     among the grassroots organisations of a committee, or the cells of a grassroots
--                              organisation (its units on 31 December), those rated HTXS exceed 20 % of those
--                              rated Hoàn thành tốt nhiệm vụ
-- unit_code: the cell, or the committee or grassroots organisation whose units are counted; committee_code: the
-- committee the unit belongs to; htxs, htt, members_kht: the counts behind the warning; message_vi: what a page shows.
-- Partitioned by the rated units' committee and year, so a resubmitted ratings file rechecks its own
-- committee-year only (a parent's units on 31 December belong to its committee: a move to another committee
-- takes a new code).
-- materialized: partitioned
-- partition_by: committee_code, year
-- depends_on: stg_ratings, dim_units, int_unit_ancestors
WITH rated AS (
  SELECT r.* EXCLUDE (committee_code), u.level, u.holds_meetings, r.committee_code
  FROM stg_ratings r JOIN dim_units u ON u.unit_code = r.unit_code
  WHERE r.year >= 2019 AND r.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(r.committee_code)
),
parents AS (
  SELECT r.year, r.committee_code, r.rating, r.level, a.ancestor_code AS parent_code
  FROM rated r
  JOIN int_unit_ancestors a ON a.unit_code = r.unit_code AND a.depth = 1
   AND make_date(r.year, 12, 31) BETWEEN coalesce(a.valid_from, DATE '0001-01-01') AND coalesce(a.valid_to, DATE '9999-12-31')
),
groups AS (
  SELECT parent_code, year, committee_code,
         CASE WHEN level = 'chi_bo' THEN 'chi_bo' ELSE 'co_so' END AS counted,
         count_if(rating = 'htxs')::INTEGER AS htxs, count_if(rating = 'htt')::INTEGER AS htt
  FROM parents
  GROUP BY ALL
)
SELECT r.year, r.committee_code, r.unit_code, 'htxs_cell_with_kht_member' AS rule,
       1 AS htxs, NULL::INTEGER AS htt, r.members_kht::INTEGER AS members_kht,
       'Chi bộ xếp loại hoàn thành xuất sắc nhiệm vụ nhưng có ' || r.members_kht || ' đảng viên không hoàn thành nhiệm vụ' AS message_vi,
       'Hướng dẫn 21-HD/BTCTW (2019)' AS source
FROM rated r
WHERE r.holds_meetings AND r.rating = 'htxs' AND r.members_kht > 0
UNION ALL
SELECT g.year, g.committee_code, g.parent_code, 'htxs_over_20pct_of_htt',
       g.htxs, g.htt, NULL,
       CASE g.counted WHEN 'chi_bo' THEN 'Số chi bộ trực thuộc' ELSE 'Số tổ chức cơ sở đảng' END
         || ' xếp loại hoàn thành xuất sắc nhiệm vụ (' || g.htxs || ') vượt 20% số xếp loại hoàn thành tốt nhiệm vụ (' || g.htt || ')',
       'Hướng dẫn 21-HD/BTCTW (2019)'
FROM groups g JOIN dim_units p ON p.unit_code = g.parent_code
WHERE g.htxs > 0 AND g.htxs * 5 > g.htt
