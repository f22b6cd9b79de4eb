// What most loaders start from: the warehouse opened read-only, the units, the province and its committees,
// the catalog, the years and terms that have values.
import type {CatalogEntry, UnitRow, Warehouse} from "./warehouse.ts";
import {findCommittees, findProvince, loadCatalog, loadUnits, openWarehouse, requireCoreTables} from "./warehouse.ts";

export interface Context {
  wh: Warehouse;
  units: UnitRow[];
  byCode: Map<string, UnitRow>;
  province: UnitRow;
  committees: UnitRow[];
  /** Grassroots organisations (đảng bộ cơ sở, chi bộ cơ sở) by committee, sorted by name. */
  grassroots: UnitRow[];
  catalog: CatalogEntry[];
  years: number[];
  terms: string[];
}

export async function openContext(): Promise<Context> {
  const wh = await openWarehouse();
  await requireCoreTables(wh);
  const units = await loadUnits(wh);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const province = findProvince(units);
  const committees = findCommittees(units, province);
  const committeeOrder = new Map(committees.map((c, i) => [c.code, i]));
  const grassroots = units
    .filter((u) => (u.level === "dang_bo_co_so" || u.level === "chi_bo_co_so") && u.committee != null)
    .sort(
      (a, b) =>
        (committeeOrder.get(a.committee!) ?? 99) - (committeeOrder.get(b.committee!) ?? 99) || a.name.localeCompare(b.name, "vi")
    );
  const catalog = await loadCatalog(wh);
  const periods = await wh.query(
    `SELECT DISTINCT period_type, period FROM wh.indicator_values WHERE period_type IN ('year', 'term') ORDER BY period`
  );
  const years = periods
    .filter((r) => r.period_type === "year" && /^\d{4}$/.test(String(r.period)))
    .map((r) => Number(r.period))
    .sort((a, b) => a - b);
  const terms = periods.filter((r) => r.period_type === "term").map((r) => String(r.period));
  return {wh, units, byCode, province, committees, grassroots, catalog, years, terms};
}
