// Bytes of a submission → header + records with their file line numbers, in memory (the row-by-row path used
// by parseSubmission; the bulk loader reads through source.ts instead). Handles what Excel produces: UTF-8 with
// or without BOM, UTF-16, Windows-1258, comma/semicolon/tab, CRLF, quoted multi-line fields, title rows.
import {FileFormatError, problem, type Problem} from "../format/codes.ts";
import {tokenize, type CsvRecord} from "./csv-tokenize.ts";
import {decodeText, sniffContainer, type Encoding} from "./decode.ts";
import {findLayout, kindFromName, type Layout} from "./layout.ts";
import {DEFAULT_LIMITS, type Limits} from "../format/limits.ts";
import {truncationProblem} from "./source.ts";
import {workbookTable} from "./workbook-table.ts";
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
  /** problems of the reading itself (a truncated last row; a repaired encoding) */
  problems: Problem[];
}

function fromRecords(layout: Layout, all: CsvRecord[], encoding: Encoding | null, endsWithNewline: boolean, problems: Problem[] = []): RawTable {
  const records = all.slice(layout.dataStart);
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
  const {text, encoding, repaired} = decodeText(bytes);
  const layout = findLayout(text, true, fileName);
  const {records, endsWithNewline} = tokenize(text, layout.delimiter, limits);
  return fromRecords(layout, records, encoding, endsWithNewline, repaired ? [problem("W_MOJIBAKE_REPAIRED")] : []);
}

/** A CSV submission or an Excel workbook. */
export async function readTableAsync(bytes: Uint8Array, fileName = "submission.csv", limits: Limits = DEFAULT_LIMITS): Promise<RawTable> {
  if (bytes.length === 0) throw new FileFormatError("E_EMPTY_FILE");
  if (sniffContainer(bytes) !== "xlsx") return readTable(bytes, fileName, limits);
  const sheet = await readWorkbook(bytes, kindFromName(fileName), limits);
  const {records, layout, problems} = workbookTable(sheet, fileName, limits);
  return fromRecords(layout, records, null, true, problems);
}
