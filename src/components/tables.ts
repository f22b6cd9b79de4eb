// Plain, copy-friendly HTML tables (real <table> markup: it pastes into a spreadsheet or a report). DOM only.
// On a narrow screen a wide table keeps readable columns and scrolls sideways inside its wrapper, instead of
// squeezing every column to one word per line: each column has a minimum width.

export interface TableColumn<T> {
  label: string;
  /** Cell content: text, a node, or null for "–". */
  value: (row: T) => string | Node | null | undefined;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** A tooltip for the cell. */
  title?: (row: T) => string | null | undefined;
  className?: (row: T) => string | null | undefined;
  /** The first column is a row header (<th scope="row">) by default. */
  header?: boolean;
  /** Keep on one line (codes such as "TP-TQ.020"). */
  nowrap?: boolean;
  /** A tooltip for the column header (e.g. the indicator's full name). */
  headerTitle?: string | null;
  /** Indent the cell by this many levels (a unit under its parent). */
  indent?: (row: T) => number;
  /** Minimum width of the column (CSS), instead of the default for its kind. */
  minWidth?: string;
}

/** Minimum column widths: row headers hold names, numbers are short, other text wraps within a few words. */
function minWidth<T>(c: TableColumn<T>, i: number): string {
  if (c.minWidth) return c.minWidth;
  if (c.header ?? i === 0) return "11em";
  if (c.numeric) return "5.5em";
  return c.nowrap ? "auto" : "7em";
}

export interface TableOptions<T> {
  caption?: string | null;
  className?: string;
  rowClass?: (row: T) => string | null | undefined;
  /** Maximum rows shown; a note tells how many more there are. */
  limit?: number;
  /** Keep the first column in view while a wide table scrolls sideways (the unit names on a phone). */
  stickyFirst?: boolean;
}

function stick(cell: HTMLElement): void {
  cell.style.position = "sticky";
  cell.style.left = "0";
  cell.style.zIndex = "1";
  cell.style.background = "var(--theme-background-alt, #fff)"; // the card's background
  // A width that follows the screen: on a phone long names wrap onto a second line and leave room to the figures.
  cell.style.width = "clamp(9.5em, 35vw, 17em)";
  cell.style.minWidth = "clamp(9.5em, 22vw, 16em)";
}

export function dataTable<T>(rows: T[], columns: TableColumn<T>[], opts: TableOptions<T> = {}): HTMLElement {
  const table = document.createElement("table");
  table.className = `data-table ${opts.className ?? ""}`.trim();
  if (opts.caption) {
    const caption = document.createElement("caption");
    caption.textContent = opts.caption;
    table.append(caption);
  }
  const thead = document.createElement("thead");
  const hr = document.createElement("tr");
  for (const c of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c.label;
    if (c.numeric) {
      th.className = "num";
      th.style.whiteSpace = "normal"; // a long header wraps; the figures below stay on one line
    }
    th.style.minWidth = minWidth(c, columns.indexOf(c));
    if (c.headerTitle) th.title = c.headerTitle;
    if (opts.stickyFirst && columns.indexOf(c) === 0) stick(th);
    hr.append(th);
  }
  thead.append(hr);
  const tbody = document.createElement("tbody");
  const shown = opts.limit != null ? rows.slice(0, opts.limit) : rows;
  for (const row of shown) {
    const tr = document.createElement("tr");
    const rc = opts.rowClass?.(row);
    if (rc) tr.className = rc;
    columns.forEach((c, i) => {
      const isHeader = c.header ?? i === 0;
      const cell = document.createElement(isHeader ? "th" : "td");
      if (isHeader) cell.setAttribute("scope", "row");
      const v = c.value(row);
      if (v == null || v === "") cell.textContent = "–";
      else if (typeof v === "string") cell.textContent = v;
      else cell.append(v);
      const cls = [c.numeric ? "num" : "", c.nowrap ? "nowrap" : "", c.className?.(row) ?? ""].filter(Boolean).join(" ");
      if (cls) cell.className = cls;
      const t = c.title?.(row);
      if (t) cell.title = t;
      if (opts.stickyFirst && i === 0) stick(cell);
      const depth = c.indent?.(row) ?? 0;
      if (depth > 0) cell.style.paddingLeft = `${0.55 + 1.1 * depth}rem`;
      tr.append(cell);
    });
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  wrap.append(table);
  if (opts.limit != null && rows.length > opts.limit) {
    const note = document.createElement("p");
    note.className = "table-more";
    note.textContent = `… và ${(rows.length - opts.limit).toLocaleString("vi-VN")} dòng nữa (tải CSV hoặc Excel để xem đủ).`;
    wrap.append(note);
  }
  return wrap;
}

/** A link to a unit's page (one page for every unit: /don-vi/?ma=<code>); `base` is the page's path. */
export function unitLink(code: string, name: string, base = "/don-vi/"): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = `${base}?ma=${encodeURIComponent(code)}`;
  a.textContent = name;
  return a;
}
