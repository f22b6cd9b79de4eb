-- indicator_catalog: one row per indicator: names (vi/en), target, direction, display order and finest period
-- (grain), then what kind of figure it is (unit: share 0–1 | score 0–100 | rank), whether it adds up over
-- children (additive), where it exists (levels: all | committee = committees and province only), its group,
-- its formula in Vietnamese and its regulation source; target_set_by says who set the target ('quy_dinh': a
-- party rule, 'tinh': the province's own choice, which it may change) and target_basis_vi why. From
-- pipelines/seeds/indicator_catalog.csv and pipelines/seeds/indicator_targets.csv.
-- depends_on:
SELECT c.indicator, c.name_vi, c.short_vi, c.name_en, t.target::DOUBLE AS target, c.higher_is_better::BOOLEAN AS higher_is_better,
       c.sort_order::INTEGER AS sort_order, c.grain, c.unit, c.additive::BOOLEAN AS additive, c.levels, c.group_key, c.group_vi,
       c.formula_vi, c.source, t.set_by AS target_set_by, t.basis_vi AS target_basis_vi
FROM seed_indicator_catalog c
LEFT JOIN seed_indicator_targets t USING (indicator)
