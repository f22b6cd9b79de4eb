// The pivot of Xuất dữ liệu: the user puts two of the three dimensions (unit, period, indicator) on the rows and
// the columns and picks one value of the third; each cell is that unit's figure for that period and indicator.
// The result is an ExportTable, drawn and downloaded as it is. Pure (no DOM).
import {exportFigure, unitSuffix} from "./export-figures.js";
import {PERIOD_TYPE_LABELS, type ExportRow} from "./export-data.js";
import {hierarchyOrder} from "./export-report.js";
import type {ExportColumn, ExportColumnKind, ExportTable} from "./export-table.js";
import type {IndicatorMeta} from "./series.js";

export type PivotDim = "unit" | "period" | "indicator";
export const PIVOT_DIMS: PivotDim[] = ["unit", "period", "indicator"];
export const PIVOT_DIM_LABELS: Record<PivotDim, string> = {unit: "Đơn vị", period: "Kỳ", indicator: "Chỉ tiêu"};

export interface PivotItem {
  key: string;
  label: string;
  /** Units: the code, shown in a column of its own. */
  code?: string;
  /** Indicators: the kind of the figures. */
  kind?: ExportColumnKind;
  /** Indicators: the header suffix of the unit ("(%)"). */
  unit?: string;
  title?: string;
}

/** The rank's companion: the number of units ranked, so that a rank is never read without its n. */
const RANKED = "#n";

const TYPE_ORDER = ["year", "term", "quarter", "month"];

export function periodLabel(type: string, period: string): string {
  if (type === "year") return period;
  if (type === "term") return `Nhiệm kỳ ${period.replace("-", "–")}`;
  if (type === "quarter") return period.replace(/^(\d{4})-Q(\d)$/, "Quý $2/$1");
  if (type === "month") return period.replace(/^(\d{4})-(\d{2})$/, "Tháng $2/$1");
  return `${PERIOD_TYPE_LABELS[type] ?? type} ${period}`;
}

function indicatorKind(ind: IndicatorMeta): ExportColumnKind {
  return ind.kind === "share" ? "percent" : ind.kind === "score" ? "score" : "count";
}

/** The values each dimension takes in the rows: units in hierarchy order, periods by type then time, indicators in catalog order. */
export function pivotItems(rows: ExportRow[]): Record<PivotDim, PivotItem[]> {
  const units = [...new Map(rows.map((r) => [r.unit.code, r.unit])).values()];
  const periods = [...new Map(rows.map((r) => [`${r.periodType}|${r.period}`, r])).values()].sort(
    (a, b) => TYPE_ORDER.indexOf(a.periodType) - TYPE_ORDER.indexOf(b.periodType) || a.period.localeCompare(b.period)
  );
  const indicators = [...new Map(rows.map((r) => [r.indicator.indicator, r.indicator])).values()];
  return {
    unit: hierarchyOrder(units).map(({unit}) => ({key: unit.code, label: unit.name, code: unit.code})),
    period: periods.map((r) => ({key: `${r.periodType}|${r.period}`, label: periodLabel(r.periodType, r.period)})),
    indicator: indicators.flatMap((ind) => {
      const item: PivotItem = {key: ind.indicator, label: ind.short, kind: indicatorKind(ind), unit: unitSuffix(ind), title: ind.name};
      if (ind.kind !== "rank") return [item];
      return [item, {key: ind.indicator + RANKED, label: "Số đơn vị được xếp hạng", kind: "count", unit: "", title: "Số đơn vị cùng cấp trên được xếp hạng"}];
    })
  };
}

export interface PivotSpec {
  rows: PivotDim;
  columns: PivotDim;
  /** The key of the chosen value of the third dimension. */
  fixed: string;
}

/** The dimension neither on rows nor on columns. */
export function fixedDim(spec: Pick<PivotSpec, "rows" | "columns">): PivotDim {
  return PIVOT_DIMS.find((d) => d !== spec.rows && d !== spec.columns)!;
}

function keysOf(r: ExportRow): Record<PivotDim, string> {
  return {unit: r.unit.code, period: `${r.periodType}|${r.period}`, indicator: r.indicator.indicator};
}

export function pivotTable(rows: ExportRow[], spec: PivotSpec, items: Record<PivotDim, PivotItem[]> = pivotItems(rows)): ExportTable {
  if (spec.rows === spec.columns) throw new Error("rows and columns must differ");
  const third = fixedDim(spec);
  const fixedItem = items[third].find((i) => i.key === spec.fixed);
  // Cell lookup: a rank's companion reads the same row's denominator.
  const cells = new Map<string, ExportRow>();
  for (const r of rows) {
    const k = keysOf(r);
    cells.set(`${k.unit}|${k.period}|${k.indicator}`, r);
  }
  const figure = (pos: Record<PivotDim, string>): number | null => {
    const ranked = pos.indicator.endsWith(RANKED);
    const code = ranked ? pos.indicator.slice(0, -RANKED.length) : pos.indicator;
    const r = cells.get(`${pos.unit}|${pos.period}|${code}`);
    if (!r) return null;
    const f = exportFigure(r.indicator, r.numerator, r.denominator, r.value, 1);
    return ranked ? f.denominator : f.value;
  };
  const rowItems = items[spec.rows];
  const colItems = items[spec.columns];
  const withUnit = (item: PivotItem, dim: PivotDim) => (dim === "indicator" ? `${item.label}${item.unit ?? ""}` : item.label);
  const fixedUnit = third === "indicator" ? fixedItem?.unit ?? "" : "";
  const columns: ExportColumn[] = [{header: PIVOT_DIM_LABELS[spec.rows], kind: "text", width: spec.rows === "unit" ? 40 : 26}];
  if (spec.rows === "unit") columns.push({header: "Mã đơn vị", kind: "text", width: 14});
  for (const c of colItems) {
    columns.push({
      header: `${withUnit(c, spec.columns)}${fixedUnit}`,
      kind: spec.columns === "indicator" ? c.kind ?? "score" : fixedItem?.kind ?? "score",
      title: c.title,
      byRow: spec.rows === "indicator"
    });
  }
  return {
    columns,
    rowKind: spec.rows === "indicator" ? rowItems.map((r) => r.kind ?? null) : undefined,
    rows: rowItems.map((ri) => {
      const head: (string | number | null)[] = [withUnit(ri, spec.rows)];
      if (spec.rows === "unit") head.push(ri.code ?? ri.key);
      return [
        ...head,
        ...colItems.map((ci) => figure({[spec.rows]: ri.key, [spec.columns]: ci.key, [third]: spec.fixed} as Record<PivotDim, string>))
      ];
    })
  };
}
