// A CSV tokenizer for text that may arrive in pieces: RFC 4180 quoting ("" inside quotes, delimiters and line
// breaks inside quoted fields), CRLF, LF or CR line ends, and the leniency Excel users need (a quote in the
// middle of an unquoted field is an ordinary character). Every record carries the row number a spreadsheet shows
// for it (blank lines count, line breaks inside quoted cells do not), so a clerk is pointed at the row as the
// spreadsheet numbers it. Blank lines produce no record.
//
// Why not csv-parse (a dependency, used for small side files): measured side by side in one process with
// `npm run bench:ingest -- --rows 1000000 --repeat 3 --tokenizers` (89 Mi characters, 1,000,001 records, in
// 1 MiB pieces, load average 6.8 on a shared 2-core machine), this tokenizer took 0.87 s (1.14 M records/s) and
// csv-parse, with the options the loaders need (relax_quotes, info for lines, max_record_size), 18.8 s
// (53 k records/s); csv-parse's sync API on 30 Mi characters alone was 4.4 s with info, 3.1 s without. It
// would also need the spreadsheet row (its info counts line breaks inside quoted cells) and the limits
// per cell rebuilt around it.
import {FileFormatError} from "../format/codes.ts";

/** Limits the tokenizer enforces as it goes (loaders/limits.ts): a field or record over them is refused at once. */
export interface TokenLimits {
  maxFieldChars: number;
  maxRecordChars: number;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** E_FIELD_TOO_LONG on the record's line, naming the cell (1-based). */
export function fieldTooLong(line: number, cell: number, length: number, limit: number, quoted: boolean, sample: string): FileFormatError {
  const more = length > limit ? `${length}` : `hơn ${limit}`;
  const moreEn = length > limit ? `${length}` : `more than ${limit}`;
  const e = new FileFormatError(
    "E_FIELD_TOO_LONG",
    {line, value: clip(sample)},
    {
      vi: `ô thứ ${cell} có ${more} ký tự, giới hạn ${limit}${quoted ? `; ô mở bằng dấu ngoặc kép ở dòng ${line}` : ""}`,
      en: `cell ${cell} has ${moreEn} characters, the limit is ${limit}${quoted ? `; it opens with a quote on line ${line}` : ""}`
    }
  );
  e.cell = cell;
  return e;
}

/** E_RECORD_TOO_LONG on the record's line. */
export function recordTooLong(line: number, cells: number, limit: number, sample: string): FileFormatError {
  return new FileFormatError(
    "E_RECORD_TOO_LONG",
    {line, value: clip(sample)},
    {vi: `dòng có hơn ${limit} ký tự (đã đọc ${cells} ô)`, en: `the row has more than ${limit} characters (${cells} cells read so far)`}
  );
}

/** Checks a record already split into cells (an Excel row) against the limits. */
export function checkRecordLimits(r: CsvRecord, limits: TokenLimits): void {
  let total = 0;
  for (let i = 0; i < r.cells.length; i++) {
    const c = r.cells[i];
    if (c.length > limits.maxFieldChars) throw fieldTooLong(r.line, i + 1, c.length, limits.maxFieldChars, false, c);
    total += c.length + (i > 0 ? 1 : 0);
    if (total > limits.maxRecordChars) throw recordTooLong(r.line, i + 1, limits.maxRecordChars, r.cells[0] ?? "");
  }
}

export interface CsvRecord {
  /** 1-based row number as a spreadsheet shows it (for a workbook, the sheet's row number) */
  line: number;
  cells: string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  private line = 1;
  private recordLine = 1;
  private cells: string[] = [];
  private field = "";
  private inQuotes = false;
  /** the current field started with a quote (and so may contain delimiters and line breaks) */
  private quoted = false;
  /** just saw a quote inside a quoted field: either the closing quote or the first of "" */
  private quotePending = false;
  private quoteLine = 0;
  private atFieldStart = true;
  private pendingCR = false;
  /** characters of the current record's finished cells, with their delimiters */
  private recordChars = 0;
  private readonly delim: number;
  private readonly limits: TokenLimits | null;

  constructor(delimiter: string, limits?: TokenLimits) {
    this.delim = delimiter.charCodeAt(0);
    this.limits = limits ?? null;
  }

  /** Feeds a piece of text; complete records go to onRecord. Call end() after the last piece. */
  push(text: string, onRecord: (r: CsvRecord) => void): void {
    const d = this.delim;
    let start = 0; // start of the not-yet-copied run of the current field
    const len = text.length;
    for (let i = 0; i < len; i++) {
      const c = text.charCodeAt(i);
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === LF) {
          // CRLF: the line break was already counted at the CR. Inside quotes the LF stays in the value.
          if (!this.inQuotes) start = i + 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            // "" → one quote: the first quote of the pair was left out of the copied run
            start = i;
            continue;
          }
          this.inQuotes = false; // that was the closing quote; c is handled as outside quotes below
        } else {
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            this.quotePending = true;
            start = i + 1;
          } else if (c === CR) {
            // a line break inside a quoted cell stays in the cell: the spreadsheet shows one row, so the row count
            // does not move (a two-line note would otherwise shift every later row number by one)
            this.pendingCR = true;
          }
          continue;
        }
      }
      // outside quotes
      if (c === d) {
        this.field += text.slice(start, i);
        this.endField();
        start = i + 1;
      } else if (c === LF || c === CR) {
        this.field += text.slice(start, i);
        this.endRecord(onRecord);
        this.line++;
        this.recordLine = this.line;
        if (c === CR) this.pendingCR = true;
        start = i + 1;
      } else if (c === QUOTE && this.atFieldStart && this.field === "" && start === i) {
        this.inQuotes = true;
        this.quoted = true;
        this.quoteLine = this.line;
        this.atFieldStart = false;
        start = i + 1;
      } else this.atFieldStart = false;
    }
    this.field += text.slice(start, len);
    // a field still open at the end of a piece (an unclosed quote, a line without end) grows by at most a piece
    if (this.limits) this.checkOpen();
  }

  private checkOpen(): void {
    const l = this.limits!;
    if (this.field.length > l.maxFieldChars) throw fieldTooLong(this.recordLine, this.cells.length + 1, this.field.length, l.maxFieldChars, this.quoted, this.field);
    // the record so far: its finished cells, their delimiters, the delimiter before this cell and this cell
    if (this.recordChars + (this.cells.length > 0 ? 1 : 0) + this.field.length > l.maxRecordChars) throw recordTooLong(this.recordLine, this.cells.length + 1, l.maxRecordChars, this.cells[0] ?? this.field);
  }

  /** Flushes the last record; throws E_UNCLOSED_QUOTE when the text ends inside a quoted field. */
  end(onRecord: (r: CsvRecord) => void): {endsWithNewline: boolean} {
    if (this.inQuotes && !this.quotePending) throw new FileFormatError("E_UNCLOSED_QUOTE", {line: this.quoteLine});
    const endsWithNewline = this.cells.length === 0 && this.field === "" && !this.quoted;
    this.endRecord(onRecord);
    return {endsWithNewline};
  }

  private endField(): void {
    if (this.limits) {
      this.checkOpen();
      this.recordChars += this.field.length + (this.cells.length > 0 ? 1 : 0);
    }
    this.cells.push(this.field);
    this.field = "";
    this.quoted = false;
    this.inQuotes = false;
    this.quotePending = false;
    this.atFieldStart = true;
  }

  private endRecord(onRecord: (r: CsvRecord) => void): void {
    const blank = this.cells.length === 0 && this.field === "" && !this.quoted;
    if (!blank) {
      this.endField();
      onRecord({line: this.recordLine, cells: this.cells});
    }
    this.cells = [];
    this.field = "";
    this.recordChars = 0;
    this.quoted = false;
    this.inQuotes = false;
    this.quotePending = false;
    this.atFieldStart = true;
  }
}

/** All records of a text. */
export function tokenize(text: string, delimiter: string, limits?: TokenLimits): {records: CsvRecord[]; endsWithNewline: boolean} {
  const records: CsvRecord[] = [];
  const t = new CsvTokenizer(delimiter, limits);
  t.push(text, (r) => records.push(r));
  const {endsWithNewline} = t.end((r) => records.push(r));
  return {records, endsWithNewline};
}

/** The records of the first part of a text that are certainly complete (for sniffing a large file's head). */
export function tokenizeHead(text: string, delimiter: string, complete: boolean): CsvRecord[] {
  const records: CsvRecord[] = [];
  const t = new CsvTokenizer(delimiter);
  t.push(text, (r) => records.push(r));
  if (complete) {
    try {
      t.end((r) => records.push(r));
    } catch {
      // an unclosed quote in the head: the full read reports it
    }
  }
  return records;
}
