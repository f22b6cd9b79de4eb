// The rules between the fields of a row, each written once with a JS test (used by the zod row schemas, row by
// row) and the same test in SQL (used by the bulk loader); a property test keeps the two in agreement.
// docs/submission-format.md documents the same rules for people.
import {z} from "zod";
import type {Code} from "../format/codes.ts";
import {ENUMS, LEGACY_RATING_LAST_YEAR, type Kind, type Value} from "../format/schemas.ts";


export interface RowRule {
  code: Code;
  /** the column the problem is reported on */
  column: string;
  /** true when the row breaks the rule (values already typed; null = not given) */
  test: (r: Record<string, Value>) => boolean;
  /** the same test in SQL over the typed raw table's columns */
  sql: string;
}

const n = (v: Value) => v as number;
const given = (...vs: Value[]) => vs.every((v) => v !== null && v !== undefined);
const band = (d: number) => (d >= 90 ? "tot" : d >= 70 ? "kha" : d >= 50 ? "trung_binh" : "kem");
const BAND_SQL = "CASE WHEN diem >= 90 THEN 'tot' WHEN diem >= 70 THEN 'kha' WHEN diem >= 50 THEN 'trung_binh' ELSE 'kem' END";

export const ROW_RULES: Record<Kind, RowRule[]> = {
  don_vi: [
    {code: "E_PARENT_REQUIRED", column: "ma_cap_tren", test: (r) => r.cap !== "tinh" && r.ma_cap_tren === null, sql: "cap <> 'tinh' AND ma_cap_tren IS NULL"},
    {code: "E_PARENT_SELF", column: "ma_cap_tren", test: (r) => r.ma_cap_tren !== null && r.ma_cap_tren === r.ma_don_vi, sql: "ma_cap_tren = ma_don_vi"},
    {code: "E_VALID_RANGE", column: "hieu_luc_den", test: (r) => given(r.hieu_luc_den) && (r.hieu_luc_den as string) < (r.hieu_luc_tu as string), sql: "hieu_luc_den < hieu_luc_tu"},
    {code: "E_MERGE_WITHOUT_END", column: "hieu_luc_den", test: (r) => given(r.sap_nhap_vao) && !given(r.hieu_luc_den), sql: "sap_nhap_vao IS NOT NULL AND hieu_luc_den IS NULL"}
  ],
  sinh_hoat: [
    {code: "E_EXCUSED_GT_MEMBERS", column: "mien", test: (r) => n(r.mien) > n(r.dang_vien), sql: "mien > dang_vien"},
    {code: "E_PRESENT_GT_EXPECTED", column: "co_mat", test: (r) => n(r.co_mat) > n(r.dang_vien) - n(r.mien), sql: "co_mat > dang_vien - mien"},
    {
      code: "E_ATTENDANCE_SUM",
      column: "vang_khong_ly_do",
      test: (r) => given(r.vang_co_ly_do, r.vang_khong_ly_do) && n(r.co_mat) + n(r.vang_co_ly_do) + n(r.vang_khong_ly_do) !== n(r.dang_vien) - n(r.mien),
      sql: "co_mat + vang_co_ly_do + vang_khong_ly_do <> dang_vien - mien"
    },
    {code: "E_SPEAKERS_GT_PRESENT", column: "so_phat_bieu", test: (r) => given(r.so_phat_bieu) && n(r.so_phat_bieu) > n(r.co_mat), sql: "so_phat_bieu > co_mat"},
    {code: "E_SCORE_RANGE", column: "diem", test: (r) => given(r.diem) && (n(r.diem) < 0 || n(r.diem) > 100), sql: "diem < 0 OR diem > 100"},
    {
      code: "E_SCORE_BAND",
      column: "diem",
      test: (r) => given(r.diem, r.xep_loai) && n(r.diem) >= 0 && n(r.diem) <= 100 && band(n(r.diem)) !== r.xep_loai,
      sql: `diem BETWEEN 0 AND 100 AND xep_loai <> ${BAND_SQL}`
    }
  ],
  danh_gia: [
    {code: "E_RATING_SUM", column: "dang_vien", test: (r) => n(r.dv_htxs) + n(r.dv_htt) + n(r.dv_ht) + n(r.dv_kht) !== n(r.dang_vien), sql: "dv_htxs + dv_htt + dv_ht + dv_kht <> dang_vien"},
    {code: "E_LEGACY_RATING_YEAR", column: "xep_loai", test: (r) => given(r.xep_loai_goc) && n(r.nam) > LEGACY_RATING_LAST_YEAR, sql: `xep_loai_goc IS NOT NULL AND nam > ${LEGACY_RATING_LAST_YEAR}`}
  ]
};

/**
 * The registry's one-row rules on a unit's former code and former parent. Kept apart from ROW_RULES.don_vi,
 * whose property test builds rows without these columns; the zod schema and the bulk loader apply both lists
 * (rowRules).
 */
export const UNIT_HISTORY_RULES: RowRule[] = [
  {code: "E_OLD_CODE_SELF", column: "ma_cu", test: (r) => given(r.ma_cu) && r.ma_cu === r.ma_don_vi, sql: "ma_cu = ma_don_vi"},
  {code: "E_PARENT_SELF", column: "ma_cap_tren_cu", test: (r) => given(r.ma_cap_tren_cu) && r.ma_cap_tren_cu === r.ma_don_vi, sql: "ma_cap_tren_cu = ma_don_vi"},
  // one code, reported on the column left empty
  {code: "E_PARENT_CHANGE_INCOMPLETE", column: "cap_tren_tu", test: (r) => given(r.ma_cap_tren_cu) && !given(r.cap_tren_tu), sql: "ma_cap_tren_cu IS NOT NULL AND cap_tren_tu IS NULL"},
  {code: "E_PARENT_CHANGE_INCOMPLETE", column: "ma_cap_tren_cu", test: (r) => given(r.cap_tren_tu) && !given(r.ma_cap_tren_cu), sql: "cap_tren_tu IS NOT NULL AND ma_cap_tren_cu IS NULL"},
  // the former parent holds from hieu_luc_tu to the day before cap_tren_tu: at least one day, within the unit's life
  {
    code: "E_PARENT_CHANGE_DATE",
    column: "cap_tren_tu",
    test: (r) => given(r.cap_tren_tu) && ((r.cap_tren_tu as string) <= (r.hieu_luc_tu as string) || (given(r.hieu_luc_den) && (r.cap_tren_tu as string) > (r.hieu_luc_den as string))),
    sql: "cap_tren_tu <= hieu_luc_tu OR cap_tren_tu > hieu_luc_den"
  }
];

const UNIT_RULES: RowRule[] = [...ROW_RULES.don_vi, ...UNIT_HISTORY_RULES];
/** Every one-row rule of a kind. */
export const rowRules = (kind: Kind): RowRule[] => (kind === "don_vi" ? UNIT_RULES : ROW_RULES[kind]);

// ---- zod row schemas: the shape of a typed row, plus the row rules above ----

const int = z.number().int().nonnegative();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const str = z.string().min(1);

function withRules<T extends z.ZodRawShape>(shape: T, rules: RowRule[]) {
  return z.object(shape).superRefine((r, ctx) => {
    for (const rule of rules) if (rule.test(r as Record<string, Value>)) ctx.addIssue({code: "custom", path: [rule.column], message: rule.code});
  });
}

export const unitRow = withRules(
  {
    ma_don_vi: str,
    ten_don_vi: str,
    cap: z.enum(Object.keys(ENUMS.cap) as [string, ...string[]]),
    ma_cap_tren: str.nullable(),
    loai_hinh: z.enum(Object.keys(ENUMS.loai_hinh) as [string, ...string[]]),
    hieu_luc_tu: date,
    hieu_luc_den: date.nullable(),
    sap_nhap_vao: str.nullable(),
    ma_cu: str.nullable(),
    ma_cap_tren_cu: str.nullable(),
    cap_tren_tu: date.nullable()
  },
  UNIT_RULES
);

export const meetingRow = withRules(
  {
    ma_chi_bo: str,
    ngay: date,
    loai: z.enum(Object.keys(ENUMS.loai) as [string, ...string[]]),
    dang_vien: int,
    mien: int,
    co_mat: int,
    vang_co_ly_do: int.nullable(),
    vang_khong_ly_do: int.nullable(),
    thoi_luong: int.nullable(),
    so_phat_bieu: int.nullable(),
    cap_tren_du: z.boolean().nullable(),
    hinh_thuc: z.enum(Object.keys(ENUMS.hinh_thuc) as [string, ...string[]]).nullable(),
    dung_ngay: z.boolean().nullable(),
    xep_loai: z.enum(Object.keys(ENUMS.xep_loai_buoi) as [string, ...string[]]).nullable(),
    diem: z.number().nullable(),
    chu_de: z.string().nullable(),
    ghi_chu: z.string().nullable()
  },
  ROW_RULES.sinh_hoat
);

export const ratingRow = withRules(
  {
    ma_don_vi: str,
    nam: z.number().int(),
    xep_loai: z.enum(Object.keys(ENUMS.xep_loai_nam) as [string, ...string[]]),
    xep_loai_goc: z.string().nullable(),
    dang_vien: int,
    dv_htxs: int,
    dv_htt: int,
    dv_ht: int,
    dv_kht: int,
    bi_thu_boi_duong: z.boolean().nullable()
  },
  ROW_RULES.danh_gia
);

export const ROW_SCHEMAS = {don_vi: unitRow, sinh_hoat: meetingRow, danh_gia: ratingRow} as const;
