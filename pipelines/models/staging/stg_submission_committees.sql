-- stg_submission_committees: one row per meeting log or ratings submission (sinh_hoat, danh_gia) ever in force,
-- committee whose units it reports on (their committee in the hierarchy, stg_units) and year it covers. A file a
-- committee sends reports on that committee; a file recorded against the province (a province that keeps its
-- whole registry in one file) reports on the committees of the units in its rows. A file recorded against the
-- province whose rows are gone (since superseded) stays the province's.
-- depends_on: stg_units
-- sources: submissions, raw_meetings, raw_ratings
WITH files AS (
  SELECT s.submission_id, s.kind, s.committee_code, s.years, s.status, s.received_at,
         coalesce(u.level <> 'tren_co_so', true) AS look_at_rows
  FROM submissions s LEFT JOIN stg_units u ON u.unit_code = s.committee_code
  WHERE s.kind IN ('sinh_hoat', 'danh_gia') AND s.status IN ('accepted', 'partial', 'superseded')
),
row_units AS (
  SELECT DISTINCT submission_id, ma_chi_bo AS unit_code FROM raw_meetings
  WHERE submission_id IN (SELECT submission_id FROM files WHERE look_at_rows AND kind = 'sinh_hoat')
  UNION
  SELECT DISTINCT submission_id, ma_don_vi FROM raw_ratings
  WHERE submission_id IN (SELECT submission_id FROM files WHERE look_at_rows AND kind = 'danh_gia')
),
row_committees AS (
  SELECT DISTINCT r.submission_id, u.reporting_committee_code AS committee_code
  FROM row_units r JOIN stg_units u USING (unit_code)
),
committees AS (
  SELECT f.submission_id, coalesce(r.committee_code, f.committee_code) AS committee_code
  FROM files f LEFT JOIN row_committees r ON f.look_at_rows AND r.submission_id = f.submission_id
)
SELECT f.submission_id, f.kind, c.committee_code, unnest(f.years)::INTEGER AS year, f.status, f.received_at,
       f.status IN ('accepted', 'partial') AS in_force
FROM files f JOIN committees c USING (submission_id)
