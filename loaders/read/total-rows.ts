// A total row at the bottom of a sheet ("Tổng cộng", "Cộng", "Tổng số", often with SUM formulas) is not the data
// of a unit: reading recognises it by its label so that it is left out (total-sums.ts checks its figures).
import type {Layout} from "./layout.ts";
import {foldKey} from "../format/text.ts";

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
