/**
 * Behaviour of cells over 2016–2022 (and the years after, up to 2030, with `--through`): member rolls, monthly
 * meetings and annual ratings.
 *
 * Patterns built in (visible in yearly aggregates):
 * - steady improvement after Resolution 4 (12th CC) and Directive 10-CT/TW (2016): more months with a
 *   regular meeting, more quarters with a thematic meeting, higher attendance and ratings;
 * - COVID-19 (Feb–Apr 2020, May–Oct 2021): missed months, lower attendance, online/hybrid meetings;
 * - differences by cell type and by committee through the latent `quality` of each cell;
 * - hamlet mergers: the successor's roll grows by the absorbed cell's members;
 * - after 2022 a plateau; July 2025, the first month of the new commune committees, is often rescheduled.
 */
import {clamp, rngFor, type Rng} from "./prng.ts";
import {covidSeverity, daysInMonth, FIRST_YEAR, isElectionMonth, isReformMonth, TET_MONTH, weekday} from "./calendar.ts";
import type {HinhThuc, LoaiSinhHoat, XepLoaiBuoi, XepLoaiNam} from "./csv.ts";
import type {Cell} from "./structure.ts";
import * as N from "./names.ts";

/** How far the post-2016 improvement has progressed, per year (0 = 2016 … 1 = 2022 and after). */
const PROGRESS: Record<number, number> = {
  2016: 0, 2017: 0.45, 2018: 0.7, 2019: 0.86, 2020: 0.9, 2021: 0.94, 2022: 1,
  2023: 1, 2024: 1, 2025: 1, 2026: 1, 2027: 1, 2028: 1, 2029: 1, 2030: 1
};
// After 2022 the rates level off; 2025 (congresses for the new term, then the reform) dips a little.
/** Base probability of a regular meeting in a month. */
const REGULAR_BASE: Record<number, number> = {
  2016: 0.9, 2017: 0.935, 2018: 0.96, 2019: 0.978, 2020: 0.982, 2021: 0.984, 2022: 0.987,
  2023: 0.988, 2024: 0.989, 2025: 0.985, 2026: 0.989, 2027: 0.99, 2028: 0.99, 2029: 0.991, 2030: 0.991
};
/** Base probability of at least one thematic meeting in a quarter. */
const THEMATIC_BASE: Record<number, number> = {
  2016: 0.7, 2017: 0.78, 2018: 0.85, 2019: 0.91, 2020: 0.92, 2021: 0.93, 2022: 0.94,
  2023: 0.945, 2024: 0.95, 2025: 0.94, 2026: 0.95, 2027: 0.955, 2028: 0.955, 2029: 0.96, 2030: 0.96
};
/** Base attendance (present / (roll − excused)). */
const ATTENDANCE_BASE: Record<number, number> = {
  2016: 0.855, 2017: 0.88, 2018: 0.902, 2019: 0.92, 2020: 0.925, 2021: 0.928, 2022: 0.932,
  2023: 0.934, 2024: 0.935, 2025: 0.931, 2026: 0.935, 2027: 0.936, 2028: 0.937, 2029: 0.938, 2030: 0.938
};
/** Base share of meetings held on the prescribed day. */
const ON_TIME_BASE: Record<number, number> = {
  2016: 0.8, 2017: 0.85, 2018: 0.89, 2019: 0.92, 2020: 0.92, 2021: 0.93, 2022: 0.94,
  2023: 0.945, 2024: 0.95, 2025: 0.93, 2026: 0.95, 2027: 0.95, 2028: 0.955, 2029: 0.955, 2030: 0.955
};
/** Online/hybrid share outside the COVID peaks (per unit of online affinity); higher once communes span several old ones. */
const ONLINE_BASE: Record<number, number> = {
  2020: 0.02, 2021: 0.05, 2022: 0.07,
  2023: 0.07, 2024: 0.075, 2025: 0.09, 2026: 0.095, 2027: 0.1, 2028: 0.1, 2029: 0.1, 2030: 0.1
};

/** Member roll and excused members of every cell for every simulated month (flat arrays, cell-major). */
export interface Rolls {
  /** months simulated (the row length) */
  months: number;
  roll: Int16Array;
  mien: Int16Array;
}

/** The roll and the excused members of cell `i` in month `t`. */
export function rollAt(rolls: Rolls, i: number, t: number): {roll: number; mien: number} {
  return {roll: rolls.roll[i * rolls.months + t]!, mien: rolls.mien[i * rolls.months + t]!};
}

export function buildRolls(seed: number, cells: readonly Cell[], months: number): Rolls {
  const roll = new Int16Array(cells.length * months);
  const mien = new Int16Array(cells.length * months);
  cells.forEach((cell, i) => {
    const rng = rngFor(seed, "roll", cell.code);
    // a cell that continues another one (a new code in the 2025 reform) starts with its members
    let r = cell.startRoll ?? cell.initialRoll;
    let m = cell.startMien ?? Math.min(rng.binomial(r, cell.mienShare), r - 3);
    const ageing = cell.mienShare > 0.03; // residential cells: members get excused with age
    const pUp = cell.loai === "nong_thon" || cell.loai === "do_thi" ? 0.032 : 0.03;
    const pDown = 0.024;
    for (let t = cell.startMonth; t <= cell.endMonth; t++) {
      if (t > cell.startMonth) {
        if (rng.chance(pUp)) r += rng.chance(0.15) ? 2 : 1; // admissions, transfers in
        if (rng.chance(pDown) && r > 3 + m) r -= 1; // transfers out
        if (m > 0 && rng.chance(0.004) && r > 3) {
          m -= 1; // an old excused member passes away
          r -= 1;
        }
        if (ageing && rng.chance(0.006) && m < r - 3) m += 1;
      }
      roll[i * months + t] = r;
      mien[i * months + t] = Math.max(0, m);
    }
  });
  // Mergers: from the month after the merger the successor carries the absorbed members.
  const index = new Map(cells.map((c, i) => [c.code, i]));
  cells.forEach((cell, a) => {
    if (!cell.mergedInto) return;
    const s = index.get(cell.mergedInto);
    if (s === undefined) return;
    const addR = roll[a * months + cell.endMonth]!;
    const addM = mien[a * months + cell.endMonth]!;
    for (let t = cell.endMonth + 1; t < months; t++) {
      roll[s * months + t] += addR;
      mien[s * months + t] += addM;
    }
  });
  return {months, roll, mien};
}

export interface Meeting {
  day: number;
  month: number;
  loai: LoaiSinhHoat;
  dangVien: number;
  mien: number;
  coMat: number;
  vangCoLyDo: number;
  vangKhongLyDo: number;
  thoiLuong: number | null;
  soPhatBieu: number | null;
  capTrenDu: boolean | null;
  hinhThuc: HinhThuc;
  dungNgay: boolean | null;
  xepLoai: XepLoaiBuoi | null;
  diem: number | null;
  chuDe: string;
  ghiChu: string;
}

/** What a cell did in a year (feeds its annual rating). */
export interface CellYear {
  monthsActive: number;
  monthsRegular: number;
  quartersActive: number;
  quartersThematic: number;
  attendance: number;
  score: number;
  /** Roll and excused members at the end of the year (or at the cell's last month). */
  roll: number;
  mien: number;
}

/** Thematic topics available to a cell type in a year (COVID is drawn separately). */
const TOPIC_POOLS = new Map<string, string[]>();
function topicPool(year: number, loai: string): string[] {
  const key = `${year}|${loai}`;
  let pool = TOPIC_POOLS.get(key);
  if (!pool) TOPIC_POOLS.set(key, (pool = buildTopicPool(year, loai)));
  return pool;
}

function buildTopicPool(year: number, loai: string): string[] {
  return [
    ...N.TOPICS_GENERAL,
    ...(N.TOPICS_BY_LOAI[loai] ?? []),
    ...N.TOPICS_DATED.filter(([t, a, b]) => year >= a && year <= b && t !== N.TOPIC_COVID).map(([t]) => t)
  ];
}

function band(score: number): XepLoaiBuoi {
  return score >= 90 ? "tot" : score >= 70 ? "kha" : score >= 50 ? "trung_binh" : "kem";
}

function roundTo5(x: number): number {
  return 5 * Math.round(x / 5);
}

const AGENCY_LIKE = new Set(["co_quan", "su_nghiep", "doanh_nghiep", "luc_luong_vu_trang"]);
const BAND_MIDPOINT: Record<XepLoaiBuoi, number> = {tot: 92, kha: 80, trung_binh: 60, kem: 45};

/**
 * Meetings of one cell in one year, in date order. `out` receives the meetings; the return value
 * summarises the year for the annual rating.
 */
export function simulateCellYear(seed: number, cell: Cell, cellIndex: number, rolls: Rolls, year: number, out: Meeting[]): CellYear {
  out.length = 0;
  const months = rolls.months;
  const rng = rngFor(seed, "meet", cell.code, year);
  const y = year - FIRST_YEAR;
  const prog = PROGRESS[year]!;
  const q = cell.quality;
  const pool = topicPool(year, cell.loai);
  const stats: CellYear = {monthsActive: 0, monthsRegular: 0, quartersActive: 0, quartersThematic: 0, attendance: 0, score: 0, roll: 0, mien: 0};
  const acc: Accumulator = {attendance: 0, attN: 0, score: 0, scoreN: 0};
  const agencyLike = AGENCY_LIKE.has(cell.loai);
  const pThematic = clamp(THEMATIC_BASE[year]! + (0.07 - 0.03 * prog) * q, 0.3, 0.99);

  for (let quarter = 0; quarter < 4; quarter++) {
    const active: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = y * 12 + quarter * 3 + k;
      if (t >= cell.startMonth && t <= cell.endMonth) active.push(quarter * 3 + k + 1);
    }
    if (active.length === 0) continue;
    // Thematic meetings planned for the quarter (bit mask of month numbers).
    let sevQ = 0;
    for (const m of active) sevQ = Math.max(sevQ, covidSeverity(year, m));
    let thematic = 0;
    if (rng.chance(pThematic - 0.12 * sevQ)) {
      thematic |= 1 << rng.pick(active);
      if (active.length > 1 && rng.chance(0.1 + 0.1 * prog)) thematic |= 1 << rng.pick(active);
    }
    let quarterThematic = false;

    for (const month of active) {
      const t = y * 12 + month - 1;
      const dim = daysInMonth(year, month);
      const minDay = t === cell.startMonth ? cell.startDay : 1;
      const maxDay = t === cell.endMonth ? Math.min(cell.endDay, dim) : dim;
      const sev = covidSeverity(year, month);
      const tet = TET_MONTH[year] === month;
      const election = isElectionMonth(year, month);
      const reform = isReformMonth(year, month);
      const dangVien = rolls.roll[cellIndex * months + t]!;
      const mien = rolls.mien[cellIndex * months + t]!;
      stats.monthsActive++;
      stats.roll = dangVien;
      stats.mien = mien;

      const pRegular = clamp(REGULAR_BASE[year]! + (0.03 - 0.018 * prog) * q - 0.09 * sev - (tet ? 0.015 : 0) - (reform ? 0.03 : 0), 0.4, 0.997);
      const regular = rng.chance(pRegular);
      const hasThematic = (thematic & (1 << month)) !== 0;
      let combined = regular && hasThematic && rng.chance(0.55);

      // Prescribed day for this month (agencies move weekend days to Monday).
      let base = Math.min(cell.preferredDay, dim);
      if (agencyLike) {
        const wd = weekday(year, month, base);
        if (wd === 0) base += 1;
        else if (wd === 6) base += 2;
        if (base > dim) base -= 3;
      }
      const pOnTime = clamp(ON_TIME_BASE[year]! + 0.03 * q - 0.2 * sev - (tet ? 0.12 : 0) - (election ? 0.06 : 0) - (reform ? 0.12 : 0), 0.4, 0.99);
      let regDay = base;
      if (!rng.chance(pOnTime)) regDay = rng.chance(0.8) ? base + rng.int(1, 9) : base - rng.int(1, 3);
      regDay = clamp(regDay, minDay, maxDay);
      const onTime = regDay === base;

      // A separate thematic meeting goes 1–2.5 weeks after the regular one (or before it when the
      // month is cut short); with no room left it is held together with the regular meeting.
      let themDay = 0;
      if (hasThematic && !combined) {
        themDay = clamp(regDay + rng.int(7, 18), minDay, maxDay);
        if (regular && themDay === regDay) {
          if (regDay > minDay) themDay = regDay - 1;
          else {
            combined = true;
            themDay = 0;
          }
        }
      }
      if (regular || combined) stats.monthsRegular++;
      if (combined || themDay) quarterThematic = true;
      const regLoai: LoaiSinhHoat = combined ? "ket_hop" : "thuong_ky";
      const ctx: MeetingContext = {prog, sev, tet, election, reform, pool};
      if (themDay && themDay < regDay) record(makeMeeting(rng, cell, year, month, themDay, "chuyen_de", dangVien, mien, ctx, null), out, acc);
      if (regular) record(makeMeeting(rng, cell, year, month, regDay, regLoai, dangVien, mien, ctx, onTime), out, acc);
      if (themDay && (themDay > regDay || !regular))
        record(makeMeeting(rng, cell, year, month, themDay, "chuyen_de", dangVien, mien, ctx, null), out, acc);
    }
    if (active.length === 3) {
      stats.quartersActive++;
      if (quarterThematic) stats.quartersThematic++;
    }
  }
  stats.attendance = acc.attN ? acc.attendance / acc.attN : 0;
  stats.score = acc.scoreN ? acc.score / acc.scoreN : 0;
  return stats;
}

interface Accumulator {
  attendance: number;
  attN: number;
  score: number;
  scoreN: number;
}

function record(m: Meeting, out: Meeting[], acc: Accumulator): void {
  out.push(m);
  acc.attN++;
  acc.attendance += m.coMat / Math.max(1, m.dangVien - m.mien);
  if (m.diem !== null || m.xepLoai !== null) {
    acc.scoreN++;
    acc.score += m.diem ?? BAND_MIDPOINT[m.xepLoai!];
  }
}

interface MeetingContext {
  prog: number;
  sev: number;
  tet: boolean;
  election: boolean;
  reform: boolean;
  pool: string[];
}

function makeMeeting(
  rng: Rng,
  cell: Cell,
  year: number,
  month: number,
  day: number,
  loai: LoaiSinhHoat,
  dangVien: number,
  mien: number,
  ctx: MeetingContext,
  onTime: boolean | null
): Meeting {
  const q = cell.quality;
  const {prog, sev} = ctx;
  const thematic = loai !== "thuong_ky";
  const eligible = dangVien - mien;

  // Form: online/hybrid only from 2020 (COVID), persisting at a low level afterwards.
  let hinhThuc: HinhThuc = "truc_tiep";
  if (year >= 2020) {
    const pOnline = cell.onlineAffinity * (0.62 * sev + (ONLINE_BASE[year] ?? 0));
    if (rng.chance(pOnline)) hinhThuc = rng.chance(sev > 0 ? 0.6 : 0.3) ? "truc_tuyen" : "ket_hop";
  }

  // Attendance.
  const rate = clamp(ATTENDANCE_BASE[year]! + 0.018 * q - 0.05 * sev + 0.035 * rng.normal(), 0.45, 1);
  let coMat = clamp(Math.round(eligible * rate), Math.min(eligible, 1), eligible);
  if (eligible > 3 && coMat < 2) coMat = 2;
  const absent = eligible - coMat;
  const vangKhongLyDo = rng.binomial(absent, clamp(0.3 - 0.17 * prog - 0.05 * q, 0.03, 0.6));
  const vangCoLyDo = absent - vangKhongLyDo;

  const lengthMean = loai === "thuong_ky" ? 78 + 14 * prog : loai === "chuyen_de" ? 100 + 15 * prog : 130 + 15 * prog;
  const thoiLuong = rng.chance(cell.fillRate) ? clamp(roundTo5(lengthMean + 14 * rng.normal()), loai === "ket_hop" ? 90 : 60, 180) : null;
  const speakShare = clamp(0.22 + 0.15 * prog + 0.05 * q + (thematic ? 0.05 : 0) + 0.08 * rng.normal(), 0.05, 0.85);
  const soPhatBieu = rng.chance(cell.fillRate) ? clamp(Math.round(coMat * speakShare), Math.min(coMat, 1), coMat) : null;
  const capTrenDu = rng.chance(cell.fillRate) ? rng.chance(0.08 + 0.06 * prog + (thematic ? 0.15 : 0)) : null;

  // Meeting rating and score.
  const score = 80 + 7.5 * prog + 5 * q + (thematic ? 1.5 : 0) - 3 * sev + 7.5 * rng.normal();
  // Now and then a meeting goes badly (formal, poorly prepared), more often before the reforms took hold.
  const poor = rng.chance(0.015 - 0.012 * prog - 0.004 * q) ? 22 + 8 * rng.next() : 0;
  const diemValue = clamp(Math.round(score - poor), 20, 100);
  let xepLoai: XepLoaiBuoi | null = band(diemValue);
  let diem: number | null = diemValue;
  if (rng.chance(0.07 - 0.055 * prog)) {
    xepLoai = null;
    diem = null;
  } else if (!cell.recordsScore || rng.chance(0.05)) diem = null;

  // Topic.
  let chuDe = "";
  if (thematic) {
    chuDe = year >= 2020 && year <= 2021 && (sev > 0 ? rng.chance(0.45) : rng.chance(0.08)) ? N.TOPIC_COVID : rng.pick(ctx.pool);
  } else if (rng.chance(0.55)) {
    const prev = month === 1 ? 12 : month - 1;
    chuDe = `Đánh giá kết quả tháng ${prev}, triển khai nhiệm vụ tháng ${month}`;
  }

  // Note (mostly empty).
  let ghiChu = "";
  if (onTime === false && rng.chance(0.35)) {
    ghiChu = ctx.tet ? N.NOTE_TET : ctx.election ? N.NOTE_ELECTION : ctx.reform ? N.NOTE_REFORM : rng.pick(N.NOTES_LATE);
  } else if (hinhThuc !== "truc_tiep" && sev > 0 && rng.chance(0.3)) {
    ghiChu = N.NOTE_ONLINE;
  } else if (thematic && rng.chance(0.06)) {
    ghiChu = rng.pick(N.NOTES_THEMATIC);
  } else if (rng.chance(0.025)) {
    ghiChu = rng.pick(N.NOTES_OTHER);
  }

  return {
    day,
    month,
    loai,
    dangVien,
    mien,
    coMat,
    vangCoLyDo,
    vangKhongLyDo,
    thoiLuong,
    soPhatBieu,
    capTrenDu,
    hinhThuc,
    dungNgay: onTime,
    xepLoai,
    diem,
    chuDe,
    ghiChu
  };
}

export interface Rating {
  code: string;
  xepLoai: XepLoaiNam;
  dangVien: number;
  htxs: number;
  htt: number;
  ht: number;
  kht: number;
  biThuBoiDuong: boolean;
  /** Latent score, used to rate the grassroots organisation from its cells. */
  latent: number;
}

function classify(latent: number): XepLoaiNam {
  return latent > 0.6 ? "htxs" : latent > -0.7 ? "htt" : latent > -1.4 ? "ht" : "kht";
}

function memberCounts(rng: Rng, n: number, prog: number, q: number): Pick<Rating, "htxs" | "htt" | "ht" | "kht"> {
  const kht = rng.binomial(n, clamp(0.012 - 0.007 * prog - 0.003 * q, 0.001, 0.03));
  const ht = rng.binomial(n - kht, clamp(0.13 - 0.06 * prog - 0.03 * q, 0.02, 0.3));
  const rest = n - kht - ht;
  // Party rules cap "excellent" members at about 20% of the "good" ones.
  const htxs = Math.min(rng.binomial(rest, clamp(0.11 + 0.05 * prog + 0.03 * q, 0.03, 0.2)), Math.floor(rest / 6));
  return {htxs, htt: rest - htxs, ht, kht};
}

/** Annual rating of a cell from what it did that year. */
export function rateCell(seed: number, cell: Cell, year: number, y: CellYear): Rating {
  const rng = rngFor(seed, "rate", cell.code, year);
  const prog = PROGRESS[year]!;
  const regShare = y.monthsActive ? y.monthsRegular / y.monthsActive : 0;
  const latent =
    0.5 * cell.quality + 1.2 * (regShare - 0.95) + 2 * (y.attendance - 0.9) + 0.01 * (y.score - 82) + 0.5 * rng.normal();
  const n = Math.max(0, y.roll - y.mien);
  const members = memberCounts(rng, n, prog, cell.quality);
  const xepLoai = classify(latent);
  return {
    code: cell.code,
    // Hướng dẫn 21-HD/BTCTW: a cell with a member rated "not completed" cannot be rated "excellent"
    xepLoai: xepLoai === "htxs" && members.kht > 0 ? "htt" : xepLoai,
    dangVien: n,
    ...members,
    biThuBoiDuong: rng.chance(0.45 + 0.35 * prog),
    latent
  };
}

/**
 * Caps "excellent" among organisations rated together (the cells of a grassroots organisation, the grassroots
 * organisations of a committee) at 20 % of those rated "good", as Hướng dẫn 21-HD/BTCTW requires: the
 * excellent ones with the lowest latent score become "good" until htxs ≤ 20 % of htt, i.e. 6 · htxs ≤ htxs + htt.
 */
export function capExcellent(group: Rating[]): void {
  const excellent = group.filter((r) => r.xepLoai === "htxs").sort((a, b) => b.latent - a.latent || (a.code < b.code ? -1 : 1));
  const keep = Math.floor((excellent.length + group.filter((r) => r.xepLoai === "htt").length) / 6);
  for (const r of excellent.slice(keep)) r.xepLoai = "htt";
}

/** Annual rating of a grassroots organisation from its cells' ratings. */
export function rateOrg(seed: number, code: string, year: number, cells: readonly Rating[]): Rating {
  const rng = rngFor(seed, "rate", code, year);
  const prog = PROGRESS[year]!;
  const mean = cells.length ? cells.reduce((s, r) => s + r.latent, 0) / cells.length : 0;
  const latent = mean + 0.15 + 0.3 * rng.normal();
  const sum = (k: "dangVien" | "htxs" | "htt" | "ht" | "kht") => cells.reduce((s, r) => s + r[k], 0);
  return {
    code,
    xepLoai: classify(latent),
    dangVien: sum("dangVien"),
    htxs: sum("htxs"),
    htt: sum("htt"),
    ht: sum("ht"),
    kht: sum("kht"),
    biThuBoiDuong: rng.chance(0.6 + 0.3 * prog),
    latent
  };
}
