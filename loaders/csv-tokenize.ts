// A CSV tokenizer for text that may arrive in pieces: RFC 4180 quoting ("" inside quotes, delimiters and line
// breaks inside quoted fields), CRLF, LF or CR line ends, and the leniency Excel users need (a quote in the
// middle of an unquoted field is an ordinary character). Every record carries the line it starts on, so a clerk
// is pointed at the row as Excel or a text editor numbers it. Blank lines produce no record.
import {FileFormatError} from "./codes.ts";

export interface CsvRecord {
  /** 1-based line the record starts on */
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
  private readonly delim: number;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
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
          } else if (c === LF || c === CR) {
            this.line++;
            if (c === CR) this.pendingCR = true;
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
  }

  /** Flushes the last record; throws E_UNCLOSED_QUOTE when the text ends inside a quoted field. */
  end(onRecord: (r: CsvRecord) => void): {endsWithNewline: boolean} {
    if (this.inQuotes && !this.quotePending) throw new FileFormatError("E_UNCLOSED_QUOTE", {line: this.quoteLine});
    const endsWithNewline = this.cells.length === 0 && this.field === "" && !this.quoted;
    this.endRecord(onRecord);
    return {endsWithNewline};
  }

  private endField(): void {
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
    this.quoted = false;
    this.inQuotes = false;
    this.quotePending = false;
    this.atFieldStart = true;
  }
}

/** All records of a text. */
export function tokenize(text: string, delimiter: string): {records: CsvRecord[]; endsWithNewline: boolean} {
  const records: CsvRecord[] = [];
  const t = new CsvTokenizer(delimiter);
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
