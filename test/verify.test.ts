// npm run verify: the warehouse against its archive — intact, tampered, orphaned, stale.
import {appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {ingestFile} from "../loaders/record/ingest.ts";
import {expandPaths, loadOrder, readReceipts} from "../loaders/ingest-paths.ts";
import {openWarehouse} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {verifyWarehouse} from "../scripts/verify.ts";
import {cachedWarehouse, FIXTURE} from "./helpers/warehouse.ts";

let dir: string;
let db: string;
let archive: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-verify-"));
  db = join(dir, "warehouse.duckdb");
  archive = join(dir, "archive");
  // built once for every test and copied here with its archive (test/helpers/warehouse.ts)
  await cachedWarehouse("verify", ["test/fixtures/mini", "test/verify.test.ts"], db, async (built) => {
    const wh = await openWarehouse(built);
    try {
      // received on the dates of the fixture's ngay_nhan.csv (HU-A's 2021 log on 12/01/2022: on time)
      const receipts = readReceipts(FIXTURE);
      for (const f of loadOrder(expandPaths([FIXTURE]))) await ingestFile(wh, f, {archiveDir: join(dirname(built), "archive"), receivedAt: receipts.get(basename(f))?.receivedAt});
      await runPipeline(wh.conn);
    } finally {
      wh.close();
    }
  });
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

const failing = (r: Awaited<ReturnType<typeof verifyWarehouse>>) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe("verify", () => {
  it("passes on an intact warehouse: archive present, no orphans, reload reproduces every indicator", async () => {
    const report = await verifyWarehouse(db, {archiveDir: archive});
    expect(failing(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks[2].detail[0]).toMatch(/^6 tệp nạp lại, [\d.]+ giá trị chỉ tiêu trùng khớp/);
  });

  it("a correction sent after the deadline: the reload replays every file in order and reproduces the on-time year", async () => {
    const correction = join(dir, "correction");
    mkdirSync(correction);
    const file = join(correction, "sinh_hoat_HU-A_2021.csv");
    writeFileSync(file, readFileSync(join(FIXTURE, "sinh_hoat_HU-A_2021.csv"), "utf8").replace("2021-01-05,ket_hop,30,2,26,2,0", "2021-01-05,ket_hop,30,2,27,1,0"));
    const wh = await openWarehouse(db);
    const r = await ingestFile(wh, file, {archiveDir: archive, receivedAt: "2022-06-01T09:00:00"});
    expect(r.status).toBe("accepted");
    await runPipeline(wh.conn);
    const [timely] = (await wh.conn.runAndReadAll("SELECT value FROM indicator_values WHERE unit_code = 'HU-A' AND indicator = 'reporting_timeliness' AND period_type = 'year' AND period = '2021'")).getRowObjects();
    wh.close();
    expect(Number(timely?.value)).toBe(1); // the first log arrived on 12/01/2022: on time
    const report = await verifyWarehouse(db, {archiveDir: archive});
    expect(failing(report)).toEqual([]);
    expect(report.checks[2].detail[0]).toMatch(/^7 tệp nạp lại/);
  });

  it("reports an archived file that was altered", async () => {
    appendFileSync(join(archive, readdirSync(archive)[0]), "x");
    const report = await verifyWarehouse(db, {archiveDir: archive});
    expect(report.ok).toBe(false);
    expect(failing(report)[0]).toMatch(/archive matches the ledger/);
  });

  it("reports rows that belong to no submission, and marts not rebuilt after new data", async () => {
    const wh = await openWarehouse(db);
    await wh.conn.run("INSERT INTO raw_meetings (submission_id, committee_code, line, ma_chi_bo, ngay, loai, dang_vien, mien, co_mat) VALUES (999, 'HU-A', 2, 'HU-A.002', DATE '2021-03-03', 'thuong_ky', 8, 1, 7)");
    wh.close();
    const report = await verifyWarehouse(db, {archiveDir: archive});
    expect(failing(report)).toEqual(["Không có dòng mồ côi / no orphan rows"]);

    const wh2 = await openWarehouse(db);
    await wh2.conn.run("DELETE FROM raw_meetings WHERE submission_id = 999");
    await wh2.conn.run("UPDATE indicator_values SET numerator = numerator - 1 WHERE unit_code = 'TQ' AND period_type = 'year' AND period = '2020' AND indicator = 'attendance_rate'");
    wh2.close();
    const stale = await verifyWarehouse(db, {archiveDir: archive});
    expect(failing(stale)).toEqual(["Nạp lại từ lưu trữ tái tạo đúng chỉ tiêu / reloading the archive reproduces the indicators"]);
    expect(stale.checks[2].detail[0]).toMatch(/^1 giá trị chỉ tiêu trong kho không tái tạo được và 1 giá trị mới/);
  });
});
