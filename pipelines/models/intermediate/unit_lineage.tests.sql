-- Data tests for unit_lineage.

-- test: a merged unit has its last day
SELECT unit_code, merged_into, valid_to FROM stg_units WHERE merged_into IS NOT NULL AND valid_to IS NULL;

-- test: no merger cycle (a chain ends within 20 steps)
SELECT unit_code, max(step) AS steps FROM unit_lineage GROUP BY unit_code HAVING max(step) >= 20;

-- test: key is unique and the ranges of one unit follow each other without gap or overlap
SELECT l.unit_code, l.step, l.represents_from, p.represents_to AS previous_to
FROM unit_lineage l LEFT JOIN unit_lineage p ON p.unit_code = l.unit_code AND p.step = l.step - 1
WHERE l.step > 0 AND (p.unit_code IS NULL OR l.represents_from <> p.represents_to + 1)
UNION ALL
SELECT unit_code, step, NULL, NULL FROM unit_lineage GROUP BY unit_code, step HAVING count(*) > 1
