-- Data tests for fct_cell_months (on the partitions built in this run).

-- test: key (cell, month) is unique and not null
SELECT cell_code, month_start, count(*) AS n FROM fct_cell_months
WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
GROUP BY ALL HAVING n > 1 OR cell_code IS NULL OR month_start IS NULL;

-- test: every meeting is counted once (meetings of the partitions built = rows of the meeting logs)
SELECT m.year, m.n AS in_facts, r.n AS in_logs FROM
  (SELECT year, sum(meetings) AS n FROM fct_cell_months WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code) GROUP BY year) m
FULL OUTER JOIN
  (SELECT year(meeting_date) AS year, count(*) AS n FROM stg_meetings
   WHERE meeting_date BETWEEN make_date(scope_year_from(), 1, 1) AND make_date(scope_year_to(), 12, 31) AND in_scope_committee(committee_code) GROUP BY 1) r
ON r.year = m.year
WHERE coalesce(m.n, 0) <> coalesce(r.n, 0);

-- test: every numerator lies within [0, its denominator]
SELECT * FROM fct_cell_months
WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)
  AND NOT (months_regular BETWEEN 0 AND months_reported AND months_reported <= months_to_report
    AND members_present BETWEEN 0 AND members_expected
    AND meetings_att_90 BETWEEN 0 AND meetings_att_known AND meetings_att_known <= meetings
    AND unexcused_absent BETWEEN 0 AND unexcused_base
    AND regular_on_day BETWEEN 0 AND regular_day_known AND regular_day_known <= meetings
    AND full_length BETWEEN 0 AND length_known AND length_known <= meetings
    AND speakers BETWEEN 0 AND speakers_base
    AND superior_attended BETWEEN 0 AND superior_known AND superior_known <= meetings
    AND meetings_online BETWEEN 0 AND meetings
    AND rated_tot + rated_kha + rated_trung_binh + rated_kem = meetings_rated AND meetings_rated <= meetings
    AND least(rated_tot, rated_kha, rated_trung_binh, rated_kem) >= 0
    AND meetings_thematic BETWEEN 0 AND meetings AND meetings_regular BETWEEN 0 AND meetings
    AND regular_day_known <= meetings_regular AND unexcused_absent <= unexcused_or_unknown
    AND greatest(excused_known, unexcused_known, speakers_known, score_known) <= meetings)
