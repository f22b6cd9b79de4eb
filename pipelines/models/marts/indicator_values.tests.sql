-- Data tests for indicator_values: each query returns the offending rows (none = pass). The checks on every
-- single cell live beside the fact tables (fct_cell_months.tests.sql, …), where they are cheap at national scale;
-- here the units above the cells are checked.

-- test: key is unique and not null (units above the cells)
SELECT v.unit_code, v.period_type, v.period, v.indicator, count(*) AS n
FROM indicator_values v JOIN dim_units u ON u.unit_code = v.unit_code AND NOT u.holds_meetings
GROUP BY ALL
HAVING n > 1 OR v.unit_code IS NULL OR v.period IS NULL OR v.indicator IS NULL;

-- test: a share has 0 <= numerator <= denominator, a score lies in [0, 100], a rank in [1, siblings] (units above the cells)
SELECT v.*, k.unit FROM indicator_values v
JOIN dim_units u ON u.unit_code = v.unit_code AND NOT u.holds_meetings
JOIN indicator_catalog k ON k.indicator = v.indicator
WHERE v.denominator <= 0
   OR (k.unit = 'share' AND (v.numerator < 0 OR v.numerator > v.denominator OR v.value NOT BETWEEN 0 AND 1))
   OR (k.unit = 'score' AND v.value NOT BETWEEN 0 AND 100)
   OR (k.unit = 'rank' AND (v.numerator < 1 OR v.numerator > v.denominator));

-- test: every indicator is in the catalog
SELECT DISTINCT v.indicator FROM indicator_values v
JOIN dim_units u ON u.unit_code = v.unit_code AND u.level = 'tinh'
WHERE v.indicator NOT IN (SELECT indicator FROM indicator_catalog);

-- test: province totals equal the sum of its committees (additive indicators)
WITH p AS (
  SELECT v.* FROM indicator_values v JOIN dim_units u ON u.unit_code = v.unit_code AND u.level = 'tinh'
  JOIN indicator_catalog k ON k.indicator = v.indicator AND k.additive
),
c AS (
  SELECT u.parent_code, v.period_type, v.period, v.indicator, sum(v.numerator) AS numerator, sum(v.denominator) AS denominator
  FROM indicator_values v JOIN dim_units u ON u.unit_code = v.unit_code AND u.level = 'tren_co_so'
  GROUP BY ALL
)
SELECT p.period_type, p.period, p.indicator, p.numerator, p.denominator, c.numerator AS committees_num, c.denominator AS committees_den
FROM p LEFT JOIN c ON c.parent_code = p.unit_code AND c.period_type = p.period_type AND c.period = p.period AND c.indicator = p.indicator
WHERE c.numerator IS DISTINCT FROM p.numerator OR c.denominator IS DISTINCT FROM p.denominator;

-- test: a year equals the sum of its months, and a term the sum of its years (additive indicators, units above the cells)
WITH v AS (
  SELECT v.* FROM indicator_values v
  JOIN dim_units u ON u.unit_code = v.unit_code AND NOT u.holds_meetings
  JOIN indicator_catalog k ON k.indicator = v.indicator AND k.additive
)
SELECT y.unit_code, y.period, y.indicator, y.numerator, y.denominator, sum(m.numerator) AS parts_num, sum(m.denominator) AS parts_den
FROM v y
JOIN indicator_catalog k ON k.indicator = y.indicator AND k.grain = 'month'
JOIN v m ON m.unit_code = y.unit_code AND m.indicator = y.indicator AND m.period_type = 'month' AND left(m.period, 4) = y.period
WHERE y.period_type = 'year'
GROUP BY ALL
HAVING y.numerator <> sum(m.numerator) OR y.denominator <> sum(m.denominator)
UNION ALL
SELECT t.unit_code, t.period, t.indicator, t.numerator, t.denominator, sum(y.numerator), sum(y.denominator)
FROM v t
JOIN v y ON y.unit_code = t.unit_code AND y.indicator = t.indicator AND y.period_type = 'year'
 AND (CASE WHEN y.period::INTEGER BETWEEN 2016 AND 2020 THEN '2015-2020' WHEN y.period::INTEGER BETWEEN 2021 AND 2025 THEN '2020-2025' END) = t.period
WHERE t.period_type = 'term'
GROUP BY ALL
HAVING t.numerator <> sum(y.numerator) OR t.denominator <> sum(y.denominator)
