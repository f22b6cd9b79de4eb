-- int_comparable_units: one row per unit: whether it has a comparable series (in_comparable: it was not merged
-- into another unit) and whether that series can differ from the as-reported one (affected): some unit counts
-- for it in one series and not in the other, or only during part of the time (a merger, a unit moved to another
-- parent). Unaffected units' comparable figures ARE their reported figures; only affected ones are recomputed.
-- depends_on: dim_units, int_unit_ancestors, int_comparable_ancestors, unit_lineage
WITH always AS (
  -- x rolls up to u on every date: its date ranges for u reach back to the start and on to the end of time (the
  -- ranges of one unit and ancestor follow each other without gaps, int_unit_ancestors.tests.sql)
  SELECT unit_code AS x, ancestor_code AS u FROM int_unit_ancestors
  GROUP BY unit_code, ancestor_code
  HAVING bool_or(valid_from IS NULL) AND bool_or(valid_to IS NULL)
),
sometimes AS (
  SELECT DISTINCT unit_code AS x, ancestor_code AS u FROM int_unit_ancestors
),
comparable AS (
  SELECT unit_code AS x, ancestor_code AS u FROM int_comparable_ancestors
),
differs AS (
  (SELECT x, u FROM comparable EXCEPT SELECT x, u FROM always)
  UNION (SELECT x, u FROM always EXCEPT SELECT x, u FROM comparable)
  UNION (SELECT x, u FROM sometimes EXCEPT SELECT x, u FROM always)
)
SELECT d.unit_code,
       d.current_unit_code = d.unit_code AS in_comparable,
       -- a province is the whole province in both series, unless another province merged into it (the 2025
       -- reform merged provinces): then its comparable past holds the merged province's units too
       (d.level <> 'tinh' OR d.unit_code IN (SELECT l.successor_code FROM unit_lineage l JOIN dim_units p ON p.unit_code = l.unit_code AND p.level = 'tinh' WHERE l.step > 0))
       AND d.unit_code IN (SELECT u FROM differs) AS affected
FROM dim_units d
