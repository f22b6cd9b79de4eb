// The three downloads offered under each table of Xuất dữ liệu: the standard CSV (for programs), the CSV for
// Excel with Vietnamese settings (";" and decimal ","), and an Excel workbook. All three write the table shown.
// DOM only.
import {STANDARD_CSV, VIETNAMESE_CSV} from "./csv.js";
import {csvBlob, downloadBlob, xlsxBlob} from "./download.js";
import {tableCsv, type ExportTable} from "./export-table.js";

export interface ExportButtonsOptions {
  table: ExportTable;
  /** File name without extension (ASCII). */
  filename: string;
  /** Prefix of the buttons' data-download markers: `${id}-csv`, `${id}-csv-vi`, `${id}-xlsx`. */
  id: string;
  /** Builds the workbook when asked (it fetches the definitions). */
  workbook: () => Promise<Uint8Array>;
}

function makeButton(text: string, marker: string, title: string, disabled: boolean): HTMLButtonElement {
  const b = Object.assign(document.createElement("button"), {type: "button", className: "deck-button primary", textContent: text, title, disabled});
  b.dataset.download = marker;
  return b;
}

export function exportButtons({table, filename, id, workbook}: ExportButtonsOptions): HTMLElement {
  const n = table.rows.length;
  const count = `(${n.toLocaleString("vi-VN")} dòng)`;
  const empty = n === 0;
  const csv = makeButton(`Tải CSV ${count}`, `${id}-csv`, "Dấu phẩy giữa các cột, dấu chấm thập phân: cho phần mềm phân tích", empty);
  const csvVi = makeButton(
    "CSV cho Excel tiếng Việt",
    `${id}-csv-vi`,
    "Dấu chấm phẩy giữa các cột, dấu phẩy thập phân: Excel hoặc LibreOffice cài đặt tiếng Việt đọc đúng các số",
    empty
  );
  const xlsx = makeButton("Excel (.xlsx)", `${id}-xlsx`, "Bảng tính Excel, kèm trang định nghĩa chỉ tiêu và ghi chú", empty);
  csv.onclick = () => downloadBlob(csvBlob(tableCsv(table, STANDARD_CSV)), `${filename}.csv`);
  csvVi.onclick = () => downloadBlob(csvBlob(tableCsv(table, VIETNAMESE_CSV)), `${filename}-excel-tieng-viet.csv`);
  xlsx.onclick = async () => {
    xlsx.disabled = true;
    xlsx.setAttribute("aria-busy", "true");
    try {
      downloadBlob(xlsxBlob(await workbook()), `${filename}.xlsx`);
    } finally {
      xlsx.disabled = false;
      xlsx.removeAttribute("aria-busy");
    }
  };
  const bar = document.createElement("div");
  bar.className = "export-actions";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Tải bảng này");
  bar.append(csv, csvVi, xlsx);
  return bar;
}
