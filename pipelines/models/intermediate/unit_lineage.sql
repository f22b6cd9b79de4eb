-- unit_lineage: one row per unit and each unit that stands for it over time — itself (step 0), then the single
-- unit that continues it (stg_units.merged_into: the unit it merged into, its new code, its new code in another
-- committee), that one's successor, and so on. successor_code stands for unit_code from represents_from to
-- represents_to (NULL = open). A unit dissolved without a successor stands for itself for ever; a merged unit
-- stands for itself up to its last day.
-- A split ends the chain: the unit split into several stands for itself for ever, so its past stays its own (and,
-- in the comparable series, counts for its own ancestors in today's hierarchy), and each piece's past starts at
-- the split. Its months cannot be divided between the pieces: the logs record the old cell's meetings and
-- members as a whole, not which of them went to which piece.
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
