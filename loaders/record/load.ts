// The bulk loader: Sources (source.ts) → typed rows in the raw table, with every problem located. It works on a
// batch of files of one kind at a time (small files share every SQL pass; a large file is a batch of one).
//
// 1. Collect the distinct raw values of every non-text column (the rewrite path has them from JS, the direct
//    path asks DuckDB in one scan). Each distinct value is parsed in JS by the same functions the row-by-row path
//    uses (schemas.ts), so both paths read values identically; values already in canonical form (ISO dates,
//    plain integers, enum keys, ...) are converted by a plain SQL cast, the others through a mapping table, and
//    values that do not parse are located (line, column) by another scan — only when there are any.
// 2. One INSERT ... SELECT writes the typed rows with their line numbers into the raw table, in a transaction.
// 3. The rules between fields, against the registry and across the file run as SQL over the new rows
//    (row-checks.ts); their findings go to a temp table with the value-level ones.
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
import {sqlString, TRIM_CHARS} from "../format/text.ts";
import {queryRows, RAW_TABLE} from "./warehouse.ts";

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
