// The bundled sample (seed SAMPLE_SEED, scale 1) generated, ingested and run through the pipeline, as several test
// files need it: made once per content of its inputs (test/helpers/cache.ts) and copied into each test's folder.
import {cpSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {ingestPaths} from "../../loaders/ingest-paths.ts";
import type {FileResult} from "../../loaders/record/file-result.ts";
import {openWarehouse} from "../../loaders/record/warehouse.ts";
import {runPipeline} from "../../pipelines/runner.ts";
import {generateSample, SAMPLE_SEED} from "../../scripts/sample/generate.ts";
import {cachedDir} from "./cache.ts";
import {copyWarehouse, warehouseKey} from "./warehouse.ts";

/** What the sample warehouse is made from: the generator, the loaders, the pipeline, this recipe. */
export const SAMPLE_INPUTS = ["scripts/sample", "test/helpers/sample.ts"];

/** The cached sample: `sample/` (the generated files), `warehouse.duckdb` with `archive/` beside it, `ingested.json`. */
export function builtSample(): Promise<string> {
  return cachedDir("chibo-sample-warehouse", warehouseKey(SAMPLE_INPUTS, `seed ${SAMPLE_SEED}`), async (dir) => {
    await generateSample({outDir: join(dir, "sample"), seed: SAMPLE_SEED});
    const db = join(dir, "warehouse.duckdb");
    const ingested = await ingestPaths([join(dir, "sample")], {db});
    writeFileSync(join(dir, "ingested.json"), JSON.stringify(ingested));
    const wh = await openWarehouse(db);
    try {
      await runPipeline(wh.conn, {countRows: false});
    } finally {
      wh.close();
    }
  });
}

/**
 * The sample's warehouse at `db` (the pipeline run), as `ingestPaths([sample], {db})` and `runPipeline` would leave it:
 * its archive in `archive/` beside it and the generated files in `sample/` beside it. Returns those files' folder
 * and what the ingest reported for each file.
 */
export async function sampleWarehouse(db: string): Promise<{sample: string; ingested: FileResult[]}> {
  const built = await builtSample();
  await copyWarehouse(join(built, "warehouse.duckdb"), db);
  cpSync(join(built, "sample"), join(dirname(db), "sample"), {recursive: true});
  return {sample: join(dirname(db), "sample"), ingested: JSON.parse(readFileSync(join(built, "ingested.json"), "utf8")) as FileResult[]};
}
