// Files the loader accepts build: a warehouse holding registries and no meeting log yet (with or without annual
// ratings) passes every data test. And when a data test fails anyway, the error names the files whose rows break it.
import {appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {DataTestFailure, PIPELINE_DIR, runPipeline} from "../pipelines/runner.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "pipeline");
let dir: string;
let wh: Warehouse | undefined;
afterEach(() => {
  wh?.close();
  wh = undefined;
  rmSync(dir, {recursive: true, force: true});
});

/** A warehouse holding the fixture's files whose names start with one of `prefixes`. */
async function warehouseOf(prefixes: string[]): Promise<Warehouse> {
  dir = mkdtempSync(join(tmpdir(), "chibo-accepted-"));
  const input = join(dir, "input");
  cpSync(FIXTURE, input, {recursive: true});
  for (const f of readdirSync(input)) if (f !== "ngay_nhan.csv" && !prefixes.some((p) => f.startsWith(p))) rmSync(join(input, f));
  const results = await ingestPaths([input], {db: join(dir, "warehouse.duckdb")});
  expect(results.filter((r) => r.status !== "accepted")).toEqual([]);
  wh = await openWarehouse(join(dir, "warehouse.duckdb"));
  return wh;
}

describe("a warehouse with registries and no meeting log yet", () => {
  it("builds from the registries alone: every unit, no figure counted as not held", async () => {
    const w = await warehouseOf(["don_vi_"]);
    await runPipeline(w.conn, {countRows: false});
    expect((await queryRows<{n: number}>(w.conn, "SELECT count(*)::INTEGER AS n FROM dim_units"))[0].n).toBe(13); // the fixture README: 4 + 4 + 1 + 4 rows
    const held = await queryRows<{n: number}>(w.conn, "SELECT count(*)::INTEGER AS n FROM indicator_values WHERE indicator = 'regular_meeting_rate' AND denominator > 0");
    expect(held[0].n).toBe(0);
  }, 60_000);

  it("builds with annual ratings and no meeting log: the ratings count, the meetings do not", async () => {
    const w = await warehouseOf(["don_vi_", "danh_gia_"]);
    await runPipeline(w.conn, {countRows: false});
    const rated = await queryRows<{numerator: number; denominator: number}>(
      w.conn,
      "SELECT numerator, denominator FROM indicator_values WHERE unit_code = 'HU-A' AND indicator = 'org_rating_good_share' AND period_type = 'year' AND period = '2020'"
    );
    // HU-A.001 rated htt, HU-A.002 rated kht (the fixture's README)
    expect(rated).toEqual([{numerator: 1, denominator: 2}]);
  }, 60_000);
});

describe("a data test that fails names the files whose rows break it", () => {
  it("the meeting logs holding the offending months, and no other file", async () => {
    const w = await warehouseOf(["don_vi_", "sinh_hoat_", "danh_gia_"]);
    // the project's models plus a test no real data should fail: here, any meeting held in April 2020
    const models = join(dir, "models");
    cpSync(join(PIPELINE_DIR, "models"), models, {recursive: true});
    appendFileSync(
      join(models, "facts", "fct_cell_months.tests.sql"),
      "\n\n-- test: no meeting in April 2020\nSELECT cell_code, committee_code, year, month_start FROM fct_cell_months WHERE month_start = DATE '2020-04-01' AND meetings > 0\n"
    );
    const error = await runPipeline(w.conn, {countRows: false, modelsDir: models}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataTestFailure);
    const failure = (error as DataTestFailure).failures.find((f) => f.test.name === "no meeting in April 2020")!;
    // April 2020: HU-A.001.01 (05/04), HU-A.001.02 (07/04), HU-A.002 (20/04) in HU-A's log; HU-B.001 in HU-B's
    expect(failure.submissions?.map((s) => s.file)).toEqual(["sinh_hoat_HU-A_2020.csv", "sinh_hoat_HU-B_2020.csv"]);
    expect((error as Error).message).toContain("sinh_hoat_HU-A_2020.csv (đơn vị gửi / sent by HU-A, nhận ngày / received 10/01/2021)");
    expect((error as Error).message).not.toContain("sinh_hoat_HU-C_2020.csv");
    expect((error as Error).message).not.toContain("danh_gia_HU-A_2020.csv");
  }, 60_000);
});
