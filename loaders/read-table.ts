// Bytes of a CSV submission → header + records with their file line numbers.
// Handles what Excel produces: UTF-8 BOM, comma/semicolon/tab delimiters, CRLF, quoted multi-line fields.
import {parse} from "csv-parse/sync";

export interface RawTable {
  header: string[];
  headerLine: number;
  /** each record with the 1-based file line it starts on */
  records: {line: number; cells: string[]}[];
  delimiter: string;
}

export class FileFormatError extends Error {
  constructor(
    readonly code: string,
    readonly vi: string,
    readonly en: string
  ) {
    super(en);
  }
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new FileFormatError("E_EMPTY_FILE", "Tệp rỗng", "the file is empty");
  let text: string;
  try {
    text = new TextDecoder("utf-8", {fatal: true}).decode(bytes);
  } catch {
    throw new FileFormatError(
      "E_ENCODING",
      "Tệp không phải UTF-8; hãy lưu lại bằng Excel: Lưu thành → CSV UTF-8",
      "the file is not UTF-8; save it from Excel as 'CSV UTF-8'"
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.normalize("NFC");
}

/** Picks the delimiter that occurs most in the first non-empty line (outside quotes). */
export function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"]) {
    const n = unquoted.split(d).length - 1;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

export function readTable(bytes: Uint8Array): RawTable {
  const text = decodeText(bytes);
  const delimiter = sniffDelimiter(text);
  let rows: {record: string[]; info: {lines: number}}[];
  try {
    rows = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true
    }) as never;
  } catch (e) {
    const err = e as {code?: string; lines?: number; message: string};
    throw new FileFormatError(
      "E_CSV_SYNTAX",
      `Lỗi cấu trúc CSV gần dòng ${err.lines ?? "?"} (dấu ngoặc kép không đóng?)`,
      `CSV syntax error near line ${err.lines ?? "?"} (unclosed quote?): ${err.message}`
    );
  }
  // csv-parse reports the line a record ENDS on; subtract the line breaks inside its quoted fields so a
  // clerk is pointed at the line where the row starts.
  const startLine = (r: {record: string[]; info: {lines: number}}) =>
    r.info.lines - r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
  const nonEmpty = rows.filter((r) => r.record.some((c) => c.trim() !== ""));
  if (nonEmpty.length === 0) throw new FileFormatError("E_EMPTY_FILE", "Tệp không có dữ liệu", "the file has no data");
  const [head, ...body] = nonEmpty;
  const records = body.map((r) => ({line: startLine(r), cells: r.record}));
  return {header: head.record.map((h) => h.trim()), headerLine: startLine(head), records, delimiter};
}
