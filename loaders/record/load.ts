// The bulk loader: Sources (source.ts) → typed rows in the raw table, with every problem located. It works on a
// batch of files of one kind at a time (small files share every SQL pass; a large file is a batch of one).
//
// 1. Collect the distinct raw values of every non-text column (the rewrite path has them from JS, the direct
//    path asks DuckDB in one scan). Each distinct value is parsed in JS by the same functions the row-by-row path
//    uses (schemas.ts), so both paths read values identically; values already in canonical form (ISO dates,
//    plain integers, enum keys, ...) are converted by a plain SQL cast, the others through a mapping table, and
//    values that do not parse are located (line, column) by another scan — only when there are any.
// 2. One INSERT ... SELECT writes the typed rows with their line numbers into the raw table, in a transaction.
// 3. The rules between fields (check/row-rules.ts, in SQL), against the registry and across the file run as
//    SQL over the new rows; their findings go to a temp table with the value-level ones.
// The caller (ingest.ts) then keeps the accepted files, the valid rows of partial ones, and commits.
import type {DuckDBConnection} from "@duckdb/node-api";
import {CODES, problem, type Problem, type Severity} from "../format/codes.ts";
import type {Collected, Source} from "../read/source.ts";
import {
  COLUMNS,
  DERIVED_COLUMNS,
  ENUMS,
  MAX_YEAR,
  MIN_YEAR,
  type EnumName,
  isTickColumn,
  legacyRatingLabel,
  parseValue,
  ValueError,
  type ColumnSpec,
  type ColumnType,
  type Kind,
  type Value
} from "../format/schemas.ts";
import {ROW_RULES} from "../check/row-rules.ts";
import {MERGED_KEYS, mergedDetail} from "../check/merged-cells.ts";
import {sqlString, TRIM_CHARS} from "../format/text.ts";
import {queryRows, RAW_TABLE} from "./warehouse.ts";

export const MEETING_UNITS = "('chi_bo', 'chi_bo_co_so')";
export const RATED_UNITS = "('chi_bo', 'chi_bo_co_so', 'dang_bo_co_so')";
export const GRASSROOTS = "('dang_bo_co_so', 'chi_bo_co_so')";
/** Problems returned to the caller per file (all are stored in rejected_rows). */
export const PROBLEMS_SHOWN = 1000;

const SQL_TYPE: Record<string, string> = {code: "VARCHAR", text: "VARCHAR", date: "DATE", int: "INTEGER", year: "INTEGER", number: "DOUBLE", bool: "BOOLEAN"};
export const sqlType = (t: ColumnType) => (typeof t === "object" ? "VARCHAR" : SQL_TYPE[t]);

/** Types whose canonical values DuckDB's CSV parser reads into the same typed value as the JS parser. */
const TYPED = new Set(["int", "year", "date", "number", "bool"]);

/** Whether the plain SQL cast of a raw value gives exactly what the JS parser gives. */
export function canonical(type: ColumnType, raw: string, parsed: Value): boolean {
  if (typeof type === "object") return parsed === raw;
  switch (type) {
    case "code":
    case "date":
      return parsed === raw;
    case "int":
    case "year":
      return /^(0|[1-9]\d{0,8})$/.test(raw);
    case "number":
      return /^-?(0|[1-9]\d{0,8})(\.\d{1,9})?$/.test(raw) && !/^-0(\.0*)?$/.test(raw);
    case "bool":
      return raw === "1" || raw === "0";
    case "text":
      return true;
  }
}

function castExpr(type: ColumnType, col: string): string {
  if (typeof type === "object") return col;
  switch (type) {
    case "code":
      return col;
    case "text":
      // trim only values that start or end with white space (most do not; trim() with a set is not free)
      return `CASE WHEN ascii(${col}) <= 32 OR ascii(${col}) = 160 OR ${[" ", "\t", "\r", "\n", "\u00a0"].map((c) => `suffix(${col}, ${sqlString(c)})`).join(" OR ")}
              THEN nullif(trim(${col}, ${sqlString(TRIM_CHARS)}), '') ELSE ${col} END`;
    case "date":
      return `TRY_CAST(${col} AS DATE)`;
    case "int":
    case "year":
      return `TRY_CAST(${col} AS INTEGER)`;
    case "number":
      return `TRY_CAST(${col} AS DOUBLE)`;
    case "bool":
      return `(${col} = '1')`;
  }
}

/** Pass 1 of the direct path: row counts and the distinct raw values of every non-text column, in one scan. */
export async function collect(conn: DuckDBConnection, src: Source): Promise<Collected> {
  if (src.collected) return src.collected;
  const kind = src.layout!.kind;
  const specs = COLUMNS[kind].filter((c) => c.type !== "text");
  // histogram() is the cheapest way to the distinct values. Blank rows are not told apart here (that would
  // make DuckDB build every column): they only add blank values, and `rows` is corrected by the insert.
  const lists = specs.map((c) => `histogram(${c.key}) AS ${c.key}`);
  const required = COLUMNS[kind].filter((c) => c.required);
  const counts = required.map((c) => `count(${c.key})::BIGINT AS n_${c.key}`);
  const sql = `SELECT count(*)::BIGINT AS raw_rows, count(__extra)::BIGINT AS extras, ${[...counts, ...lists].join(", ")}
               FROM ${src.relation({withLine: false})}`;
  const [r] = await queryRows<Record<string, unknown>>(conn, sql);
  return {
    rawRows: Number(r.raw_rows),
    rows: Number(r.raw_rows),
    extras: Number(r.extras),
    distinct: new Map(specs.map((c) => [c.key, ((r[c.key] as {key: string}[] | null) ?? []).map((e) => e.key)])),
    filled: new Map(required.map((c) => [c.key, Number(r[`n_${c.key}`])]))
  };
}

interface ColumnPlan {
  spec: ColumnSpec;
  /** SQL expression for the typed value, over relation alias r and mapping alias m_<key> */
  expr: string;
  mapped: boolean;
  bad: Map<string, ValueError>;
  /** the typed value per distinct raw value */
  values: Map<string, Value>;
}

export interface Plan {
  kind: Kind;
  columns: ColumnPlan[];
  /** (column key, raw) pairs that do not parse */
  badCount: number;
  /** required columns that may be empty in some row (the others need no E_REQUIRED check) */
  mayBeMissing: Set<string>;
  /** values not in canonical form (or not parsing: val null): column, raw, typed value as text, old rating label */
  mapping: [string, string, string | null, string | null][];
  /** columns whose every value is canonical: DuckDB's typed CSV parser reads them (key → SQL type) */
  types: Record<string, string>;
  /** the optimistic plan of a large canonical file (fastPlan) */
  fast?: boolean;
}

/** Parses every distinct value in JS and prepares the SQL that types the rows the same way. */
export function plan(kind: Kind, collected: Collected): Plan {
  const columns: ColumnPlan[] = [];
  let badCount = 0;
  const mapping: Plan["mapping"] = [];
  const types: Record<string, string> = {};
  for (const spec of COLUMNS[kind]) {
    const col = `r.${spec.key}`;
    if (spec.type === "text") {
      columns.push({spec, expr: castExpr("text", col), mapped: false, bad: new Map(), values: new Map()});
      continue;
    }
    const distinct = collected.distinct.get(spec.key) ?? [];
    const tick = spec.type === "bool" && isTickColumn(distinct);
    const bad = new Map<string, ValueError>();
    const values = new Map<string, Value>();
    const legacy = kind === "danh_gia" && spec.key === "xep_loai";
    let mapped = false;
    for (const raw of distinct) {
      let parsed: Value;
      try {
        parsed = parseValue(spec.type, raw, {tick});
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        bad.set(raw, e);
        mapping.push([spec.key, raw, null, null]);
        mapped = true;
        continue;
      }
      values.set(raw, parsed);
      const old = legacy ? legacyRatingLabel(raw) : null;
      if (!canonical(spec.type, raw, parsed) || old) {
        mapping.push([spec.key, raw, parsed === null ? null : String(parsed), old]);
        mapped = true;
      }
    }
    badCount += bad.size;
    let expr = castExpr(spec.type, col);
    if (mapped) expr = `CASE WHEN m_${spec.key}.raw IS NULL THEN ${expr} ELSE m_${spec.key}.val END`;
    else if (TYPED.has(spec.type as string)) {
      // every value is canonical: let read_csv parse the column with its type (what plain read_csv does)
      types[spec.key] = sqlType(spec.type);
      expr = col;
    }
    if (tick) expr = `coalesce(${expr}, false)`;
    columns.push({spec, expr, mapped, bad, values});
  }
  const mayBeMissing = new Set<string>();
  for (const c of columns)
    if (c.spec.required && ((collected.filled.get(c.spec.key) ?? 0) < collected.rows || [...c.values.values()].some((v) => v === null))) mayBeMissing.add(c.spec.key);
  return {kind, columns, badCount, mayBeMissing, mapping, types};
}

const FAST_BOUNDS: Record<string, [string, string]> = {int: ["0", "999999999"], year: [String(MIN_YEAR), String(MAX_YEAR)]};

/**
 * The fast plan for a large file whose first rows are all in canonical form: every value is read by DuckDB's
 * typed parser without the distinct-value pass — whole numbers as DOUBLE and kept only when whole and in range,
 * dates within the years accepted — and anything unexpected (a value DuckDB cannot parse, a fraction, a value
 * out of range) aborts the insert. Lists and codes pass through and are checked after the insert. The caller
 * falls back to the exact plan on any surprise or problem. Null when the file does not qualify.
 */
export function fastPlan(kind: Kind, head: Collected): Plan | null {
  if (kind === "don_vi") return null;
  const p = plan(kind, head);
  if (p.mapping.length || p.badCount || head.extras || p.columns.some((c) => c.spec.type === "bool" && isTickColumn(head.distinct.get(c.spec.key) ?? []))) return null;
  const types: Record<string, string> = {};
  const columns = p.columns.map((c) => {
    const col = `r.${c.spec.key}`;
    const t = c.spec.type;
    const fail = (sqlT: string) => `CAST(error('chibo-unexpected ${c.spec.key} ' || CAST(${col} AS VARCHAR)) AS ${sqlT})`;
    let expr = c.expr;
    if (t === "int" || t === "year") {
      types[c.spec.key] = "DOUBLE";
      const [lo, hi] = FAST_BOUNDS[t];
      expr = `CASE WHEN ${col} IS NULL THEN NULL WHEN ${col} = trunc(${col}) AND ${col} BETWEEN ${lo} AND ${hi} THEN CAST(${col} AS INTEGER) ELSE ${fail("INTEGER")} END`;
    } else if (t === "date") {
      types[c.spec.key] = "DATE";
      expr = `CASE WHEN ${col} IS NULL OR ${col} BETWEEN DATE '${MIN_YEAR}-01-01' AND DATE '${MAX_YEAR}-12-31' THEN ${col} ELSE ${fail("DATE")} END`;
    } else if (t === "number") {
      types[c.spec.key] = "DOUBLE";
      expr = col;
    } else if (t === "bool") {
      types[c.spec.key] = "BOOLEAN";
      expr = col;
    }
    return {...c, expr};
  });
  // a missing required value is a surprise (fastSurprises), so the checks need not look for it
  return {...p, columns, types, mapping: [], mayBeMissing: new Set(), fast: true};
}

/** After a fast insert: list values that are not keys (passed through), required values missing. */
export async function fastSurprises(conn: DuckDBConnection, kind: Kind, id: number): Promise<{rows: number; maxLine: number | null; surprises: number}> {
  const lists = COLUMNS[kind].filter((c) => typeof c.type === "object");
  const odd = [
    ...lists.map((c) => `count_if(${c.key} IS NOT NULL AND ${c.key} NOT IN (${Object.keys(ENUMS[(c.type as {enum: EnumName}).enum]).map(sqlString).join(", ")}))`),
    ...COLUMNS[kind].filter((c) => c.required).map((c) => `count_if(${c.key} IS NULL)`)
  ];
  const [r] = await queryRows<{rows: number; max_line: number | null; surprises: number}>(
    conn,
    `SELECT count(*)::INTEGER AS rows, max(line) AS max_line, (${odd.join(" + ") || "0"})::INTEGER AS surprises FROM ${RAW_TABLE[kind]} WHERE submission_id = ${id}`
  );
  return {rows: r.rows, maxLine: r.max_line, surprises: r.surprises};
}

/** One file of a batch, once read and planned. */
export interface BatchItem {
  /** index in the batch (mapping rows are tagged with it) */
  idx: number;
  src: Source;
  plan: Plan;
  collected: Collected;
  /** submission id assigned in the transaction */
  id: number;
  committee: string | null;
  /** the day of submission (no meeting may be dated after it) */
  today: string;
  /** rows with a value-level problem (they skip the other rules) */
  hasPre: boolean;
}

/** The per-batch temp tables: mapping values, value-level problem rows, all problems, the batch's submissions. */
export async function resetBatchTables(conn: DuckDBConnection): Promise<void> {
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE maps (file_idx INTEGER, column_key VARCHAR, raw VARCHAR, val VARCHAR, legacy VARCHAR);
    CREATE OR REPLACE TEMP TABLE pre (submission_id INTEGER, line INTEGER, column_key VARCHAR);
    CREATE OR REPLACE TEMP TABLE probs (submission_id INTEGER, line INTEGER, column_name VARCHAR, value VARCHAR, code VARCHAR, message_vi VARCHAR, message_en VARCHAR, severity VARCHAR);
    CREATE OR REPLACE TEMP TABLE batch (submission_id INTEGER, file_idx INTEGER, committee VARCHAR, today DATE);
  `);
  await ensureCodes(conn);
}

const withCodes = new WeakSet<DuckDBConnection>();
async function ensureCodes(conn: DuckDBConnection): Promise<void> {
  if (withCodes.has(conn)) return;
  withCodes.add(conn);
  await conn.run("CREATE OR REPLACE TEMP TABLE codes (code VARCHAR, vi VARCHAR, en VARCHAR, severity VARCHAR)");
  const ap = await conn.createAppender("codes", "main", "temp");
  for (const [code, info] of Object.entries(CODES)) {
    for (const v of [code, info.vi, info.en, info.severity]) ap.appendVarchar(v);
    ap.endRow();
  }
  ap.closeSync();
}

export async function writeMaps(conn: DuckDBConnection, items: {idx: number; plan: Plan}[]): Promise<void> {
  if (!items.some((i) => i.plan.mapping.length)) return;
  const ap = await conn.createAppender("maps", "main", "temp");
  for (const {idx, plan: p} of items)
    for (const [key, raw, val, old] of p.mapping) {
      ap.appendInteger(idx);
      ap.appendVarchar(key);
      ap.appendVarchar(raw);
      val === null ? ap.appendNull() : ap.appendVarchar(val);
      old === null ? ap.appendNull() : ap.appendVarchar(old);
      ap.endRow();
    }
  ap.closeSync();
}

export async function writeBatch(conn: DuckDBConnection, items: BatchItem[]): Promise<void> {
  const rows = items.map((i) => `(${i.id}, ${i.idx}, ${i.committee === null ? "NULL" : sqlString(i.committee)}, DATE '${i.today}')`);
  await conn.run(`INSERT INTO temp.batch VALUES ${rows.join(", ")}`);
}

export async function addProblems(conn: DuckDBConnection, id: number, problems: Problem[]): Promise<void> {
  if (!problems.length) return;
  const ap = await conn.createAppender("probs", "main", "temp");
  for (const p of problems) {
    ap.appendInteger(id);
    p.line === null ? ap.appendNull() : ap.appendInteger(p.line);
    for (const v of [p.column, p.value, p.code, p.vi, p.en, p.severity]) (v === null ? ap.appendNull() : ap.appendVarchar(v));
    ap.endRow();
  }
  ap.closeSync();
}

/** The typed rows of one file, as a SELECT over its relation r joined with its mapping values. */
function typedSelect(item: BatchItem): string {
  const p = item.plan;
  const joins = p.columns
    .filter((c) => c.mapped)
    .map(
      (c) =>
        `LEFT JOIN (SELECT raw, CAST(val AS ${sqlType(c.spec.type)}) AS val, legacy FROM temp.maps WHERE file_idx = ${item.idx} AND column_key = '${c.spec.key}') m_${c.spec.key} ON m_${c.spec.key}.raw = r.${c.spec.key}`
    );
  const derived = DERIVED_COLUMNS[p.kind].map((d) => {
    if (d.key === "xep_loai_goc") return p.columns.find((c) => c.spec.key === "xep_loai")!.mapped ? "m_xep_loai.legacy" : "NULL::VARCHAR";
    return `NULL::${d.sqlType}`;
  });
  const lead = [`${item.id}::INTEGER`, item.committee === null ? "NULL::VARCHAR" : sqlString(item.committee)];
  return `SELECT ${[...lead, "r.line", ...p.columns.map((c) => c.expr), ...derived].join(", ")}
          FROM ${item.src.relation({types: p.types})} r ${joins.join(" ")} WHERE r.__keep`;
}

export function rawColumns(kind: Kind): string[] {
  return ["submission_id", "committee_code", "line", ...COLUMNS[kind].map((c) => c.key), ...DERIVED_COLUMNS[kind].map((d) => d.key)];
}

/** Pass 2: the typed rows of every file of the batch into the raw table, in one statement. Returns the row count. */
export async function insertRows(conn: DuckDBConnection, kind: Kind, items: BatchItem[]): Promise<number> {
  if (!items.length) return 0;
  const [r] = await queryRows<Record<string, unknown>>(
    conn,
    `INSERT INTO ${RAW_TABLE[kind]} (${rawColumns(kind).join(", ")}) ${items.map((i) => `(${typedSelect(i)})`).join(" UNION ALL ")}`
  );
  return Number(Object.values(r ?? {})[0] ?? 0);
}

/**
 * Locates the values of one file that do not parse and its rows with extra cells (a scan of the source, only
 * when there are any): into `pre` (which rows/columns) and `probs` (with the JS parser's messages).
 */
export async function locateValueProblems(conn: DuckDBConnection, item: BatchItem): Promise<void> {
  const {src, plan: p, collected} = item;
  const parts: string[] = [];
  const badRows: [string, string, string, string, string][] = [];
  for (const c of p.columns) for (const [raw, e] of c.bad) badRows.push([c.spec.key, raw, e.code, e.vi, e.en]);
  if (badRows.length) {
    await conn.run("CREATE OR REPLACE TEMP TABLE bad (column_key VARCHAR, raw VARCHAR, code VARCHAR, vi VARCHAR, en VARCHAR)");
    const ap = await conn.createAppender("bad", "main", "temp");
    for (const row of badRows) {
      for (const v of row) ap.appendVarchar(v);
      ap.endRow();
    }
    ap.closeSync();
    for (const c of p.columns)
      if (c.bad.size)
        parts.push(
          `SELECT r.line, '${c.spec.key}' AS column_key, ${sqlString(c.spec.label)} AS column_name, r.${c.spec.key} AS value, b.code, b.vi, b.en
           FROM rel r JOIN temp.bad b ON b.column_key = '${c.spec.key}' AND b.raw = r.${c.spec.key}`
        );
  }
  if (collected.extras)
    parts.push(
      `SELECT line, '__extra' AS column_key, NULL AS column_name, __extra AS value, 'E_EXTRA_CELLS' AS code, ${sqlString(CODES.E_EXTRA_CELLS.vi)} AS vi, ${sqlString(CODES.E_EXTRA_CELLS.en)} AS en
       FROM rel r WHERE __extra IS NOT NULL`
    );
  if (!parts.length) return;
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE located AS
      WITH rel AS NOT MATERIALIZED (SELECT * FROM ${src.relation()} WHERE __keep)
      ${parts.join(" UNION ALL ")};
    INSERT INTO temp.pre SELECT ${item.id}, line, column_key FROM temp.located;
    INSERT INTO temp.probs SELECT ${item.id}, line, column_name, value, code, vi, en, 'error' FROM temp.located;
    DROP TABLE temp.located;
  `);
}

/** The committee of each meeting log or rating file: the committee whose registry holds its units (most of them). */
export async function committeesOf(conn: DuckDBConnection, items: {idx: number; plan: Plan}[]): Promise<Map<number, {committee: string; units: number}[]>> {
  const pairs: [number, string][] = [];
  for (const {idx, plan: p} of items) {
    const key = p.kind === "sinh_hoat" ? "ma_chi_bo" : "ma_don_vi";
    const codes = new Set([...(p.columns.find((c) => c.spec.key === key)?.values.values() ?? [])].filter((v): v is string => typeof v === "string"));
    for (const c of codes) pairs.push([idx, c]);
  }
  const out = new Map<number, {committee: string; units: number}[]>(items.map((i) => [i.idx, []]));
  if (!pairs.length) return out;
  await conn.run("CREATE OR REPLACE TEMP TABLE file_codes (file_idx INTEGER, code VARCHAR)");
  const ap = await conn.createAppender("file_codes", "main", "temp");
  for (const [idx, code] of pairs) {
    ap.appendInteger(idx);
    ap.appendVarchar(code);
    ap.endRow();
  }
  ap.closeSync();
  const kind = items[0].plan.kind;
  const rows = await queryRows<{idx: number; committee: string; units: number}>(
    conn,
    `SELECT f.file_idx AS idx, u.committee_code AS committee, count(DISTINCT u.ma_don_vi)::INTEGER AS units
     FROM raw_units u JOIN temp.file_codes f ON f.code = u.ma_don_vi
     WHERE u.cap IN ${kind === "sinh_hoat" ? MEETING_UNITS : RATED_UNITS} AND u.committee_code IS NOT NULL
     GROUP BY ALL ORDER BY idx, units DESC, committee`
  );
  for (const r of rows) out.get(r.idx)!.push({committee: r.committee, units: r.units});
  return out;
}

/**
 * The committee a registry file belongs to: the top unit of the file's own tree — the province file (cap
 * `tinh`) belongs to the province, a committee's file to the committee its units hang under.
 */
export async function registryCommittees(conn: DuckDBConnection, id: number): Promise<{committee: string; units: number}[]> {
  return queryRows<{committee: string; units: number}>(
    conn,
    `WITH RECURSIVE n AS (SELECT * FROM raw_units WHERE submission_id = ${id}),
     up(line, code, parent, cap, depth) AS (
       SELECT line, ma_don_vi, ma_cap_tren, cap, 0 FROM n
       UNION ALL
       SELECT up.line, s.ma_don_vi, s.ma_cap_tren, s.cap, depth + 1
       FROM up JOIN n s ON s.ma_don_vi = up.parent AND up.cap NOT IN ('tinh', 'tren_co_so') WHERE depth < 20
     ), top AS (SELECT line, arg_max(code, depth) AS code, arg_max(parent, depth) AS parent, arg_max(cap, depth) AS cap FROM up GROUP BY line)
     SELECT CASE WHEN top.cap = 'tinh' THEN top.code
                 WHEN top.cap = 'tren_co_so' AND EXISTS (SELECT 1 FROM n WHERE cap = 'tinh') THEN top.parent
                 WHEN top.cap = 'tren_co_so' THEN top.code
                 WHEN u.cap = 'tren_co_so' THEN u.ma_don_vi
                 ELSE u.committee_code END AS committee, count(*)::INTEGER AS units
     FROM top LEFT JOIN raw_units u ON u.ma_don_vi = top.parent AND u.submission_id <> ${id}
     GROUP BY 1 HAVING committee IS NOT NULL ORDER BY units DESC, committee`
  );
}

/** A value of a typed column as the JS path shows it (92 not 92.0). */
function valueSql(spec: ColumnSpec | undefined, col: string): string {
  if (spec?.type === "number") return `CASE WHEN ${col} = trunc(${col}) AND abs(${col}) < 1e15 THEN CAST(CAST(${col} AS BIGINT) AS VARCHAR) ELSE CAST(${col} AS VARCHAR) END`;
  return `CAST(${col} AS VARCHAR)`;
}

/**
 * Pass 3: every rule over the batch's new rows, into `probs`. Rows with a value that did not parse (in `pre`)
 * or a required value missing are only reported for that. Meeting logs and ratings are checked in one scan that
 * joins the registry once and keeps the rows breaking any rule (usually none); each rule then explains those.
 */
export async function checkRows(conn: DuckDBConnection, kind: Kind, items: BatchItem[]): Promise<void> {
  if (!items.length) return;
  const table = RAW_TABLE[kind];
  const specs = COLUMNS[kind];
  const label = (key: string) => sqlString(specs.find((c) => c.key === key)?.label ?? key);
  const hasPre = items.some((i) => i.hasPre);
  const mayBeMissing = new Set(items.flatMap((i) => [...i.plan.mayBeMissing]));
  const required = specs.filter((c) => c.required);
  const reqOk = [...required.filter((c) => mayBeMissing.has(c.key) || hasPre).map((c) => `${c.key} IS NOT NULL`), "true"].join(" AND ");
  const notPre = (extra = "") => `NOT EXISTS (SELECT 1 FROM temp.pre p WHERE p.submission_id = n.submission_id AND p.line = n.line${extra})`;
  const ids = items.map((i) => i.id).join(", ");
  // the new rows, with their file's committee and day of submission (one file: constants, no join)
  const n =
    items.length === 1
      ? `SELECT x.*, ${items[0].committee === null ? "NULL::VARCHAR" : sqlString(items[0].committee)} AS committee, DATE '${items[0].today}' AS today
         FROM ${table} x WHERE x.submission_id = ${items[0].id}`
      : `SELECT x.*, b.committee, b.today FROM ${table} x JOIN temp.batch b USING (submission_id) WHERE x.submission_id IN (${ids})`;
  const checks: string[] = [];
  const cte: string[] = [`n AS NOT MATERIALIZED (${n})`, `ok AS NOT MATERIALIZED (SELECT * FROM n WHERE ${reqOk}${hasPre ? ` AND ${notPre()}` : ""})`];
  // required values (not those that were there but did not parse)
  for (const c of required) {
    if (!mayBeMissing.has(c.key)) continue;
    const notBad = hasPre ? ` AND ${notPre(` AND p.column_key = '${c.key}'`)}` : "";
    const csvIds = items.filter((i) => i.src.container !== "xlsx").map((i) => i.id);
    if (MERGED_KEYS.has(c.key) && csvIds.length) {
      // a blank code under a filled one in a CSV: the cells were probably merged in the sheet (merged-cells.ts)
      const merged = `above IS NOT NULL AND submission_id IN (${csvIds.join(", ")})`;
      checks.push(
        `SELECT submission_id, line, ${label(c.key)}, NULL, CASE WHEN ${merged} THEN 'E_MERGED_CELLS' ELSE 'E_REQUIRED' END,
                CASE WHEN ${merged} THEN ${sqlString(mergedDetail("").vi)} || above END, CASE WHEN ${merged} THEN ${sqlString(mergedDetail("").en)} || above END
         FROM (SELECT submission_id, line, ${c.key}, last_value(${c.key} IGNORE NULLS) OVER (PARTITION BY submission_id ORDER BY line ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS above FROM n) n
         WHERE ${c.key} IS NULL${notBad}`
      );
    } else checks.push(`SELECT submission_id, line, ${label(c.key)}, NULL, 'E_REQUIRED', NULL, NULL FROM n WHERE ${c.key} IS NULL${notBad}`);
  }
  const rules = ROW_RULES[kind];
  const ruleChecks = (from: string) =>
    rules.map((rule) => `SELECT submission_id, line, ${label(rule.column)}, ${valueSql(specs.find((c) => c.key === rule.column), rule.column)}, '${rule.code}', NULL, NULL FROM ${from} WHERE ${rule.sql}`);
  // duplicates: first by a hash of the key (one BIGINT per row is the cheapest grouping), then exactly
  const dup = (keys: string[], code: string, column: string, value: string) =>
    `SELECT ok.submission_id, ok.line, ${label(column)}, ${value}, '${code}', 'dòng đầu: ' || d.first_line, 'first on line ' || d.first_line
     FROM ok JOIN (SELECT submission_id, ${keys.join(", ")}, min(line) AS first_line FROM ok
                   WHERE (submission_id, hash(${keys.join(", ")})) IN (SELECT submission_id, h FROM (SELECT submission_id, hash(${keys.join(", ")}) AS h FROM ok) GROUP BY ALL HAVING count(*) > 1)
                   GROUP BY ALL HAVING count(*) > 1) d USING (submission_id, ${keys.join(", ")})
     WHERE ok.line > d.first_line`;
  if (kind === "sinh_hoat" || kind === "danh_gia") {
    const key = kind === "sinh_hoat" ? "ma_chi_bo" : "ma_don_vi";
    const caps = kind === "sinh_hoat" ? MEETING_UNITS : RATED_UNITS;
    const registryFlags =
      kind === "sinh_hoat"
        ? ["u_missing", "u_invalid", "ngay > today", "u_other"]
        : ["u_missing", "u_other", `(u_cap IN ${GRASSROOTS} AND dv_htxs * 5 > dv_htt)`];
    cte.push(
      `flagged AS MATERIALIZED (
         SELECT * FROM (
           SELECT n.*, u.ma_don_vi IS NULL AS u_missing, u.hieu_luc_tu AS u_from, u.hieu_luc_den AS u_to, u.cap AS u_cap, u.committee_code AS u_committee,
                  ${kind === "sinh_hoat" ? "(n.ngay < u.hieu_luc_tu OR n.ngay > u.hieu_luc_den)" : "false"} AS u_invalid,
                  (n.committee IS NOT NULL AND u.committee_code <> n.committee) AS u_other
           FROM ok n LEFT JOIN (SELECT ma_don_vi, hieu_luc_tu, hieu_luc_den, cap, committee_code FROM raw_units WHERE cap IN ${caps}) u ON u.ma_don_vi = n.${key})
         WHERE ${[...registryFlags, ...rules.map((r) => `(${r.sql})`)].join(" OR ")})`
    );
    checks.push(
      ...ruleChecks("flagged"),
      `SELECT submission_id, line, ${label(key)}, ${key}, '${kind === "sinh_hoat" ? "E_UNKNOWN_CELL" : "E_UNKNOWN_UNIT"}', NULL, NULL FROM flagged WHERE u_missing`,
      `SELECT submission_id, line, ${label(key)}, ${key}, 'E_OTHER_COMMITTEE', 'thuộc ' || u_committee, 'belongs to ' || u_committee FROM flagged WHERE u_other`
    );
    if (kind === "sinh_hoat")
      checks.push(
        `SELECT submission_id, line, ${label("ngay")}, strftime(ngay, '%d/%m/%Y'), 'E_CELL_NOT_VALID',
                'hiệu lực ' || strftime(u_from, '%d/%m/%Y') || ' – ' || coalesce(strftime(u_to, '%d/%m/%Y'), '…'),
                'valid ' || strftime(u_from, '%d/%m/%Y') || ' – ' || coalesce(strftime(u_to, '%d/%m/%Y'), '…')
         FROM flagged WHERE u_invalid`,
        `SELECT submission_id, line, ${label("ngay")}, strftime(ngay, '%d/%m/%Y'), 'E_FUTURE_DATE', 'ngày nộp ' || strftime(today, '%d/%m/%Y'), 'submitted ' || strftime(today, '%d/%m/%Y')
         FROM flagged WHERE ngay > today`,
        dup(["ma_chi_bo", "ngay", "loai"], "E_DUPLICATE_MEETING", "ngay", "strftime(ok.ngay, '%d/%m/%Y')")
      );
    else
      checks.push(
        dup(["ma_don_vi", "nam"], "E_DUPLICATE_RATING", "ma_don_vi", "ok.ma_don_vi"),
        // htxs ≤ 20% of htt in a grassroots organisation: its own row, or the sum of its cells' rows when it has none
        `SELECT submission_id, line, ${label("dv_htxs")}, dv_htxs || '/' || dv_htt, 'W_HTXS_QUOTA', NULL, NULL
         FROM flagged WHERE u_cap IN ${GRASSROOTS} AND dv_htxs * 5 > dv_htt`,
        `SELECT ok.submission_id, min(ok.line), ${label("dv_htxs")}, sum(ok.dv_htxs) || '/' || sum(ok.dv_htt), 'W_HTXS_QUOTA',
                'tổng các chi bộ của ' || u.ma_cap_tren, 'total of the cells of ' || u.ma_cap_tren
         FROM ok JOIN raw_units u ON u.ma_don_vi = ok.ma_don_vi AND u.cap = 'chi_bo'
         WHERE NOT EXISTS (SELECT 1 FROM ok o2 WHERE o2.submission_id = ok.submission_id AND o2.ma_don_vi = u.ma_cap_tren AND o2.nam = ok.nam)
         GROUP BY ok.submission_id, u.ma_cap_tren, ok.nam HAVING sum(ok.dv_htxs) * 5 > sum(ok.dv_htt)`
      );
  } else {
    // registries (one per chunk): checked against themselves and every other committee's units
    cte.push(`reg AS (SELECT u.ma_don_vi FROM raw_units u, temp.batch b WHERE u.submission_id = b.submission_id OR u.committee_code IS DISTINCT FROM b.committee)`);
    checks.push(
      ...ruleChecks("ok"),
      dup(["ma_don_vi"], "E_DUPLICATE_CODE", "ma_don_vi", "ok.ma_don_vi"),
      `SELECT submission_id, line, ${label("ma_cap_tren")}, ma_cap_tren, 'E_UNKNOWN_PARENT', NULL, NULL FROM ok
       WHERE ma_cap_tren IS NOT NULL AND ma_cap_tren NOT IN (SELECT ma_don_vi FROM reg)`,
      `SELECT submission_id, line, ${label("sap_nhap_vao")}, sap_nhap_vao, 'E_UNKNOWN_SUCCESSOR', NULL, NULL FROM ok
       WHERE sap_nhap_vao IS NOT NULL AND sap_nhap_vao NOT IN (SELECT ma_don_vi FROM reg)`
    );
  }
  // DuckDB underestimates the new rows and would build the registry join's hash table on them (2.6 s for a
  // 10-million-row log) rather than on the registry: the join keeps its written sides (registry = build side)
  await conn.run("SET disabled_optimizers = 'build_side_probe_side'");
  try {
    await conn.run(`
      INSERT INTO temp.probs
      WITH ${cte.join(",\n")},
           found (submission_id, line, column_name, value, code, detail_vi, detail_en) AS (${checks.map((c) => `(${c})`).join(" UNION ALL ")})
      SELECT f.submission_id, f.line, f.column_name, f.value, f.code,
             c.vi || coalesce(': ' || f.detail_vi, ''), c.en || coalesce(': ' || f.detail_en, ''), c.severity
      FROM found f JOIN temp.codes c USING (code)
    `);
  } finally {
    // (in a transaction a failed statement has aborted, RESET fails too: the error that matters is the first)
    await conn.run("RESET disabled_optimizers").catch(() => {});
  }
}

export interface ProblemSummary {
  shown: Problem[];
  total: number;
  errors: number;
  warnings: number;
  byCode: Record<string, number>;
  /** lines with an error (for --partial) */
  errorLines: number;
  fileLevelErrors: number;
}

/** Counts per submission, and the first problems of each. */
export async function summarise(conn: DuckDBConnection): Promise<Map<number, ProblemSummary>> {
  const out = new Map<number, ProblemSummary>();
  const get = (id: number) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = {shown: [], total: 0, errors: 0, warnings: 0, byCode: {}, errorLines: 0, fileLevelErrors: 0}));
    return s;
  };
  const counts = await queryRows<{id: number; code: string; severity: string; n: number; file_level: number; lines: number | null}>(
    conn,
    `SELECT submission_id AS id, code, severity, count(*)::INTEGER AS n, count_if(line IS NULL)::INTEGER AS file_level, NULL::INTEGER AS lines FROM temp.probs GROUP BY ALL
     UNION ALL
     SELECT submission_id, NULL, NULL, NULL, NULL, count(DISTINCT line)::INTEGER FROM temp.probs WHERE severity = 'error' GROUP BY 1`
  );
  if (!counts.length) return out;
  for (const c of counts) {
    const s = get(c.id);
    if (c.code === null) {
      s.errorLines = c.lines ?? 0;
      continue;
    }
    s.byCode[c.code] = c.n;
    s.total += c.n;
    if (c.severity === "error") {
      s.errors += c.n;
      s.fileLevelErrors += c.file_level;
    } else s.warnings += c.n;
  }
  const shown = await queryRows<{id: number; line: number | null; column_name: string | null; value: string | null; code: string; message_vi: string; message_en: string; severity: Severity}>(
    conn,
    `SELECT submission_id AS id, line, column_name, value, code, message_vi, message_en, severity FROM temp.probs
     QUALIFY row_number() OVER (PARTITION BY submission_id ORDER BY line NULLS FIRST, code, column_name) <= ${PROBLEMS_SHOWN}
     ORDER BY submission_id, line NULLS FIRST, code, column_name`
  );
  for (const r of shown) get(r.id).shown.push({line: r.line, column: r.column_name, value: r.value, code: r.code, vi: r.message_vi, en: r.message_en, severity: r.severity});
  return out;
}

export const EMPTY_SUMMARY: ProblemSummary = {shown: [], total: 0, errors: 0, warnings: 0, byCode: {}, errorLines: 0, fileLevelErrors: 0};

export {problem};
