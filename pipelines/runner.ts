// The pipeline runner: finds the SQL models under pipelines/models, orders them by their declared
// dependencies, builds each as a table inside ONE transaction, runs the data tests beside them, and
// commits only when every test passes — the site never reads a half-built or failing mart.
import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {basename, dirname, join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import type {DuckDBConnection} from "@duckdb/node-api";
import {inTransaction, queryRows} from "../loaders/warehouse.ts";

export const PIPELINE_DIR = dirname(fileURLToPath(import.meta.url));
const MODELS_DIR = join(PIPELINE_DIR, "models");
const SEEDS_DIR = join(PIPELINE_DIR, "seeds");

export interface Model {
  name: string;
  file: string;
  sql: string;
  dependsOn: string[];
  /** the header comment: what one row means */
  description: string;
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

/** Reads every `*.sql` model; its header declares `-- depends_on: a, b` (or nothing). */
export function discoverModels(dir = MODELS_DIR): Model[] {
  return walk(dir)
    .filter((f) => f.endsWith(".sql") && !f.endsWith(".tests.sql"))
    .sort()
    .map((file) => {
      const sql = readFileSync(file, "utf8");
      const header = sql.match(/^(--.*\n)+/)?.[0] ?? "";
      const deps = header.match(/^--\s*depends_on:\s*(.*)$/m)?.[1] ?? "";
      return {
        name: basename(file, ".sql"),
        file,
        sql,
        dependsOn: deps.split(",").map((d) => d.trim()).filter(Boolean),
        description: header.split("\n")[0]?.replace(/^--\s*/, "") ?? ""
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

/** Topological order; fails on unknown or cyclic dependencies, and on a model that uses another without declaring it. */
export function orderModels(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  for (const m of models) {
    for (const d of m.dependsOn) if (!byName.has(d)) throw new Error(`${rel(m.file)}: depends_on names unknown model "${d}"`);
    const body = m.sql.replace(/--.*$/gm, "");
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
    for (const d of m.dependsOn) visit(byName.get(d)!, [...path, m.name]);
    state.set(m.name, "done");
    ordered.push(m);
  };
  for (const m of models) visit(m, []);
  return ordered;
}

const rel = (f: string) => relative(process.cwd(), f);
const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

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

export interface StepTiming {
  name: string;
  kind: "seed" | "model" | "test";
  ms: number;
  rows?: number;
}

export class DataTestFailure extends Error {
  constructor(readonly failures: {test: DataTest; rows: Record<string, unknown>[]; count: number}[]) {
    super(
      failures
        .map(
          (f) =>
            `Kiểm thử dữ liệu thất bại / data test failed: ${f.test.model} › ${f.test.name} (${rel(f.test.file)}) — ${f.count} dòng vi phạm / offending rows, ví dụ / e.g.:\n` +
            f.rows.map((r) => "    " + JSON.stringify(r)).join("\n")
        )
        .join("\n")
    );
  }
}

export interface RunOptions {
  force?: boolean;
  /** other model/seed folders (tests) */
  modelsDir?: string;
  seedsDir?: string;
  onStep?: (s: StepTiming) => void;
}

export interface RunResult {
  skipped: boolean;
  fingerprint: string;
  steps: StepTiming[];
  ms: number;
}

export async function runPipeline(conn: DuckDBConnection, opts: RunOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  await conn.run(`CREATE TABLE IF NOT EXISTS pipeline_runs (fingerprint VARCHAR, finished_at TIMESTAMP, seconds DOUBLE)`);
  const {modelsDir = MODELS_DIR, seedsDir = SEEDS_DIR} = opts;
  const fingerprint = await pipelineFingerprint(conn, modelsDir, seedsDir);
  const models = orderModels(discoverModels(modelsDir));
  const tests = discoverTests(modelsDir);
  if (!opts.force) {
    const [last] = await queryRows<{fingerprint: string}>(conn, "SELECT fingerprint FROM pipeline_runs ORDER BY finished_at DESC LIMIT 1");
    const existing = new Set((await queryRows<{t: string}>(conn, "SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main'")).map((r) => r.t));
    if (last?.fingerprint === fingerprint && models.every((m) => existing.has(m.name))) return {skipped: true, fingerprint, steps: [], ms: performance.now() - t0};
  }

  const steps: StepTiming[] = [];
  const step = async (name: string, kind: StepTiming["kind"], fn: () => Promise<number | undefined>) => {
    const s = performance.now();
    const rows = await fn();
    const timing = {name, kind, ms: performance.now() - s, rows};
    steps.push(timing);
    opts.onStep?.(timing);
  };
  const count = async (table: string) => (await queryRows<{n: number}>(conn, `SELECT count(*)::INTEGER AS n FROM ${table}`))[0].n;

  await inTransaction(conn, async () => {
    for (const f of walk(seedsDir).filter((f) => f.endsWith(".csv")).sort()) {
      const table = `seed_${basename(f, ".csv")}`;
      await step(table, "seed", async () => {
        await conn.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv(${sqlString(f)}, header = true, auto_detect = true)`);
        return count(table);
      });
    }
    for (const m of models) {
      await step(m.name, "model", async () => {
        try {
          await conn.run(`CREATE OR REPLACE TABLE ${m.name} AS\n${m.sql.replace(/;\s*$/, "")}`);
        } catch (e) {
          throw new Error(`${rel(m.file)}: ${(e as Error).message}`);
        }
        return count(m.name);
      });
    }
    const failures: DataTestFailure["failures"] = [];
    for (const t of tests) {
      await step(`${t.model} › ${t.name}`, "test", async () => {
        const n = (await queryRows<{n: number}>(conn, `SELECT count(*)::INTEGER AS n FROM (${t.sql})`))[0].n;
        if (n > 0) failures.push({test: t, count: n, rows: await queryRows(conn, `SELECT * FROM (${t.sql}) LIMIT 5`)});
        return n;
      });
    }
    if (failures.length) throw new DataTestFailure(failures);
    await conn.run("INSERT INTO pipeline_runs VALUES ($1, now()::TIMESTAMP, $2)", [fingerprint, (performance.now() - t0) / 1000]);
  });
  return {skipped: false, fingerprint, steps, ms: performance.now() - t0};
}
