// The three submission kinds: their columns (ASCII key, Vietnamese label, type) and the zod row schemas
// every entry point shares. docs/submission-format.md documents the same contract for people.
import {z} from "zod";
import {cleanText, foldKey} from "./text.ts";

export type Kind = "don_vi" | "sinh_hoat" | "danh_gia";
export const KINDS: Kind[] = ["don_vi", "sinh_hoat", "danh_gia"];

export const KIND_LABELS: Record<Kind, {vi: string; en: string}> = {
  don_vi: {vi: "Danh mục đơn vị", en: "unit registry"},
  sinh_hoat: {vi: "Sổ sinh hoạt chi bộ", en: "meeting log"},
  danh_gia: {vi: "Đánh giá, xếp loại hằng năm", en: "annual rating"}
};

/** Enumerations: key → Vietnamese label. Labels fold to keys except where noted by extra aliases. */
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

export type ColumnType = "code" | "text" | "date" | "int" | "number" | "bool" | "year" | {enum: EnumName};

export interface ColumnSpec {
  key: string;
  label: string;
  type: ColumnType;
  required: boolean;
  /** extra header spellings seen in the wild (folded form) */
  aliases?: string[];
}

const col = (key: string, label: string, type: ColumnType, required = false, aliases?: string[]): ColumnSpec => ({
  key,
  label,
  type,
  required,
  aliases
});

export const COLUMNS: Record<Kind, ColumnSpec[]> = {
  don_vi: [
    col("ma_don_vi", "Mã đơn vị", "code", true),
    col("ten_don_vi", "Tên đơn vị", "text", true),
    col("cap", "Cấp", {enum: "cap"}, true),
    col("ma_cap_tren", "Mã đơn vị cấp trên", "code", false, ["ma_cap_tren"]),
    col("loai_hinh", "Loại hình", {enum: "loai_hinh"}, true),
    col("hieu_luc_tu", "Hiệu lực từ", "date", true),
    col("hieu_luc_den", "Hiệu lực đến", "date"),
    col("sap_nhap_vao", "Sáp nhập vào", "code")
  ],
  sinh_hoat: [
    col("ma_chi_bo", "Mã chi bộ", "code", true),
    col("ngay", "Ngày sinh hoạt", "date", true, ["ngay"]),
    col("loai", "Loại sinh hoạt", {enum: "loai"}, true, ["loai"]),
    col("dang_vien", "Số đảng viên", "int", true),
    col("mien", "Miễn sinh hoạt", "int", true, ["mien", "so_dang_vien_mien_sinh_hoat"]),
    col("co_mat", "Có mặt", "int", true),
    col("vang_co_ly_do", "Vắng có lý do", "int"),
    col("vang_khong_ly_do", "Vắng không lý do", "int"),
    col("thoi_luong", "Thời lượng (phút)", "int", false, ["thoi_luong"]),
    col("so_phat_bieu", "Số ý kiến phát biểu", "int", false, ["so_phat_bieu"]),
    col("cap_tren_du", "Cấp ủy cấp trên dự", "bool"),
    col("hinh_thuc", "Hình thức", {enum: "hinh_thuc"}),
    col("dung_ngay", "Đúng ngày quy định", "bool", false, ["dung_ngay"]),
    col("xep_loai", "Xếp loại buổi sinh hoạt", {enum: "xep_loai_buoi"}, false, ["xep_loai"]),
    col("diem", "Điểm", "number"),
    col("chu_de", "Chủ đề", "text"),
    col("ghi_chu", "Ghi chú", "text")
  ],
  danh_gia: [
    col("ma_don_vi", "Mã đơn vị", "code", true),
    col("nam", "Năm", "year", true),
    col("xep_loai", "Xếp loại", {enum: "xep_loai_nam"}, true),
    col("dang_vien", "Số đảng viên", "int", true),
    col("dv_htxs", "Đảng viên HTXSNV", "int", true),
    col("dv_htt", "Đảng viên HTTNV", "int", true),
    col("dv_ht", "Đảng viên HTNV", "int", true),
    col("dv_kht", "Đảng viên KHTNV", "int", true),
    col("bi_thu_boi_duong", "Bí thư được bồi dưỡng", "bool")
  ]
};

/** folded header → column key, per kind */
export function headerIndex(kind: Kind): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of COLUMNS[kind]) {
    index.set(foldKey(c.key), c.key);
    index.set(foldKey(c.label), c.key);
    for (const a of c.aliases ?? []) index.set(a, c.key);
  }
  return index;
}

/** folded value → enum key (keys and labels both accepted) */
const enumIndex = Object.fromEntries(
  Object.entries(ENUMS).map(([name, values]) => {
    const m = new Map<string, string>();
    for (const [key, label] of Object.entries(values)) {
      m.set(foldKey(key), key);
      m.set(foldKey(label), key);
    }
    return [name, m];
  })
) as Record<EnumName, Map<string, string>>;

// ---- value parsers: each returns the typed value or throws a ValueError with a bilingual reason ----

export class ValueError extends Error {
  constructor(
    readonly code: string,
    readonly vi: string,
    readonly en: string
  ) {
    super(en);
  }
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const VN_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** A calendar date as "YYYY-MM-DD" from ISO or dd/mm/yyyy input. */
export function parseDate(raw: string): string {
  const iso = ISO_DATE.exec(raw);
  const vn = iso ? null : VN_DATE.exec(raw);
  if (!iso && !vn) throw new ValueError("E_DATE", "Ngày không hợp lệ (dùng dd/mm/yyyy)", "invalid date (use dd/mm/yyyy)");
  const [y, m, d] = iso ? [+iso[1], +iso[2], +iso[3]] : [+vn![3], +vn![2], +vn![1]];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    throw new ValueError("E_DATE", "Ngày không tồn tại trong lịch", "date does not exist");
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function parseInteger(raw: string): number {
  const s = raw.replace(/[\s.]/g, "");
  if (!/^-?\d+$/.test(s)) throw new ValueError("E_INT", "Phải là số nguyên", "must be a whole number");
  const n = Number(s);
  if (n < 0) throw new ValueError("E_NEGATIVE", "Không được âm", "must not be negative");
  return n;
}

export function parseNumber(raw: string): number {
  const s = raw.replace(/\s/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new ValueError("E_NUMBER", "Phải là số", "must be a number");
  return Number(s);
}

const TRUE = new Set(["1", "co", "x", "yes", "true", "dung", "y"]);
const FALSE = new Set(["0", "khong", "no", "false", "sai", "n"]);
export function parseBool(raw: string): boolean {
  const k = foldKey(raw);
  if (TRUE.has(k)) return true;
  if (FALSE.has(k)) return false;
  throw new ValueError("E_BOOL", "Phải là có/không", "must be yes/no (có/không)");
}

export function parseEnum(name: EnumName, raw: string): string {
  const key = enumIndex[name].get(foldKey(raw));
  if (!key) {
    const allowed = Object.entries(ENUMS[name]).map(([k, l]) => `${k} (${l})`).join(", ");
    throw new ValueError("E_ENUM", `Giá trị không hợp lệ; cho phép: ${allowed}`, `unknown value; allowed: ${allowed}`);
  }
  return key;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export function parseCode(raw: string): string {
  if (!CODE.test(raw)) throw new ValueError("E_CODE", "Mã chỉ gồm chữ, số, dấu . - _", "codes use letters, digits, . - _ only");
  return raw.toUpperCase();
}

export function parseYear(raw: string): number {
  const n = parseInteger(raw);
  if (n < 1930 || n > 2100) throw new ValueError("E_YEAR", "Năm không hợp lệ", "invalid year");
  return n;
}

/** Turns one raw cell into its typed value (null when empty). */
export function parseValue(type: ColumnType, raw: string): string | number | boolean | null {
  const v = cleanText(raw);
  if (v === "") return type === "bool" ? null : null;
  if (typeof type === "object") return parseEnum(type.enum, v);
  switch (type) {
    case "code":
      return parseCode(v);
    case "text":
      return v;
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

// ---- row schemas: rules between fields of one row (types are already parsed above) ----

const int = z.number().int().nonnegative();
const optInt = int.nullable();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const unitRow = z
  .object({
    ma_don_vi: z.string(),
    ten_don_vi: z.string().min(1),
    cap: z.enum(Object.keys(ENUMS.cap) as [string, ...string[]]),
    ma_cap_tren: z.string().nullable(),
    loai_hinh: z.string(),
    hieu_luc_tu: date,
    hieu_luc_den: date.nullable(),
    sap_nhap_vao: z.string().nullable()
  })
  .superRefine((r, ctx) => {
    if (r.cap !== "tinh" && !r.ma_cap_tren)
      ctx.addIssue({code: "custom", path: ["ma_cap_tren"], message: "E_PARENT_REQUIRED"});
    if (r.hieu_luc_den && r.hieu_luc_den < r.hieu_luc_tu)
      ctx.addIssue({code: "custom", path: ["hieu_luc_den"], message: "E_VALID_RANGE"});
    if (r.sap_nhap_vao && !r.hieu_luc_den)
      ctx.addIssue({code: "custom", path: ["hieu_luc_den"], message: "E_MERGE_WITHOUT_END"});
  });

export const meetingRow = z
  .object({
    ma_chi_bo: z.string(),
    ngay: date,
    loai: z.string(),
    dang_vien: int,
    mien: int,
    co_mat: int,
    vang_co_ly_do: optInt,
    vang_khong_ly_do: optInt,
    thoi_luong: optInt,
    so_phat_bieu: optInt,
    cap_tren_du: z.boolean().nullable(),
    hinh_thuc: z.string().nullable(),
    dung_ngay: z.boolean().nullable(),
    xep_loai: z.string().nullable(),
    diem: z.number().min(0).max(100).nullable(),
    chu_de: z.string().nullable(),
    ghi_chu: z.string().nullable()
  })
  .superRefine((r, ctx) => {
    if (r.mien > r.dang_vien) ctx.addIssue({code: "custom", path: ["mien"], message: "E_EXCUSED_GT_MEMBERS"});
    if (r.co_mat > r.dang_vien - r.mien) ctx.addIssue({code: "custom", path: ["co_mat"], message: "E_PRESENT_GT_EXPECTED"});
    if (r.vang_co_ly_do !== null && r.vang_khong_ly_do !== null && r.co_mat + r.vang_co_ly_do + r.vang_khong_ly_do !== r.dang_vien - r.mien)
      ctx.addIssue({code: "custom", path: ["vang_khong_ly_do"], message: "E_ATTENDANCE_SUM"});
    if (r.so_phat_bieu !== null && r.so_phat_bieu > r.co_mat)
      ctx.addIssue({code: "custom", path: ["so_phat_bieu"], message: "E_SPEAKERS_GT_PRESENT"});
  });

export const ratingRow = z
  .object({
    ma_don_vi: z.string(),
    nam: z.number().int(),
    xep_loai: z.string(),
    dang_vien: int,
    dv_htxs: int,
    dv_htt: int,
    dv_ht: int,
    dv_kht: int,
    bi_thu_boi_duong: z.boolean().nullable()
  })
  .superRefine((r, ctx) => {
    if (r.dv_htxs + r.dv_htt + r.dv_ht + r.dv_kht !== r.dang_vien)
      ctx.addIssue({code: "custom", path: ["dang_vien"], message: "E_RATING_SUM"});
  });

export const ROW_SCHEMAS = {don_vi: unitRow, sinh_hoat: meetingRow, danh_gia: ratingRow} as const;

/** Bilingual reasons for the cross-field rule codes above. */
export const RULE_MESSAGES: Record<string, {vi: string; en: string}> = {
  E_PARENT_REQUIRED: {vi: "Thiếu mã đơn vị cấp trên", en: "parent unit code is required"},
  E_VALID_RANGE: {vi: "Hiệu lực đến trước hiệu lực từ", en: "end date is before start date"},
  E_MERGE_WITHOUT_END: {vi: "Có đơn vị sáp nhập vào nhưng thiếu ngày hết hiệu lực", en: "merged unit needs an end date"},
  E_EXCUSED_GT_MEMBERS: {vi: "Số miễn sinh hoạt lớn hơn số đảng viên", en: "excused members exceed members"},
  E_PRESENT_GT_EXPECTED: {vi: "Số có mặt lớn hơn số đảng viên phải dự (đảng viên − miễn)", en: "present exceeds members minus excused"},
  E_ATTENDANCE_SUM: {
    vi: "Có mặt + vắng có lý do + vắng không lý do phải bằng đảng viên − miễn",
    en: "present + excused absences + unexcused absences must equal members minus excused"
  },
  E_SPEAKERS_GT_PRESENT: {vi: "Số phát biểu lớn hơn số có mặt", en: "speakers exceed members present"},
  E_RATING_SUM: {vi: "Tổng đảng viên theo mức xếp loại phải bằng số đảng viên", en: "members per rating must sum to members"}
};
