// Crash consistency: an ingest killed with SIGKILL at any moment leaves the warehouse exactly as before that
// file or exactly as after it; the ledger agrees; the archive is intact; the next ingest works.
// Default: a few kill points (CI); CHIBO_LONG=1 tries many more (benchmark machine).
import {spawnSync} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {killDelay, MID_RUN_SHARE, referenceRun, runAndKill} from "./helpers/kill.ts";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {openWarehouse, queryRows} from "../loaders/warehouse.ts";
import {generate} from "../scripts/bench-ingest.ts";
import {sha256File} from "../scripts/lib/fingerprint.ts";

const KILL_POINTS = process.env.CHIBO_LONG ? 40 : 8;
const ROWS = process.env.CHIBO_LONG ? 3_000_000 : 800_000;
const ROOT = join(import.meta.dirname, "..");

let dir: string;
let base: string; // warehouse with the registries and one year loaded
let bigFile: string; // one committee's meeting log for all years, as one submission
let before: string;
let after: string;
let fullMs = 0;

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

function ingestCommand(db: string) {
  return ["--import", "tsx", join(ROOT, "loaders", "cli.ts"), "--db", db, bigFile];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-crash-"));
  // one committee's meeting log for 2016–2022 as one file, large enough for kills to land mid-load (it takes the
  // large-file path: DuckDB reads it directly), and an earlier, smaller submission of the same years it replaces
  const gen = generate(join(dir, "gen"), ROWS);
  bigFile = gen.meetings;
  base = join(dir, "base.duckdb");
  const early = join(dir, "early", basename(gen.meetings).replace(".csv", "_lan-1.csv"));
  mkdirSync(dirname(early));
  writeFileSync(early, readFileSync(gen.meetings, "utf8").split("\n").slice(0, 20_001).join("\n") + "\n");
  const loaded = await ingestPaths([...gen.registries, early], {db: base});
  expect(loaded.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);

  before = await signature(base);
  ({ms: fullMs, state: after} = await referenceRun(base, join(dir, "ref.duckdb"), ingestCommand, ROOT, signature));
}, 240_000);

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("SIGKILL during ingest", () => {
  it("the reference load changes the warehouse (so the test can tell before from after)", () => {
    expect(after).not.toBe(before);
  });

  it(`at ${KILL_POINTS} points: before or after, never between; archive intact; the next ingest completes`, async () => {
    const outcomes = {before: 0, after: 0, midRun: 0};
    for (let k = 0; k < KILL_POINTS; k++) {
      const db = join(dir, `kill-${k}.duckdb`);
      copyFileSync(base, db);
      const archive = join(dir, "archive");
      rmSync(archive, {recursive: true, force: true});
      const delay = killDelay(k, KILL_POINTS, fullMs);
      if ((await runAndKill(ingestCommand(db), ROOT, delay)).killed) outcomes.midRun++;

      const state = await signature(db);
      expect([before, after], `kill point ${k} (${delay} ms) left a state that is neither before nor after`).toContain(state);
      outcomes[state === before ? "before" : "after"]++;

      const again = spawnSync(process.execPath, ingestCommand(db), {cwd: ROOT, encoding: "utf8"});
      expect(again.status, again.stdout + again.stderr).toBe(0);
      expect(await signature(db).then((s) => s.replace(/,?sinh_hoat_HU-BENCH_2016-2022\.csv=duplicate/, ""))).toBe(after);
      for (const f of existsSync(archive) ? readdirSync(archive) : []) expect(sha256File(join(archive, f)), `archived ${f}`).toBe(f);
    }
    console.log(`crash test: ${KILL_POINTS} kill points over ${Math.round(fullMs)} ms — ${outcomes.midRun} ended a running ingest; ${outcomes.before} before, ${outcomes.after} after`);
    expect(outcomes.midRun, "kill points that ended a running ingest").toBeGreaterThanOrEqual(Math.ceil(KILL_POINTS * MID_RUN_SHARE));
  }, process.env.CHIBO_LONG ? 1_800_000 : 600_000);
});
