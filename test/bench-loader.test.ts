// The national benchmark's direct loader (scripts/bench-pipeline.ts): its figures are only worth something if
// the raw tables it fills are the ones the ingest would store, laid out in the order submissions arrive.
import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {loadRawDirect, resubmit} from "../scripts/bench-pipeline.ts";
import {generateSample, type SampleSummary} from "../scripts/sample/generate.ts";

let root: string;
let dir: string;
let summary: SampleSummary;
let wh: Warehouse;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "chibo-bench-loader-"));
  dir = join(root, "log");
  // two copies of each committee: the national shape, in miniature
  summary = await generateSample({outDir: dir, scale: 1, copies: 2});
  wh = await openWarehouse(join(root, "warehouse.duckdb"));
  await loadRawDirect(wh.conn, dir);
}, 120_000);
afterAll(() => {
  wh?.close();
  if (root) rmSync(root, {recursive: true, force: true});
});

const dataLines = (file: string) => readFileSync(join(dir, file), "utf8").split(/\r?\n/).filter(Boolean).length - 1;

describe("bench loader (read_csv direct)", () => {
  it("stores every generated row, one accepted submission per file with its row count", async () => {
    const [counts] = await queryRows<{meetings: number; cells: number; ratings: number}>(
      wh.conn,
      `SELECT (SELECT count(*) FROM raw_meetings)::INTEGER AS meetings,
              (SELECT count(*) FROM raw_units WHERE cap IN ('chi_bo', 'chi_bo_co_so'))::INTEGER AS cells,
              (SELECT count(*) FROM raw_ratings)::INTEGER AS ratings`
    );
    expect(counts).toEqual({meetings: summary.meetings, cells: summary.cells, ratings: summary.ratings});
    const files = readdirSync(dir).filter((f) => /^(don_vi|sinh_hoat|danh_gia)_.+\.csv$/.test(f));
    const ledger = await queryRows<{file_name: string; n: number; status: string; committee_code: string}>(
      wh.conn,
      "SELECT file_name, rows_read::INTEGER AS n, status, committee_code FROM submissions"
    );
    expect(ledger.map((r) => r.file_name).sort()).toEqual(files.sort());
    for (const r of ledger) {
      expect(r.status, r.file_name).toBe("accepted");
      expect(r.n, r.file_name).toBe(dataLines(r.file_name));
      expect(r.file_name, r.file_name).toContain(`_${r.committee_code}`);
    }
    // a batch holds many files: each row keeps the submission of its own file
    const [{wrong}] = await queryRows<{wrong: number}>(
      wh.conn,
      `SELECT count(*)::INTEGER AS wrong FROM raw_meetings m JOIN submissions s USING (submission_id)
       WHERE s.file_name <> 'sinh_hoat_' || m.committee_code || '_' || year(m.ngay) || '.csv' OR NOT starts_with(m.ma_chi_bo, m.committee_code || '.')`
    );
    expect(wrong).toBe(0);
  });

  it("lays the meetings out year by year, in the order the logs arrive", async () => {
    const years = await queryRows<{y: number; first: number; last: number}>(
      wh.conn,
      "SELECT year(ngay)::INTEGER AS y, min(rowid)::BIGINT AS first, max(rowid)::BIGINT AS last FROM raw_meetings GROUP BY 1 ORDER BY 1"
    );
    expect(years.map((r) => r.y)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022]);
    for (let i = 1; i < years.length; i++) expect(Number(years[i]!.first), `${years[i]!.y}`).toBeGreaterThan(Number(years[i - 1]!.last));
  });

  it("a corrected resubmission replaces the committee-year, and restoring it gives the generated figures back", async () => {
    const figures = `SELECT count(*)::INTEGER AS n, sum(co_mat)::INTEGER AS present FROM raw_meetings WHERE committee_code = 'HU-YS-02' AND year(ngay) = 2020`;
    const [before] = await queryRows<{n: number; present: number}>(wh.conn, figures);
    await resubmit(wh.conn, dir, "HU-YS-02", 2020, true);
    const [corrected] = await queryRows<{n: number; present: number}>(wh.conn, figures);
    expect(corrected.n).toBe(before.n);
    expect(corrected.present).toBeLessThan(before.present);
    const accepted = await queryRows<{n: number}>(
      wh.conn,
      "SELECT count(*)::INTEGER AS n FROM submissions WHERE file_name = 'sinh_hoat_HU-YS-02_2020.csv' AND status = 'accepted'"
    );
    expect(accepted[0]!.n).toBe(1);
    await resubmit(wh.conn, dir, "HU-YS-02", 2020, false);
    const [restored] = await queryRows<{n: number; present: number}>(wh.conn, figures);
    expect(restored).toEqual(before);
  });
});
