-- agg_unit_terms: one row per unit below the province (cell, grassroots organisation, committee) and party
-- congress term, with every atom summed over the term's years (term_of: 2015-2020 holds 2016–2020, 2020-2025 holds
-- 2021–2025, 2025-2030 holds 2026–2030). Built from the year rows, so a term is always the sum of its years. is_cell: the unit is a cell.
-- Partitioned by committee (the cell's reporting committee, the unit's committee) and term: a resubmitted year
-- recomputes its committee's term holding that year only. The province's terms: agg_top_terms.
-- materialized: partitioned
-- partition_by: committee_code, term
-- depends_on: agg_cell_years, agg_unit_periods
SELECT unit_code, committee_code, term AS period, is_cell, sum(COLUMNS(* EXCLUDE (unit_code, committee_code, term, is_cell)))::INTEGER
FROM (
  SELECT unit_code, committee_code, term_of(year) AS term,
         true AS is_cell, * EXCLUDE (unit_code, committee_code, year, period_type, period)
  FROM agg_cell_years WHERE in_scope_committee(committee_code)
  UNION ALL BY NAME
  SELECT unit_code, committee_code, term_of(year) AS term,
         false AS is_cell, * EXCLUDE (unit_code, committee_code, year, period_type, period)
  FROM agg_unit_periods WHERE period_type = 'year' AND in_scope_committee(committee_code)
)
WHERE term IS NOT NULL AND in_scope_term(term)
GROUP BY unit_code, committee_code, term, is_cell
