// npm run template -- KIND [--xlsx] [--out FILE]
// An empty submission template with the Vietnamese headers and a guide to every column and its allowed values:
// .xlsx — the first sheet (named after the kind) to fill in, with drop-down lists, and a "Hướng dẫn" sheet;
// .csv — the guide as rows above the header (the loader finds the header below them), UTF-8 with BOM, ";".
import {writeFileSync} from "node:fs";
import {parseArgs} from "node:util";
import {pathToFileURL} from "node:url";
import {COLUMNS, ENUMS, KIND_LABELS, KINDS, LEGACY_RATINGS, type ColumnSpec, type Kind} from "./format/schemas.ts";
import {foldKey} from "./format/text.ts";

const TYPE_VI: Record<string, [string, string]> = {
  code: ["Mã (chữ, số, dấu . - _)", "code (letters, digits, . - _)"],
  text: ["Văn bản", "text"],
  date: ["Ngày: dd/mm/yyyy (hoặc yyyy-mm-dd, ngày Excel)", "date: dd/mm/yyyy (or yyyy-mm-dd, Excel date)"],
  int: ["Số nguyên ≥ 0", "whole number ≥ 0"],
  number: ["Số, dấu phẩy hoặc chấm thập phân", "number, decimal comma or point"],
  bool: ["có / không (cũng nhận 1/0, x, yes/no)", "yes/no (có/không, 1/0, x, yes/no)"],
  year: ["Năm (4 chữ số)", "year (4 digits)"]
};

export function typeText(c: ColumnSpec): [string, string] {
  if (typeof c.type === "object") return ["Chọn trong danh sách", "one of the listed values"];
  return TYPE_VI[c.type];
}

export function allowedValues(c: ColumnSpec): string {
  if (typeof c.type !== "object") return c.type === "bool" ? "có; không" : "";
  const values = Object.entries(ENUMS[c.type.enum]).map(([k, l]) => `${l} (${k})`);
  if (c.type.enum === "xep_loai_nam")
    values.push(`năm 2016–2017 cũng nhận / 2016–2017 also: ${[...new Set(Object.values(LEGACY_RATINGS).map((l) => l.label))].join("; ")}`);
  return values.join("; ");
}

/** The guide's lines, one per column. */
export function guideLines(kind: Kind): string[] {
  return COLUMNS[kind].map((c) => {
    const [tvi, ten] = typeText(c);
    const allowed = allowedValues(c);
    return `${c.label}${c.required ? " *" : ""} (${c.key}): ${c.doc.vi}. ${tvi}${allowed ? `: ${allowed}` : ""}. — ${c.doc.en}; ${ten}.`;
  });
}

function csvCell(v: string): string {
  return /[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function templateCsv(kind: Kind): string {
  const rows: string[][] = [
    [`MẪU ${KIND_LABELS[kind].vi.toUpperCase()} — ${KIND_LABELS[kind].en} template (${kind})`],
    ["Hướng dẫn: giữ nguyên dòng tiêu đề cột bên dưới; mỗi dòng dưới đó là một bản ghi; cột có dấu * là bắt buộc. Có thể xóa các dòng hướng dẫn này."],
    ["Guide: keep the header row below; one record per row under it; columns marked * are required. These guide rows may be deleted."],
    ...guideLines(kind).map((l) => [l]),
    [],
    COLUMNS[kind].map((c) => c.label)
  ];
  return "\uFEFF" + rows.map((cells) => cells.map(csvCell).join(";")).join("\r\n") + "\r\n";
}

export async function templateXlsx(kind: Kind): Promise<Buffer> {
  const {default: Excel} = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "Chi bộ Analytics";
  const ws = wb.addWorksheet(kind, {views: [{state: "frozen", ySplit: 1}]});
  const cols = COLUMNS[kind];
  ws.columns = cols.map((c) => ({header: c.label, key: c.key, width: Math.max(12, c.label.length + 4)}));
  const head = ws.getRow(1);
  head.font = {bold: true};
  head.alignment = {wrapText: true, vertical: "middle"};
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = {type: "pattern", pattern: "solid", fgColor: {argb: c.required ? "FFFCE4D6" : "FFEDEDED"}};
    cell.note = `${c.key}${c.required ? " (bắt buộc / required)" : ""}: ${c.doc.vi} / ${c.doc.en}`;
    const column = ws.getColumn(i + 1);
    if (c.type === "date") column.numFmt = "dd/mm/yyyy";
  });
  // drop-down lists and number checks for the first rows
  const letter = (i: number) => ws.getColumn(i + 1).letter;
  cols.forEach((c, i) => {
    let validation: import("exceljs").DataValidation | null = null;
    if (typeof c.type === "object") validation = {type: "list", allowBlank: !c.required, formulae: [`"${Object.values(ENUMS[c.type.enum]).join(",")}"`]};
    else if (c.type === "bool") validation = {type: "list", allowBlank: true, formulae: ['"có,không"']};
    else if (c.type === "int") validation = {type: "whole", operator: "greaterThanOrEqual", allowBlank: !c.required, formulae: [0]};
    if (validation) (ws as unknown as {dataValidations: {add(range: string, v: unknown): void}}).dataValidations.add(`${letter(i)}2:${letter(i)}5000`, validation);
  });

  const guide = wb.addWorksheet("Hướng dẫn");
  guide.columns = [
    {header: "Cột / column", key: "label", width: 26},
    {header: "Khóa / key", key: "key", width: 18},
    {header: "Bắt buộc / required", key: "required", width: 12},
    {header: "Kiểu / type", key: "type", width: 34},
    {header: "Giá trị cho phép / allowed values", key: "allowed", width: 60},
    {header: "Mô tả", key: "vi", width: 50},
    {header: "Description", key: "en", width: 50}
  ];
  guide.getRow(1).font = {bold: true};
  for (const c of cols) {
    const [tvi, ten] = typeText(c);
    guide.addRow({label: c.label, key: c.key, required: c.required ? "có / yes" : "không / no", type: `${tvi} / ${ten}`, allowed: allowedValues(c), vi: c.doc.vi, en: c.doc.en});
  }
  guide.addRow({});
  guide.addRow({label: "Điền số liệu ở trang đầu, giữ nguyên dòng tiêu đề. Fill in the first sheet and keep its header row."});
  guide.addRow({label: "Định dạng đầy đủ / full format: docs/submission-format.md"});
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function parseKind(arg: string): Kind | null {
  const f = foldKey(arg);
  return KINDS.find((k) => k === f || foldKey(KIND_LABELS[k].vi) === f || foldKey(KIND_LABELS[k].en) === f) ?? null;
}

const USAGE = `Cách dùng / usage: npm run template -- KIND [--xlsx] [--out FILE]
  KIND   ${KINDS.join(" | ")}
  --xlsx bảng tính Excel (mặc định CSV) / an Excel workbook (default CSV)
  --out  tệp ghi ra (mặc định <KIND>_mau.csv|.xlsx) / output file`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({allowPositionals: true, options: {xlsx: {type: "boolean", default: false}, out: {type: "string"}, help: {type: "boolean", short: "h"}}});
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const kind = args.positionals.length === 1 ? parseKind(args.positionals[0]) : null;
  if (args.values.help || !kind) {
    console.error(USAGE);
    return 2;
  }
  const out = args.values.out ?? `${kind}_mau.${args.values.xlsx ? "xlsx" : "csv"}`;
  writeFileSync(out, args.values.xlsx ? await templateXlsx(kind) : templateCsv(kind));
  console.log(`Đã ghi mẫu / template written: ${out}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`Lỗi / error: ${(e as Error).message}`);
      process.exit(1);
    }
  );
}
