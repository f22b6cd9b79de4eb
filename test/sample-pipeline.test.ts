// The bundled sample end to end: generated, ingested (every file accepted, idempotently), and computed into
// indicators that show the patterns analysts look for.
import {mkdtempSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";
import type {FileResult} from "../loaders/record/ingest.ts";
import {sampleWarehouse} from "./helpers/sample.ts";

let dir: string;
let db: string;
let first: FileResult[];
let wh: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-sample-"));
  db = join(dir, "warehouse.duckdb");
  // the sample generated into dir/sample and ingested, as made once for every test file: what the ingest reported
  ({ingested: first} = await sampleWarehouse(db));
  wh = await openWarehouse(db);
  await runPipeline(wh.conn);
}, 240_000);
afterAll(() => {
  wh?.close();
  rmSync(dir, {recursive: true, force: true});
});

const yearly = (unit: string, indicator: string) =>
  queryRows<{period: string; value: number}>(
    wh.conn,
    "SELECT period, value FROM indicator_values WHERE unit_code = $1 AND indicator = $2 AND period_type = 'year' ORDER BY period",
    [unit, indicator]
  );

describe("ingesting the sample", () => {
  it("accepts every file and loads every data row", async () => {
    const csvs = readdirSync(join(dir, "sample")).filter((f) => f.endsWith(".csv") && f !== "ngay_nhan.csv");
    expect(first).toHaveLength(csvs.length);
    expect(first.filter((r) => r.status !== "accepted").map((r) => [r.file, r.problems.slice(0, 2)])).toEqual([]);
    const meetingRows = csvs
      .filter((f) => f.startsWith("sinh_hoat"))
      .reduce((n, f) => n + (parse(readFileSync(join(dir, "sample", f)), {bom: true, delimiter: f.includes("HU-SD") || f.includes("HU-CH") || f.includes("DU-KCQ") ? ";" : ","}) as unknown[]).length - 1, 0);
    const [{n}] = await queryRows<{n: number}>(wh.conn, "SELECT count(*)::INTEGER AS n FROM raw_meetings");
    expect(n).toBe(meetingRows);
  });

  it("records the received dates, including the committee that reports late", async () => {
    const late = await queryRows<{m: number}>(wh.conn, "SELECT month(received_at)::INTEGER AS m FROM submissions WHERE file_name = 'sinh_hoat_HU-NH_2019.csv'");
    expect(late[0].m).toBeGreaterThanOrEqual(2);
  });
});

describe("indicators on the sample", () => {
  it("the province improves after the 2016 resolutions", async () => {
    for (const indicator of ["regular_meeting_rate", "thematic_quarter_rate", "attendance_rate"]) {
      const v = Object.fromEntries((await yearly("TQ", indicator)).map((r) => [r.period, r.value]));
      expect(Object.keys(v)).toEqual(["2016", "2017", "2018", "2019", "2020", "2021", "2022"]);
      expect(v["2019"]).toBeGreaterThan(v["2016"] + 0.03);
    }
  });

  it("attendance dips in the COVID months of 2020–2021", async () => {
    const v = Object.fromEntries((await yearly("TQ", "attendance_rate")).map((r) => [r.period, r.value]));
    expect(v["2020"]).toBeLessThan(v["2019"]);
    expect(v["2021"]).toBeLessThan(v["2019"]);
  });

  it("a committee that missed a year has no value for it (a gap, not a zero)", async () => {
    expect((await yearly("HU-LB", "regular_meeting_rate")).map((r) => r.period)).not.toContain("2018");
  });

  it("armed-forces committees do better than the weakest district", async () => {
    const [ca] = await yearly("DU-CA", "attendance_rate");
    const [lb] = await yearly("HU-LB", "attendance_rate");
    expect(ca.value).toBeGreaterThan(lb.value);
  });
});

describe("the full set of indicators on the sample", () => {
  it("every indicator of the catalog has a value for the province in 2020 (the province has no siblings to be ranked among)", async () => {
    const missing = await queryRows<{indicator: string}>(
      wh.conn,
      "SELECT indicator FROM indicator_catalog WHERE indicator <> 'quality_index_rank' AND indicator NOT IN (SELECT indicator FROM indicator_values WHERE unit_code = 'TQ' AND period_type = 'year' AND period = '2020') ORDER BY 1"
    );
    expect(missing).toEqual([]);
  });

  it("the committee that always reports late is never on time; the others usually are", async () => {
    expect((await yearly("HU-NH", "reporting_timeliness")).map((r) => r.value)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const hy = Object.fromEntries((await yearly("HU-HY", "reporting_timeliness")).map((r) => [r.period, r.value]));
    expect(hy["2020"]).toBe(0);
    expect(hy["2019"]).toBe(1);
    const lb = Object.fromEntries((await yearly("HU-LB", "committee_reporting_rate")).map((r) => [r.period, r.value]));
    expect(lb["2018"]).toBe(0);
  });

  it("a hamlet cell that absorbed its neighbour carries the neighbour's past in the comparable series", async () => {
    const [m] = await queryRows<{unit_code: string; absorbed_code: string; merged_on: string}>(
      wh.conn,
      "SELECT unit_code, absorbed_code, merged_on::VARCHAR AS merged_on FROM unit_absorptions WHERE absorbed_level = 'chi_bo' ORDER BY merged_on, unit_code LIMIT 1"
    );
    expect(m).toBeTruthy();
    const v = async (table: string, unit: string) =>
      (await queryRows<{denominator: number}>(wh.conn, `SELECT denominator FROM ${table} WHERE unit_code = $1 AND indicator = 'regular_meeting_rate' AND period_type = 'year' AND period = '2017'`, [unit]))[0]?.denominator ?? 0;
    expect(await v("indicator_values_comparable", m.unit_code)).toBe((await v("indicator_values", m.unit_code)) + (await v("indicator_values", m.absorbed_code)));
    expect(await v("indicator_values_comparable", m.absorbed_code)).toBe(0);
  });

  it("ranks every committee within its peer group: seven districts and towns, the bloc, police and military", async () => {
    const ranks = await queryRows<{peer_group: string; n: number; labels: string}>(
      wh.conn,
      `SELECT q.peer_group, count(*)::INTEGER AS n, string_agg(rank_label, ' ' ORDER BY rank) AS labels FROM quality_index_ranks q JOIN dim_units u USING (unit_code)
       WHERE q.series = 'reported' AND u.level = 'tren_co_so' AND q.period_type = 'year' AND q.period = '2022' GROUP BY q.peer_group ORDER BY q.peer_group`
    );
    expect(ranks).toEqual([
      {peer_group: "dia_phuong", n: 7, labels: "1/7 2/7 3/7 4/7 5/7 6/7 7/7"},
      {peer_group: "khoi", n: 1, labels: "1/1"},
      {peer_group: "luc_luong_vu_trang", n: 2, labels: "1/2 2/2"}
    ]);
  });

  it("the sample keeps HD 21's rating rules and fills in enough entries for every index", async () => {
    expect(await queryRows(wh.conn, "SELECT * FROM rating_rule_warnings LIMIT 3")).toEqual([]);
    const [{withheld}] = await queryRows<{withheld: number}>(wh.conn, "SELECT count(*)::INTEGER AS withheld FROM quality_index_ranks WHERE status <> 'du_du_lieu'");
    expect(withheld).toBe(0);
  });
});

describe("idempotence", () => {
  it("ingesting the same folder again changes nothing and the pipeline has nothing to redo", async () => {
    wh.close();
    const again = await ingestPaths([join(dir, "sample")], {db});
    expect(new Set(again.map((r) => r.status))).toEqual(new Set(["duplicate"]));
    wh = await openWarehouse(db);
    expect((await runPipeline(wh.conn)).skipped).toBe(true);
  });
});
