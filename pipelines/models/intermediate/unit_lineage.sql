-- unit_lineage: one row per unit and each unit that stands for it over time — itself (step 0), then its
-- successor along sap_nhap_vao (merged_into), that one's successor, and so on. successor_code stands for
-- unit_code from represents_from to represents_to (NULL = open). A unit dissolved without a successor stands
-- for itself for ever; a merged unit stands for itself up to its last day.
-- depends_on: stg_units
WITH RECURSIVE chain(unit_code, successor_code, step, represents_from, represents_to, next_code) AS (
  SELECT unit_code, unit_code, 0, NULL::DATE, CASE WHEN merged_into IS NOT NULL THEN valid_to END, merged_into
  FROM stg_units
  UNION ALL
  SELECT c.unit_code, s.unit_code, c.step + 1, c.represents_to + 1,
         CASE WHEN s.merged_into IS NOT NULL THEN greatest(s.valid_to, c.represents_to + 1) END,
         s.merged_into
  FROM chain c
  JOIN stg_units s ON s.unit_code = c.next_code
  WHERE c.step < 20 AND c.represents_to IS NOT NULL
)
SELECT unit_code, successor_code, step, represents_from, represents_to
FROM chain
