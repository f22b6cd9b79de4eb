// The long table of Xuất dữ liệu (one row per unit × period × indicator): the published format, the filter, and
// the table it downloads. Pure (no DOM): the same functions run in the browser and in the tests.
import {STANDARD_CSV, type CsvDialect} from "./csv.js";
import type {DefinitionEntry} from "./export-definitions.js";
import {exportFigure, unitWord} from "./export-figures.js";
import {tableCsv, tableWorkbook, type ExportTable} from "./export-table.js";
import type {IndicatorMeta, SeriesUnit} from "./series.js";

type Grid = Record<string, Record<string, (number | null)[]>>;

/** data/export/*.json: per indicator × unit, numerators, denominators and values aligned with `periods`. */
export interface ExportFile {
  units: SeriesUnit[];
  periods: string[];
  /** Period type of each period: year | term | quarter | month. */
  types: string[];
  n: Grid;
  d: Grid;
  v: Grid;
}

export interface ExportRow {
  unit: SeriesUnit;
  indicator: IndicatorMeta;
  periodType: string;
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export interface ExportFilter {
  indicators: string[];
  periodTypes: string[];
  /** Periods to keep (null: all of the chosen types). */
  periods?: string[] | null;
  /** Unit codes to keep (null: all). */
  units?: string[] | null;
  /** Only units of this committee (the committee itself included), or null. */
  committee?: string | null;
}

export const PERIOD_TYPE_LABELS: Record<string, string> = {year: "Năm", term: "Nhiệm kỳ", quarter: "Quý", month: "Tháng"};

/** Rows of the files matching the filter: units in file order, then indicators in catalog order, then periods. */
export function exportRows(files: ExportFile[], catalog: IndicatorMeta[], filter: ExportFilter): ExportRow[] {
  const indicators = catalog.filter((c) => filter.indicators.includes(c.indicator));
  const unitSet = filter.units ? new Set(filter.units) : null;
  const periodSet = filter.periods ? new Set(filter.periods) : null;
  const out: ExportRow[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const keep = file.periods.map((p, i) => filter.periodTypes.includes(file.types[i]) && (!periodSet || periodSet.has(p)));
    for (const unit of file.units) {
      if (unitSet && !unitSet.has(unit.code)) continue;
      if (filter.committee && unit.code !== filter.committee && unit.committee !== filter.committee && unit.parent !== filter.committee) continue;
      for (const ind of indicators) {
        const v = file.v[ind.indicator]?.[unit.code];
        if (!v) continue;
        const n = file.n[ind.indicator]?.[unit.code];
        const d = file.d[ind.indicator]?.[unit.code];
        file.periods.forEach((period, i) => {
          if (!keep[i] || v[i] == null) return;
          const key = `${unit.code}|${ind.indicator}|${file.types[i]}|${period}`;
          if (seen.has(key)) return;
          seen.add(key);
          out.push({unit, indicator: ind, periodType: file.types[i], period, numerator: n?.[i] ?? null, denominator: d?.[i] ?? null, value: v[i]});
        });
      }
    }
  }
  return out;
}

export interface Labels {
  levels: Record<string, string>;
  types: Record<string, string>;
}

function committeeOf(u: SeriesUnit): string | null {
  if (u.level === "tinh") return null;
  if (u.level === "tren_co_so") return u.code;
  return u.committee ?? u.parent ?? null;
}

/** A period as a spreadsheet wants it: a year is a number (2022), a term, quarter or month stays text. */
export function periodCell(period: string): string | number {
  return /^\d{4}$/.test(period) ? Number(period) : period;
}

/** The long table: units in file order, then indicators, then periods; shares in percent with two decimals. */
// Indicators go by their Vietnamese name: the catalog's code names are for programs (the Parquet files).
export function longTable(rows: ExportRow[], labels: Labels): ExportTable {
  return {
    columns: [
      {header: "Mã đơn vị", kind: "text", width: 16},
      {header: "Tên đơn vị", kind: "text", width: 40},
      {header: "Cấp", kind: "text", width: 14},
      {header: "Mã đảng bộ trực thuộc tỉnh", kind: "text", width: 14},
      {header: "Loại hình", kind: "text", width: 16},
      {header: "Loại kỳ", kind: "text", width: 10},
      {header: "Kỳ", kind: "period", width: 11},
      {header: "Tên chỉ tiêu", kind: "text", width: 42},
      {header: "Tử số", kind: "count", width: 11},
      {header: "Mẫu số", kind: "count", width: 11},
      {header: "Giá trị", kind: "count", width: 11, byRow: true},
      {header: "Đơn vị tính", kind: "text", width: 12}
    ],
    // The value column holds percentages, scores and ranks: each row says which.
    rowKind: rows.map((r) => (r.indicator.kind === "rank" ? "count" : "fixed2")),
    rows: rows.map((r) => {
      const f = exportFigure(r.indicator, r.numerator, r.denominator, r.value, 2);
      return [
        r.unit.code,
        r.unit.name,
        labels.levels[r.unit.level] ?? r.unit.level,
        committeeOf(r.unit),
        r.unit.type ? labels.types[r.unit.type] ?? r.unit.type : null,
        PERIOD_TYPE_LABELS[r.periodType] ?? r.periodType,
        periodCell(r.period),
        r.indicator.name,
        f.numerator,
        f.denominator,
        f.value,
        unitWord(r.indicator)
      ];
    })
  };
}

export const EXPORT_HEADER = longTable([], {levels: {}, types: {}}).columns.map((c) => c.header);

/** CSV text (the download adds the UTF-8 BOM): Vietnamese header, one row per unit × indicator × period. */
export function exportCsv(rows: ExportRow[], labels: Labels, dialect: CsvDialect = STANDARD_CSV): string {
  return tableCsv(longTable(rows, labels), dialect);
}

/** An .xlsx workbook of the long table, with the definitions of its indicators and notes. */
export function exportXlsx(
  rows: ExportRow[],
  labels: Labels,
  {definitions, filters, generated = new Date()}: {definitions: DefinitionEntry[]; filters: string[]; generated?: Date}
): Promise<Uint8Array> {
  return tableWorkbook(longTable(rows, labels), {sheet: "Số liệu", definitions, filters, generated});
}
