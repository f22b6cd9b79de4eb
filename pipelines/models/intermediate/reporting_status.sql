-- reporting_status: one row per committee and year of the reporting window: whether its meeting log was
-- expected (the committee existed the whole year), is in force (reported), when it was received and whether by
-- the deadline (deadline_day/deadline_month of the next year, pipelines/seeds/reporting_config.csv).
-- first_received_at is the received date of the FIRST meeting log accepted for the year (in force or since
-- superseded by a correction): a year reported on time stays on time when a correction arrives later.
-- depends_on: int_committee_years, stg_units, stg_reporting_config, stg_meeting_log_submissions
WITH received AS (
  SELECT committee_code, year, min(received_at) AS first_received_at,
         list(submission_id ORDER BY submission_id) FILTER (WHERE in_force) AS submission_ids
  FROM stg_meeting_log_submissions GROUP BY committee_code, year
)
SELECT
  cy.committee_code,
  cy.year,
  coalesce(u.valid_from <= make_date(cy.year, 1, 1) AND (u.valid_to IS NULL OR u.valid_to >= make_date(cy.year, 12, 31)), false) AS expected,
  cy.reported,
  r.first_received_at,
  make_date(cy.year + 1, cfg.deadline_month, cfg.deadline_day) AS deadline,
  coalesce(cy.reported AND r.first_received_at::DATE <= make_date(cy.year + 1, cfg.deadline_month, cfg.deadline_day), false) AS on_time,
  r.submission_ids
FROM int_committee_years cy
CROSS JOIN stg_reporting_config cfg
LEFT JOIN stg_units u ON u.unit_code = cy.committee_code
LEFT JOIN received r ON r.committee_code = cy.committee_code AND r.year = cy.year
WHERE cy.in_window
