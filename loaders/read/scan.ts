// One streaming pass over a UTF-8 CSV file's bytes, without decoding it: the SHA-256, whether the bytes are
// valid UTF-8 and NFC-safe, and where each record starts — so DuckDB can read the original file directly and
// every row still gets its row number as a spreadsheet shows it. Only quotes and line breaks are looked at
// (native indexOf), which keeps the pass at about a second per gigabyte.
import {createHash} from "node:crypto";
import {isAscii, isUtf8} from "node:buffer";
import {closeSync, openSync, readSync} from "node:fs";

export const CHUNK = 1 << 24;
const LF = 10;
const CR = 13;
const QUOTE = 34;

export interface ScanResult {
  sha256: string;
  bytes: number;
  /** the bytes are valid UTF-8 */
  utf8: boolean;
  /** line of the first invalid UTF-8 byte sequence, and whether every byte before it was ASCII */
  invalidUtf8Line: number | null;
  asciiBeforeInvalid: boolean;
  /** a NUL byte occurs (binary content) */
  nul: boolean;
  /** combining diacritics (U+0300–U+036F) occur: the text is not NFC and must be normalised */
  combining: boolean;
  /** records (non-blank lines or multi-line records) and blank lines */
  records: number;
  /** per record index r (1-based) from which line = r + offset, in order; the first entry is record 1 */
  offsets: {record: number; offset: number}[];
  /** blank lines before record `blankBefore.record` ... (only the count before the data start is needed) */
  blankLinesBefore(record: number): number;
  /** a record before `maxMultiLineCheck` spans several lines */
  multiLineBefore(record: number): boolean;
  endsWithNewline: boolean;
  /** byte offset where the last record starts (to re-read it) and its line */
  lastRecordStart: number;
  lastRecordLine: number;
  /** bytes of the longest record (a quoted record spanning lines counted whole, line end excluded) */
  maxRecordBytes: number;
  /** the file ends inside a quoted field (opened on this line) */
  unclosedQuoteLine: number | null;
  /** how records end: LF, CRLF, both (mixed), or null (a single line without a break) */
  eol: "\n" | "\r\n" | "mixed" | null;
}

/**
 * Scans `path` as CSV with the given delimiter. `onProgress` gets the bytes read so far.
 * The quote model is the tokenizer's: a quote opens a quoted field only at the start of a field.
 */
export function scanCsvFile(path: string, delimiter: string, onProgress?: (bytes: number) => void): ScanResult {
  const delim = delimiter.charCodeAt(0);
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  const buf = Buffer.allocUnsafe(CHUNK + 4);
  let carry = 0;
  let pos = 0; // file offset of buf[0]
  let total = 0;
  let line = 1;
  let records = 0;
  let inQ = false;
  let quoteLine = 0;
  let utf8 = true;
  let invalidUtf8Line: number | null = null;
  let asciiSoFar = true;
  let nul = false;
  let combining = false;
  let endsWithNewline = true;
  let lastRecordStart = 0;
  let lastRecordLine = 1;
  let maxRecordBytes = 0;
  let currentOffset = Number.NaN;
  let lfEnds = 0;
  let crlfEnds = 0;
  const offsets: {record: number; offset: number}[] = [];
  const blanks: number[] = []; // record index (next record) for each blank line, capped
  const multi: number[] = []; // records spanning several lines, capped
  try {
    for (;;) {
      const n = readSync(fd, buf, carry, CHUNK - carry, null);
      const end = carry + n;
      const final = n === 0;
      if (end === 0) break;
      // process complete lines only, except at the end of the file
      let stop = final ? end : buf.lastIndexOf(LF, end - 1) + 1;
      if (stop === 0) stop = end === CHUNK ? end : 0; // a line longer than a chunk: take it whole
      if (stop === 0 && !final) {
        carry = end;
        continue;
      }
      const view = buf.subarray(0, stop);
      hash.update(view);
      total += stop;
      if (utf8 && !isUtf8(view)) {
        utf8 = false;
        invalidUtf8Line = line + countLines(view, firstInvalid(view));
        asciiSoFar = asciiSoFar && isAsciiPrefix(view, firstInvalid(view));
      } else if (utf8 && asciiSoFar && !isAscii(view)) asciiSoFar = false;
      if (!nul && view.indexOf(0) !== -1) nul = true;
      if (!combining && (view.indexOf(0xcc) !== -1 || view.indexOf(0xcd) !== -1)) combining = true;

      let p = 0;
      const INF = Number.MAX_SAFE_INTEGER;
      let nq = view.indexOf(QUOTE, 0);
      if (nq === -1) nq = INF;
      const advance = (from: number) => {
        nq = view.indexOf(QUOTE, from);
        if (nq === -1) nq = INF;
      };
      while (p < stop) {
        let nl = view.indexOf(LF, p);
        const lineEnd = nl === -1 ? stop : nl;
        if (nl === -1) nl = stop;
        const contentEnd = lineEnd > p && view[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
        if (!inQ) {
          if (contentEnd === p) {
            // a blank line: no record (DuckDB skips it too)
            if (blanks.length < 1_000_000) blanks.push(records + 1);
            if (nl < stop) contentEnd < lineEnd ? crlfEnds++ : lfEnds++;
            line++;
            p = nl + 1;
            continue;
          }
          records++;
          lastRecordStart = pos + p;
          lastRecordLine = line;
          const offset = line - records;
          if (offset !== currentOffset) {
            offsets.push({record: records, offset});
            currentOffset = offset;
          }
        }
        if (nq < p) advance(p);
        while (nq < contentEnd) {
          if (!inQ) {
            if (nq === p || view[nq - 1] === delim) {
              inQ = true;
              quoteLine = line;
            }
            advance(nq + 1);
          } else if (nq + 1 < contentEnd && view[nq + 1] === QUOTE) {
            advance(nq + 2);
          } else {
            inQ = false;
            advance(nq + 1);
          }
        }
        if (inQ && nl < stop && multi.length < 1_000_000) multi.push(records);
        if (!inQ && nl < stop) contentEnd < lineEnd ? crlfEnds++ : lfEnds++;
        // the record (or, inside quotes, the part of it read so far) ends here
        const recordBytes = pos + contentEnd - lastRecordStart;
        if (recordBytes > maxRecordBytes) maxRecordBytes = recordBytes;
        // rows as a spreadsheet numbers them: a line break inside a quoted cell starts no new row
        if (!inQ) line++;
        p = nl + 1;
      }
      endsWithNewline = stop > 0 && view[stop - 1] === LF;
      onProgress?.(total);
      // keep the unprocessed tail
      buf.copy(buf, 0, stop, end);
      carry = end - stop;
      pos += stop;
      if (final) break;
    }
  } finally {
    closeSync(fd);
  }
  return {
    sha256: hash.digest("hex"),
    bytes: total,
    utf8,
    invalidUtf8Line,
    asciiBeforeInvalid: asciiSoFar,
    nul,
    combining,
    records,
    offsets,
    blankLinesBefore: (record) => countBelow(blanks, record),
    multiLineBefore: (record) => multi.some((r) => r < record),
    endsWithNewline,
    lastRecordStart,
    lastRecordLine,
    maxRecordBytes,
    unclosedQuoteLine: inQ ? quoteLine : null,
    eol: lfEnds && crlfEnds ? "mixed" : crlfEnds ? "\r\n" : lfEnds ? "\n" : null
  };
}

function countBelow(sorted: number[], value: number): number {
  let n = 0;
  for (const v of sorted) {
    if (v > value) break;
    n++;
  }
  return n;
}

function isAsciiPrefix(b: Buffer, end: number): boolean {
  for (let i = 0; i < end; i++) if (b[i] > 0x7f) return false;
  return true;
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence (approximate: first failing sequence). */
function firstInvalid(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return b.length;
}

function countLines(b: Buffer, end: number): number {
  let n = 0;
  let p = b.indexOf(LF);
  while (p !== -1 && p < end) {
    n++;
    p = b.indexOf(LF, p + 1);
  }
  return n;
}

/** SHA-256 of a file, streamed. */
export function sha256File(path: string): {sha256: string; bytes: number} {
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  const buf = Buffer.allocUnsafe(CHUNK);
  let bytes = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return {sha256: hash.digest("hex"), bytes};
}

/** The first `max` bytes of a file. */
export function readHead(path: string, max: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(max);
    const n = readSync(fd, buf, 0, max, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Bytes [start, end) of a file. */
export function readRange(path: string, start: number, end: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(Math.max(0, end - start));
    const n = readSync(fd, buf, 0, buf.length, start);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
