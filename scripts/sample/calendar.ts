/** Calendar helpers (pure integer arithmetic on UTC dates; nothing reads the clock). */
import type {Ymd} from "./csv.ts";

export const FIRST_YEAR = 2016;
/** Last year of the default sample; `--through` extends it up to MAX_LAST_YEAR (the 2025–2030 term). */
export const LAST_YEAR = 2022;
export const MAX_LAST_YEAR = 2030;

/** The simulated years, 2016 … `last`. */
export function yearsThrough(last: number): number[] {
  return Array.from({length: last - FIRST_YEAR + 1}, (_, i) => FIRST_YEAR + i);
}
/** Number of months simulated, January 2016 … December of `last`. */
export function monthsThrough(last: number): number {
  return (last - FIRST_YEAR + 1) * 12;
}
export const YEARS: readonly number[] = yearsThrough(LAST_YEAR);
/** Number of months of the default sample (Jan 2016 … Dec 2022). */
export const MONTHS = monthsThrough(LAST_YEAR);

const DIM_CACHE = new Map<number, number>();
const WEEKDAY_CACHE = new Map<number, number>();

export function daysInMonth(year: number, month: number): number {
  const key = year * 16 + month;
  let v = DIM_CACHE.get(key);
  if (v === undefined) {
    v = new Date(Date.UTC(year, month, 0)).getUTCDate();
    DIM_CACHE.set(key, v);
  }
  return v;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(year: number, month: number, day: number): number {
  const key = (year * 16 + month) * 32 + day;
  let v = WEEKDAY_CACHE.get(key);
  if (v === undefined) {
    v = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    WEEKDAY_CACHE.set(key, v);
  }
  return v;
}

/** Global month index: 0 = January 2016. May be negative (before) or beyond the last simulated month. */
export function monthIndex(d: Ymd): number {
  return (d[0] - FIRST_YEAR) * 12 + (d[1] - 1);
}

export function toDayNumber(d: Ymd): number {
  return Math.round(Date.UTC(d[0], d[1] - 1, d[2]) / 86_400_000);
}

export function fromDayNumber(n: number): Ymd {
  const dt = new Date(n * 86_400_000);
  return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function lastDayOfMonth(year: number, month: number): Ymd {
  return [year, month, daysInMonth(year, month)];
}

/** Month (1–12) holding Tết Nguyên đán (lunar new year) in each simulated year. */
export const TET_MONTH: Record<number, number> = {
  2016: 2, 2017: 1, 2018: 2, 2019: 2, 2020: 1, 2021: 2, 2022: 2,
  2023: 1, 2024: 2, 2025: 1, 2026: 2, 2027: 2, 2028: 1, 2029: 2, 2030: 2
};
/** Months with national/local elections (meetings are often rescheduled); the 2026 one was brought forward to March. */
export function isElectionMonth(year: number, month: number): boolean {
  return (month === 5 && (year === 2016 || year === 2021)) || (month === 3 && year === 2026);
}

/**
 * COVID-19 pressure 0–1 on party-cell activity in the province: social distancing Feb–Apr 2020,
 * the long 2021 wave May–Oct 2021. (Online meetings persist at a low level afterwards; see simulate.ts.)
 */
export function covidSeverity(year: number, month: number): number {
  if (year === 2020) return ({2: 0.5, 3: 0.8, 4: 1} as Record<number, number>)[month] ?? 0;
  if (year === 2021) return ({5: 0.6, 6: 0.7, 7: 0.8, 8: 1, 9: 1, 10: 0.7} as Record<number, number>)[month] ?? 0;
  return 0;
}

/**
 * The 2025 reform (two-level local government, Nghị quyết 60-NQ/TW; Hướng dẫn 31-HD/BTCTW): the district and town
 * committees end on 30 June 2025, the new commune and ward committees start on 1 July 2025.
 */
export const REFORM_YEAR = 2025;
export const REFORM_LAST_OLD_DAY: Ymd = [2025, 6, 30];
export const REFORM_FIRST_DAY: Ymd = [2025, 7, 1];

/** The new commune committees' first month: meetings are often moved while the committees settle in. */
export function isReformMonth(year: number, month: number): boolean {
  return year === REFORM_YEAR && month === 7;
}
