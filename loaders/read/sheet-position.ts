// Where a column of a workbook is, as the clerk sees it in the spreadsheet: the sheet, the column letter, and
// whether the column is hidden. Problems of a workbook name their column this way ("Số đảng viên (trang
// “sinh_hoat”, cột F, đang ẩn)"); their line is already the row number the spreadsheet shows.

export interface SheetInfo {
  name: string;
  /** 0-based positions of the hidden columns */
  hidden: Set<number>;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(position: number): string {
  let n = position + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "cột F" or "cột F (đang ẩn)". */
export function columnPlace(sheet: SheetInfo, position: number): string {
  return `cột ${columnLetter(position)}${sheet.hidden.has(position) ? " (đang ẩn)" : ""}`;
}

/** A column label with its place in the workbook. */
export function placedColumn(label: string, sheet: SheetInfo, position: number): string {
  return `${label} (trang “${sheet.name}”, ${columnPlace(sheet, position)})`;
}
