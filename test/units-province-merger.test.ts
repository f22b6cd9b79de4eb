// Two provinces merged (as Hà Giang into Tuyên Quang on 1 July 2025): the merged province's registry names the
// province it joins, is loaded after it whatever the file names, and its committee rolls up to the new province
// from the day after the merger. As reported, each month and quarter counts for the province the committee
// belonged to then, and a committee's year (and term) for the province it belongs to on 31 December; in the
// comparable series the new province's past holds the merged province's units too. Fixture: test/fixtures/province-merger (README);
// every expected value is computed by hand from its meeting lines.
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestPaths, loadOrder} from "../loaders/ingest-paths.ts";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {publish} from "../pipelines/publish/publish.ts";
import {runPipeline} from "../pipelines/runner.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "province-merger");
let dir: string;
let wh: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-province-merger-"));
  const db = join(dir, "warehouse.duckdb");
  const results = await ingestPaths([FIXTURE], {db});
  expect(results.filter((r) => r.status !== "accepted").map((r) => [r.file, r.problems])).toEqual([]);
  wh = await openWarehouse(db);
  await runPipeline(wh.conn, {countRows: false});
}, 120_000);
afterAll(() => {
  wh?.close();
  rmSync(dir, {recursive: true, force: true});
});

type Value = {numerator: number; denominator: number};
async function value(table: "indicator_values" | "indicator_values_comparable", unit: string, period: number | string): Promise<Value | null> {
  const r = await queryRows<Value>(
    wh.conn,
    `SELECT numerator, denominator FROM ${table} WHERE unit_code = $1 AND indicator = 'regular_meeting_rate' AND period = $2`,
    [unit, String(period)]
  );
  return r[0] ?? null;
}

describe("a province merged into another on 30/06/2025", () => {
  it("loads the province in force first, then the merged one that names it", () => {
    const names = loadOrder([join(FIXTURE, "don_vi_HG.csv"), join(FIXTURE, "don_vi_TQ.csv"), join(FIXTURE, "don_vi_HG-A.csv")]).map((f) => f.split("/").pop());
    expect(names).toEqual(["don_vi_TQ.csv", "don_vi_HG.csv", "don_vi_HG-A.csv"]);
  });

  it("as reported: months and quarters count for the province of the time, a committee's year for its province on 31 December", async () => {
    // 2024: HG-A 12/12 under HG; TQ = HU-A: HU-A.001.01 12/12 + HU-A.002 0/12
    expect(await value("indicator_values", "HG", 2024)).toEqual({numerator: 12, denominator: 12});
    expect(await value("indicator_values", "TQ", 2024)).toEqual({numerator: 12, denominator: 24});
    // 2025, months: HG holds HG-A's January–June (March not held), TQ only HU-A's two cells until June
    expect(await value("indicator_values", "HG", "2025-03")).toEqual({numerator: 0, denominator: 1});
    expect(await value("indicator_values", "HG", "2025-06")).toEqual({numerator: 1, denominator: 1});
    expect(await value("indicator_values", "TQ", "2025-03")).toEqual({numerator: 1, denominator: 2});
    expect(await value("indicator_values", "TQ", "2025-07")).toEqual({numerator: 2, denominator: 3});
    expect(await value("indicator_values", "HG", "2025-Q1")).toEqual({numerator: 2, denominator: 3});
    expect(await value("indicator_values", "HG", "2025-07")).toBeNull();
    // 2025, year: HG-A belongs to TQ on 31 December, so its whole year (11/12) counts for TQ, beside HU-A 12/24
    expect(await value("indicator_values", "TQ", 2025)).toEqual({numerator: 23, denominator: 36});
    expect(await value("indicator_values", "HG", 2025)).toBeNull();
    expect(await value("indicator_values", "HG-A", 2025)).toEqual({numerator: 11, denominator: 12});
  });

  it("comparable: the new province's past holds the merged province's units; the merged province has no series", async () => {
    expect(await value("indicator_values_comparable", "TQ", 2024)).toEqual({numerator: 24, denominator: 36});
    expect(await value("indicator_values_comparable", "TQ", 2025)).toEqual({numerator: 23, denominator: 36});
    expect(await value("indicator_values_comparable", "HG", 2024)).toBeNull();
    expect(await value("indicator_values_comparable", "HG-A", 2024)).toEqual({numerator: 12, denominator: 12});
  });

  it("the crosswalk shows the merger with its dates", async () => {
    const rows = await queryRows(wh.conn, "SELECT old_code, old_last_day::VARCHAR AS last_day, new_code, first_day::VARCHAR AS first_day, kind FROM unit_crosswalk WHERE old_level = 'tinh'");
    expect(rows).toEqual([{old_code: "HG", last_day: "2025-06-30", new_code: "TQ", first_day: "2025-07-01", kind: "sap_nhap"}]);
  });

  it("publishes the province in force, with the merged province's committee among its committees", async () => {
    wh.close();
    try {
      const out = join(dir, "published");
      await publish({db: join(dir, "warehouse.duckdb"), out});
      const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {province: {code: string}; committees: Record<string, unknown>};
      expect(manifest.province.code).toBe("TQ");
      expect(Object.keys(manifest.committees).sort()).toEqual(["HG-A", "HU-A", "HU-B"]);
    } finally {
      wh = await openWarehouse(join(dir, "warehouse.duckdb"));
    }
  });
});
