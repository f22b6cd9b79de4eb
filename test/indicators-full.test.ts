// Every indicator of issue #4 on the hand-built fixture test/fixtures/pipeline (its README lists every row),
// against values computed by hand here: the meeting indicators, annual ratings, reporting completeness and
// timeliness, the quality index and its rank, roll-ups through a merged grassroots organisation (hierarchy valid
// at the time), the comparable series, the lineage and absorption marts.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "pipeline");
let dir: string;
let wh: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-indicators-"));
  const db = join(dir, "warehouse.duckdb");
  const results = await ingestPaths([FIXTURE], {db});
  expect(results.filter((r) => r.status !== "accepted").map((r) => [r.file, r.problems])).toEqual([]);
  wh = await openWarehouse(db);
  await runPipeline(wh.conn);
});
afterAll(() => {
  wh?.close();
  rmSync(dir, {recursive: true, force: true});
});

type Value = {numerator: number; denominator: number; value: number};
async function value(unit: string, indicator: string, periodType: string, period: string, table = "indicator_values"): Promise<Value | null> {
  const r = await queryRows<Value>(
    wh.conn,
    `SELECT numerator, denominator, value FROM ${table} WHERE unit_code = $1 AND indicator = $2 AND period_type = $3 AND period = $4`,
    [unit, indicator, periodType, period]
  );
  return r[0] ?? null;
}
const ratio = (n: number, d: number) => ({numerator: n, denominator: d, value: n / d});
const y2020 = (unit: string, indicator: string) => value(unit, indicator, "year", "2020");

describe("meeting indicators (cell HU-C.01.01, 2020: 31/01, 01/02, 29/02, 30/06, 01/07)", () => {
  const cell = "HU-C.01.01";
  it("regular meetings and thematic quarters, months split at month boundaries", async () => {
    expect(await y2020(cell, "regular_meeting_rate")).toEqual(ratio(4, 12)); // Jan, Feb, Jun (combined), Jul
    expect(await value(cell, "regular_meeting_rate", "month", "2020-01")).toEqual(ratio(1, 1)); // the 31st is January
    expect(await value(cell, "regular_meeting_rate", "month", "2020-03")).toEqual(ratio(0, 1));
    expect(await y2020(cell, "thematic_quarter_rate")).toEqual(ratio(2, 4)); // Q1 (29/02), Q2 (combined 30/06)
    expect(await value(cell, "thematic_quarter_rate", "quarter", "2020-Q3")).toEqual(ratio(0, 1));
  });

  it("attendance, meetings at ≥ 90 %, unexcused absences, speaking", async () => {
    expect(await y2020(cell, "attendance_rate")).toEqual(ratio(10 + 9 + 8 + 10 + 7, 50));
    expect(await value(cell, "attendance_rate", "month", "2020-02")).toEqual(ratio(9 + 8, 20)); // 01/02 and 29/02
    expect(await y2020(cell, "attendance90_meeting_rate")).toEqual(ratio(3, 5)); // 10, 9, 10 of 10
    expect(await y2020(cell, "unexcused_absence_rate")).toEqual(ratio(2, 50));
    expect(await y2020(cell, "speaking_rate")).toEqual(ratio(2 + 1 + 3 + 4, 10 + 9 + 8 + 10)); // 01/07 not recorded
  });

  it("prescribed day (regular meetings), full length (≥ 90, ≥ 120 combined), superior, online or hybrid", async () => {
    expect(await y2020(cell, "prescribed_day_rate")).toEqual(ratio(3, 4)); // the thematic meeting does not count
    expect(await y2020(cell, "full_length_rate")).toEqual(ratio(3, 4)); // 90 ✓, 60 ✗, 150 ✓, combined 120 ✓; one unrecorded
    expect(await y2020(cell, "superior_attended_rate")).toEqual(ratio(2, 4)); // one unrecorded
    expect(await y2020(cell, "online_meeting_rate")).toEqual(ratio(2, 5)); // online 01/02, hybrid 30/06
  });

  it("meeting ratings among rated meetings, and scoring coverage", async () => {
    expect(await y2020(cell, "meeting_rating_good_share")).toEqual(ratio(2, 4));
    expect(await y2020(cell, "meeting_rating_fair_share")).toEqual(ratio(1, 4));
    expect(await y2020(cell, "meeting_rating_average_share")).toEqual(ratio(1, 4));
    expect(await y2020(cell, "meeting_rating_poor_share")).toEqual(ratio(0, 4));
    expect(await y2020(cell, "meeting_rating_coverage")).toEqual(ratio(4, 5));
    expect(await y2020("HU-C.02.01", "meeting_rating_poor_share")).toEqual(ratio(1, 2));
  });

  it("cells meeting every month: only cells existing the whole year of a reported year count", async () => {
    // HU-A 2020: .01 misses March and October; .02 ended in June, HU-A.002 started in April: neither counts
    expect(await y2020("HU-A", "cells_every_month_rate")).toEqual(ratio(0, 1));
    expect(await value("HU-A", "cells_every_month_rate", "year", "2021")).toEqual(ratio(1, 2)); // .01 yes, HU-A.002 no meeting
    expect(await y2020("HU-B", "cells_every_month_rate")).toEqual(ratio(1, 1));
    expect(await value("TQ", "cells_every_month_rate", "term", "2015-2020")).toEqual(ratio(1, 4)); // + HU-C's two cells
  });
});

describe("roll-ups follow the hierarchy valid at the time (HU-C.01 merged into HU-C.02 on 30/06/2020)", () => {
  it("the cell's months up to June count for HU-C.01, from July for HU-C.02", async () => {
    expect(await y2020("HU-C.01", "regular_meeting_rate")).toEqual(ratio(3, 6)); // Jan, Feb, Jun of Jan–Jun
    expect(await y2020("HU-C.02", "regular_meeting_rate")).toEqual(ratio(2 + 1, 12 + 6)); // own cell Jul, Sep + Jul
    expect(await value("HU-C.02", "regular_meeting_rate", "month", "2020-07")).toEqual(ratio(2, 2));
    expect(await value("HU-C.01", "regular_meeting_rate", "month", "2020-07")).toBeNull();
    expect(await y2020("HU-C", "regular_meeting_rate")).toEqual(ratio(6, 24));
  });

  it("thematic quarters at the quarter's end: Q1, Q2 for HU-C.01; Q3, Q4 for HU-C.02", async () => {
    expect(await y2020("HU-C.01", "thematic_quarter_rate")).toEqual(ratio(2, 2));
    expect(await y2020("HU-C.02", "thematic_quarter_rate")).toEqual(ratio(1, 4 + 2));
  });

  it("the int_unit_ancestors ranges show the switch", async () => {
    const rows = await queryRows<{ancestor_code: string; valid_from: string | null; valid_to: string | null}>(
      wh.conn,
      "SELECT ancestor_code, valid_from::VARCHAR AS valid_from, valid_to::VARCHAR AS valid_to FROM int_unit_ancestors WHERE unit_code = 'HU-C.01.01' AND depth = 1 ORDER BY valid_from NULLS FIRST"
    );
    expect(rows).toEqual([
      {ancestor_code: "HU-C.01", valid_from: null, valid_to: "2020-06-30"},
      {ancestor_code: "HU-C.02", valid_from: "2020-07-01", valid_to: null}
    ]);
  });
});

describe("annual ratings (HU-A 2020)", () => {
  it("grassroots organisations, subordinate cells, members and trained secretaries", async () => {
    expect(await y2020("HU-A", "org_rating_good_share")).toEqual(ratio(1, 2)); // HU-A.001 htt, HU-A.002 kht
    expect(await y2020("HU-A", "org_rating_fail_share")).toEqual(ratio(1, 2));
    expect(await y2020("HU-A", "cell_rating_good_share")).toEqual(ratio(1, 1)); // HU-A.001.01 htxs
    expect(await y2020("HU-A", "cell_rating_fail_share")).toEqual(ratio(0, 1));
    // members from the cells' rows only (the organisation's row repeats its cells)
    expect(await y2020("HU-A", "member_rating_good_share")).toEqual(ratio(18 + 2, 28));
    expect(await y2020("HU-A", "member_rating_fail_share")).toEqual(ratio(2, 28));
    expect(await y2020("HU-A", "secretary_trained_rate")).toEqual(ratio(1, 2));
    expect(await y2020("HU-A.001", "org_rating_good_share")).toEqual(ratio(1, 1));
    expect(await y2020("HU-A.001", "member_rating_good_share")).toEqual(ratio(18, 20));
  });

  it("a year without ratings has no value (not reported is not zero)", async () => {
    expect(await value("HU-A", "org_rating_good_share", "year", "2021")).toBeNull();
    expect(await y2020("HU-B", "member_rating_good_share")).toBeNull();
  });
});

describe("reporting completeness and timeliness (window 2016 to the latest year reported, deadline 15 January)", () => {
  it("cell-months covered by a meeting log in force / expected; unreported years count against it", async () => {
    // 2021: HU-A's two cells reported (24); HU-B.001 (12) and HU-C's two cells (24) not
    expect(await value("TQ", "reporting_completeness", "year", "2021")).toEqual(ratio(24, 60));
    expect(await value("HU-B", "reporting_completeness", "year", "2021")).toEqual(ratio(0, 12));
    // a cell's partial month (HU-A.002 from 15/04) is not expected
    expect(await value("HU-A.002", "reporting_completeness", "year", "2020")).toEqual(ratio(8, 8));
  });

  it("committee-years reported and received by the deadline, for committees and the province only", async () => {
    expect(await y2020("TQ", "committee_reporting_rate")).toEqual(ratio(3, 3));
    expect(await value("TQ", "committee_reporting_rate", "year", "2021")).toEqual(ratio(1, 3));
    expect(await y2020("TQ", "reporting_timeliness")).toEqual(ratio(1, 3)); // HU-A 10/01 on time; HU-B 02/03, HU-C 20/02 late
    expect(await value("TQ", "reporting_timeliness", "year", "2021")).toEqual(ratio(1, 3));
    expect(await value("TQ", "committee_reporting_rate", "term", "2015-2020")).toEqual(ratio(3, 15));
    expect(await y2020("HU-C", "reporting_timeliness")).toEqual(ratio(0, 1));
    expect(await y2020("HU-C.01.01", "reporting_timeliness")).toBeNull();
    const [s] = await queryRows<{on_time: boolean; deadline: string}>(wh.conn, "SELECT on_time, deadline::VARCHAR AS deadline FROM reporting_status WHERE committee_code = 'HU-A' AND year = 2020");
    expect(s).toEqual({on_time: true, deadline: "2021-01-15"});
  });
});

describe("quality index and rank among siblings", () => {
  it("weights renormalised over the components with a value (HU-B.001, 2020)", async () => {
    const score =
      0.2 * 1 + // regular 12/12
      0.15 * (3 / 4) + // thematic
      0.2 * (405 / 450) + // attendance
      0.05 * (1 - 3 / 450) + // unexcused, lower is better
      0.05 * 1 + // prescribed day
      0.05 * 1 + // full length
      0.05 * (3 / 15) + // superior attended
      0.1 * 1; // meetings rated Tốt
    const v = await y2020("HU-B.001", "quality_index");
    expect(v!.denominator).toBeCloseTo(0.85, 12);
    expect(v!.numerator).toBeCloseTo(100 * score, 10);
    expect(v!.value).toBeCloseTo((100 * score) / 0.85, 10);
  });

  it("ranks the committees of the province, 1 = highest index", async () => {
    const rows = await queryRows<{unit_code: string; q: number; rank: number; siblings: number}>(
      wh.conn,
      `SELECT q.unit_code, q.value AS q, r.numerator AS rank, r.denominator AS siblings
       FROM indicator_values q JOIN indicator_values r ON r.unit_code = q.unit_code AND r.period_type = q.period_type AND r.period = q.period AND r.indicator = 'quality_index_rank'
       WHERE q.indicator = 'quality_index' AND q.period_type = 'year' AND q.period = '2020' AND q.unit_code IN ('HU-A', 'HU-B', 'HU-C')
       ORDER BY rank`
    );
    expect(rows.map((r) => r.siblings)).toEqual([3, 3, 3]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(rows[0].q).toBeGreaterThanOrEqual(rows[1].q);
    expect(rows[1].q).toBeGreaterThanOrEqual(rows[2].q);
    expect(rows[0].unit_code).toBe("HU-B");
    expect(await y2020("TQ", "quality_index_rank")).toBeNull(); // the province has no siblings
  });
});

describe("units through time", () => {
  it("lineage and absorptions", async () => {
    expect(await queryRows(wh.conn, "SELECT unit_code, absorbed_code, merged_on::VARCHAR AS merged_on, generation FROM unit_absorptions ORDER BY 1")).toEqual([
      {unit_code: "HU-A.001.01", absorbed_code: "HU-A.001.02", merged_on: "2020-06-30", generation: 1},
      {unit_code: "HU-C.02", absorbed_code: "HU-C.01", merged_on: "2020-06-30", generation: 1}
    ]);
    expect(await queryRows(wh.conn, "SELECT unit_code, current_unit_code, is_current FROM dim_units WHERE unit_code IN ('HU-A.001.02', 'HU-A.001.01') ORDER BY 1")).toEqual([
      {unit_code: "HU-A.001.01", current_unit_code: "HU-A.001.01", is_current: true},
      {unit_code: "HU-A.001.02", current_unit_code: "HU-A.001.01", is_current: false}
    ]);
  });

  it("comparable series: a current unit's past includes the units it absorbed", async () => {
    const c = (u: string, i: string, t: string, p: string) => value(u, i, t, p, "indicator_values_comparable");
    // HU-A.001.01 absorbed .02 on 30/06/2020: 2020 = .01 (10 of 12) + .02 (5 of 6)
    expect(await c("HU-A.001.01", "regular_meeting_rate", "year", "2020")).toEqual(ratio(15, 18));
    expect(await c("HU-A.001.01", "regular_meeting_rate", "month", "2020-03")).toEqual(ratio(1, 2));
    expect(await c("HU-A.001.01", "attendance_rate", "year", "2020")).toEqual(ratio(178 + 54, 198 + 60));
    expect(await c("HU-A.001.02", "regular_meeting_rate", "year", "2020")).toBeNull(); // merged away
    // HU-C.02 absorbed HU-C.01 and its cell: the whole committee's months
    expect(await c("HU-C.02", "regular_meeting_rate", "year", "2020")).toEqual(ratio(6, 24));
    expect(await c("HU-C.01", "regular_meeting_rate", "year", "2020")).toBeNull();
    // units no merger touches read the same figures in both series
    expect(await c("HU-B", "attendance_rate", "year", "2020")).toEqual(await y2020("HU-B", "attendance_rate"));
    expect(await c("TQ", "regular_meeting_rate", "term", "2015-2020")).toEqual(await value("TQ", "regular_meeting_rate", "term", "2015-2020"));
  });
});

describe("the catalog", () => {
  it("defines every indicator with names, unit, grain and group, and every share has a value somewhere", async () => {
    const cat = await queryRows<{indicator: string; name_vi: string; short_vi: string; name_en: string; unit: string; grain: string; group_key: string}>(
      wh.conn,
      "SELECT * FROM indicator_catalog ORDER BY sort_order"
    );
    expect(cat.length).toBe(28);
    for (const c of cat) {
      expect(c.name_vi && c.short_vi && c.name_en && c.group_key).toBeTruthy();
      expect(["share", "score", "rank"]).toContain(c.unit);
      expect(["month", "quarter", "year"]).toContain(c.grain);
    }
    const present = new Set((await queryRows<{indicator: string}>(wh.conn, "SELECT DISTINCT indicator FROM indicator_values")).map((r) => r.indicator));
    expect(cat.map((c) => c.indicator).filter((i) => !present.has(i))).toEqual([]);
    // no monthly value for indicators whose grain is coarser
    const [{n}] = await queryRows<{n: number}>(
      wh.conn,
      "SELECT count(*)::INTEGER AS n FROM indicator_values v JOIN indicator_catalog k USING (indicator) WHERE (k.grain = 'quarter' AND v.period_type = 'month') OR (k.grain = 'year' AND v.period_type IN ('month', 'quarter'))"
    );
    expect(n).toBe(0);
  });
});
