-- indicator_targets: one row per indicator that has a target: the target, who set it (set_by: 'quy_dinh' a party
-- rule, 'tinh' the province's own choice, which it may change) and on what basis (basis_vi, shown with the
-- indicator's sources). From pipelines/seeds/indicator_targets.csv, the file the province edits.
-- depends_on:
SELECT indicator, target::DOUBLE AS target, set_by, basis_vi FROM seed_indicator_targets
