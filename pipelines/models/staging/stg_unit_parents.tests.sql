-- Data tests for stg_unit_parents.

-- test: a former parent comes with the date of the change, and a date with a former parent
SELECT unit_code, former_parent_code, parent_from FROM stg_units
WHERE (former_parent_code IS NULL) <> (parent_from IS NULL);

-- test: a former parent is in the registry, in the committee of today's parent
SELECT p.unit_code, p.parent_code, f.unit_code AS found, f.reporting_committee_code, t.reporting_committee_code AS today
FROM stg_unit_parents p
JOIN stg_units u ON u.unit_code = p.unit_code
LEFT JOIN stg_units f ON f.unit_code = p.parent_code
LEFT JOIN stg_units t ON t.unit_code = u.parent_code
WHERE p.valid_to IS NOT NULL
  AND (f.unit_code IS NULL OR f.reporting_committee_code IS DISTINCT FROM t.reporting_committee_code);

-- test: a unit's parents follow each other without gap or overlap, from the start to the end of time
SELECT unit_code, count(*) AS parents, count(*) FILTER (WHERE valid_from IS NULL) AS first, count(*) FILTER (WHERE valid_to IS NULL) AS last
FROM stg_unit_parents GROUP BY unit_code
HAVING count(*) FILTER (WHERE valid_from IS NULL) <> 1 OR count(*) FILTER (WHERE valid_to IS NULL) <> 1
    OR (count(*) = 2 AND max(valid_to) + 1 <> max(valid_from))
    OR count(*) > 2
