-- Data tests for dim_units.

-- test: unit code is unique and not null
SELECT unit_code, count(*) AS n FROM dim_units GROUP BY unit_code HAVING n > 1 OR unit_code IS NULL;

-- test: every unit below the province rolls up to exactly one committee
SELECT unit_code, level, committee_code FROM dim_units WHERE level NOT IN ('tinh', 'tren_co_so') AND committee_code IS NULL;

-- test: every parent exists
SELECT u.unit_code, u.parent_code FROM dim_units u
WHERE u.parent_code IS NOT NULL AND u.parent_code NOT IN (SELECT unit_code FROM dim_units);

-- test: a merged unit's successor exists and was valid after the merge
SELECT u.unit_code, u.merged_into, u.valid_to FROM dim_units u LEFT JOIN dim_units s ON s.unit_code = u.merged_into
WHERE u.merged_into IS NOT NULL AND (s.unit_code IS NULL OR s.valid_from > u.valid_to + 1 OR s.valid_to <= u.valid_to)

-- test: every unit knows the unit that stands for it today
SELECT unit_code FROM dim_units WHERE current_unit_code IS NULL OR (merged_into IS NULL AND current_unit_code <> unit_code);

-- test: every cell is sent in by a committee
SELECT unit_code FROM dim_units WHERE holds_meetings AND reporting_committee_code IS NULL
