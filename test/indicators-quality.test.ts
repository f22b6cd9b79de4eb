// The quality index cannot be gamed by leaving fields empty, and the rules that read the ledger or the ratings
// apply where the regulations say: on the hand-built fixture test/fixtures/pipeline (its README lists every row).
//   - blanking any optional field of the meeting log, in every meeting or in every other one, never raises any
//     unit's index: it stays, falls, or is withheld as "không đủ dữ liệu";
//   - a year counts as on time when its first accepted meeting log arrived by the deadline, whatever later
//     corrections arrive;
//   - HD 21's rating rules are checked from 2019 on only.
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {pipelineFixtureWarehouse} from "./helpers/warehouse.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "pipeline");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "chibo-quality-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function fixtureWarehouse(name: string): Promise<Warehouse> {
  const db = join(dir, `${name}.duckdb`);
  // the fixture ingested (made once for every test file): what the ingest reported
  const results = await pipelineFixtureWarehouse(db);
  expect(results.filter((r) => r.status !== "accepted").map((r) => [r.file, r.problems])).toEqual([]);
  return openWarehouse(db);
}

type Index = {key: string; quality_index: number | null; status: string; coverage: number | null};
const indexes = async (wh: Warehouse) =>
  new Map(
    (
      await queryRows<Index>(
        wh.conn,
        "SELECT series || ' ' || unit_code || ' ' || period AS key, quality_index, status, coverage FROM quality_index_ranks"
      )
    ).map((r) => [r.key, r])
  );

describe("blanking an optional field never raises the quality index", () => {
  const OPTIONAL = ["vang_co_ly_do", "vang_khong_ly_do", "thoi_luong", "so_phat_bieu", "cap_tren_du", "hinh_thuc", "dung_ngay", "xep_loai", "diem"];
  // the way to game a score: blank the field exactly where it shows the norm was not met
  const WHERE_IT_HURTS: Record<string, string> = {
    vang_co_ly_do: "vang_khong_ly_do > 0",
    vang_khong_ly_do: "vang_khong_ly_do > 0",
    thoi_luong: "thoi_luong < CASE WHEN loai = 'ket_hop' THEN 120 ELSE 90 END",
    dung_ngay: "NOT dung_ngay",
    xep_loai: "xep_loai <> 'tot'"
  };
  const variants = [
    ...OPTIONAL.map((f) => ({field: f, pattern: "every meeting", where: "true"})),
    ...Object.entries(WHERE_IT_HURTS).map(([f, where]) => ({field: f, pattern: "the meetings where it shows the norm unmet", where}))
  ];
  let wh: Warehouse;
  let before: Map<string, Index>;
  const changes: Record<string, {lowered: number; withheld: number}> = {};

  beforeAll(async () => {
    wh = await fixtureWarehouse("blanking");
    await runPipeline(wh.conn);
    before = await indexes(wh);
    await wh.conn.run("CREATE TABLE meetings_as_submitted AS SELECT * FROM raw_meetings");
  });
  afterAll(() => wh?.close());

  it("has indexes to compare", () => {
    expect([...before.values()].filter((r) => r.quality_index != null).length).toBeGreaterThan(20);
  });

  for (const {field, pattern, where} of variants)
      it(`${field}, left empty in ${pattern}`, async () => {
        await wh.conn.run("DELETE FROM raw_meetings");
        await wh.conn.run("INSERT INTO raw_meetings SELECT * FROM meetings_as_submitted");
        await wh.conn.run(`UPDATE raw_meetings SET ${field} = NULL WHERE ${where}`);
        await runPipeline(wh.conn, {force: true});
        const after = await indexes(wh);
        const raised: string[] = [];
        let lowered = 0;
        let withheld = 0;
        for (const [key, b] of before) {
          if (b.quality_index == null) continue;
          const a = after.get(key);
          expect(a, key).toBeDefined(); // the unit-period keeps its row: the index is withheld, never silently gone
          if (a!.quality_index == null) {
            expect(a!.status).toBe("khong_du_du_lieu");
            withheld++;
          } else if (a!.quality_index > b.quality_index + 1e-9) raised.push(`${key}: ${b.quality_index} → ${a!.quality_index}`);
          else if (a!.quality_index < b.quality_index - 1e-9) lowered++;
        }
        expect(raised).toEqual([]);
        changes[`${field} ${pattern}`] = {lowered, withheld};
      });

  it("the fields the index reads lower it or withhold it; the others leave it unchanged", () => {
    for (const f of ["thoi_luong", "xep_loai", "dung_ngay"]) {
      const c = changes[`${f} every meeting`];
      expect(c.lowered + c.withheld, f).toBeGreaterThan(0);
    }
    // blanking the failures leaves the scores as they were (they already counted as failures) or withholds them
    for (const f of ["thoi_luong", "xep_loai", "dung_ngay"]) expect(changes[`${f} the meetings where it shows the norm unmet`].lowered, f).toBe(0);
    // no length and no rating anywhere: too few entries for any index
    expect(changes["thoi_luong every meeting"].lowered).toBe(0);
    for (const f of ["so_phat_bieu", "cap_tren_du", "diem", "hinh_thuc"]) expect(changes[`${f} every meeting`], f).toEqual({lowered: 0, withheld: 0});
  });
});

describe("timeliness from the first accepted meeting log", () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await fixtureWarehouse("timeliness");
    wh.close();
    // HU-A's 2020 log (received 10/01/2021, on time) corrected on 01/03/2021, after the deadline
    const correction = join(dir, "correction");
    mkdirSync(correction);
    const log = readFileSync(join(FIXTURE, "sinh_hoat_HU-A_2020.csv"), "utf8").replace("HU-A.001.01,2020-01-05,thuong_ky,20,2,16,1,1,", "HU-A.001.01,2020-01-05,thuong_ky,20,2,17,1,0,");
    writeFileSync(join(correction, "sinh_hoat_HU-A_2020.csv"), log);
    writeFileSync(join(correction, "ngay_nhan.csv"), "tep,ngay_nhan\nsinh_hoat_HU-A_2020.csv,2021-03-01\n");
    const results = await ingestPaths([correction], {db: join(dir, "timeliness.duckdb")});
    expect(results.map((r) => r.status)).toEqual(["accepted"]);
    wh = await openWarehouse(join(dir, "timeliness.duckdb"));
    await runPipeline(wh.conn);
  });
  afterAll(() => wh?.close());

  it("a correction received after the deadline does not make an on-time year late", async () => {
    const [s] = await queryRows<{on_time: boolean; first: string; n: number}>(
      wh.conn,
      "SELECT on_time, first_received_at::DATE::VARCHAR AS first, len(submission_ids)::INTEGER AS n FROM reporting_status WHERE committee_code = 'HU-A' AND year = 2020"
    );
    expect(s).toEqual({on_time: true, first: "2021-01-10", n: 1});
    // the correction is in force: one more member present in January
    const [a] = await queryRows<{numerator: number}>(
      wh.conn,
      "SELECT numerator FROM indicator_values WHERE unit_code = 'HU-A.001.01' AND indicator = 'attendance_rate' AND period = '2020-01'"
    );
    expect(a.numerator).toBe(17);
    const [t] = await queryRows<{numerator: number; denominator: number}>(
      wh.conn,
      "SELECT numerator, denominator FROM indicator_values WHERE unit_code = 'TQ' AND indicator = 'reporting_timeliness' AND period = '2020'"
    );
    expect(t).toEqual({numerator: 1, denominator: 3}); // HU-A on time; HU-B and HU-C late as before
  });
});

describe("HD 21's rating rules are data-quality warnings from 2019 on", () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await fixtureWarehouse("hd21");
    wh.close();
    // HU-B.001 (a grassroots cell, HU-B's only grassroots organisation) rated HTXS with one member rated KHT,
    // in 2017, 2018 and 2019
    const ratings = join(dir, "ratings");
    mkdirSync(ratings);
    const rows = [2017, 2018, 2019].map((y) => `HU-B.001,${y},htxs,30,5,20,4,1,1`);
    writeFileSync(join(ratings, "danh_gia_HU-B_2017-2019.csv"), ["ma_don_vi,nam,xep_loai,dang_vien,dv_htxs,dv_htt,dv_ht,dv_kht,bi_thu_boi_duong", ...rows].join("\n") + "\n");
    const results = await ingestPaths([ratings], {db: join(dir, "hd21.duckdb")});
    expect(results.map((r) => [r.status, r.problems])).toEqual([["accepted", expect.anything()]]);
    wh = await openWarehouse(join(dir, "hd21.duckdb"));
    await runPipeline(wh.conn);
  });
  afterAll(() => wh?.close());

  it("warns for 2019 only: an HTXS cell with a KHT member, and HTXS above 20 % of HTT among HU-B's organisations", async () => {
    const rows = await queryRows(wh.conn, "SELECT year, unit_code, rule, htxs, htt, members_kht FROM rating_rule_warnings WHERE committee_code = 'HU-B' ORDER BY ALL");
    expect(rows).toEqual([
      {year: 2019, unit_code: "HU-B", rule: "htxs_over_20pct_of_htt", htxs: 1, htt: 0, members_kht: null},
      {year: 2019, unit_code: "HU-B.001", rule: "htxs_cell_with_kht_member", htxs: 1, htt: null, members_kht: 1}
    ]);
  });
});
