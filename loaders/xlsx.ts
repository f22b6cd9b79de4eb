// Excel workbooks (.xlsx): the sheet named after the kind of submission ("sinh_hoat", "Sổ sinh hoạt", ...),
// else the first worksheet; each row becomes a record whose line is the Excel row number.
import type ExcelJS from "exceljs";
import {FileFormatError} from "./codes.ts";
import type {CsvRecord} from "./csv-tokenize.ts";
import {KIND_LABELS, KINDS, type Kind} from "./schemas.ts";
import {foldKey} from "./text.ts";

export interface Sheet {
  name: string;
  /** the kind the sheet's name announces, if any */
  kind: Kind | null;
  records: CsvRecord[];
}

const SHEET_NAMES: [Kind, string[]][] = KINDS.map((k) => [k, [k, foldKey(KIND_LABELS[k].vi), ...extraSheetNames(k)]]);

function extraSheetNames(kind: Kind): string[] {
  if (kind === "sinh_hoat") return ["so_sinh_hoat", "sinh_hoat_chi_bo"];
  if (kind === "don_vi") return ["danh_muc", "danh_muc_don_vi"];
  return ["danh_gia_xep_loai", "xep_loai"];
}

export function sheetKind(name: string): Kind | null {
  const f = foldKey(name);
  for (const [kind, names] of SHEET_NAMES) if (names.some((n) => f === n || f.startsWith(n + "_"))) return kind;
  return null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** One cell as the text a CSV export would hold. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "1" : "0";
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return "";
    // exceljs gives date cells as UTC midnight of the calendar date
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  }
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join("");
    if ("result" in v) return cellText((v as {result?: ExcelJS.CellValue}).result ?? null);
    if ("formula" in v || "sharedFormula" in v) return "";
    if ("text" in v && typeof (v as {text: unknown}).text === "string") return (v as {text: string}).text;
    if ("error" in v) return String((v as {error: unknown}).error);
  }
  return String(v);
}

export async function readWorkbook(bytes: Uint8Array, fileKind: Kind | null): Promise<Sheet> {
  const {default: Excel} = await import("exceljs");
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    throw new FileFormatError("E_XLSX_UNREADABLE", {}, {vi: String((e as Error).message).slice(0, 200), en: String((e as Error).message).slice(0, 200)});
  }
  const sheets = wb.worksheets.filter((s) => s.state !== "hidden" && s.state !== "veryHidden");
  if (sheets.length === 0) throw new FileFormatError("E_XLSX_UNREADABLE", {}, {vi: "không có trang tính nào", en: "the workbook has no worksheet"});
  const named = sheets.filter((s) => sheetKind(s.name) !== null);
  const ws = named.find((s) => sheetKind(s.name) === fileKind) ?? named[0] ?? sheets.find((s) => !/^huong_dan|^guide/.test(foldKey(s.name))) ?? sheets[0];
  const records: CsvRecord[] = [];
  ws.eachRow({includeEmpty: false}, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    if (cells.some((c) => c.trim() !== "")) records.push({line: row.number, cells});
  });
  return {name: ws.name, kind: sheetKind(ws.name), records};
}
