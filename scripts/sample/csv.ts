/**
 * CSV output: the two "dialects" seen in submissions and a buffered file writer.
 *
 * - `ascii`: ASCII key headers, comma, LF, ISO dates, 1/0 booleans, enum keys.
 * - `vi`: Vietnamese label headers, UTF-8 BOM, semicolon, CRLF (Excel style), dd/mm/yyyy dates,
 *   có/không booleans, Vietnamese enum labels.
 * Both are well-formed per docs/submission-format.md; fields holding the delimiter, quotes or line
 * breaks are quoted (RFC 4180).
 */
import {createWriteStream, type WriteStream} from "node:fs";
import {once} from "node:events";

export type FileKind = "don_vi" | "sinh_hoat" | "danh_gia" | "ngay_nhan";

/** Column keys (in output order) and their Vietnamese labels, exactly as in the format doc. */
export const COLUMNS: Record<FileKind, readonly (readonly [key: string, label: string])[]> = {
  don_vi: [
    ["ma_don_vi", "Mã đơn vị"],
    ["ten_don_vi", "Tên đơn vị"],
    ["cap", "Cấp"],
    ["ma_cap_tren", "Mã đơn vị cấp trên"],
    ["loai_hinh", "Loại hình"],
    ["hieu_luc_tu", "Hiệu lực từ"],
    ["hieu_luc_den", "Hiệu lực đến"],
    ["sap_nhap_vao", "Sáp nhập vào"]
  ],
  sinh_hoat: [
    ["ma_chi_bo", "Mã chi bộ"],
    ["ngay", "Ngày sinh hoạt"],
    ["loai", "Loại sinh hoạt"],
    ["dang_vien", "Số đảng viên"],
    ["mien", "Miễn sinh hoạt"],
    ["co_mat", "Có mặt"],
    ["vang_co_ly_do", "Vắng có lý do"],
    ["vang_khong_ly_do", "Vắng không lý do"],
    ["thoi_luong", "Thời lượng (phút)"],
    ["so_phat_bieu", "Số ý kiến phát biểu"],
    ["cap_tren_du", "Cấp ủy cấp trên dự"],
    ["hinh_thuc", "Hình thức"],
    ["dung_ngay", "Đúng ngày quy định"],
    ["xep_loai", "Xếp loại buổi sinh hoạt"],
    ["diem", "Điểm"],
    ["chu_de", "Chủ đề"],
    ["ghi_chu", "Ghi chú"]
  ],
  danh_gia: [
    ["ma_don_vi", "Mã đơn vị"],
    ["nam", "Năm"],
    ["xep_loai", "Xếp loại"],
    ["dang_vien", "Số đảng viên"],
    ["dv_htxs", "Đảng viên HTXSNV"],
    ["dv_htt", "Đảng viên HTTNV"],
    ["dv_ht", "Đảng viên HTNV"],
    ["dv_kht", "Đảng viên KHTNV"],
    ["bi_thu_boi_duong", "Bí thư được bồi dưỡng"]
  ],
  ngay_nhan: [
    ["tep", "tep"],
    ["ngay_nhan", "ngay_nhan"]
  ]
};

/** Enumerations: key → Vietnamese label. */
export const ENUM_LABELS = {
  cap: {
    tinh: "Tỉnh",
    tren_co_so: "Trên cơ sở",
    dang_bo_co_so: "Đảng bộ cơ sở",
    chi_bo_co_so: "Chi bộ cơ sở",
    chi_bo: "Chi bộ"
  },
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

export type EnumName = keyof typeof ENUM_LABELS;
export type Cap = keyof (typeof ENUM_LABELS)["cap"];
export type LoaiHinh = keyof (typeof ENUM_LABELS)["loai_hinh"];
export type LoaiSinhHoat = keyof (typeof ENUM_LABELS)["loai"];
export type HinhThuc = keyof (typeof ENUM_LABELS)["hinh_thuc"];
export type XepLoaiBuoi = keyof (typeof ENUM_LABELS)["xep_loai_buoi"];
export type XepLoaiNam = keyof (typeof ENUM_LABELS)["xep_loai_nam"];

/** A calendar date as [year, month 1–12, day]. */
export type Ymd = readonly [number, number, number];

export interface Dialect {
  readonly name: "ascii" | "vi";
  readonly bom: boolean;
  readonly delimiter: string;
  readonly eol: string;
  header(kind: FileKind): string[];
  date(d: Ymd): string;
  bool(b: boolean | null): string;
  enumValue(name: EnumName, key: string): string;
}

const pad2 = (n: number) => (n < 10 ? "0" + n : String(n));

export function isoDate(d: Ymd): string {
  return `${d[0]}-${pad2(d[1])}-${pad2(d[2])}`;
}

export const ASCII: Dialect = {
  name: "ascii",
  bom: false,
  delimiter: ",",
  eol: "\n",
  header: (kind) => COLUMNS[kind].map(([key]) => key),
  date: isoDate,
  bool: (b) => (b === null ? "" : b ? "1" : "0"),
  enumValue: (_name, key) => key
};

export const VIETNAMESE: Dialect = {
  name: "vi",
  bom: true,
  delimiter: ";",
  eol: "\r\n",
  header: (kind) => COLUMNS[kind].map(([, label]) => label),
  date: (d) => `${pad2(d[2])}/${pad2(d[1])}/${d[0]}`,
  bool: (b) => (b === null ? "" : b ? "có" : "không"),
  enumValue: (name, key) => (ENUM_LABELS[name] as Record<string, string>)[key] ?? key
};

const NEEDS_QUOTES: Record<string, RegExp> = {",": /[",\r\n]/, ";": /[";\r\n]/, "\t": /["\t\r\n]/};

function quoteTest(delimiter: string): RegExp {
  return NEEDS_QUOTES[delimiter] ?? new RegExp(`["\\r\\n]|${delimiter.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}`);
}

/** RFC 4180 quoting: only when the field holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter: string): string {
  if (value === "") return value;
  return quoteTest(delimiter).test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

const FLUSH_AT = 1 << 18; // characters

/** Buffered CSV writer on a file stream; honours back-pressure so huge scales stream to disk. */
export class CsvWriter {
  private stream: WriteStream;
  private parts: string[] = [];
  private pending = 0;
  private bytesWritten = 0;
  private readonly needsQuotes: RegExp;
  rows = 0;

  constructor(
    readonly path: string,
    readonly dialect: Dialect
  ) {
    this.stream = createWriteStream(path, {highWaterMark: 1 << 20});
    this.needsQuotes = quoteTest(dialect.delimiter);
    if (dialect.bom) this.push("\uFEFF");
  }

  private push(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
  }

  /** Buffer a row of already-formatted (but unquoted) field values; call `drain()` now and then. */
  row(fields: readonly string[]): void {
    const d = this.dialect.delimiter;
    const re = this.needsQuotes;
    let line = "";
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) line += d;
      const v = fields[i]!;
      line += v !== "" && re.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
    }
    this.push(line + this.dialect.eol);
    this.rows++;
  }

  header(kind: FileKind): void {
    this.row(this.dialect.header(kind));
    this.rows--;
  }

  /** Write the buffer out once it is large enough (waits for the stream when it is congested). */
  async drain(): Promise<void> {
    if (this.pending >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(""), "utf8");
    this.parts = [];
    this.pending = 0;
    this.bytesWritten += buf.length;
    if (!this.stream.write(buf)) await once(this.stream, "drain");
  }

  /** Flush and close; resolves with the file size in bytes. */
  async close(): Promise<number> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
    return this.bytesWritten;
  }
}
