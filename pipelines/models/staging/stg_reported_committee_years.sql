-- stg_reported_committee_years: one row per committee and year covered by a meeting log in force.
-- Only these committee-years enter denominators: "not reported" is never counted as "not held".
-- depends_on:
SELECT DISTINCT committee_code, unnest(years) AS year
FROM submissions
WHERE kind = 'sinh_hoat' AND status IN ('accepted', 'partial')
