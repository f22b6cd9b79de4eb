/**
 * npm run bench:refresh [-- --db FILE] [--national DIR] [--national-db FILE] [--national-data DIR] [--committee CODE] [--year 2022] [--skip-build]
 *
 * How long a corrected file takes to reach the dashboard, and what the site build and a full publish cost:
 *   1. the site build (pages only: it does not read the warehouse, so its time does not depend on the data);
 *   2. a full publish of the sample warehouse (a copy of --db, default data/warehouse.duckdb);
 *   3. `npm run refresh` of a corrected committee-year of the sample (the committee's meeting log with every
 *      tenth meeting left out), timed as a whole process, and a check that the served data changed;
 *   4. with the national shape built by `npm run bench:pipeline` (its files in --national DIR, default
 *      /tmp/chibo-bench-160x64, and its warehouse --national-db, default DIR.duckdb), when it exists: a full
 *      publish, then the refresh of one corrected committee-year (the committee's first copy), restored afterwards.
 *      --national-data DIR keeps the national publication there and reuses it when it exists (no full publish).
 * Each step runs in a process of its own; the figures are wall time and the process's kernel peak RSS.
 * Take them on an idle machine (`uptime`).
 */
import {execFileSync, spawnSync} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {SUMMARY, type Manifest} from "../src/components/data-layout.ts";

const ROOT = resolve(import.meta.dirname, "..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const nf = (x: number, d = 1) => x.toLocaleString("vi-VN", {minimumFractionDigits: d, maximumFractionDigits: d});

function timed(label: string, args: string[]): {seconds: number; json: Record<string, unknown> | null} {
  const t = performance.now();
  const r = spawnSync(TSX, args, {cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28, env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"}});
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${label} failed (exit ${r.status}):\n${r.stderr}\n${r.stdout.slice(-2000)}`);
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(last);
  } catch {
    json = null;
  }
  return {seconds, json};
}

/** The committee's yearly regular-meeting share as published (from the summary series). */
function published(out: string, committee: string, year: number): number | null {
  const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
  const s = JSON.parse(readFileSync(join(out, m.files[SUMMARY.series].path), "utf8"));
  return s.v.regular_meeting_rate?.[committee]?.[s.years.indexOf(year)] ?? null;
}

/** A corrected log: the committee's log with every tenth meeting left out. */
function corrected(source: string, dir: string): string {
  mkdirSync(dir, {recursive: true});
  const lines = readFileSync(source, "utf8").replace(/\n$/, "").split("\n");
  const target = join(dir, basename(source));
  writeFileSync(target, lines.filter((_, i) => i === 0 || i % 10 !== 0).join("\n") + "\n");
  return target;
}

function refreshOnce(label: string, db: string, out: string, file: string, committee: string, year: number) {
  const before = published(out, committee, year);
  const r = timed(label, ["pipelines/refresh.ts", "--db", db, "--out", out, "--json", file]);
  const after = published(out, committee, year);
  const steps = (r.json?.steps as {step: string; seconds: number}[] | undefined) ?? [];
  console.log(
    `  ${label}: ${nf(r.seconds)} s (${steps.map((s) => `${s.step} ${nf(s.seconds)} s`).join(", ")}), peak RSS ${r.json?.peakRssMiB} MiB; ` +
      `${committee} ${year}: ${before} → ${after} (×10⁻⁴) ${before !== after ? "— served data changed" : "— UNCHANGED"}; files written: ${(r.json?.written as string[] | undefined)?.length ?? "?"}`
  );
  return r;
}

async function main() {
  const {values} = parseArgs({
    options: {
      db: {type: "string", default: "data/warehouse.duckdb"},
      sample: {type: "string", default: "data/sample"},
      national: {type: "string", default: "/tmp/chibo-bench-160x64"},
      "national-db": {type: "string"},
      "national-data": {type: "string"},
      committee: {type: "string", default: "HU-SD"},
      year: {type: "string", default: "2022"},
      "skip-build": {type: "boolean", default: false}
    }
  });
  const year = Number(values.year);
  const work = mkdtempSync(join(tmpdir(), "chibo-bench-refresh-"));
  console.log(`bench:refresh — ${new Date().toISOString()}, load ${execFileSync("cat", ["/proc/loadavg"]).toString().trim()}`);
  try {
    if (!values["skip-build"]) {
      const t = performance.now();
      execFileSync(TSX, ["scripts/build-site.ts", "--out", join(work, "site")], {cwd: ROOT, stdio: "ignore"});
      console.log(`1. npm run build (pages only, any warehouse): ${nf((performance.now() - t) / 1000)} s`);
    }
    if (!existsSync(values.db)) throw new Error(`no warehouse at ${values.db}: run npm start -- --no-serve first`);
    const db = join(work, "warehouse.duckdb");
    copyFileSync(values.db, db);
    if (existsSync(`${values.db}.wal`)) copyFileSync(`${values.db}.wal`, `${db}.wal`);
    const out = join(work, "data");
    const full = timed("publish", ["pipelines/publish/cli.ts", "--db", db, "--out", out, "--full", "--json"]);
    console.log(`2. full publish, sample: ${nf(full.seconds)} s (in-process ${full.json?.seconds} s), peak RSS ${full.json?.peakRssMiB} MiB, ${full.json?.files} files`);
    const log = join(values.sample, `sinh_hoat_${values.committee}_${year}.csv`);
    console.log(`3. corrected ${basename(log)} → npm run refresh (sample):`);
    refreshOnce("refresh", db, out, corrected(log, join(work, "fix")), values.committee, year);

    const nationalDir = values.national!;
    const ndb = values["national-db"] ?? `${nationalDir.replace(/\/+$/, "")}.duckdb`;
    if (existsSync(ndb) && existsSync(nationalDir)) {
      const nout = values["national-data"] ?? join(work, "national-data");
      if (existsSync(join(nout, "manifest.json"))) console.log(`4. national shape: the publication in ${nout} is reused (full publish not timed)`);
      else {
        const nfull = timed("publish national", ["pipelines/publish/cli.ts", "--db", ndb, "--out", nout, "--full", "--json"]);
        console.log(`4. full publish, national shape: ${nf(nfull.seconds)} s (in-process ${nfull.json?.seconds} s), peak RSS ${nfull.json?.peakRssMiB} MiB, ${nfull.json?.files} files`);
      }
      const code = `${values.committee}-01`;
      const files = readdirSync(nationalDir).filter((f) => f === `sinh_hoat_${code}_${year}.csv`);
      if (!files.length) console.log(`   (no sinh_hoat_${code}_${year}.csv in ${nationalDir}: refresh not measured)`);
      else {
        const original = join(nationalDir, files[0]);
        refreshOnce("refresh national", ndb, nout, corrected(original, join(work, "nfix")), code, year);
        // back to the generated figures, so that bench:pipeline's checks still hold
        timed("restore", ["pipelines/refresh.ts", "--db", ndb, "--out", nout, "--json", original]);
      }
    } else console.log(`4. national shape: not measured (no ${ndb}: run npm run bench:pipeline first)`);
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
}

main().catch((e) => {
  console.error(`Lỗi / error: ${(e as Error).message}`);
  process.exit(1);
});
