// Properties of the pipeline over random registries WITH HISTORY (fast-check): cells that take a new code
// (`ma_cu`), split in two, merge into a sibling (`sap_nhap_vao`), change parent inside their committee
// (`ma_cap_tren_cu`, `cap_tren_tu`) or move to another committee under a new code, each on a random day of
// 2020–2021 (mid-month and mid-year too), with meeting logs that follow the units in force on each date.
// - the loader accepts every such registry and log (valid history is never refused);
// - a full pipeline run, then an incremental one after a corrected log, passes every data test;
// - no meeting is lost or counted twice: the province's meetings equal the meetings loaded, in both series.
// Default size runs a few dozen seconds; CHIBO_LONG=1 tries many more histories.
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {expandPaths, loadOrder} from "../loaders/ingest-paths.ts";
import {ingestFiles} from "../loaders/record/ingest.ts";
import {queryRows} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {tempWarehouse} from "./helpers/warehouse.ts";

const RUNS = process.env.CHIBO_LONG ? 150 : 5;
const YEARS = [2020, 2021] as const;
const REGISTRY = "ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao,ma_cu,ma_cap_tren_cu,cap_tren_tu";
const LOG = "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat";

type Change = "none" | "recode" | "split" | "merge" | "parent" | "move";
interface Row {
  code: string;
  level: string;
  parent: string;
  from: string;
  to?: string;
  merged?: string;
  old?: string;
  oldParent?: string;
  parentFrom?: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const dayBefore = (s: string) => iso(new Date(Date.parse(`${s}T00:00:00Z`) - 86_400_000));

/** Each cell of HU-A's two grassroots organisations, with a change and the day it takes effect. */
const history = fc.record({
  cells: fc.array(
    fc.record({
      org: fc.constantFrom(1, 2),
      change: fc.constantFrom<Change>("none", "recode", "split", "merge", "parent", "move"),
      // a day of 2020–2021: month 1–12 of either year, day 1–28
      year: fc.constantFrom(...YEARS),
      month: fc.integer({min: 1, max: 12}),
      day: fc.constantFrom(1, 1, 15, 28)
    }),
    {minLength: 2, maxLength: 5}
  ),
  meetings: fc.array(fc.record({year: fc.constantFrom(...YEARS), month: fc.integer({min: 1, max: 12}), day: fc.integer({min: 1, max: 28}), pick: fc.nat()}), {
    minLength: 4,
    maxLength: 30
  }),
  corrected: fc.nat()
});

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

/** The registries (HU-A's and HU-B's rows) a history gives. */
function registries(h: History): {a: Row[]; b: Row[]} {
  const a: Row[] = [
    {code: "HU-A.001", level: "dang_bo_co_so", parent: "HU-A", from: "2015-01-01"},
    {code: "HU-A.002", level: "dang_bo_co_so", parent: "HU-A", from: "2015-01-01"}
  ];
  const b: Row[] = [{code: "HU-B.001", level: "dang_bo_co_so", parent: "HU-B", from: "2015-01-01"}];
  // a cell that never changes in each organisation: what a merger merges into
  a.push({code: "HU-A.001.00", level: "chi_bo", parent: "HU-A.001", from: "2015-01-01"}, {code: "HU-A.002.00", level: "chi_bo", parent: "HU-A.002", from: "2015-01-01"});
  h.cells.forEach((c, i) => {
    const org = `HU-A.00${c.org}`;
    const code = `${org}.${String(i + 1).padStart(2, "0")}`;
    const on = `${c.year}-${String(c.month).padStart(2, "0")}-${String(c.day).padStart(2, "0")}`;
    const last = dayBefore(on);
    switch (c.change) {
      case "none":
        a.push({code, level: "chi_bo", parent: org, from: "2015-01-01"});
        break;
      case "recode":
        a.push({code, level: "chi_bo", parent: org, from: "2015-01-01", to: last}, {code: `${code}R`, level: "chi_bo", parent: org, from: on, old: code});
        break;
      case "split":
        a.push(
          {code, level: "chi_bo", parent: org, from: "2015-01-01", to: last},
          {code: `${code}S1`, level: "chi_bo", parent: org, from: on, old: code},
          {code: `${code}S2`, level: "chi_bo", parent: org, from: on, old: code}
        );
        break;
      case "merge":
        a.push({code, level: "chi_bo", parent: org, from: "2015-01-01", to: last, merged: `${org}.00`});
        break;
      case "parent": {
        const other = `HU-A.00${3 - c.org}`;
        a.push({code, level: "chi_bo", parent: other, from: "2015-01-01", oldParent: org, parentFrom: on});
        break;
      }
      case "move":
        a.push({code, level: "chi_bo", parent: org, from: "2015-01-01", to: last});
        b.push({code: `HU-B.001.M${i + 1}`, level: "chi_bo", parent: "HU-B.001", from: on, old: code});
        break;
    }
  });
  return {a, b};
}

const registryCsv = (rows: Row[]) =>
  [REGISTRY, ...rows.map((r) => [r.code, `Chi bộ ${r.code}`, r.level, r.parent, "nong_thon", r.from, r.to ?? "", r.merged ?? "", r.old ?? "", r.oldParent ?? "", r.parentFrom ?? ""].join(","))].join(
    "\n"
  ) + "\n";

/** Meeting logs per committee and year: each meeting held by a cell in force on its date (picked among them). */
function logs(h: History, units: Row[]): Map<string, string[]> {
  const cells = units.filter((u) => u.level === "chi_bo");
  const byFile = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const m of h.meetings) {
    const date = `${m.year}-${String(m.month).padStart(2, "0")}-${String(m.day).padStart(2, "0")}`;
    const open = cells.filter((c) => c.from <= date && (c.to === undefined || c.to >= date));
    const cell = open[m.pick % open.length];
    if (seen.has(`${cell.code} ${date}`)) continue;
    seen.add(`${cell.code} ${date}`);
    const file = `sinh_hoat_${cell.code.slice(0, 4)}_${m.year}.csv`;
    byFile.set(file, [...(byFile.get(file) ?? []), `${cell.code},${date},thuong_ky,20,2,16`]);
  }
  return byFile;
}

describe("random registries with history", () => {
  it("are accepted, and every pipeline run over them passes its data tests and keeps every meeting once", async () => {
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        const {wh, dir, dispose} = await tempWarehouse();
        try {
          const {a, b} = registries(h);
          const first = join(dir, "first");
          mkdirSync(first);
          writeFileSync(
            join(first, "don_vi_TQ.csv"),
            registryCsv([
              {code: "TQ", level: "tinh", parent: "", from: "1990-01-01"},
              {code: "HU-A", level: "tren_co_so", parent: "TQ", from: "1990-01-01"},
              {code: "HU-B", level: "tren_co_so", parent: "TQ", from: "1990-01-01"}
            ])
          );
          writeFileSync(join(first, "don_vi_HU-A.csv"), registryCsv(a));
          writeFileSync(join(first, "don_vi_HU-B.csv"), registryCsv(b));
          const files = logs(h, [...a, ...b]);
          for (const [name, rows] of files) writeFileSync(join(first, name), [LOG, ...rows].join("\n") + "\n");
          // received after 2021 ended: both years count whole
          const ingest = (folder: string) => ingestFiles(wh, loadOrder(expandPaths([folder])).map((path) => ({path})), {receivedAt: "2022-01-05"});
          const results = await ingest(first);
          expect(results.filter((r) => r.status !== "accepted").map((r) => [r.file, r.problems.map((p) => `${p.line}:${p.code} ${p.value} ${p.vi}`)])).toEqual([]);
          await runPipeline(wh.conn, {countRows: false}); // throws a DataTestFailure naming the files if a data test fails

          const loaded = [...files.values()].reduce((n, rows) => n + rows.length, 0);
          const [{n: held}] = await queryRows<{n: number}>(wh.conn, "SELECT coalesce(sum(meetings), 0)::INTEGER AS n FROM fct_cell_months");
          expect(held).toBe(loaded);

          // a corrected log (the first meeting left out, or its attendance corrected when it is the only one) goes
          // through the incremental run
          const names = [...files.keys()];
          if (names.length) {
            const name = names[h.corrected % names.length];
            const rows = files.get(name)!;
            const corrected = rows.length > 1 ? rows.slice(1) : [rows[0].replace(/,16$/, ",15")];
            const second = join(dir, "second");
            mkdirSync(second);
            writeFileSync(join(second, name), [LOG, ...corrected].join("\n") + "\n");
            const [r] = await ingest(second);
            expect([r.status, r.problems]).toEqual(["accepted", []]);
            const run = await runPipeline(wh.conn, {countRows: false});
            expect(run.mode).toBe("incremental");
            const [{n: after}] = await queryRows<{n: number}>(wh.conn, "SELECT coalesce(sum(meetings), 0)::INTEGER AS n FROM fct_cell_months");
            expect(after).toBe(loaded - rows.length + corrected.length);
          }
        } finally {
          dispose();
        }
      }),
      {numRuns: RUNS}
    );
  }, process.env.CHIBO_LONG ? 3_600_000 : 300_000);
});
