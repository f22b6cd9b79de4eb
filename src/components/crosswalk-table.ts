// Old unit → new unit on the unit page (published as dang-bo/<code>/don-vi-cu-moi.json and
// toan-tinh/don-vi-cu-moi.json, see data-layout.ts CROSSWALK): for the province and a committee a table with its
// downloads, for a grassroots organisation or a cell a sentence or two on the rows that name it. crosswalkTable
// and crosswalkSentences build plain data (the cells shown and downloaded, the sentences' parts); crosswalkSection
// draws them. Which rows a page gets: assembleUnitPage in unit-data.ts.
import {exportButtons} from "./export-buttons.js";
import {tableSheet, type ExportTable} from "./export-table.js";
import {formatDate} from "./format.js";
import {dataTable} from "./tables.js";
import {buildXlsx} from "./xlsx.js";

export type CrosswalkKind = "sap_nhap" | "doi_ma" | "chuyen_dang_bo" | "tach" | "chuyen_cap_tren";

/**
 * One row of the crosswalk. For a change of parent (chuyen_cap_tren) old and new are the former and the new
 * parent, and moved the unit that changed parent.
 */
export interface CrosswalkRow {
  kind: CrosswalkKind;
  oldCode: string;
  oldName: string | null;
  oldLevel: string | null;
  oldCommittee: string | null;
  /** The old unit's last day (yyyy-mm-dd); for a change of parent, the last day under the former one. */
  oldLastDay: string | null;
  newCode: string;
  newName: string | null;
  newLevel: string | null;
  newCommittee: string | null;
  /** The first day of the new unit's part: the day after oldLastDay. */
  firstDay: string | null;
  movedCode: string | null;
  movedName: string | null;
}

export interface CrosswalkFile {
  rows: CrosswalkRow[];
}

export const CROSSWALK_KINDS: Record<CrosswalkKind, string> = {
  sap_nhap: "Sáp nhập",
  doi_ma: "Đổi mã",
  chuyen_dang_bo: "Chuyển đảng bộ",
  tach: "Tách",
  chuyen_cap_tren: "Chuyển cấp trên"
};

export const kindLabel = (kind: string): string => CROSSWALK_KINDS[kind as CrosswalkKind] ?? kind;

export const MOVED_HEADER = "Đơn vị chuyển cấp trên";

/**
 * The table shown and downloaded: one line per row, dates as dd/mm/yyyy. A change of parent says which unit
 * moved in one more column (present only when there is such a row): old and new are then its parents.
 */
export function crosswalkTable(rows: CrosswalkRow[]): ExportTable {
  const moved = rows.some((r) => r.kind === "chuyen_cap_tren");
  const date = (d: string | null) => (d ? formatDate(d) : null);
  return {
    columns: [
      {header: "Mã cũ", kind: "text", width: 16},
      {header: "Tên cũ", kind: "text", width: 34},
      {header: "Đến ngày", kind: "text", width: 12},
      {header: "Mã mới", kind: "text", width: 16},
      {header: "Tên mới", kind: "text", width: 34},
      {header: "Từ ngày", kind: "text", width: 12},
      {header: "Hình thức", kind: "text", width: 16},
      ...(moved ? [{header: MOVED_HEADER, kind: "text" as const, width: 44}] : [])
    ],
    rows: rows.map((r) => [
      r.oldCode,
      r.oldName,
      date(r.oldLastDay),
      r.newCode,
      r.newName,
      date(r.firstDay),
      kindLabel(r.kind),
      ...(moved ? [r.movedCode ? [r.movedCode, r.movedName].filter(Boolean).join(" ") : null] : [])
    ])
  };
}

/** A piece of a sentence: text, or a unit to link to. */
export type SentencePart = string | {code: string; text: string};

/**
 * One or two sentences on the rows that name `code` (rowsNaming of unit-data.ts): what it continues, what
 * continues it, a change of its parent, and units that moved to or from under it. `committeeName` names a
 * committee by its code.
 */
export function crosswalkSentences(code: string, rows: CrosswalkRow[], committeeName: (code: string) => string | null = () => null): SentencePart[][] {
  const out: SentencePart[][] = [];
  const unit = (c: string, name: string | null, withName = true): SentencePart[] => [{code: c, text: c}, ...(withName && name ? [` ${name}`] : [])];
  const until = (d: string | null) => (d ? ` (đến ${formatDate(d)})` : "");
  const from = (d: string | null) => (d ? ` từ ${formatDate(d)}` : "");
  // A list of units in a sentence: "A, B và C", or the first ten "và N đơn vị khác" (a reform can name hundreds).
  const LIST = 10;
  const joined = (lists: SentencePart[][]): SentencePart[] => {
    const shown = lists.slice(0, LIST);
    const more = lists.length - shown.length;
    const last = more > 0 ? shown.length : shown.length - 1;
    return [...shown.flatMap((l, i) => [...(i === 0 ? [] : [i === last ? " và " : ", "]), ...l]), ...(more > 0 ? [` và ${more.toLocaleString("vi-VN")} đơn vị khác`] : [])];
  };
  const ownName = rows.find((r) => r.oldCode === code)?.oldName ?? rows.find((r) => r.newCode === code)?.newName ?? null;
  // The name is left out where it is the unit's own (a new code keeps the name).
  const other = (c: string, name: string | null) => unit(c, name, name !== ownName);
  const successions = rows.filter((r) => r.kind !== "chuyen_cap_tren");

  // What it continues.
  const continues = successions.filter((r) => r.newCode === code);
  for (const r of continues.filter((x) => x.kind === "doi_ma")) out.push(["Tiếp nối ", ...other(r.oldCode, r.oldName), `${until(r.oldLastDay)}, đổi mã${from(r.firstDay)}.`]);
  for (const r of continues.filter((x) => x.kind === "chuyen_dang_bo")) {
    const committee = r.oldCommittee ? committeeName(r.oldCommittee) ?? r.oldCommittee : null;
    out.push(["Tiếp nối ", ...other(r.oldCode, r.oldName), `${committee ? ` của ${committee}` : ""}${until(r.oldLastDay)}, chuyển đảng bộ${from(r.firstDay)}.`]);
  }
  const absorbed = continues.filter((x) => x.kind === "sap_nhap");
  if (absorbed.length) out.push(["Tiếp nhận đơn vị sáp nhập vào: ", ...joined(absorbed.map((r) => [...other(r.oldCode, r.oldName), until(r.oldLastDay)])), "."]);
  for (const r of continues.filter((x) => x.kind === "tach")) {
    const pieces = successions.filter((x) => x.kind === "tach" && x.oldCode === r.oldCode && x.newCode !== code);
    out.push([
      "Tách từ ",
      ...other(r.oldCode, r.oldName),
      until(r.oldLastDay),
      ...(pieces.length ? [" cùng ", ...joined(pieces.map((p) => other(p.newCode, p.newName)))] : []),
      "."
    ]);
  }

  // What continues it.
  const continued = successions.filter((r) => r.oldCode === code);
  const split = continued.filter((x) => x.kind === "tach");
  if (split.length) out.push(["Tách thành ", ...joined(split.map((r) => other(r.newCode, r.newName))), `${from(split[0].firstDay)}.`]);
  for (const r of continued.filter((x) => x.kind === "sap_nhap")) out.push(["Sáp nhập vào ", ...other(r.newCode, r.newName), `${from(r.firstDay)}.`]);
  for (const r of continued.filter((x) => x.kind === "doi_ma")) out.push(["Đổi mã thành ", ...other(r.newCode, r.newName), `${from(r.firstDay)}.`]);
  for (const r of continued.filter((x) => x.kind === "chuyen_dang_bo")) {
    const committee = r.newCommittee ? committeeName(r.newCommittee) ?? r.newCommittee : null;
    out.push([`Chuyển sang ${committee ?? "đảng bộ khác"} với mã `, ...other(r.newCode, r.newName), `${from(r.firstDay)}.`]);
  }

  // Its parent changed, or units changed parent to or from it.
  const parents = rows.filter((r) => r.kind === "chuyen_cap_tren");
  for (const r of parents.filter((x) => x.movedCode === code))
    out.push(["Chuyển cấp trên từ ", ...unit(r.oldCode, r.oldName), " sang ", ...unit(r.newCode, r.newName), `${from(r.firstDay)}.`]);
  const movedList = (list: CrosswalkRow[], side: (r: CrosswalkRow) => [string, string | null], word: string): SentencePart[] =>
    joined(
      list.map((r) => {
        const [c, name] = side(r);
        return [...unit(r.movedCode ?? "", r.movedName), ` (${word} `, ...unit(c, name), `${from(r.firstDay)})`];
      })
    );
  const left = parents.filter((x) => x.oldCode === code && x.movedCode !== code);
  if (left.length) out.push(["Chuyển sang cấp trên khác: ", ...movedList(left, (r) => [r.newCode, r.newName], "sang"), "."]);
  const arrived = parents.filter((x) => x.newCode === code && x.movedCode !== code);
  if (arrived.length) out.push(["Chuyển đến từ cấp trên khác: ", ...movedList(arrived, (r) => [r.oldCode, r.oldName], "từ"), "."]);
  return out;
}

/** The sentences as text (the parts' codes as written). */
export const sentenceText = (parts: SentencePart[]): string => parts.map((p) => (typeof p === "string" ? p : p.text)).join("");

export interface CrosswalkSectionOptions {
  /** The unit whose page it is (the province or a committee). */
  code: string;
  name: string;
  province: boolean;
  /** A link to a unit's page. */
  link: (code: string, text: string) => HTMLElement;
  /** Rows shown on the page; the downloads hold every row. */
  limit?: number;
}

/** The section "Đơn vị cũ – đơn vị mới": a note, the downloads and the table (call it only when there are rows). */
export function crosswalkSection(all: CrosswalkRow[], {code, name, province, link, limit = 200}: CrosswalkSectionOptions): HTMLElement {
  // Newest first: a reform's rows before the mergers of earlier years (the published order is by first day).
  const rows = [...all].sort((a, b) => String(b.firstDay).localeCompare(String(a.firstDay)) || a.oldCode.localeCompare(b.oldCode) || a.newCode.localeCompare(b.newCode));
  const table = crosswalkTable(rows);
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}) => Object.assign(document.createElement(tag), props);
  const count = `${rows.length.toLocaleString("vi-VN")} dòng`;
  const notes = [
    province
      ? `${count}, mới nhất trước: những thay đổi có đơn vị cũ hoặc đơn vị mới là một đảng bộ trực thuộc tỉnh. Thay đổi giữa các tổ chức cơ sở đảng và chi bộ ở trang của từng đảng bộ.`
      : `${count}, mới nhất trước: mỗi đơn vị cũ của ${name} hoặc chuyển đến ${name} và đơn vị tiếp nối nó.`,
    rows.some((r) => r.kind === "tach") ? "Một đơn vị tách ra có một dòng cho mỗi đơn vị mới." : null,
    rows.some((r) => r.kind === "chuyen_cap_tren") ? `Khi chuyển cấp trên, mã cũ và mã mới là cấp trên trước và sau của đơn vị ở cột “${MOVED_HEADER}”.` : null
  ].filter(Boolean);
  const buttons = exportButtons({
    table,
    filename: `don-vi-cu-moi-${code}`,
    id: "crosswalk",
    workbook: () =>
      buildXlsx([tableSheet(table, "Đơn vị cũ – mới", [`Đơn vị cũ – đơn vị mới: ${name}`, "Dữ liệu mô phỏng, không phải số liệu thật."])], {
        title: `Đơn vị cũ – đơn vị mới: ${name}`
      })
  });
  // The page shows the table's own cells (what the downloads hold), with the codes linked to their pages.
  const lines = table.rows.map((cells, i) => ({cells, row: rows[i]}));
  type Line = (typeof lines)[number];
  const codeLink = (c: string | null) => (c ? link(c, c) : null);
  const linked: Record<number, (l: Line) => Node | null> = {
    0: (l) => codeLink(l.row.oldCode),
    3: (l) => codeLink(l.row.newCode),
    7: (l) => {
      if (!l.row.movedCode) return null;
      const span = el("span");
      span.append(codeLink(l.row.movedCode)!, l.row.movedName ? ` ${l.row.movedName}` : "");
      return span;
    }
  };
  const view = dataTable(
    lines,
    table.columns.map((c, i) => ({
      label: c.header,
      value: linked[i] ?? ((l: Line) => (l.cells[i] == null ? null : String(l.cells[i]))),
      header: i === 0,
      // Codes, dates and the kind on one line, names wrap: the table fits a laptop's width.
      nowrap: i === 0 || i === 3 || i === 6 || c.header.endsWith("ngày"),
      minWidth: i === 0 || i === 3 || i === 6 || c.header.endsWith("ngày") ? "auto" : i === 7 ? "11em" : "7.5em"
    })),
    {limit, className: "crosswalk-table"}
  );
  const card = el("div", {className: "card table-card"});
  card.append(el("p", {className: "section-lede", textContent: notes.join(" ")}), buttons, view);
  const section = el("section", {className: "crosswalk"});
  section.setAttribute("aria-labelledby", "sec-crosswalk");
  section.append(el("h2", {id: "sec-crosswalk", textContent: "Đơn vị cũ – đơn vị mới"}), card);
  return section;
}
