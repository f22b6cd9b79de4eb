-- int_comparable_ancestors: one row per unit and each unit its data counts for in the COMPARABLE series: the unit
-- that stands for it today (dim_units.current_unit_code: itself, or its last successor along merged_into) and
-- that unit's ancestors in today's hierarchy. So a current unit's past includes its predecessors.
-- depends_on: dim_units, int_unit_ancestors
SELECT d.unit_code, a.ancestor_code, a.ancestor_level, a.depth
FROM dim_units d
JOIN int_unit_ancestors a ON a.unit_code = d.current_unit_code AND a.valid_to IS NULL
