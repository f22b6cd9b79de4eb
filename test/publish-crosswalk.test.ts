// The unit crosswalk as published (test/fixtures/crosswalk/README.md): the registry's new code (ma_cu), split,
// merger (sap_nhap_vao), dated parent change, a move to another committee and a committee's own new code go
// through the real ingest and pipeline; each committee's file holds the rows whose old or new committee is that
// committee, the province's the rows of the committees themselves, every row written out by hand. A committee
// without rows has no file; a committee's staff read only theirs; hiding small numbers leaves them as they are; a
// publication that changed nothing keeps them; a warehouse without the crosswalk publishes as before, without them.
import {cpSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {publish} from "../pipelines/publish/publish.ts";
import {CROSSWALK, crosswalkName, manifestFor, type Manifest} from "../src/components/data-layout.ts";
import type {CrosswalkFile, CrosswalkRow} from "../src/components/crosswalk-table.ts";
import {builtWarehouse} from "./helpers/warehouse.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "crosswalk");

/** The registry's units the rows name: name, level, committee. */
const UNITS: Record<string, [string, string, string]> = {
  "HU-A.001": ["Đảng bộ xã An Bình", "dang_bo_co_so", "HU-A"],
  "HU-A.002": ["Đảng bộ xã An Lạc", "dang_bo_co_so", "HU-A"],
  "HU-A.001.03": ["Chi bộ thôn Khuôn Phục", "chi_bo", "HU-A"],
  "HU-A.001.31": ["Chi bộ thôn Khuôn Phục Trên", "chi_bo", "HU-A"],
  "HU-A.001.32": ["Chi bộ thôn Khuôn Phục Dưới", "chi_bo", "HU-A"],
  "HU-A.002.01": ["Chi bộ thôn Bản Chang", "chi_bo", "HU-A"],
  "HU-A.002.02": ["Chi bộ thôn Bản Piềng", "chi_bo", "HU-A"],
  "HU-A.003": ["Chi bộ Trạm Y tế", "chi_bo_co_so", "HU-A"],
  "HU-B.001": ["Chi bộ Trường Tiểu học", "chi_bo_co_so", "HU-B"],
  "HU-B.101": ["Chi bộ Trường Tiểu học", "chi_bo_co_so", "HU-B"],
  "HU-B.102": ["Chi bộ Trạm Y tế", "chi_bo_co_so", "HU-B"],
  "HU-C": ["Huyện ủy Cẩm Khê", "tren_co_so", "HU-C"],
  "HU-D": ["Huyện ủy Cẩm Khê", "tren_co_so", "HU-D"],
  "HU-C.001": ["Chi bộ Trường THCS Cẩm Khê", "chi_bo_co_so", "HU-C"],
  "HU-D.001": ["Chi bộ Trường THCS Cẩm Khê", "chi_bo_co_so", "HU-D"]
};

function row(kind: CrosswalkRow["kind"], oldCode: string, oldLastDay: string, newCode: string, firstDay: string, moved: [string, string] | null = null): CrosswalkRow {
  const [oldName, oldLevel, oldCommittee] = UNITS[oldCode];
  const [newName, newLevel, newCommittee] = UNITS[newCode];
  return {kind, oldCode, oldName, oldLevel, oldCommittee, oldLastDay, newCode, newName, newLevel, newCommittee, firstDay, movedCode: moved?.[0] ?? null, movedName: moved?.[1] ?? null};
}

// By first day, then old code and new code.
const MERGER = row("sap_nhap", "HU-A.002.02", "2020-03-31", "HU-A.002.01", "2020-04-01");
const PARENT = row("chuyen_cap_tren", "HU-A.001", "2020-06-30", "HU-A.002", "2020-07-01", ["HU-A.001.05", "Chi bộ thôn Nà Lẹng"]);
const SPLIT = [row("tach", "HU-A.001.03", "2020-06-30", "HU-A.001.31", "2020-07-01"), row("tach", "HU-A.001.03", "2020-06-30", "HU-A.001.32", "2020-07-01")];
const MOVE = row("chuyen_dang_bo", "HU-A.003", "2020-06-30", "HU-B.102", "2020-07-01");
const NEW_CODE = row("doi_ma", "HU-B.001", "2020-06-30", "HU-B.101", "2020-07-01");
const COMMITTEE_CODE = row("doi_ma", "HU-C", "2020-06-30", "HU-D", "2020-07-01");
const COMMITTEE_CELL = row("chuyen_dang_bo", "HU-C.001", "2020-06-30", "HU-D.001", "2020-07-01");

const EXPECTED: Record<string, CrosswalkRow[]> = {
  "HU-A": [MERGER, PARENT, ...SPLIT, MOVE],
  "HU-B": [MOVE, NEW_CODE],
  "HU-C": [COMMITTEE_CODE, COMMITTEE_CELL],
  "HU-D": [COMMITTEE_CODE, COMMITTEE_CELL]
};

let dir: string;
let db: string;
const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
const crosswalkNames = (m: Manifest) => Object.keys(m.files).filter((n) => n.endsWith(CROSSWALK.committee)).sort();
const read = (out: string, m: Manifest, name: string): CrosswalkFile => JSON.parse(readFileSync(join(out, m.files[name].path), "utf8"));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-publish-crosswalk-"));
  db = await builtWarehouse(dir, FIXTURE);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe("the crosswalk published by committee and for the province", () => {
  let out: string;
  let m: Manifest;
  beforeAll(async () => {
    out = join(dir, "data");
    await publish({db, out});
    m = manifestOf(out);
  }, 120_000);

  it("each committee's file holds exactly the rows whose old or new committee is that committee", () => {
    for (const [committee, rows] of Object.entries(EXPECTED)) expect(read(out, m, crosswalkName(committee)).rows, committee).toEqual(rows);
  });

  it("the province's file holds the rows of the committees themselves", () => {
    expect(read(out, m, CROSSWALK.province).rows).toEqual([COMMITTEE_CODE]);
  });

  it("a committee without rows has no file; nothing else is published under that name", () => {
    expect(crosswalkNames(m)).toEqual([CROSSWALK.province, ...["HU-A", "HU-B", "HU-C", "HU-D"].map(crosswalkName)].sort());
    expect(m.committees["HU-E"]).toBeDefined();
  });

  it("a committee's staff read their committee's file only; the province's file is the province's", () => {
    expect(crosswalkNames(manifestFor(m, {kind: "committee", code: "HU-B"}))).toEqual([crosswalkName("HU-B")]);
    expect(crosswalkNames(manifestFor(m, {kind: "committee", code: "HU-E"}))).toEqual([]);
  });

  it("with small numbers hidden, the same files", async () => {
    const suppressed = join(dir, "data-suppressed");
    await publish({db, out: suppressed, suppressBelow: 5});
    const s = manifestOf(suppressed);
    expect(crosswalkNames(s).map((n) => s.files[n])).toEqual(crosswalkNames(m).map((n) => m.files[n]));
  });

  it("a publication that changed nothing keeps the files as they are", async () => {
    const again = await publish({db, out});
    expect(again.built).toEqual([]);
    expect(again.stats.written).toEqual([]);
    const after = manifestOf(out);
    for (const name of crosswalkNames(m)) expect(after.files[name], name).toEqual(m.files[name]);
  });
});

describe("a warehouse built before the crosswalk", () => {
  let old: string;
  beforeAll(async () => {
    old = join(dir, "old.duckdb");
    cpSync(db, old);
    const instance = await DuckDBInstance.create(old);
    const connection = await instance.connect();
    await connection.run("DROP TABLE unit_crosswalk");
    connection.closeSync();
    instance.closeSync();
  }, 60_000);

  it("publishes the same files without the crosswalk", async () => {
    const withIt = manifestOf(join(dir, "data"));
    const out = join(dir, "data-old");
    await publish({db: old, out});
    const without = manifestOf(out);
    expect(crosswalkNames(without)).toEqual([]);
    expect(Object.keys(without.files).sort()).toEqual(Object.keys(withIt.files).filter((n) => !n.endsWith(CROSSWALK.committee)).sort());
    // the committees' unit pages, series and export tables are the same bytes (their quality slice names the warehouse file)
    const same = Object.keys(without.files).filter((n) => /^dang-bo\/[^/]+\/(don-vi|chuoi|xuat-co-so|xuat-chi-bo)\.json$/.test(n));
    expect(same).toHaveLength(5 * 4);
    for (const name of same) expect(without.files[name], name).toEqual(withIt.files[name]);
  });

  it("published over a publication that had it, drops its files", async () => {
    const out = join(dir, "data-over");
    await publish({db, out});
    expect(crosswalkNames(manifestOf(out))).toHaveLength(5);
    await publish({db: old, out});
    expect(crosswalkNames(manifestOf(out))).toEqual([]);
  });
});
