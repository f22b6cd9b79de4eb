// One submission file → its kind, typed rows and every problem found in it (not only the first), row by row in
// JS. Pure: no warehouse access (checks that need the registry or the whole file run in SQL, load.ts). The bulk
// loader reads values with the same parsers and checks rows with the same rules (schemas.ts), so both report a
// row the same way; tests keep them in agreement.
import {basename} from "node:path";
import {problem, type Problem} from "../format/codes.ts";
import type {CsvRecord} from "../read/csv-tokenize.ts";
import {detectKind} from "../read/layout.ts";
import {readTable, readTableAsync, type RawTable} from "../read/read-table.ts";
import {COLUMNS, isTickColumn, legacyRatingLabel, parseValue, ValueError, type Kind, type TypedRow, type Value} from "../format/schemas.ts";
import {CODES} from "../format/codes.ts";
import {ROW_SCHEMAS} from "./row-rules.ts";
import {EXTRA_SEPARATOR} from "../read/source.ts";
import {MERGED_KEYS, mergedCellProblem} from "./merged-cells.ts";
import {totalLabelOf, totalLabelPositions, type TotalRow} from "../read/total-rows.ts";
import {sumsAbove, totalProblems} from "./total-sums.ts";
import {placeProblems} from "./workbook-problems.ts";

export type {Problem, TypedRow};
export {detectKind};

export interface ParsedSubmission {
  fileName: string;
  kind: Kind;
  rows: TypedRow[];
  /** data rows (blank rows are not counted) */
  rowsRead: number;
  /** every problem: of the header (line of the header), of single rows (located) */
  problems: Problem[];
}

const EDGE = /^[ \t\r\n\u00a0]+|[ \t\r\n\u00a0]+$/g;
const isBlank = (s: string | undefined) => s === undefined || s.replace(EDGE, "") === "";
const BLOCKING = new Set(["E_UNKNOWN_COLUMN", "E_DUPLICATE_COLUMN", "E_MISSING_COLUMN"]);

export function formatValue(v: Value | undefined): string | null {
  if (v === null || v === undefined) return null;
  return String(v);
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) =>
      (a.line ?? -1) - (b.line ?? -1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || String(a.column ?? "").localeCompare(String(b.column ?? ""))
  );
}

export function parseTable(fileName: string, table: RawTable): ParsedSubmission {
  const {layout} = table;
  const kind = layout.kind;
  const problems: Problem[] = [...layout.problems];
  // total rows ("Tổng cộng") are left out of the data; their figures are checked once the rows are typed
  const totalAt = totalLabelPositions(layout);
  const totals: TotalRow[] = [];
  const records = table.records.filter((r) => {
    if (!r.cells.some((c) => !isBlank(c))) return false;
    const label = totalLabelOf(r.cells, totalAt);
    if (label !== null) totals.push({line: r.line, label, cells: r.cells});
    return label === null;
  });
  if (layout.problems.some((p) => BLOCKING.has(p.code))) return {fileName: basename(fileName), kind, rows: [], rowsRead: records.length, problems: sortProblems(placeProblems(problems, layout))};
  problems.push(...table.problems);
  if (records.length === 0) problems.push(problem("E_NO_DATA", {line: layout.headerLine}));
  const truncatedLines = new Set(table.problems.filter((p) => p.code === "E_TRUNCATED").map((p) => p.line));
  // a blank unit code under a filled one in a CSV: cells merged in the sheet (a workbook's are filled down)
  const mergedKey = layout.sheet ? null : (codeKey(kind) ?? null);
  let codeAbove: string | null = null;
  const typed: TypedRow[] = [];

  const specs = COLUMNS[kind];
  const position = new Map(layout.keys.map((k, i) => [k, i]));
  const tick = new Map(specs.filter((c) => c.type === "bool").map((c) => [c.key, isTickColumn(records.map((r) => r.cells[position.get(c.key) ?? -1] ?? ""))]));
  const extraAt = layout.keys.map((k) => k === "");
  const schema = ROW_SCHEMAS[kind];
  const rows: TypedRow[] = [];
  for (const {line, cells} of records as CsvRecord[]) {
    const row: TypedRow = {line};
    let ok = !truncatedLines.has(line);
    const extra: string[] = [];
    for (let i = 0; i < cells.length; i++) if ((i >= extraAt.length || extraAt[i]) && !isBlank(cells[i])) extra.push(cells[i].replace(EDGE, ""));
    if (extra.length) {
      ok = false;
      problems.push(problem("E_EXTRA_CELLS", {line, value: extra.join(EXTRA_SEPARATOR)}));
    }
    for (const c of specs) {
      const i = position.get(c.key);
      const raw = i === undefined ? "" : (cells[i] ?? "");
      try {
        row[c.key] = parseValue(c.type, raw, {tick: tick.get(c.key)});
        if (c.key === mergedKey) {
          if (row[c.key] === null && codeAbove !== null) {
            ok = false;
            problems.push(mergedCellProblem(line, c.label, codeAbove));
            continue;
          }
          if (row[c.key] !== null) codeAbove = row[c.key] as string;
        }
        if (row[c.key] === null && c.required) {
          ok = false;
          problems.push(problem("E_REQUIRED", {line, column: c.label}));
        }
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        ok = false;
        problems.push({line, column: c.label, value: raw, code: e.code, vi: e.vi, en: e.en, severity: "error"});
      }
    }
    if (kind === "danh_gia") row.xep_loai_goc = legacyRatingLabel(cells[position.get("xep_loai") ?? -1] ?? "");
    typed.push(row);
    if (!ok) continue;
    const result = schema.safeParse(row);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? "");
        const spec = specs.find((c) => c.key === key);
        const code = issue.message in CODES ? (issue.message as keyof typeof CODES) : null;
        if (code) problems.push(problem(code, {line, column: spec?.label ?? key, value: formatValue(row[key])}));
        else problems.push({line, column: spec?.label ?? key, value: formatValue(row[key]), code: "E_VALUE", vi: issue.message, en: issue.message, severity: "error"});
      }
      continue;
    }
    rows.push(row);
  }
  for (const t of totals) problems.push(...totalProblems(t, layout, sumsAbove(typed, totals, t)));
  return {fileName: basename(fileName), kind, rows, rowsRead: records.length, problems: sortProblems(placeProblems(problems, layout))};
}

/** The unit-code column of a kind, when merged blocks of it are to be recognised. */
function codeKey(kind: Kind): string | undefined {
  return COLUMNS[kind].find((c) => MERGED_KEYS.has(c.key))?.key;
}

/** A CSV submission, synchronously. Throws FileFormatError when the file cannot be read at all. */
export function parseSubmission(fileName: string, bytes: Uint8Array): ParsedSubmission {
  return parseTable(fileName, readTable(bytes, fileName));
}

/** A CSV submission or an Excel workbook. */
export async function parseSubmissionAsync(fileName: string, bytes: Uint8Array): Promise<ParsedSubmission> {
  return parseTable(fileName, await readTableAsync(bytes, fileName));
}
