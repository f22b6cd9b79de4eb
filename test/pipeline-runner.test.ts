// The runner: declared dependency order, refusal of undeclared/cyclic dependencies, and all-or-nothing builds.
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {DataTestFailure, discoverModels, orderModels, runPipeline} from "../pipelines/runner.ts";
import {rows, tempWarehouse} from "./helpers/warehouse.ts";

function project(models: Record<string, string>): {modelsDir: string; seedsDir: string} {
  const root = mkdtempSync(join(tmpdir(), "chibo-models-"));
  const modelsDir = join(root, "models");
  const seedsDir = join(root, "seeds");
  mkdirSync(modelsDir);
  mkdirSync(seedsDir);
  for (const [file, sql] of Object.entries(models)) {
    mkdirSync(dirname(join(modelsDir, file)), {recursive: true});
    writeFileSync(join(modelsDir, file), sql);
  }
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

  it("lets data flow one way through the folders: an edge back to a later folder is refused", () => {
    const forward = project({
      "staging/stg_a.sql": "-- stg_a\nSELECT 1 AS x",
      "facts/fct_b.sql": "-- fct_b\n-- depends_on: stg_a, fct_c\nSELECT * FROM stg_a, fct_c",
      "facts/fct_c.sql": "-- fct_c\n-- depends_on: stg_a\nSELECT * FROM stg_a",
      "marts/m.sql": "-- m\n-- depends_on: fct_b\nSELECT * FROM fct_b"
    });
    expect(orderModels(discoverModels(forward.modelsDir)).map((m) => m.name)).toEqual(["stg_a", "fct_c", "fct_b", "m"]);
    const back = project({
      "intermediate/int_a.sql": "-- int_a\n-- depends_on: dim\nSELECT * FROM dim",
      "marts/dim.sql": "-- dim\nSELECT 1 AS x"
    });
    expect(() => orderModels(discoverModels(back.modelsDir))).toThrow(/reads "dim" from marts\/, a later folder than intermediate\//);
  });

  it("refuses a model that reads a raw table without declaring it as a source, and an unknown source", () => {
    const undeclared = project({"stg.sql": "-- stg\nSELECT * FROM raw_meetings"});
    expect(() => orderModels(discoverModels(undeclared.modelsDir))).toThrow(/reads raw table "raw_meetings" but does not declare it/);
    const unknown = project({"stg.sql": "-- stg\n-- sources: raw_things\nSELECT 1 AS x"});
    expect(() => orderModels(discoverModels(unknown.modelsDir))).toThrow(/unknown raw table "raw_things"/);
    const declared = project({"stg.sql": "-- stg\n-- depends_on:\n-- sources: raw_meetings\nSELECT * FROM raw_meetings"});
    expect(discoverModels(declared.modelsDir)[0]).toMatchObject({dependsOn: [], sources: ["raw_meetings"]});
  });

  it("the project's own models flow one way and declare their raw tables", () => {
    const models = orderModels(discoverModels());
    expect(models.every((m) => m.layer !== undefined)).toBe(true);
    expect(models.filter((m) => m.sources.length).map((m) => m.name).sort()).toEqual(
      ["int_partitions", "stg_meeting_log_submissions", "stg_meetings", "stg_ratings", "stg_submission_committees", "stg_units"].sort()
    );
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

  const objects = async () =>
    (await rows(ctx.wh.conn, "SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND NOT temporary ORDER BY 1")).map((r) => String(r.name));

  it("a full build writes shadow tables and swaps them in at the end; a failed one leaves none behind", async () => {
    const p = project({
      "numbers.sql": "-- numbers: one row per n\nSELECT range AS n FROM range(3)",
      "twice.sql": "-- twice: one row per n\n-- materialized: view\n-- depends_on: numbers\nSELECT n * 2 AS m FROM numbers",
      "total.sql": "-- total: one row\n-- depends_on: twice\nSELECT sum(m)::INTEGER AS s FROM twice"
    });
    const seen: Promise<string[]>[] = [];
    await runPipeline(ctx.wh.conn, {...p, onStep: (s) => void (s.kind === "model" && seen.push(objects()))});
    // while building, the new tables exist only under shadow names
    expect((await Promise.all(seen)).flat()).toContain("numbers__next");
    expect((await Promise.all(seen)).flat()).not.toContain("numbers");
    expect((await objects()).filter((n) => n.endsWith("__next"))).toEqual([]);
    // the published view reads the published table, not a shadow
    expect(await rows(ctx.wh.conn, "SELECT sql FROM duckdb_views() WHERE view_name = 'twice'").then((r) => String(r[0].sql))).not.toMatch(/__next/);
    expect(await rows(ctx.wh.conn, "SELECT s FROM total")).toEqual([{s: 6}]);

    const bad = project({...Object.fromEntries([["numbers.sql", "-- numbers: one row per n\nSELECT range AS n FROM range(9)"]]), "numbers.tests.sql": "-- test: n below 5\nSELECT * FROM numbers WHERE n >= 5"});
    await expect(runPipeline(ctx.wh.conn, {...bad, force: true})).rejects.toBeInstanceOf(DataTestFailure);
    expect((await objects()).filter((n) => n.endsWith("__next"))).toEqual([]);
    expect(await rows(ctx.wh.conn, "SELECT s FROM total")).toEqual([{s: 6}]);
  });

  it("drops the shadow tables of a build that was killed, and leaves the published ones alone", async () => {
    const p = project({"numbers.sql": "-- numbers: one row per n\nSELECT range AS n FROM range(3)"});
    await runPipeline(ctx.wh.conn, p);
    // what a build killed half-way leaves: committed shadows
    await ctx.wh.conn.run("CREATE TABLE numbers__next AS SELECT 42 AS n");
    await ctx.wh.conn.run("CREATE VIEW stale__next AS SELECT 1 AS x");
    expect(await rows(ctx.wh.conn, "SELECT count(*)::INTEGER AS n FROM numbers")).toEqual([{n: 3}]);
    await runPipeline(ctx.wh.conn, p); // nothing to redo, but the leftovers go
    expect(await objects()).not.toContain("stale__next");
    expect(await objects()).not.toContain("numbers__next");
    expect(await rows(ctx.wh.conn, "SELECT count(*)::INTEGER AS n FROM numbers")).toEqual([{n: 3}]);
  });

  it("skips when neither models nor submissions changed, and rebuilds when forced", async () => {
    const p = project({"one.sql": "-- one\nSELECT 1 AS x"});
    expect((await runPipeline(ctx.wh.conn, p)).skipped).toBe(false);
    expect((await runPipeline(ctx.wh.conn, p)).skipped).toBe(true);
    expect((await runPipeline(ctx.wh.conn, {...p, force: true})).skipped).toBe(false);
  });
});

describe("materializations", () => {
  it("builds views, and a table as a view above a row count", async () => {
    const p = project({
      "base.sql": "-- base: one row per n\nSELECT range AS n FROM range(5)",
      "doubled.sql": "-- doubled: one row per n\n-- materialized: view\n-- depends_on: base\nSELECT n * 2 AS m FROM base",
      "small.sql": "-- small: a table while base is small\n-- view_above: 10 rows in base\n-- depends_on: base\nSELECT n FROM base"
    });
    const r = await runPipeline(ctx.wh.conn, p);
    expect(Object.fromEntries(r.steps.filter((s) => s.kind === "model").map((s) => [s.name, s.how]))).toEqual({base: "table", doubled: "view", small: "table"});
    const big = project({
      "base.sql": "-- base: one row per n\nSELECT range AS n FROM range(50)",
      "doubled.sql": "-- doubled: one row per n\n-- materialized: view\n-- depends_on: base\nSELECT n * 2 AS m FROM base",
      "small.sql": "-- small: a table while base is small\n-- view_above: 10 rows in base\n-- depends_on: base\nSELECT n FROM base"
    });
    const r2 = await runPipeline(ctx.wh.conn, big);
    expect(r2.steps.find((s) => s.name === "small")?.how).toBe("view");
    expect(await rows(ctx.wh.conn, "SELECT count(*)::INTEGER AS n FROM small")).toEqual([{n: 50}]);
  });

  it("switches the optimizers a model's header names off while it is built, and only then", async () => {
    const p = project({
      "planned.sql": "-- planned: the setting seen while it is built\n-- disabled_optimizers: build_side_probe_side\nSELECT current_setting('disabled_optimizers') AS d",
      "after.sql": "-- after: the setting seen by the next model\n-- depends_on: planned\nSELECT current_setting('disabled_optimizers') AS d FROM planned"
    });
    await runPipeline(ctx.wh.conn, p);
    expect(await rows(ctx.wh.conn, "SELECT d FROM planned")).toEqual([{d: "build_side_probe_side"}]);
    expect(await rows(ctx.wh.conn, "SELECT d FROM after")).toEqual([{d: ""}]);
    expect(() => discoverModels(project({"x.sql": "-- x\n-- disabled_optimizers: join_order; DROP TABLE y\nSELECT 1 AS one"}).modelsDir)).toThrow(/optimizer names/);
  });

  it("stores a partitioned model's rows in the order its header names (sorted_by), and refuses an order that does not start with the committee", async () => {
    // input deliberately in the reverse order: committee B first, the k of each committee descending
    await ctx.wh.conn.run("CREATE TABLE parts_input AS SELECT c AS committee_code, 2020 AS year, k FROM (VALUES ('B'), ('A')) t(c), range(500, 0, -1) r(k)");
    const facts = (sortedBy: string) =>
      `-- facts: one row per committee and k\n-- materialized: partitioned\n-- partition_by: committee_code, year\n-- sorted_by: ${sortedBy}\n` +
      "SELECT committee_code, year, k FROM parts_input WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)";
    const p = project({
      "int_partitions.sql": "-- int_partitions: one row per partition\n-- depends_on:\nSELECT committee_code, year, md5(string_agg(k::VARCHAR, ',')) AS fingerprint FROM parts_input GROUP BY ALL",
      "facts.sql": facts("committee_code, k")
    });
    await runPipeline(ctx.wh.conn, p);
    const stored = await rows<{committee_code: string; k: number}>(ctx.wh.conn, "SELECT committee_code, k::INTEGER AS k FROM facts ORDER BY rowid");
    const expected = ["A", "B"].flatMap((c) => Array.from({length: 500}, (_, i) => ({committee_code: c, k: i + 1})));
    expect(stored).toEqual(expected);
    expect(() => discoverModels(project({"facts.sql": facts("k, committee_code")}).modelsDir)).toThrow(/starts with committee_code/);
    expect(() => discoverModels(project({"facts.sql": facts("committee_code, k; DROP TABLE x")}).modelsDir)).toThrow(/column names/);
  });

  it("a partitioned model that fails at run time is reported with its own error, and the next run says the same", async () => {
    await ctx.wh.conn.run("CREATE TABLE parts_input AS SELECT 'A' AS committee_code, 2020 AS year, 'x' AS v");
    const p = project({
      "int_partitions.sql": "-- int_partitions: one row per partition\n-- depends_on:\nSELECT committee_code, year, md5(string_agg(v, ',')) AS fingerprint FROM parts_input GROUP BY ALL",
      "facts.sql":
        "-- facts: one row per committee and year\n-- materialized: partitioned\n-- partition_by: committee_code, year\n" +
        "SELECT committee_code, year, v::INTEGER AS n FROM parts_input WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)"
    });
    for (let run = 0; run < 2; run++) {
      const error = (await runPipeline(ctx.wh.conn, p).catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(/facts\.sql: Conversion Error/);
      expect(error.message).not.toMatch(/transaction is aborted/i);
    }
  });

  it("builds a partitioned model one year at a time, then rebuilds only the partitions whose fingerprint changed", async () => {
    await ctx.wh.conn.run("CREATE TABLE parts_input (committee_code VARCHAR, year INTEGER, v INTEGER)");
    await ctx.wh.conn.run("INSERT INTO parts_input VALUES ('A', 2020, 1), ('A', 2021, 2), ('B', 2020, 3)");
    const models = {
      // the partition list: a submission in force changes the fingerprint; here a trigger table stands in
      "int_partitions.sql": "-- int_partitions: one row per partition\n-- depends_on:\nSELECT committee_code, year, md5(string_agg(v::VARCHAR, ',')) AS fingerprint FROM parts_input GROUP BY ALL",
      "facts.sql":
        "-- facts: one row per committee, year and copy\n-- materialized: partitioned\n-- partition_by: committee_code, year\n" +
        "SELECT committee_code, year, v * 10 AS w, now()::VARCHAR AS built_at FROM parts_input WHERE year BETWEEN scope_year_from() AND scope_year_to() AND in_scope_committee(committee_code)"
    };
    const p = project(models);
    const first = await runPipeline(ctx.wh.conn, p);
    expect(first.mode).toBe("full");
    expect(first.steps.find((s) => s.name === "facts")?.how).toBe("2 partition batches");
    const before = await rows<{committee_code: string; year: number; built_at: string}>(ctx.wh.conn, "SELECT committee_code, year, built_at FROM facts ORDER BY 1, 2");
    await ctx.wh.conn.run("UPDATE parts_input SET v = 5 WHERE committee_code = 'A' AND year = 2021");
    await ctx.wh.conn.run("INSERT INTO submissions VALUES (1, 'x.csv', 'abc', 'sinh_hoat', 'A', [2021], 1, 1, 0, 'accepted', now()::TIMESTAMP, now()::TIMESTAMP, NULL, NULL)");
    const second = await runPipeline(ctx.wh.conn, p);
    expect(second.mode).toBe("incremental");
    expect(second.partitions).toEqual([{committee_code: "A", year: 2021}]);
    expect(await rows(ctx.wh.conn, "SELECT committee_code, year, w FROM facts ORDER BY 1, 2")).toEqual([
      {committee_code: "A", year: 2020, w: 10},
      {committee_code: "A", year: 2021, w: 50},
      {committee_code: "B", year: 2020, w: 30}
    ]);
    const after = await rows<{committee_code: string; year: number; built_at: string}>(ctx.wh.conn, "SELECT committee_code, year, built_at FROM facts ORDER BY 1, 2");
    expect(after[0].built_at).toBe(before[0].built_at); // untouched partitions are kept
    expect(after[2].built_at).toBe(before[2].built_at);
  });

  it("rebuilds only the changed committee's term that holds the changed year, in a model partitioned by committee and term", async () => {
    await ctx.wh.conn.run("CREATE TABLE parts_input (committee_code VARCHAR, year INTEGER, v INTEGER)");
    await ctx.wh.conn.run("INSERT INTO parts_input VALUES ('A', 2018, 1), ('A', 2019, 2), ('A', 2021, 4), ('B', 2021, 8)");
    const p = project({
      "int_partitions.sql": "-- int_partitions: one row per partition\n-- depends_on:\nSELECT committee_code, year, md5(string_agg(v::VARCHAR, ',')) AS fingerprint FROM parts_input GROUP BY ALL",
      "terms.sql":
        "-- terms: one row per committee and term\n-- materialized: partitioned\n-- partition_by: committee_code, term\n" +
        "SELECT committee_code, term_of(year) AS period, sum(v)::INTEGER AS v, now()::VARCHAR AS built_at FROM parts_input\n" +
        "WHERE in_scope_committee(committee_code) AND in_scope_term(term_of(year)) GROUP BY ALL"
    });
    await runPipeline(ctx.wh.conn, p);
    const table = () => rows<{committee_code: string; period: string; v: number; built_at: string}>(ctx.wh.conn, "SELECT * FROM terms ORDER BY 1, 2");
    const before = await table();
    expect(before.map((r) => [r.committee_code, r.period, r.v])).toEqual([["A", "2015-2020", 3], ["A", "2020-2025", 4], ["B", "2020-2025", 8]]);
    await ctx.wh.conn.run("UPDATE parts_input SET v = 5 WHERE committee_code = 'A' AND year = 2019");
    await ctx.wh.conn.run("INSERT INTO submissions VALUES (1, 'x.csv', 'abc', 'sinh_hoat', 'A', [2019], 1, 1, 0, 'accepted', now()::TIMESTAMP, now()::TIMESTAMP, NULL, NULL)");
    const second = await runPipeline(ctx.wh.conn, p);
    expect(second.partitions).toEqual([{committee_code: "A", year: 2019}]);
    const after = await table();
    expect(after.map((r) => [r.committee_code, r.period, r.v])).toEqual([["A", "2015-2020", 6], ["A", "2020-2025", 4], ["B", "2020-2025", 8]]);
    expect(after[0].built_at).not.toBe(before[0].built_at);
    expect(after[1].built_at).toBe(before[1].built_at); // the same committee's other term is kept
    expect(after[2].built_at).toBe(before[2].built_at);
  });
});

