-- int_committee_years: one row per committee and year that the pipeline knows about: every year of the reporting
-- window (pipelines/seeds/reporting_config.csv) for every committee, plus any other year with data in force.
-- reported: the committee's meeting log for the year is in force (accepted or partial).
-- last_month: the last month of the year its facts count (12). A year in progress — every log in force for it was
-- received before the year ended (e.g. for a six-month review), or a log declares the last day it covers — counts
-- only the months up to the month of the declared day, else up to the last month its logs hold a meeting for (0:
-- none), so the months still to come are never counted as "not held".
-- complete: the year is counted whole (not in progress): only then are annual ratings expected for it.
-- depends_on: stg_units, stg_reporting_config, stg_reported_committee_years, stg_submission_committees, stg_meeting_log_submissions, stg_meetings
WITH committees AS (
  SELECT unit_code AS committee_code FROM stg_units WHERE level = 'tren_co_so'
  UNION SELECT reporting_committee_code FROM stg_units WHERE level IN ('chi_bo', 'chi_bo_co_so', 'dang_bo_co_so')
),
window_years AS (
  SELECT c.committee_code, y.year
  FROM committees c, stg_reporting_config cfg, LATERAL (SELECT range::INTEGER AS year FROM range(cfg.first_year, cfg.last_year + 1)) y
),
data_years AS (
  SELECT committee_code, year FROM stg_submission_committees WHERE in_force
),
in_progress AS (
  SELECT committee_code, year, list(submission_id) AS logs, max(period_to) AS period_to
  FROM stg_meeting_log_submissions WHERE in_force
  GROUP BY committee_code, year
  HAVING max(received_at) < make_date(year + 1, 1, 1) OR (max(period_to) IS NOT NULL AND max(period_to) < make_date(year, 12, 31))
),
covered AS (
  -- a declared period is taken as given; otherwise the months up to the last one with a meeting
  SELECT p.committee_code, p.year, month(p.period_to)::INTEGER AS last_month
  FROM in_progress p WHERE p.period_to IS NOT NULL
  UNION ALL
  SELECT p.committee_code, p.year, coalesce(max(month(m.meeting_date)), 0)::INTEGER AS last_month
  FROM in_progress p
  LEFT JOIN stg_meetings m ON m.submission_id IN (SELECT unnest(logs) FROM in_progress WHERE period_to IS NULL)
   AND list_contains(p.logs, m.submission_id) AND m.committee_code = p.committee_code AND year(m.meeting_date) = p.year
  WHERE p.period_to IS NULL
  GROUP BY p.committee_code, p.year
)
SELECT k.committee_code, k.year,
       k.year BETWEEN cfg.first_year AND cfg.last_year AS in_window,
       r.committee_code IS NOT NULL AS reported,
       coalesce(c.last_month, 12) AS last_month,
       c.committee_code IS NULL AS complete
FROM (SELECT * FROM window_years UNION SELECT * FROM data_years) k
CROSS JOIN stg_reporting_config cfg
LEFT JOIN stg_reported_committee_years r ON r.committee_code = k.committee_code AND r.year = k.year
LEFT JOIN covered c ON c.committee_code = k.committee_code AND c.year = k.year
