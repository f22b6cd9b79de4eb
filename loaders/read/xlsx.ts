// Excel workbooks (.xlsx): the sheet named after the kind of submission ("sinh_hoat", "Sổ sinh hoạt", ...),
// else the first worksheet; each row becomes a record whose line is the Excel row number.
import {inflateRawSync} from "node:zlib";
import type ExcelJS from "exceljs";
import {FileFormatError} from "../format/codes.ts";
import {DEFAULT_LIMITS, formatBytes, XLSX_MAX_ENTRIES, XLSX_RATIO_MIN_BYTES, type Limits} from "../format/limits.ts";
import type {CsvRecord} from "./csv-tokenize.ts";
import {KIND_LABELS, KINDS, type Kind} from "../format/schemas.ts";
import {foldKey} from "../format/text.ts";

export interface Sheet {
  name: string;
  /** the kind the sheet's name announces, if any */
  kind: Kind | null;
  records: CsvRecord[];
  /** 0-based positions of the hidden columns */
  hidden: Set<number>;
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

/**
 * A number cell as text, from the number itself (never its displayed text): a fraction with a decimal comma, as
 * a Vietnamese-locale sheet shows it, so that 1.234 typed in an English-locale sheet reads as 1,234 — not a
 * whole number, and never 1234 ("1.234" in text is a Vietnamese thousands grouping).
 */
export function numberText(v: number): string {
  return Number.isInteger(v) ? String(v) : String(v).replace(".", ",");
}

/** One cell as the text a CSV export would hold. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberText(v);
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

const tooLarge = (vi: string, en: string) => new FileFormatError("E_XLSX_TOO_LARGE", {}, {vi, en});

/**
 * Refuses a zip bomb before exceljs sees the workbook: reads the zip's central directory and refuses when the
 * declared uncompressed sizes add up to more than the limit, when a large entry is compressed more than the
 * allowed ratio, when there are too many entries, or when an entry inflates to more than it declares (each
 * deflated entry is inflated once, with its declared size as the most output zlib may produce). A damaged
 * zip is left to exceljs (E_XLSX_UNREADABLE).
 */
export function checkZip(bytes: Uint8Array, limits: Pick<Limits, "maxXlsxBytes" | "maxXlsxRatio"> = DEFAULT_LIMITS): void {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--)
    if (b.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) return;
  const count = b.readUInt16LE(eocd + 10);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw tooLarge("tệp dùng định dạng ZIP64 (quá lớn)", "the workbook is a ZIP64 archive (too large)");
  if (count > XLSX_MAX_ENTRIES) throw tooLarge(`${count} mục trong tệp nén, giới hạn ${XLSX_MAX_ENTRIES}`, `${count} zip entries, the limit is ${XLSX_MAX_ENTRIES}`);
  const entries: {name: string; method: number; comp: number; size: number; local: number}[] = [];
  let total = 0;
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return;
    const method = b.readUInt16LE(p + 10);
    const comp = b.readUInt32LE(p + 20);
    const size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const name = b.toString("utf8", p + 46, Math.min(b.length, p + 46 + nameLen)).slice(0, 100);
    const local = b.readUInt32LE(p + 42);
    if (comp === 0xffffffff || size === 0xffffffff) throw tooLarge(`mục ${name} dùng định dạng ZIP64 (quá lớn)`, `entry ${name} is a ZIP64 entry (too large)`);
    total += size;
    if (total > limits.maxXlsxBytes)
      throw tooLarge(
        `giải nén ra hơn ${formatBytes(total)}, giới hạn ${formatBytes(limits.maxXlsxBytes)}`,
        `more than ${formatBytes(total)} uncompressed, the limit is ${formatBytes(limits.maxXlsxBytes)}`
      );
    if (size >= XLSX_RATIO_MIN_BYTES && size > limits.maxXlsxRatio * Math.max(comp, 1))
      throw tooLarge(
        `mục ${name} nén ${Math.round(size / Math.max(comp, 1))} lần, giới hạn ${limits.maxXlsxRatio}`,
        `entry ${name} is compressed ${Math.round(size / Math.max(comp, 1))} times, the limit is ${limits.maxXlsxRatio}`
      );
    entries.push({name, method, comp, size, local});
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  // the declared sizes are only claims: inflate each deflated entry, stopping at its declared size
  for (const e of entries) {
    if (e.method !== 8) continue;
    if (e.local + 30 > b.length || b.readUInt32LE(e.local) !== 0x04034b50) return;
    const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
    try {
      inflateRawSync(b.subarray(start, Math.min(b.length, start + e.comp)), {maxOutputLength: Math.max(1, e.size)});
    } catch (err) {
      if ((err as {code?: string}).code === "ERR_BUFFER_TOO_LARGE")
        throw tooLarge(`mục ${e.name} giải nén ra nhiều hơn kích thước khai báo (${formatBytes(e.size)})`, `entry ${e.name} inflates to more than its declared ${formatBytes(e.size)}`);
      return; // damaged: exceljs says so
    }
  }
}

export async function readWorkbook(bytes: Uint8Array, fileKind: Kind | null, limits: Pick<Limits, "maxXlsxBytes" | "maxXlsxRatio"> = DEFAULT_LIMITS): Promise<Sheet> {
  checkZip(bytes, limits);
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
  let width = 0;
  ws.eachRow({includeEmpty: false}, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    if (cells.some((c) => c.trim() !== "")) {
      records.push({line: row.number, cells});
      width = Math.max(width, cells.length);
    }
  });
  const hidden = new Set<number>();
  for (let i = 0; i < width; i++) if (ws.getColumn(i + 1).hidden) hidden.add(i);
  return {name: ws.name, kind: sheetKind(ws.name), records, hidden};
}
