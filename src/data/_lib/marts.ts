// Names under which the indicator pipeline (issue 4) may publish its optional marts. Loaders take the first that
// exists and otherwise fall back (or the page says, in Vietnamese, that the mart is not built yet).
export const COMPLETENESS_TABLES = ["reporting_status", "mart_completeness", "reporting_completeness", "completeness", "mart_reporting"];
export const ABSORBED_TABLES = ["mart_units_absorbed", "units_absorbed", "unit_absorptions", "unit_lineage", "int_unit_lineage"];
