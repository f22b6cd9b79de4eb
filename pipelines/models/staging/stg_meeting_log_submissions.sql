-- stg_meeting_log_submissions: one row per meeting-log submission (sinh_hoat) that was ever in force — accepted,
-- partial, or since superseded by a correction — and each year it covers. Rejected files are not reports.
-- depends_on:
-- sources: submissions
SELECT submission_id, committee_code, unnest(years) AS year, status, received_at, status IN ('accepted', 'partial') AS in_force
FROM submissions
WHERE kind = 'sinh_hoat' AND status IN ('accepted', 'partial', 'superseded')
