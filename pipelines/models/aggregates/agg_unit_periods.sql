-- agg_unit_periods: one row per unit ABOVE the cells (grassroots organisation, committee, province) and month,
-- quarter or year, with every atom summed over the cells below it. Roll-ups follow the hierarchy valid at the
-- time: a cell's month counts for the units it rolled up to on the month's last day (int_unit_ancestors), a
-- quarter's thematic atoms on the quarter's last day, yearly atoms (ratings, cells meeting every month) and the
-- committee's reporting atoms on 31 December. A unit's quarter and year are the sums of its own months, so a
-- year always equals the sum of its months. Aggregated per cell-month first, then per ancestor: no row per
-- meeting and ancestor is ever formed. Partitioned by year.
-- materialized: partitioned
-- partition_by: year
-- depends_on: fct_cell_months, fct_cell_quarters, fct_unit_years, reporting_status, int_unit_ancestors
WITH anc AS (
  SELECT unit_code, ancestor_code, coalesce(valid_from, DATE '0001-01-01') AS valid_from, coalesce(valid_to, DATE '9999-12-31') AS valid_to
  FROM int_unit_ancestors
  WHERE ancestor_level NOT IN ('chi_bo', 'chi_bo_co_so')
),
unit_months AS (
  SELECT unit_code, year, month_start, sum(COLUMNS(* EXCLUDE (unit_code, year, month_start)))
  FROM (
    SELECT a.ancestor_code AS unit_code, m.year, m.month_start, m.* EXCLUDE (cell_code, committee_code, year, month_start)
    FROM fct_cell_months m
    JOIN anc a ON a.unit_code = m.cell_code AND last_day(m.month_start) BETWEEN a.valid_from AND a.valid_to
    WHERE m.year BETWEEN scope_year_from() AND scope_year_to()
  )
  GROUP BY unit_code, year, month_start
),
atoms AS (
  SELECT unit_code, year, quarter(month_start) AS quarter, month_start, * EXCLUDE (unit_code, year, month_start)
  FROM unit_months
  UNION ALL BY NAME
  SELECT a.ancestor_code AS unit_code, q.year, q.quarter, q.quarters_expected, q.quarters_thematic
  FROM fct_cell_quarters q
  JOIN anc a ON a.unit_code = q.cell_code AND last_day(q.quarter_start + INTERVAL 2 MONTH) BETWEEN a.valid_from AND a.valid_to
  WHERE q.year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL BY NAME
  SELECT a.ancestor_code AS unit_code, y.year, y.* EXCLUDE (unit_code, committee_code, year)
  FROM fct_unit_years y
  JOIN anc a ON a.unit_code = y.unit_code AND make_date(y.year, 12, 31) BETWEEN a.valid_from AND a.valid_to
  WHERE y.year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL BY NAME
  SELECT a.ancestor_code AS unit_code, r.year,
         r.expected::INTEGER AS committee_years_expected,
         (r.expected AND r.reported)::INTEGER AS committee_years_reported,
         (r.expected AND r.on_time)::INTEGER AS committee_years_on_time
  FROM reporting_status r
  JOIN anc a ON a.unit_code = r.committee_code AND make_date(r.year, 12, 31) BETWEEN a.valid_from AND a.valid_to
  WHERE r.year BETWEEN scope_year_from() AND scope_year_to()
)
SELECT unit_code, year, 'month' AS period_type, strftime(month_start, '%Y-%m') AS period,
       coalesce(sum(COLUMNS(* EXCLUDE (unit_code, year, quarter, month_start))), 0)::INTEGER
FROM atoms WHERE month_start IS NOT NULL
GROUP BY unit_code, year, month_start
UNION ALL
SELECT unit_code, year, 'quarter', year || '-Q' || quarter,
       coalesce(sum(COLUMNS(* EXCLUDE (unit_code, year, quarter, month_start))), 0)::INTEGER
FROM atoms WHERE quarter IS NOT NULL
GROUP BY unit_code, year, quarter
UNION ALL
SELECT unit_code, year, 'year', year::VARCHAR,
       coalesce(sum(COLUMNS(* EXCLUDE (unit_code, year, quarter, month_start))), 0)::INTEGER
FROM atoms
GROUP BY unit_code, year
