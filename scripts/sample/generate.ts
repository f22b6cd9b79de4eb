/**
 * Seeded synthetic sample: the CSV submissions of one fictional province (modelled on Tuyên Quang)
 * for every month of 2016–2022. Deterministic: same seed and scale → byte-identical files.
 *
 * Output (see docs/submission-format.md): don_vi_TQ.csv, don_vi_<C>.csv, sinh_hoat_<C>_<YEAR>.csv,
 * danh_gia_<C>_<YEAR>.csv, ngay_nhan.csv, README.txt.
 */
import {mkdir, readdir, rm, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {performance} from "node:perf_hooks";
import {ASCII, CsvWriter, isoDate, type Dialect, type Ymd} from "./csv.ts";
import {fromDayNumber, toDayNumber, YEARS} from "./calendar.ts";
import {rngFor} from "./prng.ts";
import {buildCommittee, committeesFor, committeeUnit, PROVINCE, templateOf, type CommitteeDef, type Unit} from "./structure.ts";
import {buildRolls, capExcellent, rateCell, rateOrg, simulateCellYear, type Meeting, type Rating} from "./simulate.ts";

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
}

export interface SampleSummary {
  outDir: string;
  seed: number;
  scale: number;
  copies: number;
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
  seconds: number;
}

/** Committee-years whose files were never submitted (by template committee: every copy misses them). */
const MISSING: ReadonlySet<string> = new Set(["HU-LB_2018"]);
/** Committees whose yearly files arrive in March–April of the following year. */
const ALWAYS_LATE: ReadonlySet<string> = new Set(["HU-NH"]);
/** One-off late submissions: committee_year → [from, to] received window. */
const LATE_ONCE: Readonly<Record<string, readonly [Ymd, Ymd]>> = {"HU-HY_2020": [[2021, 2, 20], [2021, 3, 10]]};

const GENERATED_FILE = /^(don_vi_.+|sinh_hoat_.+_\d{4}|danh_gia_.+_\d{4}|ngay_nhan)\.csv$|^README\.txt$/;

function unitFields(u: Unit, d: Dialect): string[] {
  return [
    u.code,
    u.name.normalize("NFC"),
    d.enumValue("cap", u.cap),
    u.parent,
    d.enumValue("loai_hinh", u.loai),
    d.date(u.from),
    u.to ? d.date(u.to) : "",
    u.mergedInto ?? ""
  ];
}

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
  const habit = `${templateOf(c)}_${year}`;
  const next = year + 1;
  let base: Ymd;
  if (ALWAYS_LATE.has(templateOf(c))) base = dayBetween(seed, key, [next, 3, 2], [next, 4, 24]);
  else if (LATE_ONCE[habit]) base = dayBetween(seed, key, ...LATE_ONCE[habit]);
  else base = dayBetween(seed, key, [next, 1, 3], [next, 1, 11]);
  if (kind === "sinh_hoat") return base;
  return fromDayNumber(toDayNumber(base) + rngFor(seed, "received-rating", key).int(0, 3));
}

const README = (seed: number, scale: number, copies: number) => `DỮ LIỆU MẪU TỔNG HỢP — KHÔNG PHẢI DỮ LIỆU THẬT
=============================================

Thư mục này chứa dữ liệu GIẢ LẬP (tổng hợp ngẫu nhiên có kiểm soát) về sinh hoạt chi bộ của một
tỉnh hư cấu mô phỏng theo cơ cấu tỉnh Tuyên Quang, giai đoạn 2016–2022. Tên đơn vị là địa danh và
tên cơ quan; không có tên người. Mọi con số đều do máy sinh ra, không phản ánh bất kỳ chi bộ thật nào.
${copies > 1 ? `Quy mô toàn quốc: mỗi đảng bộ cấp trên cơ sở của tỉnh được nhân thành ${copies} bản (mã HU-SD-01…).\n` : ""}
Tạo bằng lệnh: npm run sample -- --seed ${seed} --scale ${scale}${copies > 1 ? ` --copies ${copies}` : ""}
Cùng seed và scale luôn cho ra các tệp giống hệt nhau từng byte.
Định dạng tệp: docs/submission-format.md.

SYNTHETIC SAMPLE DATA — NOT REAL
--------------------------------

This folder holds SYNTHETIC data on party-cell meetings of a fictional province modelled on the
structure of Tuyên Quang, 2016–2022. Unit names are places and agencies; there are no personal
names. All numbers are machine-generated and describe no real cell.
${copies > 1 ? `National scale: each committee of the province is repeated ${copies} times (codes HU-SD-01…).\n` : ""}
Generated by: npm run sample -- --seed ${seed} --scale ${scale}${copies > 1 ? ` --copies ${copies}` : ""}
The same seed and scale always produce byte-identical files.
File format: docs/submission-format.md.
`;

/** Generate the sample into `outDir`. */
export async function generateSample(options: SampleOptions): Promise<SampleSummary> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const outDir = options.outDir;
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`scale must be a positive number, got ${scale}`);
  const copies = options.copies ?? 1;
  const committees = committeesFor(copies);

  await mkdir(outDir, {recursive: true});
  for (const name of await readdir(outDir)) {
    if (GENERATED_FILE.test(name)) await rm(join(outDir, name), {force: true});
  }

  const summary: SampleSummary = {
    outDir,
    seed,
    scale,
    copies,
    files: 0,
    bytes: 0,
    committees: committees.length,
    organisations: 0,
    cells: 0,
    meetings: 0,
    ratings: 0,
    seconds: 0
  };
  const received: [string, Ymd][] = [];

  // Province registry.
  {
    const name = `don_vi_${PROVINCE.code}.csv`;
    const w = new CsvWriter(join(outDir, name), ASCII);
    w.header("don_vi");
    w.row(unitFields(PROVINCE, ASCII));
    for (const c of committees) w.row(unitFields(committeeUnit(c), ASCII));
    summary.bytes += await w.close();
    summary.files++;
    received.push([name, dayBetween(seed, "registry-TQ", [2016, 1, 4], [2016, 1, 6])]);
  }

  for (const c of committees) await generateCommittee(seed, scale / copies, c, outDir, summary, received);

  // Received dates.
  {
    received.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const w = new CsvWriter(join(outDir, "ngay_nhan.csv"), ASCII);
    w.header("ngay_nhan");
    for (const [file, date] of received) w.row([file, isoDate(date)]);
    summary.bytes += await w.close();
    summary.files++;
  }

  const readme = README(seed, scale, copies);
  await writeFile(join(outDir, "README.txt"), readme, "utf8");
  summary.bytes += Buffer.byteLength(readme);
  summary.files++;

  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  return summary;
}

async function generateCommittee(
  seed: number,
  scale: number,
  c: CommitteeDef,
  outDir: string,
  summary: SampleSummary,
  received: [string, Ymd][]
): Promise<void> {
  const d = c.dialect;
  const s = buildCommittee(seed, scale, c);
  summary.cells += s.cells.length;
  summary.organisations += s.orgs.length;

  // Registry of the committee's grassroots organisations and cells.
  {
    const name = `don_vi_${c.code}.csv`;
    const w = new CsvWriter(join(outDir, name), d);
    w.header("don_vi");
    for (const u of s.units) {
      w.row(unitFields(u, d));
      await w.drain();
    }
    summary.bytes += await w.close();
    summary.files++;
    received.push([name, dayBetween(seed, `registry-${c.code}`, [2016, 1, 6], [2016, 1, 14])]);
  }

  const rolls = buildRolls(seed, s.cells);
  const meetings: Meeting[] = [];
  for (const year of YEARS) {
    if (MISSING.has(`${templateOf(c)}_${year}`)) continue;
    const yearStart = (year - YEARS[0]!) * 12;
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
          const list = byOrg.get(cell.org);
          if (list) list.push(r);
          else byOrg.set(cell.org, [r]);
        } else orgRatings.push(r);
      }
    }
    summary.bytes += await w.close();
    summary.files++;
    received.push([name, receivedYearly(seed, c, year, "sinh_hoat")]);

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
}
