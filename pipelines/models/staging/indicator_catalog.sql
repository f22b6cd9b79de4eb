-- indicator_catalog: one row per indicator: names (vi/en), target, direction, display order and finest period
-- (grain), then what kind of figure it is (unit: share 0–1 | score 0–100 | rank), whether it adds up over
-- children (additive), where it exists (levels: all | committee = committees and province only), its group,
-- its formula in Vietnamese and its sources. The target and who set it come from indicator_targets: source ends
-- with "Mục tiêu: …", which says whether a party rule sets the target or the province chose it.
-- min_denominator: a share is ranked only when its denominator reaches it (ranking_config.csv; NULL for other kinds).
-- From pipelines/seeds/indicator_catalog.csv, indicator_targets.csv and ranking_config.csv.
-- depends_on: indicator_targets
SELECT c.indicator, c.name_vi, c.short_vi, c.name_en, t.target, c.higher_is_better::BOOLEAN AS higher_is_better,
       c.sort_order::INTEGER AS sort_order, c.grain, c.unit, c.additive::BOOLEAN AS additive, c.levels, c.group_key, c.group_vi,
       c.formula_vi, c.source || coalesce('. Mục tiêu: ' || t.basis_vi, '') AS source,
       CASE WHEN c.unit = 'share' THEN (SELECT min(min_denominator)::INTEGER FROM seed_ranking_config) END AS min_denominator
FROM seed_indicator_catalog c
LEFT JOIN indicator_targets t USING (indicator)
