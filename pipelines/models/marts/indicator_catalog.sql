-- indicator_catalog: one row per indicator: names (vi/en), target, direction, display order and finest period
-- (grain), then what kind of figure it is (unit: share 0–1 | score 0–100 | rank), whether it adds up over
-- children (additive), where it exists (levels: all | committee = committees and province only), its group,
-- its formula in Vietnamese and its regulation source. From pipelines/seeds/indicator_catalog.csv.
-- depends_on:
SELECT indicator, name_vi, short_vi, name_en, target::DOUBLE AS target, higher_is_better::BOOLEAN AS higher_is_better,
       sort_order::INTEGER AS sort_order, grain, unit, additive::BOOLEAN AS additive, levels, group_key, group_vi,
       formula_vi, source
FROM seed_indicator_catalog
