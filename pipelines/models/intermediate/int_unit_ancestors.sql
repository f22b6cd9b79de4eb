-- int_unit_ancestors: one row per unit, ancestor (itself included, depth 0, up to the province) and date range:
-- on the dates from valid_from to valid_to (NULL = open) the unit rolls up to ancestor_code. A parent that was
-- merged away is replaced, from the day after its last day, by the unit it merged into (unit_lineage): roll-ups
-- follow the hierarchy valid at the time of each meeting.
-- depends_on: stg_units, unit_lineage
WITH RECURSIVE chain(unit_code, ancestor_code, depth, valid_from, valid_to) AS (
  SELECT unit_code, unit_code, 0, NULL::DATE, NULL::DATE FROM stg_units
  UNION ALL
  SELECT c.unit_code, l.successor_code, c.depth + 1,
         CASE WHEN c.valid_from IS NULL THEN l.represents_from WHEN l.represents_from IS NULL THEN c.valid_from ELSE greatest(c.valid_from, l.represents_from) END,
         CASE WHEN c.valid_to IS NULL THEN l.represents_to WHEN l.represents_to IS NULL THEN c.valid_to ELSE least(c.valid_to, l.represents_to) END
  FROM chain c
  JOIN stg_units a ON a.unit_code = c.ancestor_code
  JOIN unit_lineage l ON l.unit_code = a.parent_code
  WHERE c.depth < 10
    AND (c.valid_from IS NULL OR l.represents_to IS NULL OR l.represents_to >= c.valid_from)
    AND (c.valid_to IS NULL OR l.represents_from IS NULL OR l.represents_from <= c.valid_to)
)
SELECT chain.unit_code, chain.ancestor_code, a.level AS ancestor_level, chain.depth, chain.valid_from, chain.valid_to
FROM chain JOIN stg_units a ON a.unit_code = chain.ancestor_code
