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
let dir: string | undefined;
let wh: Warehouse | undefined;
afterEach(() => {
  wh?.close();
  wh = undefined;
  if (dir) rmSync(dir, {recursive: true, force: true});
  dir = undefined;
});

/** A warehouse holding the fixture's files whose names start with one of `prefixes` (and `extra` lines appended). */
async function warehouseOf(prefixes: string[], extra: Record<string, string> = {}, name = "warehouse"): Promise<Warehouse> {
  dir ??= mkdtempSync(join(tmpdir(), "chibo-accepted-"));
  const input = join(dir, `${name}-input`);
  cpSync(FIXTURE, input, {recursive: true});
  for (const f of readdirSync(input)) if (f !== "ngay_nhan.csv" && !prefixes.some((p) => f.startsWith(p))) rmSync(join(input, f));
  for (const [f, line] of Object.entries(extra)) appendFileSync(join(input, f), line + "\n");
  const results = await ingestPaths([input], {db: join(dir, `${name}.duckdb`)});
  expect(results.filter((r) => r.status !== "accepted")).toEqual([]);
  const opened = await openWarehouse(join(dir, `${name}.duckdb`));
  if (name === "warehouse") wh = opened;
  return opened;
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

describe("a committee's registry that repeats its own row (as the province's file lists it)", () => {
  it("builds, with the same figures as without the repeat", async () => {
    const repeated = await warehouseOf(["don_vi_", "sinh_hoat_", "danh_gia_"], {"don_vi_HU-A.csv": "HU-A,Huyện ủy An Hòa,tren_co_so,TQ,nong_thon,1990-01-01,,"});
    await runPipeline(repeated.conn, {countRows: false});
    const plain = await warehouseOf(["don_vi_", "sinh_hoat_", "danh_gia_"], {}, "plain");
    try {
      await runPipeline(plain.conn, {countRows: false});
      const sql = "SELECT * FROM indicator_values ORDER BY ALL";
      const a = await queryRows(repeated.conn, sql);
      expect(a.length).toBeGreaterThan(100);
      expect(a).toEqual(await queryRows(plain.conn, sql));
    } finally {
      plain.close();
    }
  }, 60_000);
});

describe("a data test that fails names the files whose rows break it", () => {
  it("the meeting logs holding the offending months, and no other file", async () => {
    const w = await warehouseOf(["don_vi_", "sinh_hoat_", "danh_gia_"]);
    // the project's models plus a test no real data should fail: here, any meeting held in April 2020
    const models = join(dir!, "models");
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
