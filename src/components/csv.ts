// CSV text in two dialects. The standard one (RFC 4180: "," between fields, "." as decimal point) is what
// programs read; the Vietnamese one (";" between fields, "," as decimal mark) is what Excel and LibreOffice
// with Vietnamese settings read as numbers — with "." they would turn most figures into text, or worse, read
// "0.900758" as 900758. Fields are quoted when needed, lines end with CRLF. Text that a spreadsheet could take
// for a formula is neutralised (./safe-text.js). Pure: runs in the browser and in tests. The download adds
// the UTF-8 BOM.
import {neutralizeFormula} from "./safe-text.js";

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvDialect {
  separator: "," | ";";
  decimal: "." | ",";
}

export const STANDARD_CSV: CsvDialect = {separator: ",", decimal: "."};
export const VIETNAMESE_CSV: CsvDialect = {separator: ";", decimal: ","};

/** A number without exponent or grouping: 0.0000001 stays "0.0000001", not "1e-7". */
function plainNumber(x: number): string {
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return x.toFixed(20).replace(/\.?0+$/, "");
}

export function csvField(v: CsvValue, dialect: CsvDialect = STANDARD_CSV): string {
  if (v == null) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return "";
    const s = plainNumber(v);
    return dialect.decimal === "," ? s.replace(".", ",") : s;
  }
  const s = neutralizeFormula(String(v));
  const special = dialect.separator === ";" ? /[";\r\n]/ : /[",\r\n]/;
  return special.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: CsvValue[][], dialect: CsvDialect = STANDARD_CSV): string {
  return [header, ...rows].map((r) => r.map((v) => csvField(v, dialect)).join(dialect.separator)).join("\r\n") + "\r\n";
}
