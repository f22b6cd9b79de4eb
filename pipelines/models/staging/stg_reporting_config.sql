-- stg_reporting_config: one row: the reporting window (first and last year a meeting log is expected) and the
-- deadline rule, from pipelines/seeds/reporting_config.csv. An empty last_year means "the latest year of any
-- meeting log in force".
-- depends_on: stg_reported_committee_years
SELECT
  c.first_year::INTEGER AS first_year,
  coalesce(try_cast(c.last_year AS INTEGER), (SELECT max(year) FROM stg_reported_committee_years), c.first_year::INTEGER) AS last_year,
  c.deadline_month::INTEGER AS deadline_month,
  c.deadline_day::INTEGER AS deadline_day
FROM seed_reporting_config c
