// Every problem code the loaders report: its severity, whether it concerns the whole file or one row, and the
// generic reason in Vietnamese and English (some problems add detail to it). docs/submission-format.md lists
// the same table for people; a test keeps the two in step.

export type Severity = "error" | "warning";

export interface Problem {
  /** 1-based line in the file (Excel row number for .xlsx); null for problems of the whole file */
  line: number | null;
  /** column as written in the template (Vietnamese label) */
  column: string | null;
  value: string | null;
  code: string;
  vi: string;
  en: string;
  severity: Severity;
}

export interface CodeInfo {
  severity: Severity;
  scope: "file" | "row";
  vi: string;
  en: string;
}

const file = (vi: string, en: string): CodeInfo => ({severity: "error", scope: "file", vi, en});
const row = (vi: string, en: string): CodeInfo => ({severity: "error", scope: "row", vi, en});
const warn = (scope: "file" | "row", vi: string, en: string): CodeInfo => ({severity: "warning", scope, vi, en});

export const CODES = {
  // ---- the file as a whole ----
  E_EMPTY_FILE: file("Tệp rỗng, không có dữ liệu", "the file is empty"),
  E_BINARY: file("Tệp không phải CSV hay bảng tính Excel (nội dung nhị phân)", "the file is not a CSV file or an Excel workbook (binary content)"),
  E_XLS_OLD: file(
    "Tệp Excel 97-2003 (.xls) không được hỗ trợ; hãy mở bằng Excel và lưu lại thành .xlsx hoặc CSV UTF-8",
    "Excel 97-2003 workbooks (.xls) are not supported; open it in Excel and save it as .xlsx or CSV UTF-8"
  ),
  E_XLSX_UNREADABLE: file("Không đọc được tệp Excel (.xlsx bị hỏng hoặc không phải .xlsx)", "the workbook cannot be read (damaged, or not an .xlsx file)"),
  E_ENCODING: file(
    "Tệp có đoạn không đúng bảng mã UTF-8 (trộn lẫn bảng mã?); hãy lưu lại bằng Excel: Lưu thành → CSV UTF-8",
    "part of the file is not valid UTF-8 (mixed encodings?); save it again from Excel as 'CSV UTF-8'"
  ),
  E_LEGACY_TCVN3: file(
    "Tệp dùng bảng mã cũ TCVN3 (ABC, phông .VnTime); hãy chuyển sang Unicode (ví dụ Unikey → Công cụ chuyển mã: TCVN3 (ABC) → Unicode) rồi lưu lại thành CSV UTF-8",
    "the file uses the legacy TCVN3 (ABC, .VnTime font) encoding; convert it to Unicode (e.g. Unikey's converter, TCVN3 (ABC) → Unicode) and save it as CSV UTF-8"
  ),
  E_LEGACY_VNI: file(
    "Tệp dùng bảng mã cũ VNI (phông VNI-Times); hãy chuyển sang Unicode (ví dụ Unikey → Công cụ chuyển mã: VNI Windows → Unicode) rồi lưu lại thành CSV UTF-8",
    "the file uses the legacy VNI (VNI-Times font) encoding; convert it to Unicode (e.g. Unikey's converter, VNI Windows → Unicode) and save it as CSV UTF-8"
  ),
  E_MOJIBAKE: file(
    "Tệp UTF-8 đã bị mở bằng bảng mã Tây Âu (Windows-1252) rồi lưu lại, chữ Việt bị hỏng (“MÃ£ chi bá»™”) và không khôi phục chắc chắn được; hãy gửi lại tệp gốc, hoặc trong Excel dùng Dữ liệu → Từ văn bản/CSV, chọn bảng mã 65001: Unicode (UTF-8), rồi lưu thành CSV UTF-8",
    "a UTF-8 file was opened as Western European (Windows-1252) and saved again: the Vietnamese text is garbled (“MÃ£ chi bá»™”) and cannot be repaired with certainty; send the original file, or in Excel use Data → From Text/CSV with file origin 65001: Unicode (UTF-8), then save as CSV UTF-8"
  ),
  E_UNCLOSED_QUOTE: file(
    "Dấu ngoặc kép mở ở dòng này không bao giờ được đóng (tệp bị cắt cụt?)",
    "a quote opened on this line is never closed (was the file cut off?)"
  ),
  E_FILE_TOO_LARGE: file("Tệp quá lớn, vượt giới hạn cho phép", "the file is larger than the limit"),
  E_RECORD_TOO_LONG: file(
    "Một dòng quá dài (quá nhiều ký tự hoặc quá nhiều ô; có dấu ngoặc kép không được đóng?)",
    "a row is longer than the limit (too many characters or cells; a quote never closed?)"
  ),
  E_FIELD_TOO_LONG: file("Một ô quá dài (có dấu ngoặc kép không được đóng?)", "a cell is longer than the limit (a quote never closed?)"),
  E_XLSX_TOO_LARGE: file(
    "Tệp Excel khi giải nén quá lớn hoặc bị nén bất thường (tệp “bom zip”?)",
    "the workbook is too large once uncompressed, or abnormally compressed (a zip bomb?)"
  ),
  E_TRUNCATED: row(
    "Dòng cuối thiếu ô và tệp không kết thúc bằng dấu xuống dòng: tệp có thể bị cắt cụt",
    "the last row is short and the file does not end with a line break: the file may have been cut off"
  ),
  E_UNKNOWN_KIND: file(
    "Không tìm thấy dòng tiêu đề cột của danh mục đơn vị, sổ sinh hoạt hay đánh giá, xếp loại",
    "no header row of a unit registry, meeting log or annual rating was found"
  ),
  E_KIND_MISMATCH: file("Tên tệp cho biết một loại hồ sơ nhưng các cột là của loại khác", "the file name says one kind of submission but the columns are those of another"),
  E_UNKNOWN_COLUMN: file("Cột không thuộc mẫu", "column is not part of the template"),
  E_DUPLICATE_COLUMN: file("Cột bị lặp", "column appears twice"),
  E_MISSING_COLUMN: file("Thiếu cột bắt buộc", "a required column is missing"),
  E_NO_DATA: file("Không có dòng dữ liệu nào dưới dòng tiêu đề", "there are no data rows below the header"),
  E_MIXED_COMMITTEES: file("Một tệp chỉ được chứa số liệu của một đảng bộ", "a file must hold the data of one committee"),
  E_NO_COMMITTEE: file(
    "Không xác định được đảng bộ gửi tệp: không đơn vị nào trong tệp có trong danh mục",
    "cannot tell which committee sent the file: none of its units is in the registry"
  ),
  E_UNIT_STILL_NAMED: file(
    "Danh mục mới bỏ một đơn vị mà danh mục của đảng bộ khác còn ghi tên (cấp trên, sáp nhập vào, mã cũ)",
    "the new registry leaves out a unit that another committee's registry still names (parent, merged into, former code)"
  ),

  // ---- one value ----
  E_REQUIRED: row("Thiếu giá trị bắt buộc", "required value is missing"),
  E_DATE: row("Ngày không hợp lệ (dùng dd/mm/yyyy)", "invalid date (use dd/mm/yyyy)"),
  E_INT: row("Phải là số nguyên", "must be a whole number"),
  E_NEGATIVE: row("Không được âm", "must not be negative"),
  E_NUMBER: row("Phải là số", "must be a number"),
  E_BOOL: row("Phải là có/không", "must be yes/no (có/không)"),
  E_ENUM: row("Giá trị không thuộc danh sách cho phép", "value is not one of the allowed values"),
  E_CODE: row("Mã chỉ gồm chữ, số, dấu . - _", "codes use letters, digits, . - _ only"),
  E_YEAR: row("Năm không hợp lệ", "invalid year"),
  E_EXTRA_CELLS: row("Dòng có ô dữ liệu nằm ngoài các cột của mẫu", "the row has cells beyond the template's columns"),
  E_MERGED_CELLS: row(
    "Thiếu mã: ô mã trống ngay dưới một mã đã điền — có lẽ các ô đã được gộp (merge) trong bảng tính; hãy bỏ gộp và điền mã vào từng dòng",
    "code missing: a blank code right below a filled one — the cells were probably merged in the sheet; unmerge them and fill the code on every row"
  ),

  // ---- rules between the fields of one row ----
  E_PARENT_REQUIRED: row("Thiếu mã đơn vị cấp trên", "parent unit code is required"),
  E_PARENT_SELF: row("Đơn vị không thể là cấp trên của chính nó", "a unit cannot be its own parent"),
  E_VALID_RANGE: row("Hiệu lực đến trước hiệu lực từ", "end date is before start date"),
  E_MERGE_WITHOUT_END: row("Có đơn vị sáp nhập vào nhưng thiếu ngày hết hiệu lực", "merged unit needs an end date"),
  E_OLD_CODE_SELF: row("Mã cũ không thể là mã của chính đơn vị", "the former code cannot be the unit's own code"),
  E_PARENT_CHANGE_INCOMPLETE: row(
    "Mã cấp trên cũ và ngày cấp trên từ phải ghi cùng nhau (hoặc cùng để trống)",
    "the former parent and the date of the present parent go together (or are both left empty)"
  ),
  E_PARENT_CHANGE_DATE: row(
    "Ngày cấp trên từ phải sau ngày hiệu lực từ và không sau ngày hiệu lực đến",
    "the date of the present parent must be after the start date and not after the end date"
  ),
  E_EXCUSED_GT_MEMBERS: row("Số miễn sinh hoạt lớn hơn số đảng viên", "excused members exceed members"),
  E_PRESENT_GT_EXPECTED: row("Số có mặt lớn hơn số đảng viên phải dự (đảng viên − miễn)", "present exceeds members minus excused"),
  E_ATTENDANCE_SUM: row(
    "Có mặt + vắng có lý do + vắng không lý do phải bằng đảng viên − miễn",
    "present + excused absences + unexcused absences must equal members minus excused"
  ),
  E_SPEAKERS_GT_PRESENT: row("Số phát biểu lớn hơn số có mặt", "speakers exceed members present"),
  E_SCORE_RANGE: row("Điểm phải từ 0 đến 100", "score must be between 0 and 100"),
  E_SCORE_BAND: row(
    "Điểm không khớp xếp loại (Tốt ≥ 90, Khá 70–<90, Trung bình 50–<70, Kém < 50)",
    "score does not match the rating (good ≥ 90, fair 70–<90, average 50–<70, poor < 50)"
  ),
  E_RATING_SUM: row("Tổng đảng viên theo mức xếp loại phải bằng số đảng viên", "members per rating must sum to members"),
  E_LEGACY_RATING_YEAR: row(
    "Mức xếp loại theo cách cũ (trong sạch vững mạnh, yếu kém) chỉ dùng cho năm 2016–2017",
    "the old rating scheme (trong sạch vững mạnh, yếu kém) applies to 2016–2017 only"
  ),

  // ---- rules against the registry and the rest of the file ----
  E_UNKNOWN_CELL: row("Chi bộ không có trong danh mục đơn vị (hãy nộp danh mục trước)", "cell is not in the unit registry (submit the registry first)"),
  E_CELL_NOT_VALID: row("Chi bộ chưa thành lập hoặc đã giải thể/sáp nhập vào ngày này", "the cell did not exist on this date"),
  E_FUTURE_DATE: row("Ngày sinh hoạt sau ngày nộp", "meeting date is after the day of submission"),
  E_DUPLICATE_MEETING: row("Buổi sinh hoạt bị lặp (cùng chi bộ, ngày, loại)", "duplicate meeting (same cell, date and type)"),
  E_OTHER_COMMITTEE: row("Đơn vị thuộc đảng bộ khác với phần lớn tệp", "the unit belongs to another committee than the rest of the file"),
  E_UNKNOWN_UNIT: row("Đơn vị không có trong danh mục (chi bộ hoặc đảng bộ cơ sở)", "unit is not a cell or grassroots organisation in the registry"),
  E_DUPLICATE_RATING: row("Đơn vị được xếp loại hai lần trong cùng năm", "unit rated twice in one year"),
  E_DUPLICATE_CODE: row("Mã đơn vị bị lặp", "unit code appears twice"),
  E_UNKNOWN_PARENT: row("Đơn vị cấp trên không có trong tệp hay danh mục", "parent unit is neither in this file nor in the registry"),
  E_UNKNOWN_SUCCESSOR: row("Đơn vị được sáp nhập vào không có trong tệp hay danh mục", "successor unit is neither in this file nor in the registry"),
  E_UNIT_REDEFINED: row(
    "Đơn vị đã được khai báo khác trong danh mục đang có hiệu lực của đảng bộ khác hoặc của tỉnh",
    "the unit is defined differently by the registry in force of another committee or of the province"
  ),
  E_UNKNOWN_OLD_CODE: row("Mã cũ không có trong tệp hay danh mục", "the former code is neither in this file nor in the registry"),
  E_OLD_CODE_NOT_ENDED: row(
    "Đơn vị cũ phải kết thúc (hiệu lực đến) đúng ngày trước ngày hiệu lực từ của đơn vị tiếp nối",
    "the former unit must end (hieu_luc_den) on the day before the unit continuing it starts"
  ),
  E_SUCCESSOR_NOT_VALID: row(
    "Đơn vị được sáp nhập vào phải còn hiệu lực ngày sau ngày hiệu lực đến của đơn vị sáp nhập",
    "the unit merged into must be in force on the day after the merged unit's last day"
  ),
  E_OLD_CODE_CONFLICT: row(
    "Mã cũ mâu thuẫn với cột sáp nhập vào của đơn vị cũ (sáp nhập vào đơn vị khác, hoặc vừa tách vừa sáp nhập)",
    "the former code contradicts the former unit's sap_nhap_vao (merged into another unit, or both split and merged)"
  ),
  E_PARENT_OTHER_COMMITTEE: row(
    "Đơn vị cấp trên cũ thuộc đảng bộ khác: chuyển sang đảng bộ khác thì lập mã mới và ghi mã cũ",
    "the former parent is in another committee: a move to another committee takes a new code, with the old one in ma_cu"
  ),

  // ---- warnings: reported and stored, the row is loaded ----
  W_HTXS_QUOTA: warn(
    "row",
    "Số đảng viên hoàn thành xuất sắc nhiệm vụ vượt 20% số đảng viên hoàn thành tốt nhiệm vụ của tổ chức cơ sở đảng",
    "members rated 'excellent' exceed 20% of those rated 'good' in this grassroots organisation"
  ),
  W_MOJIBAKE_REPAIRED: warn(
    "file",
    "Tệp UTF-8 đã bị mở bằng bảng mã Tây Âu (Windows-1252) rồi lưu lại; chữ Việt đã được khôi phục tự động, hãy kiểm tra lại tên và ghi chú",
    "a UTF-8 file had been opened as Western European (Windows-1252) and saved again; the Vietnamese text was repaired automatically, check names and notes"
  ),
  W_HIDDEN_COLUMN: warn("file", "Cột đang ẩn không có tiêu đề thuộc mẫu, được bỏ qua", "a hidden column without a template header is ignored"),
  W_TOTAL_ROW: warn("row", "Dòng tổng cộng không phải số liệu của một đơn vị, được bỏ qua", "a total row is not the data of one unit and is left out"),
  W_TOTAL_MISMATCH: warn("row", "Số ở dòng tổng cộng khác tổng các dòng phía trên", "a figure of the total row differs from the sum of the rows above")
} satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

/** A problem with the code's generic reason, optionally followed by detail. */
export function problem(
  code: Code,
  at: {line?: number | null; column?: string | null; value?: string | null} = {},
  detail?: {vi: string; en: string}
): Problem {
  const info: CodeInfo = CODES[code];
  return {
    line: at.line ?? null,
    column: at.column ?? null,
    value: at.value ?? null,
    code,
    vi: detail ? `${info.vi}: ${detail.vi}` : info.vi,
    en: detail ? `${info.en}: ${detail.en}` : info.en,
    severity: info.severity
  };
}

/** A problem that makes the whole file unreadable (bad encoding, no header, ...). */
export class FileFormatError extends Error {
  readonly problems: Problem[];
  /** the 1-based cell of the record a field-length problem is in (the reader names its column) */
  cell?: number;
  constructor(code: Code, at: {line?: number | null; column?: string | null; value?: string | null} = {}, detail?: {vi: string; en: string}) {
    const p = problem(code, at, detail);
    super(p.en);
    this.problems = [p];
  }
  get code(): string {
    return this.problems[0].code;
  }
  get vi(): string {
    return this.problems[0].vi;
  }
  get en(): string {
    return this.problems[0].en;
  }
}
