-- Data tests for unit_crosswalk.

-- test: both units of a row are in the registry, the kind is known, and a parent change names the unit that moved
SELECT old_code, new_code, kind FROM unit_crosswalk
WHERE old_name IS NULL OR new_name IS NULL
   OR kind NOT IN ('sap_nhap', 'doi_ma', 'chuyen_dang_bo', 'tach', 'chuyen_cap_tren')
   OR (kind = 'chuyen_cap_tren') <> (moved_unit_code IS NOT NULL);

-- test: an old unit split ('tach') has at least two rows, all of them a split; any other old unit ended has one
SELECT old_code, count(*) AS n, string_agg(kind, ',') AS kinds FROM unit_crosswalk
WHERE kind <> 'chuyen_cap_tren'
GROUP BY old_code
HAVING (bool_or(kind = 'tach') AND (count(*) < 2 OR NOT bool_and(kind = 'tach'))) OR (NOT bool_or(kind = 'tach') AND count(*) <> 1);

-- test: dates: the new part starts the day after the old one ends; an old unit ended on its last day and the new one is in force from the first day
SELECT x.old_code, x.new_code, x.kind, x.old_last_day, x.first_day
FROM unit_crosswalk x
LEFT JOIN stg_units o ON o.unit_code = x.old_code
LEFT JOIN stg_units n ON n.unit_code = x.new_code
WHERE x.old_last_day IS NULL OR x.first_day IS DISTINCT FROM x.old_last_day + 1
   OR (x.kind <> 'chuyen_cap_tren' AND o.valid_to IS DISTINCT FROM x.old_last_day)
   OR n.valid_from > x.first_day OR n.valid_to < x.first_day
   -- a new code starts the day the old one ends
   OR (x.kind IN ('doi_ma', 'chuyen_dang_bo') AND n.valid_from IS DISTINCT FROM x.first_day);

-- test: committees: a new code and a parent change stay in the committee, a move changes it
SELECT old_code, new_code, kind, old_committee_code, new_committee_code FROM unit_crosswalk
WHERE (kind = 'chuyen_cap_tren' AND old_committee_code IS DISTINCT FROM new_committee_code)
   OR (kind = 'chuyen_dang_bo' AND old_committee_code IS NOT DISTINCT FROM new_committee_code)
   OR (kind = 'doi_ma' AND old_level <> 'tren_co_so' AND old_committee_code IS DISTINCT FROM new_committee_code)
