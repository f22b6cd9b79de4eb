// An ExportTable drawn on the page, in vi-VN figures (98,5; +1,4; 2022), units indented by their depth in the
// hierarchy. The downloads write the same table. DOM only.
import {cellKind, type ExportColumnKind, type ExportTable} from "./export-table.js";
import {dataTable} from "./tables.js";

const fixed = (digits: number) => new Intl.NumberFormat("vi-VN", {minimumFractionDigits: digits, maximumFractionDigits: digits});
const ONE = fixed(1);
const TWO = fixed(2);
const WHOLE = new Intl.NumberFormat("vi-VN", {maximumFractionDigits: 2});
const MINUS = "\u2212";

export function formatCell(v: string | number | null | undefined, kind: ExportColumnKind): string | null {
  if (v == null || v === "") return null;
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return null;
  switch (kind) {
    case "percent":
    case "score":
      return (v < 0 ? MINUS : "") + ONE.format(Math.abs(v));
    case "change": {
      const text = ONE.format(Math.abs(v));
      return (/[1-9]/.test(text) ? (v > 0 ? "+" : MINUS) : "") + text;
    }
    case "fixed2":
      return (v < 0 ? MINUS : "") + TWO.format(Math.abs(v));
    case "period":
      return String(v);
    default:
      return (v < 0 ? MINUS : "") + WHOLE.format(Math.abs(v));
  }
}

export interface ExportViewOptions {
  caption?: string | null;
  /** Rows shown at most; a note says how many more the download holds. */
  limit?: number;
  className?: string;
  /** Indices of the columns shown (default all): a preview may leave out what only the file needs. */
  columns?: number[];
}

export function exportTableView(table: ExportTable, opts: ExportViewOptions = {}): HTMLElement {
  const index = table.rows.map((_, i) => i);
  const shown = opts.columns ?? table.columns.map((_, j) => j);
  const view = dataTable(
    index,
    shown.map((j) => [table.columns[j], j] as const).map(([c, j]) => ({
      label: c.header,
      headerTitle: c.title ?? null,
      numeric: c.kind !== "text" && c.kind !== "period",
      nowrap: c.kind === "text" && j > 0 && /^Mã/.test(c.header),
      // Names get room to stay on two or three lines; short text keeps the default.
      minWidth: c.kind === "text" && (c.width ?? 0) >= 30 ? "13em" : undefined,
      value: (i: number) => formatCell(table.rows[i][j], cellKind(table, i, j)),
      indent: j === 0 && table.depth ? (i: number) => Math.min(4, table.depth![i] ?? 0) : undefined
    })),
    {limit: opts.limit, className: opts.className, stickyFirst: true}
  );
  // The caption goes above the scrolling box, so that it wraps to the screen rather than to the table's width.
  if (!opts.caption) return view;
  const box = document.createElement("div");
  const caption = Object.assign(document.createElement("p"), {className: "table-caption", textContent: opts.caption});
  caption.id = `table-caption-${++captions}`;
  caption.style.fontWeight = "600";
  caption.style.margin = "0 0 0.4rem";
  view.querySelector("table")?.setAttribute("aria-labelledby", caption.id);
  box.append(caption, view);
  return box;
}

let captions = 0;
