// The report table of Xuất dữ liệu: one row per unit in the order of the hierarchy (the province, then each
// committee followed by its own units), one column per chosen indicator for one year, optionally followed by the
// change from the previous year — the table a staff member pastes into a report. Pure (no DOM).
import {exportChange, exportFigure, unitSuffix} from "./export-figures.js";
import {exportRows, type ExportFile, type ExportRow} from "./export-data.js";
import type {ExportColumn, ExportTable} from "./export-table.js";
import type {IndicatorMeta, SeriesUnit} from "./series.js";

/** Units parent first, each followed by its children (depth-first), siblings in the order given. */
export function hierarchyOrder(units: SeriesUnit[]): {unit: SeriesUnit; depth: number}[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const children = new Map<string, SeriesUnit[]>();
  const roots: SeriesUnit[] = [];
  for (const u of units) {
    if (u.parent && byCode.has(u.parent) && u.parent !== u.code) {
      if (!children.has(u.parent)) children.set(u.parent, []);
      children.get(u.parent)!.push(u);
    } else roots.push(u);
  }
  const out: {unit: SeriesUnit; depth: number}[] = [];
  const seen = new Set<string>();
  const visit = (u: SeriesUnit, depth: number) => {
    if (seen.has(u.code)) return;
    seen.add(u.code);
    out.push({unit: u, depth});
    for (const c of children.get(u.code) ?? []) visit(c, depth + 1);
  };
  roots.forEach((u) => visit(u, 0));
  return out;
}

export interface ReportOptions {
  indicators: string[];
  year: number;
  /** Add, after each indicator, its change from the previous year. */
  change?: boolean;
  units?: string[] | null;
  committee?: string | null;
}

/** The years the files hold values for (ascending). */
export function reportYears(files: ExportFile[]): number[] {
  const years = new Set<number>();
  for (const f of files) f.periods.forEach((p, i) => f.types[i] === "year" && years.add(Number(p)));
  return [...years].sort((a, b) => a - b);
}

export function reportTable(files: ExportFile[], catalog: IndicatorMeta[], opts: ReportOptions): ExportTable {
  const {year, change = false} = opts;
  const indicators = catalog.filter((c) => opts.indicators.includes(c.indicator));
  const rows = exportRows(files, catalog, {
    indicators: opts.indicators,
    periodTypes: ["year"],
    periods: change ? [String(year), String(year - 1)] : [String(year)],
    units: opts.units ?? null,
    committee: opts.committee ?? null
  });
  const at = new Map<string, ExportRow>(rows.map((r) => [`${r.unit.code}|${r.indicator.indicator}|${r.period}`, r]));
  // Units with at least one value in the year, once each.
  const units = [...new Map(rows.filter((r) => r.period === String(year)).map((r) => [r.unit.code, r.unit])).values()];
  const columns: ExportColumn[] = [
    {header: "Đơn vị", kind: "text", width: 40},
    {header: "Mã đơn vị", kind: "text", width: 14}
  ];
  for (const ind of indicators) {
    if (ind.kind === "rank") {
      columns.push({header: ind.short, kind: "count", title: ind.name}, {header: "Số đơn vị được xếp hạng", kind: "count", title: "Số đơn vị cùng cấp trên được xếp hạng"});
      continue;
    }
    columns.push({header: `${ind.short}${unitSuffix(ind)}`, kind: ind.kind === "share" ? "percent" : "score", title: ind.name});
    if (change) {
      columns.push({
        header: `${ind.short}: thay đổi so với ${year - 1}${ind.kind === "share" ? " (điểm %)" : " (điểm)"}`,
        kind: "change",
        title: `${ind.name}: năm ${year} trừ năm ${year - 1}`
      });
    }
  }
  const ordered = hierarchyOrder(units);
  return {
    columns,
    depth: ordered.map((o) => o.depth),
    rows: ordered.map(({unit}) => {
      const cells: (string | number | null)[] = [unit.name, unit.code];
      for (const ind of indicators) {
        const now = at.get(`${unit.code}|${ind.indicator}|${year}`);
        const f = now ? exportFigure(ind, now.numerator, now.denominator, now.value, 1) : null;
        if (ind.kind === "rank") {
          cells.push(f?.value ?? null, f?.denominator ?? null);
          continue;
        }
        cells.push(f?.value ?? null);
        if (change) cells.push(exportChange(ind, now?.value, at.get(`${unit.code}|${ind.indicator}|${year - 1}`)?.value, 1));
      }
      return cells;
    })
  };
}
