-- int_partitions: one row per (committee, year) partition of the partitioned tables, with a fingerprint of what
-- it is computed from: the meeting logs and ratings in force for that committee and year (stg_submission_committees)
-- — and for any other committee whose cells roll up, at some time, into a unit of this one, or are later stood for
-- by one of its units (the comparable series) — and whether the year is in the reporting window and reported. The
-- runner rebuilds exactly the partitions whose fingerprint changed since the last run (a resubmitted
-- committee-year); a change to the registry, a model or a seed rebuilds everything.
-- file_committees: the committees the files it reads are recorded against (the ledger's committee_code: the
-- province for a province-wide file); a rebuild reads the raw rows of these files only (in_scope_file).
-- depends_on: int_committee_years, int_unit_ancestors, dim_units, stg_submission_committees, unit_lineage
-- sources: submissions
WITH sources AS (
  -- committee_code needs the data sent by source_committee
  SELECT DISTINCT d.committee_code, c.reporting_committee_code AS source_committee
  FROM int_unit_ancestors a
  JOIN dim_units c ON c.unit_code = a.unit_code AND c.holds_meetings
  JOIN dim_units d ON d.unit_code = a.ancestor_code AND d.level <> 'tinh'
  WHERE d.committee_code IS NOT NULL AND c.reporting_committee_code IS NOT NULL
  UNION
  -- the comparable series: a cell's past counts for the committee of each unit that later stands for it (a cell
  -- moved to another committee under a new code, or merged into one of another committee)
  SELECT DISTINCT s.committee_code, c.reporting_committee_code
  FROM unit_lineage l
  JOIN dim_units c ON c.unit_code = l.unit_code AND c.holds_meetings
  JOIN dim_units s ON s.unit_code = l.successor_code
  WHERE s.committee_code IS NOT NULL AND c.reporting_committee_code IS NOT NULL
  UNION
  SELECT DISTINCT committee_code, committee_code FROM int_committee_years
)
SELECT cy.committee_code, cy.year,
       md5(cy.in_window::VARCHAR || cy.reported::VARCHAR || ':' ||
           coalesce(string_agg(s.committee_code || ':' || s.submission_id || ':' || s.sha256, ',' ORDER BY s.committee_code, s.submission_id), '')) AS fingerprint,
       list_distinct(list_append(list(s.committee_code) FILTER (WHERE s.committee_code IS NOT NULL), cy.committee_code)) AS file_committees
FROM int_committee_years cy
JOIN sources src ON src.committee_code = cy.committee_code
LEFT JOIN stg_submission_committees sc
  ON sc.committee_code = src.source_committee AND sc.year = cy.year AND sc.in_force
LEFT JOIN submissions s ON s.submission_id = sc.submission_id
GROUP BY cy.committee_code, cy.year, cy.in_window, cy.reported
