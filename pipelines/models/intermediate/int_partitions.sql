-- int_partitions: one row per (committee, year) partition of the partitioned fact tables, with a fingerprint of
-- what it is computed from: the meeting logs and ratings in force for that committee and year, and whether the
-- year is in the reporting window and reported. The runner rebuilds exactly the partitions whose fingerprint
-- changed since the last run (a resubmitted committee-year); a change to the registry, a model or a seed
-- rebuilds everything.
-- depends_on: int_committee_years
SELECT cy.committee_code, cy.year,
       md5(cy.in_window::VARCHAR || cy.reported::VARCHAR || ':' || coalesce(string_agg(s.submission_id || ':' || s.sha256, ',' ORDER BY s.submission_id), '')) AS fingerprint
FROM int_committee_years cy
LEFT JOIN submissions s
  ON s.committee_code = cy.committee_code AND list_contains(s.years, cy.year)
 AND s.kind IN ('sinh_hoat', 'danh_gia') AND s.status IN ('accepted', 'partial')
GROUP BY cy.committee_code, cy.year, cy.in_window, cy.reported
