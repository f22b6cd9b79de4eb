// A unit's page data (UnitPageData of ./unit-page.ts) assembled in the browser from the published files: the
// province summary series (province and committees, with counts and the committees' ranks) and, for a
// committee or one of its grassroots organisations, that committee's units file. Pure: tested under Node.
import type {CrosswalkRow} from "./crosswalk-table.js";
import type {SeriesFile, SeriesUnit} from "./series.js";
import type {LedgerEntry, SiteInfo, UnitPageData} from "./unit-page.js";

type Grid = Record<string, Record<string, (number | null)[]>>;
export type Ranks = Record<string, Record<string, {rank: (number | null)[]; of: (number | null)[]}>>;
export type Absorbed = UnitPageData["absorbed"][number];

/** tong-hop/chuoi.json */
export interface UpperSeries extends SeriesFile {
  ranks?: Ranks;
}

/** dang-bo/<code>/don-vi.json */
export interface CommitteeUnits {
  committee: string;
  units: SeriesUnit[];
  series: SeriesFile;
  ranks: Ranks;
  ledger: LedgerEntry[] | null;
  absorbed: Absorbed[];
  absorbedSource: string;
}

/** Levels that have a unit page (cells are shown on their grassroots organisation's page). */
export const PAGE_LEVELS = new Set(["tinh", "tren_co_so", "dang_bo_co_so", "chi_bo_co_so"]);

function pick(grid: Grid | undefined, codes: Set<string>): Grid {
  const out: Grid = {};
  for (const [ind, byUnit] of Object.entries(grid ?? {})) {
    for (const [code, arr] of Object.entries(byUnit)) if (codes.has(code)) (out[ind] ??= {})[code] = arr;
  }
  return out;
}

function merge(a: Grid, b: Grid): Grid {
  const out: Grid = {...a};
  for (const [ind, byUnit] of Object.entries(b)) out[ind] = {...(out[ind] ?? {}), ...byUnit};
  return out;
}

/** The crosswalk rows of a unit's page: those that name it, and the other pieces of a unit it was split from. */
export function rowsNaming(code: string, rows: CrosswalkRow[]): CrosswalkRow[] {
  const splitFrom = new Set(rows.filter((r) => r.kind === "tach" && r.newCode === code).map((r) => r.oldCode));
  return rows.filter((r) => r.oldCode === code || r.newCode === code || r.movedCode === code || (r.kind === "tach" && splitFrom.has(r.oldCode)));
}

export interface AssembleOptions {
  site: SiteInfo & {absorbedCommittees?: Absorbed[]};
  upper: UpperSeries;
  /** The unit's committee's units file (null for the province, or when the reader may not read it). */
  committee: CommitteeUnits | null;
  /** The whole ledger, for the province's page (province users only). */
  provinceLedger?: LedgerEntry[] | null;
  /** The crosswalk rows of the unit's committee, or the province's for the province (null: none published or readable). */
  crosswalk?: CrosswalkRow[] | null;
}

/** The page of `code`, or null when no published file knows it. */
export function assembleUnitPage(code: string, o: AssembleOptions): UnitPageData | null {
  const units = new Map<string, SeriesUnit>();
  for (const u of o.upper.units) units.set(u.code, u);
  for (const u of o.committee?.units ?? []) units.set(u.code, u);
  const unit = units.get(code);
  if (!unit) return null;
  const ancestors: SeriesUnit[] = [];
  for (let p = unit.parent ? units.get(unit.parent) : undefined; p && !ancestors.includes(p); p = p.parent ? units.get(p.parent) : undefined) ancestors.unshift(p);
  const children = [...units.values()].filter((u) => u.parent === code).sort((a, b) => a.name.localeCompare(b.name, "vi"));
  const shown = new Set([code, ...ancestors.map((a) => a.code), ...children.map((c) => c.code)]);
  const counted = new Set([code, ...ancestors.map((a) => a.code)]);
  const upper = o.upper;
  const lower = o.committee?.series;
  const series: SeriesFile = {
    years: upper.years,
    terms: upper.terms,
    scale: upper.scale,
    units: [...shown].map((c) => units.get(c)!).filter(Boolean),
    v: merge(pick(upper.v, shown), pick(lower?.v, shown)),
    t: merge(pick(upper.t, shown), pick(lower?.t, shown)),
    // Counts of the unit and its ancestors; of its children too when its committee's file holds them (a
    // committee's grassroots organisations: their denominators decide who is ranked, ranking-rule.ts).
    n: merge(pick(upper.n, counted), pick(lower?.n, shown)),
    d: merge(pick(upper.d, counted), pick(lower?.d, shown)),
    c: merge(pick(upper.c, shown), pick(lower?.c, shown))
  };
  const isProvince = unit.level === "tinh";
  const committeeCode = isProvince ? null : unit.level === "tren_co_so" ? unit.code : (unit.committee ?? o.committee?.committee ?? null);
  const below = (c: string): boolean => {
    for (let u = units.get(c); u; u = u.parent ? units.get(u.parent) : undefined) if (u.code === code) return true;
    return false;
  };
  const absorbed = isProvince ? (o.site.absorbedCommittees ?? []) : (o.committee?.absorbed ?? []).filter((a) => a.into === code || below(a.into));
  return {
    unit,
    ancestors: ancestors.map((a) => ({code: a.code, name: a.name, level: a.level})),
    children: children.map((c) => c.code),
    pageChildren: children.filter((c) => PAGE_LEVELS.has(c.level)).map((c) => c.code),
    series,
    ranks: upper.ranks?.[code] ?? o.committee?.ranks[code] ?? {},
    ledger: isProvince ? (o.provinceLedger ?? null) : (o.committee?.ledger ?? null),
    ledgerScope: isProvince ? "province" : committeeCode,
    absorbed,
    absorbedSource: o.committee?.absorbedSource ?? "unit_absorptions",
    // The province and a committee show their whole file; a unit below, the rows that name it.
    crosswalk: isProvince || unit.level === "tren_co_so" ? (o.crosswalk ?? []) : rowsNaming(code, o.crosswalk ?? [])
  };
}

export interface SearchUnit {
  code: string;
  name: string;
  level: string;
  committee: string | null;
  /** The folded name and code, computed once (see withKeys). */
  key?: string;
}

/** The units with their search keys folded once, so that a keystroke does not fold tens of thousands of names. */
export function withKeys<T extends SearchUnit>(list: T[], fold: (s: string) => string): T[] {
  for (const u of list) u.key = `${fold(u.name)} ${fold(u.code)}`;
  return list;
}

const collator = new Intl.Collator("vi");

/**
 * Units whose name or code holds every word of the query, ignoring diacritics and case ("son duong" finds
 * "Sơn Dương"); at most `limit`, committees first, then by name. `fold` is foldSearch of ./series.ts.
 */
export function searchUnits(list: SearchUnit[], query: string, fold: (s: string) => string, limit = 200): {found: SearchUnit[]; total: number} {
  const words = fold(query).split(" ").filter(Boolean);
  if (!words.length) return {found: [], total: 0};
  const hits = list.filter((u) => {
    const hay = u.key ?? `${fold(u.name)} ${fold(u.code)}`;
    return words.every((w) => hay.includes(w));
  });
  const rank = (u: SearchUnit) => (u.level === "tinh" ? 0 : u.level === "tren_co_so" ? 1 : 2);
  hits.sort((a, b) => rank(a) - rank(b) || collator.compare(a.name, b.name));
  return {found: hits.slice(0, limit), total: hits.length};
}
