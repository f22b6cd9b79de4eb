// Where the table is in a submission: which delimiter, which row is the header (title rows such as
// "ĐẢNG BỘ TỈNH ..." or "Biểu 01-SHCB" and empty rows above it are skipped), which kind of submission the
// columns say it is, and which column each cell belongs to.
import {basename} from "node:path";
import {FileFormatError, problem, type Problem} from "../format/codes.ts";
import {tokenizeHead, type CsvRecord} from "./csv-tokenize.ts";
import {nearestColumn} from "./header-suggest.ts";
import {COLUMNS, headerIndex, IGNORED_COLUMNS, KIND_LABELS, KINDS, type Kind} from "../format/schemas.ts";
import {columnPlace, placedColumn, type SheetInfo} from "./sheet-position.ts";
import {cleanText, foldKey} from "../format/text.ts";

/** How far down the header row may be. */
export const HEADER_SEARCH_ROWS = 50;
export const DELIMITERS = [",", ";", "\t"] as const;

export interface Layout {
  kind: Kind;
  delimiter: string;
  /** index of the header among the records (0-based) and its line */
  headerRecord: number;
  headerLine: number;
  header: string[];
  /**
   * per header position: the column key; "" for a column without a header (data there is an extra cell);
   * "#" for an ignored column (STT, a repeated column); null for an unknown column
   */
  keys: (string | null)[];
  /** records (0-based index) before the first data record: title rows, header, a column-numbering row */
  dataStart: number;
  /** file-level problems of the header (unknown, repeated or missing columns; warnings about hidden columns) */
  problems: Problem[];
  /** the worksheet the table was read from (a workbook), for naming columns by letter */
  sheet: SheetInfo | null;
}

const INDEXES = new Map(KINDS.map((k) => [k, headerIndex(k)]));

function headerScore(cells: string[]): number {
  // each cell folded once (a hostile row may have hundreds of thousands of cells)
  const hits = KINDS.map(() => 0);
  for (const c of cells) {
    if (c.trim() === "") continue;
    const f = foldKey(c);
    KINDS.forEach((kind, k) => {
      if (INDEXES.get(kind)!.has(f)) hits[k]++;
    });
  }
  return Math.max(...hits);
}

/** Unknown columns reported per file (a row of thousands of cells is one problem of its own, not thousands). */
const MAX_UNKNOWN_COLUMNS = 100;

/** The header among the first records: the one naming the most template columns (at least two). */
function findHeader(records: CsvRecord[]): {index: number; score: number} {
  let best = {index: -1, score: 1};
  for (let i = 0; i < Math.min(records.length, HEADER_SEARCH_ROWS); i++) {
    const s = headerScore(records[i].cells);
    if (s > best.score) best = {index: i, score: s};
  }
  return best;
}

/** The kind whose required columns the header covers best; the file name breaks ties. */
export function detectKind(header: string[], fileName: string): Kind | null {
  const folded = header.map((h) => foldKey(h));
  const scores = KINDS.map((kind) => {
    const index = INDEXES.get(kind)!;
    const mapped = new Set(folded.map((h) => index.get(h)).filter(Boolean));
    const required = COLUMNS[kind].filter((c) => c.required);
    const hit = required.filter((c) => mapped.has(c.key)).length;
    const all = header.filter((h) => h.trim() !== "").length;
    return {kind, ratio: hit / required.length, fit: all ? mapped.size / all : 0};
  }).sort((a, b) => b.ratio - a.ratio || b.fit - a.fit);
  if (scores[0].ratio === 0) return null;
  const fromName = kindFromName(fileName);
  if (fromName) {
    const s = scores.find((x) => x.kind === fromName)!;
    if (s.ratio === scores[0].ratio && s.fit === scores[0].fit) return fromName;
  }
  return scores[0].kind;
}

/** The kind a file name announces (`sinh_hoat_HU-A_2020.csv`), if any. */
export function kindFromName(fileName: string): Kind | null {
  const name = foldKey(basename(fileName));
  return KINDS.find((k) => name.startsWith(k)) ?? null;
}

/** A row under the header that only numbers the columns: (1) (2) (3) ... or 1 2 3 ... */
function isNumberingRow(cells: string[]): boolean {
  const values = cells.map((c) => c.trim()).filter((c) => c !== "");
  if (values.length < 3) return false;
  return values.every((v, i) => {
    const m = /^\(?(\d+)\)?$/.exec(v);
    return m !== null && Number(m[1]) === Number(/\d+/.exec(values[0])![0]) + i;
  });
}

/** Sniffs delimiter and header from the first records of a text (the head of the file is enough). */
export function findLayout(headText: string, complete: boolean, fileName: string, hint?: {delimiter?: string; kind?: Kind | null}): Layout {
  // the header is among the first rows: sniff on the first few hundred lines, all of the head only if needed
  const cut = nthIndexOf(headText, "\n", 4 * HEADER_SEARCH_ROWS);
  const attempts: [string, boolean][] = cut > 0 ? [[headText.slice(0, cut + 1), false], [headText, complete]] : [[headText, complete]];
  for (const [text, whole] of attempts) {
    let best: {delimiter: string; records: CsvRecord[]; index: number; score: number} | null = null;
    for (const delimiter of hint?.delimiter ? [hint.delimiter] : DELIMITERS) {
      const records = tokenizeHead(text, delimiter, whole);
      const h = findHeader(records);
      if (h.index >= 0 && (!best || h.score > best.score)) best = {delimiter, records, ...h};
    }
    if (best && best.records.length > best.index + 1) return layoutFromRecords(best.records, best.index, best.delimiter, fileName, hint?.kind ?? null);
    if (best && text === headText) return layoutFromRecords(best.records, best.index, best.delimiter, fileName, hint?.kind ?? null);
  }
  throw noHeader();
}

function nthIndexOf(text: string, needle: string, n: number): number {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) return -1;
  }
  return i;
}

/** The layout of records already split into cells (an Excel sheet). */
export function findLayoutInRecords(records: CsvRecord[], delimiter: string, fileName: string, kindHint: Kind | null, sheet: SheetInfo | null = null): Layout {
  const h = findHeader(records);
  if (h.index < 0) throw noHeader();
  return layoutFromRecords(records, h.index, delimiter, fileName, kindHint, sheet);
}

const noHeader = () =>
  new FileFormatError("E_UNKNOWN_KIND", {}, {vi: `không có trong ${HEADER_SEARCH_ROWS} dòng đầu`, en: `not within the first ${HEADER_SEARCH_ROWS} rows`});

export function layoutFromRecords(records: CsvRecord[], headerRecord: number, delimiter: string, fileName: string, kindHint: Kind | null, sheet: SheetInfo | null = null): Layout {
  const headRec = records[headerRecord];
  const header = headRec.cells.map((h) => cleanText(h));
  // a hidden column past the last header cell is still a column of the sheet (a helper column without a header)
  if (sheet) while (header.length <= Math.max(-1, ...sheet.hidden)) header.push("");
  const kind = detectKind(header, fileName);
  if (!kind) throw new FileFormatError("E_UNKNOWN_KIND", {line: headRec.line});
  const problems: Problem[] = [];
  const fromName = kindHint ?? kindFromName(fileName);
  if (fromName && fromName !== kind)
    problems.push(
      problem(
        "E_KIND_MISMATCH",
        {line: headRec.line, value: basename(fileName)},
        {vi: `tên tệp là ${KIND_LABELS[fromName].vi} (${fromName}), các cột là ${KIND_LABELS[kind].vi} (${kind})`, en: `the name says ${KIND_LABELS[fromName].en} (${fromName}), the columns are a ${KIND_LABELS[kind].en} (${kind})`}
      )
    );
  const index = INDEXES.get(kind)!;
  const keys: (string | null)[] = [];
  // a column of a workbook is named with its place in the sheet ("Ghi chu them (trang “sinh_hoat”, cột F)")
  const named = (h: string, i: number) => (sheet ? placedColumn(h, sheet, i) : h);
  const unknown: {h: string; i: number}[] = [];
  header.forEach((h, i) => {
    const folded = foldKey(h);
    const key = folded === "" ? null : IGNORED_COLUMNS.has(folded) ? "#" : (index.get(folded) ?? null);
    if (sheet?.hidden.has(i) && (key === null || key === "#")) {
      // a hidden helper column the template does not have: ignored, and said so
      if (key === null) {
        const place = columnPlace(sheet, i);
        problems.push(
          problem(
            "W_HIDDEN_COLUMN",
            {line: headRec.line, column: h ? named(h, i) : `trang “${sheet.name}”, ${place}`, value: h || null},
            {vi: `${place} ${h ? `“${h}”` : "không có tiêu đề"}`, en: `column ${place.replace(/^cột /, "").replace("(đang ẩn)", "(hidden)")} ${h ? `"${h}"` : "has no header"}`}
          )
        );
      }
      keys.push("#");
    } else if (folded === "" || key === "#") keys.push(folded === "" ? "" : "#");
    else if (!key) {
      unknown.push({h, i});
      keys.push(null);
    } else if (keys.includes(key)) {
      problems.push(problem("E_DUPLICATE_COLUMN", {line: headRec.line, column: named(h, i), value: h}));
      keys.push("#");
    } else keys.push(key);
  });
  const taken = new Set(keys.filter((k): k is string => k !== null && k !== "" && k !== "#"));
  for (const {h, i} of unknown.slice(0, MAX_UNKNOWN_COLUMNS)) {
    const near = nearestColumn(kind, h, taken);
    const hint = near ? {vi: `có phải cột “${near.label}”?`, en: `did you mean the column "${near.label}" (${near.key})?`} : undefined;
    problems.push(problem("E_UNKNOWN_COLUMN", {line: headRec.line, column: named(h, i), value: h}, hint));
  }
  for (const c of COLUMNS[kind])
    if (c.required && !keys.includes(c.key))
      problems.push(
        problem(
          "E_MISSING_COLUMN",
          {line: headRec.line, column: c.label},
          // in a workbook, the sheet that was read (the clerk may have filled in another one)
          {vi: `"${c.label}" (${c.key})${sheet ? ` trên trang “${sheet.name}”` : ""}`, en: `"${c.key}" (${c.label})${sheet ? ` on the sheet "${sheet.name}"` : ""}`}
        )
      );
  let dataStart = headerRecord + 1;
  if (records[dataStart] && isNumberingRow(records[dataStart].cells)) dataStart++;
  return {kind, delimiter, headerRecord, headerLine: headRec.line, header, keys, dataStart, problems, sheet};
}
