// Every indicator of issue #4 on the hand-built fixture test/fixtures/pipeline (its README lists every row),
// against values computed by hand here: the meeting indicators, annual ratings, reporting completeness and
// timeliness, the quality index and its rank, roll-ups through a merged grassroots organisation (hierarchy valid
// at the time), the comparable series, the lineage and absorption marts.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openWarehouse, queryRows, type Warehouse} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {pipelineFixtureWarehouse} from "./helpers/warehouse.ts";

let dir: string;
let wh: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-indicators-"));
  const db = join(dir, "warehouse.duckdb");
  // the fixture ingested and the pipeline run (made once for every test file): what the ingest reported
  const results = await pipelineFixtureWarehouse(db, {run: true});
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

describe("quality index: weights over what was expected, empty fields score as not met", () => {
  it("HU-B.001, 2020: every field filled in, 15 meetings", async () => {
    const score =
      0.25 * 1 + // regular 12/12
      0.15 * (3 / 4) + // thematic quarters
      0.25 * (405 / 450) + // attendance
      0.1 * (1 - 3 / 450) + // absences not recorded as excused, lower is better
      0.05 * (12 / 12) + // regular meetings on the prescribed day
      0.1 * (15 / 15) + // meetings of full length
      0.1 * (15 / 15); // meetings rated Tốt
    const v = await y2020("HU-B.001", "quality_index");
    expect(v!.denominator).toBeCloseTo(1, 12);
    expect(v!.numerator).toBeCloseTo(100 * score, 10);
    expect(v!.value).toBeCloseTo(100 * score, 10);
    expect(await y2020("HU-B.001", "quality_index_coverage")).toEqual(ratio(15 + 15 + 15 + 12, 3 * 15 + 12));
  });

  it("HU-C.01.01, 2020: a meeting without length or rating counts as neither full length nor Tốt", async () => {
    const score =
      0.25 * (4 / 12) + // Jan, Feb, Jun (combined), Jul of 12 months
      0.15 * (2 / 4) +
      0.25 * (44 / 50) +
      0.1 * (1 - 2 / 50) +
      0.05 * (3 / 4) + // 01/02 not on the day; the thematic 29/02 is no regular meeting
      0.1 * (3 / 5) + // 90 ✓, 60 ✗, 150 ✓, combined 120 ✓, 01/07 empty ✗
      0.1 * (2 / 5); // tot, kha, (empty), tot, trung_binh
    const v = await y2020("HU-C.01.01", "quality_index");
    expect(v!.denominator).toBeCloseTo(1, 12);
    expect(v!.value).toBeCloseTo(100 * score, 10);
    // entries read: length 4 of 5, rating 4 of 5, unexcused 5 of 5, prescribed day 4 of 4 regular meetings
    expect(await y2020("HU-C.01.01", "quality_index_coverage")).toEqual(ratio(4 + 4 + 5 + 4, 3 * 5 + 4));
  });

  it("HU-A.001.02, 2020 (merged on 30/06): scored on the months and quarters it existed, rated Khá throughout", async () => {
    const score = 0.25 * (5 / 6) + 0.15 * (1 / 2) + 0.25 * (54 / 60) + 0.1 * 1 + 0.05 * (5 / 5) + 0.1 * (6 / 6) + 0.1 * (0 / 6);
    expect((await y2020("HU-A.001.02", "quality_index"))!.value).toBeCloseTo(100 * score, 10);
  });
});

describe("ranks: peers, a minimum of data, h/n", () => {
  type Rank = {unit_code: string; rank: number | null; ranked: number | null; rank_label: string | null; rank_status: string | null; peer_group: string | null};
  const ranks = (period: string, units: string[]) =>
    queryRows<Rank>(
      wh.conn,
      `SELECT unit_code, rank, ranked, rank_label, rank_status, peer_group FROM quality_index_ranks
       WHERE series = 'reported' AND period_type = 'year' AND period = $1 AND unit_code IN (${units.map((u) => `'${u}'`).join(", ")}) ORDER BY unit_code`,
      [period]
    );

  it("committees are ranked within their peer group: districts apart from the military committee", async () => {
    const rows = await ranks("2020", ["HU-A", "HU-B", "HU-C", "TQ"]);
    const qA = (await y2020("HU-A", "quality_index"))!.value;
    const qC = (await y2020("HU-C", "quality_index"))!.value;
    expect(qA).toBeGreaterThan(qC);
    expect(rows).toEqual([
      {unit_code: "HU-A", rank: 1, ranked: 2, rank_label: "1/2", rank_status: "xep_hang", peer_group: "dia_phuong"},
      {unit_code: "HU-B", rank: 1, ranked: 1, rank_label: "1/1", rank_status: "xep_hang", peer_group: "luc_luong_vu_trang"},
      {unit_code: "HU-C", rank: 2, ranked: 2, rank_label: "2/2", rank_status: "xep_hang", peer_group: "dia_phuong"},
      {unit_code: "TQ", rank: null, ranked: null, rank_label: null, rank_status: null, peer_group: null}
    ]);
    // the rank indicator: numerator h, denominator n, value h (not a fraction)
    expect(await y2020("HU-C", "quality_index_rank")).toEqual({numerator: 2, denominator: 2, value: 2});
    expect(await y2020("TQ", "quality_index_rank")).toBeNull();
  });

  it("a unit whose index rests on fewer than 12 cell-months is not ranked ('ít dữ liệu')", async () => {
    // HU-A.002 was established on 15/04/2020: May–December, 8 cell-months
    const rows = await ranks("2020", ["HU-A.001", "HU-A.002"]);
    expect(rows.map((r) => [r.unit_code, r.rank_label, r.rank_status])).toEqual([
      ["HU-A.001", "1/1", "xep_hang"],
      ["HU-A.002", null, "it_du_lieu"]
    ]);
    expect(await y2020("HU-A.002", "quality_index")).not.toBeNull();
    expect(await y2020("HU-A.002", "quality_index_rank")).toBeNull();
  });
});

describe("cells with a thematic meeting in every quarter of the year", () => {
  it("counts cells, as the annual reports do, beside cells meeting every month", async () => {
    // HU-A.001.01, 2020: thematic 20/02, combined Jun, Sep, Dec — every quarter, though not every month
    expect(await y2020("HU-A", "cells_every_quarter_rate")).toEqual(ratio(1, 1));
    expect(await y2020("HU-A", "cells_every_month_rate")).toEqual(ratio(0, 1));
    // HU-B.001: thematic in Q1–Q3, none in Q4
    expect(await y2020("HU-B", "cells_every_quarter_rate")).toEqual(ratio(0, 1));
    // 2021: HU-A.001.01 combined every month; HU-A.002 no meeting
    expect(await value("HU-A", "cells_every_quarter_rate", "year", "2021")).toEqual(ratio(1, 2));
    // 2020 of the province: HU-A.001.01 yes; HU-B.001, HU-C.01.01 (Q1, Q2), HU-C.02.01 (Q3) no
    expect(await value("TQ", "cells_every_quarter_rate", "term", "2015-2020")).toEqual(ratio(1, 4));
  });
});

describe("rating counts and ratings completeness", () => {
  it("numbers rated HTXS, HTT, HT, KHT beside the shares (HU-A 2020)", async () => {
    expect(await y2020("HU-A", "org_rating_htxs_share")).toEqual(ratio(0, 2));
    expect(await y2020("HU-A", "org_rating_htt_share")).toEqual(ratio(1, 2)); // HU-A.001
    expect(await y2020("HU-A", "org_rating_ht_share")).toEqual(ratio(0, 2));
    expect(await y2020("HU-A", "org_rating_fail_share")).toEqual(ratio(1, 2)); // HU-A.002
    expect(await y2020("HU-A", "cell_rating_htxs_share")).toEqual(ratio(1, 1)); // HU-A.001.01
    expect(await y2020("HU-A", "cell_rating_htt_share")).toEqual(ratio(0, 1));
  });

  it("units existing on 31 December without a rating count as not reported", async () => {
    expect(await y2020("HU-A", "org_rating_completeness")).toEqual(ratio(2, 2));
    expect(await y2020("HU-A", "cell_rating_completeness")).toEqual(ratio(1, 1)); // HU-A.001.02 ended in June
    expect(await value("HU-A", "org_rating_completeness", "year", "2021")).toEqual(ratio(0, 2));
    // HU-C.01 ended on 30/06/2020; HU-C.02 and both cells were not rated
    expect(await y2020("HU-C", "org_rating_completeness")).toEqual(ratio(0, 1));
    expect(await y2020("HU-C", "cell_rating_completeness")).toEqual(ratio(0, 2));
    // province: HU-A.001, HU-A.002, HU-B.001, HU-C.02; cells HU-A.001.01, HU-C.01.01, HU-C.02.01
    expect(await y2020("TQ", "org_rating_completeness")).toEqual(ratio(2, 4));
    expect(await y2020("TQ", "cell_rating_completeness")).toEqual(ratio(1, 3));
    expect(await value("TQ", "org_rating_completeness", "year", "2016")).toEqual(ratio(0, 4)); // HU-A.002 from 2020
  });

  it("HD 21: HTXS above 20 % of HTT is a warning (HU-A.001's one cell, rated HTXS, and no cell HTT)", async () => {
    const rows = await queryRows(wh.conn, "SELECT year, unit_code, rule, htxs, htt FROM rating_rule_warnings ORDER BY ALL");
    expect(rows).toEqual([{year: 2020, unit_code: "HU-A.001", rule: "htxs_over_20pct_of_htt", htxs: 1, htt: 0}]);
  });
});

describe("coverage of the optional fields (HU-C.01.01, 2020: five meetings, four regular or combined)", () => {
  it("each field: meetings that filled it in / meetings that should have", async () => {
    const cell = "HU-C.01.01";
    expect(await y2020(cell, "coverage_length")).toEqual(ratio(4, 5));
    expect(await y2020(cell, "coverage_speakers")).toEqual(ratio(4, 5));
    expect(await y2020(cell, "coverage_superior")).toEqual(ratio(4, 5));
    expect(await y2020(cell, "coverage_prescribed_day")).toEqual(ratio(4, 4));
    expect(await y2020(cell, "coverage_excused")).toEqual(ratio(5, 5));
    expect(await y2020(cell, "coverage_unexcused")).toEqual(ratio(5, 5));
    expect(await y2020(cell, "coverage_score")).toEqual(ratio(0, 5));
    expect(await y2020(cell, "meeting_rating_coverage")).toEqual(ratio(4, 5));
    // rolled up: HU-C's two cells, 7 meetings, 6 regular or combined
    expect(await y2020("HU-C", "coverage_length")).toEqual(ratio(6, 7));
    expect(await y2020("HU-C", "coverage_prescribed_day")).toEqual(ratio(6, 6));
    // the secretary field of the rating rows: HU-A.001.01 and HU-A.002 both record it
    expect(await y2020("HU-A", "coverage_secretary")).toEqual(ratio(2, 2));
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
    expect(cat.length).toBe(46);
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

  it("says who set each target: a rule, or the province (a seed it may change)", async () => {
    const t = await queryRows<{indicator: string; target: number; set_by: string; source: string}>(
      wh.conn,
      "SELECT t.indicator, t.target, t.set_by, c.source FROM indicator_targets t JOIN indicator_catalog c USING (indicator) WHERE t.indicator IN ('attendance_rate', 'regular_meeting_rate', 'full_length_rate') ORDER BY 1"
    );
    expect(t.map((r) => [r.indicator, r.target, r.set_by])).toEqual([
      ["attendance_rate", 0.9, "tinh"],
      ["full_length_rate", 1, "quy_dinh"],
      ["regular_meeting_rate", 1, "quy_dinh"]
    ]);
    expect(t[0].source).toMatch(/Mục tiêu: Tỉnh tự đặt/);
    expect(t[1].source).toMatch(/42-HD\/BTCTW.*mốc so sánh/);
    // no target without its basis
    const [{n}] = await queryRows<{n: number}>(wh.conn, "SELECT count(*)::INTEGER AS n FROM indicator_catalog c LEFT JOIN indicator_targets t USING (indicator) WHERE (c.target IS NULL) <> (t.indicator IS NULL)");
    expect(n).toBe(0);
  });
});
