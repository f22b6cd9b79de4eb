// The problems of a workbook name their column as the clerk sees it: the template label, the sheet and the
// column letter ("Số đảng viên (trang “sinh_hoat”, cột F)"), and whether the column is hidden.
import type {Problem} from "../format/codes.ts";
import type {Layout} from "../read/layout.ts";
import {COLUMNS} from "../format/schemas.ts";
import {placedColumn} from "../read/sheet-position.ts";

/** Template label → the label with its place, for the columns the sheet has; empty for a CSV. */
export function placedLabels(layout: Layout): Map<string, string> {
  const out = new Map<string, string>();
  if (!layout.sheet) return out;
  for (const c of COLUMNS[layout.kind]) {
    const i = layout.keys.indexOf(c.key);
    if (i >= 0) out.set(c.label, placedColumn(c.label, layout.sheet, i));
  }
  return out;
}

export function placeProblems(problems: Problem[], layout: Layout): Problem[] {
  const placed = placedLabels(layout);
  if (!placed.size) return problems;
  return problems.map((p) => (p.column !== null && placed.has(p.column) ? {...p, column: placed.get(p.column)!} : p));
}
