// One command for a new or corrected file (npm run refresh) and the inbox that npm start watches: exit codes as
// npm run ingest, each step timed, the published data changed only by what was accepted, and files dropped into
// the inbox refreshed and moved to done/ or rejected/.
import {spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {SUMMARY, type Manifest} from "../src/components/data-layout.ts";
import {builtWarehouse} from "./helpers/warehouse.ts";
import {openDatabase} from "../warehouse/warehouse.ts";
import {publish} from "../pipelines/publish/publish.ts";
import {watchInbox} from "../scripts/inbox.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "pipeline");
const ROOT = join(import.meta.dirname, "..");
let dir: string;
let db: string;
let out: string;

const manifest = (): Manifest => JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
/** HU-B's regular-meeting share in 2020, as the pages read it. */
function published(): number | null {
  const m = manifest();
  const s = JSON.parse(readFileSync(join(out, m.files[SUMMARY.series].path), "utf8"));
  return s.v.regular_meeting_rate["HU-B"][s.years.indexOf(2020)];
}

/** HU-B's 2020 log without its first `drop` meetings. */
function correctedLog(folder: string, drop: number): string {
  mkdirSync(folder, {recursive: true});
  const lines = readFileSync(join(FIXTURE, "sinh_hoat_HU-B_2020.csv"), "utf8").trimEnd().split("\n");
  const path = join(folder, "sinh_hoat_HU-B_2020.csv");
  writeFileSync(path, [lines[0], ...lines.slice(1 + drop)].join("\n") + "\n");
  return path;
}

function refreshCli(...args: string[]) {
  return spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["pipelines/refresh.ts", "--db", db, "--out", out, ...args], {cwd: ROOT, encoding: "utf8"});
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-refresh-"));
  out = join(dir, "data");
  db = await builtWarehouse(dir, FIXTURE);
  await publish({db, out});
}, 120_000);

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("npm run refresh", () => {
  it("ingests, runs the pipeline and publishes, printing each step with its time; exit 0", () => {
    const before = published();
    const r = refreshCli(correctedLog(join(dir, "a"), 2));
    expect(r.status, r.stderr).toBe(0);
    for (const step of ["[1/3] Nạp hồ sơ / ingest: xong / done (", "[2/3] Tính chỉ tiêu / pipeline: xong / done (", "[3/3] Công bố dữ liệu / publish: xong / done ("]) expect(r.stdout).toContain(step);
    expect(r.stdout).toMatch(/phân vùng \/ partitions: HU-B 2020/);
    expect(r.stdout).toMatch(/Tổng thời gian \/ total: \d+,\d s — mã thoát \/ exit 0/);
    expect(published()).toBeLessThan(before!);
  }, 120_000);

  it("a rejected file: exit 1, its reasons printed, the published data unchanged", () => {
    const before = manifest().files;
    const bad = join(dir, "b", "sinh_hoat_HU-B_2020.csv");
    mkdirSync(join(dir, "b"), {recursive: true});
    writeFileSync(bad, readFileSync(correctedLog(join(dir, "b0"), 0), "utf8").replace("HU-B.001;03/02/2020;", "HU-B.001;31/02/2020;"));
    const r = refreshCli("--json", bad);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
    expect(json.exit).toBe(1);
    expect(json.files[0].status).toBe("rejected");
    expect(json.files[0].problem_count).toBeGreaterThan(0);
    expect(json.steps.map((s: {step: string}) => s.step)).toEqual(["ingest", "pipeline", "publish"]);
    // the rejection is in the committee's ledger; no figure moved
    const after = manifest().files;
    expect(after[SUMMARY.series]).toEqual(before[SUMMARY.series]);
  }, 120_000);

  it("usage errors exit 2; a warehouse held by another writer exits 3 and changes nothing", async () => {
    expect(refreshCli().status).toBe(2);
    expect(refreshCli(join(dir, "no-such-file.csv")).status).toBe(2);
    const holder = await openDatabase(db);
    try {
      const r = refreshCli(correctedLog(join(dir, "c"), 3));
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/đang được một tiến trình khác sử dụng/);
    } finally {
      holder.close();
    }
  }, 120_000);
});

describe("the inbox npm start watches", () => {
  it("refreshes a dropped file within seconds and moves it to done/; a bad file goes to rejected/ with its reasons printed", async () => {
    const inbox = join(dir, "inbox");
    const lines: string[] = [];
    const batches: string[][] = [];
    const watcher = watchInbox({dir: inbox, db, out, log: (l) => lines.push(l), pollMs: 200, onBatch: (files) => batches.push(files)});
    try {
      const before = published();
      const t0 = Date.now();
      cpSync(correctedLog(join(dir, "d"), 4), join(inbox, "sinh_hoat_HU-B_2020.csv"));
      writeFileSync(join(inbox, "sinh_hoat_HU-Z_2020.csv"), "ma_chi_bo,ngay\nHU-Z.001,2020-01-01\n");
      while (!existsSync(join(inbox, "done", "sinh_hoat_HU-B_2020.csv")) || !existsSync(join(inbox, "rejected", "sinh_hoat_HU-Z_2020.csv"))) {
        if (Date.now() - t0 > 60_000) throw new Error(`inbox not processed:\n${lines.join("\n")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await watcher.idle();
      console.log(`inbox: both files handled ${((Date.now() - t0) / 1000).toFixed(1)} s after they were dropped`);
      expect(readdirSync(inbox).filter((f) => f.endsWith(".csv"))).toEqual([]);
      expect(published()).not.toBe(before);
      const text = lines.join("\n");
      expect(text).toMatch(/sinh_hoat_HU-Z_2020\.csv: BỊ TỪ CHỐI/);
      expect(text).toMatch(/\[3\/3\] Công bố dữ liệu \/ publish: xong/);
    } finally {
      watcher.close();
    }
  }, 120_000);
});
