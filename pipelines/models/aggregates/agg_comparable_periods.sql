-- agg_comparable_periods: one row per AFFECTED current unit (int_comparable_units) and month, quarter or year, with
-- every atom summed over the units whose data counts for it in the comparable series (int_comparable_ancestors):
-- its own cells and those it absorbed, in today's hierarchy. Each contributing unit's own atoms are summed: the
-- cells' months, quarters and years, the grassroots organisations' ratings (fct_unit_years) and the committees'
-- reporting (reporting_status). Only the contributors of affected units are read. Partitioned by the affected
-- unit's committee and year.
-- materialized: partitioned
-- partition_by: committee_code, year
-- depends_on: int_comparable_ancestors, int_comparable_units, fct_cell_months, fct_cell_quarters, agg_cell_years, fct_unit_years, reporting_status, dim_units
WITH targets AS (
  SELECT ca.unit_code, ca.ancestor_code, a.committee_code
  FROM int_comparable_ancestors ca
  JOIN int_comparable_units cu ON cu.unit_code = ca.ancestor_code AND cu.affected AND cu.in_comparable
  JOIN dim_units a ON a.unit_code = ca.ancestor_code AND in_scope_committee(coalesce(a.committee_code, a.unit_code))
),
senders AS (
  -- the committees that send the logs of those cells: lets DuckDB skip the other committees' rows
  SELECT DISTINCT u.reporting_committee_code AS committee_code FROM targets t JOIN dim_units u ON u.unit_code = t.unit_code
),
contributions AS (
  -- the months of the cells that count for an affected unit: one pass over the cells' months, kept small
  SELECT t.ancestor_code AS unit_code, m.* EXCLUDE (cell_code, committee_code)
  FROM fct_cell_months m JOIN targets t ON t.unit_code = m.cell_code
  WHERE m.year BETWEEN scope_year_from() AND scope_year_to() AND m.committee_code IN (SELECT committee_code FROM senders)
),
own AS (
  SELECT unit_code, 'month' AS period_type, strftime(month_start, '%Y-%m') AS period, year, * EXCLUDE (unit_code, year, month_start)
  FROM contributions
  UNION ALL BY NAME
  SELECT unit_code, 'quarter' AS period_type, year || '-Q' || quarter(month_start) AS period, year, * EXCLUDE (unit_code, year, month_start)
  FROM contributions
  UNION ALL BY NAME
  SELECT t.ancestor_code AS unit_code, 'quarter' AS period_type, q.year || '-Q' || q.quarter AS period, q.year,
         q.quarters_expected, q.quarters_thematic
  FROM fct_cell_quarters q JOIN targets t ON t.unit_code = q.cell_code
  WHERE q.year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL BY NAME
  SELECT t.ancestor_code AS unit_code, 'year' AS period_type, y.period, y.year, y.* EXCLUDE (unit_code, committee_code, year, period_type, period)
  FROM agg_cell_years y JOIN targets t ON t.unit_code = y.unit_code
  WHERE y.year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL BY NAME
  SELECT t.ancestor_code AS unit_code, 'year' AS period_type, y.year::VARCHAR AS period, y.year, y.* EXCLUDE (unit_code, committee_code, year)
  FROM fct_unit_years y JOIN targets t ON t.unit_code = y.unit_code JOIN dim_units u ON u.unit_code = y.unit_code AND NOT u.holds_meetings
  WHERE y.year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL BY NAME
  SELECT t.ancestor_code AS unit_code, 'year' AS period_type, r.year::VARCHAR AS period, r.year,
         r.expected::INTEGER AS committee_years_expected,
         (r.expected AND r.reported)::INTEGER AS committee_years_reported,
         (r.expected AND r.on_time)::INTEGER AS committee_years_on_time
  FROM reporting_status r JOIN targets t ON t.unit_code = r.committee_code
  WHERE r.year BETWEEN scope_year_from() AND scope_year_to()
)
SELECT o.unit_code, coalesce(d.committee_code, d.unit_code) AS committee_code, o.* EXCLUDE (unit_code)
FROM (
  SELECT unit_code, period_type, period, year, coalesce(sum(COLUMNS(* EXCLUDE (unit_code, period_type, period, year))), 0)::INTEGER
  FROM own
  GROUP BY unit_code, period_type, period, year
) o
JOIN dim_units d ON d.unit_code = o.unit_code
