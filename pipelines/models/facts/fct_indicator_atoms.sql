-- fct_indicator_atoms: one row per cell, indicator and finest period (month, or quarter for quarterly indicators):
-- the numerator and denominator that every coarser period and every ancestor unit sums.
-- Definitions: docs/indicators.md.
-- depends_on: fct_cell_months, fct_cell_quarters, fct_meetings
SELECT cell_code, 'regular_meeting_rate' AS indicator, 'month' AS grain, year, quarter, month_start AS period_start,
       count_if(regular_held) AS numerator, count(*) AS denominator
FROM fct_cell_months GROUP BY ALL
UNION ALL
SELECT cell_code, 'thematic_quarter_rate', 'quarter', year, quarter, quarter_start,
       count_if(thematic_held), count(*)
FROM fct_cell_quarters GROUP BY ALL
UNION ALL
SELECT cell_code, 'attendance_rate', 'month', year, quarter, month_start,
       sum(present), sum(expected_attendees)
FROM fct_meetings GROUP BY ALL
