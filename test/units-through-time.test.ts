// Units followed through 2020 with the registry's columns for time (test/fixtures/through-time/README.md): a cell
// that changes parent on 01/07 within its committee (ma_cap_tren_cu, cap_tren_tu), a new code (ma_cu), a move to
// another committee under a new code (ma_cu), a split of one cell into two (two units naming it in ma_cu) and a
// merger (sap_nhap_vao). Every value is computed by hand from the months in the fixture's logs, written out as
// sums of the cells' parts: regular_meeting_rate's numerator counts the months with a regular meeting, its
// denominator the months each cell was expected to meet.
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {ingestFile} from "../loaders/record/ingest.ts";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "through-time");

let dir: string;
let wh: Warehouse;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-through-time-"));
  const input = join(dir, "input");
  cpSync(FIXTURE, input, {recursive: true});
  rmSync(join(input, "README.md"));
  const db = join(dir, "warehouse.duckdb");
  const results = await ingestPaths([input], {db});
  expect(results.map((r) => [r.file, r.status, r.problems.filter((p) => p.severity === "error")])).toEqual(
    ["don_vi_TQ.csv", "sinh_hoat_HU-A_2020.csv", "sinh_hoat_HU-B_2020.csv"].map((f) => [expect.stringContaining(f), "accepted", []])
  );
  wh = await openWarehouse(db);
  await runPipeline(wh.conn, {countRows: false});
}, 120_000);
afterAll(() => {
  wh?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

type Rate = {numerator: number; denominator: number};
async function rate(unit: string, period = "2020", table = "indicator_values"): Promise<Rate | null> {
  const r = await queryRows<Rate>(
    wh.conn,
    `SELECT numerator::INTEGER AS numerator, denominator::INTEGER AS denominator FROM ${table}
     WHERE unit_code = $1 AND indicator = 'regular_meeting_rate' AND period = $2`,
    [unit, period]
  );
  return r[0] ?? null;
}
const comparable = (unit: string, period = "2020") => rate(unit, period, "indicator_values_comparable");
const r = (numerator: number, denominator: number): Rate => ({numerator, denominator});
/** The months of 2020 a unit has a regular_meeting_rate row for, in one series. */
async function months(unit: string, table = "indicator_values"): Promise<string[]> {
  const rows = await queryRows<{period: string}>(
    wh.conn,
    `SELECT period FROM ${table} WHERE unit_code = $1 AND indicator = 'regular_meeting_rate' AND period_type = 'month' ORDER BY period`,
    [unit]
  );
  return rows.map((x) => x.period);
}
const monthsOf = (from: number, to: number) => Array.from({length: to - from + 1}, (_, i) => `2020-${String(from + i).padStart(2, "0")}`);

describe("the fixture", () => {
  it("holds the months the hand computations below read (README.md)", () => {
    const held = new Map<string, number[]>();
    for (const f of ["sinh_hoat_HU-A_2020.csv", "sinh_hoat_HU-B_2020.csv"])
      for (const line of readFileSync(join(FIXTURE, f), "utf8").trim().split("\n").slice(1)) {
        const [cell, day] = line.split(",");
        held.set(cell, [...(held.get(cell) ?? []), Number(day.slice(5, 7))]);
      }
    const but = (from: number, to: number, ...missing: number[]) => Array.from({length: to - from + 1}, (_, i) => from + i).filter((m) => !missing.includes(m));
    expect(Object.fromEntries(held)).toEqual({
      "HU-A.001.01": but(1, 12, 3),
      "HU-A.001.05": but(1, 12, 2, 9),
      "HU-A.001.03": but(1, 6, 4),
      "HU-A.001.31": but(7, 12),
      "HU-A.001.32": but(7, 12, 8),
      "HU-A.002.01": but(1, 12),
      "HU-A.002.02": but(1, 3),
      "HU-A.003": but(1, 6),
      "HU-B.001": but(2, 6),
      "HU-B.101": but(7, 12),
      "HU-B.102": but(7, 11)
    });
  });
});

describe("a cell that changes parent on 01/07 within its committee (HU-A.001.05: HU-A.001, then HU-A.002)", () => {
  it("rolls up to its former parent until 30/06 and to its new one from 01/07", async () => {
    const parents = await queryRows(
      wh.conn,
      `SELECT ancestor_code, valid_from::VARCHAR AS valid_from, valid_to::VARCHAR AS valid_to FROM int_unit_ancestors
       WHERE unit_code = 'HU-A.001.05' AND depth = 1 ORDER BY valid_from NULLS FIRST`
    );
    expect(parents).toEqual([
      {ancestor_code: "HU-A.001", valid_from: null, valid_to: "2020-06-30"},
      {ancestor_code: "HU-A.002", valid_from: "2020-07-01", valid_to: null}
    ]);
  });

  it("as reported: January–June count for HU-A.001, July–December for HU-A.002", async () => {
    expect(await rate("HU-A.001.05")).toEqual(r(5 + 5, 6 + 6)); // February and September missing
    // HU-A.001: HU-A.001.01 (11/12) + HU-A.001.05 Jan–Jun (5/6) + HU-A.001.03 (5/6) + HU-A.001.31 (6/6) + HU-A.001.32 (5/6)
    expect(await rate("HU-A.001")).toEqual(r(11 + 5 + 5 + 6 + 5, 12 + 6 + 6 + 6 + 6));
    // HU-A.002: HU-A.002.01 (12/12) + HU-A.002.02 Jan–Mar (3/3) + HU-A.001.05 Jul–Dec (5/6)
    expect(await rate("HU-A.002")).toEqual(r(12 + 3 + 5, 12 + 3 + 6));
    // the months the cell missed: February for its former parent, September for its new one
    expect(await rate("HU-A.001", "2020-02")).toEqual(r(1 + 0 + 1, 3)); // .01, .05, .03
    expect(await rate("HU-A.002", "2020-02")).toEqual(r(1 + 1, 2)); // .01, .02
    expect(await rate("HU-A.001", "2020-09")).toEqual(r(1 + 1 + 1, 3)); // .01, .31, .32
    expect(await rate("HU-A.002", "2020-09")).toEqual(r(1 + 0, 2)); // .01, .05
    expect(await rate("HU-A.001", "2020-Q1")).toEqual(r(2 + 2 + 3, 9)); // .01 without March, .05 without February, .03
  });

  it("comparable: the whole year counts for today's parent", async () => {
    expect(await comparable("HU-A.001.05")).toEqual(r(10, 12));
    // HU-A.001: HU-A.001.01 + HU-A.001.03 + HU-A.001.31 + HU-A.001.32 — no month of HU-A.001.05
    expect(await comparable("HU-A.001")).toEqual(r(11 + 5 + 6 + 5, 12 + 6 + 6 + 6));
    // HU-A.002: HU-A.002.01 with HU-A.002.02 it absorbed + all of HU-A.001.05
    expect(await comparable("HU-A.002")).toEqual(r(12 + 3 + 10, 12 + 3 + 12));
    expect(await comparable("HU-A.001", "2020-02")).toEqual(r(1 + 1, 2)); // .01, .03
    expect(await comparable("HU-A.002", "2020-02")).toEqual(r(1 + 1 + 0, 3)); // .01, .02, .05
  });

  it("the committee counts the cell all year in both series", async () => {
    // HU-A as reported: HU-A.001 + HU-A.002 + HU-A.003 (Jan–Jun, before it moved to HU-B)
    expect(await rate("HU-A")).toEqual(r(32 + 20 + 6, 36 + 21 + 6));
    // comparable: HU-A.003's months go with it to HU-B
    expect(await comparable("HU-A")).toEqual(r(27 + 25, 30 + 27));
  });
});

describe("a new code (HU-B.001 → HU-B.101) and a move to another committee under a new code (HU-A.003 → HU-B.102), by ma_cu", () => {
  it("each code counts its own months as reported", async () => {
    expect(await rate("HU-B.001")).toEqual(r(5, 6));
    expect(await rate("HU-B.101")).toEqual(r(6, 6));
    expect(await rate("HU-A.003")).toEqual(r(6, 6));
    expect(await rate("HU-B.102")).toEqual(r(5, 6));
    expect(await rate("HU-B")).toEqual(r(5 + 6 + 5, 6 + 6 + 6)); // HU-B.001, HU-B.101, HU-B.102
  });

  it("comparable: the new code's series includes the old code's months", async () => {
    expect(await comparable("HU-B.101")).toEqual(r(5 + 6, 6 + 6));
    expect(await comparable("HU-B.102")).toEqual(r(6 + 5, 6 + 6));
    expect(await comparable("HU-B")).toEqual(r(11 + 11, 12 + 12));
    expect(await months("HU-B.101", "indicator_values_comparable")).toEqual(monthsOf(1, 12));
    // the old codes are stood for by the new ones: no comparable series of their own
    expect(await comparable("HU-B.001")).toBeNull();
    expect(await comparable("HU-A.003")).toBeNull();
  });

  it("the registry reads them as continued by the new code", async () => {
    const units = await queryRows(
      wh.conn,
      `SELECT unit_code, merged_into, current_unit_code FROM dim_units WHERE unit_code IN ('HU-B.001', 'HU-A.003', 'HU-A.002.02', 'HU-A.001.03') ORDER BY 1`
    );
    expect(units).toEqual([
      {unit_code: "HU-A.001.03", merged_into: null, current_unit_code: "HU-A.001.03"},
      {unit_code: "HU-A.002.02", merged_into: "HU-A.002.01", current_unit_code: "HU-A.002.01"},
      {unit_code: "HU-A.003", merged_into: "HU-B.102", current_unit_code: "HU-B.102"},
      {unit_code: "HU-B.001", merged_into: "HU-B.101", current_unit_code: "HU-B.101"}
    ]);
  });
});

describe("a cell split in two on 01/07 (HU-A.001.03 → HU-A.001.31 and HU-A.001.32)", () => {
  it("the old cell keeps its months, in both series", async () => {
    expect(await rate("HU-A.001.03")).toEqual(r(5, 6));
    expect(await comparable("HU-A.001.03")).toEqual(r(5, 6));
    expect(await months("HU-A.001.03")).toEqual(monthsOf(1, 6));
    expect(await months("HU-A.001.03", "indicator_values_comparable")).toEqual(monthsOf(1, 6));
  });

  it("each piece starts at the split, with no past before it", async () => {
    for (const piece of ["HU-A.001.31", "HU-A.001.32"]) {
      expect(await months(piece)).toEqual(monthsOf(7, 12));
      expect(await months(piece, "indicator_values_comparable")).toEqual(monthsOf(7, 12));
    }
    expect(await rate("HU-A.001.31")).toEqual(r(6, 6));
    expect(await comparable("HU-A.001.32")).toEqual(r(5, 6));
  });

  it("the parent's totals are the old cell's and the pieces' together", async () => {
    const parts = [r(5, 6), r(6, 6), r(5, 6)]; // .03, .31, .32
    const sum = parts.reduce((a, b) => r(a.numerator + b.numerator, a.denominator + b.denominator));
    // HU-A.001 comparable: HU-A.001.01 (11/12) + the three parts
    expect(await comparable("HU-A.001")).toEqual(r(11 + sum.numerator, 12 + sum.denominator));
    // each month: June holds the old cell only, July both pieces
    expect(await rate("HU-A.001", "2020-06")).toEqual(r(1 + 1 + 1, 3)); // .01, .05, .03
    expect(await rate("HU-A.001", "2020-08")).toEqual(r(1 + 1 + 0, 3)); // .01, .31, .32
    expect(await comparable("HU-A.001", "2020-06")).toEqual(r(1 + 1, 2)); // .01, .03
    expect(await comparable("HU-A.001", "2020-08")).toEqual(r(1 + 1 + 0, 3)); // .01, .31, .32
  });

  it("the province is the same in both series: every month counted once", async () => {
    expect(await rate("TQ")).toEqual(r(58 + 16, 63 + 18));
    expect(await comparable("TQ")).toEqual(r(52 + 22, 57 + 24));
  });
});

describe("unit_crosswalk", () => {
  it("lists every old unit with the unit that continues it, and the parent change", async () => {
    const rows = await queryRows(
      wh.conn,
      `SELECT old_code, old_name, old_level, old_committee_code, old_last_day::VARCHAR AS old_last_day,
              new_code, new_name, new_committee_code, first_day::VARCHAR AS first_day, kind, moved_unit_code
       FROM unit_crosswalk ORDER BY kind, old_code, new_code`
    );
    const row = (old: [string, string, string, string], last: string, nu: [string, string, string], first: string, kind: string, moved: string | null = null) => ({
      old_code: old[0], old_name: old[1], old_level: old[2], old_committee_code: old[3], old_last_day: last,
      new_code: nu[0], new_name: nu[1], new_committee_code: nu[2], first_day: first, kind, moved_unit_code: moved
    });
    const cell = (code: string, name: string, committee = "HU-A", level = "chi_bo"): [string, string, string, string] => [code, name, level, committee];
    expect(rows).toEqual([
      row(cell("HU-A.001", "Đảng bộ xã An Bình", "HU-A", "dang_bo_co_so"), "2020-06-30", ["HU-A.002", "Đảng bộ xã An Lạc", "HU-A"], "2020-07-01", "chuyen_cap_tren", "HU-A.001.05"),
      row(cell("HU-A.003", "Chi bộ Trạm Y tế", "HU-A", "chi_bo_co_so"), "2020-06-30", ["HU-B.102", "Chi bộ Trạm Y tế", "HU-B"], "2020-07-01", "chuyen_dang_bo"),
      row(cell("HU-B.001", "Chi bộ Trường Tiểu học", "HU-B", "chi_bo_co_so"), "2020-06-30", ["HU-B.101", "Chi bộ Trường Tiểu học", "HU-B"], "2020-07-01", "doi_ma"),
      row(cell("HU-A.002.02", "Chi bộ thôn Bản Piềng"), "2020-03-31", ["HU-A.002.01", "Chi bộ thôn Bản Chang", "HU-A"], "2020-04-01", "sap_nhap"),
      row(cell("HU-A.001.03", "Chi bộ thôn Khuôn Phục"), "2020-06-30", ["HU-A.001.31", "Chi bộ thôn Khuôn Phục Trên", "HU-A"], "2020-07-01", "tach"),
      row(cell("HU-A.001.03", "Chi bộ thôn Khuôn Phục"), "2020-06-30", ["HU-A.001.32", "Chi bộ thôn Khuôn Phục Dưới", "HU-A"], "2020-07-01", "tach")
    ]);
  });
});

describe("a corrected log", () => {
  it("is followed by an incremental run equal to a full one, across the parent change, the split and the move", async () => {
    // HU-A's correction drops HU-A.001.05's January and HU-A.003's May meetings
    const path = join(mkdtempSync(join(dir, "f-")), "sinh_hoat_HU-A_2020.csv");
    const lines = readFileSync(join(FIXTURE, "sinh_hoat_HU-A_2020.csv"), "utf8").trim().split("\n");
    writeFileSync(path, lines.filter((l) => !l.startsWith("HU-A.001.05,2020-01-") && !l.startsWith("HU-A.003,2020-05-")).join("\n") + "\n");
    expect((await ingestFile(wh, path, {receivedAt: "2021-01-12"})).status).toBe("accepted");
    expect((await runPipeline(wh.conn, {countRows: false})).mode).toBe("incremental");
    expect(await rate("HU-A.001")).toEqual(r(32 - 1, 36));
    expect(await comparable("HU-A.002")).toEqual(r(25 - 1, 27));
    expect(await comparable("HU-B.102")).toEqual(r(11 - 1, 12));
    const sql = (t: string) => `SELECT * FROM ${t} ORDER BY ALL`;
    const incremental = [await queryRows(wh.conn, sql("indicator_values")), await queryRows(wh.conn, sql("indicator_values_comparable"))];
    await runPipeline(wh.conn, {countRows: false, force: true});
    expect(incremental).toEqual([await queryRows(wh.conn, sql("indicator_values")), await queryRows(wh.conn, sql("indicator_values_comparable"))]);
  }, 60_000);
});
