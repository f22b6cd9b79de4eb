-- stg_reported_committee_years: one row per committee and year covered by a meeting log in force.
-- Only these committee-years enter denominators: "not reported" is never counted as "not held".
-- depends_on: stg_meeting_log_submissions
SELECT DISTINCT committee_code, year
FROM stg_meeting_log_submissions
WHERE in_force
