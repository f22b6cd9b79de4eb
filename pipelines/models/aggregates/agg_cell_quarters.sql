-- agg_cell_quarters: one row per cell and quarter, with the cell's monthly atoms summed over the quarter and its
-- quarterly atoms (fct_cell_quarters). A view: at national scale the cells' quarters are summed when asked for.
-- materialized: view
-- depends_on: fct_cell_months, fct_cell_quarters
SELECT m.*, coalesce(q.quarters_expected, 0) AS quarters_expected, coalesce(q.quarters_thematic, 0) AS quarters_thematic
FROM (
  SELECT cell_code AS unit_code, year, quarter(month_start) AS quarter, sum(COLUMNS(* EXCLUDE (cell_code, committee_code, year, month_start)))::INTEGER
  FROM fct_cell_months
  GROUP BY cell_code, year, quarter(month_start)
) m
LEFT JOIN fct_cell_quarters q ON q.cell_code = m.unit_code AND q.year = m.year AND q.quarter = m.quarter
