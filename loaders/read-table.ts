// Bytes of a submission → header + records with their file line numbers, in memory (the row-by-row path used
// by parseSubmission; the bulk loader reads through source.ts instead). Handles what Excel produces: UTF-8 with
// or without BOM, UTF-16, Windows-1258, comma/semicolon/tab, CRLF, quoted multi-line fields, title rows.
import {FileFormatError, type Problem} from "./codes.ts";
import {checkRecordLimits, tokenize, type CsvRecord} from "./csv-tokenize.ts";
import {decodeText, refuseLegacyFont, sniffContainer, type Encoding} from "./decode.ts";
import {findLayout, findLayoutInRecords, kindFromName, type Layout} from "./layout.ts";
import {DEFAULT_LIMITS, type Limits} from "./limits.ts";
import {truncationProblem} from "./source.ts";
import {readWorkbook} from "./xlsx.ts";

export {FileFormatError};

export interface RawTable {
  layout: Layout;
  header: string[];
  headerLine: number;
  /** the data records (after the header and any column-numbering row), each with the line it starts on */
  records: CsvRecord[];
  delimiter: string;
  encoding: Encoding | null;
  /** row-level problems of the reading itself (a truncated last row) */
  problems: Problem[];
}

function fromRecords(layout: Layout, all: CsvRecord[], encoding: Encoding | null, endsWithNewline: boolean): RawTable {
  const records = all.slice(layout.dataStart);
  const problems: Problem[] = [];
  const last = records[records.length - 1];
  if (!endsWithNewline && last) {
    const t = truncationProblem(last.cells, last.line, layout);
    if (t) problems.push(t);
  }
  return {layout, header: layout.header, headerLine: layout.headerLine, records, delimiter: layout.delimiter, encoding, problems};
}

/** A CSV submission (synchronous). Excel workbooks need readTableAsync. */
export function readTable(bytes: Uint8Array, fileName = "submission.csv", limits: Limits = DEFAULT_LIMITS): RawTable {
  const container = sniffContainer(bytes);
  if (container === "xls") throw new FileFormatError("E_XLS_OLD");
  if (container === "xlsx") throw new Error("an .xlsx workbook: use readTableAsync / parseSubmissionAsync");
  const {text, encoding} = decodeText(bytes);
  const layout = findLayout(text, true, fileName);
  const {records, endsWithNewline} = tokenize(text, layout.delimiter, limits);
  return fromRecords(layout, records, encoding, endsWithNewline);
}

/** A CSV submission or an Excel workbook. */
export async function readTableAsync(bytes: Uint8Array, fileName = "submission.csv", limits: Limits = DEFAULT_LIMITS): Promise<RawTable> {
  if (bytes.length === 0) throw new FileFormatError("E_EMPTY_FILE");
  if (sniffContainer(bytes) !== "xlsx") return readTable(bytes, fileName, limits);
  const sheet = await readWorkbook(bytes, kindFromName(fileName), limits);
  const records = sheet.records.map((r) => ({line: r.line, cells: r.cells.map((c) => c.normalize("NFC"))}));
  for (const r of records) checkRecordLimits(r, limits);
  refuseLegacyFont(records.slice(0, 200).map((r) => r.cells.join(" ")).join("\n"));
  const layout = findLayoutInRecords(records, ",", fileName, sheet.kind ?? kindFromName(fileName));
  return fromRecords(layout, records, null, true);
}
