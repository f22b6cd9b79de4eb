-- Data tests for fct_meetings.

-- test: every meeting's cell is known to the registry
SELECT cell_code, count(*) AS meetings FROM stg_meetings WHERE cell_code NOT IN (SELECT cell_code FROM fct_meetings) GROUP BY 1;

-- test: attendance arithmetic holds
SELECT cell_code, meeting_date, members, excused_members, present FROM fct_meetings
WHERE present > expected_attendees OR excused_members > members
