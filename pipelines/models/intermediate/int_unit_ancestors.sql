-- int_unit_ancestors: one row per unit, ancestor (itself included, depth 0, up to the province) and date range:
-- on the dates from valid_from to valid_to (NULL = open) the unit rolls up to ancestor_code. Each step up takes the
-- parent in force on those dates (stg_unit_parents: a dated parent change within a committee) and replaces a
-- parent that was merged away or took a new code, from the day after its last day, by the unit that continues it
-- (unit_lineage); a range is the intersection of the ranges met on the way up. Roll-ups follow the hierarchy
-- valid at the time of each meeting; the ranges whose valid_to is open are today's hierarchy.
-- depends_on: stg_units, stg_unit_parents, unit_lineage
WITH RECURSIVE chain(unit_code, ancestor_code, depth, valid_from, valid_to) AS (
  SELECT unit_code, unit_code, 0, NULL::DATE, NULL::DATE FROM stg_units
  UNION ALL
  -- greatest/least skip NULLs: an open start or end does not narrow the range
  SELECT c.unit_code, l.successor_code, c.depth + 1,
         greatest(c.valid_from, p.valid_from, l.represents_from),
         least(c.valid_to, p.valid_to, l.represents_to)
  FROM chain c
  JOIN stg_unit_parents p ON p.unit_code = c.ancestor_code
  JOIN unit_lineage l ON l.unit_code = p.parent_code
  WHERE c.depth < 10
    AND coalesce(greatest(c.valid_from, p.valid_from, l.represents_from), DATE '0001-01-01')
        <= coalesce(least(c.valid_to, p.valid_to, l.represents_to), DATE '9999-12-31')
)
SELECT chain.unit_code, chain.ancestor_code, a.level AS ancestor_level, chain.depth, chain.valid_from, chain.valid_to
FROM chain JOIN stg_units a ON a.unit_code = chain.ancestor_code
