// The three submission kinds: their columns (ASCII key, Vietnamese label, type) and how one cell is read. The
// rules between the fields of a row are checks (check/row-rules.ts).
// docs/submission-format.md documents the same contract for people.
import {CODES, type Code} from "./codes.ts";
import {HEADER_SYNONYMS} from "./header-synonyms.ts";
import {type Kind} from "./kinds.ts";
import {cleanFreeText, cleanText, foldKey} from "./text.ts";

export {KIND_LABELS, KINDS, type Kind} from "./kinds.ts";

/** Enumerations: key → Vietnamese label. */
export const ENUMS = {
  cap: {tinh: "Tỉnh", tren_co_so: "Trên cơ sở", dang_bo_co_so: "Đảng bộ cơ sở", chi_bo_co_so: "Chi bộ cơ sở", chi_bo: "Chi bộ"},
  loai_hinh: {
    nong_thon: "Nông thôn",
    do_thi: "Đô thị",
    co_quan: "Cơ quan",
    su_nghiep: "Sự nghiệp",
    doanh_nghiep: "Doanh nghiệp",
    luc_luong_vu_trang: "Lực lượng vũ trang",
    khac: "Khác"
  },
  loai: {thuong_ky: "Thường kỳ", chuyen_de: "Chuyên đề", ket_hop: "Kết hợp"},
  hinh_thuc: {truc_tiep: "Trực tiếp", truc_tuyen: "Trực tuyến", ket_hop: "Kết hợp"},
  xep_loai_buoi: {tot: "Tốt", kha: "Khá", trung_binh: "Trung bình", kem: "Kém"},
  xep_loai_nam: {
    htxs: "Hoàn thành xuất sắc nhiệm vụ",
    htt: "Hoàn thành tốt nhiệm vụ",
    ht: "Hoàn thành nhiệm vụ",
    kht: "Không hoàn thành nhiệm vụ"
  }
} as const;
export type EnumName = keyof typeof ENUMS;

/** Other spellings seen in submissions (folded form → key): abbreviations and short forms. */
export const ENUM_ALIASES: Partial<Record<EnumName, Record<string, string>>> = {
  loai: {tk: "thuong_ky", cd: "chuyen_de", thuong_ky_chuyen_de: "ket_hop", thuong_ky_va_chuyen_de: "ket_hop"},
  hinh_thuc: {online: "truc_tuyen", offline: "truc_tiep"},
  xep_loai_buoi: {trung_binh_kha: "trung_binh", tb: "trung_binh"},
  xep_loai_nam: {
    htxsnv: "htxs",
    httnv: "htt",
    htnv: "ht",
    khtnv: "kht",
    hoan_thanh_xuat_sac: "htxs",
    hoan_thanh_tot: "htt",
    hoan_thanh: "ht",
    khong_hoan_thanh: "kht"
  },
  cap: {dbcs: "dang_bo_co_so", cbcs: "chi_bo_co_so"}
};

/**
 * Annual ratings of 2016–2017 used the older scheme. Its labels map to the current four levels by rank
 * (docs/rating-crosswalk.md); the label as submitted is kept in raw_ratings.xep_loai_goc.
 * "Hoàn thành tốt nhiệm vụ" and "Hoàn thành nhiệm vụ" existed in both schemes and need no crosswalk.
 */
export const LEGACY_RATINGS: Record<string, {key: "htxs" | "htt" | "ht" | "kht"; label: string}> = {
  trong_sach_vung_manh_tieu_bieu: {key: "htxs", label: "Trong sạch vững mạnh tiêu biểu"},
  trong_sach_vung_manh: {key: "htxs", label: "Trong sạch vững mạnh"},
  tsvm: {key: "htxs", label: "Trong sạch vững mạnh"},
  tsvm_tieu_bieu: {key: "htxs", label: "Trong sạch vững mạnh tiêu biểu"},
  yeu_kem: {key: "kht", label: "Yếu kém"}
};
/** The last year the old rating scheme may be used. */
export const LEGACY_RATING_LAST_YEAR = 2017;

export type ColumnType = "code" | "text" | "date" | "int" | "number" | "bool" | "year" | {enum: EnumName};

export interface ColumnSpec {
  key: string;
  label: string;
  type: ColumnType;
  required: boolean;
  /** what the column holds, for the template's guide and the docs */
  doc: {vi: string; en: string};
}

const col = (key: string, label: string, type: ColumnType, required: boolean, doc: [string, string]): ColumnSpec => ({
  key,
  label,
  type,
  required,
  doc: {vi: doc[0], en: doc[1]}
});

export const COLUMNS: Record<Kind, ColumnSpec[]> = {
  don_vi: [
    col("ma_don_vi", "Mã đơn vị", "code", true, ["Mã đơn vị, không trùng trong tệp", "unit code, unique in the file"]),
    col("ten_don_vi", "Tên đơn vị", "text", true, ["Tên đơn vị", "unit name"]),
    col("cap", "Cấp", {enum: "cap"}, true, ["Cấp của tổ chức đảng", "level of the party organisation"]),
    col("ma_cap_tren", "Mã đơn vị cấp trên", "code", false, ["Mã đơn vị cấp trên (bắt buộc trừ cấp tỉnh)", "code of the parent unit (required except for the province)"]),
    col("loai_hinh", "Loại hình", {enum: "loai_hinh"}, true, ["Loại hình tổ chức cơ sở đảng", "type of organisation"]),
    col("hieu_luc_tu", "Hiệu lực từ", "date", true, ["Ngày thành lập", "date the unit was established"]),
    col("hieu_luc_den", "Hiệu lực đến", "date", false, ["Ngày cuối cùng đơn vị tồn tại (giải thể, sáp nhập)", "last day the unit existed (dissolved or merged)"]),
    col("sap_nhap_vao", "Sáp nhập vào", "code", false, ["Mã đơn vị tiếp nhận khi sáp nhập", "code of the successor unit when merged"]),
    col("ma_cu", "Mã cũ", "code", false, [
      "Mã của đơn vị cũ mà đơn vị này tiếp nối (đổi mã, chuyển sang đảng bộ khác, tách); đơn vị cũ kết thúc trước ngày hiệu lực từ",
      "code of the former unit this one continues (new code, move to another committee, split); the former unit ends before hieu_luc_tu"
    ]),
    col("ma_cap_tren_cu", "Mã cấp trên cũ", "code", false, [
      "Đơn vị cấp trên trước ngày chuyển (trong cùng đảng bộ)",
      "the parent before the unit moved (within its committee)"
    ]),
    col("cap_tren_tu", "Cấp trên từ ngày", "date", false, [
      "Ngày đơn vị chuyển sang đơn vị cấp trên hiện nay (cần khi có mã cấp trên cũ)",
      "date from which the present parent applies (needed with ma_cap_tren_cu)"
    ])
  ],
  sinh_hoat: [
    col("ma_chi_bo", "Mã chi bộ", "code", true, ["Mã chi bộ có trong danh mục đơn vị", "code of a cell in the unit registry"]),
    col("ngay", "Ngày sinh hoạt", "date", true, ["Ngày họp", "date of the meeting"]),
    col("loai", "Loại sinh hoạt", {enum: "loai"}, true, ["Kết hợp = thường kỳ và chuyên đề cùng buổi", "ket_hop = regular and thematic together"]),
    col("dang_vien", "Số đảng viên", "int", true, ["Số đảng viên trong danh sách", "members on the roll"]),
    col("mien", "Miễn sinh hoạt", "int", true, ["Số đảng viên được miễn sinh hoạt, 0 ≤ miễn ≤ đảng viên", "members excused from party activity"]),
    col("co_mat", "Có mặt", "int", true, ["Số đảng viên có mặt, ≤ đảng viên − miễn", "members present, ≤ members − excused"]),
    col("vang_co_ly_do", "Vắng có lý do", "int", false, ["Số vắng có lý do", "excused absences"]),
    col("vang_khong_ly_do", "Vắng không lý do", "int", false, ["Số vắng không lý do", "unexcused absences"]),
    col("thoi_luong", "Thời lượng (phút)", "int", false, ["Thời lượng buổi họp, phút", "length in minutes"]),
    col("so_phat_bieu", "Số đảng viên phát biểu", "int", false, ["Số đảng viên có phát biểu ý kiến (mỗi người tính một lần), ≤ có mặt", "members who spoke (each counted once), ≤ present"]),
    col("cap_tren_du", "Cấp ủy cấp trên dự", "bool", false, ["Có cấp ủy viên cấp trên dự", "a member of a superior committee attended"]),
    col("hinh_thuc", "Hình thức", {enum: "hinh_thuc"}, false, ["Để trống = trực tiếp", "empty = in person"]),
    col("dung_ngay", "Đúng ngày quy định", "bool", false, ["Họp đúng ngày quy định", "held on the prescribed day"]),
    col("xep_loai", "Xếp loại buổi sinh hoạt", {enum: "xep_loai_buoi"}, false, ["Xếp loại chất lượng buổi sinh hoạt", "quality rating of the meeting"]),
    col("diem", "Điểm", "number", false, ["Điểm 0–100, khớp xếp loại (Tốt ≥ 90, Khá 70–<90, Trung bình 50–<70, Kém < 50)", "score 0–100, agreeing with the rating"]),
    col("chu_de", "Chủ đề", "text", false, ["Chủ đề (không công bố)", "topic (never published)"]),
    col("ghi_chu", "Ghi chú", "text", false, ["Ghi chú (không công bố)", "note (never published)"])
  ],
  danh_gia: [
    col("ma_don_vi", "Mã đơn vị", "code", true, ["Mã chi bộ hoặc đảng bộ cơ sở", "code of a cell or grassroots organisation"]),
    col("nam", "Năm", "year", true, ["Năm đánh giá", "year rated"]),
    col("xep_loai", "Xếp loại", {enum: "xep_loai_nam"}, true, ["Xếp loại tổ chức đảng; năm 2016–2017 được dùng cách xếp loại cũ", "rating of the organisation; 2016–2017 may use the old scheme"]),
    col("dang_vien", "Số đảng viên", "int", true, ["Số đảng viên được đánh giá", "members rated"]),
    col("dv_htxs", "Đảng viên HTXSNV", "int", true, ["Số đảng viên hoàn thành xuất sắc nhiệm vụ", "members rated htxs"]),
    col("dv_htt", "Đảng viên HTTNV", "int", true, ["Số đảng viên hoàn thành tốt nhiệm vụ", "members rated htt"]),
    col("dv_ht", "Đảng viên HTNV", "int", true, ["Số đảng viên hoàn thành nhiệm vụ", "members rated ht"]),
    col("dv_kht", "Đảng viên KHTNV", "int", true, ["Số đảng viên không hoàn thành nhiệm vụ", "members rated kht"]),
    col("bi_thu_boi_duong", "Bí thư được bồi dưỡng", "bool", false, ["Bí thư được bồi dưỡng trong năm", "the secretary was trained that year"])
  ]
};

/** Header cells that are accepted and ignored: a row-number column is in almost every form. */
export const IGNORED_COLUMNS = new Set(["stt", "tt", "so_tt", "so_thu_tu"]);

/** folded header → column key, per kind: the key, the label and the synonyms clerks use (header-synonyms.ts) */
export function headerIndex(kind: Kind): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of COLUMNS[kind]) {
    index.set(foldKey(c.key), c.key);
    index.set(foldKey(c.label), c.key);
    for (const a of HEADER_SYNONYMS[kind][c.key] ?? []) index.set(foldKey(a), c.key);
  }
  return index;
}

/** folded value → enum key (keys, labels and aliases) */
const enumIndex = Object.fromEntries(
  Object.entries(ENUMS).map(([name, values]) => {
    const m = new Map<string, string>();
    for (const [key, label] of Object.entries(values)) {
      m.set(foldKey(key), key);
      m.set(foldKey(label), key);
    }
    for (const [alias, key] of Object.entries(ENUM_ALIASES[name as EnumName] ?? {})) m.set(alias, key);
    return [name, m];
  })
) as Record<EnumName, Map<string, string>>;

// ---- value parsers: each returns the typed value or throws a ValueError with a bilingual reason ----

export class ValueError extends Error {
  constructor(
    readonly code: Code,
    readonly vi: string,
    readonly en: string
  ) {
    super(en);
  }
}
const valueError = (code: Code, detail?: [string, string]) =>
  new ValueError(code, detail ? `${CODES[code].vi}: ${detail[0]}` : CODES[code].vi, detail ? `${CODES[code].en}: ${detail[1]}` : CODES[code].en);

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?$/;
const VN_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: 0?0:00(?::00)?)?$/;
const SERIAL = /^\d{5}(?:[.,]0+)?$/;
export const MIN_YEAR = 1930;
export const MAX_YEAR = 2100;
/** Excel's day 0 (serial dates count days from 30/12/1899 in the 1900 date system). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A calendar date as "YYYY-MM-DD" from ISO, dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or an Excel serial. */
export function parseDate(raw: string): string {
  let y: number, m: number, d: number;
  const iso = ISO_DATE.exec(raw);
  const vn = iso ? null : VN_DATE.exec(raw);
  if (iso) [y, m, d] = [+iso[1], +iso[2], +iso[3]];
  else if (vn) [y, m, d] = [+vn[3], +vn[2], +vn[1]];
  else if (SERIAL.test(raw)) {
    const date = new Date(EXCEL_EPOCH + parseInt(raw, 10) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else throw valueError("E_DATE");
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 100 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    throw valueError("E_DATE", ["ngày không tồn tại trong lịch", "the date does not exist"]);
  if (y < MIN_YEAR || y > MAX_YEAR) throw valueError("E_DATE", [`năm ngoài khoảng ${MIN_YEAR}–${MAX_YEAR}`, `year outside ${MIN_YEAR}–${MAX_YEAR}`]);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Thousands grouped with a point or a comma: a whole number in one locale, a fraction in the other. */
const GROUPED = /^\d{1,3}([.,])\d{3}(?:\1\d{3})*$/;

/**
 * Whole numbers: digits, optionally grouped by thousands with spaces ("1 234") or with a zero fraction ("20,0").
 * "1.234" and "1,234" are refused: one locale groups thousands with the point, the other with the comma, so the
 * value is either 1234 or a fraction; the message shows the likely intent ("1,234 — có phải 1234?").
 */
export function parseInteger(raw: string): number {
  const neg = /^-\s*\d/.test(raw);
  const s = raw.replace(/^[-+]\s*/, "");
  let digits: string | null = null;
  if (/^\d+$/.test(s)) digits = s;
  else if (/^\d{1,3}(?: \d{3})+$/.test(s)) digits = s.replace(/ /g, "");
  else if (/^\d+[.,]0+$/.test(s) && !GROUPED.test(s)) digits = s.replace(/[.,]0+$/, "");
  if (digits === null && GROUPED.test(s)) {
    const whole = s.replace(/[.,]/g, "");
    throw valueError("E_INT", [`${raw} — có phải ${neg ? "-" : ""}${whole}?`, `${raw} — did you mean ${neg ? "-" : ""}${whole}?`]);
  }
  if (digits === null || digits.length > 9) throw valueError("E_INT");
  if (neg && Number(digits) !== 0) throw valueError("E_NEGATIVE");
  return Number(digits);
}

/** Decimal numbers with a point or a comma ("92,5"). */
export function parseNumber(raw: string): number {
  if (!/^-?\d{1,9}(?:[.,]\d{1,9})?$/.test(raw)) throw valueError("E_NUMBER");
  const n = Number(raw.replace(",", "."));
  return Object.is(n, -0) ? 0 : n;
}

const TRUE = new Set(["1", "co", "c", "x", "yes", "y", "true", "dung", "d"]);
const FALSE = new Set(["0", "khong", "k", "no", "n", "false", "sai", "s"]);
/** Marks that mean "yes" in a column where an empty cell means "no" (a column ticked with x). */
const MARKS = new Set(["x"]);

export function parseBool(raw: string): boolean {
  const k = foldKey(raw);
  if (TRUE.has(k)) return true;
  if (FALSE.has(k)) return false;
  throw valueError("E_BOOL");
}

/**
 * A yes/no column filled with ticks: every non-empty value is "x". In such a column an empty cell means
 * "no"; elsewhere an empty cell means "not given".
 */
export function isTickColumn(values: Iterable<string>): boolean {
  let any = false;
  for (const v of values) {
    const t = cleanText(v);
    if (t === "") continue;
    if (!MARKS.has(foldKey(t))) return false;
    any = true;
  }
  return any;
}

export function enumAllowed(name: EnumName): string {
  return Object.entries(ENUMS[name])
    .map(([k, l]) => `${k} (${l})`)
    .join(", ");
}

export function parseEnum(name: EnumName, raw: string): string {
  const key = enumIndex[name].get(foldKey(raw)) ?? (name === "xep_loai_nam" ? LEGACY_RATINGS[foldKey(raw)]?.key : undefined);
  if (!key) {
    const allowed = enumAllowed(name);
    throw valueError("E_ENUM", [`cho phép ${allowed}`, `allowed: ${allowed}`]);
  }
  return key;
}

/** The old-scheme label when an annual rating was written in the 2016–2017 scheme, else null. */
export function legacyRatingLabel(raw: string): string | null {
  const v = cleanText(raw);
  if (v === "" || enumIndex.xep_loai_nam.has(foldKey(v))) return null;
  return LEGACY_RATINGS[foldKey(v)]?.label ?? null;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export function parseCode(raw: string): string {
  if (!CODE.test(raw)) throw valueError("E_CODE");
  return raw.toUpperCase();
}

export function parseYear(raw: string): number {
  let n: number;
  try {
    n = parseInteger(raw);
  } catch {
    throw valueError("E_YEAR");
  }
  if (n < MIN_YEAR || n > MAX_YEAR) throw valueError("E_YEAR", [`ngoài khoảng ${MIN_YEAR}–${MAX_YEAR}`, `outside ${MIN_YEAR}–${MAX_YEAR}`]);
  return n;
}

export type Value = string | number | boolean | null;

/** Turns one raw cell into its typed value (null when empty; false for an empty cell of a tick column). */
export function parseValue(type: ColumnType, raw: string, opts: {tick?: boolean} = {}): Value {
  if (type === "text") {
    const t = cleanFreeText(raw);
    return t === "" ? null : t;
  }
  const v = cleanText(raw);
  if (v === "") return type === "bool" && opts.tick ? false : null;
  if (typeof type === "object") return parseEnum(type.enum, v);
  switch (type) {
    case "code":
      return parseCode(v);
    case "date":
      return parseDate(v);
    case "int":
      return parseInteger(v);
    case "number":
      return parseNumber(v);
    case "bool":
      return parseBool(v);
    case "year":
      return parseYear(v);
  }
}

/** A row with its values typed, and its line. */
export type TypedRow = Record<string, Value> & {line: number};

/** Typed columns a kind's raw table holds beyond the submitted ones. */
export const DERIVED_COLUMNS: Record<Kind, {key: string; sqlType: string}[]> = {
  don_vi: [],
  sinh_hoat: [],
  danh_gia: [{key: "xep_loai_goc", sqlType: "VARCHAR"}]
};
