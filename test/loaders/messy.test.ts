// The loader on files as committees really send them (test/fixtures/messy, written by make.ts): every file's
// exact outcome and problem codes with their lines, through both read paths (DuckDB reading the file directly,
// and the rewritten clean CSV), and the row-by-row JS path agreeing on every row-level problem.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestFile, type FileResult} from "../../loaders/record/ingest.ts";
import type {Problem} from "../../loaders/format/codes.ts";
import {parseSubmission, parseSubmissionAsync} from "../../loaders/check/parse-submission.ts";
import {FIXTURE, rows, tempWarehouse} from "../helpers/warehouse.ts";

const MESSY = join(import.meta.dirname, "..", "fixtures", "messy");
const TODAY = "2021-12-31";

type Ctx = Awaited<ReturnType<typeof tempWarehouse>>;

/** A warehouse holding the mini registry (province TQ, committees HU-A and HU-B). */
async function withRegistry(): Promise<Ctx> {
  const ctx = await tempWarehouse();
  for (const f of ["don_vi_TQ.csv", "don_vi_HU-A.csv", "don_vi_HU-B.csv"]) {
    const r = await ingestFile(ctx.wh, join(FIXTURE, f), {archiveDir: join(ctx.dir, "archive")});
    expect(r.status).toBe("accepted");
  }
  return ctx;
}

/** status and problems as "line:CODE" (file-level problems have line "-") */
const outcome = (r: FileResult) => [r.status, ...r.problems.map((p) => `${p.line ?? "-"}:${p.code}`)];

// file → [status, ...problems], for a warehouse with the mini registry and submissions dated 31/12/2021
const EXPECTED: Record<string, string[]> = {
  // accepted as they are
  "sinh_hoat_HU-A_bom_semicolon_crlf.csv": ["accepted"],
  "sinh_hoat_HU-A_tab.tsv": ["accepted"],
  "sinh_hoat_HU-A_utf16le.txt": ["accepted"],
  "sinh_hoat_HU-A_utf16be.txt": ["accepted"],
  "sinh_hoat_HU-A_cp1258.csv": ["accepted"],
  "sinh_hoat_HU-A_nfd.csv": ["accepted"],
  "sinh_hoat_HU-A_title_rows.csv": ["accepted"],
  "sinh_hoat_HU-A_trailing_empty.csv": ["accepted"],
  "sinh_hoat_HU-A_dates.csv": ["accepted"],
  "sinh_hoat_HU-A_decimal_comma.csv": ["accepted"],
  "sinh_hoat_HU-A_booleans.csv": ["accepted"],
  "sinh_hoat_HU-A_enum_labels.csv": ["accepted"],
  "danh_gia_HU-A_2017_legacy.csv": ["accepted"],
  // accepted with a warning
  "danh_gia_HU-A_2021_quota.csv": ["accepted", "2:W_HTXS_QUOTA"],
  // legacy font encodings
  "sinh_hoat_HU-A_tcvn3.csv": ["rejected", "-:E_LEGACY_TCVN3"],
  "sinh_hoat_HU-A_vni.csv": ["rejected", "-:E_LEGACY_VNI"],
  // quoted line breaks above the bad row: its row is the one a spreadsheet shows (a multi-line cell is one row)
  "sinh_hoat_HU-A_quoted_multiline.csv": ["rejected", "5:E_ATTENDANCE_SUM", "5:E_PRESENT_GT_EXPECTED"],
  // rules between fields
  "sinh_hoat_HU-A_rules.csv": [
    "rejected",
    "3:E_EXCUSED_GT_MEMBERS",
    "3:E_PRESENT_GT_EXPECTED",
    "3:E_SPEAKERS_GT_PRESENT",
    "4:E_PRESENT_GT_EXPECTED",
    "5:E_ATTENDANCE_SUM",
    "6:E_SPEAKERS_GT_PRESENT",
    "7:E_SCORE_RANGE",
    "8:E_SCORE_BAND"
  ],
  "sinh_hoat_HU-A_values.csv": [
    "rejected",
    "2:E_INT",
    "3:E_NEGATIVE",
    "4:E_DATE",
    "5:E_DATE",
    "6:E_ENUM",
    "7:E_BOOL",
    "8:E_CODE",
    "9:E_NUMBER",
    "10:E_REQUIRED"
  ],
  "sinh_hoat_HU-A_registry.csv": ["rejected", "3:E_UNKNOWN_CELL", "4:E_CELL_NOT_VALID", "5:E_FUTURE_DATE", "7:E_DUPLICATE_MEETING"],
  "sinh_hoat_HU-A_mixed_committees.csv": ["rejected", "-:E_MIXED_COMMITTEES", "4:E_OTHER_COMMITTEE"],
  "danh_gia_HU-A_2019_legacy.csv": ["rejected", "2:E_LEGACY_RATING_YEAR"],
  "danh_gia_HU-A_2021_errors.csv": ["rejected", "2:E_RATING_SUM", "3:E_UNKNOWN_UNIT", "5:E_DUPLICATE_RATING"],
  "don_vi_HU-A_errors.csv": [
    "rejected",
    "4:E_PARENT_REQUIRED",
    "5:E_VALID_RANGE",
    "6:E_MERGE_WITHOUT_END",
    "7:E_UNKNOWN_PARENT",
    "7:E_UNKNOWN_SUCCESSOR",
    "8:E_DUPLICATE_CODE",
    "9:E_PARENT_SELF"
  ],
  // cut off, broken, not a submission
  "sinh_hoat_HU-A_truncated.csv": ["rejected", "4:E_REQUIRED", "4:E_TRUNCATED"],
  "sinh_hoat_HU-A_truncated_quote.csv": ["rejected", "4:E_UNCLOSED_QUOTE"],
  "sinh_hoat_HU-A_garbage.csv": ["rejected", "-:E_BINARY"],
  "sinh_hoat_HU-A_image.csv": ["rejected", "-:E_BINARY"],
  "sinh_hoat_HU-A_old.xls": ["rejected", "-:E_XLS_OLD"],
  "sinh_hoat_HU-A_broken.xlsx": ["rejected", "-:E_XLSX_UNREADABLE"],
  "sinh_hoat_HU-A_empty.csv": ["rejected", "-:E_EMPTY_FILE"],
  "sinh_hoat_HU-A_blank.csv": ["rejected", "-:E_EMPTY_FILE"],
  "sinh_hoat_HU-A_header_only.csv": ["rejected", "1:E_NO_DATA"],
  "sinh_hoat_HU-A_wrong_kind.csv": ["rejected", "1:E_KIND_MISMATCH"],
  "sinh_hoat_HU-A_unknown_header.csv": ["rejected", "-:E_UNKNOWN_KIND"],
  "sinh_hoat_HU-A_columns.csv": ["rejected", "1:E_DUPLICATE_COLUMN", "1:E_MISSING_COLUMN", "1:E_UNKNOWN_COLUMN"],
  "sinh_hoat_HU-A_extra_cells.csv": ["rejected", "3:E_EXTRA_CELLS"],
  // as clerks leave them
  "sinh_hoat_HU-A_mojibake.csv": ["accepted", "-:W_MOJIBAKE_REPAIRED"],
  "sinh_hoat_HU-A_mojibake_lost.csv": ["rejected", "-:E_MOJIBAKE"],
  "sinh_hoat_HU-A_thousands.csv": ["rejected", "2:E_INT", "3:E_INT"],
  "sinh_hoat_HU-A_numbers.xlsx": ["rejected", "3:E_INT"],
  "sinh_hoat_HU-A_synonyms.csv": ["accepted"],
  "sinh_hoat_HU-A_header_typo.csv": ["rejected", "1:E_MISSING_COLUMN", "1:E_UNKNOWN_COLUMN"],
  "sinh_hoat_HU-A_total_row.csv": ["accepted", "5:W_TOTAL_ROW"],
  "sinh_hoat_HU-A_total_formulas.xlsx": ["accepted", "5:W_TOTAL_MISMATCH", "5:W_TOTAL_ROW"],
  "sinh_hoat_HU-A_hidden_columns.xlsx": ["rejected", "1:W_HIDDEN_COLUMN", "3:E_INT"],
  "sinh_hoat_HU-A_merged.csv": ["rejected", "3:E_MERGED_CELLS", "4:E_MERGED_CELLS"]
};

/** The message each new diagnosis gives (file → line:code → what the Vietnamese message and column must say). */
const MESSAGES: Record<string, {at: string; vi: RegExp; column?: RegExp | null; value?: string}[]> = {
  "sinh_hoat_HU-A_mojibake_lost.csv": [{at: "-:E_MOJIBAKE", vi: /Windows-1252.*UTF-8/}],
  "sinh_hoat_HU-A_mojibake.csv": [{at: "-:W_MOJIBAKE_REPAIRED", vi: /khôi phục tự động/}],
  "sinh_hoat_HU-A_thousands.csv": [
    {at: "2:E_INT", vi: /1,234 — có phải 1234\?$/, column: /^Số đảng viên$/, value: "1,234"},
    {at: "3:E_INT", vi: /1\.234 — có phải 1234\?$/, value: "1.234"}
  ],
  "sinh_hoat_HU-A_numbers.xlsx": [{at: "3:E_INT", vi: /1,234 — có phải 1234\?$/, column: /^Số đảng viên \(trang “sinh_hoat”, cột D\)$/, value: "1,234"}],
  "sinh_hoat_HU-A_header_typo.csv": [{at: "1:E_UNKNOWN_COLUMN", vi: /có phải cột “Số đảng viên”\?$/, value: "So dang vien chinh thuc"}],
  "sinh_hoat_HU-A_columns.csv": [{at: "1:E_UNKNOWN_COLUMN", vi: /có phải cột “Ghi chú”\?$/}],
  "sinh_hoat_HU-A_total_row.csv": [{at: "5:W_TOTAL_ROW", vi: /dòng 5 \(“Tổng cộng”\)/, value: "Tổng cộng"}],
  "sinh_hoat_HU-A_total_formulas.xlsx": [
    {at: "5:W_TOTAL_ROW", vi: /dòng 5 \(“Tổng cộng”\)/},
    {at: "5:W_TOTAL_MISMATCH", vi: /tổng các dòng phía trên là 78$/, column: /^Có mặt \(trang “Sổ sinh hoạt”, cột G\)$/, value: "77"}
  ],
  "sinh_hoat_HU-A_hidden_columns.xlsx": [
    {at: "1:W_HIDDEN_COLUMN", vi: /cột R \(đang ẩn\) không có tiêu đề/, column: /^trang “sinh_hoat”, cột R \(đang ẩn\)$/},
    {at: "3:E_INT", vi: /^Phải là số nguyên$/, column: /^Có mặt \(trang “sinh_hoat”, cột F \(đang ẩn\)\)$/, value: "hai mươi"}
  ],
  "sinh_hoat_HU-A_merged.csv": [
    {at: "3:E_MERGED_CELLS", vi: /gộp \(merge\) trong bảng tính.*ô trống dưới mã HU-A\.001\.01$/, column: /^Mã chi bộ$/},
    {at: "4:E_MERGED_CELLS", vi: /ô trống dưới mã HU-A\.001\.01$/}
  ]
};

function expectMessages(file: string, problems: {line: number | null; code: string; vi: string; column: string | null; value: string | null}[]) {
  for (const m of MESSAGES[file] ?? []) {
    const p = problems.find((x) => `${x.line ?? "-"}:${x.code}` === m.at);
    expect(p, `${file} ${m.at}`).toBeDefined();
    expect(p!.vi).toMatch(m.vi);
    if (m.column !== undefined) expect(p!.column).toMatch(m.column!);
    if (m.value !== undefined) expect(p!.value).toBe(m.value);
  }
}

describe.each([
  ["as read by default", {}],
  ["through DuckDB reading the file directly", {forceDirect: true}],
  ["through the rewritten clean CSV", {forceRewrite: true}]
])("the messy corpus, %s", (_name, paths) => {
  let ctx: Ctx;
  const results = new Map<string, FileResult>();
  beforeAll(async () => {
    ctx = await withRegistry();
    for (const f of Object.keys(EXPECTED)) results.set(f, await ingestFile(ctx.wh, join(MESSY, f), {today: TODAY, archiveDir: join(ctx.dir, "archive"), ...paths}));
  }, 120_000);
  afterAll(() => ctx.dispose());

  it.each(Object.entries(EXPECTED))("%s → %j", (file, expected) => {
    expect(outcome(results.get(file)!)).toEqual(expected);
  });

  it.each(Object.keys(MESSAGES))("%s says what to fix: value, likely intent, place in the sheet", (file) => {
    expectMessages(file, results.get(file)!.problems);
  });

  it("every problem has a bilingual reason, and row problems name a column or carry the cells", () => {
    for (const r of results.values())
      for (const p of r.problems) {
        expect(p.vi.length).toBeGreaterThan(5);
        expect(p.en.length).toBeGreaterThan(5);
        expect(["error", "warning"]).toContain(p.severity);
        if (p.line !== null && !["E_NO_DATA", "E_KIND_MISMATCH", "E_UNCLOSED_QUOTE"].includes(p.code) && p.line > 1) expect(p.column ?? p.value).not.toBeNull();
      }
  });
});

describe("what the accepted messy files load", () => {
  let ctx: Ctx;
  const load = (f: string) => ingestFile(ctx.wh, join(MESSY, f), {today: TODAY, archiveDir: join(ctx.dir, "archive")});
  const meetings = (id: number) =>
    rows<Record<string, unknown>>(ctx.wh.conn, "SELECT * EXCLUDE (submission_id, committee_code) FROM raw_meetings WHERE submission_id = $1 ORDER BY line", [id]);
  beforeAll(async () => {
    ctx = await withRegistry();
  });
  afterAll(() => ctx.dispose());

  it("every encoding gives the same NFC text", async () => {
    for (const f of ["sinh_hoat_HU-A_cp1258.csv", "sinh_hoat_HU-A_nfd.csv"]) {
      const r = await load(f);
      const [first] = await meetings(r.submissionId);
      expect(first.chu_de).toBe((f.includes("cp1258") ? "Học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh" : "Nghị quyết Trung ương 4").normalize("NFC"));
      expect(first.loai).toBe("thuong_ky");
    }
    for (const f of ["sinh_hoat_HU-A_utf16le.txt", "sinh_hoat_HU-A_utf16be.txt", "sinh_hoat_HU-A_bom_semicolon_crlf.csv"]) {
      const r = await load(f);
      const got = await meetings(r.submissionId);
      expect(got.every((m) => m.chu_de === "Sinh hoạt thường kỳ" || m.chu_de === "Chủ đề; có dấu chấm phẩy")).toBe(true);
      expect(got.map((m) => m.hinh_thuc)).toEqual(got.map(() => "truc_tiep"));
    }
  });

  it("lines point at the file's rows past title rows, blank rows and a numbering row", async () => {
    const r = await load("sinh_hoat_HU-A_title_rows.csv");
    expect((await meetings(r.submissionId)).map((m) => [m.line, m.ngay])).toEqual([
      [9, "2021-01-05"],
      [10, "2021-02-05"],
      [12, "2021-03-05"]
    ]);
  });

  it("dates in every accepted form, decimal commas, yes/no forms and enum labels", async () => {
    const dates = await meetings((await load("sinh_hoat_HU-A_dates.csv")).submissionId);
    expect(dates.map((m) => m.ngay)).toEqual(["2021-01-06", "2021-02-05", "2021-03-05", "2021-04-05", "2021-05-05", "2021-06-05"]);
    const decimal = await meetings((await load("sinh_hoat_HU-A_decimal_comma.csv")).submissionId);
    expect(decimal.map((m) => [m.diem, m.xep_loai])).toEqual([
      [92.5, "tot"],
      [80, "kha"]
    ]);
    const bools = await meetings((await load("sinh_hoat_HU-A_booleans.csv")).submissionId);
    // cap_tren_du is a column ticked with x: its empty cells mean "no"
    expect(bools.map((m) => [m.cap_tren_du, m.dung_ngay])).toEqual([
      [true, true],
      [false, false],
      [true, true],
      [false, false]
    ]);
    const enums = await meetings((await load("sinh_hoat_HU-A_enum_labels.csv")).submissionId);
    expect(enums.map((m) => [m.loai, m.hinh_thuc, m.xep_loai])).toEqual([
      ["thuong_ky", "truc_tuyen", "kha"],
      ["chuyen_de", "ket_hop", "tot"],
      ["ket_hop", null, "trung_binh"],
      ["thuong_ky", "truc_tiep", "kem"]
    ]);
  });

  it("quoted fields keep their commas, quotes and line breaks", async () => {
    const r = await load("sinh_hoat_HU-A_quoted_multiline.csv");
    expect(r.status).toBe("rejected"); // its last row is wrong; --partial loads the others
    const p = await ingestFile(ctx.wh, join(MESSY, "sinh_hoat_HU-A_quoted_multiline.csv"), {today: TODAY, partial: true, archiveDir: join(ctx.dir, "archive")});
    expect(p.status).toBe("partial");
    expect((await meetings(p.submissionId)).map((m) => [m.line, m.chu_de, m.ghi_chu])).toEqual([
      [2, 'Quán triệt "Nghị quyết 4", kết luận 21', null],
      [3, "Dòng một\r\nDòng hai\r\nDòng ba", null],
      [4, null, 'Ghi chú có "ngoặc kép"\nvà xuống dòng']
    ]);
  });

  it("a file mangled by a Windows-1252 round trip loads the Vietnamese text it had", async () => {
    const r = await load("sinh_hoat_HU-A_mojibake.csv");
    expect(r.status).toBe("accepted");
    expect((await meetings(r.submissionId)).map((m) => [m.line, m.chu_de, m.loai, m.xep_loai])).toEqual([
      [2, "Đảng bộ học tập và làm theo tư tưởng Hồ Chí Minh", "thuong_ky", "kha"],
      [3, "Nghị quyết về công tác xây dựng Đảng", "thuong_ky", "kha"]
    ]);
  });

  it("headers clerks use load into the template's columns", async () => {
    const r = await load("sinh_hoat_HU-A_synonyms.csv");
    const [first] = await meetings(r.submissionId);
    expect(first).toMatchObject({ma_chi_bo: "HU-A.001.01", ngay: "2021-01-05", dang_vien: 30, mien: 2, co_mat: 26, vang_co_ly_do: 2, thoi_luong: 90, so_phat_bieu: 3, hinh_thuc: "truc_tiep", diem: 80, chu_de: "Sinh hoạt thường kỳ"});
  });

  it("a total row is left out: only the units' rows are loaded", async () => {
    for (const f of ["sinh_hoat_HU-A_total_row.csv", "sinh_hoat_HU-A_total_formulas.xlsx"]) {
      const r = await load(f);
      expect([r.status, r.rowsRead, r.rowsLoaded]).toEqual(["accepted", 3, 3]);
      expect((await meetings(r.submissionId)).map((m) => m.dang_vien)).toEqual([30, 30, 30]);
    }
  });

  it("2016–2017 ratings in the old scheme map to the current levels and keep the label as submitted", async () => {
    const r = await load("danh_gia_HU-A_2017_legacy.csv");
    expect(r.status).toBe("accepted");
    expect(await rows(ctx.wh.conn, "SELECT ma_don_vi, xep_loai, xep_loai_goc, bi_thu_boi_duong FROM raw_ratings WHERE submission_id = $1 ORDER BY line", [r.submissionId])).toEqual([
      {ma_don_vi: "HU-A.001", xep_loai: "htxs", xep_loai_goc: "Trong sạch vững mạnh", bi_thu_boi_duong: true},
      {ma_don_vi: "HU-A.001.01", xep_loai: "htt", xep_loai_goc: null, bi_thu_boi_duong: false},
      {ma_don_vi: "HU-A.001.02", xep_loai: "kht", xep_loai_goc: "Yếu kém", bi_thu_boi_duong: null}
    ]);
  });

  it("a warning is stored with its severity and does not stop the file", async () => {
    const r = await load("danh_gia_HU-A_2021_quota.csv");
    expect([r.status, r.rowsLoaded, r.warningCount]).toEqual(["accepted", 2, 1]);
    expect(await rows(ctx.wh.conn, "SELECT line, code, severity, value FROM rejected_rows WHERE submission_id = $1", [r.submissionId])).toEqual([
      {line: 2, code: "W_HTXS_QUOTA", severity: "warning", value: "5/10"}
    ]);
  });
});

describe("the row-by-row JS path reads rows as the bulk loader does", () => {
  // the files parseSubmission can read (CSV; the rest are refused the same way by both, see above)
  // what needs the registry or the whole file is checked in SQL only
  const SQL_ONLY =
    /^(E_UNKNOWN_CELL|E_CELL_NOT_VALID|E_FUTURE_DATE|E_DUPLICATE_MEETING|E_DUPLICATE_RATING|E_DUPLICATE_CODE|E_OTHER_COMMITTEE|E_UNKNOWN_UNIT|E_UNKNOWN_PARENT|E_UNKNOWN_SUCCESSOR|E_MIXED_COMMITTEES|E_NO_COMMITTEE|W_HTXS_QUOTA)$/;
  const rowLevel = (codes: string[]) => codes.filter((c) => !SQL_ONLY.test(c.split(":")[1]));
  it.each(Object.entries(EXPECTED))("%s", async (file, expected) => {
    let problems: Problem[];
    try {
      const bytes = readFileSync(join(MESSY, file));
      problems = (/\.xlsx$/.test(file) ? await parseSubmissionAsync(file, bytes) : parseSubmission(file, bytes)).problems;
    } catch (e) {
      problems = (e as {problems?: Problem[]}).problems ?? [];
    }
    expect(rowLevel(problems.map((p) => `${p.line ?? "-"}:${p.code}`))).toEqual(rowLevel(expected.slice(1)));
    expectMessages(file, problems);
  });
});
