-- quality_index_weights: one row per component of the composite quality index with its weight, from
-- pipelines/seeds/quality_index_weights.csv (the one place the weights are kept).
-- depends_on:
SELECT indicator, weight::DOUBLE AS weight, note FROM seed_quality_index_weights
