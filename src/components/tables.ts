// Plain, copy-friendly HTML tables (real <table> markup: it pastes into a spreadsheet or a report). DOM only.

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
}

export interface TableOptions<T> {
  caption?: string | null;
  className?: string;
  rowClass?: (row: T) => string | null | undefined;
  /** Maximum rows shown; a note tells how many more there are. */
  limit?: number;
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
    if (c.numeric) th.className = "num";
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
