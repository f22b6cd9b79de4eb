-- agg_top_periods: one row per unit above the committees (the province) and month, quarter or year, with every
-- atom summed over the committees that rolled up to it on the period's last day (agg_unit_periods). Partitioned
-- by year.
-- materialized: partitioned
-- partition_by: year
-- depends_on: agg_unit_periods, int_unit_ancestors, dim_units
WITH committees AS (
  SELECT c.*,
         CASE c.period_type
           WHEN 'month' THEN last_day(make_date(c.year, right(c.period, 2)::INTEGER, 1))
           WHEN 'quarter' THEN last_day(make_date(c.year, 3 * right(c.period, 1)::INTEGER, 1))
           ELSE make_date(c.year, 12, 31) END AS on_date
  FROM agg_unit_periods c
  JOIN dim_units u ON u.unit_code = c.unit_code AND u.level = 'tren_co_so'
  WHERE c.year BETWEEN scope_year_from() AND scope_year_to()
)
SELECT unit_code, year, period_type, period, sum(COLUMNS(* EXCLUDE (unit_code, year, period_type, period)))::INTEGER
FROM (
  SELECT a.ancestor_code AS unit_code, c.* EXCLUDE (unit_code, committee_code, on_date)
  FROM committees c
  JOIN int_unit_ancestors a ON a.unit_code = c.unit_code AND a.ancestor_level = 'tinh'
   AND c.on_date BETWEEN coalesce(a.valid_from, DATE '0001-01-01') AND coalesce(a.valid_to, DATE '9999-12-31')
)
GROUP BY unit_code, year, period_type, period
