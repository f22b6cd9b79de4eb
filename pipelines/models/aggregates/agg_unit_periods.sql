-- agg_unit_periods: one row per unit between the cells and the province (grassroots organisation, committee) and
-- month, quarter or year, with every atom summed over the cells below it (the province: agg_top_periods). Roll-ups follow the hierarchy valid at the
-- time: a cell's month counts for the units it rolled up to on the month's last day (int_unit_ancestors), a
-- quarter's thematic atoms on the quarter's last day, yearly atoms (ratings, cells meeting every month) and the
-- committee's reporting atoms on 31 December. A unit's quarter and year are the sums of its own months, so a
-- year always equals the sum of its months. Two stages keep it small at national scale: the cells' months (and
-- quarters) are first summed per parent, then the parents' sums per ancestor (only for the units that have units
-- below them: a grassroots organisation's months are its parent sums); a unit's quarters are then summed from its
-- months and its year from its quarters, not from the cells' again. Partitioned by the unit's committee and year:
-- after a committee resubmits a year only its units are recomputed (int_partitions makes a committee's
-- partition change too when cells sent by another committee roll up into it).
-- materialized: partitioned
-- partition_by: committee_code, year
-- depends_on: fct_cell_months, fct_cell_quarters, fct_unit_years, reporting_status, int_unit_ancestors, dim_units
WITH parent AS (
  -- each cell's parent, date range by date range
  SELECT a.unit_code, a.ancestor_code, coalesce(a.valid_from, DATE '0001-01-01') AS valid_from, coalesce(a.valid_to, DATE '9999-12-31') AS valid_to
  FROM int_unit_ancestors a JOIN dim_units u ON u.unit_code = a.unit_code AND u.holds_meetings
  WHERE a.depth = 1
),
up AS (
  -- each unit above the cells and its ancestors (itself included) of the committees in scope, date range by date range
  SELECT a.unit_code, a.ancestor_code, d.committee_code, coalesce(a.valid_from, DATE '0001-01-01') AS valid_from, coalesce(a.valid_to, DATE '9999-12-31') AS valid_to
  FROM int_unit_ancestors a
  JOIN dim_units u ON u.unit_code = a.unit_code AND NOT u.holds_meetings
  JOIN dim_units d ON d.unit_code = a.ancestor_code AND d.level <> 'tinh' AND in_scope_committee(d.committee_code)
),
parent_months AS (
  SELECT parent_code, year, month_start, sum(COLUMNS(* EXCLUDE (parent_code, year, month_start)))
  FROM (
    SELECT p.ancestor_code AS parent_code, m.* EXCLUDE (cell_code, committee_code)
    FROM fct_cell_months m
    JOIN parent p ON p.unit_code = m.cell_code AND last_day(m.month_start) BETWEEN p.valid_from AND p.valid_to
    WHERE m.year BETWEEN scope_year_from() AND scope_year_to() AND p.ancestor_code IN (SELECT unit_code FROM up)
  )
  GROUP BY parent_code, year, month_start
),
nested AS (
  -- the units with other units above the cells below them (committees): only their months need a second sum
  SELECT DISTINCT ancestor_code AS unit_code FROM up WHERE ancestor_code <> unit_code
),
unit_months AS (
  -- a unit with no unit above the cells below it holds its cells' months as summed per parent; the others add
  -- up their own cells' months and those of the units below them
  SELECT u.ancestor_code AS unit_code, u.committee_code, pm.* EXCLUDE (parent_code)
  FROM parent_months pm
  JOIN up u ON u.unit_code = pm.parent_code AND u.ancestor_code = pm.parent_code AND last_day(pm.month_start) BETWEEN u.valid_from AND u.valid_to
  WHERE pm.parent_code NOT IN (SELECT unit_code FROM nested)
  UNION ALL
  SELECT unit_code, committee_code, year, month_start, sum(COLUMNS(* EXCLUDE (unit_code, committee_code, year, month_start)))
  FROM (
    SELECT u.ancestor_code AS unit_code, u.committee_code, pm.* EXCLUDE (parent_code)
    FROM parent_months pm
    JOIN up u ON u.unit_code = pm.parent_code AND last_day(pm.month_start) BETWEEN u.valid_from AND u.valid_to
    WHERE u.ancestor_code IN (SELECT unit_code FROM nested)
  )
  GROUP BY unit_code, committee_code, year, month_start
),
parent_quarters AS (
  SELECT p.ancestor_code AS parent_code, q.year, q.quarter, q.quarter_start, sum(q.quarters_expected) AS quarters_expected, sum(q.quarters_thematic) AS quarters_thematic
  FROM fct_cell_quarters q
  JOIN parent p ON p.unit_code = q.cell_code AND last_day(q.quarter_start + INTERVAL 2 MONTH) BETWEEN p.valid_from AND p.valid_to
  WHERE q.year BETWEEN scope_year_from() AND scope_year_to() AND p.ancestor_code IN (SELECT unit_code FROM up)
  GROUP BY ALL
),
unit_quarters AS (
  SELECT u.ancestor_code AS unit_code, u.committee_code, pq.year, pq.quarter, sum(pq.quarters_expected) AS quarters_expected, sum(pq.quarters_thematic) AS quarters_thematic
  FROM parent_quarters pq
  JOIN up u ON u.unit_code = pq.parent_code AND last_day(pq.quarter_start + INTERVAL 2 MONTH) BETWEEN u.valid_from AND u.valid_to
  GROUP BY ALL
),
unit_years AS (
  SELECT unit_code, committee_code, year, sum(COLUMNS(* EXCLUDE (unit_code, committee_code, year)))
  FROM (
    -- a cell's yearly atoms go to its parent on 31 December, a grassroots organisation's stay with it; then up
    SELECT u.ancestor_code AS unit_code, u.committee_code, y.year, y.* EXCLUDE (unit_code, committee_code, year)
    FROM fct_unit_years y
    LEFT JOIN parent p ON p.unit_code = y.unit_code AND make_date(y.year, 12, 31) BETWEEN p.valid_from AND p.valid_to
    JOIN up u ON u.unit_code = coalesce(p.ancestor_code, y.unit_code) AND make_date(y.year, 12, 31) BETWEEN u.valid_from AND u.valid_to
    WHERE y.year BETWEEN scope_year_from() AND scope_year_to()
    UNION ALL BY NAME
    SELECT u.ancestor_code AS unit_code, u.committee_code, r.year,
           r.expected::INTEGER AS committee_years_expected,
           (r.expected AND r.reported)::INTEGER AS committee_years_reported,
           (r.expected AND r.on_time)::INTEGER AS committee_years_on_time
    FROM reporting_status r
    JOIN up u ON u.unit_code = r.committee_code AND make_date(r.year, 12, 31) BETWEEN u.valid_from AND u.valid_to
    WHERE r.year BETWEEN scope_year_from() AND scope_year_to()
  )
  GROUP BY unit_code, committee_code, year
),
unit_quarter_sums AS (
  -- a unit's quarter: the sum of its months, with the quarterly atoms added
  SELECT unit_code, committee_code, year, quarter, sum(COLUMNS(* EXCLUDE (unit_code, committee_code, year, quarter)))
  FROM (
    SELECT unit_code, committee_code, year, quarter(month_start) AS quarter, * EXCLUDE (unit_code, committee_code, year, month_start) FROM unit_months
    UNION ALL BY NAME
    SELECT * FROM unit_quarters
  )
  GROUP BY unit_code, committee_code, year, quarter
),
periods AS (
  -- a unit's month is unit_months' row itself; its year is the sum of its quarters, with the yearly atoms added
  SELECT unit_code, committee_code, year, 'month' AS period_type, strftime(month_start, '%Y-%m') AS period, * EXCLUDE (unit_code, committee_code, year, month_start)
  FROM unit_months
  UNION ALL BY NAME
  SELECT unit_code, committee_code, year, 'quarter' AS period_type, year || '-Q' || quarter AS period, * EXCLUDE (unit_code, committee_code, year, quarter)
  FROM unit_quarter_sums
  UNION ALL BY NAME
  SELECT unit_code, committee_code, year, 'year' AS period_type, year::VARCHAR AS period, sum(COLUMNS(* EXCLUDE (unit_code, committee_code, year)))
  FROM (
    SELECT * EXCLUDE (quarter) FROM unit_quarter_sums
    UNION ALL BY NAME
    SELECT * FROM unit_years
  )
  GROUP BY unit_code, committee_code, year
)
SELECT unit_code, committee_code, year, period_type, period,
       coalesce(COLUMNS(* EXCLUDE (unit_code, committee_code, year, period_type, period)), 0)::INTEGER
FROM periods
