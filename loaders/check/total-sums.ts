// A total row's figures (total-rows.ts finds the row) checked against the sum of the rows above: the row is left
// out with a warning naming it, and a mismatch is a warning too (the total is not loaded, but the clerk may have
// missed a row).
import {problem, type Problem} from "../format/codes.ts";
import type {Layout} from "../read/layout.ts";
import {COLUMNS, parseValue, ValueError} from "../format/schemas.ts";
import type {TotalRow} from "../read/total-rows.ts";

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
