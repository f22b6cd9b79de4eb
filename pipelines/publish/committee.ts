// The committees' files (dang-bo/<code>/): each committee's grassroots organisations and cells — the unit pages,
// the tree below the committee, the comparison series and the export tables. Each is computed from the
// committee's own rows only, so a refresh of one committee rewrites that committee's files and no other
// committee's. Committees are computed in batches, several in one query: DuckDB reads the values once per batch.
import type {LedgerEntry} from "./ledger.ts";
import {sqlList, type Context, type UnitRow} from "./marts.ts";
import type {Period} from "./exports.ts";
import {groupedGrids, jsonObject, type Grids} from "./grids.ts";
import {scaleOf, seriesUnit} from "./series.ts";
import {loadAbsorbed} from "./summary.ts";

const GRASSROOTS = new Set(["dang_bo_co_so", "chi_bo_co_so"]);
const IS_GRASSROOTS = `u.level IN ('dang_bo_co_so', 'chi_bo_co_so')`;

/** A grid's JSON text with the units of `keep` only. */
function pickUnits(grid: string | null, keep: Set<string>): string | null {
  if (grid == null) return null;
  const g = JSON.parse(grid) as Record<string, Record<string, unknown>>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [ind, byUnit] of Object.entries(g)) {
    const kept = Object.entries(byUnit).filter(([code]) => keep.has(code));
    if (kept.length) out[ind] = Object.fromEntries(kept);
  }
  return JSON.stringify(out);
}

/** The series grids of some units only (the grassroots organisations' comparison series from the committee's). */
function onlyUnits(s: Grids["series"], keep: Set<string>): Grids["series"] {
  return {v: pickUnits(s.v, keep)!, t: pickUnits(s.t, keep)!, n: null, d: null, c: pickUnits(s.c, keep)};
}

/** The units of a committee below it, in the order the tree shows them. */
export function unitsOf(ctx: Context, committee: string): UnitRow[] {
  const mine = ctx.units.filter((u) => u.committee === committee && u.code !== committee && u.level !== "tinh" && u.level !== "tren_co_so");
  const rank = (u: UnitRow) => (GRASSROOTS.has(u.level) ? 0 : 1);
  return mine.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "vi") || a.code.localeCompare(b.code));
}

export type CommitteeJson = Record<"units" | "series" | "exportGrassroots" | "exportCells", string>;

/** The files of several committees as JSON text, by the keys of COMMITTEE_FILES (the Parquet files are apart). */
export async function committeeBatch(ctx: Context, committees: string[], yearTerm: Period[], ledger: (committee: string) => LedgerEntry[] | null): Promise<Map<string, CommitteeJson>> {
  const {m, catalog, years, terms} = ctx;
  const where = `u.committee_code IN (${sqlList(committees)}) AND u.level NOT IN ('tinh', 'tren_co_so')`;
  const all = await groupedGrids(m, {
    where,
    group: "u.committee_code",
    years,
    terms,
    counted: IS_GRASSROOTS,
    comparable: true,
    ranks: true,
    rankRules: ctx.rankRules,
    exports: [
      {name: "g", where: IS_GRASSROOTS, periods: yearTerm},
      {name: "c", where: `u.level = 'chi_bo'`, periods: yearTerm}
    ]
  });
  const absorbed = await loadAbsorbed(ctx, `u.committee_code IN (${sqlList(committees)})`);
  const scale = Object.fromEntries(catalog.map((x) => [x.indicator, scaleOf(x.kind)]));
  const empty = "{}";
  const series = (list: UnitRow[], g: Grids["series"] | undefined, counts: boolean) =>
    jsonObject({
      years,
      terms,
      scale,
      units: list.map(seriesUnit),
      v: {raw: g?.v ?? empty},
      t: {raw: g?.t ?? empty},
      n: counts ? {raw: g?.n ?? empty} : undefined,
      d: counts ? {raw: g?.d ?? empty} : undefined,
      c: {raw: g?.c ?? empty}
    });
  const exportFile = (list: UnitRow[], e: {n: string; d: string; v: string} | undefined) =>
    jsonObject({units: list.map(seriesUnit), periods: yearTerm.map((p) => p.period), types: yearTerm.map((p) => p.type), n: {raw: e?.n ?? empty}, d: {raw: e?.d ?? empty}, v: {raw: e?.v ?? empty}});
  const byCode = (list: UnitRow[]) => [...list].sort((a, b) => a.code.localeCompare(b.code));
  const out = new Map<string, CommitteeJson>();
  for (const committee of committees) {
    const units = unitsOf(ctx, committee);
    const grassroots = units.filter((u) => GRASSROOTS.has(u.level));
    const g = all.get(committee);
    const intoMine = new Set([committee, ...units.map((u) => u.code)]);
    out.set(committee, {
      units: jsonObject({
        committee,
        units: units.map(seriesUnit),
        series: {raw: series(units, g?.series, true)},
        ranks: {raw: g?.ranks ?? empty},
        ledger: ledger(committee),
        absorbed: absorbed.filter((a) => intoMine.has(a.into)),
        absorbedSource: "unit_absorptions"
      }),
      series: series(grassroots, g && onlyUnits(g.series, new Set(grassroots.map((u) => u.code))), false),
      exportGrassroots: exportFile(byCode(grassroots), g?.exports.g),
      exportCells: exportFile(byCode(units.filter((u) => u.level === "chi_bo")), g?.exports.c)
    });
  }
  return out;
}
