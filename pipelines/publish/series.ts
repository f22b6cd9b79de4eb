// Builds the compact yearly/term series files the pages read (see src/components/series.ts for the format):
// one array per indicator × unit, aligned with the list of years, values as integers scaled per indicator.
import type {CatalogEntry, Marts, Row, UnitRow} from "./marts.ts";
import {num} from "./marts.ts";
import {SCALES} from "../../src/components/series.ts";
import type {SeriesFile, SeriesUnit} from "../../src/components/series.ts";

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

/**
 * Rows of indicator_values (year and term) of the units `where` selects, a condition on `u` (dim_units), e.g.
 * `u.committee_code = 'HU-SD'`. Filtering through dim_units lets DuckDB push the unit filter into the marts.
 */
export async function valueRows(m: Marts, where: string): Promise<Row[]> {
  return m.query(
    `SELECT v.unit_code, v.period_type, v.period, v.indicator, v.numerator, v.denominator, v.value
     FROM wh.indicator_values v JOIN wh.dim_units u ON u.unit_code = v.unit_code
     WHERE v.period_type IN ('year', 'term') AND (${where})
     ORDER BY v.unit_code, v.indicator, v.period_type, v.period`
  );
}

/** Comparable (lineage) yearly values of the units `where` selects (see valueRows). */
export async function comparableRows(m: Marts, where: string): Promise<Row[]> {
  return m.query(
    `SELECT v.unit_code, v.period, v.indicator, v.value
     FROM wh.indicator_values_comparable v JOIN wh.dim_units u ON u.unit_code = v.unit_code
     WHERE v.period_type = 'year' AND (${where})
     ORDER BY v.unit_code, v.indicator, v.period`
  );
}

export interface FromRowsOptions {
  units: UnitRow[];
  catalog: CatalogEntry[];
  years: number[];
  terms: string[];
  /** Units whose numerators and denominators are shipped (default: none). */
  counts?: Set<string> | boolean;
  /** Comparable yearly rows (comparableRows) of these units: shipped where they differ from the reported ones. */
  comparable?: Row[];
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
  if (opts.comparable) {
    const c: Grid = {};
    for (const r of opts.comparable) {
      const unit = String(r.unit_code);
      const ind = String(r.indicator);
      const s = scale[ind];
      const i = yearIndex.get(String(r.period));
      if (!wanted.has(unit) || s == null || i == null) continue;
      put(c, ind, unit, i, years.length, encode(r.value, s));
    }
    file.c = comparableDiff(file.v, c, years.length);
  }
  return file;
}

type Grid = Record<string, Record<string, (number | null)[]>>;

function put(target: Grid, ind: string, unit: string, i: number, length: number, value: number | null): void {
  const byUnit = (target[ind] ??= {});
  const arr = (byUnit[unit] ??= new Array(length).fill(null));
  arr[i] = value;
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
