// The table of a workbook's sheet, read like a CSV: cells in NFC, within the limits, repaired when a UTF-8
// file's text was mangled by a Windows-1252 round trip before it was saved as a workbook, refused when typed
// with a legacy font; the layout knows the sheet (for column letters and hidden columns).
import {problem, type Problem} from "../format/codes.ts";
import {checkRecordLimits, type CsvRecord, type TokenLimits} from "./csv-tokenize.ts";
import {refuseLegacyFont} from "./decode.ts";
import {findLayoutInRecords, kindFromName, type Layout} from "./layout.ts";
import {repairCells} from "./mojibake.ts";
import type {Sheet} from "./xlsx.ts";

export function workbookTable(sheet: Sheet, fileName: string, limits: TokenLimits): {records: CsvRecord[]; layout: Layout; problems: Problem[]} {
  const records = sheet.records.map((r) => ({line: r.line, cells: r.cells.map((c) => c.normalize("NFC"))}));
  for (const r of records) checkRecordLimits(r, limits);
  const repaired = repairCells(records);
  if (repaired) for (const r of records) r.cells = r.cells.map((c) => c.normalize("NFC"));
  refuseLegacyFont(records.slice(0, 200).map((r) => r.cells.join(" ")).join("\n"));
  const layout = findLayoutInRecords(records, ",", fileName, sheet.kind ?? kindFromName(fileName), {name: sheet.name, hidden: sheet.hidden});
  return {records, layout, problems: repaired ? [problem("W_MOJIBAKE_REPAIRED")] : []};
}
