// One shape for every table the Xuất dữ liệu page offers (the long table, the report table, the pivot): columns
// that know their kind, rows of final figures. The same object is drawn on the page, written as CSV in either
// dialect and as an Excel workbook, so the download holds exactly what the user sees. Pure (no DOM).
import {STANDARD_CSV, toCsv, type CsvDialect} from "./csv.js";
import {definitionsSheet, type DefinitionEntry} from "./export-definitions.js";
import {buildXlsx, type CellValue, type XlsxSheet, type XlsxStyle} from "./xlsx.js";

/**
 * text; percent (98.5 under a "(%)" header, one decimal); score (one decimal); change (signed, one decimal);
 * count (a whole number, or two decimals when it is not whole); fixed2 (two decimals: the long table's values);
 * period (a year as a number, other periods as text).
 */
export type ExportColumnKind = "text" | "percent" | "score" | "change" | "count" | "fixed2" | "period";

export interface ExportColumn {
  header: string;
  kind: ExportColumnKind;
  /** Width in characters in the workbook. */
  width?: number;
  /** A note on the column (a tooltip on the page). */
  title?: string;
  /** The column's figures take the kind of their row (see ExportTable.rowKind). */
  byRow?: boolean;
}

export interface ExportTable {
  columns: ExportColumn[];
  rows: CellValue[][];
  /** Depth of each row in the unit hierarchy (0 = top), for indenting on the page. */
  depth?: number[];
  /** The kind of each row's figures, for the columns marked byRow (rows of indicators in the pivot). */
  rowKind?: (ExportColumnKind | null)[];
}

/** The kind of a cell: its row's in a byRow column, else the column's. */
export function cellKind(table: ExportTable, row: number, col: number): ExportColumnKind {
  const column = table.columns[col];
  return (column?.byRow && table.rowKind?.[row]) || column?.kind || "text";
}

export function tableCsv(table: ExportTable, dialect: CsvDialect = STANDARD_CSV): string {
  return toCsv(
    table.columns.map((c) => c.header),
    table.rows,
    dialect
  );
}

function cellStyle(kind: ExportColumnKind, v: CellValue): XlsxStyle | undefined {
  if (typeof v !== "number") return undefined;
  switch (kind) {
    case "percent":
    case "score":
      return "fixed1";
    case "change":
      return "signed1";
    case "count":
      return Number.isInteger(v) ? "integer" : "decimal";
    case "fixed2":
      return "decimal";
    case "period":
      return "plain";
    default:
      return undefined;
  }
}

/** The table as a sheet: bold frozen header with filters, a number format per column kind. */
export function tableSheet(table: ExportTable, name: string, preamble?: string[]): XlsxSheet {
  return {
    name,
    preamble,
    columns: table.columns.map((c) => ({header: c.header, width: c.width ?? (c.kind === "text" ? 24 : Math.max(10, Math.min(24, c.header.length + 2)))})),
    rows: table.rows,
    styles: table.rows.map((r, i) => r.map((v, j) => cellStyle(cellKind(table, i, j), v)))
  };
}

export interface WorkbookOptions {
  /** Name of the data sheet. */
  sheet: string;
  /** Lines above the table (a title). */
  preamble?: string[];
  definitions: DefinitionEntry[];
  /** The filters the table was made with, one line each. */
  filters: string[];
  generated?: Date;
}

export function dateStamp(d: Date): string {
  return `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;
}

/** An .xlsx workbook: the table, the definitions of its indicators, and notes (filters, date, what "no row" means). */
export function tableWorkbook(table: ExportTable, {sheet, preamble, definitions, filters, generated = new Date()}: WorkbookOptions): Promise<Uint8Array> {
  const notes: XlsxSheet = {
    name: "Ghi chú",
    header: false,
    columns: [{header: "Ghi chú", width: 110, style: "wrap"}],
    rows: [
      ["Chi bộ Analytics — chỉ tiêu chất lượng sinh hoạt chi bộ."],
      ["DỮ LIỆU MÔ PHỎNG: số liệu sinh tự động để minh họa, không phải số liệu thật của tổ chức đảng nào."],
      [`Xuất ngày ${dateStamp(generated)}; ${table.rows.length} dòng.`],
      ...filters.map((f) => [`Bộ lọc: ${f}`]),
      ["Tỷ lệ ghi theo phần trăm (98,5 nghĩa là 98,5 %). Giá trị = tử số / mẫu số, cộng dồn tử số và mẫu số của các chi bộ trực thuộc (không phải trung bình các tỷ lệ)."],
      ["Thay đổi so với năm trước: điểm phần trăm với tỷ lệ, điểm với chỉ số chất lượng."],
      ["Thứ hạng là số nguyên (1 = cao nhất), kèm số đơn vị cùng cấp trên được xếp hạng."],
      ["Ô trống: đơn vị không báo cáo kỳ đó, hoặc chỉ tiêu không áp dụng cho đơn vị (không báo cáo không được tính là 0)."]
    ]
  };
  return buildXlsx([tableSheet(table, sheet, preamble), definitionsSheet(definitions), notes], {title: "Chi bộ Analytics — xuất dữ liệu", created: generated});
}
