-- stg_unit_successions: one row per unit that ended and each unit that continues it (stg_units.continued_by:
-- named by its `sap_nhap_vao` or naming it in `ma_cu`). kind:
--   tach            a split: the predecessor is continued by several units
--   sap_nhap        a merger: the successor continues several units, or continues one while it already existed
--   doi_ma          a new code: one predecessor, one successor that starts with it, in the same committee (two
--                   committees when a committee itself takes a new code)
--   chuyen_dang_bo  a move under a new code: as doi_ma, in another committee
-- effective_from: the first day the successor stands for the predecessor, the day after the predecessor's last day.
-- depends_on: stg_units
WITH pairs AS (
  SELECT u.unit_code AS predecessor_code, unnest(u.continued_by) AS successor_code,
         len(u.continued_by) AS successors, u.valid_to, u.level, u.reporting_committee_code
  FROM stg_units u
  WHERE len(u.continued_by) > 0
),
counted AS (
  SELECT *, count(*) OVER (PARTITION BY successor_code) AS predecessors FROM pairs
)
SELECT
  c.predecessor_code,
  c.successor_code,
  CASE WHEN c.successors > 1 THEN 'tach'
       WHEN c.predecessors > 1 OR s.valid_from <= c.valid_to THEN 'sap_nhap'
       WHEN s.reporting_committee_code = c.reporting_committee_code
         OR (c.level = 'tren_co_so' AND s.level = 'tren_co_so') THEN 'doi_ma'
       ELSE 'chuyen_dang_bo' END AS kind,
  c.valid_to + 1 AS effective_from
FROM counted c
LEFT JOIN stg_units s ON s.unit_code = c.successor_code
