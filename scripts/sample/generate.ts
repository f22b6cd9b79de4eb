/**
 * Seeded synthetic sample: the CSV submissions of one fictional province (modelled on Tuyên Quang)
 * for every month of 2016–2022. Deterministic: same seed and scale → byte-identical files.
 *
 * `through` (`--through YEAR`, 2022 by default, up to 2030) goes on to December of YEAR the same way; from 2025 on
 * it carries out the 2025 reform on 1 July 2025 (reform.ts): the city and district committees end on 30/06/2025,
 * new commune and ward committees (XA-…) take over their units under new codes (`ma_cu`), the bloc, police and
 * military committees go on. The years up to 2022 of a longer sample hold the same meetings as the default one.
 *
 * Output (see docs/submission-format.md): don_vi_TQ.csv, don_vi_<C>.csv, sinh_hoat_<C>_<YEAR>.csv,
 * danh_gia_<C>_<YEAR>.csv, ngay_nhan.csv, README.txt.
 */
import {mkdir, readdir, rm, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {performance} from "node:perf_hooks";
import {ASCII, CsvWriter, isoDate, type Dialect, type Ymd} from "./csv.ts";
import {compareYmd, FIRST_YEAR, fromDayNumber, LAST_YEAR, MAX_LAST_YEAR, monthsThrough, REFORM_YEAR, toDayNumber, yearsThrough} from "./calendar.ts";
import {rngFor} from "./prng.ts";
import {
  buildSuccessor,
  closeOldCommittee,
  emptyReformSummary,
  endedByReform,
  isReformed,
  mergeDepartments,
  planReform,
  prepareOldCommittee,
  type ReformSummary
} from "./reform.ts";
import {buildCommittee, committeesFor, committeeUnit, habitsOf, PROVINCE, type CommitteeDef, type CommitteeStructure, type Unit} from "./structure.ts";
import {buildRolls, capExcellent, rateCell, rateOrg, simulateCellYear, type Meeting, type Rating, type Rolls} from "./simulate.ts";

export const DEFAULT_SEED = 20160101;
/** Seed of the bundled sample (`npm run sample`, `npm start`). */
export const SAMPLE_SEED = DEFAULT_SEED;
export const DEFAULT_OUT_DIR = "data/sample";

export interface SampleOptions {
  /** Output directory (created if missing; earlier generator files in it are replaced). */
  outDir: string;
  /** PRNG seed (integer). Default 20160101. */
  seed?: number;
  /** Multiplies the number of cells (positive number). Default 1. */
  scale?: number;
  /**
   * Copies of the province's committees (positive integer, default 1): each committee `copies` times, each copy
   * at `scale / copies`, so the cells still number about `scale` times the sample's but spread over more,
   * realistically sized committees (the national-scale benchmark). 1 writes the province itself.
   */
  copies?: number;
  /** Last year generated (2022 by default, up to 2030); from 2025 on with the 2025 reform. */
  through?: number;
}

export interface SampleSummary {
  outDir: string;
  seed: number;
  scale: number;
  copies: number;
  through: number;
  /** Number of files written (CSV files + ngay_nhan.csv + README.txt). */
  files: number;
  /** Total size of the written files in bytes. */
  bytes: number;
  committees: number;
  /** Grassroots organisations (dang_bo_co_so). */
  organisations: number;
  /** Meeting-holding cells (chi_bo + chi_bo_co_so) in the registries, including merged/dissolved ones. */
  cells: number;
  /** Meeting rows written. */
  meetings: number;
  /** Annual rating rows written. */
  ratings: number;
  /** What the 2025 reform did (null before 2025). */
  reform: ReformSummary | null;
  seconds: number;
}

/** Committee-years whose files were never submitted (by template committee: every copy misses them). */
const MISSING: ReadonlySet<string> = new Set(["HU-LB_2018"]);
/** Committees whose yearly files arrive in March–April of the following year. */
const ALWAYS_LATE: ReadonlySet<string> = new Set(["HU-NH"]);
/** One-off late submissions: committee_year → [from, to] received window. */
const LATE_ONCE: Readonly<Record<string, readonly [Ymd, Ymd]>> = {"HU-HY_2020": [[2021, 2, 20], [2021, 3, 10]]};

const GENERATED_FILE = /^(don_vi_.+|sinh_hoat_.+_\d{4}|danh_gia_.+_\d{4}|ngay_nhan)\.csv$|^README\.txt$/;

function unitFields(u: Unit, d: Dialect, history: boolean): string[] {
  const fields = [
    u.code,
    u.name.normalize("NFC"),
    d.enumValue("cap", u.cap),
    u.parent,
    d.enumValue("loai_hinh", u.loai),
    d.date(u.from),
    u.to ? d.date(u.to) : "",
    u.mergedInto ?? ""
  ];
  if (history) fields.push(u.formerCode ?? "", u.formerParent ?? "", u.parentFrom ? d.date(u.parentFrom) : "");
  return fields;
}

/** A registry has the history columns only when one of its units needs them (the default sample never does). */
const needsHistory = (units: readonly Unit[]) => units.some((u) => u.formerCode || u.formerParent);

function meetingFields(code: string, year: number, m: Meeting, d: Dialect): string[] {
  return [
    code,
    d.date([year, m.month, m.day]),
    d.enumValue("loai", m.loai),
    String(m.dangVien),
    String(m.mien),
    String(m.coMat),
    String(m.vangCoLyDo),
    String(m.vangKhongLyDo),
    m.thoiLuong === null ? "" : String(m.thoiLuong),
    m.soPhatBieu === null ? "" : String(m.soPhatBieu),
    d.bool(m.capTrenDu),
    d.enumValue("hinh_thuc", m.hinhThuc),
    d.bool(m.dungNgay),
    m.xepLoai === null ? "" : d.enumValue("xep_loai_buoi", m.xepLoai),
    m.diem === null ? "" : String(m.diem),
    m.chuDe,
    m.ghiChu
  ];
}

function ratingFields(r: Rating, year: number, d: Dialect): string[] {
  return [
    r.code,
    String(year),
    d.enumValue("xep_loai_nam", r.xepLoai),
    String(r.dangVien),
    String(r.htxs),
    String(r.htt),
    String(r.ht),
    String(r.kht),
    d.bool(r.biThuBoiDuong)
  ];
}

function dayBetween(seed: number, key: string, from: Ymd, to: Ymd): Ymd {
  const rng = rngFor(seed, "received", key);
  return fromDayNumber(rng.int(toDayNumber(from), toDayNumber(to)));
}

/** Received date of a committee's yearly files (sinh_hoat, then danh_gia a few days later at most). */
function receivedYearly(seed: number, c: CommitteeDef, year: number, kind: "sinh_hoat" | "danh_gia"): Ymd {
  const key = `${c.code}_${year}`;
  const habit = `${habitsOf(c)}_${year}`;
  const next = year + 1;
  let base: Ymd;
  if (ALWAYS_LATE.has(habitsOf(c))) base = dayBetween(seed, key, [next, 3, 2], [next, 4, 24]);
  else if (LATE_ONCE[habit]) base = dayBetween(seed, key, ...LATE_ONCE[habit]);
  else base = dayBetween(seed, key, [next, 1, 3], [next, 1, 11]);
  if (kind === "sinh_hoat") return base;
  return fromDayNumber(toDayNumber(base) + rngFor(seed, "received-rating", key).int(0, 3));
}

const README = (seed: number, scale: number, copies: number, through: number) => {
  const command = `npm run sample -- --seed ${seed} --scale ${scale}${copies > 1 ? ` --copies ${copies}` : ""}${through !== LAST_YEAR ? ` --through ${through}` : ""}`;
  const reform = through >= REFORM_YEAR;
  return `DỮ LIỆU MẪU TỔNG HỢP — KHÔNG PHẢI DỮ LIỆU THẬT
=============================================

Thư mục này chứa dữ liệu GIẢ LẬP (tổng hợp ngẫu nhiên có kiểm soát) về sinh hoạt chi bộ của một
tỉnh hư cấu mô phỏng theo cơ cấu tỉnh Tuyên Quang, giai đoạn ${FIRST_YEAR}–${through}. Tên đơn vị là địa danh và
tên cơ quan; không có tên người. Mọi con số đều do máy sinh ra, không phản ánh bất kỳ chi bộ thật nào.
${copies > 1 ? `Quy mô toàn quốc: mỗi đảng bộ cấp trên cơ sở của tỉnh được nhân thành ${copies} bản (mã HU-SD-01…).\n` : ""}${
    reform
      ? `Sắp xếp năm 2025 (chính quyền địa phương hai cấp): các đảng bộ huyện, thành phố kết thúc ngày 30/06/2025;
từ 01/07/2025 các đảng bộ xã, phường mới (mã XA-…) trực thuộc tỉnh tiếp nhận tổ chức đảng với mã mới (cột Mã cũ).\n`
      : ""
  }
Tạo bằng lệnh: ${command}
Cùng seed và scale luôn cho ra các tệp giống hệt nhau từng byte.
Định dạng tệp: docs/submission-format.md.

SYNTHETIC SAMPLE DATA — NOT REAL
--------------------------------

This folder holds SYNTHETIC data on party-cell meetings of a fictional province modelled on the
structure of Tuyên Quang, ${FIRST_YEAR}–${through}. Unit names are places and agencies; there are no personal
names. All numbers are machine-generated and describe no real cell.
${copies > 1 ? `National scale: each committee of the province is repeated ${copies} times (codes HU-SD-01…).\n` : ""}${
    reform
      ? `The 2025 reform (two-level local government): the district and city committees end on 30/06/2025; from
01/07/2025 new commune and ward committees (codes XA-…) directly under the province take over their party
organisations under new codes (column ma_cu, the former code).\n`
      : ""
  }
Generated by: ${command}
The same seed and scale always produce byte-identical files.
File format: docs/submission-format.md.
`;
};

/** Generate the sample into `outDir`. */
export async function generateSample(options: SampleOptions): Promise<SampleSummary> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const through = options.through ?? LAST_YEAR;
  const outDir = options.outDir;
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`scale must be a positive number, got ${scale}`);
  if (!(Number.isInteger(through) && through >= LAST_YEAR && through <= MAX_LAST_YEAR)) throw new Error(`through must be a year from ${LAST_YEAR} to ${MAX_LAST_YEAR}, got ${through}`);
  const copies = options.copies ?? 1;
  const template = committeesFor(copies);
  const reform = through >= REFORM_YEAR ? planReform(seed, scale / copies, template) : null;
  const committees = reform ? template.map(endedByReform) : template;
  const horizon: Horizon = {years: yearsThrough(through), months: monthsThrough(through)};

  await mkdir(outDir, {recursive: true});
  for (const name of await readdir(outDir)) {
    if (GENERATED_FILE.test(name)) await rm(join(outDir, name), {force: true});
  }

  const summary: SampleSummary = {
    outDir,
    seed,
    scale,
    copies,
    through,
    files: 0,
    bytes: 0,
    committees: committees.length + (reform?.all.length ?? 0),
    organisations: 0,
    cells: 0,
    meetings: 0,
    ratings: 0,
    reform: reform ? emptyReformSummary() : null,
    seconds: 0
  };
  const received: [string, Ymd][] = [];

  // Province registry (after the reform: the committees of both kinds, sent when the new ones start).
  {
    const name = `don_vi_${PROVINCE.code}.csv`;
    const w = new CsvWriter(join(outDir, name), ASCII);
    w.header("don_vi");
    w.row(unitFields(PROVINCE, ASCII, false));
    for (const c of committees) w.row(unitFields(committeeUnit(c), ASCII, false));
    for (const nc of reform?.all ?? []) w.row(unitFields(committeeUnit(nc.def), ASCII, false));
    summary.bytes += await w.close();
    summary.files++;
    received.push([name, reform ? dayBetween(seed, "registry-TQ-reform", [2025, 7, 1], [2025, 7, 3]) : dayBetween(seed, "registry-TQ", [2016, 1, 4], [2016, 1, 6])]);
  }

  for (const c of committees) {
    const s = buildCommittee(seed, scale / copies, c, horizon.months);
    // a registry the reform changed is sent again when the change comes into force
    let resent: RegistryWindow | null = null;
    const successors = reform?.successors.get(c.code) ?? [];
    if (reform && isReformed(c)) {
      closeOldCommittee(s, successors, horizon.months, summary.reform!);
      resent = [[2025, 7, 1], [2025, 7, 10]];
    }
    if (reform && mergeDepartments(s, horizon.months, summary.reform!)) resent = [[2025, 3, 3], [2025, 3, 10]];
    const rolls = await writeCommittee(seed, s, horizon, resent, outDir, summary, received);
    if (!successors.length) continue;
    const old = prepareOldCommittee(seed, s, rolls);
    for (const nc of successors) {
      const next = buildSuccessor(seed, nc, old, horizon.months, summary.reform!);
      await writeCommittee(seed, next, horizon, [[2025, 7, 1], [2025, 7, 15]], outDir, summary, received);
    }
  }

  // Received dates.
  {
    received.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const w = new CsvWriter(join(outDir, "ngay_nhan.csv"), ASCII);
    w.header("ngay_nhan");
    for (const [file, date] of received) w.row([file, isoDate(date)]);
    summary.bytes += await w.close();
    summary.files++;
  }

  const readme = README(seed, scale, copies, through);
  await writeFile(join(outDir, "README.txt"), readme, "utf8");
  summary.bytes += Buffer.byteLength(readme);
  summary.files++;

  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  return summary;
}

interface Horizon {
  years: readonly number[];
  months: number;
}
type RegistryWindow = readonly [Ymd, Ymd];

/** The grassroots organisation a cell was rated with at the end of `year` (its parent then). */
function orgAt(cell: CommitteeStructure["cells"][number], year: number): string {
  return cell.formerOrg !== undefined && year < cell.orgFromYear! ? cell.formerOrg : cell.org;
}

/**
 * A committee's registry, then its meeting log and ratings of each year it exists (ratings only when it still exists
 * on 31 December). `resent`: the registry was sent again in that window (it changed); else with the others in
 * January 2016. Returns the cells' rolls.
 */
async function writeCommittee(
  seed: number,
  s: CommitteeStructure,
  horizon: Horizon,
  resent: RegistryWindow | null,
  outDir: string,
  summary: SampleSummary,
  received: [string, Ymd][]
): Promise<Rolls> {
  const c = s.committee;
  const d = c.dialect;
  summary.cells += s.cells.length;
  summary.organisations += s.orgs.length;

  // Registry of the committee's grassroots organisations and cells.
  {
    const name = `don_vi_${c.code}.csv`;
    const w = new CsvWriter(join(outDir, name), d);
    const history = needsHistory(s.units);
    w.header(history ? "don_vi_lich_su" : "don_vi");
    for (const u of s.units) {
      w.row(unitFields(u, d, history));
      await w.drain();
    }
    summary.bytes += await w.close();
    summary.files++;
    received.push([name, resent ? dayBetween(seed, `registry-${c.code}-reform`, ...resent) : dayBetween(seed, `registry-${c.code}`, [2016, 1, 6], [2016, 1, 14])]);
  }

  const rolls = buildRolls(seed, s.cells, horizon.months);
  const meetings: Meeting[] = [];
  for (const year of horizon.years) {
    if (year < c.from[0] || (c.to && year > c.to[0])) continue;
    if (MISSING.has(`${habitsOf(c)}_${year}`)) continue;
    const yearStart = (year - FIRST_YEAR) * 12;
    const yearEnd = yearStart + 11;
    const name = `sinh_hoat_${c.code}_${year}.csv`;
    const w = new CsvWriter(join(outDir, name), d);
    w.header("sinh_hoat");
    const ratings: Rating[] = [];
    const byOrg = new Map<string, Rating[]>();
    /** the committee's grassroots organisations: grassroots cells and, below, the party committees of the grassroots */
    const orgRatings: Rating[] = [];
    for (let i = 0; i < s.cells.length; i++) {
      const cell = s.cells[i]!;
      if (cell.startMonth > yearEnd || cell.endMonth < yearStart) continue;
      const stats = simulateCellYear(seed, cell, i, rolls, year, meetings);
      for (const m of meetings) w.row(meetingFields(cell.code, year, m, d));
      await w.drain();
      summary.meetings += meetings.length;
      // Rated when the cell still exists on 31 December.
      if (cell.endMonth >= yearEnd && (cell.endMonth > yearEnd || cell.endDay >= 31)) {
        const r = rateCell(seed, cell, year, stats);
        ratings.push(r);
        if (cell.cap === "chi_bo") {
          const org = orgAt(cell, year);
          const list = byOrg.get(org);
          if (list) list.push(r);
          else byOrg.set(org, [r]);
        } else orgRatings.push(r);
      }
    }
    summary.bytes += await w.close();
    summary.files++;
    received.push([name, receivedYearly(seed, c, year, "sinh_hoat")]);

    // a committee that ended during the year has nothing in force on 31 December to rate
    if (c.to && compareYmd(c.to, [year, 12, 31]) < 0) continue;
    for (const cells of byOrg.values()) capExcellent(cells);
    for (const org of s.orgs) {
      const cells = byOrg.get(org.code);
      if (cells && cells.length) {
        const r = rateOrg(seed, org.code, year, cells);
        ratings.push(r);
        orgRatings.push(r);
      }
    }
    capExcellent(orgRatings);
    ratings.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const rname = `danh_gia_${c.code}_${year}.csv`;
    const rw = new CsvWriter(join(outDir, rname), d);
    rw.header("danh_gia");
    for (const r of ratings) {
      rw.row(ratingFields(r, year, d));
      await rw.drain();
    }
    summary.ratings += ratings.length;
    summary.bytes += await rw.close();
    summary.files++;
    received.push([rname, receivedYearly(seed, c, year, "danh_gia")]);
  }
  return rolls;
}
