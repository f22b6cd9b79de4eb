// One committee's files (dang-bo/<code>/): its grassroots organisations and cells — the unit pages, the tree
// below the committee, the comparison series and the export tables. Each is computed from the committee's own
// rows only, so a refresh of one committee rewrites that committee's files and no other committee's.
import type {SeriesUnit} from "../../src/components/series.ts";
import type {LedgerEntry} from "./ledger.ts";
import {sqlString, type Context, type UnitRow} from "./marts.ts";
import {exportFile, type Period} from "./exports.ts";
import {siblingRanks, type Ranks} from "./ranks.ts";
import {comparableRows, seriesFromRows, seriesUnit, valueRows} from "./series.ts";
import {loadAbsorbed, type Absorbed} from "./summary.ts";

const GRASSROOTS = new Set(["dang_bo_co_so", "chi_bo_co_so"]);

/** dang-bo/<code>/don-vi.json */
export interface CommitteeUnitsFile {
  committee: string;
  /** The committee's grassroots organisations and cells, grassroots first, each by name. */
  units: SeriesUnit[];
  /** Yearly and term values of those units; numerators and denominators of the grassroots organisations. */
  series: ReturnType<typeof seriesFromRows>;
  /** Each unit's rank among its siblings (the committee's own rank is in the summary series). */
  ranks: Ranks;
  ledger: LedgerEntry[] | null;
  absorbed: Absorbed[];
  absorbedSource: string;
}

export interface CommitteeFiles {
  units: CommitteeUnitsFile;
  series: ReturnType<typeof seriesFromRows>;
  exportGrassroots: ReturnType<typeof exportFile>;
  exportCells: ReturnType<typeof exportFile>;
}

/** The units of a committee below it, in the order the tree shows them. */
export function unitsOf(ctx: Context, committee: string): UnitRow[] {
  const mine = ctx.units.filter((u) => u.committee === committee && u.code !== committee && u.level !== "tinh" && u.level !== "tren_co_so");
  const rank = (u: UnitRow) => (GRASSROOTS.has(u.level) ? 0 : 1);
  return mine.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "vi") || a.code.localeCompare(b.code));
}

export async function committeeFiles(ctx: Context, committee: string, yearTerm: Period[], ledger: LedgerEntry[] | null): Promise<CommitteeFiles> {
  const {m, catalog, years, terms} = ctx;
  const where = `u.committee_code = ${sqlString(committee)} AND u.unit_code <> ${sqlString(committee)}`;
  const units = unitsOf(ctx, committee);
  const grassroots = units.filter((u) => GRASSROOTS.has(u.level));
  const cells = units.filter((u) => u.level === "chi_bo");
  const rows = await valueRows(m, where);
  const comparable = await comparableRows(m, where);
  const series = seriesFromRows(rows, {units, catalog, years, terms, counts: new Set(grassroots.map((g) => g.code)), comparable});
  const ranks = await siblingRanks(m, where, years);
  const absorbed = await loadAbsorbed(ctx, `u.committee_code = ${sqlString(committee)}`);
  const byCode = (list: UnitRow[]) => [...list].sort((a, b) => a.code.localeCompare(b.code));
  return {
    units: {committee, units: units.map(seriesUnit), series, ranks, ledger, absorbed, absorbedSource: "unit_absorptions"},
    series: seriesFromRows(rows, {units: grassroots, catalog, years, terms, comparable}),
    exportGrassroots: exportFile(byCode(grassroots), yearTerm, rows),
    exportCells: exportFile(byCode(cells), yearTerm, rows)
  };
}
