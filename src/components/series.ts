// The compact series files the publish step writes (tong-hop/chuoi.json, dang-bo/<code>/chuoi.json and don-vi.json) and the pure functions
// the pages and slides build their charts from: values by unit and year, rankings, change since the first year,
// heat-map cells. No DOM and no Framework globals, so everything here runs (and is tested) under Node too.
import {formatNumber, formatPercent, formatPointChange, formatPercentTick} from "./format.js";

/** share: 0–1 shown as %; score: e.g. an index 0–100; number; rank: value = rank / siblings (1 = best). */
export type IndicatorKind = "share" | "score" | "number" | "rank";

/** Values are shipped as integers: value × scale (shares to 0,01 %, scores and numbers to 0,01). */
export const SCALES: Record<IndicatorKind, number> = {share: 10000, score: 100, number: 100, rank: 10000};

export interface IndicatorMeta {
  indicator: string;
  name: string;
  short: string;
  nameEn?: string | null;
  target: number | null;
  higherIsBetter: boolean;
  sortOrder?: number | null;
  grain?: string | null;
  kind: IndicatorKind;
  group?: string | null;
  /** "all", or "committee" when the indicator exists only for committees and the province. */
  levels?: string | null;
}

/** Indicators that can be drawn on a value axis (ranks are shown as "3/10" in tables, not charted). */
export function chartable(ind: Pick<IndicatorMeta, "kind">): boolean {
  return ind.kind !== "rank";
}

export interface SeriesUnit {
  code: string;
  name: string;
  level: string;
  parent?: string;
  /** The committee (cấp trên cơ sở) the unit belongs to, when it is not the unit itself. */
  committee?: string;
  type?: string;
  from?: string;
  to?: string;
  merged?: string;
}

type Grid = Record<string, Record<string, (number | null)[]>>;

/** A series file: `v[indicator][unit][i]` is the value of year `years[i]` × `scale[indicator]`. */
export interface SeriesFile {
  years: number[];
  terms: string[];
  scale: Record<string, number>;
  units: SeriesUnit[];
  /** Yearly values (scaled). */
  v: Grid;
  /** Term values (scaled), aligned with `terms`. */
  t?: Grid;
  /** Yearly numerators and denominators (not scaled), when shipped. */
  n?: Grid;
  d?: Grid;
  /** Comparable (lineage) yearly values, only for units where they differ from `v`. */
  c?: Grid;
}

export type SeriesMode = "reported" | "comparable";

/** Read access to one or more series files (e.g. committees + grassroots organisations). */
export class Series {
  readonly years: number[];
  readonly terms: string[];
  readonly units: SeriesUnit[];
  private readonly byCode = new Map<string, SeriesUnit>();
  private readonly files: SeriesFile[];
  private readonly fileOf = new Map<string, SeriesFile>();

  constructor(...files: SeriesFile[]) {
    this.files = files;
    this.years = [...new Set(files.flatMap((f) => f.years))].sort((a, b) => a - b);
    this.terms = [...new Set(files.flatMap((f) => f.terms))].sort();
    this.units = [];
    for (const f of files) {
      for (const u of f.units) {
        if (this.byCode.has(u.code)) continue;
        this.byCode.set(u.code, u);
        this.fileOf.set(u.code, f);
        this.units.push(u);
      }
    }
  }

  unit(code: string): SeriesUnit | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  get hasComparable(): boolean {
    return this.files.some((f) => f.c != null);
  }

  private grid(code: string, key: "v" | "t" | "n" | "d" | "c"): [SeriesFile, Grid | undefined] | [] {
    const f = this.fileOf.get(code);
    return f ? [f, f[key]] : [];
  }

  /** The value of a unit in a year (null when the unit did not report or the year is unknown). */
  value(indicator: string, code: string, year: number, mode: SeriesMode = "reported"): number | null {
    const f = this.fileOf.get(code);
    if (!f) return null;
    const i = f.years.indexOf(year);
    if (i < 0) return null;
    const scale = f.scale[indicator] ?? 1;
    if (mode === "comparable") {
      const c = f.c?.[indicator]?.[code]?.[i];
      if (c !== undefined) return c == null ? null : c / scale;
    }
    const x = f.v[indicator]?.[code]?.[i];
    return x == null ? null : x / scale;
  }

  /** All years of a unit, aligned with `this.years`. */
  row(indicator: string, code: string, mode: SeriesMode = "reported"): (number | null)[] {
    return this.years.map((y) => this.value(indicator, code, y, mode));
  }

  term(indicator: string, code: string, term: string): number | null {
    const [f, g] = this.grid(code, "t");
    if (!f || !g) return null;
    const i = f.terms.indexOf(term);
    const x = i < 0 ? undefined : g[indicator]?.[code]?.[i];
    return x == null ? null : x / (f.scale[indicator] ?? 1);
  }

  counts(indicator: string, code: string, year: number): {numerator: number | null; denominator: number | null} {
    const f = this.fileOf.get(code);
    const i = f ? f.years.indexOf(year) : -1;
    if (!f || i < 0) return {numerator: null, denominator: null};
    return {numerator: f.n?.[indicator]?.[code]?.[i] ?? null, denominator: f.d?.[indicator]?.[code]?.[i] ?? null};
  }

  /** Whether the comparable series of this unit differs from the as-reported one for some indicator. */
  differs(code: string, indicator?: string): boolean {
    const f = this.fileOf.get(code);
    if (!f?.c) return false;
    if (indicator) return f.c[indicator]?.[code] != null;
    return Object.values(f.c).some((byUnit) => byUnit[code] != null);
  }

  /** Units whose parent is `code` (or, with `level`, whose level is in that list). */
  children(code: string, levels?: string[]): SeriesUnit[] {
    return this.units.filter((u) => u.parent === code && (!levels || levels.includes(u.level)));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Formats by kind of indicator

export function formatValue(x: number | null | undefined, kind: IndicatorKind, digits = 1): string {
  if (x == null || !Number.isFinite(x)) return "–";
  if (kind === "rank") return formatNumber(x, 3);
  return kind === "share" ? formatPercent(x, digits) : formatNumber(x, digits);
}

/** A rank row's figure: "3/10" from its numerator (rank) and denominator (siblings ranked). */
export function formatRank(numerator: number | null | undefined, denominator: number | null | undefined): string {
  return numerator == null || denominator == null ? "–" : `${formatNumber(numerator)}/${formatNumber(denominator)}`;
}

const FIXED_1 = new Intl.NumberFormat("vi-VN", {minimumFractionDigits: 1, maximumFractionDigits: 1});

/** A change: percentage points for shares (`+6,2 điểm %`), points for scores (`+3,1 điểm`). */
export function formatDelta(x: number | null | undefined, kind: IndicatorKind, {unit = true}: {unit?: boolean} = {}): string {
  if (x == null || !Number.isFinite(x)) return "–";
  if (kind === "share") return formatPointChange(x, 1, {unit});
  const text = FIXED_1.format(Math.abs(x));
  const zero = !/[1-9]/.test(text);
  const sign = zero ? "" : x > 0 ? "+" : "\u2212";
  return unit ? `${sign}${text}\u00a0điểm` : `${sign}${text}`;
}

export function formatTick(kind: IndicatorKind, measure: Measure = "value"): (x: number) => string {
  if (measure === "change") return (x: number) => formatDelta(x, kind, {unit: false});
  return kind === "share" ? formatPercentTick : (x: number) => formatNumber(x, 1);
}

/** Unit of a change, for axis labels and headers. */
export function deltaUnit(kind: IndicatorKind): string {
  return kind === "share" ? "điểm %" : "điểm";
}

/** +1 when the change is in the good direction, −1 when in the bad one, 0 when flat or unknown. */
export function direction(delta: number | null | undefined, ind: Pick<IndicatorMeta, "higherIsBetter" | "kind">): -1 | 0 | 1 {
  if (delta == null || !Number.isFinite(delta)) return 0;
  const eps = ind.kind === "share" ? 0.0005 : 0.05;
  if (Math.abs(delta) < eps) return 0;
  return (delta > 0) === ind.higherIsBetter ? 1 : -1;
}

export function meetsTarget(value: number | null | undefined, ind: Pick<IndicatorMeta, "target" | "higherIsBetter">): boolean | null {
  if (value == null || ind.target == null) return null;
  return ind.higherIsBetter ? value >= ind.target - 1e-9 : value <= ind.target + 1e-9;
}

// ---------------------------------------------------------------------------------------------------------------
// Compare: rankings, trends, heat map

export type Measure = "value" | "change";

export interface CompareQuery {
  indicator: IndicatorMeta;
  units: SeriesUnit[];
  from: number;
  to: number;
  measure: Measure;
  mode: SeriesMode;
}

export interface RankRow {
  code: string;
  name: string;
  /** The value shown: the value in `to`, or its change since the unit's first year in range. */
  value: number | null;
  /** The unit's value in `to` (also in change mode). */
  latest: number | null;
  /** The first year in range with a value (the base of the change). */
  baseYear: number | null;
  base: number | null;
  rank: number | null;
}

/** Value of a unit in `year` and its change since the first year in [from, to] with a value. */
export function unitChange(series: Series, q: Pick<CompareQuery, "indicator" | "from" | "to" | "mode">, code: string) {
  const latest = series.value(q.indicator.indicator, code, q.to, q.mode);
  let baseYear: number | null = null;
  let base: number | null = null;
  for (const y of series.years) {
    if (y < q.from || y > q.to) continue;
    const v = series.value(q.indicator.indicator, code, y, q.mode);
    if (v != null) {
      baseYear = y;
      base = v;
      break;
    }
  }
  const change = latest != null && base != null && baseYear !== q.to ? latest - base : null;
  return {latest, base, baseYear, change};
}

/**
 * One row per unit, best first: by value in `to` (direction of the indicator respected), or by change since the
 * first year. Units without a value come last with rank null (no report is not a zero).
 */
export function rankRows(series: Series, q: CompareQuery): RankRow[] {
  const rows: RankRow[] = q.units.map((u) => {
    const c = unitChange(series, q, u.code);
    return {
      code: u.code,
      name: u.name,
      value: q.measure === "change" ? c.change : c.latest,
      latest: c.latest,
      base: c.base,
      baseYear: c.baseYear,
      rank: null
    };
  });
  const sign = q.indicator.higherIsBetter ? -1 : 1;
  rows.sort((a, b) => {
    if (a.value == null || b.value == null) return a.value == null ? (b.value == null ? a.name.localeCompare(b.name, "vi") : 1) : -1;
    return sign * (a.value - b.value) || a.name.localeCompare(b.name, "vi");
  });
  // Competition ranking (1, 2, 2, 4) on the values as shown (ties after rounding share a rank).
  let prev: number | null = null;
  let prevRank = 0;
  rows.forEach((r, i) => {
    if (r.value == null) return;
    const shown = Math.round(r.value * 1e4);
    r.rank = prev != null && shown === prev ? prevRank : i + 1;
    prev = shown;
    prevRank = r.rank;
  });
  return rows;
}

export interface TrendRow {
  code: string;
  name: string;
  year: number;
  value: number | null;
}

/** Long rows (unit, year, value) for trend lines and the heat map; in change mode the value is the change since the unit's first year in range. */
export function trendRows(series: Series, q: CompareQuery): TrendRow[] {
  const out: TrendRow[] = [];
  const years = series.years.filter((y) => y >= q.from && y <= q.to);
  for (const u of q.units) {
    const values = years.map((y) => series.value(q.indicator.indicator, u.code, y, q.mode));
    const baseIndex = values.findIndex((v) => v != null);
    const base = baseIndex < 0 ? null : values[baseIndex];
    years.forEach((year, i) => {
      const v = values[i];
      out.push({
        code: u.code,
        name: u.name,
        year,
        value: q.measure === "change" ? (v == null || base == null || i < baseIndex ? null : v - base) : v
      });
    });
  }
  return out;
}

/** Unit types present among the units, in a fixed order. */
export function unitTypes(units: SeriesUnit[], order: string[] = []): string[] {
  const present = new Set(units.map((u) => u.type ?? "khac"));
  return [...order.filter((t) => present.has(t)), ...[...present].filter((t) => !order.includes(t)).sort()];
}

// ---------------------------------------------------------------------------------------------------------------
// Search (unit picker)

/** Lower case without Vietnamese diacritics, so that "chiem hoa" finds "Chiêm Hóa" and "HU-CH". */
export function foldSearch(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether a unit matches every word of the query, by name or code. */
export function matchesUnit(unit: Pick<SeriesUnit, "code" | "name">, query: string): boolean {
  const q = foldSearch(query);
  if (!q) return true;
  const hay = `${foldSearch(unit.name)} ${foldSearch(unit.code)}`;
  return q.split(" ").every((w) => hay.includes(w));
}

// ---------------------------------------------------------------------------------------------------------------
// URL state (shareable views)

export interface CompareState {
  indicator: string;
  /** "committees" or the code of the committee whose grassroots organisations are compared. */
  level: string;
  from: number;
  to: number;
  measure: Measure;
  mode: SeriesMode;
  types: string[] | null;
  units: string[];
}

const KEYS = {
  indicator: "chi-tieu",
  level: "cap",
  from: "tu",
  to: "den",
  measure: "hien-thi",
  mode: "chuoi",
  types: "loai-hinh",
  units: "don-vi"
} as const;

/** The query string of a compare view; defaults are left out to keep shared links short. */
export function encodeCompareState(state: CompareState, defaults: Partial<CompareState> = {}): string {
  const p = new URLSearchParams();
  if (state.indicator !== defaults.indicator) p.set(KEYS.indicator, state.indicator);
  if (state.level !== (defaults.level ?? "committees")) p.set(KEYS.level, state.level === "committees" ? "tinh" : state.level);
  if (state.from !== defaults.from) p.set(KEYS.from, String(state.from));
  if (state.to !== defaults.to) p.set(KEYS.to, String(state.to));
  if (state.measure !== "value") p.set(KEYS.measure, "thay-doi");
  if (state.mode !== "reported") p.set(KEYS.mode, "so-sanh-duoc");
  if (state.types) p.set(KEYS.types, state.types.join(","));
  if (state.units.length) p.set(KEYS.units, state.units.join(","));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Reads a compare view from a query string, falling back to the defaults for anything missing or invalid. */
export function decodeCompareState(
  search: string,
  defaults: CompareState,
  valid: {indicators: string[]; levels: string[]; years: number[]}
): CompareState {
  const p = new URLSearchParams(search);
  const indicator = p.get(KEYS.indicator);
  const rawLevel = p.get(KEYS.level);
  const level = rawLevel === "tinh" ? "committees" : rawLevel;
  const year = (key: string, fallback: number) => {
    const y = Number(p.get(key));
    return valid.years.includes(y) ? y : fallback;
  };
  let from = year(KEYS.from, defaults.from);
  let to = year(KEYS.to, defaults.to);
  if (from > to) [from, to] = [to, from];
  const list = (key: string) =>
    (p.get(key) ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    indicator: indicator && valid.indicators.includes(indicator) ? indicator : defaults.indicator,
    level: level && valid.levels.includes(level) ? level : defaults.level,
    from,
    to,
    measure: p.get(KEYS.measure) === "thay-doi" ? "change" : "value",
    mode: p.get(KEYS.mode) === "so-sanh-duoc" ? "comparable" : "reported",
    types: p.has(KEYS.types) ? list(KEYS.types) : defaults.types,
    units: p.has(KEYS.units) ? list(KEYS.units) : defaults.units
  };
}
