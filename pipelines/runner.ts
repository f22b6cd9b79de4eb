// The pipeline runner: finds the SQL models under pipelines/models, orders them by their declared
// dependencies, builds them, runs the data tests beside them, and publishes the result only when every test
// passes — the site never reads a half-built or failing mart:
//   a full build writes every seed and model under a shadow name (`fct_cell_months__next`), committing model by
//   model, then swaps them all in with ONE short transaction of renames. Committing as it goes keeps DuckDB's
//   transaction-local storage small: one transaction holding a national build read its own uncommitted tables
//   much more slowly (195 s against 133 s on the national benchmark). A build that fails or is killed leaves only
//   shadow tables, dropped by the next run;
//   an incremental build changes a few partitions in place inside ONE transaction.
//
// A model's header declares, besides what one row means:
//   -- depends_on: a, b                 the models it reads (checked: using an undeclared model is an error)
//   -- sources: raw_meetings, ...       the raw tables the loaders write that it reads (SOURCES; checked the same way)
//   -- materialized: table | view | partitioned      (default table)
//   -- partition_by: committee_code, year   or   year   or   committee_code   or   committee_code, term
//                                       (partitioned models only; `term`: the table's `period` holds a term of TERMS)
//   -- view_above: N rows in MODEL      a table, but a view when MODEL holds more than N rows (national scale)
//   -- disabled_optimizers: NAME, ...   DuckDB optimizers switched off while this model is built (say why beside it)
//   -- sorted_by: committee_code, a, b  the order rows are stored in, batch by batch (partitioned models; default:
//                                       committee_code when partitioned by committee, else none)
//
// Partitioned models are built partition by partition. Their SQL restricts itself with macros the runner
// defines before each batch: scope_year_from(), scope_year_to(), in_scope_committee(code) and in_scope_term(term),
// and in_scope_file(code): the committees whose files (raw rows, by the ledger's committee) the batch reads;
// term_of(year) names a year's party congress term (TERMS), the one definition of the terms. A full build
// walks all partitions one year at a time (bounded memory); an incremental build deletes and rebuilds only the
// partitions whose submissions changed since the last run (a model partitioned by committee only rebuilds all
// years of the changed committees; one partitioned by committee and term, the terms holding the changed years).
// Data tests of models kept unchanged are not rerun. The partition universe and each partition's fingerprint
// come from the model `int_partitions` (committee_code, year, fingerprint).
//
// What is rebuilt when:
//   full build (first run, --force, a model/seed changed, or the unit registry changed): everything;
//   incremental (only meeting logs / ratings changed): models reading only the registry and seeds are kept,
//   partitioned models rebuild the changed partitions, every other table model is rebuilt (they are small).
import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {basename, dirname, join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows, sqlString} from "../warehouse/warehouse.ts";

export const PIPELINE_DIR = dirname(fileURLToPath(import.meta.url));
const MODELS_DIR = join(PIPELINE_DIR, "models");
const SEEDS_DIR = join(PIPELINE_DIR, "seeds");
/** The model that lists the partitions (committee_code, year, fingerprint). */
export const PARTITIONS_MODEL = "int_partitions";
/** Suffix of the shadow tables and views a full build writes before swapping them in. */
export const SHADOW_SUFFIX = "__next";
/**
 * The raw tables the loaders write, which models read only where they declare them (`-- sources:`). "data" ones
 * change with every meeting log or rating; a model that reads none of them, directly or through the models it
 * depends on, reads only the registry and seeds and is kept by an incremental build.
 */
export const SOURCES: Readonly<Record<string, "registry" | "data">> = {
  raw_units: "registry",
  raw_meetings: "data",
  raw_ratings: "data",
  submissions: "data",
  submission_periods: "data",
  rejected_rows: "data"
};
/**
 * The model folders in the order data flows through them: a model may read models of its own folder or of an
 * earlier one, never of a later one (a staging model never reads a fact, a fact never reads a mart).
 */
export const LAYERS = ["staging", "intermediate", "facts", "aggregates", "marts"] as const;

export type Materialized = "table" | "view" | "partitioned";

export interface Model {
  name: string;
  file: string;
  sql: string;
  dependsOn: string[];
  /** raw tables it reads (`-- sources:`), keys of SOURCES */
  sources: string[];
  /** its folder under the models directory, when that folder is one of LAYERS */
  layer?: (typeof LAYERS)[number];
  /** the header comment: what one row means */
  description: string;
  materialized: Materialized;
  /** partition key columns of a partitioned model */
  partitionBy: ("committee_code" | "year" | "term")[];
  /** build as a view instead of a table when `table` holds more than `rows` rows */
  viewAbove?: {rows: number; table: string};
  /** DuckDB optimizers switched off while the model is built (`SET disabled_optimizers`) */
  disabledOptimizers: string[];
  /** columns a partitioned model's rows are stored in the order of, batch by batch (`-- sorted_by:`) */
  sortedBy: string[];
}

export interface DataTest {
  model: string;
  name: string;
  file: string;
  sql: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function headerValue(header: string, key: string): string | undefined {
  return header.match(new RegExp(`^--[ \\t]*${key}:[ \\t]*(.*)$`, "m"))?.[1]?.trim();
}

/** Reads every `*.sql` model; its header declares `-- depends_on: a, b` (or nothing) and how it is materialized. */
export function discoverModels(dir = MODELS_DIR): Model[] {
  const layerOf = (file: string) => {
    const top = relative(dir, file).split(/[\\/]/)[0];
    return (LAYERS as readonly string[]).includes(top) ? (top as Model["layer"]) : undefined;
  };
  return walk(dir)
    .filter((f) => f.endsWith(".sql") && !f.endsWith(".tests.sql"))
    .sort()
    .map((file) => {
      const sql = readFileSync(file, "utf8");
      const header = sql.match(/^(--.*\n)+/)?.[0] ?? "";
      const deps = headerValue(header, "depends_on") ?? "";
      const materialized = (headerValue(header, "materialized") ?? "table") as Materialized;
      if (!["table", "view", "partitioned"].includes(materialized)) throw new Error(`${rel(file)}: unknown "materialized: ${materialized}"`);
      const partitionBy = (headerValue(header, "partition_by") ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean) as Model["partitionBy"];
      const keys = [...partitionBy].sort().join(", ");
      if (materialized === "partitioned" && !["year", "committee_code", "committee_code, year", "committee_code, term"].includes(keys))
        throw new Error(`${rel(file)}: a partitioned model needs "-- partition_by: year", "committee_code", "committee_code, year" or "committee_code, term"`);
      const va = headerValue(header, "view_above")?.match(/^(\d+)\s+rows\s+in\s+(\w+)$/);
      const disabledOptimizers = (headerValue(header, "disabled_optimizers") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      if (disabledOptimizers.some((o) => !/^[a-z_]+$/.test(o))) throw new Error(`${rel(file)}: "disabled_optimizers" takes optimizer names, e.g. build_side_probe_side`);
      const sortedBy = (headerValue(header, "sorted_by") ?? (partitionBy.includes("committee_code") ? "committee_code" : ""))
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean);
      if (sortedBy.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c))) throw new Error(`${rel(file)}: "sorted_by" takes column names, e.g. committee_code, cell_code`);
      if (materialized === "partitioned" && partitionBy.includes("committee_code") && sortedBy[0] !== "committee_code")
        throw new Error(`${rel(file)}: "sorted_by" of a model partitioned by committee starts with committee_code`);
      return {
        name: basename(file, ".sql"),
        file,
        sql,
        dependsOn: deps.split(",").map((d) => d.trim()).filter(Boolean),
        sources: (headerValue(header, "sources") ?? "").split(",").map((d) => d.trim()).filter(Boolean),
        layer: layerOf(file),
        description: header.split("\n")[0]?.replace(/^--\s*/, "") ?? "",
        materialized,
        partitionBy: materialized === "partitioned" ? partitionBy : [],
        viewAbove: va ? {rows: Number(va[1]), table: va[2]} : undefined,
        disabledOptimizers,
        sortedBy: materialized === "partitioned" ? sortedBy : []
      };
    });
}

/** Tests live beside their model in `<model>.tests.sql`, each block headed `-- test: name`; a test passes when its query returns no rows. */
export function discoverTests(dir = MODELS_DIR): DataTest[] {
  return walk(dir)
    .filter((f) => f.endsWith(".tests.sql"))
    .sort()
    .flatMap((file) => {
      const model = basename(file, ".tests.sql");
      return readFileSync(file, "utf8")
        .split(/^--\s*test:\s*/m)
        .slice(1)
        .map((block) => {
          const [name, ...body] = block.split("\n");
          return {model, name: name.trim(), file, sql: body.join("\n").trim().replace(/;\s*$/, "")};
        });
    });
}

const stripComments = (sql: string) => sql.replace(/--.*$/gm, "");

/**
 * Topological order; fails on unknown or cyclic dependencies, on a model that uses another model or a raw table
 * without declaring it, and on a dependency that points back to a later folder (LAYERS).
 */
export function orderModels(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const layerIndex = (m: Model) => (m.layer ? LAYERS.indexOf(m.layer) : -1);
  for (const m of models) {
    for (const d of m.dependsOn) if (!byName.has(d)) throw new Error(`${rel(m.file)}: depends_on names unknown model "${d}"`);
    for (const d of m.dependsOn) {
      const dep = byName.get(d)!;
      if (layerIndex(m) >= 0 && layerIndex(dep) > layerIndex(m))
        throw new Error(`${rel(m.file)}: reads "${d}" from ${dep.layer}/, a later folder than ${m.layer}/ (data flows ${LAYERS.join(" → ")})`);
    }
    for (const s of m.sources) if (!(s in SOURCES)) throw new Error(`${rel(m.file)}: sources names unknown raw table "${s}" (known: ${Object.keys(SOURCES).join(", ")})`);
    const body = stripComments(m.sql);
    for (const s of Object.keys(SOURCES))
      if (new RegExp(`\\b${s}\\b`).test(body) && !m.sources.includes(s)) throw new Error(`${rel(m.file)}: reads raw table "${s}" but does not declare it in "-- sources:"`);
    for (const other of byName.keys())
      if (other !== m.name && new RegExp(`\\b${other}\\b`).test(body) && !m.dependsOn.includes(other))
        throw new Error(`${rel(m.file)}: uses model "${other}" but does not declare it in "-- depends_on:"`);
  }
  const ordered: Model[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (m: Model, path: string[]) => {
    if (state.get(m.name) === "done") return;
    if (state.get(m.name) === "visiting") throw new Error(`dependency cycle: ${[...path, m.name].join(" → ")}`);
    state.set(m.name, "visiting");
    // a partitioned model is built after the model that lists the partitions
    const implicit = m.materialized === "partitioned" && byName.has(PARTITIONS_MODEL) ? [PARTITIONS_MODEL] : [];
    for (const d of [...implicit, ...m.dependsOn]) visit(byName.get(d)!, [...path, m.name]);
    state.set(m.name, "done");
    ordered.push(m);
  };
  for (const m of models) visit(m, []);
  return ordered;
}

/** Models whose inputs (transitively) include meeting logs, ratings or the ledger; the others depend only on the registry and seeds. */
export function dataDependentModels(models: Model[]): Set<string> {
  const byName = new Map(models.map((m) => [m.name, m]));
  const memo = new Map<string, boolean>();
  const reads = (m: Model): boolean => {
    if (memo.has(m.name)) return memo.get(m.name)!;
    memo.set(m.name, false);
    const direct = m.materialized === "partitioned" || m.name === PARTITIONS_MODEL || m.sources.some((s) => SOURCES[s] === "data");
    const r = direct || m.dependsOn.some((d) => reads(byName.get(d)!));
    memo.set(m.name, r);
    return r;
  };
  return new Set(models.filter(reads).map((m) => m.name));
}

const rel = (f: string) => relative(process.cwd(), f);

function hashFiles(files: string[]): string {
  const hash = createHash("sha256");
  for (const f of files.sort()) hash.update(rel(f)).update(readFileSync(f));
  return hash.digest("hex");
}

/** What the marts are a function of: the models, the seeds and the submissions in force. */
export async function pipelineFingerprint(conn: DuckDBConnection, modelsDir = MODELS_DIR, seedsDir = SEEDS_DIR): Promise<string> {
  const hash = createHash("sha256");
  for (const f of [...walk(modelsDir), ...walk(seedsDir)].sort()) hash.update(rel(f)).update(readFileSync(f));
  const [row] = await queryRows<{s: string | null}>(
    conn,
    "SELECT string_agg(submission_id || ':' || sha256, ',' ORDER BY submission_id) AS s FROM submissions WHERE status IN ('accepted', 'partial')"
  );
  hash.update(row?.s ?? "");
  return hash.digest("hex");
}

/** The models, seeds and unit registries in force: when any changes, the next build is a full one. */
async function structureFingerprint(conn: DuckDBConnection, modelsDir: string, seedsDir: string): Promise<string> {
  const [row] = await queryRows<{s: string | null}>(
    conn,
    "SELECT string_agg(submission_id || ':' || sha256, ',' ORDER BY submission_id) AS s FROM submissions WHERE status IN ('accepted', 'partial') AND kind = 'don_vi'"
  );
  return createHash("sha256")
    .update(hashFiles([...walk(modelsDir), ...walk(seedsDir)]))
    .update(row?.s ?? "")
    .digest("hex");
}

export interface StepTiming {
  name: string;
  kind: "seed" | "model" | "test" | "commit";
  ms: number;
  rows?: number;
  /** how the model was built this run */
  how?: "table" | "view" | "kept" | `${number} partition batch${"" | "es"}`;
}

/** A submission in force whose rows an offending row of a data test comes from. */
export interface Culprit {
  submissionId: number;
  file: string;
  committee: string | null;
  receivedAt: string;
}

export class DataTestFailure extends Error {
  constructor(readonly failures: {test: DataTest; rows: Record<string, unknown>[]; count: number; submissions?: Culprit[]}[]) {
    super(
      failures
        .map(
          (f) =>
            `Kiểm thử dữ liệu thất bại / data test failed: ${f.test.model} › ${f.test.name} (${rel(f.test.file)}) — ${f.count} dòng vi phạm / offending rows, ví dụ / e.g.:\n` +
            f.rows.map((r) => "    " + JSON.stringify(r)).join("\n") +
            "\n  " +
            (f.submissions?.length
              ? `Các tệp có dòng gây lỗi / submissions whose rows break it:\n` +
                f.submissions.map((c) => `    ${c.file} (đơn vị gửi / sent by ${c.committee ?? "?"}, nhận ngày / received ${c.receivedAt})`).join("\n")
              : "Không xác định được tệp nào gây lỗi / no submission could be traced from these rows")
        )
        .join("\n")
    );
  }
}

const UNIT_KEYS = ["unit_code", "cell_code"];
const YEAR_KEYS = ["year", "period", "month_start", "meeting_date", "quarter_start"];

/**
 * The submissions in force whose rows offending rows come from: the meeting-log and rating rows of the rows' units
 * in the rows' years; failing that, the logs and ratings of the rows' committees (or their units' committees) and
 * years; failing that, the registry files that list the rows' units. `table` names a model as this build wrote it.
 */
async function submissionsBehind(conn: DuckDBConnection, rows: Record<string, unknown>[], table: (name: string) => string): Promise<Culprit[]> {
  const pick = (keys: string[]) => [...new Set(rows.flatMap((r) => keys.map((k) => r[k]).filter((v) => v != null).map(String)))];
  const units = pick(UNIT_KEYS);
  const years = [...new Set(pick(YEAR_KEYS).map((v) => Number(v.slice(0, 4))).filter((y) => Number.isInteger(y) && y > 1900))];
  const list = (values: (string | number)[]) => values.map((v) => (typeof v === "number" ? String(v) : sqlString(v))).join(", ");
  const inYears = (col: string) => (years.length ? `${col} IN (${list(years)})` : "true");
  // rows of months or quarters come from meeting logs only; rows of years or terms may come from ratings too
  const monthly = rows.some((r) => r.month_start != null || r.meeting_date != null || r.quarter_start != null || /^\d{4}-(\d\d|Q\d)$/.test(String(r.period ?? "")));
  const ledger = (ids: string) =>
    queryRows<Culprit>(
      conn,
      `SELECT submission_id AS "submissionId", file_name AS file, committee_code AS committee, strftime(received_at, '%d/%m/%Y') AS "receivedAt"
       FROM submissions WHERE status IN ('accepted', 'partial') AND submission_id IN (${ids}) ORDER BY submission_id`
    );
  try {
    if (units.length) {
      const found = await ledger(
        `SELECT submission_id FROM raw_meetings WHERE ma_chi_bo IN (${list(units)}) AND ${inYears("year(ngay)")}
         UNION SELECT submission_id FROM raw_ratings WHERE NOT ${monthly} AND ma_don_vi IN (${list(units)}) AND ${inYears("nam")}`
      );
      if (found.length) return found;
    }
    const committees = [...pick(["committee_code"])];
    if (units.length)
      committees.push(...(await queryRows<{c: string}>(conn, `SELECT DISTINCT reporting_committee_code AS c FROM ${table("stg_units")} WHERE unit_code IN (${list(units)})`)).map((r) => r.c));
    if (committees.length) {
      const found = await ledger(`SELECT submission_id FROM ${table("stg_submission_committees")} WHERE in_force AND committee_code IN (${list([...new Set(committees)])}) AND ${inYears("year")}`);
      if (found.length) return found;
    }
    return units.length ? await ledger(`SELECT submission_id FROM ${table("stg_units")} WHERE unit_code IN (${list(units)})`) : [];
  } catch {
    return []; // the models it reads may not have been built: the failure is reported without its files
  }
}

export interface RunOptions {
  force?: boolean;
  /** other model/seed folders (tests) */
  modelsDir?: string;
  seedsDir?: string;
  onStep?: (s: StepTiming) => void;
  /** DuckDB settings for the build, e.g. "3GB" and 2 */
  memoryLimit?: string;
  threads?: number;
  /** count the rows of every model (default true; a count over a large view costs time) */
  countRows?: boolean;
}

export interface RunResult {
  skipped: boolean;
  mode: "skipped" | "full" | "incremental";
  fingerprint: string;
  steps: StepTiming[];
  ms: number;
  /** the partitions (re)built: all of them in a full build */
  partitions: {committee_code: string; year: number}[];
}

interface Partition {
  committee_code: string;
  year: number;
  fingerprint: string;
  /** the committees its files are recorded against (int_partitions.file_committees, when the model has it) */
  file_committees?: string[] | null;
}

/**
 * The party congress terms (nhiệm kỳ) whose rows sum years: SQL names a year's term with term_of(year). A term
 * is named by its congress years; its figures hold the years after the opening congress (docs/indicators.md).
 */
export const TERMS: readonly {term: string; yearFrom: number; yearTo: number}[] = [
  {term: "2015-2020", yearFrom: 2016, yearTo: 2020},
  {term: "2020-2025", yearFrom: 2021, yearTo: 2025},
  {term: "2025-2030", yearFrom: 2026, yearTo: 2030}
];

/** The term holding a year, if any. */
export const termOf = (year: number): string | undefined => TERMS.find((t) => year >= t.yearFrom && year <= t.yearTo)?.term;

/** A rectangle of partitions: some years × some (or all) committees, and the terms (all when null) of term models. */
interface Scope {
  yearFrom: number;
  yearTo: number;
  committees: string[] | null;
  terms?: string[] | null;
  /** the committees whose files' raw rows the partitions read (in_scope_file); default: `committees` */
  files?: string[] | null;
}

const sqlList = (values: string[] | null | undefined): ((x: string) => string) =>
  values == null ? () => "true" : values.length ? (x) => `${x} IN (${values.map(sqlString).join(", ")})` : () => "false";

async function setScope(conn: DuckDBConnection, s: Scope): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP MACRO scope_year_from() AS ${s.yearFrom}`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO scope_year_to() AS ${s.yearTo}`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO in_scope_committee(code) AS ${sqlList(s.committees)("code")}`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO in_scope_term(term) AS ${sqlList(s.terms)("term")}`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO in_scope_file(code) AS ${sqlList(s.files === undefined ? s.committees : s.files)("code")}`);
  await conn.run(
    `CREATE OR REPLACE TEMP MACRO term_of(y) AS CASE ${TERMS.map((t) => `WHEN y BETWEEN ${t.yearFrom} AND ${t.yearTo} THEN ${sqlString(t.term)}`).join(" ")} END`
  );
}

const ALL: Scope = {yearFrom: -9999, yearTo: 9999, committees: null};
/** No partition at all: nothing changed. */
const NONE: Scope = {yearFrom: 0, yearTo: -1, committees: []};

/** Runs `build` with the DuckDB optimizers the model's header names switched off (`-- disabled_optimizers:`). */
async function withOptimizersOff<T>(conn: DuckDBConnection, m: Model, build: () => Promise<T>): Promise<T> {
  if (!m.disabledOptimizers.length) return build();
  await conn.run(`SET disabled_optimizers = ${sqlString(m.disabledOptimizers.join(","))}`);
  try {
    return await build();
  } finally {
    await conn.run("RESET disabled_optimizers").catch(() => undefined); // after a failure the rollback follows
  }
}

/** The tables and views of the main schema, by name. */
async function objectKinds(conn: DuckDBConnection): Promise<Map<string, "table" | "view">> {
  const rows = await queryRows<{name: string; kind: "table" | "view"}>(
    conn,
    `SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
     UNION ALL
     SELECT view_name, 'view' FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary`
  );
  return new Map(rows.map((r) => [r.name, r.kind]));
}

/** Drops the shadow tables and views a full build left behind when it failed or was killed. */
async function dropShadows(conn: DuckDBConnection): Promise<void> {
  for (const [name, kind] of await objectKinds(conn)) if (name.endsWith(SHADOW_SUFFIX)) await conn.run(`DROP ${kind === "view" ? "VIEW" : "TABLE"} IF EXISTS ${name}`);
}

export async function runPipeline(conn: DuckDBConnection, opts: RunOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  await conn.run(`CREATE TABLE IF NOT EXISTS pipeline_runs (fingerprint VARCHAR, finished_at TIMESTAMP, seconds DOUBLE)`);
  await conn.run(`CREATE TABLE IF NOT EXISTS pipeline_state (structure_fingerprint VARCHAR, finished_at TIMESTAMP)`);
  await conn.run(`CREATE TABLE IF NOT EXISTS pipeline_partition_state (committee_code VARCHAR, year INTEGER, fingerprint VARCHAR)`);
  await dropShadows(conn);
  if (opts.memoryLimit) await conn.run(`SET memory_limit = ${sqlString(opts.memoryLimit)}`);
  if (opts.threads) await conn.run(`SET threads = ${Number(opts.threads)}`);
  await conn.run("SET preserve_insertion_order = false");
  const {modelsDir = MODELS_DIR, seedsDir = SEEDS_DIR, countRows = true} = opts;
  const fingerprint = await pipelineFingerprint(conn, modelsDir, seedsDir);
  const structure = await structureFingerprint(conn, modelsDir, seedsDir);
  const models = orderModels(discoverModels(modelsDir));
  const tests = discoverTests(modelsDir);
  const dataModels = dataDependentModels(models);
  const existing = async () => new Set((await objectKinds(conn)).keys());
  const present = await existing();
  const allPresent = models.every((m) => present.has(m.name));
  if (!opts.force) {
    const [last] = await queryRows<{fingerprint: string}>(conn, "SELECT fingerprint FROM pipeline_runs ORDER BY finished_at DESC LIMIT 1");
    if (last?.fingerprint === fingerprint && allPresent) return {skipped: true, mode: "skipped", fingerprint, steps: [], ms: performance.now() - t0, partitions: []};
  }
  const [lastState] = await queryRows<{structure_fingerprint: string}>(conn, "SELECT structure_fingerprint FROM pipeline_state ORDER BY finished_at DESC LIMIT 1");
  const full = opts.force || !allPresent || lastState?.structure_fingerprint !== structure;

  // A full build writes under shadow names and reads the shadows it has written; an incremental one works in place.
  const seedFiles = walk(seedsDir).filter((f) => f.endsWith(".csv")).sort();
  const names = [...seedFiles.map((f) => `seed_${basename(f, ".csv")}`), ...models.map((m) => m.name)];
  const nameRe = new RegExp(`\\b(${names.join("|")})\\b`, "g");
  const target = (name: string) => (full ? name + SHADOW_SUFFIX : name);
  const rewrite = (sql: string) => (full ? sql.replace(nameRe, (n) => n + SHADOW_SUFFIX) : sql);
  /** what this full build wrote, in dependency order: swapped in at the end */
  const built: {name: string; as: "table" | "view"; sql: string}[] = [];

  const steps: StepTiming[] = [];
  const step = async (name: string, kind: StepTiming["kind"], fn: () => Promise<{rows?: number; how?: StepTiming["how"]} | undefined>) => {
    const s = performance.now();
    const r = await fn();
    const timing: StepTiming = {name, kind, ms: performance.now() - s, rows: r?.rows, how: r?.how};
    steps.push(timing);
    opts.onStep?.(timing);
  };
  const count = async (table: string) => (countRows ? (await queryRows<{n: number}>(conn, `SELECT count(*)::BIGINT AS n FROM ${table}`))[0].n : undefined);
  const fail = (m: Model, e: unknown): never => {
    throw new Error(`${rel(m.file)}: ${(e as Error).message}`);
  };

  let changed: Partition[] = [];
  let universe: Partition[] = [];
  let testScope: Scope = ALL;
  let partitionsKnown = false;

  /** The bookkeeping that says which run the marts come from: written in the transaction that publishes them. */
  const record = async () => {
    if (partitionsKnown) {
      await conn.run("DELETE FROM pipeline_partition_state");
      await conn.run(`INSERT INTO pipeline_partition_state SELECT committee_code, year, fingerprint FROM ${PARTITIONS_MODEL}`);
    }
    await conn.run("INSERT INTO pipeline_state VALUES ($1, now()::TIMESTAMP)", [structure]);
    await conn.run("INSERT INTO pipeline_runs VALUES ($1, now()::TIMESTAMP, $2)", [fingerprint, (performance.now() - t0) / 1000]);
  };
  /** Swaps a full build in: the old tables and views go, the shadows take their names, the views are recreated on the new names. */
  const swapIn = async () => {
    const kinds = await objectKinds(conn);
    for (const b of built) {
      const k = kinds.get(b.name);
      if (k) await conn.run(`DROP ${k === "view" ? "VIEW" : "TABLE"} ${b.name}`);
    }
    for (const b of built) if (b.as === "table") await conn.run(`ALTER TABLE ${target(b.name)} RENAME TO ${b.name}`);
    // views in dependency order, each on names that now exist
    for (const b of built) {
      if (b.as !== "view") continue;
      await conn.run(`DROP VIEW ${target(b.name)}`);
      await conn.run(`CREATE VIEW ${b.name} AS\n${b.sql}`);
    }
  };

  // A full build commits after each partitioned model (the large ones) and before the tests: the small models
  // share a transaction, as a commit costs a sync of the file.
  await conn.run("BEGIN TRANSACTION");
  const commitShadows = async () => {
    if (!full) return;
    await conn.run("COMMIT");
    await conn.run("BEGIN TRANSACTION");
  };
  try {
    await setScope(conn, ALL);
    for (const f of seedFiles) {
      const table = `seed_${basename(f, ".csv")}`;
      await step(table, "seed", async () => {
        await conn.run(`CREATE OR REPLACE TABLE ${target(table)} AS SELECT * FROM read_csv(${sqlString(f)}, header = true, auto_detect = true)`);
        if (full) built.push({name: table, as: "table", sql: ""});
        return {rows: await count(target(table)), how: "table"};
      });
    }
    const decidePartitions = async () => {
      if (partitionsKnown) return;
      partitionsKnown = true;
      if (!models.some((m) => m.name === PARTITIONS_MODEL)) throw new Error(`partitioned models need a model named ${PARTITIONS_MODEL}`);
      universe = await queryRows<Partition>(conn, `SELECT committee_code, year::INTEGER AS year, fingerprint FROM ${target(PARTITIONS_MODEL)} ORDER BY year, committee_code`);
      if (full) {
        changed = universe;
        return;
      }
      // new, removed or changed partitions since the last successful run
      const [{files}] = await queryRows<{files: boolean}>(
        conn,
        `SELECT count(*) > 0 AS files FROM duckdb_columns() WHERE table_name = '${PARTITIONS_MODEL}' AND column_name = 'file_committees' AND schema_name = 'main' AND database_name = current_database()`
      );
      changed = await queryRows<Partition>(
        conn,
        `SELECT coalesce(n.committee_code, o.committee_code) AS committee_code, coalesce(n.year, o.year)::INTEGER AS year, coalesce(n.fingerprint, '') AS fingerprint
                ${files ? ", n.file_committees" : ""}
         FROM ${PARTITIONS_MODEL} n FULL OUTER JOIN pipeline_partition_state o ON o.committee_code = n.committee_code AND o.year = n.year
         WHERE n.fingerprint IS DISTINCT FROM o.fingerprint ORDER BY 2, 1`
      );
      if (changed.length) {
        const years = changed.map((p) => p.year);
        testScope = {yearFrom: Math.min(...years), yearTo: Math.max(...years), committees: [...new Set(changed.map((p) => p.committee_code))]};
      } else testScope = NONE;
    };
    /** Batches for a model: one per year (one in all without a year key), all committees and terms in a full build, the changed ones otherwise. */
    /** the committees whose files the partitions read: theirs, and any other their files are recorded against */
    const filesOf = (ps: Partition[]) => [...new Set(ps.flatMap((p) => [p.committee_code, ...(p.file_committees ?? [])]))];
    const batches = (m: Model): Scope[] => {
      if (!m.partitionBy.includes("year")) {
        if (!changed.length) return [];
        return [
          {
            ...ALL,
            committees: full ? null : [...new Set(changed.map((p) => p.committee_code))],
            files: full ? null : filesOf(changed),
            terms: full || !m.partitionBy.includes("term") ? null : [...new Set(changed.map((p) => termOf(p.year)).filter((t) => t !== undefined))]
          }
        ];
      }
      const years = [...new Set(changed.map((p) => p.year))].sort((a, b) => a - b);
      return years.map((y) => ({
        yearFrom: y,
        yearTo: y,
        committees: full || !m.partitionBy.includes("committee_code") ? null : [...new Set(changed.filter((p) => p.year === y).map((p) => p.committee_code))],
        files: full || !m.partitionBy.includes("committee_code") ? null : filesOf(changed.filter((p) => p.year === y))
      }));
    };

    for (const m of models) {
      const body = m.sql.replace(/;\s*$/, "");
      const sql = rewrite(body);
      const name = target(m.name);
      if (m.materialized === "partitioned") {
        await decidePartitions();
        // Rows stored committee by committee (`sorted_by`): a resubmitted committee-year then deletes rows from a
        // few row groups instead of a tenth of every row group of the year, which DuckDB rewrote at the commit
        // (national bench: 5.4 → 3.5 s; the sort costs a full build about 0.5 s a year on fct_cell_months). A batch
        // of one committee needs no sort by committee alone. A longer `sorted_by` keeps side by side the rows that
        // later models sum together: the cells' months in cell order made summing them per parent 0.3 s a year
        // faster on the national bench, for no measurable cost in the sort.
        const order = (s: Scope) => (s.committees?.length === 1 && m.sortedBy.join() === "committee_code" ? [] : m.sortedBy);
        const insert = (s: Scope) => (order(s).length ? `SELECT * FROM (\n${sql}\n) ORDER BY ${order(s).join(", ")}` : sql);
        await step(m.name, "model", async () => {
          const scopes = batches(m);
          const exists = !full && (await existing()).has(m.name);
          try {
            await withOptimizersOff(conn, m, async () => {
              if (!exists) {
                await setScope(conn, scopes[0] ?? NONE);
                await conn.run(`CREATE OR REPLACE TABLE ${name} AS\n${insert(scopes[0] ?? NONE)}`);
                for (const s of scopes.slice(1)) {
                  await setScope(conn, s);
                  await conn.run(`INSERT INTO ${name}\n${insert(s)}`);
                }
              } else {
                for (const s of scopes) {
                  await setScope(conn, s);
                  const where = [
                    m.partitionBy.includes("year") ? "year BETWEEN scope_year_from() AND scope_year_to()" : "",
                    m.partitionBy.includes("committee_code") ? "in_scope_committee(committee_code)" : "",
                    m.partitionBy.includes("term") ? "in_scope_term(period)" : ""
                  ].filter(Boolean).join(" AND ");
                  await conn.run(`DELETE FROM ${name} WHERE ${where}`);
                  await conn.run(`INSERT INTO ${name}\n${insert(s)}`);
                }
              }
            });
          } catch (e) {
            fail(m, e);
          } finally {
            await setScope(conn, ALL).catch(() => undefined); // after a failure the transaction is aborted: report the model's own error
          }
          if (full) built.push({name: m.name, as: "table", sql: body});
          await commitShadows();
          return {rows: await count(name), how: `${scopes.length} partition batch${scopes.length === 1 ? "" : "es"}` as StepTiming["how"]};
        });
        continue;
      }
      if (!full && !dataModels.has(m.name) && present.has(m.name)) {
        await step(m.name, "model", async () => ({how: "kept"}));
        continue;
      }
      await step(m.name, "model", async () => {
        let as: "table" | "view" = m.materialized === "view" ? "view" : "table";
        if (m.viewAbove) {
          const [{n}] = await queryRows<{n: number}>(conn, `SELECT count(*)::BIGINT AS n FROM ${target(m.viewAbove.table)}`);
          if (Number(n) > m.viewAbove.rows) as = "view";
        }
        try {
          // a name may change from table to view between runs
          const kind = (await objectKinds(conn)).get(name);
          if (kind && kind !== as) await conn.run(`DROP ${kind === "view" ? "VIEW" : "TABLE"} ${name}`);
          await withOptimizersOff(conn, m, () => conn.run(`CREATE OR REPLACE ${as === "view" ? "VIEW" : "TABLE"} ${name} AS\n${sql}`));
        } catch (e) {
          fail(m, e);
        }
        if (full) built.push({name: m.name, as, sql: body});
        return {rows: as === "view" ? undefined : await count(name), how: as};
      });
      if (m.name === PARTITIONS_MODEL) await decidePartitions();
    }

    await commitShadows();
    const failures: DataTestFailure["failures"] = [];
    await setScope(conn, full ? ALL : testScope);
    const kept = new Set(steps.filter((s) => s.how === "kept").map((s) => s.name));
    for (const t of tests) {
      if (kept.has(t.model)) continue; // the model was not rebuilt: its tests passed when it was
      const sql = rewrite(t.sql);
      await step(`${t.model} › ${t.name}`, "test", async () => {
        const n = (await queryRows<{n: number}>(conn, `SELECT count(*)::INTEGER AS n FROM (${sql})`))[0].n;
        if (n > 0) {
          const offending = await queryRows<Record<string, unknown>>(conn, `SELECT * FROM (${sql}) LIMIT 200`);
          failures.push({test: t, count: n, rows: offending.slice(0, 5), submissions: await submissionsBehind(conn, offending, target)});
        }
        return {rows: n};
      });
    }
    await setScope(conn, ALL);
    if (failures.length) throw new DataTestFailure(failures);
    if (!full) await record();
  } catch (e) {
    await conn.run("ROLLBACK").catch(() => undefined);
    if (full) await dropShadows(conn).catch(() => undefined);
    throw e;
  }
  // committing writes the changes to the database file (and may checkpoint it); a full build swaps its shadow
  // tables in here, in one transaction. Timed as its own step.
  await step("commit", "commit", async () => {
    if (!full) {
      // DuckDB's checkpoint would also "vacuum" every table the run changed: merge each run of adjacent,
      // partly filled row groups anywhere in the table into fewer, rewriting them all — 1.8 s of the first
      // incremental run after a national full build. Rows deleted by a rebuilt partition still free their row
      // groups when a whole group goes; the partly filled ones left are compacted by the next full build.
      await conn.run("SET max_vacuum_tasks = 0");
      try {
        await conn.run("COMMIT");
        // committed already: should the checkpoint fail, the changes wait in the write-ahead log for the next one
        await conn.run("CHECKPOINT").catch(() => undefined);
      } finally {
        await conn.run("RESET max_vacuum_tasks");
      }
      return undefined;
    }
    try {
      await swapIn();
      await record();
      await conn.run("COMMIT");
    } catch (e) {
      await conn.run("ROLLBACK");
      await dropShadows(conn).catch(() => undefined);
      throw e;
    }
    // write the new tables into the file now: the commits above only logged them, and DuckDB would otherwise
    // checkpoint them at the next commit — a later incremental run would pay for this build
    await conn.run("CHECKPOINT");
    return undefined;
  });
  return {
    skipped: false,
    mode: full ? "full" : "incremental",
    fingerprint,
    steps,
    ms: performance.now() - t0,
    partitions: changed.map(({committee_code, year}) => ({committee_code, year}))
  };
}
