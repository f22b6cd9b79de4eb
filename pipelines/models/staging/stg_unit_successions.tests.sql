-- Data tests for stg_unit_successions.

-- test: a unit continued by another has its last day, and the successor is in the registry and in force the next day
SELECT c.predecessor_code, c.successor_code, c.kind, c.effective_from, s.valid_from, s.valid_to
FROM stg_unit_successions c LEFT JOIN stg_units s ON s.unit_code = c.successor_code
WHERE c.effective_from IS NULL OR s.unit_code IS NULL
   OR s.valid_from > c.effective_from OR s.valid_to < c.effective_from;

-- test: one row per pair
SELECT predecessor_code, successor_code, count(*) AS n FROM stg_unit_successions GROUP BY ALL HAVING n > 1;

-- test: merged_into is the single successor, NULL after a split
SELECT u.unit_code, u.merged_into, c.successor_code
FROM stg_units u LEFT JOIN stg_unit_successions c ON c.predecessor_code = u.unit_code AND c.kind <> 'tach'
WHERE u.merged_into IS DISTINCT FROM c.successor_code
