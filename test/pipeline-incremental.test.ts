// Incremental builds: after one committee resubmits one year, the pipeline rebuilds only that partition, and
// every model then holds exactly what a full rebuild from scratch gives.
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestFile} from "../loaders/record/ingest.ts";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {discoverModels, runPipeline, type RunResult} from "../pipelines/runner.ts";
import {pipelineFixtureWarehouse} from "./helpers/warehouse.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "pipeline");
let dir: string;
let db: string;
let wh: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-incremental-"));
  db = join(dir, "warehouse.duckdb");
  // the fixture ingested (made once for every test file)
  await pipelineFixtureWarehouse(db);
  wh = await openWarehouse(db);
});
afterAll(() => {
  wh?.close();
  rmSync(dir, {recursive: true, force: true});
});

/** Every model's rows, as a multiset: a snapshot table per model. */
async function snapshot(prefix: string): Promise<string[]> {
  const names = discoverModels().map((m) => m.name);
  for (const n of names) await wh.conn.run(`CREATE OR REPLACE TABLE ${prefix}_${n} AS SELECT * FROM ${n}`);
  return names;
}

async function differences(a: string, b: string): Promise<number> {
  const [{n}] = await queryRows<{n: number}>(
    wh.conn,
    `SELECT ((SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})) + (SELECT count(*) FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a})))::INTEGER AS n`
  );
  return n;
}

/** A corrected HU-A 2020 meeting log: .01 now also met in March (30 members present of 18 expected is not allowed, so 17), and one meeting less in December. */
function correctedLog(): string {
  const original = readFileSync(join(FIXTURE, "sinh_hoat_HU-A_2020.csv"), "utf8").trimEnd().split("\n");
  const lines = original.filter((l) => !l.startsWith("HU-A.001.01,2020-12-05"));
  lines.push('HU-A.001.01,2020-03-05,thuong_ky,20,2,17,1,0,95,4,1,truc_tiep,1,tot,,"Sinh hoạt bổ sung",');
  const folder = join(dir, "resubmission");
  mkdirSync(folder, {recursive: true});
  const file = join(folder, "sinh_hoat_HU-A_2020.csv");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("after one committee resubmits one year", () => {
  let full: RunResult;
  let incremental: RunResult;

  it("the first run is a full build; an unchanged warehouse is skipped", async () => {
    full = await runPipeline(wh.conn);
    expect(full.mode).toBe("full");
    expect((await runPipeline(wh.conn)).mode).toBe("skipped");
  });

  it("rebuilds only the partition (HU-A, 2020), one batch per partitioned model", async () => {
    const r = await ingestFile(wh, correctedLog(), {receivedAt: "2021-01-14", archiveDir: join(dir, "archive")});
    expect(r.status).toBe("accepted");
    incremental = await runPipeline(wh.conn);
    expect(incremental.mode).toBe("incremental");
    expect(incremental.partitions).toEqual([{committee_code: "HU-A", year: 2020}]);
    const partitioned = incremental.steps.filter((s) => s.kind === "model" && String(s.how).includes("partition"));
    expect(partitioned.length).toBeGreaterThan(5);
    expect(partitioned.every((s) => s.how === "1 partition batch")).toBe(true);
    // models that read only the registry and seeds are kept
    expect(incremental.steps.find((s) => s.name === "int_unit_ancestors")?.how).toBe("kept");
    console.log(`full build ${Math.round(full.ms)} ms, incremental ${Math.round(incremental.ms)} ms`);
  });

  it("the corrected figures are in: .01 now met in March, not twice in December", async () => {
    const [v] = await queryRows<{numerator: number; denominator: number}>(
      wh.conn,
      "SELECT numerator, denominator FROM indicator_values WHERE unit_code = 'HU-A.001.01' AND indicator = 'regular_meeting_rate' AND period_type = 'year' AND period = '2020'"
    );
    expect(v).toEqual({numerator: 10, denominator: 12}); // March added, December (its only meeting) removed
  });

  it("every model is identical to a full rebuild", async () => {
    const names = await snapshot("inc");
    const rebuilt = await runPipeline(wh.conn, {force: true});
    expect(rebuilt.mode).toBe("full");
    const diffs: Record<string, number> = {};
    for (const n of names) {
      const d = await differences(`inc_${n}`, n);
      if (d) diffs[n] = d;
    }
    expect(diffs).toEqual({});
    const [{n}] = await queryRows<{n: number}>(wh.conn, "SELECT count(*)::INTEGER AS n FROM inc_indicator_values");
    expect(n).toBeGreaterThan(3000);
  });

  it("a registry change rebuilds everything", async () => {
    const folder = join(dir, "registry");
    mkdirSync(folder, {recursive: true});
    const file = join(folder, "don_vi_HU-B.csv");
    copyFileSync(join(FIXTURE, "don_vi_HU-B.csv"), file);
    writeFileSync(file, readFileSync(file, "utf8").replace("01/01/2010", "01/01/2009"));
    expect((await ingestFile(wh, file, {archiveDir: join(dir, "archive")})).status).toBe("accepted");
    expect((await runPipeline(wh.conn)).mode).toBe("full");
  });
});
