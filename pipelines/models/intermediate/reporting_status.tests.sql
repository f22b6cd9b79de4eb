-- Data tests for reporting_status.

-- test: key is unique and not null
SELECT committee_code, year, count(*) AS n FROM reporting_status GROUP BY ALL HAVING n > 1 OR committee_code IS NULL OR year IS NULL;

-- test: on time only when reported
SELECT * FROM reporting_status WHERE on_time AND NOT reported
