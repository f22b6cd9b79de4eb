-- stg_meeting_log_submissions: one row per meeting-log submission (sinh_hoat) that was ever in force — accepted,
-- partial, or since superseded by a correction — committee it reports on (stg_submission_committees) and year it
-- covers. Rejected files are not reports.
-- depends_on: stg_submission_committees
SELECT submission_id, committee_code, year, status, received_at, in_force
FROM stg_submission_committees
WHERE kind = 'sinh_hoat'
