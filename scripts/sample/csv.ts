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
import {COLUMNS as SCHEMA_COLUMNS, ENUMS} from "../../loaders/format/schemas.ts";

/** `don_vi_lich_su`: a registry with the columns of a unit's history (former code, dated parent). */
export type FileKind = "don_vi" | "don_vi_lich_su" | "sinh_hoat" | "danh_gia" | "ngay_nhan";

/** The registry's columns in every sample; a registry that needs them adds UNIT_HISTORY_KEYS (the 2025 reform). */
const UNIT_KEYS = ["ma_don_vi", "ten_don_vi", "cap", "ma_cap_tren", "loai_hinh", "hieu_luc_tu", "hieu_luc_den", "sap_nhap_vao"];
export const UNIT_HISTORY_KEYS = ["ma_cu", "ma_cap_tren_cu", "cap_tren_tu"];

/** The registry's columns of these keys, with the schema's labels (listed, so a column added later leaves the sample as it is). */
function unitColumns(keys: readonly string[]): (readonly [string, string])[] {
  return keys.map((key) => {
    const c = SCHEMA_COLUMNS.don_vi.find((x) => x.key === key);
    if (!c) throw new Error(`the registry schema has no column ${key}`);
    return [c.key, c.label] as const;
  });
}

/** Column keys (in output order) and their Vietnamese labels: the loader's own schema, so the two never drift. */
export const COLUMNS: Record<FileKind, readonly (readonly [key: string, label: string])[]> = {
  don_vi: unitColumns(UNIT_KEYS),
  don_vi_lich_su: unitColumns([...UNIT_KEYS, ...UNIT_HISTORY_KEYS]),
  sinh_hoat: SCHEMA_COLUMNS.sinh_hoat.map((c) => [c.key, c.label] as const),
  danh_gia: SCHEMA_COLUMNS.danh_gia.map((c) => [c.key, c.label] as const),
  ngay_nhan: [
    ["tep", "tep"],
    ["ngay_nhan", "ngay_nhan"]
  ]
};

/** Enumerations: key → Vietnamese label. */
export const ENUM_LABELS = ENUMS;

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
