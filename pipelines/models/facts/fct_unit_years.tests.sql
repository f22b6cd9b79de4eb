-- Data tests for fct_unit_years and fct_cell_quarters (on the partitions built in this run).

-- test: key (unit, year) is unique and every numerator lies within [0, its denominator]
SELECT unit_code, year, count(*) AS n FROM fct_unit_years
WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
GROUP BY ALL
HAVING n > 1 OR bool_or(NOT (cell_years_every_month BETWEEN 0 AND cell_years_expected AND org_good + org_fail <= org_rated
  AND cell_good + cell_fail <= cell_rated AND members_good + members_fail <= members_rated AND least(org_good, org_fail, cell_good, cell_fail, members_good, members_fail) >= 0
  AND secretary_trained BETWEEN 0 AND secretary_known AND secretary_known <= cell_rows_rated
  AND cell_years_every_quarter BETWEEN 0 AND cell_years_expected
  AND org_htxs + org_htt = org_good AND org_htxs + org_htt + org_ht + org_fail = org_rated
  AND cell_htxs + cell_htt = cell_good AND cell_htxs + cell_htt + cell_ht + cell_fail = cell_rated
  AND org_rated_expected <= least(org_rated, org_to_rate) AND cell_rated_expected <= least(cell_rated, cell_to_rate)));

-- test: cell-quarter key is unique
SELECT cell_code, quarter_start, count(*) AS n FROM fct_cell_quarters
WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
GROUP BY ALL HAVING n > 1
