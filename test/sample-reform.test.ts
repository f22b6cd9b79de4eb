// The sample with --through 2025, at a small scale: the 2025 reform in the registry (the district and city
// committees end on 30/06/2025, fewer commune and ward committees start on 01/07/2025 and take over their units
// under new codes naming the old ones, a split, a dated parent change), meetings and ratings inside each unit's
// life, the years up to 2022 as in the default sample, and the files loaded by the loader and built by the pipeline.
import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {COLUMNS, ENUMS} from "../loaders/format/schemas.ts";
import {openWarehouse, queryRows} from "../loaders/record/warehouse.ts";
import {UsageError} from "../scripts/lib/command-line.ts";
import {parseArgs} from "../scripts/sample/cli.ts";
import {generateSample, SAMPLE_SEED, type SampleSummary} from "../scripts/sample/generate.ts";
import {builtWarehouse} from "./helpers/warehouse.ts";

type Row = Record<string, string>;

// Headers by key or by Vietnamese label, Vietnamese levels and dd/mm/yyyy dates read back into keys and ISO dates.
const KEY_OF = new Map<string, string>(Object.values(COLUMNS).flatMap((cols) => cols.flatMap((c) => [[c.key, c.key], [c.label, c.key]] as [string, string][])));
const CAP_OF = new Map<string, string>(Object.entries(ENUMS.cap).map(([key, label]) => [label, key]));

function readCsv(path: string): Row[] {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const delimiter = text.split(/\r?\n/, 1)[0]!.includes(";") ? ";" : ",";
  const rows = parse(text, {delimiter, skip_empty_lines: true, columns: (h: string[]) => h.map((x) => KEY_OF.get(x.normalize("NFC")) ?? x)}) as Row[];
  for (const r of rows)
    for (const [k, v] of Object.entries(r)) {
      const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
      if (m) r[k] = `${m[3]}-${m[2]}-${m[1]}`;
      else if (k === "cap") r[k] = CAP_OF.get(v) ?? v;
    }
  return rows;
}

function hashes(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]));
}

const LAST_OLD_DAY = "2025-06-30";
const FIRST_NEW_DAY = "2025-07-01";
const isOld = (committee: string) => /^(HU|TP)-/.test(committee);
const isNew = (committee: string) => committee.startsWith("XA-");
const CELL = new Set(["chi_bo", "chi_bo_co_so"]);

interface Unit extends Row {
  /** the committee whose registry lists it (TQ: the province's) */
  committee: string;
}

/** Every registry of a generated folder, by unit code. */
function registry(dir: string): Map<string, Unit> {
  const units = new Map<string, Unit>();
  for (const f of readdirSync(dir).filter((f) => f.startsWith("don_vi_")).sort()) {
    const committee = f.slice("don_vi_".length, -".csv".length);
    for (const r of readCsv(join(dir, f))) {
      expect(units.has(r.ma_don_vi!), `${r.ma_don_vi} listed twice`).toBe(false);
      units.set(r.ma_don_vi!, {...r, committee});
    }
  }
  return units;
}

/** The reform's rules on one registry; returns what it found, to be counted. */
function checkReform(units: Map<string, Unit>) {
  const errors: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok && errors.length < 20) errors.push(what);
  };
  const committees = [...units.values()].filter((u) => u.cap === "tren_co_so");
  const oldCommittees = committees.filter((c) => isOld(c.ma_don_vi!));
  const newCommittees = committees.filter((c) => isNew(c.ma_don_vi!));
  for (const c of oldCommittees) check(c.hieu_luc_den === LAST_OLD_DAY && !c.sap_nhap_vao, `${c.ma_don_vi}: ends ${c.hieu_luc_den}`);
  for (const c of committees.filter((c) => c.ma_don_vi!.startsWith("DU-"))) check(!c.hieu_luc_den, `${c.ma_don_vi}: the bloc, police and military go on`);
  for (const c of newCommittees) {
    check(c.hieu_luc_tu === FIRST_NEW_DAY && !c.hieu_luc_den && c.ma_cap_tren === "TQ", `${c.ma_don_vi}: from ${c.hieu_luc_tu} under ${c.ma_cap_tren}`);
    check(/^XA-\d+$/.test(c.ma_don_vi!) && /^Đảng bộ (xã|phường) \S/.test(c.ten_don_vi!), `${c.ma_don_vi}: ${c.ten_don_vi}`);
  }

  // every unit of an old committee is gone by the reform; those still there on its eve continue or are merged
  const heirs = new Map<string, Unit[]>();
  for (const u of units.values()) if (u.ma_cu) heirs.set(u.ma_cu, [...(heirs.get(u.ma_cu) ?? []), u]);
  const mergedCommunes: Unit[] = [];
  for (const u of units.values()) {
    if (!isOld(u.committee)) continue;
    check(!!u.hieu_luc_den && u.hieu_luc_den <= LAST_OLD_DAY, `${u.ma_don_vi}: still in force after ${LAST_OLD_DAY}`);
    if (u.hieu_luc_den !== LAST_OLD_DAY) continue;
    if (u.sap_nhap_vao) {
      check(u.cap === "dang_bo_co_so" && isNew(u.sap_nhap_vao) && units.get(u.sap_nhap_vao)?.cap === "tren_co_so", `${u.ma_don_vi}: merged into ${u.sap_nhap_vao}`);
      check(!heirs.has(u.ma_don_vi!), `${u.ma_don_vi}: merged and named in ma_cu`);
      mergedCommunes.push(u);
    } else check(heirs.has(u.ma_don_vi!), `${u.ma_don_vi}: neither merged nor continued`);
  }

  // the new committees' units: from 01/07/2025, each continuing a known unit that ended the day before
  let recoded = 0;
  for (const u of units.values()) {
    if (!isNew(u.committee)) continue;
    recoded++;
    const old = units.get(u.ma_cu ?? "");
    check(u.hieu_luc_tu === FIRST_NEW_DAY && !u.hieu_luc_den && !u.sap_nhap_vao, `${u.ma_don_vi}: ${u.hieu_luc_tu}–${u.hieu_luc_den}`);
    check(old !== undefined && isOld(old.committee), `${u.ma_don_vi}: ma_cu ${u.ma_cu} is not a unit of an old committee`);
    if (!old) continue;
    check(old.hieu_luc_den === LAST_OLD_DAY && old.hieu_luc_den < u.hieu_luc_tu!, `${u.ma_don_vi}: ${old.ma_don_vi} ends ${old.hieu_luc_den}`);
    check(!old.sap_nhap_vao, `${u.ma_don_vi}: ${old.ma_don_vi} is continued and merged`);
    check(CELL.has(u.cap!) === CELL.has(old.cap!), `${u.ma_don_vi}: ${u.cap}, continuing the ${old.cap} ${old.ma_don_vi}`);
    const parent = units.get(u.ma_cap_tren!);
    check(u.ma_cap_tren === u.committee || (parent?.committee === u.committee && parent.cap === "dang_bo_co_so"), `${u.ma_don_vi}: parent ${u.ma_cap_tren}`);
  }
  const splits = [...heirs].filter(([, list]) => list.length > 1);
  for (const [code, list] of splits) check(list.length === 2 && !units.get(code)!.sap_nhap_vao, `${code}: split into ${list.map((u) => u.ma_don_vi)}`);

  // a parent change within a committee, without a new code
  const moved = [...units.values()].filter((u) => u.ma_cap_tren_cu || u.cap_tren_tu);
  for (const u of moved) {
    const before = units.get(u.ma_cap_tren_cu!);
    const after = units.get(u.ma_cap_tren!);
    check(!!u.cap_tren_tu && u.cap_tren_tu > u.hieu_luc_tu! && (!u.hieu_luc_den || u.cap_tren_tu <= u.hieu_luc_den), `${u.ma_don_vi}: parent from ${u.cap_tren_tu}`);
    check(!u.ma_cu && before?.committee === u.committee && after?.committee === u.committee && before !== after, `${u.ma_don_vi}: ${u.ma_cap_tren_cu} → ${u.ma_cap_tren}`);
    check(!before?.hieu_luc_den || before.hieu_luc_den < u.cap_tren_tu!, `${u.ma_don_vi}: the former parent ends ${before?.hieu_luc_den}`);
  }
  return {errors, oldCommittees, newCommittees, mergedCommunes, recoded, splits, moved};
}

const SCALE = 0.2;
let root: string;
let dir: string;
let summary: SampleSummary;
let units: Map<string, Unit>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "chibo-reform-"));
  dir = join(root, "through-2025");
  summary = await generateSample({outDir: dir, seed: SAMPLE_SEED, scale: SCALE, through: 2025});
  units = registry(dir);
}, 60_000);
afterAll(() => {
  if (root) rmSync(root, {recursive: true, force: true});
});

describe("the sample through 2025", () => {
  it("is asked for with --through YEAR, 2022 by default and up to 2030", () => {
    expect(parseArgs([]).through).toBe(2022);
    expect(parseArgs(["--through", "2025", "--scale", "0.2"])).toMatchObject({through: 2025, scale: 0.2});
    expect(parseArgs(["--through=2030"]).through).toBe(2030);
    for (const bad of ["2031", "2021", "2025.5", "next"]) expect(() => parseArgs(["--through", bad]), bad).toThrow(UsageError);
    expect(() => parseArgs(["--through"])).toThrow(/--through needs a value/);
  });

  it("is deterministic and keeps the default sample's years up to 2022", async () => {
    await generateSample({outDir: join(root, "again"), seed: SAMPLE_SEED, scale: SCALE, through: 2025});
    await generateSample({outDir: join(root, "default"), seed: SAMPLE_SEED, scale: SCALE});
    expect(hashes(join(root, "again"))).toEqual(hashes(dir));
    const before = hashes(join(root, "default"));
    const after = hashes(dir);
    const yearly = [...before.keys()].filter((f) => /^(sinh_hoat|danh_gia)_.+_20(1\d|2[0-2])\.csv$/.test(f));
    expect(yearly.length).toBeGreaterThan(100);
    for (const f of yearly) expect(after.get(f), f).toBe(before.get(f));
    // the police's and the military's registries do not change
    for (const c of ["DU-CA", "DU-QS"]) expect(after.get(`don_vi_${c}.csv`), c).toBe(before.get(`don_vi_${c}.csv`));
    const readme = readFileSync(join(dir, "README.txt"), "utf8");
    expect(readme).toMatch(/SYNTHETIC/);
    expect(readme).toContain(`--scale ${SCALE} --through 2025`);
    expect(readme).toContain("2016–2025");
    expect(readFileSync(join(root, "default", "README.txt"), "utf8")).not.toMatch(/through|2025/);
  });

  it("ends the district and city committees on 30/06/2025 and starts fewer commune and ward committees on 01/07/2025", () => {
    const r = checkReform(units);
    expect(r.errors).toEqual([]);
    expect(r.oldCommittees.map((c) => c.ma_don_vi)).toEqual(["TP-TQ", "HU-YS", "HU-SD", "HU-HY", "HU-CH", "HU-NH", "HU-LB"]);
    // several old communes' organisations go to one new committee: fewer new committees than old communes
    expect(r.newCommittees.length).toBeGreaterThan(r.oldCommittees.length);
    expect(r.newCommittees.length).toBeLessThan(r.mergedCommunes.length);
    expect(new Set(r.mergedCommunes.map((u) => u.sap_nhap_vao))).toEqual(new Set(r.newCommittees.map((c) => c.ma_don_vi)));
    expect(r.newCommittees.some((c) => c.ten_don_vi!.startsWith("Đảng bộ phường "))).toBe(true);
    expect(summary.reform).toMatchObject({committeesEnded: 7, committeesCreated: r.newCommittees.length, organisationsMerged: r.mergedCommunes.length, unitsRecoded: r.recoded});
  });

  it("moves the old committees' units to the new ones under new codes naming the old one, with at least one split", () => {
    const r = checkReform(units);
    expect(r.errors).toEqual([]);
    expect(r.recoded).toBeGreaterThan(200);
    expect(r.splits.length).toBeGreaterThanOrEqual(1);
    expect(summary.reform!.splits).toBe(r.splits.length);
  });

  it("changes at least one unit's parent within the bloc without a new code, from a date", () => {
    const r = checkReform(units);
    expect(r.errors).toEqual([]);
    expect(r.moved.length).toBeGreaterThanOrEqual(1);
    expect(r.moved.every((u) => u.committee === "DU-KCQ" && u.cap_tren_tu === "2025-03-01")).toBe(true);
  });

  it("moves a district's agencies with their cells to the committee of its seat (at a scale that has them)", async () => {
    // at the small scale the districts keep only their communes: the agencies come further down their lists
    const larger = join(root, "larger");
    await generateSample({outDir: larger, seed: SAMPLE_SEED, scale: 0.7, through: 2025});
    const all = registry(larger);
    const r = checkReform(all);
    expect(r.errors).toEqual([]);
    const movedOrgs = [...all.values()].filter((u) => isNew(u.committee) && u.cap === "dang_bo_co_so");
    expect(movedOrgs.length).toBeGreaterThan(3);
    for (const org of movedOrgs) {
      const cells = [...all.values()].filter((u) => u.ma_cap_tren === org.ma_don_vi);
      expect(cells.length, org.ma_don_vi).toBeGreaterThan(0);
      for (const c of cells) expect(all.get(c.ma_cu!)?.ma_cap_tren, c.ma_don_vi).toBe(org.ma_cu);
    }
  }, 60_000);

  it("puts every meeting inside its cell's life and its committee's log: 2025 is January–June in the old logs, July–December in the new", () => {
    const errors: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && errors.length < 20) errors.push(what);
    };
    const months = new Map<string, Set<string>>();
    for (const f of readdirSync(dir).filter((f) => /^sinh_hoat_.+_202[3-5]\.csv$/.test(f))) {
      const [, committee, year] = /^sinh_hoat_(.+)_(\d{4})\.csv$/.exec(f)!;
      const key = `${isNew(committee!) ? "new" : isOld(committee!) ? "old" : "other"} ${year}`;
      const seen = months.get(key) ?? new Set<string>();
      months.set(key, seen);
      for (const r of readCsv(join(dir, f))) {
        const cell = units.get(r.ma_chi_bo!);
        const ctx = `${f} ${r.ma_chi_bo} ${r.ngay}`;
        check(cell !== undefined && CELL.has(cell.cap!), `${ctx}: not a cell of the registry`);
        if (!cell) continue;
        check(cell.committee === committee, `${ctx}: a cell of ${cell.committee}`);
        check(r.ngay!.startsWith(year!), `${ctx}: outside the file's year`);
        check(r.ngay! >= cell.hieu_luc_tu! && (!cell.hieu_luc_den || r.ngay! <= cell.hieu_luc_den), `${ctx}: outside ${cell.hieu_luc_tu}–${cell.hieu_luc_den}`);
        seen.add(r.ngay!.slice(0, 7));
      }
    }
    expect(errors).toEqual([]);
    const list = (key: string) => [...(months.get(key) ?? [])].sort();
    const half = (from: number, to: number) => Array.from({length: to - from + 1}, (_, i) => `2025-${String(from + i).padStart(2, "0")}`);
    expect(list("old 2025")).toEqual(half(1, 6));
    expect(list("new 2025")).toEqual(half(7, 12));
    expect(list("other 2025")).toEqual(half(1, 12));
    expect(list("old 2024")).toHaveLength(12);
    expect(months.has("new 2024")).toBe(false);
  });

  it("rates in 2025 only the units in force on 31 December: the new committees', the bloc's, the police's and the military's", () => {
    const files = readdirSync(dir).filter((f) => f.startsWith("danh_gia_") && f.endsWith("_2025.csv"));
    const committees = files.map((f) => f.slice("danh_gia_".length, -"_2025.csv".length));
    expect(committees.filter((c) => isOld(c))).toEqual([]);
    expect(committees.filter((c) => isNew(c)).length).toBe(summary.reform!.committeesCreated);
    for (const f of files)
      for (const r of readCsv(join(dir, f))) {
        const u = units.get(r.ma_don_vi!);
        expect(u && u.hieu_luc_tu! <= "2025-12-31" && !u.hieu_luc_den, `${f} ${r.ma_don_vi}`).toBe(true);
        expect(r.nam).toBe("2025");
      }
  });
});

describe("the sample through 2025, loaded and built", () => {
  let built: string | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      built = await builtWarehouse(mkdtempSync(join(root, "wh-")), dir);
    } catch (e) {
      failure = e;
    }
  }, 600_000);

  it("npm run pipeline builds it: its data tests pass", () => {
    expect(failure === undefined ? "" : String((failure as Error).message ?? failure).slice(0, 2000)).toBe("");
  });

  it("npm run ingest accepts every file without an error", async () => {
    expect(built).toBeDefined();
    const wh = await openWarehouse(built!);
    try {
      const files = readdirSync(dir).filter((f) => f.endsWith(".csv") && f !== "ngay_nhan.csv");
      const ledger = await queryRows<{file_name: string; status: string}>(wh.conn, "SELECT file_name, status FROM submissions ORDER BY file_name");
      expect(ledger.filter((r) => r.status !== "accepted")).toEqual([]);
      expect(ledger.map((r) => r.file_name).sort()).toEqual(files.sort());
      expect(await queryRows(wh.conn, "SELECT DISTINCT code, message_en FROM rejected_rows LIMIT 5")).toEqual([]);
      // the committees of both kinds have their 2025 figures
      const units2025 = await queryRows<{unit_code: string}>(
        wh.conn,
        "SELECT DISTINCT unit_code FROM indicator_values WHERE indicator = 'regular_meeting_rate' AND period_type = 'year' AND period = '2025' AND unit_code IN ('HU-YS', 'DU-CA', 'XA-01') ORDER BY 1"
      );
      expect(units2025.map((r) => r.unit_code)).toEqual(["DU-CA", "HU-YS", "XA-01"]);
    } finally {
      wh.close();
    }
  });
});
