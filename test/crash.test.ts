// Crash consistency: an ingest killed with SIGKILL at any moment leaves the warehouse exactly as before that
// file or exactly as after it; the ledger agrees; the archive is intact; the next ingest works.
// Kill points are placed on the ingest's own progress bar (test/helpers/kill.ts); most must land mid-run. Every
// run has one kill point while the transaction that replaces the rows commits and one just after the commit; the
// others are spread over the whole run. Default: 5 in all (CI); CHIBO_LONG=1 tries 40 (benchmark machine).
import {spawnSync} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, join} from "node:path";
import {pathToFileURL} from "node:url";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {killPointAt, killPointDuring, killPoints, MID_RUN_SHARE, progressByKey, referenceRun, runAndKill, type OutputLine, type Run} from "./helpers/kill.ts";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {openWarehouse, queryRows} from "../loaders/record/warehouse.ts";
import {generate} from "../scripts/bench-ingest.ts";
import {sha256File} from "../scripts/lib/fingerprint.ts";
import type {FileResult} from "../loaders/record/file-result.ts";
import {cachedWarehouse} from "./helpers/warehouse.ts";

const KILL_POINTS = process.env.CHIBO_LONG ? 40 : 5;
const ROWS = process.env.CHIBO_LONG ? 3_000_000 : 800_000;
const ROOT = join(import.meta.dirname, "..");

let dir: string;
let base: string; // warehouse with the registries and one year loaded
let bigFile: string; // one committee's meeting log for all years, as one submission
let before: string;
let after: string;
let reference: Run;

/**
 * Everything a user could see of the warehouse, minus ids and timestamps, as the next process that writes it
 * (an ingest, the pipeline) opens it: that open removes the rows DuckDB may replay without their ledger entry
 * after a kill during the commit (loaders/warehouse.ts, removeUncommittedRows).
 */
async function signature(db: string): Promise<string> {
  const wh = await openWarehouse(db);
  try {
    const parts = await queryRows<{s: string}>(
      wh.conn,
      `SELECT (SELECT count(*) || ':' || coalesce(sum(hash(committee_code, line, ma_chi_bo, ngay, loai, dang_vien, mien, co_mat)), 0) FROM raw_meetings)
           || '|' || (SELECT count(*) FROM raw_units)
           || '|' || (SELECT coalesce(string_agg(file_name || '=' || status, ',' ORDER BY file_name, status), '') FROM submissions) AS s`
    );
    return parts[0].s;
  } finally {
    wh.close();
  }
}

function ingestCommand(db: string, preload: string[] = []) {
  return ["--import", "tsx", ...preload, join(ROOT, "loaders", "cli.ts"), "--db", db, bigFile];
}

/**
 * The same, with stderr taken for a terminal (test/helpers/stderr-tty.ts): the ingest then draws its progress bar
 * into the pipe, which it does for a log only for files of 256 MB and more.
 */
const TTY = pathToFileURL(join(ROOT, "test", "helpers", "stderr-tty.ts")).href;
const ingestWithProgress = (db: string) => ingestCommand(db, ["--import", TTY]);

/**
 * Where a line shows the ingest to be: a phase of the progress bar ("[███░░]  63% file — nạp / loading 2 s") and
 * its percentage, then the result lines on stdout (numbers aside).
 */
function ingestProgress(ref: Run): (l: OutputLine) => number | null {
  const key = (l: OutputLine) => {
    if (l.stream === "stdout") return l.text.replace(/\d[\d.,]*/g, "#");
    const phase = / — (.+?) \d+ s$/.exec(l.text);
    return phase ? `phase ${phase[1]}` : null;
  };
  return progressByKey(ref, key, (l) => Number(/(\d+)%/.exec(l.text)?.[1] ?? 0));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-crash-"));
  base = join(dir, "base.duckdb");
  // one committee's meeting log for 2016–2022 as one file, large enough for kills to land mid-load (it takes the
  // large-file path: DuckDB reads it directly), and an earlier, smaller submission of the same years it replaces,
  // loaded with the registries into the base warehouse: made once (test/helpers/warehouse.ts), the files read
  // where they were made, the warehouse and its archive copied here
  let loaded: FileResult[];
  ({bigFile, loaded} = await cachedWarehouse(`crash-ingest-${ROWS}`, ["scripts/bench-ingest.ts", "test/crash.test.ts"], base, async (db) => {
    const gen = generate(join(dirname(db), "gen"), ROWS);
    const early = join(dirname(db), "early", basename(gen.meetings).replace(".csv", "_lan-1.csv"));
    mkdirSync(dirname(early));
    writeFileSync(early, readFileSync(gen.meetings, "utf8").split("\n").slice(0, 20_001).join("\n") + "\n");
    return {bigFile: gen.meetings, loaded: await ingestPaths([...gen.registries, early], {db})};
  }));
  expect(loaded.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);

  before = await signature(base);
  ({run: reference, state: after} = await referenceRun(base, join(dir, "ref.duckdb"), ingestWithProgress, {cwd: ROOT}, signature));
}, 240_000);

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("SIGKILL during ingest", () => {
  it("the reference load changes the warehouse (so the test can tell before from after)", () => {
    expect(after).not.toBe(before);
  });

  it("the ingest prints its progress as it goes (the kill points are placed on it)", () => {
    const progress = ingestProgress(reference);
    const phases = new Set(reference.lines.filter((l) => l.stream === "stderr" && progress(l) !== null).map((l) => Math.floor(progress(l)! / 1000)));
    expect(phases.size, reference.stderr.slice(0, 2000)).toBeGreaterThanOrEqual(3);
  });

  it(`at ${KILL_POINTS} points: before or after, never between; archive intact; the next ingest completes`, async () => {
    const outcomes = {before: 0, after: 0, midRun: 0};
    const log: string[] = [];
    // spread over the run (the first of them before the commit), one while the rows are replaced and committed
    // (the step that ends with the "writing" line), and one as soon as the file is reported loaded (after the
    // commit, before the exit)
    const progress = ingestProgress(reference);
    const points = [
      ...killPoints(reference, KILL_POINTS - 2, progress),
      killPointDuring(reference, progress, (l) => l.stream === "stderr" && l.text.includes("ghi / writing")),
      killPointAt(reference, (l) => l.stream === "stdout" && l.text.startsWith("[1/1]"))
    ];
    for (const [k, point] of points.entries()) {
      const db = join(dir, `kill-${k}.duckdb`);
      copyFileSync(base, db);
      const archive = join(dir, "archive");
      rmSync(archive, {recursive: true, force: true});
      const run = await runAndKill(process.execPath, ingestWithProgress(db), {cwd: ROOT, at: point.at});
      const where = `kill point ${k} (${point.label}; reference ${point.targetMs} ms, killed at ${run.killedAt ?? "-"} ms)`;
      if (run.signal === "SIGKILL") outcomes.midRun++;
      else expect(run.code, `${where}: the ingest ended before it, and failed:\n${run.stderr.slice(-2000)}`).toBe(0);

      const state = await signature(db);
      expect([before, after], `${where} left a state that is neither before nor after`).toContain(state);
      outcomes[state === before ? "before" : "after"]++;
      log.push(`  ${k}: ${point.label} → ${run.signal === "SIGKILL" ? `killed at ${run.killedAt} ms` : `ended first (${run.ms} ms)`}, ${state === before ? "before" : "after"}`);

      const again = spawnSync(process.execPath, ingestCommand(db), {cwd: ROOT, encoding: "utf8"});
      expect(again.status, again.stdout + again.stderr).toBe(0);
      expect(await signature(db).then((s) => s.replace(/,?sinh_hoat_HU-BENCH_2016-2022\.csv=duplicate/, ""))).toBe(after);
      for (const f of existsSync(archive) ? readdirSync(archive) : []) expect(sha256File(join(archive, f)), `archived ${f}`).toBe(f);
    }
    console.log(
      `crash test: ${KILL_POINTS} kill points on the progress of a ${reference.ms} ms ingest — ${outcomes.midRun} of ${KILL_POINTS} landed mid-run (SIGKILL ended it); ${outcomes.before} before, ${outcomes.after} after\n${log.join("\n")}`
    );
    expect(outcomes.midRun, "kill points that ended a running ingest").toBeGreaterThanOrEqual(Math.ceil(KILL_POINTS * MID_RUN_SHARE));
  }, process.env.CHIBO_LONG ? 1_800_000 : 600_000);
});
