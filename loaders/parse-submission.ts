// One submission file → its kind, typed rows and every problem found in it (not only the first).
// Pure: no warehouse access. Checks that need the registry run later, in ingest.ts.
import {basename} from "node:path";
import {readTable, FileFormatError} from "./read-table.ts";
import {COLUMNS, KINDS, headerIndex, parseValue, ROW_SCHEMAS, RULE_MESSAGES, ValueError, type Kind} from "./schemas.ts";
import {foldKey} from "./text.ts";

export interface Problem {
  line: number | null;
  column: string | null;
  value: string | null;
  code: string;
  vi: string;
  en: string;
}

export type TypedRow = Record<string, string | number | boolean | null> & {line: number};

export interface ParsedSubmission {
  fileName: string;
  kind: Kind;
  rows: TypedRow[];
  rowsRead: number;
  /** problems of single rows (located) */
  problems: Problem[];
}

/** Guesses the kind from which columns the header has; the file name is a tie-breaker. */
export function detectKind(header: string[], fileName: string): Kind | null {
  const scores = KINDS.map((kind) => {
    const index = headerIndex(kind);
    const mapped = new Set(header.map((h) => index.get(foldKey(h))).filter(Boolean));
    const required = COLUMNS[kind].filter((c) => c.required);
    const hit = required.filter((c) => mapped.has(c.key)).length;
    return {kind, ratio: hit / required.length};
  }).sort((a, b) => b.ratio - a.ratio);
  if (scores[0].ratio === 0) return null;
  const fromName = KINDS.find((k) => basename(fileName).toLowerCase().startsWith(k));
  if (fromName && scores.find((s) => s.kind === fromName)!.ratio === scores[0].ratio) return fromName;
  return scores[0].kind;
}

export function parseSubmission(fileName: string, bytes: Uint8Array): ParsedSubmission {
  const table = readTable(bytes);
  const kind = detectKind(table.header, fileName);
  if (!kind)
    throw new FileFormatError(
      "E_UNKNOWN_KIND",
      `Không nhận ra loại hồ sơ từ dòng tiêu đề (dòng ${table.headerLine}): cần các cột của danh mục đơn vị, sổ sinh hoạt hoặc đánh giá`,
      `cannot tell the submission kind from the header (line ${table.headerLine}): expected the columns of a unit registry, meeting log or annual rating`
    );

  // map header cells to column keys; unknown or repeated columns are file-level errors
  const index = headerIndex(kind);
  const keys: (string | null)[] = [];
  const fileProblems: Problem[] = [];
  for (const h of table.header) {
    if (h === "") {
      keys.push(null); // trailing empty columns from Excel
      continue;
    }
    const key = index.get(foldKey(h)) ?? null;
    if (!key)
      fileProblems.push({line: table.headerLine, column: h, value: h, code: "E_UNKNOWN_COLUMN", vi: "Cột không thuộc mẫu", en: "column is not part of the template"});
    else if (keys.includes(key))
      fileProblems.push({line: table.headerLine, column: h, value: h, code: "E_DUPLICATE_COLUMN", vi: "Cột bị lặp", en: "column appears twice"});
    keys.push(key);
  }
  for (const c of COLUMNS[kind])
    if (c.required && !keys.includes(c.key))
      fileProblems.push({line: table.headerLine, column: c.label, value: null, code: "E_MISSING_COLUMN", vi: `Thiếu cột bắt buộc "${c.label}" (${c.key})`, en: `required column "${c.key}" (${c.label}) is missing`});
  if (fileProblems.length) return {fileName, kind, rows: [], rowsRead: table.records.length, problems: fileProblems};

  const specs = COLUMNS[kind];
  const position = new Map(keys.map((k, i) => [k, i]));
  const schema = ROW_SCHEMAS[kind];
  const rows: TypedRow[] = [];
  const problems: Problem[] = [];
  for (const {line, cells} of table.records) {
    const row: TypedRow = {line};
    let ok = true;
    for (const c of specs) {
      const i = position.get(c.key);
      const raw = i === undefined ? "" : (cells[i] ?? "");
      try {
        row[c.key] = parseValue(c.type, raw);
        if (row[c.key] === null && c.required) {
          ok = false;
          problems.push({line, column: c.label, value: raw, code: "E_REQUIRED", vi: "Thiếu giá trị bắt buộc", en: "required value is missing"});
        }
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        ok = false;
        problems.push({line, column: c.label, value: raw, code: e.code, vi: e.vi, en: e.en});
      }
    }
    if (!ok) continue;
    const result = schema.safeParse(row);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? "");
        const spec = specs.find((c) => c.key === key);
        const msg = RULE_MESSAGES[issue.message] ?? {vi: issue.message, en: issue.message};
        problems.push({
          line,
          column: spec?.label ?? key,
          value: row[key] === null || row[key] === undefined ? null : String(row[key]),
          code: RULE_MESSAGES[issue.message] ? issue.message : "E_RANGE",
          vi: msg.vi,
          en: msg.en
        });
      }
      continue;
    }
    rows.push(row);
  }
  return {fileName, kind, rows, rowsRead: table.records.length, problems};
}
