-- agg_comparable_periods: one row per AFFECTED current unit (int_comparable_units) and month, quarter or year, with
-- every atom summed over the units whose data counts for it in the comparable series (int_comparable_ancestors):
-- its own cells and those it absorbed, in today's hierarchy. Each unit's own atoms are summed: the cells' months
-- (fct_cell_months), quarters and years (agg_cell_periods), the grassroots organisations' ratings (fct_unit_years)
-- and the committees' reporting (reporting_status). Partitioned by year.
-- materialized: partitioned
-- partition_by: year
-- depends_on: int_comparable_ancestors, int_comparable_units, fct_cell_months, agg_cell_periods, fct_unit_years, reporting_status, dim_units
WITH targets AS (
  SELECT ca.unit_code, ca.ancestor_code
  FROM int_comparable_ancestors ca
  JOIN int_comparable_units cu ON cu.unit_code = ca.ancestor_code AND cu.affected AND cu.in_comparable
),
own AS (
  SELECT cell_code AS unit_code, 'month' AS period_type, strftime(month_start, '%Y-%m') AS period, year,
         * EXCLUDE (cell_code, committee_code, year, month_start)
  FROM fct_cell_months
  WHERE year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL BY NAME
  SELECT * EXCLUDE (committee_code) FROM agg_cell_periods
  WHERE year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL BY NAME
  SELECT y.unit_code, 'year' AS period_type, y.year::VARCHAR AS period, y.year, y.* EXCLUDE (unit_code, committee_code, year)
  FROM fct_unit_years y JOIN dim_units u ON u.unit_code = y.unit_code AND NOT u.holds_meetings
  WHERE y.year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL BY NAME
  SELECT committee_code AS unit_code, 'year' AS period_type, year::VARCHAR AS period, year,
         expected::INTEGER AS committee_years_expected,
         (expected AND reported)::INTEGER AS committee_years_reported,
         (expected AND on_time)::INTEGER AS committee_years_on_time
  FROM reporting_status
  WHERE year BETWEEN scope_year_from() AND scope_year_to()
)
SELECT unit_code, period_type, period, year, coalesce(sum(COLUMNS(* EXCLUDE (unit_code, period_type, period, year))), 0)::INTEGER
FROM (
  SELECT t.ancestor_code AS unit_code, o.* EXCLUDE (unit_code)
  FROM own o
  JOIN targets t ON t.unit_code = o.unit_code
)
GROUP BY unit_code, period_type, period, year
