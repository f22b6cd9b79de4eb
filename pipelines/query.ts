// "Indicator X for units U over periods P": one tested function for programs reading the marts.
// Every value the caller gives travels as a SQL parameter; only the table name is chosen, from a fixed map.
import type {DuckDBConnection} from "@duckdb/node-api";

export type PeriodType = "month" | "quarter" | "year" | "term";
export type Series = "reported" | "comparable";

export interface IndicatorQuery {
  /** indicator keys (indicator_catalog.indicator); all when omitted */
  indicators?: string[];
  /** unit codes; all units when omitted (combine with `childrenOf` or `levels` to narrow) */
  units?: string[];
  /** also (or only, when `units` is omitted) the units whose parent is this unit */
  childrenOf?: string;
  /** unit levels: tinh, tren_co_so, dang_bo_co_so, chi_bo_co_so, chi_bo */
  levels?: string[];
  periodType: PeriodType;
  /** exact periods (`2020`, `2020-Q3`, `2020-07`, `2015-2020`) */
  periods?: string[];
  /** inclusive range of periods of `periodType` (periods of one type sort in time order as text) */
  from?: string;
  to?: string;
  /** as reported (default), or the comparable series (units followed through mergers) */
  series?: Series;
  /** schema or attached database holding the marts, e.g. "wh" for a READ_ONLY attachment; default none */
  database?: string;
}

export interface IndicatorRow {
  unit_code: string;
  unit_name: string | null;
  level: string | null;
  parent_code: string | null;
  period_type: PeriodType;
  period: string;
  indicator: string;
  name_vi: string | null;
  unit: string | null;
  numerator: number;
  denominator: number;
  value: number;
}

const TABLES: Record<Series, string> = {reported: "indicator_values", comparable: "indicator_values_comparable"};
const PERIOD_TYPES: readonly PeriodType[] = ["month", "quarter", "year", "term"];
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The SQL and its parameters (exported for tests and for callers that stream the result themselves). */
export function indicatorQuerySql(q: IndicatorQuery): {sql: string; params: (string | number)[]} {
  if (!PERIOD_TYPES.includes(q.periodType)) throw new Error(`periodType must be one of ${PERIOD_TYPES.join(", ")}, got ${JSON.stringify(q.periodType)}`);
  const series = q.series ?? "reported";
  if (!(series in TABLES)) throw new Error(`series must be "reported" or "comparable", got ${JSON.stringify(series)}`);
  if (q.database !== undefined && !IDENTIFIER.test(q.database)) throw new Error(`database must be an identifier, got ${JSON.stringify(q.database)}`);
  const db = q.database ? `${q.database}.` : "";
  const params: (string | number)[] = [];
  const p = (v: string | number) => {
    params.push(v);
    return `$${params.length}`;
  };
  const list = (vs: string[]) => vs.map((v) => p(String(v))).join(", ");
  const where = [`v.period_type = ${p(q.periodType)}`];
  if (q.indicators) where.push(q.indicators.length ? `v.indicator IN (${list(q.indicators)})` : "false");
  const unitFilters: string[] = [];
  if (q.units) unitFilters.push(q.units.length ? `v.unit_code IN (${list(q.units)})` : "false");
  if (q.childrenOf !== undefined) unitFilters.push(`u.parent_code = ${p(q.childrenOf)}`);
  if (unitFilters.length) where.push(`(${unitFilters.join(" OR ")})`);
  if (q.levels) where.push(q.levels.length ? `u.level IN (${list(q.levels)})` : "false");
  if (q.periods) where.push(q.periods.length ? `v.period IN (${list(q.periods)})` : "false");
  if (q.from !== undefined) where.push(`v.period >= ${p(q.from)}`);
  if (q.to !== undefined) where.push(`v.period <= ${p(q.to)}`);
  const sql = `SELECT v.unit_code, u.unit_name, u.level, u.parent_code, v.period_type, v.period, v.indicator, k.name_vi, k.unit,
       v.numerator, v.denominator, v.value
FROM ${db}${TABLES[series]} v
LEFT JOIN ${db}dim_units u ON u.unit_code = v.unit_code
LEFT JOIN ${db}indicator_catalog k ON k.indicator = v.indicator
WHERE ${where.join("\n  AND ")}
ORDER BY k.sort_order NULLS LAST, v.indicator, v.unit_code, v.period`;
  return {sql, params};
}

/** Indicator values for some units, indicators and periods, as reported or in the comparable series. */
export async function queryIndicators(conn: DuckDBConnection, q: IndicatorQuery): Promise<IndicatorRow[]> {
  const {sql, params} = indicatorQuerySql(q);
  const reader = await conn.runAndReadAll(sql, params);
  return (reader.getRowObjectsJson() as Record<string, unknown>[]).map((r) => ({
    unit_code: String(r.unit_code),
    unit_name: r.unit_name == null ? null : String(r.unit_name),
    level: r.level == null ? null : String(r.level),
    parent_code: r.parent_code == null ? null : String(r.parent_code),
    period_type: String(r.period_type) as PeriodType,
    period: String(r.period),
    indicator: String(r.indicator),
    name_vi: r.name_vi == null ? null : String(r.name_vi),
    unit: r.unit == null ? null : String(r.unit),
    numerator: Number(r.numerator),
    denominator: Number(r.denominator),
    value: Number(r.value)
  }));
}
