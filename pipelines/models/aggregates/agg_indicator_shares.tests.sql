-- Data tests for agg_indicator_shares, the shares behind indicator_values and indicator_values_comparable. The
-- cells' and months' rows are checked on the tables they come from (fct_cell_months.tests.sql,
-- agg_unit_periods.tests.sql): a filter on cell_row and period_type lets these run on the few rows of the units
-- above the cells even when the marts are views over a national meeting log.

-- test: key is unique and not null (units above the cells, the years rebuilt and the terms, both series)
-- Checked on the atoms the shares unpivot: each atoms row becomes one share per indicator, so a unique
-- (series, unit, period) there is a unique (series, unit, period, indicator) here, at a 26th of the rows.
SELECT series, unit_code, period_type, period, count(*) AS n
FROM agg_indicator_atoms
WHERE NOT cell_row AND (period_type = 'term' OR (period_type = 'year' AND year BETWEEN scope_year_from() AND scope_year_to()))
GROUP BY ALL
HAVING n > 1 OR unit_code IS NULL OR period IS NULL;

-- test: 0 <= numerator <= denominator (units above the cells, the years rebuilt and the terms, both series)
-- (the committees rebuilt and the province: the other committees' rows did not change)
SELECT * FROM agg_indicator_shares
WHERE NOT cell_row AND (period_type = 'term' OR (period_type = 'year' AND year BETWEEN scope_year_from() AND scope_year_to()))
  AND unit_code IN (SELECT unit_code FROM dim_units WHERE level = 'tinh' OR in_scope_committee(committee_code))
  AND (denominator <= 0 OR numerator < 0 OR numerator > denominator);

-- test: every indicator defined here is a share of the catalog
-- (the province's terms sum every count, so they hold every indicator that has a denominator anywhere)
SELECT DISTINCT s.indicator FROM agg_indicator_shares s
WHERE NOT s.cell_row AND s.period_type = 'term' AND s.unit_code IN (SELECT unit_code FROM dim_units WHERE level = 'tinh')
  AND s.indicator NOT IN (SELECT indicator FROM indicator_catalog WHERE unit = 'share');

-- test: province totals equal the sum of its committees (years and terms, as reported)
-- A committee's year counts for the province it belonged to on 31 December; a term is compared only where no
-- committee changed province (a merger of provinces) — its years are compared, and a term is the sum of its years.
WITH provinces AS (
  -- each committee's provinces with their dates (a committee's own rows of int_unit_ancestors only)
  SELECT a.unit_code, a.ancestor_code, coalesce(a.valid_from, DATE '0001-01-01') AS valid_from, coalesce(a.valid_to, DATE '9999-12-31') AS valid_to
  FROM int_unit_ancestors a JOIN dim_units u ON u.unit_code = a.unit_code AND u.level = 'tren_co_so'
  WHERE a.ancestor_level = 'tinh'
),
moved AS (
  -- committees that changed province, and the provinces involved
  SELECT p.unit_code AS code FROM provinces p WHERE p.unit_code IN (SELECT unit_code FROM provinces GROUP BY unit_code HAVING count(DISTINCT ancestor_code) > 1)
  UNION SELECT p.ancestor_code FROM provinces p WHERE p.unit_code IN (SELECT unit_code FROM provinces GROUP BY unit_code HAVING count(DISTINCT ancestor_code) > 1)
),
v AS (
  SELECT s.*, u.level, a.ancestor_code AS parent_code FROM agg_indicator_shares s
  JOIN dim_units u ON u.unit_code = s.unit_code AND u.level IN ('tinh', 'tren_co_so')
  LEFT JOIN provinces a ON a.unit_code = s.unit_code
   AND make_date(coalesce(s.year, right(s.period, 4)::INTEGER), 12, 31) BETWEEN a.valid_from AND a.valid_to
  WHERE s.series = 'reported' AND NOT s.cell_row AND s.period_type IN ('year', 'term')
    AND NOT (s.period_type = 'term' AND s.unit_code IN (SELECT code FROM moved))
),
c AS (
  SELECT parent_code, period_type, period, indicator, sum(numerator) AS numerator, sum(denominator) AS denominator
  FROM v WHERE level = 'tren_co_so' GROUP BY ALL
)
SELECT p.unit_code, p.period_type, p.period, p.indicator, p.numerator, p.denominator, c.numerator AS committees_num, c.denominator AS committees_den
FROM v p LEFT JOIN c ON c.parent_code = p.unit_code AND c.period_type = p.period_type AND c.period = p.period AND c.indicator = p.indicator
WHERE p.level = 'tinh' AND (c.numerator IS DISTINCT FROM p.numerator OR c.denominator IS DISTINCT FROM p.denominator)
