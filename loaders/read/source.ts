// A submission file as a relation DuckDB can read: one row per data record with its file line, one VARCHAR
// column per template column (named by key), and `__extra` for cells outside the template's columns.
//
// Two ways to get there:
// - direct: a UTF-8 CSV that needs no conversion is read by DuckDB's read_csv as it is; the scanner (scan.ts)
//   has found where every record starts, so line = record number + a piecewise-constant offset;
// - rewrite: anything else (Excel workbooks, UTF-16, Windows-1258, text needing NFC, many multi-line records,
//   or a file DuckDB reads differently from the scanner) is tokenized in JS and written as a clean UTF-8 CSV
//   with an explicit line column.
import {mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync, closeSync, readSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join} from "node:path";
import {FileFormatError, problem, type Problem} from "../format/codes.ts";
import {CsvTokenizer, tokenize, tokenizeHead, type CsvRecord, type TokenLimits} from "./csv-tokenize.ts";
import {checkDecoded, checkNotBinary, decodeBytes, detectEncoding, encodingFromBom, sniffContainer, streamDecoder, type Encoding} from "./decode.ts";
import {findLayout, kindFromName, type Layout} from "./layout.ts";
import {repairMojibake} from "./mojibake.ts";
import {totalLabelOf, totalLabelPositions, type TotalRow} from "./total-rows.ts";
import {workbookTable} from "./workbook-table.ts";
import {DEFAULT_LIMITS, formatBytes, type Limits} from "../format/limits.ts";
import {CHUNK, readHead, readRange, scanCsvFile, sha256File, type ScanResult} from "./scan.ts";
import {COLUMNS, type Kind} from "../format/schemas.ts";
import {sqlString, TRIM_CHARS} from "../format/text.ts";
import {readWorkbook} from "./xlsx.ts";
import {createHash} from "node:crypto";
import type {DuckDBConnection} from "@duckdb/node-api";

/** Above this many line-offset changes (multi-line records, blank lines) the file is rewritten. */
const MAX_OFFSET_CHANGES = 64;
/** Up to this size a UTF-8 file is decoded whole to check NFC exactly; larger files are checked for combining marks. */
const EXACT_NFC_LIMIT = 32 << 20;
const HEAD_BYTES = 1 << 20;
export const EXTRA_SEPARATOR = " | ";

/** What pass 1 of the bulk loader (load.ts collect) learns of a file; a small file's head gives it while read. */
export interface Collected {
  rawRows: number;
  rows: number;
  extras: number;
  distinct: Map<string, string[]>;
  /** rows with a (raw) value, per required column */
  filled: Map<string, number>;
}

export interface Source {
  path: string;
  fileName: string;
  sha256: string;
  bytes: number;
  container: "csv" | "xlsx";
  encoding: Encoding | null;
  layout: Layout | null;
  /** problems that stop the file from being read (encoding, no header, ...) */
  fatal: Problem[];
  /** problems found while reading: a truncated last row (error), a repaired encoding, total rows (warnings) */
  problems: Problem[];
  /** total rows ("Tổng cộng") left out of the data; their figures are checked against the rows once loaded */
  totals: TotalRow[];
  /** the text is UTF-8 mangled by a Windows-1252 round trip, repaired as it is read */
  repair: boolean;
  mode: "direct" | "rewrite";
  /** the input limits the file is read under */
  limits: Limits;
  /** data records expected (for progress); the direct path checks DuckDB's count against it */
  expectedRows: number | null;
  /** the rewrite path collects the distinct values while it writes (the direct path asks DuckDB) */
  collected: Collected | null;
  /** the direct path: the distinct values of the first rows (from the head already read), for the fast path */
  headSample: Collected | null;
  /** the line of the file's last record (the fast path checks DuckDB read as many) */
  lastRecordLine: number | null;
  /**
   * SQL relation: line, one VARCHAR column per key, __extra (cells outside the template's columns) and __keep
   * (false for a blank row, which is ignored). `withLine: false` is cheaper when lines are not needed.
   */
  relation(opts?: RelationOptions): string;
  /**
   * The direct path, before the typed insert: read the file once into a temp table, so that the relation with
   * these types numbers the rows by rowid instead of a window function over the file (which makes DuckDB read it
   * on one thread: the 10-million-row benchmark log loads in 19.7 s instead of 30.0 s). `unstage` drops the table.
   * Absent on the rewrite path.
   */
  stage?(conn: DuckDBConnection, types: Record<string, string>): Promise<void>;
  unstage?(conn: DuckDBConnection): Promise<void>;
  /** switch to the rewrite path (DuckDB disagreed with the scanner) */
  rewrite(): Promise<void>;
  dispose(): void;
}

export interface SourceOptions {
  /** always use the rewrite path (tests compare both paths) */
  forceRewrite?: boolean;
  /** read even a small file through the direct path when it qualifies (tests compare both paths) */
  forceDirect?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** input limits (loaders/limits.ts); default DEFAULT_LIMITS */
  limits?: Limits;
}

/** Records whose bytes stay under this are read by DuckDB directly; a longer one sends the file through the tokenizer, which checks the limits exactly. */
const DIRECT_RECORD_BYTES = 1_000_000;

/** Names the column of a field-length problem after the header cell, once the layout is known. */
function nameCell(e: unknown, layout: Layout | null): unknown {
  if (e instanceof FileFormatError && e.cell !== undefined && layout) {
    const h = layout.header[e.cell - 1];
    if (h) e.problems[0].column = h;
  }
  return e;
}

export async function openSource(path: string, opts: SourceOptions = {}): Promise<Source> {
  const fileName = basename(path);
  const size = statSync(path).size;
  const src: Source = {
    path,
    fileName,
    sha256: "",
    bytes: size,
    container: "csv",
    encoding: null,
    layout: null,
    fatal: [],
    problems: [],
    totals: [],
    repair: false,
    mode: "direct",
    limits: opts.limits ?? DEFAULT_LIMITS,
    expectedRows: null,
    collected: null,
    headSample: null,
    lastRecordLine: null,
    relation: () => {
      throw new Error("no relation");
    },
    rewrite: async () => {
      throw new Error("cannot rewrite");
    },
    dispose: () => {}
  };
  const limits = src.limits;
  const fail = (e: unknown) => {
    e = nameCell(e, src.layout);
    if (!(e instanceof FileFormatError)) throw e;
    src.fatal.push(...e.problems);
    if (!src.sha256) src.sha256 = sha256File(path).sha256;
    return src;
  };
  if (size === 0) return fail(new FileFormatError("E_EMPTY_FILE"));
  if (size > limits.maxFileBytes)
    return fail(
      new FileFormatError(
        "E_FILE_TOO_LARGE",
        {value: formatBytes(size)},
        {vi: `${formatBytes(size)}, giới hạn ${formatBytes(limits.maxFileBytes)}`, en: `${formatBytes(size)}, the limit is ${formatBytes(limits.maxFileBytes)}`}
      )
    );
  const head = readHead(path, HEAD_BYTES);
  const complete = size <= head.length;
  const container = sniffContainer(head);
  if (container === "xls") return fail(new FileFormatError("E_XLS_OLD"));
  if (container === "xlsx") {
    src.container = "xlsx";
    // a workbook is read whole: one larger than its allowed uncompressed size is refused unread
    if (size > limits.maxXlsxBytes)
      return fail(
        new FileFormatError(
          "E_XLSX_TOO_LARGE",
          {value: formatBytes(size)},
          {vi: `tệp ${formatBytes(size)}, giới hạn ${formatBytes(limits.maxXlsxBytes)}`, en: `the file is ${formatBytes(size)}, the limit is ${formatBytes(limits.maxXlsxBytes)}`}
        )
      );
    const bytes = readFileSync(path);
    src.sha256 = createHash("sha256").update(bytes).digest("hex");
    try {
      const sheet = await readWorkbook(bytes, kindFromName(fileName), limits);
      const table = workbookTable(sheet, fileName, limits);
      src.layout = table.layout;
      src.problems.push(...table.problems);
      const records = table.records;
      setRewrite(src, (write) => {
        for (const r of records) write(r);
      });
      return src;
    } catch (e) {
      return fail(e);
    }
  }

  // text
  let headText: string;
  try {
    const {encoding, bom} = detectEncoding(head, complete);
    src.encoding = encoding;
    const checked = checkDecoded(decodeBytes(head, encoding, bom));
    if (checked.repaired) {
      src.repair = true;
      src.problems.push(problem("W_MOJIBAKE_REPAIRED"));
    }
    if (checked.text.trim() === "" && complete) throw new FileFormatError("E_EMPTY_FILE");
    headText = checked.text.normalize("NFC");
    src.layout = findLayout(headText, complete, fileName);
  } catch (e) {
    return fail(e);
  }
  const layout = src.layout!;

  // a small file is already in memory: tokenize it and write the clean CSV (cheaper than two DuckDB scans)
  if (complete && !opts.forceDirect) {
    src.sha256 = createHash("sha256").update(head).digest("hex");
    try {
      const {records, endsWithNewline} = tokenize(headText, layout.delimiter, limits);
      setRewrite(src, (write) => {
        for (const r of records) write(r);
        const last = records[records.length - 1];
        return {endsWithNewline, lastLine: last?.line ?? 0, lastCells: last?.cells ?? null};
      });
    } catch (e) {
      return fail(e);
    }
    return src;
  }

  if (src.encoding === "utf8" && !src.repair) {
    const scan = scanCsvFile(path, layout.delimiter, (b) => opts.onProgress?.("scan", b, size));
    src.sha256 = scan.sha256;
    if (scan.nul) return fail(new FileFormatError("E_BINARY"));
    if (!scan.utf8) {
      if (!scan.asciiBeforeInvalid) return fail(new FileFormatError("E_ENCODING", {line: scan.invalidUtf8Line}));
      src.encoding = "windows1258"; // ASCII then non-UTF-8 bytes: Excel's "CSV" on Vietnamese Windows
    } else {
      // a record longer than a cell may be goes through the tokenizer, which checks the limits exactly
      const longRecord = scan.maxRecordBytes > Math.min(limits.maxFieldChars, limits.maxRecordChars, DIRECT_RECORD_BYTES);
      if (scan.unclosedQuoteLine !== null) return fail(new FileFormatError("E_UNCLOSED_QUOTE", {line: scan.unclosedQuoteLine}));
      const last = longRecord ? null : lastRecord(path, scan, layout, size);
      const truncated = last && !scan.endsWithNewline ? truncationProblem(last.cells, scan.lastRecordLine, layout) : null;
      if (truncated) src.problems.push(truncated);
      // a total row at the bottom is left out: only the tokenizer's path can leave a row out
      const totalAtEnd = last !== null && totalLabelOf(last.cells, totalLabelPositions(layout)) !== null;
      const nfcOk = !scan.combining && (size > EXACT_NFC_LIMIT || isNfc(path));
      const afterHeader = scan.offsets.filter((o) => o.record > layout.dataStart + 1);
      // DuckDB needs one kind of line end, given explicitly; with CRLF it misreads quoted line breaks
      const multiLine = scan.multiLineBefore(Number.MAX_SAFE_INTEGER);
      const eolOk = scan.eol !== "mixed" && !(scan.eol === "\r\n" && multiLine);
      const direct = !opts.forceRewrite && !totalAtEnd && !longRecord && nfcOk && eolOk && !scan.multiLineBefore(layout.dataStart + 1) && afterHeader.length <= MAX_OFFSET_CHANGES;
      if (direct) {
        setDirect(src, scan);
        src.headSample = sampleOf(tokenizeHead(headText, layout.delimiter, complete), layout);
        src.lastRecordLine = scan.lastRecordLine;
        return src;
      }
    }
  } else src.sha256 = sha256File(path).sha256;

  const encoding = src.encoding!;
  const bom = encodingFromBom(head)?.bom ?? 0;
  setRewrite(src, (write) => streamRecords(path, encoding, bom, layout.delimiter, write, (b) => opts.onProgress?.("rewrite", b, size), limits, src.repair));
  return src;
}

function isNfc(path: string): boolean {
  const text = readFileSync(path, "utf8");
  return text.normalize("NFC") === text;
}

/** The file's last record, read again (is it cut off? a total row?); null when it is the header or above. */
function lastRecord(path: string, scan: ScanResult, layout: Layout, size: number): CsvRecord | null {
  if (scan.records <= layout.dataStart) return null;
  const text = readRange(path, scan.lastRecordStart, size).toString("utf8");
  const {records} = tokenize(text, layout.delimiter);
  return records[records.length - 1] ?? null;
}

/** A last row with fewer cells than the header and no line break after it: the file was probably cut off. */
export function truncationProblem(cells: string[], line: number, layout: Layout): Problem | null {
  const named = layout.keys.reduce((n, k, i) => (k ? i + 1 : n), 0);
  if (cells.length >= named || cells.every((c) => c.trim() === "")) return null;
  return problem("E_TRUNCATED", {line, value: cells.join(layout.delimiter)});
}

const TRIM = sqlString(TRIM_CHARS);

export interface RelationOptions {
  /** compute `line` (the direct path numbers records with a window function: skip it when lines are not needed) */
  withLine?: boolean;
  /**
   * columns DuckDB may parse with a type (key → SQL type) because every value in them is in the form the type's
   * own parser reads exactly as the JS parser does (plain integers, ISO dates, ...); the others stay VARCHAR
   */
  types?: Record<string, string>;
}

/** The projection shared by both paths: key columns by name, the extra cells, and whether the row is blank. */
function project(layout: Layout, base: string, lineExpr: string, extra: string, types: Record<string, string>, blankCheck: boolean): string {
  const cols = COLUMNS[layout.kind].map((c) => {
    const i = layout.keys.indexOf(c.key);
    return `${i >= 0 ? `c${i}` : `NULL::${types[c.key] ?? "VARCHAR"}`} AS ${c.key}`;
  });
  // a row is kept unless every cell is empty or blank; the full test runs only when the first column does not
  // start with a visible character (the usual row is decided by one ascii() call)
  const notBlank = (i: number) => {
    const key = layout.keys[i];
    return key && types[key] ? `c${i} IS NOT NULL` : `(c${i} IS NOT NULL AND trim(c${i}, ${TRIM}) <> '')`;
  };
  const all = layout.keys.map((_, i) => i);
  const firstText = all.find((i) => !(layout.keys[i] && types[layout.keys[i]!])) ?? 0;
  const visible = `ascii(c${firstText}) > 32 AND ascii(c${firstText}) <> 160`;
  const keep = blankCheck ? `CASE WHEN c${firstText} IS NOT NULL AND ${visible} THEN true ELSE (${all.map(notBlank).join(" OR ")}) END` : "true";
  return `(SELECT ${lineExpr} AS line, ${cols.join(", ")}, ${extra} AS __extra, ${keep} AS __keep FROM ${base})`;
}

const columnDefs = (layout: Layout, types: Record<string, string>) =>
  layout.keys.map((k, i) => `'c${i}': '${(k && types[k]) || "VARCHAR"}'`);

let stagedTables = 0;

function setDirect(src: Source, scan: ScanResult): void {
  const layout = src.layout!;
  const skip = layout.dataStart + scan.blankLinesBefore(layout.dataStart + 1);
  // rows with more cells than the header make read_csv fail: the file is then rewritten (extra cells reported)
  // DuckDB's parallel reader refuses null_padding together with quoted line breaks: such files are read serially
  const parallel = scan.multiLineBefore(Number.MAX_SAFE_INTEGER) ? ", parallel = false" : "";
  // LF files say so (else a quoted CRLF inside confuses DuckDB's detection); CRLF files are left to detection
  // (an explicit '\r\n' makes DuckDB fail on rows of bare delimiters)
  const newLine = scan.eol === "\r\n" ? "" : ", new_line = '\\n'";
  const csv = (types: Record<string, string>) =>
    `read_csv(${sqlString(src.path)}, columns = {${columnDefs(layout, types).join(", ")}}, header = false, skip = ${skip}, delim = ${sqlString(layout.delimiter)}, quote = '"', escape = '"', null_padding = true, auto_detect = false, strict_mode = true${newLine}${parallel})`;
  // line = record + offset, per the scanner; records before the data are not read
  const first = layout.dataStart + 1;
  let base = 0;
  const steps: {rn: number; add: number}[] = [];
  for (const o of scan.offsets) {
    if (o.record <= first) base = o.offset + layout.dataStart;
    else steps.push({rn: o.record - layout.dataStart, add: o.offset + layout.dataStart});
  }
  const lineExpr = steps.length
    ? `(rn + CASE ${steps
        .reverse()
        .map((s) => `WHEN rn >= ${s.rn} THEN ${s.add}`)
        .join(" ")} ELSE ${base} END)::INTEGER`
    : `(rn + ${base})::INTEGER`;
  // cells under an empty header cell are extra cells
  const extraParts = layout.keys.flatMap((k, i) => (k === "" ? [`nullif(trim(c${i}, ${TRIM}), '')`] : []));
  const extra = extraParts.length ? `nullif(concat_ws(${sqlString(EXTRA_SEPARATOR)}, ${extraParts.join(", ")}), '')` : "NULL::VARCHAR";
  src.mode = "direct";
  src.collected = null;
  src.expectedRows = scan.records - layout.dataStart;
  // a staged copy of the file read with the given types (see Source.stage): a table created from one ordered read
  // keeps that order and numbers its rows consecutively, so rowid − the first rowid + 1 is the record number (inside
  // a transaction DuckDB's row ids of new rows do not start at 0)
  let staged: {table: string; types: string; first: bigint} | null = null;
  src.relation = (opts = {}) => {
    const types = opts.types ?? {};
    if (opts.withLine === false) return project(layout, csv(types), "NULL::INTEGER", extra, types, true);
    const numbered =
      staged && staged.types === JSON.stringify(types)
        ? `(SELECT (rowid - ${staged.first} + 1)::BIGINT AS rn, * FROM temp.${staged.table})`
        : `(SELECT row_number() OVER () AS rn, * FROM ${csv(types)})`;
    return project(layout, numbered, lineExpr, extra, types, true);
  };
  src.stage = async (conn, types) => {
    const table = `staged_${++stagedTables}`;
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM ${csv(types)}`);
    const reader = await conn.runAndReadAll(`SELECT coalesce(min(rowid), 0)::BIGINT AS first, (coalesce(max(rowid) - min(rowid) + 1, 0) = count(*)) AS dense FROM temp.${table}`);
    const [first, dense] = reader.getRows()[0] as [bigint, boolean];
    if (!dense) throw new Error(`staged rows of ${src.path} are not numbered consecutively`);
    staged = {table, types: JSON.stringify(types), first};
  };
  src.unstage = async (conn) => {
    if (!staged) return;
    const {table} = staged;
    staged = null;
    await conn.run(`DROP TABLE IF EXISTS temp.${table}`);
  };
  src.rewrite = async () => {
    const encoding = src.encoding!;
    const bom = encodingFromBom(readHead(src.path, 4))?.bom ?? 0;
    setRewrite(src, (write) => streamRecords(src.path, encoding, bom, layout.delimiter, write, undefined, src.limits));
  };
}

/** Writes the data records as a clean CSV (line, c0..cW-1, __extra) in a temp folder; the relation reads it. */
function setRewrite(src: Source, produce: (write: (r: CsvRecord) => void) => void | {endsWithNewline: boolean; lastLine: number; lastCells: string[] | null}): void {
  const layout = src.layout!;
  const W = layout.keys.length;
  const file = join(scratchDir(), `clean-${++cleanFiles}.csv`);
  const fd = openSync(file, "w");
  let parts: string[] = [];
  let pending = 0;
  let index = 0;
  let rows = 0;
  const flush = () => {
    if (parts.length) writeSync(fd, parts.join(""));
    parts = [];
    pending = 0;
  };
  const emptyHeader = layout.keys.map((k) => k === "");
  // the distinct values of the non-text columns, as DuckDB will read them back (an empty cell is NULL)
  const mapped = COLUMNS[layout.kind].filter((c) => c.type !== "text").map((c) => ({key: c.key, pos: layout.keys.indexOf(c.key), seen: new Set<string>(), filled: 0}));
  let extras = 0;
  const totalAt = totalLabelPositions(layout);
  src.totals = [];
  try {
    const result = produce((r) => {
      const i = index++;
      if (i < layout.dataStart) return;
      if (r.cells.every((c) => isBlank(c))) return;
      const total = totalLabelOf(r.cells, totalAt);
      if (total !== null) {
        src.totals.push({line: r.line, label: total, cells: r.cells});
        return;
      }
      const out: string[] = [String(r.line)];
      const extra: string[] = [];
      for (let c = 0; c < W; c++) {
        const v = r.cells[c] ?? "";
        out.push(csvField(v));
        if (emptyHeader[c] && !isBlank(v)) extra.push(trimEdges(v));
      }
      for (let c = W; c < r.cells.length; c++) if (!isBlank(r.cells[c])) extra.push(trimEdges(r.cells[c]));
      for (const m of mapped) {
        const v = m.pos >= 0 ? r.cells[m.pos] : undefined;
        if (v) {
          m.seen.add(v);
          m.filled++;
        }
      }
      if (extra.length) extras++;
      out.push(csvField(extra.join(EXTRA_SEPARATOR)));
      const line = out.join(",") + "\n";
      parts.push(line);
      pending += line.length;
      rows++;
      if (pending > 1 << 20) flush();
    });
    flush();
    if (result && !result.endsWithNewline && result.lastCells && !src.problems.some((p) => p.code === "E_TRUNCATED")) {
      const t = truncationProblem(result.lastCells, result.lastLine, layout);
      if (t) src.problems.push(t);
    }
  } catch (e) {
    closeSync(fd);
    rmSync(file, {force: true});
    if (e instanceof FileFormatError) {
      nameCell(e, layout);
      src.fatal.push(...e.problems);
      return;
    }
    throw e;
  }
  closeSync(fd);
  // a clean line holds a record (at most 3 bytes a character, quotes doubled) and its extra cells again
  const lineBytes = 6 * src.limits.maxRecordChars + 65_536;
  const maxLine = lineBytes > 2_000_000 ? `, max_line_size = ${lineBytes}` : "";
  const csv = (types: Record<string, string>) =>
    `read_csv(${sqlString(file)}, columns = {${["'line': 'INTEGER'", ...columnDefs(layout, types), "'__extra_raw': 'VARCHAR'"].join(", ")}}, header = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', auto_detect = false, strict_mode = true${maxLine})`;
  src.mode = "rewrite";
  src.expectedRows = rows;
  src.collected = {rawRows: rows, rows, extras, distinct: new Map(mapped.map((m) => [m.key, [...m.seen]])), filled: new Map(mapped.map((m) => [m.key, m.filled]))};
  src.relation = (opts = {}) => project(layout, csv(opts.types ?? {}), "line", "__extra_raw", opts.types ?? {}, false);
  const previous = src.dispose;
  src.dispose = () => {
    previous();
    rmSync(file, {force: true});
  };
  src.rewrite = async () => {};
}

/** The distinct values of the data records among the first records of a file (as DuckDB reads them). */
function sampleOf(records: CsvRecord[], layout: Layout): Collected {
  const data = records.slice(layout.dataStart).filter((r) => r.cells.some((c) => !isBlank(c)));
  const distinct = new Map<string, string[]>();
  const filled = new Map<string, number>();
  for (const c of COLUMNS[layout.kind]) {
    if (c.type === "text") continue;
    const pos = layout.keys.indexOf(c.key);
    const seen = new Set<string>();
    let n = 0;
    for (const r of data) {
      const v = pos >= 0 ? r.cells[pos] : undefined;
      if (v) {
        seen.add(v);
        n++;
      }
    }
    distinct.set(c.key, [...seen]);
    filled.set(c.key, n);
  }
  const extras = data.filter((r) => r.cells.length > layout.keys.length || layout.keys.some((k, i) => k === "" && !isBlank(r.cells[i] ?? ""))).length;
  return {rawRows: data.length, rows: data.length, extras, distinct, filled};
}

/** One scratch folder per process for the clean CSVs (removed at exit). */
let scratch: string | null = null;
let cleanFiles = 0;
function scratchDir(): string {
  if (!scratch) {
    const dir = mkdtempSync(join(tmpdir(), "chibo-ingest-"));
    scratch = dir;
    process.once("exit", () => rmSync(dir, {recursive: true, force: true}));
  }
  return scratch;
}

const EDGE = /^[ \t\r\n\u00a0]+|[ \t\r\n\u00a0]+$/g;
const trimEdges = (s: string) => s.replace(EDGE, "");
const isBlank = (s: string) => trimEdges(s) === "";

function csvField(v: string): string {
  if (v === "") return "";
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Longest piece of a line without a line break held back for normalisation. */
const HOLD_MAX = 1 << 20;

/** Decodes a text file chunk by chunk (NFC per complete line) and tokenizes it. */
function streamRecords(
  path: string,
  encoding: Encoding,
  bom: number,
  delimiter: string,
  write: (r: CsvRecord) => void,
  onProgress?: (bytes: number) => void,
  limits?: TokenLimits,
  repair = false
): {endsWithNewline: boolean; lastLine: number; lastCells: string[] | null} {
  const fd = openSync(path, "r");
  const buf = Buffer.allocUnsafe(CHUNK);
  const decoder = streamDecoder(encoding);
  const tokenizer = new CsvTokenizer(delimiter, limits);
  let last: CsvRecord | null = null;
  const emit = (r: CsvRecord) => {
    last = r;
    write(r);
  };
  let hold = "";
  let read = 0;
  let first = true;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      let chunk = buf.subarray(0, n);
      if (first) {
        chunk = chunk.subarray(bom);
        first = false;
      }
      read += n;
      const text = hold + decoder.write(chunk);
      // normalise only complete lines: a base letter and its combining marks never straddle a line break
      let cut = text.lastIndexOf("\n") + 1;
      // a long line is passed on in pieces (the tokenizer's limits refuse it early) rather than held whole:
      // cut before an ASCII character, which never combines with what precedes it
      if (text.length - cut > HOLD_MAX) {
        const from = cut;
        cut = text.length;
        for (let i = text.length - 1; i > from && i > text.length - 4096; i--)
          if (text.charCodeAt(i) < 0x80) {
            cut = i;
            break;
          }
      }
      hold = text.slice(cut);
      if (cut > 0) {
        const piece = repair ? repairMojibake(text.slice(0, cut)) : text.slice(0, cut);
        checkNotBinary(piece);
        tokenizer.push(piece.normalize("NFC"), emit);
      }
      onProgress?.(read);
    }
    const rest = repair ? repairMojibake(hold + decoder.end()) : hold + decoder.end();
    if (rest) {
      checkNotBinary(rest);
      tokenizer.push(rest.normalize("NFC"), emit);
    }
    const {endsWithNewline} = tokenizer.end(emit);
    const l = last as CsvRecord | null;
    return {endsWithNewline, lastLine: l?.line ?? 0, lastCells: l?.cells ?? null};
  } finally {
    closeSync(fd);
  }
}
