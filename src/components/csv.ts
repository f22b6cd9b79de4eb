// CSV text (RFC 4180: comma separated, fields quoted when needed, CRLF line ends, "." as decimal point so that
// programs read the numbers). Text that a spreadsheet could take for a formula is neutralised (./safe-text.js).
// Pure: runs in the browser and in tests. The download adds the UTF-8 BOM.
import {neutralizeFormula} from "./safe-text.js";

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(v: CsvValue): string {
  if (v == null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = neutralizeFormula(String(v));
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
