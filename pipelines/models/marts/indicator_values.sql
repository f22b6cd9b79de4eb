-- indicator_values: one row per unit (every level, cell to province), period and indicator, as
-- numerator, denominator and value = numerator / denominator. Roll-ups are ratios of sums, never means of ratios.
-- period_type: month (2016-01) | quarter (2016-Q1) | year (2016) | term (2015-2020: years 2016-2020; 2020-2025: 2021 on).
-- depends_on: fct_indicator_atoms, int_unit_ancestors
WITH by_period AS (
  SELECT cell_code, indicator, 'month' AS period_type, strftime(period_start, '%Y-%m') AS period, numerator, denominator
  FROM fct_indicator_atoms WHERE grain = 'month'
  UNION ALL
  SELECT cell_code, indicator, 'quarter', year || '-Q' || quarter, numerator, denominator FROM fct_indicator_atoms
  UNION ALL
  SELECT cell_code, indicator, 'year', year::VARCHAR, numerator, denominator FROM fct_indicator_atoms
  UNION ALL
  SELECT cell_code, indicator, 'term', CASE WHEN year <= 2020 THEN '2015-2020' ELSE '2020-2025' END, numerator, denominator
  FROM fct_indicator_atoms WHERE year BETWEEN 2016 AND 2025
),
cell_period AS (
  SELECT cell_code, indicator, period_type, period, sum(numerator) AS numerator, sum(denominator) AS denominator
  FROM by_period GROUP BY ALL
)
SELECT a.ancestor_code AS unit_code, c.period_type, c.period, c.indicator,
       sum(c.numerator)::DOUBLE AS numerator,
       sum(c.denominator)::DOUBLE AS denominator,
       sum(c.numerator)::DOUBLE / sum(c.denominator) AS value
FROM cell_period c
JOIN int_unit_ancestors a ON a.unit_code = c.cell_code
GROUP BY ALL
HAVING sum(c.denominator) > 0
