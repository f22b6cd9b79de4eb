-- indicator_catalog: one row per indicator: names (vi/en), target, direction, display order and finest period.
-- depends_on:
SELECT indicator, name_vi, short_vi, name_en, target::DOUBLE AS target, higher_is_better::BOOLEAN AS higher_is_better,
       sort_order::INTEGER AS sort_order, grain
FROM seed_indicator_catalog
