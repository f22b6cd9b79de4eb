/**
 * npm run bench:pipeline [-- --scale N] [--copies N] [--dir DIR] [--db FILE] [--skip-load] [--skip-full]
 *                        [--memory-limit 3GB] [--threads 2] [--committee A,B,…] [--year 2020] [--no-check] [--steps]
 *
 * The indicator pipeline at national scale: generates the synthetic meeting log at `--scale` (default 160) with
 * `--copies` copies of each committee of the province (default 64: 640 committees of a few hundred cells, ~270,000
 * cells and ~24.6 million meetings in 2016–2022, the shape of a national log; `--copies 1` gives ten committees
 * of ~25,000 cells, the stress case) unless `--dir` already holds it, loads the raw tables
 * DIRECTLY with DuckDB read_csv (NOT through `npm run ingest`: the loader's speed is measured by
 * bench:ingest; here we only need the same raw tables, loaded fast), then times
 *   1. the full pipeline (every model and data test, published by one swap at the end),
 *   2. one committee-year resubmitted (its meeting log replaced by a corrected copy) and recomputed
 *      incrementally, timed from opening the warehouse again (the ingest of a resubmission closes it and
 *      `npm run pipeline` runs in a process of its own) — in turn for each committee of `--committee`: by
 *      default the smallest, the median and the largest committee of the year, as the recompute grows with the
 *      committee's share of the year —, and checks the incremental result is identical to a full rebuild,
 * and reports wall time and peak memory of each run (the kernel's peak resident set size of this process, reset
 * before the run; sampled every 50 ms where it cannot be reset). `--skip-full` leaves the full pipeline out (it only brings the warehouse up
 * to date, untimed): a quick way to measure the incremental run alone on a warehouse built before.
 */
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import os from "node:os";
import {basename, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {pathToFileURL} from "node:url";
import type {DuckDBConnection} from "@duckdb/node-api";
import {COLUMNS, ENUMS, type Kind} from "../loaders/format/schemas.ts";
import {openWarehouse, queryRows} from "../loaders/record/warehouse.ts";
import {runPipeline, type RunResult, type StepTiming} from "../pipelines/runner.ts";
import {generateSample} from "./sample/generate.ts";

/** A wrong option: reported by its message alone, without a stack trace. */
class UsageError extends Error {}

const sql = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Kernel's peak resident set size of this process (VmHWM), in MiB. */
export function peakRssMiB(): number {
  try {
    const m = readFileSync("/proc/self/status", "utf8").match(/VmHWM:\s+(\d+) kB/);
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.memoryUsage().rss / 2 ** 20;
}

/** Resets the kernel's peak resident set size of this process (Linux: "5" into clear_refs); false if it cannot. */
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs fn; returns its result, seconds and the peak resident set size while it ran (MiB): the kernel's, reset
 * before fn, where Linux allows it, else the largest of samples taken every 50 ms.
 */
export async function measure<T>(fn: () => Promise<T>): Promise<{result: T; seconds: number; peakMiB: number}> {
  const exact = resetPeakRss();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return {result, seconds: (performance.now() - t0) / 1000, peakMiB: exact ? Math.max(peak / 2 ** 20, peakRssMiB()) : peak / 2 ** 20};
  } finally {
    clearInterval(timer);
  }
}

function kindOf(file: string): {kind: Kind; committee: string; year: number | null} | null {
  const m = basename(file).match(/^(don_vi|sinh_hoat|danh_gia)_(.+?)(?:_(\d{4}))?\.csv$/);
  if (!m) return null;
  return {kind: m[1] as Kind, committee: m[2], year: m[3] ? Number(m[3]) : null};
}

/** SQL expression turning a text column into the typed value the loader would store. */
function convert(type: (typeof COLUMNS)[Kind][number]["type"], col: string): string {
  const v = `nullif(trim(${col}), '')`;
  if (typeof type === "object") return `enum_${type.enum}(${v})`;
  switch (type) {
    case "date":
      return `coalesce(try_strptime(${v}, '%Y-%m-%d'), try_strptime(${v}, '%d/%m/%Y'))::DATE`;
    case "int":
    case "year":
      return `try_cast(${v} AS INTEGER)`;
    case "number":
      return `try_cast(replace(${v}, ',', '.') AS DOUBLE)`;
    case "bool":
      return `CASE WHEN lower(${v}) IN ('1', 'có', 'x', 'yes', 'true') THEN true WHEN lower(${v}) IN ('0', 'không', 'no', 'false') THEN false END`;
    default:
      return `nfc_normalize(${v})`;
  }
}

/**
 * Loads a generated sample folder into the raw tables and the submissions ledger with DuckDB's read_csv, the
 * way the loader would store it (keys for enumerations, typed dates and numbers, one accepted submission per
 * file, received dates from ngay_nhan.csv). It trusts the generator: no validation, no archive.
 */
export async function loadRawDirect(conn: DuckDBConnection, dir: string, onFile?: (file: string, ms: number) => void): Promise<void> {
  for (const [name, values] of Object.entries(ENUMS)) {
    const cases = Object.entries(values)
      .flatMap(([key, label]) => [`WHEN ${sql(key)} THEN ${sql(key)}`, `WHEN ${sql(label.toLowerCase().normalize("NFC"))} THEN ${sql(key)}`])
      .join(" ");
    await conn.run(`CREATE OR REPLACE TEMP MACRO enum_${name}(x) AS CASE lower(nfc_normalize(x)) ${cases} END`);
  }
  const receipts = new Map<string, string>();
  const receiptsFile = join(dir, "ngay_nhan.csv");
  if (existsSync(receiptsFile))
    for (const line of readFileSync(receiptsFile, "utf8").split(/\r?\n/).slice(1)) {
      const [f, d] = line.split(",");
      if (f && d) receipts.set(f, d);
    }
  // in the order the committees' files arrive (registries first, then by date received), as the ingest stores
  // them in use: a year's logs come in together in January, so the raw table is laid out year by year
  const rank = (f: string) => (f.startsWith("don_vi_TQ") ? 0 : f.startsWith("don_vi") ? 1 : f.startsWith("danh_gia") ? 2 : 3);
  const files = readdirSync(dir)
    .filter((f) => kindOf(f))
    .sort((a, b) => rank(a) - rank(b) || (receipts.get(a) ?? "").localeCompare(receipts.get(b) ?? "") || a.localeCompare(b));
  const table = {don_vi: "raw_units", sinh_hoat: "raw_meetings", danh_gia: "raw_ratings"} as const;
  const headerOf = (path: string) => readFileSync(path, {encoding: "utf8", flag: "r"}).slice(0, 2000).split(/\r?\n/)[0].replace(/^\uFEFF/, "");
  const delimiter = (head: string) => (head.includes(";") ? ";" : head.includes("\t") ? "\t" : ",");
  // one read_csv for each run of files of the same kind, year and header (up to 100): thousands of
  // committee-year files would otherwise cost a statement each (a registry writes the optional history columns
  // only when it uses them, so headers differ)
  const batches: {kind: Kind; delim: string; header: string; files: string[]}[] = [];
  for (const f of files) {
    const {kind, year} = kindOf(f)!;
    const header = headerOf(resolve(dir, f));
    const delim = delimiter(header);
    const last = batches.at(-1);
    if (last && last.kind === kind && last.header === header && kindOf(last.files[0]!)!.year === year && last.files.length < 100) last.files.push(f);
    else batches.push({kind, delim, header, files: [f]});
  }
  for (const {kind, delim, header, files: batch} of batches) {
    const t0 = performance.now();
    const ids = (await queryRows<{id: number}>(conn, `SELECT nextval('submission_seq')::INTEGER AS id FROM range(${batch.length})`)).map((r) => r.id).sort((a, b) => a - b);
    const paths = batch.map((f) => resolve(dir, f));
    // the generator writes the template's columns in order, under their keys or their labels: as many as the
    // header holds (a registry without history ends after sap_nhap_vao)
    const specs = COLUMNS[kind].slice(0, header.split(delim).length);
    const names = specs.map((c) => sql(c.key)).join(", ");
    const select = specs.map((c) => `${convert(c.type, c.key)} AS ${c.key}`).join(", ");
    const map = paths.map((p, i) => `(${sql(p)}, ${ids[i]}, ${sql(kindOf(batch[i]!)!.committee)})`).join(", ");
    await conn.run(
      `INSERT INTO ${table[kind]} BY NAME SELECT f.id AS submission_id, f.committee AS committee_code, NULL::INTEGER AS line, ${select}
       FROM read_csv([${paths.map(sql).join(", ")}], header = true, delim = ${sql(delim)}, quote = '"', escape = '"', all_varchar = true,
                     names = [${names}], null_padding = true, parallel = true, filename = 'bench_file') r
       JOIN (VALUES ${map}) f(path, id, committee) ON f.path = r.bench_file`
    );
    const counts = new Map(
      (await queryRows<{id: number; n: number}>(conn, `SELECT submission_id::INTEGER AS id, count(*)::INTEGER AS n FROM ${table[kind]} WHERE submission_id BETWEEN ${ids[0]} AND ${ids.at(-1)} GROUP BY 1`)).map((r) => [r.id, r.n])
    );
    const rows = batch.map((f, i) => {
      const {committee, year} = kindOf(f)!;
      const n = counts.get(ids[i]!) ?? 0;
      const received = receipts.get(f) ?? new Date().toISOString().slice(0, 10);
      return `(${ids[i]}, ${sql(f)}, ${sql(`bench:${f}:${statSync(paths[i]!).size}`)}, ${sql(kind)}, ${sql(committee)}, ${kind === "don_vi" ? "NULL" : `[${year}]`}::INTEGER[],
        ${n}, ${n}, 0, 'accepted', ${sql(received)}::TIMESTAMP, now()::TIMESTAMP, NULL, 'bench: read_csv direct')`;
    });
    await conn.run(`INSERT INTO submissions VALUES ${rows.join(",\n")}`);
    const ms = (performance.now() - t0) / batch.length;
    for (const f of batch) onFile?.(f, ms);
  }
}

const nf = (x: number, d = 0) => x.toLocaleString("en-US", {maximumFractionDigits: d, minimumFractionDigits: d});
const pct = (x: number) => `${nf(100 * x, x < 0.01 ? 2 : 1)} %`;

const sum = (steps: StepTiming[], kind: StepTiming["kind"]) => steps.filter((s) => s.kind === kind).reduce((t, s) => t + s.ms, 0);
const split = (r: RunResult) => {
  const parts = (["seed", "model", "test", "commit"] as const).map((k) => [k, sum(r.steps, k)] as const);
  const other = r.ms - parts.reduce((t, [, ms]) => t + ms, 0);
  return [...parts, ["fingerprints and bookkeeping", other] as const].map(([k, ms]) => `${k} ${nf(ms / 1000, 1)} s`).join(", ");
};

/** CPU seconds (user + system) of this process so far. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * One committee-year's meeting log replaced in the raw tables and the ledger, as an accepted resubmission would
 * do: the rows of the generated file `sinh_hoat_<committee>_<year>.csv` are loaded again under a new submission,
 * and — when `correct` — one meeting in ten gets one member fewer present (one more excused absence), kept
 * valid (never fewer present than speakers). Without `correct` it restores the generated figures.
 */
export async function resubmit(conn: DuckDBConnection, dir: string, committee: string, year: number, correct: boolean): Promise<void> {
  const name = `sinh_hoat_${committee}_${year}.csv`;
  const folder = join(dir, "..", `chibo-bench-resubmission`);
  rmSync(folder, {recursive: true, force: true});
  mkdirSync(folder, {recursive: true});
  copyFileSync(join(dir, name), join(folder, name));
  await conn.run("BEGIN TRANSACTION");
  await conn.run(`DELETE FROM raw_meetings WHERE committee_code = ${sql(committee)} AND year(ngay) = ${year}`);
  await conn.run(`UPDATE submissions SET status = 'superseded' WHERE kind = 'sinh_hoat' AND committee_code = ${sql(committee)} AND list_contains(years, ${year}) AND status = 'accepted'`);
  await conn.run("COMMIT");
  await loadRawDirect(conn, folder);
  const [{id}] = await queryRows<{id: number}>(conn, `SELECT max(submission_id)::INTEGER AS id FROM submissions WHERE file_name = ${sql(name)}`);
  await conn.run(`UPDATE submissions SET sha256 = ${sql(`bench:${name}:${correct ? "corrected" : "original"}:${id}`)} WHERE submission_id = ${id}`);
  if (correct)
    await conn.run(
      `UPDATE raw_meetings SET co_mat = co_mat - 1, vang_co_ly_do = vang_co_ly_do + 1
       WHERE submission_id = ${id} AND hash(ma_chi_bo, ngay) % 10 = 0 AND co_mat > coalesce(so_phat_bieu, 0) AND vang_co_ly_do IS NOT NULL`
    );
  // the ingest that stores a resubmission closes the warehouse, which writes its changes into the file: do the
  // same here, so the pipeline timed next does not pay for this change to the raw tables
  await conn.run("CHECKPOINT");
}

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      scale: {type: "string", default: "160"},
      copies: {type: "string", default: "64"},
      dir: {type: "string"},
      db: {type: "string"},
      "memory-limit": {type: "string", default: "3GB"},
      threads: {type: "string", default: "2"},
      "skip-load": {type: "boolean", default: false},
      "skip-full": {type: "boolean", default: false},
      committee: {type: "string"},
      year: {type: "string", default: "2020"},
      "no-check": {type: "boolean", default: false},
      steps: {type: "boolean", default: false}
    }
  });
  const scale = Number(values.scale);
  const copies = Number(values.copies);
  if (!(Number.isSafeInteger(copies) && copies >= 1)) throw new UsageError(`--copies must be a positive integer, got "${values.copies}"`);
  const dir = resolve(values.dir ?? `/tmp/chibo-bench-${scale}${copies > 1 ? `x${copies}` : ""}`);
  const db = resolve(values.db ?? `${dir}.duckdb`);
  // named committees are checked against the generated files before the warehouse is touched; by default they are
  // picked once the year's meetings are counted
  let committees = (values.committee ?? "").split(",").map((c) => c.trim()).filter(Boolean);
  const year = Number(values.year);
  const settings = {memoryLimit: values["memory-limit"], threads: Number(values.threads), countRows: false};
  console.log(`bench:pipeline — scale ${scale}, ${copies} ${copies > 1 ? "copies" : "copy"} of each committee, DuckDB memory_limit ${settings.memoryLimit}, threads ${settings.threads}, ${os.cpus().length} CPUs, ${nf(os.totalmem() / 2 ** 30, 1)} GiB RAM`);

  if (!existsSync(join(dir, "ngay_nhan.csv"))) {
    console.log(`1. Generating the synthetic meeting log into ${dir} …`);
    const s = await generateSample({outDir: dir, scale, copies});
    console.log(`   ${nf(s.committees)} committees, ${nf(s.cells)} cells, ${nf(s.meetings)} meetings, ${nf(s.bytes / 2 ** 20)} MB in ${nf(s.seconds, 1)} s`);
  } else console.log(`1. Using the meeting log already in ${dir}`);
  const missing = committees.filter((c) => !existsSync(join(dir, `sinh_hoat_${c}_${year}.csv`)));
  if (missing.length) {
    const known = readdirSync(dir).flatMap((f) => f.match(new RegExp(`^sinh_hoat_(.+)_${year}\\.csv$`))?.[1] ?? []);
    throw new UsageError(`--committee: no meeting log of ${year} from ${missing.join(", ")} in ${dir} (committees: ${known.sort().slice(0, 12).join(", ")}${known.length > 12 ? `, … ${known.length} in all` : ""})`);
  }

  if (!values["skip-load"] || !existsSync(db)) {
    for (const f of [db, `${db}.wal`]) rmSync(f, {force: true});
    console.log(`2. Loading the raw tables with DuckDB read_csv (not npm run ingest: bench:ingest measures the loader) into ${db} …`);
    const wh = await openWarehouse(db);
    const load = await measure(() => loadRawDirect(wh.conn, dir));
    wh.close();
    console.log(`   loaded in ${nf(load.seconds, 1)} s`);
  } else {
    const wh = await openWarehouse(db);
    // an earlier bench left its corrected resubmissions in force: load the generated files again for them
    const corrected = await queryRows<{c: string; y: number}>(
      wh.conn,
      "SELECT committee_code AS c, years[1]::INTEGER AS y FROM submissions WHERE status = 'accepted' AND kind = 'sinh_hoat' AND sha256 LIKE 'bench:%:corrected:%' ORDER BY 1, 2"
    );
    console.log(`2. Using the raw tables already in ${db}${corrected.length ? ` (restoring ${corrected.map((r) => `${r.c} ${r.y}`).join(", ")} to the generated figures)` : ""}`);
    for (const r of corrected) await resubmit(wh.conn, dir, r.c, r.y, false);
    wh.close();
  }

  let wh = await openWarehouse(db);
  try {
    const [counts] = await queryRows<{meetings: number; cells: number; ratings: number}>(
      wh.conn,
      "SELECT (SELECT count(*) FROM raw_meetings)::BIGINT AS meetings, (SELECT count(*) FROM raw_units WHERE cap IN ('chi_bo', 'chi_bo_co_so'))::BIGINT AS cells, (SELECT count(*) FROM raw_ratings)::BIGINT AS ratings"
    );
    console.log(`   ${nf(Number(counts.meetings))} meetings, ${nf(Number(counts.cells))} cells, ${nf(Number(counts.ratings))} ratings`);

    // each committee's share of the year's meetings: the incremental recompute grows with it
    const shares = new Map<string, number>();
    for (const r of await queryRows<{c: string; n: number; total: number}>(
      wh.conn,
      `SELECT committee_code AS c, count(*)::BIGINT AS n, sum(count(*)) OVER ()::BIGINT AS total FROM raw_meetings WHERE year(ngay) = ${year} GROUP BY 1`
    ))
      shares.set(r.c, Number(r.n) / Number(r.total));
    if (!committees.length) {
      // the smallest, the median and the largest committee of the year
      const bySize = [...shares.keys()].sort((a, b) => shares.get(a)! - shares.get(b)! || a.localeCompare(b));
      committees = [...new Set([bySize[0]!, bySize[Math.floor(bySize.length / 2)]!, bySize[bySize.length - 1]!])];
    }

    const printStep = values.steps ? (s: StepTiming) => console.log(`     ${s.kind} ${s.name} ${nf(s.ms / 1000, 2)} s`) : undefined;
    const slowest = (steps: StepTiming[]) =>
      steps
        .filter((s) => s.ms > 500)
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 10)
        .map((s) => `${s.kind} ${s.name.slice(0, 60)} ${nf(s.ms / 1000, 1)} s`)
        .join("; ") || "none over 0.5 s";
    let full: {seconds: number; cpu: number; peakMiB: number} | null = null;
    if (values["skip-full"]) {
      console.log("3. Full pipeline not timed (--skip-full); bringing the warehouse up to date …");
      const r = await runPipeline(wh.conn, settings);
      console.log(`   ${r.skipped ? "already up to date" : `${r.mode} run, ${nf(r.ms / 1000, 1)} s`}`);
    } else {
      console.log("3. Full pipeline (every model and data test; shadow tables swapped in at the end) …");
      const cpu0 = cpuSeconds();
      const run = await measure(() => runPipeline(wh.conn, {...settings, force: true, onStep: printStep}));
      full = {seconds: run.seconds, cpu: cpuSeconds() - cpu0, peakMiB: run.peakMiB};
      console.log(`   ${nf(run.seconds, 1)} s wall, ${nf(full.cpu, 1)} s CPU, peak RSS ${nf(run.peakMiB)} MiB`);
      console.log(`   ${split(run.result)}; slowest steps: ${slowest(run.result.steps)}`);
    }

    const incremental: {committee: string; seconds: number; cpu: number; peakMiB: number}[] = [];
    for (const [i, committee] of committees.entries()) {
      console.log(`4${committees.length > 1 ? String.fromCharCode(97 + i) : ""}. ${committee} resubmits ${year} (${pct(shares.get(committee)!)} of the year's meetings); incremental recompute, timed from opening the warehouse as \`npm run pipeline\` does …`);
      // as in use: the ingest of the resubmission closes the warehouse, and the pipeline runs in a process of its own
      wh.close();
      wh = await openWarehouse(db);
      await resubmit(wh.conn, dir, committee, year, true);
      wh.close();
      const cpu1 = cpuSeconds();
      const inc = await measure(async () => {
        wh = await openWarehouse(db);
        return runPipeline(wh.conn, {...settings, onStep: printStep});
      });
      const incCpu = cpuSeconds() - cpu1;
      incremental.push({committee, seconds: inc.seconds, cpu: incCpu, peakMiB: inc.peakMiB});
      console.log(
        `   mode ${inc.result.mode}, partitions ${inc.result.partitions.map((p) => `${p.committee_code} ${p.year}`).join(", ")}: ${nf(inc.seconds, 1)} s wall, ${nf(incCpu, 1)} s CPU, peak RSS ${nf(inc.peakMiB)} MiB`
      );
      console.log(`   ${split(inc.result)}; slowest steps: ${slowest(inc.result.steps)}`);
    }

    let identical = "not checked (--no-check)";
    let checkPeak: number | null = null;
    if (!values["no-check"]) {
      console.log("5. Checking the incremental result against a full rebuild …");
      const check = await measure(async () => {
        const tables = (await queryRows<{t: string}>(wh.conn, "SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main' AND (table_name LIKE 'agg\\_%' ESCAPE '\\' OR table_name LIKE 'fct\\_%' ESCAPE '\\') ORDER BY 1")).map((r) => r.t);
        for (const t of tables) await wh.conn.run(`CREATE OR REPLACE TABLE bench_snapshot_${t} AS SELECT * FROM ${t}`);
        await runPipeline(wh.conn, {...settings, force: true});
        const diffs: string[] = [];
        for (const t of tables) {
          const [{n}] = await queryRows<{n: number}>(
            wh.conn,
            `SELECT ((SELECT count(*) FROM (SELECT * FROM bench_snapshot_${t} EXCEPT ALL SELECT * FROM ${t})) + (SELECT count(*) FROM (SELECT * FROM ${t} EXCEPT ALL SELECT * FROM bench_snapshot_${t})))::BIGINT AS n`
          );
          if (Number(n)) diffs.push(`${t}: ${n} rows differ`);
          await wh.conn.run(`DROP TABLE bench_snapshot_${t}`);
        }
        identical = diffs.length ? `DIFFERENT — ${diffs.join("; ")}` : `identical (${tables.length} fact and aggregate tables compared row for row)`;
      });
      checkPeak = check.peakMiB;
      console.log(`   ${identical}; peak RSS ${nf(checkPeak)} MiB (a full rebuild beside copies of the tables)`);
    }

    console.log("\nResult / kết quả");
    console.log(`  meetings ${nf(Number(counts.meetings))}, cells ${nf(Number(counts.cells))}`);
    console.log(`  full pipeline        ${full ? `${nf(full.seconds, 1)} s (target ≤ 60 s), ${nf(full.cpu, 1)} s CPU, peak RSS ${nf(full.peakMiB)} MiB (target ≤ 4096 MiB)` : "not timed (--skip-full)"}`);
    for (const r of incremental)
      console.log(`  one committee-year   ${r.committee} ${year} (${pct(shares.get(r.committee)!)} of the meetings): ${nf(r.seconds, 1)} s (target ≤ 5 s), ${nf(r.cpu, 1)} s CPU, peak RSS ${nf(r.peakMiB)} MiB`);
    if (checkPeak !== null) console.log(`  the check (step 5)   peak RSS ${nf(checkPeak)} MiB, not a pipeline run`);
    console.log(`  incremental = full   ${identical}`);
    console.log(`  machine load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other processes share the CPUs)`);
  } finally {
    wh.close();
  }
}

export {main};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof UsageError ? `bench:pipeline: ${e.message}` : e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
