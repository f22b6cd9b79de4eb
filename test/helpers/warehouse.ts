// Test helpers: a throwaway warehouse in a temp folder, and a query shortcut.
import {cpSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ingestPaths} from "../../loaders/ingest-paths.ts";
import {openWarehouse, queryRows, type Warehouse} from "../../loaders/record/warehouse.ts";
import {runPipeline} from "../../pipelines/runner.ts";

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

/** A warehouse in `dir` with the submissions of a fixture folder ingested and the pipeline run; returns its path. */
export async function builtWarehouse(dir: string, fixture: string): Promise<string> {
  const db = join(dir, "warehouse.duckdb");
  const input = join(dir, "input");
  cpSync(fixture, input, {recursive: true});
  rmSync(join(input, "README.md"), {force: true});
  await ingestPaths([input], {db});
  const wh = await openWarehouse(db);
  try {
    await runPipeline(wh.conn, {countRows: false});
  } finally {
    wh.close();
  }
  return db;
}
