-- Data tests for the aggregates (on the partitions built in this run).

-- test: one row per unit and period, and no unit is both a cell and a unit above the cells
SELECT unit_code, period_type, period, count(*) AS n FROM (
  SELECT unit_code, period_type, period FROM agg_unit_periods WHERE year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL
  SELECT unit_code, period_type, period FROM agg_cell_years WHERE year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL
  SELECT cell_code, 'month', strftime(month_start, '%Y-%m') FROM fct_cell_months WHERE year BETWEEN scope_year_from() AND scope_year_to()
) GROUP BY ALL HAVING n > 1;

-- test: the quality index lies in [0, 100] and a rank in [1, siblings]
SELECT series, unit_code, period, numerator / denominator AS quality_index, rank, siblings FROM agg_quality_years
WHERE year BETWEEN scope_year_from() AND scope_year_to()
  AND (numerator / denominator NOT BETWEEN 0 AND 100 OR rank NOT BETWEEN 1 AND siblings)
UNION ALL
SELECT series, unit_code, period, numerator / denominator, rank, siblings FROM agg_quality_terms
WHERE numerator / denominator NOT BETWEEN 0 AND 100 OR rank NOT BETWEEN 1 AND siblings;

-- test: comparable series: the current cells together hold every meeting and cell-month of the province, once
WITH cells AS (
  SELECT a.period, sum(a.meetings) AS meetings, sum(a.months_to_report) AS months, sum(a.members_present) AS present
  FROM int_indicator_atoms a JOIN dim_units u ON u.unit_code = a.unit_code AND u.holds_meetings
  WHERE a.series = 'comparable' AND a.period_type = 'month' AND a.year BETWEEN scope_year_from() AND scope_year_to()
  GROUP BY a.period
),
province AS (
  SELECT a.period, sum(a.meetings) AS meetings, sum(a.months_to_report) AS months, sum(a.members_present) AS present
  FROM int_indicator_atoms a JOIN dim_units u ON u.unit_code = a.unit_code AND u.level = 'tinh'
  WHERE a.series = 'reported' AND a.period_type = 'month' AND a.year BETWEEN scope_year_from() AND scope_year_to()
  GROUP BY a.period
)
SELECT * FROM cells c FULL OUTER JOIN province p USING (period)
WHERE c.meetings IS DISTINCT FROM p.meetings OR c.months IS DISTINCT FROM p.months OR c.present IS DISTINCT FROM p.present
