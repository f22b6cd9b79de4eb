-- agg_indicator_shares: one row per series (reported, comparable), unit, period and indicator that is a share (a ratio of two atoms), where its
-- denominator is positive: the definitions of docs/indicators.md in one place, as (numerator, denominator)
-- pairs of atoms. year is NULL on term rows.
-- materialized: view
-- depends_on: agg_indicator_atoms
SELECT series, copied, unit_code, period_type, period, year, cell_row, indicator, numerator, denominator
FROM (
  UNPIVOT (
    SELECT series, copied, unit_code, period_type, period, year, cell_row,
           months_to_report, months_reported, months_regular, meetings, members_expected, members_present,
           meetings_att_known, meetings_att_90, unexcused_base, unexcused_absent, regular_day_known, regular_on_day,
           length_known, full_length, speakers_base, speakers, superior_known, superior_attended, meetings_online,
           meetings_rated, rated_tot, rated_kha, rated_trung_binh, rated_kem, quarters_expected, quarters_thematic,
           cell_years_expected, cell_years_every_month, org_rated, org_good, org_fail, cell_rated, cell_good, cell_fail,
           members_rated, members_good, members_fail, secretary_known, secretary_trained,
           committee_years_expected, committee_years_reported, committee_years_on_time,
           meetings_regular, excused_known, unexcused_known, speakers_known, score_known, cell_rows_rated,
           cell_years_every_quarter, org_htxs, org_htt, org_ht, cell_htxs, cell_htt, cell_ht,
           org_to_rate, org_rated_expected, cell_to_rate, cell_rated_expected
    FROM agg_indicator_atoms
  )
  ON (months_regular, months_reported) AS regular_meeting_rate,
     (cell_years_every_month, cell_years_expected) AS cells_every_month_rate,
     (cell_years_every_quarter, cell_years_expected) AS cells_every_quarter_rate,
     (quarters_thematic, quarters_expected) AS thematic_quarter_rate,
     (members_present, members_expected) AS attendance_rate,
     (meetings_att_90, meetings_att_known) AS attendance90_meeting_rate,
     (unexcused_absent, unexcused_base) AS unexcused_absence_rate,
     (regular_on_day, regular_day_known) AS prescribed_day_rate,
     (full_length, length_known) AS full_length_rate,
     (speakers, speakers_base) AS speaking_rate,
     (rated_tot, meetings_rated) AS meeting_rating_good_share,
     (rated_kha, meetings_rated) AS meeting_rating_fair_share,
     (rated_trung_binh, meetings_rated) AS meeting_rating_average_share,
     (rated_kem, meetings_rated) AS meeting_rating_poor_share,
     (meetings_rated, meetings) AS meeting_rating_coverage,
     (superior_attended, superior_known) AS superior_attended_rate,
     (meetings_online, meetings) AS online_meeting_rate,
     (org_good, org_rated) AS org_rating_good_share,
     (org_fail, org_rated) AS org_rating_fail_share,
     (org_htxs, org_rated) AS org_rating_htxs_share,
     (org_htt, org_rated) AS org_rating_htt_share,
     (org_ht, org_rated) AS org_rating_ht_share,
     (cell_good, cell_rated) AS cell_rating_good_share,
     (cell_fail, cell_rated) AS cell_rating_fail_share,
     (cell_htxs, cell_rated) AS cell_rating_htxs_share,
     (cell_htt, cell_rated) AS cell_rating_htt_share,
     (cell_ht, cell_rated) AS cell_rating_ht_share,
     (org_rated_expected, org_to_rate) AS org_rating_completeness,
     (cell_rated_expected, cell_to_rate) AS cell_rating_completeness,
     (members_good, members_rated) AS member_rating_good_share,
     (members_fail, members_rated) AS member_rating_fail_share,
     (secretary_trained, secretary_known) AS secretary_trained_rate,
     (months_reported, months_to_report) AS reporting_completeness,
     (committee_years_reported, committee_years_expected) AS committee_reporting_rate,
     (committee_years_on_time, committee_years_expected) AS reporting_timeliness,
     (excused_known, meetings) AS coverage_excused,
     (unexcused_known, meetings) AS coverage_unexcused,
     (length_known, meetings) AS coverage_length,
     (speakers_known, meetings) AS coverage_speakers,
     (superior_known, meetings) AS coverage_superior,
     (regular_day_known, meetings_regular) AS coverage_prescribed_day,
     (score_known, meetings) AS coverage_score,
     (secretary_known, cell_rows_rated) AS coverage_secretary
  INTO NAME indicator VALUE numerator, denominator
)
WHERE denominator > 0
