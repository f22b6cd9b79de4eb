// The runner: declared dependency order, refusal of undeclared/cyclic dependencies, and all-or-nothing builds.
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {DataTestFailure, discoverModels, orderModels, runPipeline} from "../pipelines/runner.ts";
import {rows, tempWarehouse} from "./helpers/warehouse.ts";

function project(models: Record<string, string>): {modelsDir: string; seedsDir: string} {
  const root = mkdtempSync(join(tmpdir(), "chibo-models-"));
  const modelsDir = join(root, "models");
  const seedsDir = join(root, "seeds");
  mkdirSync(modelsDir);
  mkdirSync(seedsDir);
  for (const [file, sql] of Object.entries(models)) writeFileSync(join(modelsDir, file), sql);
  return {modelsDir, seedsDir};
}

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
beforeEach(async () => {
  ctx = await tempWarehouse();
});
afterEach(() => ctx.dispose());

describe("model order", () => {
  it("follows depends_on, whatever the file names", () => {
    const {modelsDir} = project({
      "a_mart.sql": "-- a_mart: x\n-- depends_on: z_fact\nSELECT * FROM z_fact",
      "z_fact.sql": "-- z_fact: x\n-- depends_on: m_stage\nSELECT * FROM m_stage",
      "m_stage.sql": "-- m_stage: x\nSELECT 1 AS one"
    });
    expect(orderModels(discoverModels(modelsDir)).map((m) => m.name)).toEqual(["m_stage", "z_fact", "a_mart"]);
  });

  it("refuses a model that reads another without declaring it, and cycles", () => {
    const undeclared = project({"a.sql": "-- a\nSELECT 1 AS x", "b.sql": "-- b\nSELECT * FROM a"});
    expect(() => orderModels(discoverModels(undeclared.modelsDir))).toThrow(/uses model "a" but does not declare it/);
    const cyclic = project({"a.sql": "-- a\n-- depends_on: b\nSELECT * FROM b", "b.sql": "-- b\n-- depends_on: a\nSELECT * FROM a"});
    expect(() => orderModels(discoverModels(cyclic.modelsDir))).toThrow(/cycle/);
  });
});

describe("building", () => {
  it("a failing data test names the model and rows, and leaves the previous tables in place", async () => {
    const good = project({"numbers.sql": "-- numbers: one row per n\nSELECT range AS n FROM range(3)", "numbers.tests.sql": "-- test: n below 5\nSELECT * FROM numbers WHERE n >= 5"});
    const first = await runPipeline(ctx.wh.conn, good);
    expect(first.steps.filter((s) => s.kind === "test").map((s) => s.rows)).toEqual([0]);

    const bad = project({"numbers.sql": "-- numbers: one row per n\nSELECT range AS n FROM range(7)", "numbers.tests.sql": "-- test: n below 5\nSELECT * FROM numbers WHERE n >= 5"});
    const error = await runPipeline(ctx.wh.conn, bad).catch((e) => e);
    expect(error).toBeInstanceOf(DataTestFailure);
    expect(error.message).toMatch(/numbers › n below 5 .* 2 dòng vi phạm/);
    expect(await rows(ctx.wh.conn, "SELECT count(*)::INTEGER AS n FROM numbers")).toEqual([{n: 3}]);
  });

  it("skips when neither models nor submissions changed, and rebuilds when forced", async () => {
    const p = project({"one.sql": "-- one\nSELECT 1 AS x"});
    expect((await runPipeline(ctx.wh.conn, p)).skipped).toBe(false);
    expect((await runPipeline(ctx.wh.conn, p)).skipped).toBe(true);
    expect((await runPipeline(ctx.wh.conn, {...p, force: true})).skipped).toBe(false);
  });
});
