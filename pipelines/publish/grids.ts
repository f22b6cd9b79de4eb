// The value grids of the published files, written as JSON text by DuckDB itself: `{indicator: {unit: [x per
// period]}}`, the shape of src/components/series.ts and export-data.ts. Turning millions of rows into JavaScript
// objects costs far more than the query (about 4 µs a row here, against well under 1 µs for DuckDB to aggregate
// and print them), and a national publication has tens of millions of rows: the grids never become objects.
import {sqlString, type Marts} from "./marts.ts";

/** The scale of each indicator's shipped integers (SCALES in src/components/series.ts). */
const SCALE = `CASE cat.unit WHEN 'share' THEN 10000 WHEN 'rank' THEN 10000 ELSE 100 END`;

/** Per group, JSON text of `{key1: {key2: value}}` from rows (grp, key1, key2, json), both levels in key order. */
function nested(rows: string, k1: string, k2: string, json: string): string {
  return `(SELECT grp, '{' || string_agg(to_json(${k1})::VARCHAR || ':' || g, ',' ORDER BY ${k1}) || '}' AS j FROM
            (SELECT grp, ${k1}, '{' || string_agg(to_json(${k2})::VARCHAR || ':' || ${json}, ',' ORDER BY ${k2}) || '}' AS g
             FROM ${rows} GROUP BY grp, ${k1})
           GROUP BY grp)`;
}

/** A list expression: one aggregate of `x` per period (null where the unit has no row for it). */
function perPeriod(x: string, periods: {type: string; period: string}[]): string {
  return `[${periods.map((p) => `max(${x}) FILTER (WHERE period_type = ${sqlString(p.type)} AND period = ${sqlString(p.period)})`).join(", ")}]`;
}

/** Above this many periods a FILTER per period costs more than numbering the rows and joining a dense frame. */
const FILTER_PERIODS = 16;

/**
 * Per (grp, indicator, unit_code) of `source` rows passing `filter`, the lists of each expression over the
 * periods, null where there is no row. Few periods (years, terms): one FILTER aggregate per period. Many
 * (months): the rows are numbered by period and a dense frame (every key × every period) is left-joined to
 * them — 84 FILTER aggregates made the province's monthly table take 19 s at national scale.
 */
function arrays(source: string, filter: string, lists: Record<string, string>, periods: {type: string; period: string}[]): string {
  const names = Object.keys(lists);
  if (periods.length <= FILTER_PERIODS) {
    return `(SELECT grp, indicator, unit_code, ${names.map((n) => `${perPeriod(lists[n], periods)} AS ${n}`).join(", ")}
             FROM ${source} WHERE ${filter} GROUP BY grp, indicator, unit_code)`;
  }
  const values = periods.map((p, i) => `(${i}, ${sqlString(p.type)}, ${sqlString(p.period)})`).join(", ");
  return `(WITH p(idx, type, period) AS (VALUES ${values}),
            rr AS (SELECT s.grp, s.indicator, s.unit_code, p.idx, ${names.map((n) => `${lists[n]} AS ${n}`).join(", ")}
                   FROM (SELECT * FROM ${source} WHERE ${filter}) s JOIN p ON s.period_type = p.type AND s.period = p.period)
           SELECT k.grp, k.indicator, k.unit_code, ${names.map((n) => `list(rr.${n} ORDER BY p.idx) AS ${n}`).join(", ")}
           FROM (SELECT DISTINCT grp, indicator, unit_code FROM rr) k CROSS JOIN p
           LEFT JOIN rr ON rr.grp = k.grp AND rr.indicator = k.indicator AND rr.unit_code = k.unit_code AND rr.idx = p.idx
           GROUP BY k.grp, k.indicator, k.unit_code)`;
}

const round6 = (x: string) => `CASE WHEN ${x} IS NULL OR ${x} = 0 THEN ${x} ELSE round(${x}, 5 - floor(log10(abs(${x})))::INTEGER) END`;
const round2 = (x: string) => `round(${x} * 100) / 100`;

export interface SeriesGrids {
  v: string;
  t: string;
  n: string | null;
  d: string | null;
  c: string | null;
}

export interface GridOptions {
  /** Condition on `u` (dim_units) selecting the units. */
  where: string;
  /** What the grids are grouped by (an expression on `u`; default one group). */
  group?: string;
  /**
   * The units' codes, when they are few: a literal list on the values' own unit_code reaches into every branch of
   * the marts' views (a condition through the join with dim_units does not: the cells' quarters of a national
   * log are then computed in full, 12 s for nothing).
   */
  codes?: string[];
  years: number[];
  terms: string[];
  /** Condition on `u` selecting the units whose numerators and denominators are shipped (null: none). */
  counted: string | null;
  /** Ship the comparable (lineage) values where they differ from the reported ones. */
  comparable: boolean;
  /** Export tables: units (condition on `u`) and the periods of their columns, with n, d and v (6 digits). */
  exports?: {name: string; where: string; periods: {type: string; period: string}[]}[];
  /**
   * Ranks among peers of the selected units (the condition must select whole sets of siblings): committees among
   * the committees of their peer group, other units among their siblings. Only units with enough data are ranked:
   * a share whose denominator reaches the catalog's min_denominator; the quality index as quality_index_ranks
   * ranks it (when the warehouse has that mart). "of" is the number of units ranked.
   */
  ranks?: boolean;
  /** What the warehouse holds of the ranking rules (Context.rankRules); without them, every sibling is ranked. */
  rankRules?: RankRules;
}

export interface RankRules {
  /** indicator_catalog.min_denominator */
  minDenominator: boolean;
  /** dim_units.peer_group */
  peerGroups: boolean;
  /** the quality_index_ranks mart */
  qualityRanks: boolean;
}

export interface Grids {
  series: SeriesGrids;
  exports: Record<string, {n: string; d: string; v: string}>;
  ranks: string | null;
}

/** Every grid of a set of units in one query (the values are read once), per group. */
export async function groupedGrids(m: Marts, o: GridOptions): Promise<Map<string, Grids>> {
  const years = o.years.map((y) => ({type: "year", period: String(y)}));
  const terms = o.terms.map((t) => ({type: "term", period: t}));
  const cols: string[] = [];
  const unitGrid = (name: string, filter: string, x: string, periods: {type: string; period: string}[]) =>
    cols.push(`${name} AS ${nested(arrays("r", filter, {arr: x}, periods), "indicator", "unit_code", "to_json(arr)::VARCHAR")}`);
  unitGrid("v", "period_type = 'year'", `round(value * scale)::BIGINT`, years);
  unitGrid("t", "period_type = 'term'", `round(value * scale)::BIGINT`, terms);
  if (o.counted) {
    unitGrid("n", "period_type = 'year' AND counted", round2("numerator"), years);
    unitGrid("d", "period_type = 'year' AND counted", round2("denominator"), years);
  }
  if (o.comparable) {
    const nulls = `[${years.map(() => "NULL::BIGINT").join(", ")}]`;
    cols.push(`c AS ${nested(
      `(SELECT coalesce(vy.grp, cy.grp) AS grp, coalesce(vy.indicator, cy.indicator) AS indicator, coalesce(vy.unit_code, cy.unit_code) AS unit_code, coalesce(cy.arr, ${nulls}) AS arr
        FROM (SELECT grp, indicator, unit_code, ${perPeriod("round(value * scale)::BIGINT", years)} AS arr FROM r WHERE period_type = 'year' GROUP BY grp, indicator, unit_code) vy
        FULL OUTER JOIN (SELECT grp, indicator, unit_code, ${perPeriod("x", years)} AS arr FROM cm GROUP BY grp, indicator, unit_code) cy
          ON vy.grp = cy.grp AND vy.indicator = cy.indicator AND vy.unit_code = cy.unit_code
        WHERE (vy.arr IS NOT NULL AND vy.arr IS DISTINCT FROM coalesce(cy.arr, ${nulls})) OR (vy.arr IS NULL AND list_count(cy.arr) > 0))`,
      "indicator",
      "unit_code",
      "to_json(arr)::VARCHAR"
    )}`);
  }
  for (const e of o.exports ?? []) {
    const types = [...new Set(e.periods.map((p) => p.type))].map(sqlString).join(", ") || "NULL";
    cols.push(`${e.name}_ex AS MATERIALIZED ${arrays("r", `in_${e.name} AND period_type IN (${types})`, {n: "numerator", d: "denominator", v: round6("value")}, e.periods)}`);
    for (const k of ["n", "d", "v"]) cols.push(`${e.name}_${k} AS ${nested(`${e.name}_ex`, "indicator", "unit_code", `to_json(${k})::VARCHAR`)}`);
  }
  if (o.ranks) {
    cols.push(`ranks AS ${nested(
      `(SELECT grp, unit_code, indicator, ${perPeriod("rnk", years)} AS ra, ${perPeriod("n", years)} AS oa FROM rk GROUP BY grp, unit_code, indicator)`,
      "unit_code",
      "indicator",
      `'{"rank":' || to_json(ra)::VARCHAR || ',"of":' || to_json(oa)::VARCHAR || '}'`
    )}`);
  }
  const codes = o.codes ? ` AND v.unit_code IN (${o.codes.map(sqlString).join(", ") || "NULL"})` : "";
  const outputs = cols.map((c) => c.slice(0, c.indexOf(" AS "))).filter((name) => !name.endsWith("_ex"));
  const exportTypes = [...new Set((o.exports ?? []).flatMap((e) => e.periods.map((p) => p.type)))];
  const types = [...new Set(["year", "term", ...exportTypes])];
  const sql = `
    WITH cat AS (SELECT indicator, unit, coalesce(higher_is_better, TRUE) AS hib, ${o.ranks && o.rankRules?.minDenominator ? "min_denominator" : "NULL::INTEGER"} AS min_den FROM wh.indicator_catalog),
    r AS MATERIALIZED (
      SELECT ${o.group ?? "''"} AS grp, v.unit_code, v.indicator, v.period_type, v.period, v.value, v.numerator, v.denominator, ${SCALE} AS scale,
             u.parent_code, u.level, cat.hib, cat.min_den,
             ${o.ranks && o.rankRules?.peerGroups ? "CASE WHEN u.level = 'tren_co_so' THEN 'peer:' || coalesce(u.peer_group, '') ELSE u.parent_code END" : "u.parent_code"} AS peers,
             ${o.counted ?? "FALSE"} AS counted
             ${(o.exports ?? []).map((e) => `, (${e.where}) AS in_${e.name}`).join("")}
      FROM wh.indicator_values v JOIN wh.dim_units u ON u.unit_code = v.unit_code JOIN cat ON cat.indicator = v.indicator
      WHERE v.period_type IN (${types.map(sqlString).join(", ")}) AND (${o.where})${codes}
    )
    ${o.comparable ? `, cm AS MATERIALIZED (
      SELECT ${o.group ?? "''"} AS grp, v.unit_code, v.indicator, 'year' AS period_type, v.period, round(v.value * ${SCALE})::BIGINT AS x
      FROM wh.indicator_values_comparable v JOIN wh.dim_units u ON u.unit_code = v.unit_code JOIN cat ON cat.indicator = v.indicator
      WHERE v.period_type = 'year' AND (${o.where})${codes})` : ""}
    ${o.ranks ? `, rk AS (
      SELECT grp, unit_code, indicator, period_type, period,
             rank() OVER (PARTITION BY peers, period, indicator ORDER BY CASE WHEN hib THEN -round(value, 4) ELSE round(value, 4) END) AS rnk,
             count(*) OVER (PARTITION BY peers, period, indicator) AS n
      FROM r WHERE period_type = 'year' AND parent_code IS NOT NULL AND level IN ('tren_co_so', 'dang_bo_co_so', 'chi_bo_co_so', 'chi_bo')
        AND value IS NOT NULL AND (min_den IS NULL OR denominator >= min_den)
        ${o.rankRules?.qualityRanks ? "AND indicator <> 'quality_index'" : ""}
      ${o.rankRules?.qualityRanks ? `UNION ALL
      SELECT r.grp, r.unit_code, r.indicator, r.period_type, r.period, q.rank AS rnk, q.ranked AS n
      FROM r JOIN wh.quality_index_ranks q ON q.series = 'reported' AND q.unit_code = r.unit_code AND q.period_type = 'year' AND q.period = r.period
      WHERE r.indicator = 'quality_index' AND r.period_type = 'year' AND q.rank IS NOT NULL` : ""})` : ""}
    , ${cols.join(",\n      ")}
    SELECT g.grp, ${outputs.map((name) => `${name}.j AS ${name}`).join(", ")}
    FROM (SELECT DISTINCT grp FROM r) g ${outputs.map((name) => `LEFT JOIN ${name} ON ${name}.grp = g.grp`).join(" ")}`;
  const rows = (await m.connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | null>[];
  const out = new Map<string, Grids>();
  for (const row of rows) {
    const get = (k: string) => row[k] ?? "{}";
    out.set(String(row.grp), {
      series: {v: get("v"), t: get("t"), n: o.counted ? get("n") : null, d: o.counted ? get("d") : null, c: o.comparable ? get("c") : null},
      exports: Object.fromEntries((o.exports ?? []).map((e) => [e.name, {n: get(`${e.name}_n`), d: get(`${e.name}_d`), v: get(`${e.name}_v`)}])),
      ranks: o.ranks ? get("ranks") : null
    });
  }
  return out;
}

/** The grids of one set of units (a single group); empty grids when it has no value at all. */
export async function grids(m: Marts, o: Omit<GridOptions, "group">): Promise<Grids> {
  const g = (await groupedGrids(m, o)).get("");
  const empty = "{}";
  return (
    g ?? {
      series: {v: empty, t: empty, n: o.counted ? empty : null, d: o.counted ? empty : null, c: o.comparable ? empty : null},
      exports: Object.fromEntries((o.exports ?? []).map((e) => [e.name, {n: empty, d: empty, v: empty}])),
      ranks: o.ranks ? empty : null
    }
  );
}

/** A JSON object's text from fields that are already JSON text (the grids) or plain values. */
export function jsonObject(fields: Record<string, string | {raw: string} | unknown>): string {
  return `{${Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${v && typeof v === "object" && "raw" in (v as object) ? (v as {raw: string}).raw : JSON.stringify(v)}`)
    .join(",")}}`;
}
