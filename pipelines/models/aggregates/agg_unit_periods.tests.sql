-- Data tests for the aggregates (on the partitions built in this run).

-- test: one row per unit and period, and no unit is both a cell and a unit above the cells
-- (the cells' months are unique by fct_cell_months' key test: here their codes are only looked up, not regrouped)
SELECT unit_code, period_type, period, count(*) AS n FROM (
  SELECT unit_code, period_type, period FROM agg_unit_periods WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
  UNION ALL
  SELECT unit_code, period_type, period FROM agg_top_periods WHERE year BETWEEN scope_year_from() AND scope_year_to()
  UNION ALL
  SELECT unit_code, period_type, period FROM agg_cell_years WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
) GROUP BY ALL HAVING n > 1
UNION ALL
SELECT cell_code, 'month', 'a cell and a unit above the cells', count(*) FROM fct_cell_months
WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
  AND cell_code IN (SELECT unit_code FROM agg_unit_periods UNION ALL SELECT unit_code FROM agg_top_periods)
GROUP BY cell_code;

-- test: comparable series: the current cells of a committee hold every meeting and cell-month of the committee, once
-- (the committees a unit left for another committee's unit, and that one, are checked together: the moved cell's
-- past months belong to the first in the series of the time, to the second in the comparable series; together
-- they are checked only when all of them were rebuilt in this run)
WITH crossing AS (
  SELECT DISTINCT x.committee_code
  FROM unit_lineage l
  JOIN dim_units a ON a.unit_code = l.unit_code
  JOIN dim_units b ON b.unit_code = l.successor_code,
  LATERAL (VALUES (a.committee_code), (b.committee_code)) x(committee_code)
  WHERE a.committee_code IS DISTINCT FROM b.committee_code AND x.committee_code IS NOT NULL
),
grouped AS (
  SELECT unit_code AS committee_code,
         CASE WHEN unit_code IN (SELECT committee_code FROM crossing) THEN '(committees a unit moved between)' ELSE unit_code END AS group_code
  FROM dim_units WHERE level = 'tren_co_so'
    AND in_scope_committee(unit_code)
    AND (unit_code NOT IN (SELECT committee_code FROM crossing) OR (SELECT bool_and(in_scope_committee(committee_code)) FROM crossing))
),
cells AS (
  SELECT g.group_code, a.period, sum(a.meetings) AS meetings, sum(a.months_to_report) AS months, sum(a.members_present) AS present
  FROM agg_indicator_atoms a JOIN dim_units u ON u.unit_code = a.unit_code AND u.holds_meetings
  JOIN grouped g ON g.committee_code = u.committee_code
  WHERE a.series = 'comparable' AND a.cell_row AND a.period_type = 'month' AND a.year BETWEEN scope_year_from() AND scope_year_to()
  GROUP BY ALL
),
committees AS (
  SELECT g.group_code, p.period, sum(p.meetings) AS meetings, sum(p.months_to_report) AS months, sum(p.members_present) AS present
  FROM agg_unit_periods p JOIN grouped g ON g.committee_code = p.unit_code
  WHERE p.period_type = 'month' AND p.year BETWEEN scope_year_from() AND scope_year_to()
  GROUP BY ALL
)
SELECT * FROM cells c FULL OUTER JOIN committees p USING (group_code, period)
WHERE c.meetings IS DISTINCT FROM p.meetings OR c.months IS DISTINCT FROM p.months OR c.present IS DISTINCT FROM p.present;

-- test: a committee's month is the sum of its children's months (grassroots organisations and cells whose parent
-- it was on the month's last day), and the province's month the sum of its committees' (every monthly count)
WITH parent AS (
  -- only the children of the units checked: the other cells' months are never read
  SELECT unit_code, ancestor_code AS parent_code, coalesce(valid_from, DATE '0001-01-01') AS valid_from, coalesce(valid_to, DATE '9999-12-31') AS valid_to
  FROM int_unit_ancestors WHERE depth = 1
    AND ancestor_code IN (SELECT unit_code FROM dim_units WHERE level = 'tinh' OR (level = 'tren_co_so' AND in_scope_committee(committee_code)))
),
children AS (
  SELECT p.parent_code AS unit_code, strftime(m.month_start, '%Y-%m') AS period, COLUMNS(['months_to_report', 'months_reported', 'months_regular', 'meetings', 'members_expected', 'members_present',
                 'meetings_att_known', 'meetings_att_90', 'unexcused_base', 'unexcused_absent', 'regular_day_known', 'regular_on_day',
                 'length_known', 'full_length', 'speakers_base', 'speakers', 'superior_known', 'superior_attended',
                 'meetings_online', 'meetings_rated', 'rated_tot', 'rated_kha', 'rated_trung_binh', 'rated_kem', 'meetings_regular',
                 'excused_known', 'unexcused_known', 'unexcused_or_unknown', 'speakers_known', 'score_known'])
  FROM fct_cell_months m JOIN parent p ON p.unit_code = m.cell_code AND last_day(m.month_start) BETWEEN p.valid_from AND p.valid_to
  WHERE m.year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(m.committee_code)
  UNION ALL
  SELECT p.parent_code, a.period, COLUMNS(['months_to_report', 'months_reported', 'months_regular', 'meetings', 'members_expected', 'members_present',
                 'meetings_att_known', 'meetings_att_90', 'unexcused_base', 'unexcused_absent', 'regular_day_known', 'regular_on_day',
                 'length_known', 'full_length', 'speakers_base', 'speakers', 'superior_known', 'superior_attended',
                 'meetings_online', 'meetings_rated', 'rated_tot', 'rated_kha', 'rated_trung_binh', 'rated_kem', 'meetings_regular',
                 'excused_known', 'unexcused_known', 'unexcused_or_unknown', 'speakers_known', 'score_known'])
  FROM agg_unit_periods a JOIN parent p ON p.unit_code = a.unit_code
   AND last_day(strptime(a.period, '%Y-%m')::DATE) BETWEEN p.valid_from AND p.valid_to
  WHERE a.period_type = 'month' AND a.year BETWEEN scope_year_from() AND scope_year_to()
),
sums AS (
  SELECT unit_code, period, sum(COLUMNS(* EXCLUDE (unit_code, period)))::INTEGER
  FROM children
  GROUP BY unit_code, period
),
rows AS (
  SELECT unit_code, period, COLUMNS(['months_to_report', 'months_reported', 'months_regular', 'meetings', 'members_expected', 'members_present',
                 'meetings_att_known', 'meetings_att_90', 'unexcused_base', 'unexcused_absent', 'regular_day_known', 'regular_on_day',
                 'length_known', 'full_length', 'speakers_base', 'speakers', 'superior_known', 'superior_attended',
                 'meetings_online', 'meetings_rated', 'rated_tot', 'rated_kha', 'rated_trung_binh', 'rated_kem', 'meetings_regular',
                 'excused_known', 'unexcused_known', 'unexcused_or_unknown', 'speakers_known', 'score_known']) FROM agg_unit_periods
  WHERE period_type = 'month' AND year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
    AND unit_code IN (SELECT unit_code FROM dim_units WHERE level = 'tren_co_so')
  UNION ALL
  SELECT unit_code, period, COLUMNS(['months_to_report', 'months_reported', 'months_regular', 'meetings', 'members_expected', 'members_present',
                 'meetings_att_known', 'meetings_att_90', 'unexcused_base', 'unexcused_absent', 'regular_day_known', 'regular_on_day',
                 'length_known', 'full_length', 'speakers_base', 'speakers', 'superior_known', 'superior_attended',
                 'meetings_online', 'meetings_rated', 'rated_tot', 'rated_kha', 'rated_trung_binh', 'rated_kem', 'meetings_regular',
                 'excused_known', 'unexcused_known', 'unexcused_or_unknown', 'speakers_known', 'score_known']) FROM agg_top_periods
  WHERE period_type = 'month' AND year BETWEEN scope_year_from() AND scope_year_to()
)
SELECT COLUMNS(* EXCLUDE (side)), sum(side) AS sides
FROM (SELECT 1 AS side, * FROM rows UNION ALL BY NAME SELECT 2 AS side, * FROM sums)
GROUP BY ALL HAVING sum(side) <> 3;

-- test: a unit's quarter and year hold the sums of its months (monthly atoms)
WITH m AS (
  SELECT * EXCLUDE (committee_code) FROM agg_unit_periods WHERE period_type = 'month' AND year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
),
sums AS (
  -- every unit-year with months or a year row: a year with annual atoms only (ratings, no meeting log yet) sums no month
  SELECT k.unit_code, 'year' AS period_type, k.year::VARCHAR AS period,
         coalesce(sum(COLUMNS(['months_to_report', 'months_reported', 'months_regular', 'meetings', 'members_expected', 'members_present',
                      'meetings_att_known', 'meetings_att_90', 'unexcused_base', 'unexcused_absent', 'regular_day_known', 'regular_on_day',
                      'length_known', 'full_length', 'speakers_base', 'speakers', 'superior_known', 'superior_attended',
                      'meetings_online', 'meetings_rated', 'rated_tot', 'rated_kha', 'rated_trung_binh', 'rated_kem', 'meetings_regular',
                 'excused_known', 'unexcused_known', 'unexcused_or_unknown', 'speakers_known', 'score_known'])), 0)::INTEGER
  FROM (SELECT unit_code, year FROM m
        UNION SELECT unit_code, year FROM agg_unit_periods
        WHERE period_type = 'year' AND year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)) k
  LEFT JOIN m USING (unit_code, year)
  GROUP BY k.unit_code, k.year
),
years AS (
  SELECT unit_code, period_type, period,
         COLUMNS(['months_to_report', 'months_reported', 'months_regular', 'meetings', 'members_expected', 'members_present',
                  'meetings_att_known', 'meetings_att_90', 'unexcused_base', 'unexcused_absent', 'regular_day_known', 'regular_on_day',
                  'length_known', 'full_length', 'speakers_base', 'speakers', 'superior_known', 'superior_attended',
                  'meetings_online', 'meetings_rated', 'rated_tot', 'rated_kha', 'rated_trung_binh', 'rated_kem', 'meetings_regular',
                 'excused_known', 'unexcused_known', 'unexcused_or_unknown', 'speakers_known', 'score_known'])
  FROM agg_unit_periods WHERE period_type = 'year' AND year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
)
(SELECT 'year row' AS side, * FROM years EXCEPT SELECT 'year row', * FROM sums)
UNION ALL
(SELECT 'sum of months', * FROM sums EXCEPT SELECT 'sum of months', * FROM years);

-- test: a unit's term holds the sum of its years
WITH y AS (
  SELECT unit_code, term_of(year) AS period,
         * EXCLUDE (unit_code, year, period_type, period)
  FROM (SELECT * EXCLUDE (committee_code) FROM agg_unit_periods WHERE in_scope_committee(committee_code) UNION ALL BY NAME SELECT * FROM agg_top_periods)
  WHERE period_type = 'year' AND term_of(year) IS NOT NULL
),
sums AS (SELECT unit_code, period, sum(COLUMNS(* EXCLUDE (unit_code, period)))::INTEGER FROM y GROUP BY unit_code, period),
terms AS (
  SELECT * EXCLUDE (is_cell, committee_code) FROM agg_unit_terms WHERE NOT is_cell AND in_scope_committee(committee_code)
  UNION ALL BY NAME SELECT * FROM agg_top_terms
)
-- columns matched by name: a row found on one side only is reported
SELECT COLUMNS(* EXCLUDE (side)), sum(side) AS sides
FROM (SELECT 1 AS side, * FROM terms UNION ALL BY NAME SELECT 2 AS side, * FROM sums)
GROUP BY ALL HAVING sum(side) <> 3
