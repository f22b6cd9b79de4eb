// The check before sending (/kiem-tra): one file, read in the browser with nothing uploaded, through the loaders'
// own reading and row checks (parseSubmissionAsync: decoding, mojibake, header matching, zod row schemas, row
// rules, total rows, positions), then the checks that need the registry, against the registry the province has
// published for the clerk's committee. scripts/bundle-checker.ts bundles this module for the page.
//
// What ingest checks in SQL against the whole warehouse is redone here on the published registry for the codes
// a clerk can fix before sending (unknown unit, another committee's unit, a meeting outside the cell's dates, a
// future date, a duplicate meeting or rating); test/browser/check-page.test.ts compares the codes with
// `npm run validate` on the same files. For a registry file, the published registry lacks the parents, the
// mergers and which file defined each unit: only what the file and the units' committees decide is checked here
// (unitRegistryProblems); the rest (unknown codes, a unit another registry defines) at ingest.
import {problem, type Problem} from "../format/codes.ts";
import {formatValue, parseSubmissionAsync, sortProblems, type ParsedSubmission} from "../check/parse-submission.ts";
import {COLUMNS, type Kind, type TypedRow} from "../format/schemas.ts";

/** A unit of the published registry (dang-bo/<code>/don-vi.json and the summaries). */
export interface RegistryUnit {
  code: string;
  level: string;
  /** its committee, when the unit is not a committee */
  committee?: string;
  from?: string;
  to?: string;
}

export interface CheckOptions {
  /** The units the clerk's committee may report on, with the committees: null when no registry was published. */
  registry?: RegistryUnit[] | null;
  /** The committee the file is sent for; by default, as ingest: the committee most of its units belong to. */
  committee?: string | null;
  /** Today (ISO date), for meetings dated in the future. */
  today?: string;
}

export interface CheckResult {
  fileName: string;
  kind: Kind | null;
  rowsRead: number;
  /** every problem, sorted by line; severity "error" stops the file (or its row with --partial) */
  problems: Problem[];
  /** whether the registry checks ran */
  registryChecked: boolean;
  /** the file as the template wants it (UTF-8 with BOM, ISO dates, template headers), when no error is left */
  cleaned: {name: string; text: string} | null;
}

const MEETING_UNITS = new Set(["chi_bo", "chi_bo_co_so"]);
const RATED_UNITS = new Set(["chi_bo", "chi_bo_co_so", "dang_bo_co_so"]);

/** The checks ingest makes in SQL against the registry and the whole file, on the published registry. */
export function registryProblems(kind: Kind, rows: TypedRow[], opts: CheckOptions): Problem[] {
  if (kind === "don_vi") return unitRegistryProblems(rows, opts);
  const out: Problem[] = [];
  const key = kind === "sinh_hoat" ? "ma_chi_bo" : "ma_don_vi";
  const label = (k: string) => COLUMNS[kind].find((c) => c.key === k)!.label;
  const levels = kind === "sinh_hoat" ? MEETING_UNITS : RATED_UNITS;
  const units = opts.registry ? new Map(opts.registry.filter((u) => levels.has(u.level)).map((u) => [u.code, u])) : null;
  const committeeOf = (u: RegistryUnit) => u.committee ?? u.code;
  // The file's committee, as ingest finds it: the one most of its units belong to; several is an error.
  let fileCommittee: string | null = opts.committee ?? null;
  if (units) {
    const counts = new Map<string, Set<string>>();
    for (const row of rows) {
      const u = units.get(row[key] as string);
      if (u) counts.set(committeeOf(u), (counts.get(committeeOf(u)) ?? new Set()).add(u.code));
    }
    const cs = [...counts].map(([committee, codes]) => ({committee, units: codes.size})).sort((a, b) => b.units - a.units || (a.committee < b.committee ? -1 : 1));
    fileCommittee = cs[0]?.committee ?? null;
    if (cs.length > 1)
      out.push(
        problem(
          "E_MIXED_COMMITTEES",
          {value: cs.map((c) => `${c.committee} (${c.units})`).join(", ")},
          {vi: `tệp này có ${cs.map((c) => `${c.committee} (${c.units} đơn vị)`).join(", ")}`, en: `this one has ${cs.map((c) => `${c.committee} (${c.units} units)`).join(", ")}`}
        )
      );
    if (!cs.length && rows.length) out.push(problem("E_NO_COMMITTEE"));
  }
  const seen = new Map<string, number>();
  for (const row of rows) {
    const code = row[key] as string | null;
    if (units && code != null) {
      const u = units.get(code);
      if (!u) out.push(problem(kind === "sinh_hoat" ? "E_UNKNOWN_CELL" : "E_UNKNOWN_UNIT", {line: row.line, column: label(key), value: code}));
      else {
        const committee = committeeOf(u);
        if (fileCommittee && committee !== fileCommittee)
          out.push(problem("E_OTHER_COMMITTEE", {line: row.line, column: label(key), value: code}, {vi: `thuộc ${committee}`, en: `belongs to ${committee}`}));
        const day = row.ngay as string | null;
        if (kind === "sinh_hoat" && day && ((u.from && day < u.from) || (u.to && day > u.to))) {
          const vn = (d: string | undefined) => (d ? d.split("-").reverse().join("/") : "…");
          out.push(problem("E_CELL_NOT_VALID", {line: row.line, column: label("ngay"), value: vn(day)}, {vi: `hiệu lực ${vn(u.from)} – ${vn(u.to)}`, en: `valid ${vn(u.from)} – ${vn(u.to)}`}));
        }
      }
    }
    if (kind === "sinh_hoat" && opts.today && typeof row.ngay === "string" && row.ngay > opts.today) {
      const vn = (d: string) => d.split("-").reverse().join("/");
      out.push(problem("E_FUTURE_DATE", {line: row.line, column: label("ngay"), value: vn(row.ngay)}, {vi: `ngày nộp ${vn(opts.today)}`, en: `submitted ${vn(opts.today)}`}));
    }
    // the same meeting (cell, day, kind) or rating (unit, year) twice: the later lines are refused
    const dupKey = kind === "sinh_hoat" ? [row.ma_chi_bo, row.ngay, row.loai] : [row.ma_don_vi, row.nam];
    if (dupKey.every((v) => v != null)) {
      const k = JSON.stringify(dupKey);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, row.line);
      else if (kind === "sinh_hoat")
        out.push(problem("E_DUPLICATE_MEETING", {line: row.line, column: label("ngay"), value: (row.ngay as string).split("-").reverse().join("/")}, {vi: `dòng đầu: ${first}`, en: `first on line ${first}`}));
      else out.push(problem("E_DUPLICATE_RATING", {line: row.line, column: label("ma_don_vi"), value: String(row.ma_don_vi)}, {vi: `dòng đầu: ${first}`, en: `first on line ${first}`}));
    }
  }
  return out;
}

const COMMITTEE_LEVELS = new Set(["tinh", "tren_co_so"]);
/** The ISO date of the day before an ISO date. */
const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dmy = (d: string) => d.split("-").reverse().join("/");

/**
 * A registry file's checks that need no more than the file and the published units' committees: a code twice,
 * a unit of another committee (the province-wide file, which lists the province, may list every committee's),
 * the former code against a former unit of the same file, the former parent's committee. A unit's committee is
 * found as ingest finds it — up this file's rows, then from the published unit — and left unknown (nothing
 * reported) when the published registry does not say.
 */
function unitRegistryProblems(rows: TypedRow[], opts: CheckOptions): Problem[] {
  const out: Problem[] = [];
  const label = (k: string) => COLUMNS.don_vi.find((c) => c.key === k)!.label;
  const str = (v: TypedRow[string]) => (typeof v === "string" ? v : null);
  const first = new Map<string, TypedRow>();
  for (const row of rows) {
    const code = str(row.ma_don_vi);
    if (code === null) continue;
    const f = first.get(code);
    if (f) out.push(problem("E_DUPLICATE_CODE", {line: row.line, column: label("ma_don_vi"), value: code}, {vi: `dòng đầu: ${f.line}`, en: `first on line ${f.line}`}));
    else first.set(code, row);
  }
  const published = new Map((opts.registry ?? []).map((u) => [u.code, u]));
  const committeeOf = (start: string | null): string | null => {
    let code = start;
    for (let depth = 0; code !== null && depth < 20; depth++) {
      const row = first.get(code);
      if (!row) {
        const u = published.get(code);
        return !u ? null : COMMITTEE_LEVELS.has(u.level) ? u.code : (u.committee ?? null);
      }
      if (COMMITTEE_LEVELS.has(row.cap as string)) return code;
      code = str(row.ma_cap_tren);
    }
    return null;
  };

  if (opts.registry && !rows.some((r) => r.cap === "tinh")) {
    const lineCommittee = new Map(rows.map((r) => [r, committeeOf(str(r.ma_don_vi))]));
    const counts = new Map<string, number>();
    for (const c of lineCommittee.values()) if (c !== null) counts.set(c, (counts.get(c) ?? 0) + 1);
    const cs = [...counts].map(([committee, units]) => ({committee, units})).sort((a, b) => b.units - a.units || (a.committee < b.committee ? -1 : 1));
    if (cs.length > 1) {
      out.push(
        problem(
          "E_MIXED_COMMITTEES",
          {value: cs.map((c) => `${c.committee} (${c.units})`).join(", ")},
          {vi: `tệp này có ${cs.map((c) => `${c.committee} (${c.units} đơn vị)`).join(", ")}`, en: `this one has ${cs.map((c) => `${c.committee} (${c.units} units)`).join(", ")}`}
        )
      );
      for (const [row, c] of lineCommittee)
        if (c !== null && c !== cs[0].committee) out.push(problem("E_OTHER_COMMITTEE", {line: row.line, column: label("ma_don_vi"), value: str(row.ma_don_vi)}, {vi: `thuộc ${c}`, en: `belongs to ${c}`}));
    }
  }

  for (const row of rows) {
    const code = str(row.ma_don_vi)!;
    const oldCode = str(row.ma_cu);
    // the former unit as this file defines it (one of the committee's published units is replaced by this file)
    const old = oldCode !== null && oldCode !== code ? first.get(oldCode) : undefined;
    if (old) {
      const from = row.hieu_luc_tu as string;
      const to = str(old.hieu_luc_den);
      if (to === null || to !== dayBefore(from))
        out.push(
          problem(
            "E_OLD_CODE_NOT_ENDED",
            {line: row.line, column: label("ma_cu"), value: oldCode},
            {
              vi: `${oldCode} ${to === null ? "chưa có ngày hiệu lực đến" : `hiệu lực đến ${dmy(to)}`}, đơn vị này hiệu lực từ ${dmy(from)}`,
              en: `${oldCode} ${to === null ? "has no end date" : `valid to ${dmy(to)}`}, this unit from ${dmy(from)}`
            }
          )
        );
      const merged = str(old.sap_nhap_vao);
      const heirs = [...new Set(rows.filter((r) => r.ma_cu === oldCode).map((r) => r.ma_don_vi as string))].sort();
      if (merged !== null && (merged !== code || heirs.length > 1)) {
        const split = heirs.length > 1;
        out.push(
          problem(
            "E_OLD_CODE_CONFLICT",
            {line: row.line, column: label("ma_cu"), value: oldCode},
            {
              vi: `${oldCode}${split ? ` được tách thành ${heirs.join(", ")} nhưng` : ""} sáp nhập vào ${merged}`,
              en: `${oldCode}${split ? ` is split into ${heirs.join(", ")} yet` : " is"} merged into ${merged}`
            }
          )
        );
      }
    }
    const oldParent = str(row.ma_cap_tren_cu);
    const parent = str(row.ma_cap_tren);
    if (oldParent !== null && parent !== null && oldParent !== code) {
      const [a, b] = [committeeOf(oldParent), committeeOf(parent)];
      if (a !== null && b !== null && a !== b)
        out.push(
          problem(
            "E_PARENT_OTHER_COMMITTEE",
            {line: row.line, column: label("ma_cap_tren_cu"), value: oldParent},
            {vi: `${oldParent} thuộc ${a}, ${parent} thuộc ${b}`, en: `${oldParent} belongs to ${a}, ${parent} to ${b}`}
          )
        );
    }
  }
  return out;
}

const quote = (s: string) => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The rows in the template's shape: its headers, ISO dates, codes of the enumerations, "có"/"không". */
export function cleanedCsv(kind: Kind, rows: TypedRow[]): string {
  const cols = COLUMNS[kind];
  const cell = (v: TypedRow[string]) => (v === true ? "có" : v === false ? "không" : (formatValue(v) ?? ""));
  const lines = [cols.map((c) => quote(c.label)).join(","), ...rows.map((r) => cols.map((c) => quote(cell(r[c.key]))).join(","))];
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

/** The cleaned file's name: the same stem, as CSV. */
function cleanedName(fileName: string): string {
  return `${fileName.replace(/\.[^.]*$/, "")}.csv`;
}

/** Everything the loader would say about one file, computed in memory. */
export async function checkFile(fileName: string, bytes: Uint8Array, opts: CheckOptions = {}): Promise<CheckResult> {
  let parsed: ParsedSubmission;
  try {
    parsed = await parseSubmissionAsync(fileName, bytes);
  } catch (e) {
    const problems = (e as {problems?: Problem[]}).problems;
    if (!problems) throw e;
    return {fileName, kind: null, rowsRead: 0, problems, registryChecked: false, cleaned: null};
  }
  const registryChecked = Boolean(opts.registry);
  const problems = sortProblems([...parsed.problems, ...registryProblems(parsed.kind, parsed.rows, opts)]);
  const clean = !problems.some((p) => p.severity === "error") && parsed.rows.length > 0;
  return {
    fileName,
    kind: parsed.kind,
    rowsRead: parsed.rowsRead,
    problems,
    registryChecked,
    cleaned: clean ? {name: cleanedName(fileName), text: cleanedCsv(parsed.kind, parsed.rows)} : null
  };
}

export {COLUMNS};
