-- Data tests for indicator_values: each query returns the offending rows (none = pass).

-- test: key is unique and not null
SELECT unit_code, period_type, period, indicator, count(*) AS n
FROM indicator_values GROUP BY ALL
HAVING n > 1 OR unit_code IS NULL OR period IS NULL OR indicator IS NULL;

-- test: numerator within [0, denominator] and share within [0, 1]
SELECT * FROM indicator_values
WHERE numerator < 0 OR denominator <= 0 OR numerator > denominator OR value NOT BETWEEN 0 AND 1;

-- test: every indicator is in the catalog
SELECT DISTINCT indicator FROM indicator_values WHERE indicator NOT IN (SELECT indicator FROM indicator_catalog);

-- test: province totals equal the sum of its committees
SELECT p.period_type, p.period, p.indicator, p.numerator, p.denominator, sum(c.numerator) AS committees_num, sum(c.denominator) AS committees_den
FROM indicator_values p
JOIN dim_units pu ON pu.unit_code = p.unit_code AND pu.level = 'tinh'
JOIN dim_units cu ON cu.parent_code = pu.unit_code AND cu.level = 'tren_co_so'
JOIN indicator_values c ON c.unit_code = cu.unit_code AND c.period_type = p.period_type AND c.period = p.period AND c.indicator = p.indicator
GROUP BY ALL
HAVING p.numerator <> sum(c.numerator) OR p.denominator <> sum(c.denominator);

-- test: a year equals the sum of its months (monthly indicators)
SELECT y.unit_code, y.period, y.indicator, y.denominator, sum(m.denominator) AS months_den
FROM indicator_values y
JOIN indicator_catalog k ON k.indicator = y.indicator AND k.grain = 'month'
JOIN indicator_values m ON m.unit_code = y.unit_code AND m.indicator = y.indicator AND m.period_type = 'month' AND left(m.period, 4) = y.period
WHERE y.period_type = 'year'
GROUP BY ALL
HAVING y.numerator <> sum(m.numerator) OR y.denominator <> sum(m.denominator)
