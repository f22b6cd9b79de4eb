-- quality_index_weights: one row per component of the composite quality index: the indicator it scores, its
-- weight, what it measures and how an empty field is scored, from pipelines/seeds/quality_index_weights.csv
-- (the one place the weights are kept; the formula: agg_quality_index).
-- depends_on:
SELECT indicator, weight::DOUBLE AS weight, component_vi, formula_vi, note FROM seed_quality_index_weights
