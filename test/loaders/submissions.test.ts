// Submissions end to end: --partial, the ledger's statuses, identical re-ingests, the dry run, Excel workbooks,
// the templates, a 100 MB file, the command lines' exit codes and --json, and two ingests at once.
import {spawn, spawnSync} from "node:child_process";
import {appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestFile, ingestFiles} from "../../loaders/record/ingest.ts";
import {ingestPaths} from "../../loaders/ingest-paths.ts";
import {COLUMNS} from "../../loaders/format/schemas.ts";
import {templateCsv, templateXlsx} from "../../loaders/template.ts";
import {validatePaths} from "../../loaders/validate.ts";
import {openWarehouse, queryRows} from "../../loaders/record/warehouse.ts";
import {generate} from "../../scripts/bench-ingest.ts";
import {FIXTURE, rows, tempWarehouse} from "../helpers/warehouse.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const MESSY = join(ROOT, "test", "fixtures", "messy");
const TODAY = "2021-12-31";
type Ctx = Awaited<ReturnType<typeof tempWarehouse>>;

async function withRegistry(): Promise<Ctx> {
  const ctx = await tempWarehouse();
  for (const f of ["don_vi_TQ.csv", "don_vi_HU-A.csv", "don_vi_HU-B.csv"]) await ingestFile(ctx.wh, join(FIXTURE, f), {archiveDir: join(ctx.dir, "archive")});
  return ctx;
}

const ASCII_HEADER = "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat,vang_co_ly_do,vang_khong_ly_do,thoi_luong,so_phat_bieu,cap_tren_du,hinh_thuc,dung_ngay,xep_loai,diem,chu_de,ghi_chu";
const row = (m: number, co = 26) => `HU-A.001.01,2021-${String(m).padStart(2, "0")}-05,thuong_ky,30,2,${co},${28 - co},0,90,3,0,truc_tiep,1,kha,80,,`;

function cli(script: string, args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "loaders", script), ...args], {cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26});
}

describe("submissions and the ledger", () => {
  let ctx: Ctx;
  const opts = () => ({today: TODAY, archiveDir: join(ctx.dir, "archive")});
  beforeAll(async () => {
    ctx = await withRegistry();
  });
  afterAll(() => ctx.dispose());

  it("--partial loads the valid rows, quarantines the rest with their reasons and marks the submission partial", async () => {
    const r = await ingestFile(ctx.wh, join(MESSY, "sinh_hoat_HU-A_rules.csv"), {...opts(), partial: true});
    expect([r.status, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.problemCount]).toEqual(["partial", 7, 1, 6, 8]);
    expect(await rows(ctx.wh.conn, "SELECT line FROM raw_meetings WHERE submission_id = $1", [r.submissionId])).toEqual([{line: 2}]);
    const [ledger] = await rows(ctx.wh.conn, "SELECT status, rows_read, rows_loaded, rows_rejected, years FROM submissions WHERE submission_id = $1", [r.submissionId]);
    expect(ledger).toEqual({status: "partial", rows_read: 7, rows_loaded: 1, rows_rejected: 6, years: [2021]});
    const stored = await rows<{line: number; code: string; severity: string}>(ctx.wh.conn, "SELECT line, code, severity FROM rejected_rows WHERE submission_id = $1 ORDER BY line, code", [r.submissionId]);
    expect(stored.map((s) => `${s.line}:${s.code}:${s.severity}`)).toEqual([
      "3:E_EXCUSED_GT_MEMBERS:error",
      "3:E_PRESENT_GT_EXPECTED:error",
      "3:E_SPEAKERS_GT_PRESENT:error",
      "4:E_PRESENT_GT_EXPECTED:error",
      "5:E_ATTENDANCE_SUM:error",
      "6:E_SPEAKERS_GT_PRESENT:error",
      "7:E_SCORE_RANGE:error",
      "8:E_SCORE_BAND:error"
    ]);
  });

  it("a file-level error rejects the file even with --partial", async () => {
    const r = await ingestFile(ctx.wh, join(MESSY, "sinh_hoat_HU-A_mixed_committees.csv"), {...opts(), partial: true});
    expect([r.status, r.rowsLoaded]).toEqual(["rejected", 0]);
  });

  it("statuses: accepted, superseded by a corrected file, duplicate when identical, rejected; the warehouse changes only on acceptance", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chibo-ledger-"));
    const f = join(dir, "sinh_hoat_HU-A_2021.csv");
    writeFileSync(f, [ASCII_HEADER, row(1), row(2)].join("\n") + "\n");
    const a = await ingestFile(ctx.wh, f, opts());
    const snapshot = () => rows(ctx.wh.conn, "SELECT * EXCLUDE (submission_id) FROM raw_meetings ORDER BY ALL");
    const before = await snapshot();
    const dup = await ingestFile(ctx.wh, f, opts());
    expect(await snapshot()).toEqual(before);
    writeFileSync(f, [ASCII_HEADER, row(1), row(2), row(3)].join("\n") + "\n");
    const b = await ingestFile(ctx.wh, f, opts());
    writeFileSync(f, [ASCII_HEADER, row(1), row(2, 40)].join("\n") + "\n");
    const c = await ingestFile(ctx.wh, f, opts());
    expect([a.status, dup.status, b.status, c.status]).toEqual(["accepted", "duplicate", "accepted", "rejected"]);
    expect(dup.message).toContain(`#${a.submissionId}`);
    const ledger = await rows<{submission_id: number; status: string}>(
      ctx.wh.conn,
      `SELECT submission_id, status FROM submissions WHERE submission_id IN (${[a, dup, b, c].map((x) => x.submissionId).join(",")}) ORDER BY submission_id`
    );
    expect(ledger.map((l) => l.status)).toEqual(["superseded", "duplicate", "accepted", "rejected"]);
    // the rejected file left the accepted rows alone
    expect(await rows(ctx.wh.conn, "SELECT count(*)::INTEGER AS n FROM raw_meetings WHERE submission_id = $1", [b.submissionId])).toEqual([{n: 3}]);
    // every version is archived under its hash
    for (const r of [a, b, c]) expect(existsSync(join(ctx.dir, "archive", r.sha256))).toBe(true);
    rmSync(dir, {recursive: true, force: true});
  });

  it("files of one kind share a chunk but keep their own outcome; a file touching an earlier one's committee-year waits for it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chibo-chunk-"));
    const files = [
      ["sinh_hoat_HU-A_2019.csv", [ASCII_HEADER, row(1).replaceAll("2021-", "2019-")]],
      ["sinh_hoat_HU-A_2019_b.csv", [ASCII_HEADER, row(1).replaceAll("2021-", "2019-"), row(2).replaceAll("2021-", "2019-")]],
      ["sinh_hoat_HU-A_2018.csv", [ASCII_HEADER, row(1, 40).replaceAll("2021-", "2018-")]]
    ] as const;
    for (const [name, lines] of files) writeFileSync(join(dir, name), lines.join("\n") + "\n");
    const results = await ingestFiles(
      ctx.wh,
      files.map(([name]) => ({path: join(dir, name)})),
      opts()
    );
    // 2019_b touches 2019 of HU-A like the first file: it (and what follows it) goes to the next chunk
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ["sinh_hoat_HU-A_2019.csv", "accepted"],
      ["sinh_hoat_HU-A_2019_b.csv", "accepted"],
      ["sinh_hoat_HU-A_2018.csv", "rejected"]
    ]);
    // the second 2019 file replaced the first
    expect(await rows(ctx.wh.conn, "SELECT count(*)::INTEGER AS n FROM raw_meetings WHERE committee_code = 'HU-A' AND year(ngay) = 2019")).toEqual([{n: 2}]);
    rmSync(dir, {recursive: true, force: true});
  });

  it("received dates come from the folder's ngay_nhan.csv", async () => {
    const db = join(ctx.dir, "receipts.duckdb");
    await ingestPaths([FIXTURE], {db});
    const wh = await openWarehouse(db, {readOnly: true});
    expect(await queryRows(wh.conn, "SELECT file_name, strftime(received_at, '%Y-%m-%d') AS d FROM submissions WHERE file_name LIKE 'sinh_hoat%' ORDER BY 1")).toEqual([
      {file_name: "sinh_hoat_HU-A_2020.csv", d: "2021-01-10"},
      {file_name: "sinh_hoat_HU-A_2021.csv", d: "2022-01-12"},
      {file_name: "sinh_hoat_HU-B_2020.csv", d: "2021-03-02"}
    ]);
    wh.close();
  });
});

describe("validate: the same checks, nothing written", () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-validate-"));
    db = join(dir, "warehouse.duckdb");
    await ingestPaths([join(FIXTURE, "don_vi_TQ.csv"), join(FIXTURE, "don_vi_HU-A.csv"), join(FIXTURE, "don_vi_HU-B.csv")], {db});
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("reports what ingest would do, using the warehouse's registry read-only, and leaves the warehouse as it was", async () => {
    const before = statSync(db).mtimeMs;
    const {results, registry} = await validatePaths([join(MESSY, "sinh_hoat_HU-A_registry.csv"), join(MESSY, "sinh_hoat_HU-A_tab.tsv")], {db});
    expect(registry).toBe(true);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ["sinh_hoat_HU-A_registry.csv", "rejected"],
      ["sinh_hoat_HU-A_tab.tsv", "accepted"]
    ]);
    // validate dates the submission today (not 31/12/2021): the 2022 meeting is not in the future any more
    expect(results[0].problems.map((p) => p.code)).toEqual(["E_UNKNOWN_CELL", "E_CELL_NOT_VALID", "E_DUPLICATE_MEETING"]);
    expect(statSync(db).mtimeMs).toBe(before);
    const wh = await openWarehouse(db, {readOnly: true});
    expect(await queryRows(wh.conn, "SELECT count(*)::INTEGER AS n FROM submissions")).toEqual([{n: 3}]);
    wh.close();
    expect(existsSync(join(dir, "archive")) && readdirSync(join(dir, "archive")).length).toBe(3);
  });

  it("registries given with the files count for the files after them", async () => {
    const {results} = await validatePaths([join(FIXTURE, "sinh_hoat_HU-B_2020.csv"), join(FIXTURE, "don_vi_HU-B.csv"), join(FIXTURE, "don_vi_TQ.csv")], {db: join(dir, "none.duckdb")});
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ["don_vi_TQ.csv", "accepted"],
      ["don_vi_HU-B.csv", "accepted"],
      ["sinh_hoat_HU-B_2020.csv", "accepted"]
    ]);
  });

  it("npm run validate: exit 1 when a file would be rejected, 0 when all would load, 2 on usage errors", () => {
    const bad = cli("validate.ts", ["--db", db, join(MESSY, "sinh_hoat_HU-A_values.csv")]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("SẼ BỊ TỪ CHỐI / would be rejected");
    expect(bad.stdout).toContain("sinh_hoat_HU-A_values.csv:2 [Số đảng viên] \"30.5\" E_INT");
    const good = cli("validate.ts", ["--db", db, "--json", join(MESSY, "sinh_hoat_HU-A_tab.tsv")]);
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)[0]).toMatchObject({file: "sinh_hoat_HU-A_tab.tsv", status: "accepted", rows_read: 3, rows_loaded: 3, errors: []});
    expect(cli("validate.ts", []).status).toBe(2);
  });
});

describe("Excel workbooks and the templates", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await withRegistry();
  });
  afterAll(() => ctx.dispose());

  const meetingRows = (): (string | number | boolean | Date | null)[][] => [
    ["HU-A.001.01", new Date(Date.UTC(2021, 0, 5)), "Thường kỳ", 30, 2, 26, 2, 0, 90, 3, false, "Trực tiếp", true, "Khá", 80, "Sinh hoạt thường kỳ", null],
    ["HU-A.001.01", 44232, "Chuyên đề", 30, 2, 26, 2, 0, 90, 3, "không", "Trực tuyến", "có", "Tốt", 92.5, null, null],
    ["HU-A.002", "05/03/2021", "Kết hợp", 8, 1, 7, 0, 0, 120, 2, "", "", "", "", null, "Chủ đề\ncó hai dòng", null]
  ];
  const LABELS = COLUMNS.sinh_hoat.map((c) => c.label);

  it("reads the first sheet, with title rows, real dates, Excel serial dates, numbers and booleans; lines are Excel row numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sổ 2021");
    ws.addRow(["ĐẢNG BỘ HUYỆN AN HÒA"]);
    ws.addRow([]);
    ws.addRow(LABELS);
    for (const r of meetingRows()) ws.addRow(r);
    const f = join(ctx.dir, "sinh_hoat_HU-A_2021.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await ingestFile(ctx.wh, f, {today: TODAY, archiveDir: join(ctx.dir, "archive")});
    expect([r.status, r.rowsLoaded, r.problems]).toEqual(["accepted", 3, []]);
    expect(
      await rows(ctx.wh.conn, "SELECT line, ngay, loai, cap_tren_du, hinh_thuc, diem, xep_loai, chu_de FROM raw_meetings WHERE submission_id = $1 ORDER BY line", [r.submissionId])
    ).toEqual([
      {line: 4, ngay: "2021-01-05", loai: "thuong_ky", cap_tren_du: false, hinh_thuc: "truc_tiep", diem: 80, xep_loai: "kha", chu_de: "Sinh hoạt thường kỳ"},
      {line: 5, ngay: "2021-02-05", loai: "chuyen_de", cap_tren_du: false, hinh_thuc: "truc_tuyen", diem: 92.5, xep_loai: "tot", chu_de: null},
      {line: 6, ngay: "2021-03-05", loai: "ket_hop", cap_tren_du: null, hinh_thuc: null, diem: null, xep_loai: null, chu_de: "Chủ đề\ncó hai dòng"}
    ]);
  });

  it("takes the sheet named after the kind when there are several", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Hướng dẫn").addRow(["Điền vào trang sinh_hoat"]);
    const ws = wb.addWorksheet("sinh_hoat");
    ws.addRow(LABELS);
    ws.addRow(meetingRows()[0]);
    const f = join(ctx.dir, "so_2021.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await ingestFile(ctx.wh, f, {today: TODAY, archiveDir: join(ctx.dir, "archive")});
    expect([r.status, r.kind, r.rowsLoaded]).toEqual(["accepted", "sinh_hoat", 1]);
  });

  it("the .xlsx template: a sheet to fill, a guide sheet; filled in, it loads", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateXlsx("sinh_hoat")) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["sinh_hoat", "Hướng dẫn"]);
    const guide = wb.getWorksheet("Hướng dẫn")!;
    expect(guide.getRow(2).values).toContain("Mã chi bộ");
    expect(String(guide.getRow(4).getCell(5).value)).toContain("Thường kỳ (thuong_ky)");
    const ws = wb.getWorksheet("sinh_hoat")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(LABELS);
    ws.addRow(meetingRows()[0]);
    const f = join(ctx.dir, "sinh_hoat_HU-A_tpl.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await ingestFile(ctx.wh, f, {today: TODAY, archiveDir: join(ctx.dir, "archive")});
    expect([r.status, r.rowsLoaded]).toEqual(["accepted", 1]);
  });

  it("the .csv template: the guide above the header; filled in, it loads", async () => {
    for (const kind of ["don_vi", "sinh_hoat", "danh_gia"] as const) expect(templateCsv(kind)).toContain("\r\n");
    const text = templateCsv("danh_gia");
    expect(text.startsWith("\uFEFFMẪU ĐÁNH GIÁ, XẾP LOẠI HẰNG NĂM")).toBe(true);
    expect(text).toContain("Hoàn thành xuất sắc nhiệm vụ (htxs)");
    expect(text).toContain("Trong sạch vững mạnh");
    const f = join(ctx.dir, "danh_gia_HU-A_2021.csv");
    writeFileSync(f, text + "HU-A.001.01;2021;Hoàn thành tốt nhiệm vụ;20;2;15;3;0;có\r\n");
    const r = await ingestFile(ctx.wh, f, {today: TODAY, archiveDir: join(ctx.dir, "archive")});
    expect([r.status, r.rowsLoaded]).toEqual(["accepted", 1]);
  });

  it("npm run template writes both forms", () => {
    const out = join(ctx.dir, "t.xlsx");
    const x = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "loaders", "template.ts"), "don_vi", "--xlsx", "--out", out], {cwd: ROOT, encoding: "utf8"});
    expect(x.status, x.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
    const bad = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "loaders", "template.ts"), "khong_co"], {cwd: ROOT, encoding: "utf8"});
    expect(bad.status).toBe(2);
  });
});

describe("a 100 MB meeting log", () => {
  let dir: string;
  let ctx: Ctx;
  let file: string;
  let lines: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-100mb-"));
    const g = generate(dir, 1_080_000);
    file = g.meetings;
    // a quoted line break near the start (the line numbers after it shift) and a wrong row at the very end
    const text = readFileSync(file, "utf8");
    const cut = text.indexOf("\n", 2000) + 1;
    const [firstRow] = text.slice(cut).split("\n");
    const cells = firstRow.split(",");
    cells[15] = '"Chủ đề\nhai dòng"';
    cells[1] = "2016-01-31"; // same cell, another date: no duplicate
    writeFileSync(file, text.slice(0, cut) + cells.join(",") + "\n" + text.slice(cut));
    const last = cells.slice();
    last[1] = "2016-01-30";
    last[5] = "999";
    last[15] = "";
    appendFileSync(file, last.join(",") + "\n");
    lines = readFileSync(file, "utf8").split("\n").length - 1;
    ctx = await tempWarehouse();
    for (const r of g.registries) expect((await ingestFile(ctx.wh, r, {archiveDir: join(ctx.dir, "archive")})).status).toBe("accepted");
  }, 120_000);
  afterAll(() => {
    ctx?.dispose();
    rmSync(dir, {recursive: true, force: true});
  });

  it("is read by DuckDB directly; the bad last row is found at its exact line; --partial loads the rest", async () => {
    expect(statSync(file).size).toBeGreaterThan(100 * 2 ** 20);
    const t0 = performance.now();
    const r = await ingestFile(ctx.wh, file, {partial: true, today: "2023-01-01", archiveDir: join(ctx.dir, "archive")});
    const ms = performance.now() - t0;
    expect([r.readPath, r.status, r.rowsRead, r.rowsLoaded]).toEqual(["direct", "partial", 1_080_002, 1_080_001]);
    // rows as a spreadsheet numbers them: the quoted line break above keeps its cell on one row
    const row = lines - 1;
    expect(r.problems.map((p) => [p.line, p.code, p.value])).toEqual([
      [row, "E_ATTENDANCE_SUM", expect.any(String)],
      [row, "E_PRESENT_GT_EXPECTED", "999"]
    ]);
    // stored rows: the row with the quoted line break, the row after it, the last good row
    const got = await rows<{line: number; chu_de: string | null}>(ctx.wh.conn, "SELECT line, chu_de FROM raw_meetings WHERE line IN (SELECT line FROM raw_meetings ORDER BY line LIMIT 40) ORDER BY line");
    const q = got.findIndex((g) => g.chu_de === "Chủ đề\nhai dòng");
    expect(got[q + 1].line).toBe(got[q].line + 1);
    const [{max}] = await rows<{max: number}>(ctx.wh.conn, "SELECT max(line) AS max FROM raw_meetings");
    expect(max).toBe(row - 1);
    console.log(`100 MB file (${r.rowsRead} rows): ${Math.round(ms)} ms`);
  }, 300_000);
});

describe("large canonical files: the fast plan, and the exact one at the first surprise", () => {
  let dir: string;
  let ctx: Ctx;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-fast-"));
    const g = generate(dir, 30_000); // about 3 MB: read directly
    base = g.meetings;
    ctx = await tempWarehouse();
    for (const r of g.registries) await ingestFile(ctx.wh, r, {archiveDir: join(ctx.dir, "archive")});
  }, 120_000);
  afterAll(() => {
    ctx?.dispose();
    rmSync(dir, {recursive: true, force: true});
  });
  const variant = (name: string, lastRow: (cells: string[]) => void) => {
    const text = readFileSync(base, "utf8");
    const lines = text.trimEnd().split("\n");
    const cells = lines[lines.length - 1].split(",");
    lastRow(cells);
    lines[lines.length - 1] = cells.join(",");
    const f = join(dir, name);
    writeFileSync(f, lines.join("\n") + "\n");
    return {file: f, line: lines.length};
  };
  const ingest = (f: string) => ingestFile(ctx.wh, f, {today: "2023-01-01", archiveDir: join(ctx.dir, "archive")});

  it("a clean file is loaded by the fast plan", async () => {
    const r = await ingest(base);
    expect([r.status, r.readPath, r.fastPath, r.rowsLoaded]).toEqual(["accepted", "direct", true, 30_000]);
  });

  it("a list label below the first rows: the exact plan maps it", async () => {
    const {file} = variant("sinh_hoat_HU-BENCH_label.csv", (c) => (c[2] = "Thường kỳ"));
    const r = await ingest(file);
    expect([r.status, r.fastPath]).toEqual(["accepted", false]);
    expect(await rows(ctx.wh.conn, "SELECT count_if(loai NOT IN ('thuong_ky', 'chuyen_de', 'ket_hop'))::INTEGER AS n FROM raw_meetings WHERE submission_id = $1", [r.submissionId])).toEqual([{n: 0}]);
  });

  it("a fraction in a whole-number column below the first rows: refused as the exact plan refuses it", async () => {
    const {file, line} = variant("sinh_hoat_HU-BENCH_fraction.csv", (c) => (c[3] = "30.5"));
    const r = await ingest(file);
    expect([r.status, r.fastPath, r.problems.map((p) => [p.line, p.code, p.value])]).toEqual(["rejected", false, [[line, "E_INT", "30.5"]]]);
  });

  it("a date in another form below the first rows: the exact plan reads it", async () => {
    const {file} = variant("sinh_hoat_HU-BENCH_date.csv", (c) => (c[1] = c[1].split("-").reverse().join("/")));
    const r = await ingest(file);
    expect([r.status, r.fastPath]).toEqual(["accepted", false]);
  });
});

describe("the command line", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "chibo-cli-"));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("npm run ingest: exit 0 and a --json summary when every file is accepted, 1 when one is rejected, 2 on usage errors", () => {
    const db = join(dir, "cli.duckdb");
    const ok = cli("cli.ts", ["--db", db, "--json", FIXTURE]);
    expect(ok.status, ok.stderr).toBe(0);
    const json = JSON.parse(ok.stdout);
    expect(json.map((j: {status: string}) => j.status)).toEqual(Array(6).fill("accepted"));
    expect(json[0]).toMatchObject({file: "don_vi_TQ.csv", kind: "don_vi", committee: "TQ", rows_read: 3, rows_loaded: 3, rows_rejected: 0, problem_count: 0, errors: []});
    const bad = cli("cli.ts", ["--db", db, join(MESSY, "sinh_hoat_HU-A_values.csv")]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("BỊ TỪ CHỐI (rejected)");
    expect(bad.stdout).toMatch(/sinh_hoat_HU-A_values\.csv:9 \[Điểm\] "tám mươi" E_NUMBER: Phải là số \/ must be a number/);
    expect(cli("cli.ts", ["--db", db]).status).toBe(2);
    expect(cli("cli.ts", ["--db", db, "--bogus", FIXTURE]).status).toBe(2);
    expect(cli("cli.ts", ["--db", db, join(dir, "missing.csv")]).status).toBe(2);
  });

  it("two ingests at once: the second is told the warehouse is busy (exit 3); nothing is corrupted", async () => {
    const db = join(dir, "busy.duckdb");
    const holder = await openWarehouse(db);
    const busy = cli("cli.ts", ["--db", db, FIXTURE]);
    holder.close();
    expect(busy.status).toBe(3);
    expect(busy.stderr).toContain("is busy");
    expect(busy.stderr).toContain("đang được một tiến trình khác sử dụng");

    // two real processes racing on the same warehouse
    const run = () =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, ["--import", "tsx", join(ROOT, "loaders", "cli.ts"), "--db", db, FIXTURE], {cwd: ROOT, stdio: "ignore"});
        p.on("exit", (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([run(), run()]);
    expect(codes.every((c) => c === 0 || c === 3)).toBe(true);
    expect(codes).toContain(0);
    const copy = join(dir, "busy-copy.duckdb");
    copyFileSync(db, copy);
    const wh = await openWarehouse(copy, {readOnly: true});
    expect(await queryRows(wh.conn, "SELECT count(*)::INTEGER AS n FROM raw_meetings")).toEqual([{n: 53}]);
    expect(await queryRows(wh.conn, "SELECT count(*)::INTEGER AS n FROM submissions WHERE status = 'accepted'")).toEqual([{n: 6}]);
    wh.close();
  }, 120_000);
});
