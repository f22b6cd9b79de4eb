// A total row at the bottom of a sheet ("Tổng cộng", "Cộng", "Tổng số", often with SUM formulas) is not the data
// of a unit: it is left out with a warning naming its row, and the figures it has are checked against the sum of
// the rows above (a mismatch is a warning too: the total is not loaded, but the clerk may have missed a row).
import {problem, type Problem} from "./codes.ts";
import type {Layout} from "./layout.ts";
import {COLUMNS, parseValue, ValueError} from "./schemas.ts";
import {foldKey} from "./text.ts";

const TOTAL_LABELS = new Set(["tong_cong", "cong", "tong_so", "tong", "tong_chung", "cong_chung"]);
const TOTAL_PREFIXES = ["tong_cong_", "tong_so_", "cong_toan_", "tong_toan_"];

/** "Tổng cộng", "CỘNG", "Tổng số:", "Tổng cộng toàn đảng bộ". Cheap for ordinary cells (codes, numbers). */
export function isTotalLabel(cell: string): boolean {
  if (cell.length === 0 || cell.length > 60) return false;
  let i = 0;
  while (i < cell.length && cell.charCodeAt(i) <= 32) i++;
  const first = cell.charCodeAt(i) | 0x20; // ASCII lower case
  if (first !== 0x74 && first !== 0x63) return false; // t, c
  // "Tổng", "Cộng", "TONG", "cong": an o (with or without marks) second; a code such as "TQ.01" stops here
  const second = cell.charCodeAt(i + 1);
  if ((second | 0x20) !== 0x6f && second < 0x80) return false;
  const f = foldKey(cell);
  return TOTAL_LABELS.has(f) || (TOTAL_PREFIXES.some((p) => f.startsWith(p)) && !f.startsWith("tong_cong_ty"));
}

/** The positions a total row's label is written in: the first column, the unit code or name, an STT column. */
export function totalLabelPositions(layout: Layout): number[] {
  const out = new Set<number>([0]);
  layout.keys.forEach((k, i) => {
    if (k === "#" || k === "ma_chi_bo" || k === "ma_don_vi" || k === "ten_don_vi") out.add(i);
  });
  return [...out];
}

export interface TotalRow {
  line: number;
  label: string;
  cells: string[];
}

/** The total row's label, or null for an ordinary row. */
export function totalLabelOf(cells: string[], positions: number[]): string | null {
  for (const p of positions) {
    const c = cells[p];
    if (c !== undefined && isTotalLabel(c)) return c.trim();
  }
  return null;
}

/** The whole-number figures of a total row, by column key (cells that are not whole numbers are not compared). */
export function totalFigures(total: TotalRow, layout: Layout): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of COLUMNS[layout.kind]) {
    if (c.type !== "int") continue;
    const i = layout.keys.indexOf(c.key);
    if (i < 0) continue;
    try {
      const v = parseValue("int", total.cells[i] ?? "");
      if (typeof v === "number") out.set(c.key, v);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
    }
  }
  return out;
}

/**
 * The warnings of one total row: left out, and each figure that matches neither the rows since the previous
 * total row (a subtotal) nor all the rows above (a grand total).
 */
export function totalProblems(total: TotalRow, layout: Layout, sums: {since: Map<string, number>; above: Map<string, number>}): Problem[] {
  const out = [problem("W_TOTAL_ROW", {line: total.line, value: total.label}, {vi: `dòng ${total.line} (“${total.label}”)`, en: `row ${total.line} ("${total.label}")`})];
  for (const [key, figure] of totalFigures(total, layout)) {
    const since = sums.since.get(key) ?? 0;
    const above = sums.above.get(key) ?? 0;
    if (figure === since || figure === above) continue;
    const label = COLUMNS[layout.kind].find((c) => c.key === key)!.label;
    out.push(problem("W_TOTAL_MISMATCH", {line: total.line, column: label, value: String(figure)}, {vi: `tổng các dòng phía trên là ${above}`, en: `the rows above add up to ${above}`}));
  }
  return out;
}

/** The same sums in JS, for the row-by-row path: typed rows by line. */
export function sumsAbove(rows: {line: number; [key: string]: unknown}[], totals: TotalRow[], total: TotalRow): {since: Map<string, number>; above: Map<string, number>} {
  const previous = Math.max(0, ...totals.filter((t) => t.line < total.line).map((t) => t.line));
  const since = new Map<string, number>();
  const above = new Map<string, number>();
  for (const r of rows) {
    if (r.line >= total.line) continue;
    for (const [k, v] of Object.entries(r)) {
      if (k === "line" || typeof v !== "number") continue;
      above.set(k, (above.get(k) ?? 0) + v);
      if (r.line > previous) since.set(k, (since.get(k) ?? 0) + v);
    }
  }
  return {since, above};
}
