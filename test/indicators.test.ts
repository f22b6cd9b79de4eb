// Each indicator on the hand-built fixture (test/fixtures/mini), against values computed by hand.
// The fixture: province TQ; committee HU-A with grassroots org HU-A.001 (cells .01, and .02 merged into .01 on
// 30/06/2020) and grassroots cell HU-A.002 (established 15/04/2020); committee HU-B (one armed-forces cell)
// that reported 2020 but not 2021. test/fixtures/mini/README.md lists every meeting.
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestFile} from "../loaders/record/ingest.ts";
import {expandPaths, loadOrder} from "../loaders/ingest-paths.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {FIXTURE, rows, tempWarehouse} from "./helpers/warehouse.ts";

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
beforeAll(async () => {
  ctx = await tempWarehouse();
  for (const f of loadOrder(expandPaths([FIXTURE]))) await ingestFile(ctx.wh, f, {archiveDir: join(ctx.dir, "archive")});
  await runPipeline(ctx.wh.conn);
});
afterAll(() => ctx.dispose());

async function value(unit: string, indicator: string, periodType: string, period: string) {
  const r = await rows<{numerator: number; denominator: number; value: number}>(
    ctx.wh.conn,
    "SELECT numerator, denominator, value FROM indicator_values WHERE unit_code = $1 AND indicator = $2 AND period_type = $3 AND period = $4",
    [unit, indicator, periodType, period]
  );
  return r[0] ?? null;
}
const ratio = (n: number, d: number) => ({numerator: n, denominator: d, value: n / d});

describe("regular meetings: cell-months with a regular or combined meeting / cell-months expected", () => {
  it("counts a cell only in the whole months it existed (merged cell until June, new cell from May)", async () => {
    // .01: 12 months expected, held in 10 (no March, no October)
    expect(await value("HU-A.001.01", "regular_meeting_rate", "year", "2020")).toEqual(ratio(10, 12));
    // .02 existed until 30/06: Jan–Jun expected, held Jan–May
    expect(await value("HU-A.001.02", "regular_meeting_rate", "year", "2020")).toEqual(ratio(5, 6));
    // HU-A.002 established 15/04: May–Dec expected (its 20/04 meeting is in a partial month), all held
    expect(await value("HU-A.002", "regular_meeting_rate", "year", "2020")).toEqual(ratio(8, 8));
  });

  it("rolls up as a ratio of sums at every level", async () => {
    expect(await value("HU-A.001", "regular_meeting_rate", "year", "2020")).toEqual(ratio(10 + 5, 12 + 6));
    expect(await value("HU-A", "regular_meeting_rate", "year", "2020")).toEqual(ratio(10 + 5 + 8, 12 + 6 + 8));
    expect(await value("TQ", "regular_meeting_rate", "year", "2020")).toEqual(ratio(23 + 12, 26 + 12));
  });

  it("by month and quarter", async () => {
    // March 2020: .01 expected, not held; .02 held; HU-A.002 not yet established
    expect(await value("HU-A", "regular_meeting_rate", "month", "2020-03")).toEqual(ratio(1, 2));
    // Q2 2020 for .02: April, May, June expected; held April, May
    expect(await value("HU-A.001.02", "regular_meeting_rate", "quarter", "2020-Q2")).toEqual(ratio(2, 3));
  });

  it("a year not reported is absent, not zero; a reported year without meetings counts as not held", async () => {
    expect(await value("HU-B", "regular_meeting_rate", "year", "2021")).toBeNull();
    // 2021: HU-A reported; .01 met every month, HU-A.002 sent no meeting at all
    expect(await value("HU-A", "regular_meeting_rate", "year", "2021")).toEqual(ratio(12, 24));
    expect(await value("TQ", "regular_meeting_rate", "year", "2021")).toEqual(ratio(12, 24));
  });
});

describe("thematic meetings: cell-quarters with a thematic or combined meeting / cell-quarters expected", () => {
  it("per cell, only whole quarters of existence count", async () => {
    expect(await value("HU-A.001.01", "thematic_quarter_rate", "year", "2020")).toEqual(ratio(4, 4)); // Feb, Jun, Sep, Dec
    expect(await value("HU-A.001.02", "thematic_quarter_rate", "year", "2020")).toEqual(ratio(1, 2)); // Q1 yes, Q2 no
    expect(await value("HU-A.002", "thematic_quarter_rate", "year", "2020")).toEqual(ratio(2, 2)); // Q3, Q4 (Q2 partial)
    expect(await value("HU-B.001", "thematic_quarter_rate", "year", "2020")).toEqual(ratio(3, 4)); // none in Q4
  });

  it("rolls up and has no monthly value", async () => {
    expect(await value("TQ", "thematic_quarter_rate", "year", "2020")).toEqual(ratio(4 + 1 + 2 + 3, 4 + 2 + 2 + 4));
    expect(await value("HU-A", "thematic_quarter_rate", "month", "2020-06")).toBeNull();
  });
});

describe("attendance: Σ present / Σ (members − excused) over all meetings", () => {
  it("excused members leave the denominator", async () => {
    // .01: 10 meetings with 16 of 20 − 2, one thematic with 18 of 18
    expect(await value("HU-A.001.01", "attendance_rate", "year", "2020")).toEqual(ratio(10 * 16 + 18, 11 * 18));
    // HU-A.002: 9 meetings (its partial-month meeting counts here) with 7 of 8 − 1
    expect(await value("HU-A.002", "attendance_rate", "year", "2020")).toEqual(ratio(63, 63));
  });

  it("is a ratio of sums, not a mean of ratios", async () => {
    const n = 178 + 54 + 63 + 405;
    const d = 198 + 60 + 63 + 450;
    expect(await value("TQ", "attendance_rate", "year", "2020")).toEqual(ratio(n, d));
    // the mean of the two committees' rates would differ:
    expect(((178 + 54 + 63) / (198 + 60 + 63) + 405 / 450) / 2).not.toBeCloseTo(n / d, 4);
  });
});

describe("terms", () => {
  it("2015-2020 holds 2016–2020 and 2020-2025 holds 2021 on", async () => {
    expect(await value("HU-A", "regular_meeting_rate", "term", "2015-2020")).toEqual(ratio(23, 26));
    expect(await value("HU-A", "regular_meeting_rate", "term", "2020-2025")).toEqual(ratio(12, 24));
    expect(await value("HU-A", "attendance_rate", "term", "2020-2025")).toEqual(ratio(12 * 26, 12 * 28));
  });
});

describe("dimension", () => {
  it("every unit knows its committee", async () => {
    const units = await rows<{unit_code: string; committee_code: string | null}>(ctx.wh.conn, "SELECT unit_code, committee_code FROM dim_units ORDER BY unit_code");
    expect(units).toEqual([
      {unit_code: "HU-A", committee_code: "HU-A"},
      {unit_code: "HU-A.001", committee_code: "HU-A"},
      {unit_code: "HU-A.001.01", committee_code: "HU-A"},
      {unit_code: "HU-A.001.02", committee_code: "HU-A"},
      {unit_code: "HU-A.002", committee_code: "HU-A"},
      {unit_code: "HU-B", committee_code: "HU-B"},
      {unit_code: "HU-B.001", committee_code: "HU-B"},
      {unit_code: "TQ", committee_code: null}
    ]);
  });
});
