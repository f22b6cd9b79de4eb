-- fct_unit_years: one row per cell or grassroots organisation and year with a yearly count ("atom"):
--   cell_years_expected / cell_years_every_month  the cell existed the whole year, its committee's meeting log
--       is in force, and (second) it held a regular meeting in each of the 12 months
--   org_*   the annual rating of a grassroots organisation (dang_bo_co_so, chi_bo_co_so): rated, rated
--           Hoàn thành tốt nhiệm vụ or better (htt, htxs), rated Không hoàn thành nhiệm vụ (kht)
--   cell_*  the same for a subordinate cell (chi_bo)
--   members_*  members rated, rated htt or better, rated kht — from the cells' rows only (a grassroots
--           organisation's row repeats the sum of its cells)
--   secretary_known / secretary_trained  cells (chi_bo, chi_bo_co_so) whose rating says whether the secretary
--           was trained that year, and those trained
-- Partitioned by the unit's reporting committee and year.
-- materialized: partitioned
-- partition_by: committee_code, year
-- depends_on: dim_units, int_committee_years, fct_cell_months, stg_ratings
WITH cell_years AS (
  SELECT m.cell_code AS unit_code, m.committee_code, m.year,
         1 AS cell_years_expected,
         (sum(m.months_regular) = 12)::INTEGER AS cell_years_every_month
  FROM fct_cell_months m
  JOIN dim_units u ON u.unit_code = m.cell_code
  WHERE m.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(m.committee_code)
    AND u.valid_from <= make_date(m.year, 1, 1) AND (u.valid_to IS NULL OR u.valid_to >= make_date(m.year, 12, 31))
  GROUP BY ALL
  HAVING sum(m.months_reported) = 12
),
ratings AS (
  SELECT r.unit_code, r.submitted_by AS committee_code, r.year,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so'))::INTEGER AS org_rated,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so') AND r.rating IN ('htxs', 'htt'))::INTEGER AS org_good,
         (u.level IN ('dang_bo_co_so', 'chi_bo_co_so') AND r.rating = 'kht')::INTEGER AS org_fail,
         (u.level = 'chi_bo')::INTEGER AS cell_rated,
         (u.level = 'chi_bo' AND r.rating IN ('htxs', 'htt'))::INTEGER AS cell_good,
         (u.level = 'chi_bo' AND r.rating = 'kht')::INTEGER AS cell_fail,
         CASE WHEN u.holds_meetings THEN r.members_rated ELSE 0 END AS members_rated,
         CASE WHEN u.holds_meetings THEN r.members_htxs + r.members_htt ELSE 0 END AS members_good,
         CASE WHEN u.holds_meetings THEN r.members_kht ELSE 0 END AS members_fail,
         (u.holds_meetings AND r.secretary_trained IS NOT NULL)::INTEGER AS secretary_known,
         (u.holds_meetings AND r.secretary_trained)::INTEGER AS secretary_trained
  FROM stg_ratings r
  JOIN dim_units u ON u.unit_code = r.unit_code
  WHERE r.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(r.submitted_by)
)
SELECT coalesce(c.unit_code, r.unit_code) AS unit_code,
       coalesce(c.committee_code, r.committee_code) AS committee_code,
       coalesce(c.year, r.year)::INTEGER AS year,
       coalesce(c.cell_years_expected, 0)::INTEGER AS cell_years_expected,
       coalesce(c.cell_years_every_month, 0)::INTEGER AS cell_years_every_month,
       coalesce(r.org_rated, 0)::INTEGER AS org_rated,
       coalesce(r.org_good, 0)::INTEGER AS org_good,
       coalesce(r.org_fail, 0)::INTEGER AS org_fail,
       coalesce(r.cell_rated, 0)::INTEGER AS cell_rated,
       coalesce(r.cell_good, 0)::INTEGER AS cell_good,
       coalesce(r.cell_fail, 0)::INTEGER AS cell_fail,
       coalesce(r.members_rated, 0)::INTEGER AS members_rated,
       coalesce(r.members_good, 0)::INTEGER AS members_good,
       coalesce(r.members_fail, 0)::INTEGER AS members_fail,
       coalesce(r.secretary_known, 0)::INTEGER AS secretary_known,
       coalesce(r.secretary_trained, 0)::INTEGER AS secretary_trained
FROM cell_years c
FULL OUTER JOIN ratings r ON r.unit_code = c.unit_code AND r.year = c.year
