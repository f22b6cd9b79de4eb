// The loader on the small fixture: formats committees really send, idempotence, resubmission, rejection.
import {spawnSync} from "node:child_process";
import {copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {ingestFile} from "../loaders/record/ingest.ts";
import {expandPaths, loadOrder} from "../loaders/ingest-paths.ts";
import {parseSubmission} from "../loaders/check/parse-submission.ts";
import {FIXTURE, rows, tempWarehouse} from "./helpers/warehouse.ts";

type Ctx = Awaited<ReturnType<typeof tempWarehouse>>;
let ctx: Ctx;
beforeEach(async () => {
  ctx = await tempWarehouse();
});
afterEach(() => ctx.dispose());

async function loadAll(dir = FIXTURE) {
  const out = [];
  for (const f of loadOrder(expandPaths([dir]))) out.push(await ingestFile(ctx.wh, f, {archiveDir: join(ctx.dir, "archive")}));
  return out;
}

const tableCounts = async () =>
  rows<{t: string; n: number}>(ctx.wh.conn, `
    SELECT 'units' AS t, count(*)::INTEGER AS n FROM raw_units UNION ALL
    SELECT 'meetings', count(*)::INTEGER FROM raw_meetings ORDER BY t`);

describe("parsing what Excel writes", () => {
  it("reads a BOM, semicolon, Vietnamese-label, dd/mm/yyyy, NFD file into the same values as the ASCII form", () => {
    const parsed = parseSubmission("sinh_hoat_HU-B_2020.csv", readFileSync(join(FIXTURE, "sinh_hoat_HU-B_2020.csv")));
    expect(parsed.kind).toBe("sinh_hoat");
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(15);
    const first = parsed.rows[0];
    expect(first).toMatchObject({ma_chi_bo: "HU-B.001", ngay: "2020-01-03", loai: "thuong_ky", dang_vien: 30, co_mat: 27, cap_tren_du: false, hinh_thuc: "truc_tiep", dung_ngay: true, xep_loai: "tot", diem: 92});
    // NFD input comes out NFC; the quoted field kept its semicolon
    expect(first.chu_de).toBe("Sinh hoạt thường kỳ; tháng 1".normalize("NFC"));
    expect((first.chu_de as string).normalize("NFC")).toBe(first.chu_de);
  });

  it("reports every bad row with line, column, value and a bilingual reason", () => {
    const csv = [
      "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat",
      "HU-A.001.01,2020-01-05,thuong_ky,20,2,16",
      "HU-A.001.01,31/02/2020,thuong_ky,20,2,16",
      "HU-A.001.01,2020-03-05,hop_mat,20,2,19",
      "HU-A.001.01,2020-04-05,thuong_ky,20,2,"
    ].join("\n");
    const parsed = parseSubmission("x.csv", Buffer.from(csv));
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, "Ngày sinh hoạt", "E_DATE"],
      [4, "Loại sinh hoạt", "E_ENUM"],
      [5, "Có mặt", "E_REQUIRED"]
    ]);
    expect(parsed.problems[0].vi).toMatch(/Ngày/);
    expect(parsed.problems[0].en).toMatch(/date/);
  });

  it("applies the attendance rule between fields", () => {
    const csv = "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat,vang_co_ly_do,vang_khong_ly_do\nC1,2020-01-05,thuong_ky,20,2,19,0,0\nC1,2020-02-05,thuong_ky,20,2,15,1,1\n";
    const parsed = parseSubmission("x.csv", Buffer.from(csv));
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([
      [2, "E_ATTENDANCE_SUM"], // 19 + 0 + 0 ≠ 18
      [2, "E_PRESENT_GT_EXPECTED"], // and 19 present of 20 − 2 required
      [3, "E_ATTENDANCE_SUM"] // 15 + 1 + 1 ≠ 18
    ]);
  });
});

describe("ingesting into the warehouse", () => {
  it("loads the fixture, tagging each row with its committee, and records every file in the ledger", async () => {
    const results = await loadAll();
    expect(results.map((r) => r.status)).toEqual(Array(6).fill("accepted"));
    expect(results.map((r) => [r.file, r.committee])).toEqual([
      ["don_vi_TQ.csv", "TQ"],
      ["don_vi_HU-A.csv", "HU-A"],
      ["don_vi_HU-B.csv", "HU-B"],
      ["sinh_hoat_HU-A_2020.csv", "HU-A"],
      ["sinh_hoat_HU-A_2021.csv", "HU-A"],
      ["sinh_hoat_HU-B_2020.csv", "HU-B"]
    ]);
    expect(await tableCounts()).toEqual([
      {t: "meetings", n: 26 + 12 + 15},
      {t: "units", n: 3 + 4 + 1}
    ]);
    const [name] = await rows<{ten_don_vi: string}>(ctx.wh.conn, "SELECT ten_don_vi FROM raw_units WHERE ma_don_vi = 'HU-B.001'");
    expect(name.ten_don_vi).toBe("Chi bộ Ban Chỉ huy Quân sự".normalize("NFC"));
  });

  it("loading the same files twice changes nothing", async () => {
    await loadAll();
    const before = await rows(ctx.wh.conn, "SELECT * EXCLUDE (submission_id) FROM raw_meetings ORDER BY ALL");
    const again = await loadAll();
    expect(again.map((r) => r.status)).toEqual(Array(6).fill("duplicate"));
    expect(await rows(ctx.wh.conn, "SELECT * EXCLUDE (submission_id) FROM raw_meetings ORDER BY ALL")).toEqual(before);
    const [ledger] = await rows<{accepted: number}>(ctx.wh.conn, "SELECT count_if(status = 'accepted')::INTEGER AS accepted FROM submissions");
    expect(ledger.accepted).toBe(6);
  });

  it("the next ingest removes a copy half-written into the archive by a killed ingest, and keeps the real ones", async () => {
    await loadAll();
    const archive = join(ctx.dir, "archive");
    const kept = readdirSync(archive).sort();
    expect(kept.every((f) => /^[0-9a-f]{64}$/.test(f))).toBe(true);
    writeFileSync(join(archive, `${"ab".repeat(32)}.4242.tmp`), "half a copy");
    const again = await loadAll(); // every file a duplicate: nothing new is archived
    expect(again.map((r) => r.status)).toEqual(Array(6).fill("duplicate"));
    expect(readdirSync(archive).sort()).toEqual(kept);
  });

  it("a corrected resubmission replaces exactly that committee's year and supersedes the old file", async () => {
    await loadAll();
    const dir = mkdtempSync(join(tmpdir(), "chibo-resub-"));
    const fixed = join(dir, "sinh_hoat_HU-A_2020.csv");
    // the committee found one more meeting in March for cell HU-A.001.01
    writeFileSync(fixed, readFileSync(join(FIXTURE, "sinh_hoat_HU-A_2020.csv"), "utf8") + "HU-A.001.01,2020-03-06,thuong_ky,20,2,17,1,0,90,2,0,truc_tiep,1,kha,,,\n");
    const r = await ingestFile(ctx.wh, fixed, {archiveDir: join(ctx.dir, "archive")});
    expect(r.status).toBe("accepted");
    const counts = await rows<{committee_code: string; y: number; n: number}>(
      ctx.wh.conn,
      "SELECT committee_code, year(ngay)::INTEGER AS y, count(*)::INTEGER AS n FROM raw_meetings GROUP BY ALL ORDER BY ALL"
    );
    expect(counts).toEqual([
      {committee_code: "HU-A", y: 2020, n: 27},
      {committee_code: "HU-A", y: 2021, n: 12},
      {committee_code: "HU-B", y: 2020, n: 15}
    ]);
    const ledger = await rows<{file_name: string; status: string}>(ctx.wh.conn, "SELECT file_name, status FROM submissions WHERE file_name = 'sinh_hoat_HU-A_2020.csv' ORDER BY submission_id");
    expect(ledger.map((l) => l.status)).toEqual(["superseded", "accepted"]);
  });

  it("rejects a file with errors whole, keeps what was loaded, and stores the located reasons", async () => {
    await loadAll();
    const before = await tableCounts();
    const dir = mkdtempSync(join(tmpdir(), "chibo-bad-"));
    const bad = join(dir, "sinh_hoat_HU-A_2020.csv");
    copyFileSync(join(FIXTURE, "sinh_hoat_HU-A_2020.csv"), bad);
    writeFileSync(bad, readFileSync(bad, "utf8") + "HU-A.009.99,2020-03-06,thuong_ky,20,2,17,1,0,90,2,0,truc_tiep,1,kha,,,\n");
    const r = await ingestFile(ctx.wh, bad, {archiveDir: join(ctx.dir, "archive")});
    expect(r.status).toBe("rejected");
    expect(r.problems).toEqual([expect.objectContaining({line: 28, column: "Mã chi bộ", value: "HU-A.009.99", code: "E_UNKNOWN_CELL"})]);
    expect(await tableCounts()).toEqual(before);
    const stored = await rows<{line: number; code: string}>(ctx.wh.conn, "SELECT line, code FROM rejected_rows WHERE submission_id = $1", [r.submissionId]);
    expect(stored).toEqual([{line: 28, code: "E_UNKNOWN_CELL"}]);
  });

  it("refuses a meeting of a merged cell after its end date", async () => {
    await loadAll();
    const dir = mkdtempSync(join(tmpdir(), "chibo-merged-"));
    const f = join(dir, "sinh_hoat_HU-A_2021.csv");
    writeFileSync(f, readFileSync(join(FIXTURE, "sinh_hoat_HU-A_2021.csv"), "utf8") + "HU-A.001.02,2021-02-07,thuong_ky,10,0,9,1,0,90,2,0,truc_tiep,1,kha,,,\n");
    const r = await ingestFile(ctx.wh, f, {archiveDir: join(ctx.dir, "archive")});
    expect(r.status).toBe("rejected");
    expect(r.problems.map((p) => p.code)).toEqual(["E_CELL_NOT_VALID"]);
  });
});

describe("files as clerks leave them, through npm run validate and npm run ingest", () => {
  const ROOT = join(import.meta.dirname, "..");
  const MESSY = join(ROOT, "test", "fixtures", "messy");
  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "loaders", script), ...args], {cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26});
  // file → status, then each problem as line:code and a piece of its Vietnamese message or column
  const CASES: [string, string, [string, string][]][] = [
    ["sinh_hoat_HU-A_mojibake.csv", "accepted", [["-:W_MOJIBAKE_REPAIRED", "khôi phục tự động"]]],
    ["sinh_hoat_HU-A_mojibake_lost.csv", "rejected", [["-:E_MOJIBAKE", "Dữ liệu → Từ văn bản/CSV"]]],
    ["sinh_hoat_HU-A_thousands.csv", "rejected", [["2:E_INT", "1,234 — có phải 1234?"], ["3:E_INT", "1.234 — có phải 1234?"]]],
    ["sinh_hoat_HU-A_numbers.xlsx", "rejected", [["3:E_INT", "1,234 — có phải 1234?"]]],
    ["sinh_hoat_HU-A_synonyms.csv", "accepted", []],
    ["sinh_hoat_HU-A_header_typo.csv", "rejected", [["1:E_MISSING_COLUMN", "Số đảng viên"], ["1:E_UNKNOWN_COLUMN", "có phải cột “Số đảng viên”?"]]],
    ["sinh_hoat_HU-A_total_row.csv", "accepted", [["5:W_TOTAL_ROW", "dòng 5 (“Tổng cộng”)"]]],
    ["sinh_hoat_HU-A_total_formulas.xlsx", "accepted", [["5:W_TOTAL_MISMATCH", "Có mặt (trang “Sổ sinh hoạt”, cột G)"], ["5:W_TOTAL_ROW", "Tổng cộng"]]],
    ["sinh_hoat_HU-A_hidden_columns.xlsx", "rejected", [["1:W_HIDDEN_COLUMN", "cột R (đang ẩn)"], ["3:E_INT", "Có mặt (trang “sinh_hoat”, cột F (đang ẩn))"]]],
    ["sinh_hoat_HU-A_merged.csv", "rejected", [["3:E_MERGED_CELLS", "gộp (merge)"], ["4:E_MERGED_CELLS", "dưới mã HU-A.001.01"]]],
    ["sinh_hoat_HU-A_quoted_multiline.csv", "rejected", [["5:E_ATTENDANCE_SUM", "Vắng không lý do"], ["5:E_PRESENT_GT_EXPECTED", "Có mặt"]]]
  ];
  type Out = {file: string; status: string; errors: {line: number | null; code: string; column: string | null; message_vi: string}[]};
  const check = (out: Out[]) => {
    for (const [file, status, problems] of CASES) {
      const r = out.find((o) => o.file === file)!;
      expect([file, r.status]).toEqual([file, status]);
      expect(r.errors.map((e) => `${e.line ?? "-"}:${e.code}`)).toEqual(problems.map(([at]) => at));
      problems.forEach(([, says], i) => expect(`${r.errors[i].column ?? ""} ${r.errors[i].message_vi}`).toContain(says));
    }
  };

  it("validate and ingest report the same codes and messages; ingest loads the accepted ones", () => {
    const db = join(ctx.dir, "clerks.duckdb");
    const files = CASES.map(([f]) => join(MESSY, f));
    const registry = run("cli.ts", ["--db", db, join(FIXTURE, "don_vi_TQ.csv"), join(FIXTURE, "don_vi_HU-A.csv")]);
    expect(registry.status).toBe(0);
    const validate = run("validate.ts", ["--db", db, "--json", ...files]);
    expect(validate.status).toBe(1);
    check(JSON.parse(validate.stdout));
    const ingest = run("cli.ts", ["--db", db, "--json", ...files]);
    expect(ingest.status).toBe(1);
    const out = JSON.parse(ingest.stdout) as (Out & {rows_loaded: number})[];
    check(out);
    expect(out.filter((o) => o.status === "accepted").map((o) => [o.file, o.rows_loaded]).sort()).toEqual([
      ["sinh_hoat_HU-A_mojibake.csv", 2],
      ["sinh_hoat_HU-A_synonyms.csv", 2],
      ["sinh_hoat_HU-A_total_formulas.xlsx", 3],
      ["sinh_hoat_HU-A_total_row.csv", 3]
    ]);
  });
});
