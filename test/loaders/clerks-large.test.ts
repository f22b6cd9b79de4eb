// Files as clerks leave them, at a size read in streamed pieces or by DuckDB directly: a mangled UTF-8 file is
// repaired piece by piece, a total row at the bottom of a file DuckDB would read directly is still left out and
// checked, and a workbook whose cells were mangled before it was saved is repaired cell by cell.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestFile} from "../../loaders/record/ingest.ts";
import {detectMojibake, repairMojibake} from "../../loaders/read/mojibake.ts";
import {parseSubmissionAsync} from "../../loaders/check/parse-submission.ts";
import {generate} from "../../scripts/bench-ingest.ts";
import {toMojibake, toTcvn3} from "../fixtures/messy/legacy-encodings.ts";
import {FIXTURE, rows, tempWarehouse} from "../helpers/warehouse.ts";

type Ctx = Awaited<ReturnType<typeof tempWarehouse>>;
const VI = "Đảng bộ học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; người đứng đầu gương mẫu";

describe("recognising mangled text", () => {
  it("repairs exactly what a Windows-1252 round trip did, and leaves right text, TCVN3 and Latin text alone", () => {
    const mangled = toMojibake(VI).toString("utf8");
    expect(mangled).toContain("Ä\u0090áº£ng");
    expect(detectMojibake(mangled)).toBe("repairable");
    expect(repairMojibake(mangled)).toBe(VI);
    expect(detectMojibake(toMojibake(VI, true).toString("utf8"))).toBe("broken");
    expect(detectMojibake(VI)).toBeNull();
    expect(detectMojibake(toTcvn3("Đảng bộ xã An Bình, chi bộ thôn Đồng Tâm").toString("latin1"))).toBeNull();
    expect(detectMojibake("Café, naïve, Ångström, Ærø")).toBeNull();
    // read as ISO-8859-1 instead: the bytes 0x80–0x9F became control characters, as losslessly
    const latin1 = Buffer.from(VI, "utf8").toString("latin1");
    expect(detectMojibake(latin1)).toBe("repairable");
    expect(repairMojibake(latin1)).toBe(VI);
  });
});

describe("at size", () => {
  let ctx: Ctx;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-clerks-"));
    ctx = await tempWarehouse();
    for (const f of ["don_vi_TQ.csv", "don_vi_HU-A.csv"]) expect((await ingestFile(ctx.wh, join(FIXTURE, f), {archiveDir: join(ctx.dir, "archive")})).status).toBe("accepted");
  });
  afterAll(() => {
    ctx.dispose();
    rmSync(dir, {recursive: true, force: true});
  });
  const opts = () => ({today: "2023-01-01", archiveDir: join(ctx.dir, "archive")});

  it("a mangled file larger than the head read whole is repaired as it is streamed, every row's text restored", async () => {
    const lines = ["Mã chi bộ,Ngày sinh hoạt,Loại sinh hoạt,Số đảng viên,Miễn sinh hoạt,Có mặt,Chủ đề"];
    const types = ["Thường kỳ", "Chuyên đề", "Kết hợp"];
    for (let d = 0; d < 2190; d++)
      for (const t of types) {
        const day = new Date(Date.UTC(2016, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
        lines.push(`HU-A.001.01,${day},${t},30,2,27,"${VI} ${d}"`);
      }
    const f = join(dir, "sinh_hoat_HU-A_2016-2021.csv");
    writeFileSync(f, toMojibake(lines.join("\n") + "\n"));
    expect(readFileSync(f).length).toBeGreaterThan(1 << 20); // more than the head the loader reads whole
    const r = await ingestFile(ctx.wh, f, opts());
    expect([r.status, r.rowsLoaded, r.problems.map((p) => p.code)]).toEqual(["accepted", 2190 * 3, ["W_MOJIBAKE_REPAIRED"]]);
    const got = await rows<{n: number; bad: number}>(ctx.wh.conn, `SELECT count(*)::INTEGER AS n, count_if(NOT starts_with(chu_de, $2))::INTEGER AS bad FROM raw_meetings WHERE submission_id = $1`, [r.submissionId, VI]);
    expect(got).toEqual([{n: 2190 * 3, bad: 0}]);
  }, 120_000);

  it("a total row under a file DuckDB would read directly is left out and its sums checked", async () => {
    const g = generate(join(dir, "bench"), 30_000);
    const reg = await tempWarehouse();
    try {
      for (const f of g.registries) await ingestFile(reg.wh, f, {archiveDir: join(reg.dir, "archive")});
      const text = readFileSync(g.meetings, "utf8");
      const header = text.slice(0, text.indexOf("\n")).split(",");
      const total: string[] = header.map((h) => (h === "ma_chi_bo" ? "Tổng cộng" : ""));
      total[header.indexOf("dang_vien")] = "1"; // wrong on purpose
      const f = join(dir, "sinh_hoat_HU-BENCH_total.csv");
      writeFileSync(f, text + total.join(",") + "\n");
      const lastRow = text.trimEnd().split("\n").length + 1;
      const r = await ingestFile(reg.wh, f, {today: "2023-01-01", archiveDir: join(reg.dir, "archive")});
      expect([r.status, r.rowsLoaded]).toEqual(["accepted", 30_000]);
      expect(r.problems.map((p) => [p.line, p.code, p.column])).toEqual([
        [lastRow, "W_TOTAL_MISMATCH", "Số đảng viên"],
        [lastRow, "W_TOTAL_ROW", null]
      ]);
      const [{sum}] = await rows<{sum: number}>(reg.wh.conn, "SELECT sum(dang_vien)::INTEGER AS sum FROM raw_meetings WHERE submission_id = $1", [r.submissionId]);
      expect(r.problems[0].vi).toContain(`tổng các dòng phía trên là ${sum}`);
    } finally {
      reg.dispose();
    }
  }, 120_000);

  it("a workbook whose cells were mangled before it was saved is repaired cell by cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("sinh_hoat");
    const m = (s: string) => toMojibake(s).toString("utf8");
    ws.addRow(["Mã chi bộ", "Ngày sinh hoạt", "Loại sinh hoạt", "Số đảng viên", "Miễn sinh hoạt", "Có mặt", "Chủ đề"].map(m));
    ws.addRow(["HU-A.001.01", "05/01/2021", m("Thường kỳ"), 30, 2, 27, m(VI)]);
    ws.addRow(["HU-A.001.01", "05/02/2021", m("Chuyên đề"), 30, 2, 27, m("Nghị quyết về công tác xây dựng Đảng")]);
    const parsed = await parseSubmissionAsync("sinh_hoat_HU-A_2021.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(parsed.problems.map((p) => p.code)).toEqual(["W_MOJIBAKE_REPAIRED"]);
    expect(parsed.rows.map((r) => [r.loai, r.chu_de])).toEqual([
      ["thuong_ky", VI],
      ["chuyen_de", "Nghị quyết về công tác xây dựng Đảng"]
    ]);
  });
});
