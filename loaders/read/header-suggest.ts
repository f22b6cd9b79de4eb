// For a header cell that names no template column: the column the clerk most likely meant, compared without
// diacritics, case or punctuation — "Ghi chu them" → "Ghi chú", "So dang vien chinh thuc" → "Số đảng viên",
// "Ngay sinh hoat" (typo "Ngay sinh hat") → "Ngày sinh hoạt".
import {HEADER_SYNONYMS} from "../format/header-synonyms.ts";
import {COLUMNS, type ColumnSpec, type Kind} from "../format/schemas.ts";
import {foldKey} from "../format/text.ts";

function editDistance(a: string, b: string): number {
  let prev = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** How far a folded header is from a folded name (lower is nearer); null when too far to suggest. */
function distance(header: string, name: string): number | null {
  if (!header || !name) return null;
  const h = header.split("_");
  const n = name.split("_");
  // every word of one inside the other ("ghi_chu_them" holds "ghi_chu"): near, the fewer words left over the nearer
  const within = (a: string[], b: string[]) => a.length >= 2 && a.every((w) => b.includes(w));
  if (within(n, h) || within(h, n)) return Math.abs(h.length - n.length) * 0.5;
  const d = editDistance(header, name);
  return d <= Math.max(1, Math.floor(Math.max(header.length, name.length) * 0.3)) ? d : null;
}

const MAX_HEADER = 80;

/** The nearest template column of `kind` to a header cell, among the columns not already in the file. */
export function nearestColumn(kind: Kind, header: string, taken: Set<string> = new Set()): ColumnSpec | null {
  const folded = foldKey(header);
  // a header is a few words; a longer cell (a hostile row of huge cells) is not compared letter by letter
  if (folded.length > MAX_HEADER) return null;
  let best: {spec: ColumnSpec; d: number} | null = null;
  for (const spec of COLUMNS[kind]) {
    if (taken.has(spec.key)) continue;
    for (const name of [spec.key, spec.label, ...(HEADER_SYNONYMS[kind][spec.key] ?? [])]) {
      const d = distance(folded, foldKey(name));
      if (d !== null && (!best || d < best.d)) best = {spec, d};
    }
  }
  return best?.spec ?? null;
}
