// The indicator table of Xuất dữ liệu: the shipped format, the filter, and the CSV and XLSX it downloads.
// Pure (no DOM): the same functions run in the browser and in the tests.
import {toCsv} from "./csv.js";
import {buildXlsx} from "./xlsx.js";
import type {CellValue, XlsxSheet, XlsxStyle} from "./xlsx.js";
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

export const EXPORT_HEADER = [
  "Mã đơn vị",
  "Tên đơn vị",
  "Cấp",
  "Mã đảng bộ trực thuộc tỉnh",
  "Loại hình",
  "Loại kỳ",
  "Kỳ",
  "Mã chỉ tiêu",
  "Tên chỉ tiêu",
  "Tử số",
  "Mẫu số",
  "Giá trị"
];

export interface Labels {
  levels: Record<string, string>;
  types: Record<string, string>;
}

function committeeOf(u: SeriesUnit): string | null {
  if (u.level === "tinh") return null;
  if (u.level === "tren_co_so") return u.code;
  return u.committee ?? u.parent ?? null;
}

function cells(r: ExportRow, labels: Labels): CellValue[] {
  return [
    r.unit.code,
    r.unit.name,
    labels.levels[r.unit.level] ?? r.unit.level,
    committeeOf(r.unit),
    r.unit.type ? labels.types[r.unit.type] ?? r.unit.type : null,
    PERIOD_TYPE_LABELS[r.periodType] ?? r.periodType,
    r.period,
    r.indicator.indicator,
    r.indicator.name,
    r.numerator,
    r.denominator,
    r.value
  ];
}

/** CSV text (the download adds the UTF-8 BOM): Vietnamese header, one row per unit × indicator × period. */
export function exportCsv(rows: ExportRow[], labels: Labels): string {
  return toCsv(EXPORT_HEADER, rows.map((r) => cells(r, labels) as (string | number | null)[]));
}

export interface DefinitionRow {
  indicator: IndicatorMeta;
  description?: string | null;
  formula?: string | null;
  numerator?: string | null;
  denominator?: string | null;
  source?: string | null;
}

/** An .xlsx workbook: the data (Vietnamese header, frozen, filters, % format for shares), definitions, and notes. */
export function exportXlsx(
  rows: ExportRow[],
  labels: Labels,
  {definitions, filters, generated = new Date()}: {definitions: DefinitionRow[]; filters: string[]; generated?: Date}
): Uint8Array {
  const data: XlsxSheet = {
    name: "Số liệu",
    columns: [
      {header: EXPORT_HEADER[0], width: 16},
      {header: EXPORT_HEADER[1], width: 40},
      {header: EXPORT_HEADER[2], width: 14},
      {header: EXPORT_HEADER[3], width: 14},
      {header: EXPORT_HEADER[4], width: 16},
      {header: EXPORT_HEADER[5], width: 10},
      {header: EXPORT_HEADER[6], width: 11},
      {header: EXPORT_HEADER[7], width: 24},
      {header: EXPORT_HEADER[8], width: 42},
      {header: EXPORT_HEADER[9], width: 11, style: "decimal"},
      {header: EXPORT_HEADER[10], width: 11, style: "decimal"},
      {header: EXPORT_HEADER[11], width: 11, style: "decimal"}
    ],
    rows: rows.map((r) => cells(r, labels)),
    styles: rows.map((r) => {
      const integer = (x: number | null) => (x != null && Number.isInteger(x) ? "integer" : "decimal") as XlsxStyle;
      const s: (XlsxStyle | undefined)[] = [];
      s[9] = integer(r.numerator);
      s[10] = integer(r.denominator);
      s[11] = r.indicator.kind === "share" ? "percent" : "decimal";
      return s;
    })
  };
  const defs: XlsxSheet = {
    name: "Định nghĩa",
    columns: [
      {header: "Mã chỉ tiêu", width: 26},
      {header: "Tên chỉ tiêu", width: 44},
      {header: "Tên ngắn", width: 24},
      {header: "Loại giá trị", width: 14},
      {header: "Mục tiêu", width: 10},
      {header: "Chiều tốt", width: 16},
      {header: "Định nghĩa", width: 50, style: "wrap"},
      {header: "Công thức", width: 60, style: "wrap"},
      {header: "Tử số", width: 40, style: "wrap"},
      {header: "Mẫu số", width: 40, style: "wrap"},
      {header: "Căn cứ", width: 40, style: "wrap"}
    ],
    rows: definitions.map((d) => [
      d.indicator.indicator,
      d.indicator.name,
      d.indicator.short,
      d.indicator.kind === "share" ? "Tỷ lệ (0–1)" : d.indicator.kind === "score" ? "Điểm" : "Số",
      d.indicator.target,
      d.indicator.higherIsBetter ? "Càng cao càng tốt" : "Càng thấp càng tốt",
      d.description ?? null,
      d.formula ?? null,
      d.numerator ?? null,
      d.denominator ?? null,
      d.source ?? null
    ]),
    styles: definitions.map((d) => {
      const s: (XlsxStyle | undefined)[] = [];
      s[4] = d.indicator.kind === "share" ? "percent" : "decimal";
      return s;
    })
  };
  const stamp = `${String(generated.getDate()).padStart(2, "0")}/${String(generated.getMonth() + 1).padStart(2, "0")}/${generated.getFullYear()}`;
  const notes: XlsxSheet = {
    name: "Ghi chú",
    header: false,
    columns: [{header: "Ghi chú", width: 110, style: "wrap"}],
    rows: [
      ["Chi bộ Analytics — chỉ tiêu chất lượng sinh hoạt chi bộ."],
      ["DỮ LIỆU MÔ PHỎNG: số liệu sinh tự động để minh họa, không phải số liệu thật của tổ chức đảng nào."],
      [`Xuất ngày ${stamp}; ${rows.length} dòng.`],
      ...filters.map((f) => [`Bộ lọc: ${f}`]),
      ["Giá trị = tử số / mẫu số, cộng dồn tử số và mẫu số của các chi bộ trực thuộc (không phải trung bình các tỷ lệ)."],
      ["Đơn vị không báo cáo một kỳ thì không có dòng cho kỳ đó (không báo cáo không được tính là 0)."]
    ]
  };
  return buildXlsx([data, defs, notes], {title: "Chi bộ Analytics — xuất dữ liệu", created: generated});
}
