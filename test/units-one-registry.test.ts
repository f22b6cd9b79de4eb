// A province that keeps its whole registry in one file (every level, province to cells) gets the same figures as
// one whose committees each send theirs: a unit's committee comes from the hierarchy, not from the file that
// brought it — in the pipeline and in the loader, which records each committee's meeting log against the committee
// of its units (so the logs of one year never supersede each other). The fixture is loaded both ways and every row
// of indicator_values compared. Every 2020 log is received the same day in both variants.
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {ingestFile} from "../loaders/record/ingest.ts";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "pipeline");
const HEADER = "ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao";
// don_vi_HU-B.csv is written the way a clerk's spreadsheet exports it: the same row in the plain format
const HU_B = "HU-B.001,Chi bộ Ban Chỉ huy Quân sự,chi_bo_co_so,HU-B,luc_luong_vu_trang,2010-01-01,,";

let dir: string;
const whs: Record<"perCommittee" | "oneFile", Warehouse> = {} as never;

async function build(name: keyof typeof whs, input: string): Promise<void> {
  const db = join(dir, `${name}.duckdb`);
  const results = await ingestPaths([input], {db});
  expect(results.filter((r) => r.status !== "accepted").map((r) => [r.file, r.problems])).toEqual([]);
  whs[name] = await openWarehouse(db);
  await runPipeline(whs[name].conn, {countRows: false});
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-one-registry-"));
  const per = join(dir, "per-committee");
  cpSync(FIXTURE, per, {recursive: true});
  rmSync(join(per, "README.md"));
  const one = join(dir, "one-file");
  cpSync(per, one, {recursive: true});
  // the province's file first, then each committee's rows, in one file named for the province
  const registryRows = ["don_vi_TQ.csv", "don_vi_HU-A.csv", "don_vi_HU-C.csv"].flatMap((f) =>
    readFileSync(join(FIXTURE, f), "utf8").trim().split("\n").slice(1)
  );
  for (const f of readdirSync(one)) if (f.startsWith("don_vi_")) rmSync(join(one, f));
  writeFileSync(join(one, "don_vi_TQ.csv"), [HEADER, ...registryRows, HU_B].join("\n") + "\n");
  // every 2020 log received on 10/01/2021 (the HU-A log's day) in both variants
  const receipts = readFileSync(join(per, "ngay_nhan.csv"), "utf8").replace(/^(sinh_hoat_HU-[BC]_2020\.csv),.*$/gm, "$1,2021-01-10");
  writeFileSync(join(per, "ngay_nhan.csv"), receipts);
  writeFileSync(join(one, "ngay_nhan.csv"), receipts);
  await build("perCommittee", per);
  await build("oneFile", one);
}, 120_000);
afterAll(() => {
  for (const wh of Object.values(whs)) wh?.close();
  rmSync(dir, {recursive: true, force: true});
});

const all = (wh: Warehouse, sql: string) => queryRows<Record<string, unknown>>(wh.conn, sql);

describe("one province-wide registry file vs one registry file per committee", () => {
  it("each unit's committee is its committee in the hierarchy, whichever file listed it", async () => {
    const sql = "SELECT unit_code, reporting_committee_code FROM dim_units ORDER BY unit_code";
    const one = await all(whs.oneFile, sql);
    expect(one).toEqual(await all(whs.perCommittee, sql));
    expect(one.find((u) => u.unit_code === "HU-A.001.01")?.reporting_committee_code).toBe("HU-A");
    expect(one.find((u) => u.unit_code === "HU-B.001")?.reporting_committee_code).toBe("HU-B");
  });

  it("the registry is recorded against the province, each committee's log against its committee (none supersedes another)", async () => {
    const files = await all(whs.oneFile, "SELECT file_name, committee_code, status FROM submissions WHERE kind <> 'danh_gia' ORDER BY file_name");
    expect(files).toEqual([
      {file_name: "don_vi_TQ.csv", committee_code: "TQ", status: "accepted"},
      {file_name: "sinh_hoat_HU-A_2020.csv", committee_code: "HU-A", status: "accepted"},
      {file_name: "sinh_hoat_HU-A_2021.csv", committee_code: "HU-A", status: "accepted"},
      {file_name: "sinh_hoat_HU-B_2020.csv", committee_code: "HU-B", status: "accepted"},
      {file_name: "sinh_hoat_HU-C_2020.csv", committee_code: "HU-C", status: "accepted"}
    ]);
  });

  it("the committees' meeting logs count as their own reports, not the province's", async () => {
    const sql = "SELECT committee_code, year, expected, reported, on_time FROM reporting_status ORDER BY ALL";
    const one = await all(whs.oneFile, sql);
    expect(one).toEqual(await all(whs.perCommittee, sql));
    expect(one.filter((r) => r.reported).map((r) => `${r.committee_code} ${r.year}`)).toEqual(["HU-A 2020", "HU-A 2021", "HU-B 2020", "HU-C 2020"]);
  });

  it("identical indicator_values, row for row", async () => {
    const sql = "SELECT * FROM indicator_values ORDER BY ALL";
    const one = await all(whs.oneFile, sql);
    const per = await all(whs.perCommittee, sql);
    expect(per.length).toBeGreaterThan(100);
    expect(one.length).toBe(per.length);
    for (let i = 0; i < per.length; i++) expect(one[i]).toEqual(per[i]);
  });

  it("a corrected committee log rebuilds that committee's year: the incremental run equals a full one", async () => {
    // the correction drops HU-B.001's meeting of 03/04/2020
    const corrected = join(dir, "correction");
    mkdirSync(corrected);
    const sent = readFileSync(join(dir, "one-file", "sinh_hoat_HU-B_2020.csv"), "utf8").split("\n");
    const log = sent.filter((l) => !l.startsWith("HU-B.001;03/04/2020;"));
    expect(sent.length - log.length).toBe(1);
    writeFileSync(join(corrected, "sinh_hoat_HU-B_2020.csv"), log.join("\n"));
    const r = await ingestFile(whs.oneFile, join(corrected, "sinh_hoat_HU-B_2020.csv"), {receivedAt: "2021-01-10"});
    expect(r.status).toBe("accepted");
    const run = await runPipeline(whs.oneFile.conn, {countRows: false});
    expect(run.mode).toBe("incremental");
    expect(run.partitions).toContainEqual({committee_code: "HU-B", year: 2020});
    const hub = "SELECT numerator, denominator FROM indicator_values WHERE unit_code = 'HU-B.001' AND indicator = 'regular_meeting_rate' AND period = '2020'";
    expect(await all(whs.oneFile, hub)).toEqual([{numerator: 11, denominator: 12}]);
    const sql = "SELECT * FROM indicator_values ORDER BY ALL";
    const incremental = await all(whs.oneFile, sql);
    await runPipeline(whs.oneFile.conn, {countRows: false, force: true});
    expect(incremental).toEqual(await all(whs.oneFile, sql));
  });
});
