// Crash consistency of the pipeline: a run killed with SIGKILL at any moment leaves every mart exactly as before
// the run or exactly as after it (the runner builds everything in one transaction, so the site never reads a
// half-built mart), and the next run completes and gives the full result.
// Kill points are placed on the steps the pipeline prints (test/helpers/kill.ts); most must land mid-run. Every
// run has one kill point while the marts are swapped in and committed and one just after the commit; the others
// are spread over the whole run. Default: 5 in all (CI); CHIBO_LONG=1 tries 30 (benchmark machine).
import {spawnSync} from "node:child_process";
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {killPointAt, killPointDuring, killPoints, MID_RUN_SHARE, progressByKey, referenceRun, runAndKill, type OutputLine, type Run} from "./helpers/kill.ts";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {openWarehouse, queryRows} from "../loaders/record/warehouse.ts";
import {sampleWarehouse} from "./helpers/sample.ts";

const KILL_POINTS = process.env.CHIBO_LONG ? 30 : 5;
const ROOT = join(import.meta.dirname, "..");

let dir: string;
let base: string; // raw data changed since the last pipeline run: the marts are one run behind
let before: string;
let after: string;
let reference: Run;

/** What the site reads: the marts' rows and the record of successful runs. */
async function signature(db: string): Promise<string> {
  const wh = await openWarehouse(db, {readOnly: true});
  try {
    const [{s}] = await queryRows<{s: string}>(
      wh.conn,
      `SELECT (SELECT count(*) || ':' || coalesce(sum(hash(indicator, unit_code, period_type, period, numerator, denominator)), 0) FROM indicator_values)
           || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(unit_code, period_type, period, indicator, numerator, denominator)), 0) FROM indicator_values_comparable)
           || '|' || (SELECT count(*) || ':' || coalesce(sum(hash(committee_code, year, reported, first_received_at)), 0) FROM reporting_status)
           || '|' || (SELECT count(*) FROM pipeline_runs) AS s`
    );
    return s;
  } finally {
    wh.close();
  }
}

const pipelineCommand = (db: string) => ["--import", "tsx", join(ROOT, "pipelines", "cli.ts"), "--db", db, "--force"];

/**
 * Where a line shows the pipeline to be: its first line, each step line ("  model fct_cell_months … 129,89 ms",
 * printed as the step ends, in the order of the reference run: a forced run has the same steps every time), the
 * last line.
 */
function pipelineProgress(ref: Run): (l: OutputLine) => number | null {
  return progressByKey(ref, (l) => {
    if (l.stream !== "stdout") return null;
    if (l.text.startsWith("Chạy pipeline")) return "start";
    if (l.text.startsWith("Xong")) return "done";
    const step = /^(seed|model|test|commit)\s+(.+?)(\s{2,}|$)/.exec(l.text);
    return step ? `${step[1]} ${step[2]}` : null;
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-crash-pipeline-"));
  base = join(dir, "base.duckdb");
  // the sample generated, ingested and run through the pipeline (made once for every test file)
  const {sample} = await sampleWarehouse(base);
  // a corrected resubmission: one committee's 2020 log without a third of its meetings
  const file = readdirSync(sample).find((f) => f === "sinh_hoat_HU-YS_2020.csv")!;
  const [header, ...lines] = readFileSync(join(sample, file), "utf8").trimEnd().split("\n");
  const corrected = join(dir, "corrected", file);
  mkdirSync(join(dir, "corrected"));
  writeFileSync(corrected, [header, ...lines.filter((_, i) => i % 3 !== 0)].join("\n") + "\n");
  const [res] = await ingestPaths([corrected], {db: base});
  expect(res.status).toBe("accepted");
  before = await signature(base);

  ({run: reference, state: after} = await referenceRun(base, join(dir, "ref.duckdb"), pipelineCommand, {cwd: ROOT}, signature));
}, 300_000);

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("SIGKILL during the pipeline", () => {
  it("the reference run changes the marts (so the test can tell before from after)", () => {
    expect(after).not.toBe(before);
  });

  it("the pipeline prints each step as it ends (the kill points are placed on them)", () => {
    const progress = pipelineProgress(reference);
    expect(reference.lines.filter((l) => progress(l) !== null).length, reference.stdout.slice(0, 2000)).toBeGreaterThanOrEqual(20);
  });

  it(`at ${KILL_POINTS} points: marts before or after, never half-built; the next run completes`, async () => {
    const outcomes = {before: 0, after: 0, midRun: 0};
    const log: string[] = [];
    // spread over the run (the first of them before the commit), one while the marts are swapped in and committed
    // (the step the "commit" line reports), and one as soon as the commit is reported (before the warehouse is closed)
    const progress = pipelineProgress(reference);
    const isCommit = (l: OutputLine) => /^commit\s/.test(l.text);
    const points = [...killPoints(reference, KILL_POINTS - 2, progress), killPointDuring(reference, progress, isCommit), killPointAt(reference, isCommit)];
    for (const [k, point] of points.entries()) {
      const db = join(dir, `kill-${k}.duckdb`);
      copyFileSync(base, db);
      const run = await runAndKill(process.execPath, pipelineCommand(db), {cwd: ROOT, at: point.at});
      const where = `kill point ${k} (${point.label}; reference ${point.targetMs} ms, killed at ${run.killedAt ?? "-"} ms)`;
      if (run.signal === "SIGKILL") outcomes.midRun++;
      else expect(run.code, `${where}: the pipeline ended before it, and failed:\n${run.stderr.slice(-2000)}`).toBe(0);

      const state = await signature(db);
      expect([before, after], `${where} left marts that are neither before nor after`).toContain(state);
      outcomes[state === before ? "before" : "after"]++;
      log.push(`  ${k}: ${point.label} → ${run.signal === "SIGKILL" ? `killed at ${run.killedAt} ms` : `ended first (${run.ms} ms)`}, ${state === before ? "before" : "after"}`);

      // the next ordinary run (not forced) brings the marts up to date
      const again = spawnSync(process.execPath, pipelineCommand(db).slice(0, -1), {cwd: ROOT, encoding: "utf8"});
      expect(again.status, again.stdout + again.stderr).toBe(0);
      const s = await signature(db);
      expect(s.slice(0, s.lastIndexOf("|")), `after ${where}, the next run`).toBe(after.slice(0, after.lastIndexOf("|")));
      rmSync(db, {force: true});
    }
    console.log(
      `pipeline crash test: ${KILL_POINTS} kill points on the steps of a ${reference.ms} ms run — ${outcomes.midRun} of ${KILL_POINTS} landed mid-run (SIGKILL ended it); ${outcomes.before} before, ${outcomes.after} after\n${log.join("\n")}`
    );
    expect(outcomes.midRun, "kill points that ended a running pipeline").toBeGreaterThanOrEqual(Math.ceil(KILL_POINTS * MID_RUN_SHARE));
  }, 900_000);
});
