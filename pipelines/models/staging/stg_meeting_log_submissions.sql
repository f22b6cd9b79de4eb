-- stg_meeting_log_submissions: one row per meeting-log submission (sinh_hoat) that was ever in force — accepted,
-- partial, or since superseded by a correction — committee it reports on (stg_submission_committees) and year it
-- covers. Rejected files are not reports. period_to: the last day the log covers when its sender declared it
-- (ingest --period-to, or den_ngay in ngay_nhan.csv), for a year in progress; NULL when not declared.
-- depends_on: stg_submission_committees
-- sources: submission_periods
SELECT s.submission_id, s.committee_code, s.year, s.status, s.received_at, s.in_force,
       CASE WHEN year(p.period_to) = s.year THEN p.period_to END AS period_to
FROM stg_submission_committees s
LEFT JOIN submission_periods p ON p.submission_id = s.submission_id
WHERE s.kind = 'sinh_hoat'
