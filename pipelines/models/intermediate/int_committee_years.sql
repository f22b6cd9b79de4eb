-- int_committee_years: one row per committee and year that the pipeline knows about: every year of the reporting
-- window (pipelines/seeds/reporting_config.csv) for every committee, plus any other year with data in force.
-- reported: the committee's meeting log for the year is in force (accepted or partial).
-- depends_on: stg_units, stg_reporting_config, stg_reported_committee_years, stg_submission_committees
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
)
SELECT k.committee_code, k.year,
       k.year BETWEEN cfg.first_year AND cfg.last_year AS in_window,
       r.committee_code IS NOT NULL AS reported
FROM (SELECT * FROM window_years UNION SELECT * FROM data_years) k
CROSS JOIN stg_reporting_config cfg
LEFT JOIN stg_reported_committee_years r ON r.committee_code = k.committee_code AND r.year = k.year
