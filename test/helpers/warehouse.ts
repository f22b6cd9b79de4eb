// Test helpers: a throwaway warehouse in a temp folder, and a query shortcut.
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, relative} from "node:path";
import {ingestPaths} from "../../loaders/ingest-paths.ts";
import type {FileResult} from "../../loaders/record/file-result.ts";
import {openWarehouse, queryRows, type Warehouse} from "../../loaders/record/warehouse.ts";
import {runPipeline} from "../../pipelines/runner.ts";
import {cachedDir, inputKey, ROOT} from "./cache.ts";

export async function tempWarehouse(): Promise<{wh: Warehouse; dir: string; dispose(): void}> {
  const dir = mkdtempSync(join(tmpdir(), "chibo-test-"));
  const wh = await openWarehouse(join(dir, "warehouse.duckdb"));
  return {
    wh,
    dir,
    dispose() {
      wh.close();
      rmSync(dir, {recursive: true, force: true});
    }
  };
}

export const rows = queryRows;
export const FIXTURE = join(import.meta.dirname, "..", "fixtures", "mini");

/** What an ingested warehouse with the pipeline run is made from, besides its submissions. */
export const WAREHOUSE_INPUTS = ["loaders", "pipelines", "warehouse", "scripts/lib", "src/components", "package-lock.json", "test/helpers/warehouse.ts"];

/**
 * The cache key of a warehouse made from these project paths besides the code, and the day (an ingest records
 * when it ran and reads files against today's date).
 */
export function warehouseKey(inputs: string[], ...extra: string[]): string {
  const now = new Date();
  return inputKey([...new Set([...WAREHOUSE_INPUTS, ...inputs])], `${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`, ...extra);
}

/**
 * Copies the warehouse `from` (with the `archive/` folder beside it, where ingest keeps the submitted files) to
 * `db`, the archive beside it, and points the ledger at that copy of the archive: the warehouse an ingest into
 * `db`'s folder would have left.
 */
export async function copyWarehouse(from: string, db: string): Promise<void> {
  const archive = join(dirname(from), "archive");
  cpSync(from, db);
  if (!existsSync(archive)) return;
  cpSync(archive, join(dirname(db), "archive"), {recursive: true});
  const wh = await openWarehouse(db);
  try {
    await wh.conn.run("UPDATE submissions SET archive_path = replace(archive_path, $1, $2)", [archive, join(dirname(db), "archive")]);
  } finally {
    wh.close();
  }
}

/**
 * A warehouse in `dir` with the submissions of a fixture folder (copied to `dir/input`) ingested and the pipeline
 * run; returns its path. Built once per content of the fixture and the code (test/helpers/cache.ts), then copied.
 */
export async function builtWarehouse(dir: string, fixture: string): Promise<string> {
  const built = await cachedDir("chibo-fixture-warehouse", warehouseKey([relative(ROOT, fixture)]), async (d) => {
    const db = join(d, "warehouse.duckdb");
    const input = join(d, "input");
    cpSync(fixture, input, {recursive: true});
    rmSync(join(input, "README.md"), {force: true});
    await ingestPaths([input], {db});
    const wh = await openWarehouse(db);
    try {
      await runPipeline(wh.conn, {countRows: false});
    } finally {
      wh.close();
    }
  });
  const db = join(dir, "warehouse.duckdb");
  cpSync(join(built, "input"), join(dir, "input"), {recursive: true});
  await copyWarehouse(join(built, "warehouse.duckdb"), db);
  return db;
}

/**
 * The warehouse `build(db)` makes (an ingest keeps its archive beside `db`), made once per content of the code and
 * of `inputs` (project paths: the fixture, the file that holds the recipe) and copied to `db`. Returns what `build`
 * returned (kept as JSON; a path into the folder of the built warehouse points into the cached folder, where
 * other files `build` made there can be read).
 */
export async function cachedWarehouse<T>(name: string, inputs: string[], db: string, build: (db: string) => Promise<T>): Promise<T> {
  const HERE = "<cached folder>";
  const built = await cachedDir(`chibo-warehouse-${name}`, warehouseKey(inputs), async (d) => {
    const result = JSON.stringify((await build(join(d, "warehouse.duckdb"))) ?? null);
    writeFileSync(join(d, "result.json"), result.replaceAll(JSON.stringify(d).slice(1, -1), HERE));
  });
  await copyWarehouse(join(built, "warehouse.duckdb"), db);
  return JSON.parse(readFileSync(join(built, "result.json"), "utf8").replaceAll(HERE, JSON.stringify(built).slice(1, -1))) as T;
}

export const PIPELINE_FIXTURE = join(import.meta.dirname, "..", "fixtures", "pipeline");

/**
 * test/fixtures/pipeline ingested into `db` (`ingestPaths([fixture], {db})`), and with `run` the pipeline run on it
 * (`runPipeline(conn)`), made once for every test file; returns what the ingest reported.
 */
export function pipelineFixtureWarehouse(db: string, {run = false} = {}): Promise<FileResult[]> {
  return cachedWarehouse(run ? "pipeline-fixture-run" : "pipeline-fixture", ["test/fixtures/pipeline"], db, async (built) => {
    const results = await ingestPaths([PIPELINE_FIXTURE], {db: built});
    if (run) {
      const wh = await openWarehouse(built);
      try {
        await runPipeline(wh.conn);
      } finally {
        wh.close();
      }
    }
    return results;
  });
}
