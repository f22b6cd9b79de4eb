// queryIndicators: "indicator X for units U over periods P", as reported or comparable, with parameters only.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openWarehouse, type Warehouse} from "../loaders/record/warehouse.ts";
import {indicatorQuerySql, queryIndicators} from "../pipelines/query.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {pipelineFixtureWarehouse} from "./helpers/warehouse.ts";

let dir: string;
let db: string;
let wh: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-query-"));
  db = join(dir, "warehouse.duckdb");
  // the fixture ingested and the pipeline run (made once for every test file)
  await pipelineFixtureWarehouse(db, {run: true});
  wh = await openWarehouse(db);
  await runPipeline(wh.conn);
});
afterAll(() => {
  wh?.close();
  rmSync(dir, {recursive: true, force: true});
});

describe("queryIndicators", () => {
  it("one indicator, some units, a range of periods, with names", async () => {
    const rows = await queryIndicators(wh.conn, {indicators: ["regular_meeting_rate"], units: ["HU-A", "HU-B"], periodType: "year", from: "2020", to: "2021"});
    expect(rows.map((r) => [r.unit_code, r.period, r.numerator, r.denominator])).toEqual([
      ["HU-A", "2020", 23, 26],
      ["HU-A", "2021", 12, 24],
      ["HU-B", "2020", 12, 12]
    ]);
    expect(rows[0]).toMatchObject({unit_name: "Huyện ủy An Hòa", level: "tren_co_so", parent_code: "TQ", name_vi: "Tỷ lệ tháng có sinh hoạt thường kỳ", unit: "share"});
  });

  it("the children of a unit, exact periods, several indicators", async () => {
    const rows = await queryIndicators(wh.conn, {
      indicators: ["attendance_rate", "thematic_quarter_rate"],
      childrenOf: "HU-A.001",
      periodType: "quarter",
      periods: ["2020-Q2"]
    });
    expect(rows.map((r) => `${r.indicator} ${r.unit_code} ${r.numerator}/${r.denominator}`)).toEqual([
      "thematic_quarter_rate HU-A.001.01 1/1",
      "thematic_quarter_rate HU-A.001.02 0/1",
      "attendance_rate HU-A.001.01 48/54",
      "attendance_rate HU-A.001.02 18/20"
    ]);
  });

  it("the comparable series follows units through mergers", async () => {
    const q = {indicators: ["regular_meeting_rate"], units: ["HU-A.001.01", "HU-A.001.02"], periodType: "year" as const, periods: ["2020"]};
    expect((await queryIndicators(wh.conn, q)).map((r) => [r.unit_code, r.numerator, r.denominator])).toEqual([
      ["HU-A.001.01", 10, 12],
      ["HU-A.001.02", 5, 6]
    ]);
    expect((await queryIndicators(wh.conn, {...q, series: "comparable"})).map((r) => [r.unit_code, r.numerator, r.denominator])).toEqual([["HU-A.001.01", 15, 18]]);
  });

  it("levels, empty lists, and a read-only attached warehouse", async () => {
    const committees = await queryIndicators(wh.conn, {indicators: ["reporting_timeliness"], levels: ["tren_co_so"], periodType: "year", periods: ["2020"]});
    expect(committees.map((r) => [r.unit_code, r.value])).toEqual([
      ["HU-A", 1],
      ["HU-B", 0],
      ["HU-C", 0]
    ]);
    expect(await queryIndicators(wh.conn, {units: [], periodType: "year"})).toEqual([]);
    wh.close();
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      await conn.run(`ATTACH '${db}' AS wh (READ_ONLY)`);
      const rows = await queryIndicators(conn, {indicators: ["quality_index"], units: ["TQ"], periodType: "term", database: "wh"});
      expect(rows.map((r) => r.period)).toEqual(["2015-2020", "2020-2025"]);
    } finally {
      conn.closeSync();
      instance.closeSync();
      wh = await openWarehouse(db);
    }
  });

  it("values travel as parameters; bad period types, series and database names are refused", () => {
    const {sql, params} = indicatorQuerySql({indicators: ["x'); DROP TABLE dim_units; --"], units: ["a"], periodType: "year", periods: ["2020"]});
    expect(sql).not.toContain("DROP");
    expect(params).toEqual(["year", "x'); DROP TABLE dim_units; --", "a", "2020"]);
    expect(() => indicatorQuerySql({periodType: "week" as never})).toThrow(/periodType/);
    expect(() => indicatorQuerySql({periodType: "year", series: "other" as never})).toThrow(/series/);
    expect(() => indicatorQuerySql({periodType: "year", database: "wh; DROP"})).toThrow(/database/);
  });
});
