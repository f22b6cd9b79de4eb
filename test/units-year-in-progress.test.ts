// A year in progress: a committee's log for the current year, sent before the year ends (e.g. for a six-month
// review), counts only the months up to the last month the log holds a meeting for — November and December are
// never counted as "not held" — and belongs to its term (2025-2030). The same log received after the year ended
// counts the whole year. A log that declares the last day it covers (den_ngay in ngay_nhan.csv, or ingest
// --period-to) counts the months up to that day's month, met or not. Registries: test/fixtures/mini; the log is
// written here, every value computed by hand.
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";

const MINI = join(import.meta.dirname, "fixtures", "mini");
const HEADER = "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat,vang_co_ly_do,vang_khong_ly_do,thoi_luong,so_phat_bieu,cap_tren_du,hinh_thuc,dung_ngay,xep_loai,diem,chu_de,ghi_chu";
const meeting = (cell: string, date: string, kind = "thuong_ky") => `${cell},${date},${kind},20,2,16,1,1,90,3,0,truc_tiep,1,kha,,,`;
const month = (m: number) => String(m).padStart(2, "0");
// HU-A.001.01: regular on the 5th of January–October but March (9 months), thematic on 20/02, 20/05, 20/08 (Q1–Q3);
// HU-A.002: regular on the 10th of January–June only (6 months), none from July to October
const LOG = [
  HEADER,
  ...[1, 2, 4, 5, 6, 7, 8, 9, 10].map((m) => meeting("HU-A.001.01", `2026-${month(m)}-05`)),
  ...[2, 5, 8].map((m) => meeting("HU-A.001.01", `2026-${month(m)}-20`, "chuyen_de")),
  ...[1, 2, 3, 4, 5, 6].map((m) => meeting("HU-A.002", `2026-${month(m)}-10`))
].join("\n") + "\n";

let dir: string;
const whs: Record<"inProgress" | "afterYearEnd" | "declared" | "declaredByFlag", Warehouse> = {} as never;

async function build(name: keyof typeof whs, receivedAt: string, declared?: {receipt?: string; flag?: string}): Promise<void> {
  const input = join(dir, name);
  mkdirSync(input);
  for (const f of ["don_vi_TQ.csv", "don_vi_HU-A.csv", "don_vi_HU-B.csv"]) copyFileSync(join(MINI, f), join(input, f));
  writeFileSync(join(input, "sinh_hoat_HU-A_2026.csv"), LOG);
  writeFileSync(
    join(input, "ngay_nhan.csv"),
    declared?.receipt ? `tep,ngay_nhan,den_ngay\nsinh_hoat_HU-A_2026.csv,${receivedAt},${declared.receipt}\n` : `tep,ngay_nhan\nsinh_hoat_HU-A_2026.csv,${receivedAt}\n`
  );
  const db = join(dir, `${name}.duckdb`);
  const results = await ingestPaths([input], {db, periodTo: declared?.flag});
  expect(results.filter((r) => r.status !== "accepted").map((r) => [r.file, r.problems])).toEqual([]);
  whs[name] = await openWarehouse(db);
  await runPipeline(whs[name].conn, {countRows: false});
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-year-in-progress-"));
  await build("inProgress", "2026-11-05");
  await build("afterYearEnd", "2027-01-10");
  // sent on 05/12/2026 for the eleven months: November is due (and was not held), December is not yet
  await build("declared", "2026-12-05", {receipt: "30/11/2026"});
  await build("declaredByFlag", "2026-12-05", {flag: "2026-11-30"});
}, 180_000);
afterAll(() => {
  for (const wh of Object.values(whs)) wh?.close();
  rmSync(dir, {recursive: true, force: true});
});

type Value = {numerator: number; denominator: number};
async function value(name: keyof typeof whs, unit: string, indicator: string, periodType: string, period: string): Promise<Value | null> {
  const r = await queryRows<Value>(
    whs[name].conn,
    "SELECT numerator, denominator FROM indicator_values WHERE unit_code = $1 AND indicator = $2 AND period_type = $3 AND period = $4",
    [unit, indicator, periodType, period]
  );
  return r[0] ?? null;
}

describe("a log of January–October 2026 received on 05/11/2026 (year in progress)", () => {
  it("counts January–October only: the months to come are not 'not held'", async () => {
    expect(await value("inProgress", "HU-A.001.01", "regular_meeting_rate", "year", "2026")).toEqual({numerator: 9, denominator: 10});
    expect(await value("inProgress", "HU-A.002", "regular_meeting_rate", "year", "2026")).toEqual({numerator: 6, denominator: 10});
    expect(await value("inProgress", "HU-A", "regular_meeting_rate", "year", "2026")).toEqual({numerator: 15, denominator: 20});
    expect(await value("inProgress", "HU-A.002", "regular_meeting_rate", "month", "2026-07")).toEqual({numerator: 0, denominator: 1});
    expect((await value("inProgress", "HU-A.002", "regular_meeting_rate", "month", "2026-11"))?.denominator ?? 0).toBe(0);
  });

  it("counts the quarters the log covers whole (Q1–Q3), and no cell as meeting every month", async () => {
    expect(await value("inProgress", "HU-A.001.01", "thematic_quarter_rate", "year", "2026")).toEqual({numerator: 3, denominator: 3});
    expect((await value("inProgress", "HU-A", "cells_every_month_rate", "year", "2026"))?.denominator ?? 0).toBe(0);
  });

  it("expects no annual rating yet", async () => {
    expect((await value("inProgress", "HU-A", "org_rating_completeness", "year", "2026"))?.denominator ?? 0).toBe(0);
  });

  it("belongs to the term 2025-2030", async () => {
    expect(await value("inProgress", "HU-A.001.01", "regular_meeting_rate", "term", "2025-2030")).toEqual({numerator: 9, denominator: 10});
  });
});

describe("the same log received on 10/01/2027 (after the year ended)", () => {
  it("counts the whole year: November and December were not held", async () => {
    expect(await value("afterYearEnd", "HU-A.001.01", "regular_meeting_rate", "year", "2026")).toEqual({numerator: 9, denominator: 12});
    expect(await value("afterYearEnd", "HU-A", "regular_meeting_rate", "year", "2026")).toEqual({numerator: 15, denominator: 24});
    expect(await value("afterYearEnd", "HU-A.001.01", "thematic_quarter_rate", "year", "2026")).toEqual({numerator: 3, denominator: 4});
    // HU-A.001 and HU-A.002 exist on 31/12/2026, neither rated
    expect(await value("afterYearEnd", "HU-A", "org_rating_completeness", "year", "2026")).toEqual({numerator: 0, denominator: 2});
  });
});

describe("the same log declaring that it covers January–November (sent on 05/12/2026)", () => {
  for (const name of ["declared", "declaredByFlag"] as const)
    it(`counts the declared months: November was not held (${name === "declared" ? "den_ngay in ngay_nhan.csv" : "ingest --period-to"})`, async () => {
      expect(await value(name, "HU-A.001.01", "regular_meeting_rate", "year", "2026")).toEqual({numerator: 9, denominator: 11});
      expect(await value(name, "HU-A.002", "regular_meeting_rate", "year", "2026")).toEqual({numerator: 6, denominator: 11});
      expect(await value(name, "HU-A", "regular_meeting_rate", "year", "2026")).toEqual({numerator: 15, denominator: 22});
      expect(await value(name, "HU-A.002", "regular_meeting_rate", "month", "2026-11")).toEqual({numerator: 0, denominator: 1});
      expect((await value(name, "HU-A.002", "regular_meeting_rate", "month", "2026-12"))?.denominator ?? 0).toBe(0);
      // Q4 is not whole: the thematic meetings are expected for Q1–Q3
      expect(await value(name, "HU-A.001.01", "thematic_quarter_rate", "year", "2026")).toEqual({numerator: 3, denominator: 3});
    });
});
