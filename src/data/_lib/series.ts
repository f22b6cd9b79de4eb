// Builds the compact yearly/term series files the pages read (see src/components/series.ts for the format):
// one array per indicator × unit, aligned with the list of years, values as integers scaled per indicator.
import type {CatalogEntry, ComparableSource, Row, UnitRow, Warehouse} from "./warehouse.ts";
import {num, sqlList} from "./warehouse.ts";
import {SCALES} from "../../components/series.ts";
import type {SeriesFile, SeriesUnit} from "../../components/series.ts";

export function scaleOf(kind: CatalogEntry["kind"]): number {
  return SCALES[kind];
}

function encode(x: unknown, scale: number): number | null {
  const n = num(x);
  return n == null ? null : Math.round(n * scale);
}

export function seriesUnit(u: UnitRow): SeriesUnit {
  const out: SeriesUnit = {code: u.code, name: u.name, level: u.level};
  if (u.parent) out.parent = u.parent;
  if (u.committee && u.committee !== u.code) out.committee = u.committee;
  if (u.type) out.type = u.type;
  if (u.validFrom) out.from = u.validFrom;
  if (u.validTo) out.to = u.validTo;
  if (u.mergedInto) out.merged = u.mergedInto;
  return out;
}

export interface SeriesOptions {
  units: UnitRow[];
  catalog: CatalogEntry[];
  years: number[];
  terms: string[];
  /** Include numerators and denominators (tooltips, exports). */
  counts?: boolean;
  comparable?: ComparableSource | null;
}

/** Rows of indicator_values (year and term) for the given units. */
export async function valueRows(wh: Warehouse, codes: string[]): Promise<Row[]> {
  if (!codes.length) return [];
  return wh.query(
    `SELECT unit_code, period_type, period, indicator, numerator, denominator, value FROM wh.indicator_values
     WHERE period_type IN ('year', 'term') AND unit_code IN (${sqlList(codes)})`
  );
}

export interface FromRowsOptions {
  units: UnitRow[];
  catalog: CatalogEntry[];
  years: number[];
  terms: string[];
  /** Units whose numerators and denominators are shipped (default: none). */
  counts?: Set<string> | boolean;
}

/** A series file from rows already read (several files can share one query). */
export function seriesFromRows(rows: Row[], opts: FromRowsOptions): SeriesFile {
  const {units, catalog, years, terms} = opts;
  const wanted = new Set(units.map((u) => u.code));
  const yearIndex = new Map(years.map((y, i) => [String(y), i]));
  const termIndex = new Map(terms.map((t, i) => [t, i]));
  const scale = Object.fromEntries(catalog.map((c) => [c.indicator, scaleOf(c.kind)]));
  const file: SeriesFile = {years, terms, scale, units: units.map(seriesUnit), v: {}, t: {}};
  const withCounts = opts.counts ?? false;
  const counted = (code: string) => (typeof withCounts === "boolean" ? withCounts : withCounts.has(code));
  if (withCounts !== false) {
    file.n = {};
    file.d = {};
  }
  const put = (target: Grid, ind: string, unit: string, i: number, length: number, value: number | null) => {
    const byUnit = (target[ind] ??= {});
    const arr = (byUnit[unit] ??= new Array(length).fill(null));
    arr[i] = value;
  };
  const count = (x: unknown) => (num(x) == null ? null : Math.round(Number(x) * 100) / 100);
  for (const r of rows) {
    const unit = String(r.unit_code);
    if (!wanted.has(unit)) continue;
    const ind = String(r.indicator);
    const s = scale[ind];
    if (s == null) continue;
    if (r.period_type === "year") {
      const i = yearIndex.get(String(r.period));
      if (i == null) continue;
      put(file.v, ind, unit, i, years.length, encode(r.value, s));
      if (file.n && file.d && counted(unit)) {
        put(file.n, ind, unit, i, years.length, count(r.numerator));
        put(file.d, ind, unit, i, years.length, count(r.denominator));
      }
    } else if (r.period_type === "term") {
      const i = termIndex.get(String(r.period));
      if (i == null) continue;
      put(file.t!, ind, unit, i, terms.length, encode(r.value, s));
    }
  }
  return file;
}

type Grid = Record<string, Record<string, (number | null)[]>>;

/** Yearly and term values of the given units for every catalog indicator. */
export async function buildSeries(wh: Warehouse, opts: SeriesOptions): Promise<SeriesFile> {
  const {units, years} = opts;
  const codes = units.map((u) => u.code);
  const yearIndex = new Map(years.map((y, i) => [String(y), i]));
  const file = seriesFromRows(await valueRows(wh, codes), {...opts, counts: opts.counts ?? false});
  const scale = file.scale;
  const put = (target: Grid, ind: string, unit: string, i: number, length: number, value: number | null) => {
    const byUnit = (target[ind] ??= {});
    const arr = (byUnit[unit] ??= new Array(length).fill(null));
    arr[i] = value;
  };
  if (opts.comparable && codes.length) {
    // Comparable series: only where it differs from the as-reported one (units that absorbed others).
    const comp = await wh.query(
      `SELECT unit_code, period, indicator, value FROM (${opts.comparable.sql}) c
       WHERE period_type = 'year' AND unit_code IN (${sqlList(codes)})`
    );
    const c: Record<string, Record<string, (number | null)[]>> = {};
    for (const r of comp) {
      const ind = String(r.indicator);
      const s = scale[ind];
      const i = yearIndex.get(String(r.period));
      if (s == null || i == null) continue;
      put(c, ind, String(r.unit_code), i, years.length, encode(r.value, s));
    }
    file.c = comparableDiff(file.v, c, years.length);
  }
  return file;
}

/**
 * The comparable grid reduced to what differs from the as-reported one: units whose comparable values equal the
 * reported ones are left out (the reader falls back to `v`); units with reported values but no comparable row
 * (merged away: the comparable series has no rows for them) get an all-null row.
 */
export function comparableDiff(reportedGrid: Grid, comparableGrid: Grid, length: number): Grid {
  const out: Grid = {};
  for (const [ind, byUnit] of Object.entries(reportedGrid)) {
    for (const [unit, reported] of Object.entries(byUnit)) {
      const comp = comparableGrid[ind]?.[unit] ?? new Array(length).fill(null);
      if (!reported.every((x, i) => x === comp[i])) (out[ind] ??= {})[unit] = comp;
    }
  }
  for (const [ind, byUnit] of Object.entries(comparableGrid)) {
    for (const [unit, comp] of Object.entries(byUnit)) {
      if (!reportedGrid[ind]?.[unit] && comp.some((x) => x != null)) (out[ind] ??= {})[unit] = comp;
    }
  }
  return out;
}
