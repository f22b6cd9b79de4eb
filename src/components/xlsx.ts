// A small XLSX (Office Open XML spreadsheet) writer for the exports: a few sheets of text and numbers, a bold
// frozen header row with filters, column widths and number formats (percent, decimals, integers, years). Built
// on the ZIP writer (DEFLATE); no dependency and no DOM, so the same code runs in the browser and in tests (where
// exceljs reads the result back).
import {neutralizeFormula} from "./safe-text.js";
import {zip} from "./zip.js";

export type CellValue = string | number | null | undefined;

/** Cell styles: indices into the cellXfs of styles.xml below. */
export const XLSX_STYLE = {
  normal: 0,
  header: 1,
  percent: 2,
  decimal: 3,
  integer: 4,
  wrap: 5,
  title: 6,
  /** One decimal: a percentage written as 98.5 under a "(%)" header, a score. */
  fixed1: 7,
  /** A change with its sign: +8.4, −2.0. */
  signed1: 8,
  /** A whole number without grouping: a year (2022, not 2.022). */
  plain: 9
} as const;
export type XlsxStyle = keyof typeof XLSX_STYLE;

export interface XlsxColumn {
  header: string;
  /** Width in characters. */
  width?: number;
  /** Default style of the column's cells. */
  style?: XlsxStyle;
}

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  rows: CellValue[][];
  /** Per-cell style overrides: styles[rowIndex]?.[columnIndex]. */
  styles?: (XlsxStyle | undefined)[][];
  /** Write the header row, frozen, with filter buttons (default true); false: rows only. */
  header?: boolean;
  /** Lines written above the header (e.g. a title and the filters); the header follows them. */
  preamble?: string[];
}

function escapeXml(s: string): string {
  // Characters not allowed in XML 1.0 are dropped.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;"); // a bare CR would be read back as a line feed
}

export function columnName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet";
}

function cellXml(ref: string, value: CellValue, style: number): string {
  const s = style ? ` s="${style}"` : "";
  if (value == null || value === "") return style ? `<c r="${ref}"${s}/>` : "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    return `<c r="${ref}"${s}><v>${value}</v></c>`;
  }
  // text is always an inline string, never a formula; the apostrophe keeps it text if the sheet is saved as CSV
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(neutralizeFormula(value))}</t></is></c>`;
}

function sheetXml(sheet: XlsxSheet): string {
  const pre = sheet.preamble ?? [];
  const withHeader = sheet.header !== false;
  const headerRow = pre.length + (withHeader ? 1 : 0);
  const lines: string[] = [];
  pre.forEach((text, i) => {
    lines.push(`<row r="${i + 1}">${cellXml(`A${i + 1}`, text, i === 0 ? XLSX_STYLE.title : XLSX_STYLE.normal)}</row>`);
  });
  if (withHeader) {
    lines.push(
      `<row r="${headerRow}">${sheet.columns.map((c, j) => cellXml(`${columnName(j)}${headerRow}`, c.header, XLSX_STYLE.header)).join("")}</row>`
    );
  }
  sheet.rows.forEach((row, i) => {
    const r = headerRow + 1 + i;
    const cells = row
      .map((v, j) => {
        const style = sheet.styles?.[i]?.[j] ?? sheet.columns[j]?.style ?? "normal";
        return cellXml(`${columnName(j)}${r}`, v, XLSX_STYLE[style]);
      })
      .join("");
    lines.push(`<row r="${r}">${cells}</row>`);
  });
  const lastCol = columnName(Math.max(0, sheet.columns.length - 1));
  const lastRow = Math.max(1, headerRow + sheet.rows.length);
  const pane = withHeader
    ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
    : `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
  const cols = sheet.columns.length
    ? `<cols>${sheet.columns.map((c, j) => `<col min="${j + 1}" max="${j + 1}" width="${c.width ?? 14}" customWidth="1"/>`).join("")}</cols>`
    : "";
  const filter = withHeader && sheet.rows.length ? `<autoFilter ref="A${headerRow}:${lastCol}${lastRow}"/>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<dimension ref="A1:${lastCol}${lastRow}"/>${pane}<sheetFormatPr defaultRowHeight="15"/>${cols}` +
    `<sheetData>${lines.join("")}</sheetData>${filter}</worksheet>`
  );
}

const STYLES_XML =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<numFmts count="4"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="#,##0.00"/>` +
  `<numFmt numFmtId="166" formatCode="0.0"/><numFmt numFmtId="167" formatCode="+0.0;-0.0;0.0"/></numFmts>` +
  `<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFDCE8F4"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
  `<border><left/><right/><top/><bottom style="thin"><color rgb="FF7F9CBF"/></bottom><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="10">` +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` +
  `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
  `<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export interface XlsxOptions {
  /** Document properties. */
  title?: string;
  creator?: string;
  /** Creation time (default now). */
  created?: Date;
}

/** Builds an .xlsx workbook (compressed). */
export function buildXlsx(sheets: XlsxSheet[], opts: XlsxOptions = {}): Promise<Uint8Array> {
  const created = (opts.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const names = sheets.map((s) => sheetName(s.name));
  const workbook =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
    names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    `</sheets><definedNames>` +
    sheets
      .map((s, i) => {
        if (s.header === false || !s.rows.length) return "";
        const h = (s.preamble?.length ?? 0) + 1;
        const ref = `'${names[i].replace(/'/g, "''")}'!$A$${h}:$${columnName(s.columns.length - 1)}$${h + s.rows.length}`;
        return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(ref)}</definedName>`;
      })
      .join("") +
    `</definedNames></workbook>`;
  const workbookRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    names
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join("") +
    `<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    `</Relationships>`;
  const contentTypes =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
    `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
    `</Types>`;
  const rootRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
    `</Relationships>`;
  const core =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${escapeXml(opts.title ?? "")}</dc:title><dc:creator>${escapeXml(opts.creator ?? "Chi bộ Analytics")}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created></cp:coreProperties>`;
  const app =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Chi bộ Analytics</Application></Properties>`;
  return zip([
    {name: "[Content_Types].xml", data: contentTypes},
    {name: "_rels/.rels", data: rootRels},
    {name: "docProps/core.xml", data: core},
    {name: "docProps/app.xml", data: app},
    {name: "xl/workbook.xml", data: workbook},
    {name: "xl/_rels/workbook.xml.rels", data: workbookRels},
    {name: "xl/styles.xml", data: STYLES_XML},
    ...sheets.map((s, i) => ({name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s)}))
  ]);
}
