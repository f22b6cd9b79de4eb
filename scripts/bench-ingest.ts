/**
 * npm run bench:ingest [-- --rows N] [--dir DIR] [--repeat K] [--tokenizers]
 *
 * Generates a synthetic meeting log of N rows (default 10 million, about 90 bytes a row, one committee, every
 * row valid) and its unit registry, then loads the same file twice, each in a fresh process and a fresh
 * warehouse file:
 *   - plain: DuckDB's own read_csv with explicit column types into a table (CREATE TABLE AS + CHECKPOINT);
 *   - loader: the full loader (ingestFile: scan, typing, every check, ledger, archive, replace, commit +
 *     CHECKPOINT), into a warehouse that already holds the registry.
 * Prints rows per second for both, the ratio of their times (target: loader ≤ 2× plain), CPU time and the peak
 * memory (max RSS) of each process. --repeat K runs each K times, alternating, and reports the medians.
 * --tokenizers instead tokenizes the same file's text with the loaders' CSV tokenizer and with csv-parse, side by
 * side in one process (alternating, K times), and prints both rates with the load average.
 * The generated files are kept in DIR and reused when the row count matches.
 */
import {spawnSync} from "node:child_process";
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {fileURLToPath, pathToFileURL} from "node:url";

const SCRIPT = fileURLToPath(import.meta.url);
const COMMITTEE = "HU-BENCH";
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
const CELLS_PER_ORG = 20;
const TOPICS = [
  "",
  "",
  "",
  "Sinh hoạt thường kỳ",
  '"Đánh giá kết quả tháng trước, triển khai nhiệm vụ tháng này"',
  "Học tập và làm theo tư tưởng Hồ Chí Minh",
  "",
  ""
];
const HEADER =
  "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat,vang_co_ly_do,vang_khong_ly_do,thoi_luong,so_phat_bieu,cap_tren_du,hinh_thuc,dung_ngay,xep_loai,diem,chu_de,ghi_chu\n";
/** DuckDB's typed read of the same file: the baseline. */
const TYPED_COLUMNS =
  "{'ma_chi_bo': 'VARCHAR', 'ngay': 'DATE', 'loai': 'VARCHAR', 'dang_vien': 'INTEGER', 'mien': 'INTEGER', 'co_mat': 'INTEGER', 'vang_co_ly_do': 'INTEGER', 'vang_khong_ly_do': 'INTEGER', 'thoi_luong': 'INTEGER', 'so_phat_bieu': 'INTEGER', 'cap_tren_du': 'BOOLEAN', 'hinh_thuc': 'VARCHAR', 'dung_ngay': 'BOOLEAN', 'xep_loai': 'VARCHAR', 'diem': 'DOUBLE', 'chu_de': 'VARCHAR', 'ghi_chu': 'VARCHAR'}";

const cellCode = (c: number) => `${COMMITTEE}.${String(Math.floor(c / CELLS_PER_ORG) + 1).padStart(4, "0")}.${String((c % CELLS_PER_ORG) + 1).padStart(2, "0")}`;
const orgCode = (o: number) => `${COMMITTEE}.${String(o + 1).padStart(4, "0")}`;

/** Writes the registries and the meeting log; deterministic (a fixed LCG). Also used by the loader tests. */
export function generate(dir: string, rows: number): {meetings: string; registries: string[]; bytes: number} {
  mkdirSync(dir, {recursive: true});
  const meetings = join(dir, `sinh_hoat_${COMMITTEE}_2016-2022.csv`);
  const meta = join(dir, "meta.json");
  const cells = Math.ceil(rows / (YEARS.length * 12));
  const registries = [join(dir, "don_vi_TQ.csv"), join(dir, `don_vi_${COMMITTEE}.csv`)];
  if (existsSync(meta) && existsSync(meetings) && JSON.parse(readFileSync(meta, "utf8")).rows === rows)
    return {meetings, registries, bytes: statSync(meetings).size};

  writeFileSync(
    registries[0],
    "ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao\n" +
      "TQ,Đảng bộ tỉnh (mô phỏng),tinh,,khac,1990-01-01,,\n" +
      `${COMMITTEE},Huyện ủy (mô phỏng),tren_co_so,TQ,khac,1990-01-01,,\n`
  );
  const units: string[] = ["ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao\n"];
  for (let o = 0; o * CELLS_PER_ORG < cells; o++) units.push(`${orgCode(o)},Đảng bộ xã số ${o + 1},dang_bo_co_so,${COMMITTEE},nong_thon,2000-01-01,,\n`);
  for (let c = 0; c < cells; c++) units.push(`${cellCode(c)},Chi bộ thôn số ${c + 1},chi_bo,${orgCode(Math.floor(c / CELLS_PER_ORG))},nong_thon,2000-01-01,,\n`);
  writeFileSync(registries[1], units.join(""));

  let seed = 20160101;
  const rnd = (m: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % m;
  };
  const fd = openSync(meetings, "w");
  let bytes = 0;
  const flush = (parts: string[]) => {
    const buf = Buffer.from(parts.join(""), "utf8");
    writeSync(fd, buf);
    bytes += buf.length;
  };
  flush([HEADER]);
  let parts: string[] = [];
  let n = 0;
  const pad = (x: number) => (x < 10 ? "0" + x : String(x));
  for (let c = 0; c < cells && n < rows; c++) {
    const code = cellCode(c);
    const members = 10 + rnd(30);
    for (const y of YEARS) {
      for (let m = 1; m <= 12 && n < rows; m++, n++) {
        const loai = m % 3 === 0 ? "ket_hop" : "thuong_ky";
        const mien = rnd(3);
        const vcld = rnd(3);
        const vkld = rnd(2);
        const present = members - mien - vcld - vkld;
        const speakers = rnd(present + 1);
        const score = rnd(10) < 3 ? -1 : 40 + rnd(61);
        const rating = score < 0 ? "" : score >= 90 ? "tot" : score >= 70 ? "kha" : score >= 50 ? "trung_binh" : "kem";
        parts.push(
          `${code},${y}-${pad(m)}-${pad(1 + rnd(28))},${loai},${members},${mien},${present},${vcld},${vkld},${60 + rnd(90)},${speakers},${rnd(2)},truc_tiep,${rnd(2)},${rating},${score < 0 ? "" : score},${TOPICS[rnd(TOPICS.length)]},\n`
        );
      }
    }
    if (parts.length >= 50_000) {
      flush(parts);
      parts = [];
    }
  }
  flush(parts);
  closeSync(fd);
  writeFileSync(meta, JSON.stringify({rows: n, bytes}));
  return {meetings, registries, bytes};
}

interface Measure {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  rows: number;
  detail?: string;
}

/** One measurement in this (child) process. */
async function measure(which: "plain" | "loader", file: string, registries: string[], db: string): Promise<Measure> {
  const {openWarehouse, queryRows} = await import("../loaders/record/warehouse.ts");
  for (const f of [db, `${db}.wal`]) rmSync(f, {force: true});
  rmSync(join(db, "..", "archive"), {recursive: true, force: true});
  if (which === "plain") {
    const {DuckDBInstance} = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(db);
    const conn = await instance.connect();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await conn.run(
      `CREATE TABLE meetings AS SELECT * FROM read_csv('${file}', columns = ${TYPED_COLUMNS}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"')`
    );
    await conn.run("CHECKPOINT");
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const [{n}] = (await conn.runAndReadAll("SELECT count(*)::INTEGER AS n FROM meetings")).getRowObjectsJson() as {n: number}[];
    conn.closeSync();
    instance.closeSync();
    return {ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, rows: n};
  }
  const {ingestFile} = await import("../loaders/record/ingest.ts");
  const wh = await openWarehouse(db);
  for (const r of registries) {
    const res = await ingestFile(wh, r);
    if (res.status !== "accepted") throw new Error(`registry ${r}: ${res.status} ${JSON.stringify(res.problems.slice(0, 3))}`);
  }
  await wh.conn.run("CHECKPOINT");
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await ingestFile(wh, file, {today: "2023-01-01"});
  await wh.conn.run("CHECKPOINT");
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const [{n}] = await queryRows<{n: number}>(wh.conn, "SELECT count(*)::INTEGER AS n FROM raw_meetings");
  wh.close();
  if (r.status !== "accepted") throw new Error(`the loader did not accept the file: ${r.status} ${JSON.stringify(r.problems.slice(0, 5))}`);
  return {ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, rows: n, detail: `read path: ${r.readPath}`};
}

function runChild(which: "plain" | "loader", file: string, registries: string[], dir: string): Measure {
  const db = join(dir, `${which}.duckdb`);
  const child = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, "--child", which, "--file", file, "--db", db, ...registries.flatMap((r) => ["--registry", r])], {
    encoding: "utf8",
    maxBuffer: 1 << 24
  });
  if (child.status !== 0) throw new Error(`${which} failed:\n${child.stdout}\n${child.stderr}`);
  const line = child.stdout.trim().split("\n").pop()!;
  for (const f of [db, `${db}.wal`]) rmSync(f, {force: true});
  return JSON.parse(line) as Measure;
}

/** The loaders' tokenizer and csv-parse (with the options the loaders would need) on the same text, in pieces. */
async function compareTokenizers(file: string, repeat: number): Promise<void> {
  const {CsvTokenizer} = await import("../loaders/read/csv-tokenize.ts");
  const {DEFAULT_LIMITS} = await import("../loaders/format/limits.ts");
  const {Parser} = await import("csv-parse");
  const text = readFileSync(file, "utf8");
  const PIECE = 1 << 20;
  const limits = {maxFieldChars: DEFAULT_LIMITS.maxFieldChars, maxRecordChars: DEFAULT_LIMITS.maxRecordChars};
  const ours = () => {
    let n = 0;
    const t = new CsvTokenizer(",", limits);
    for (let i = 0; i < text.length; i += PIECE) t.push(text.slice(i, i + PIECE), () => n++);
    t.end(() => n++);
    return n;
  };
  const theirs = () => {
    let n = 0;
    const p = new Parser({delimiter: ",", bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: limits.maxRecordChars});
    p.on("readable", () => {
      while (p.read() !== null) n++;
    });
    for (let i = 0; i < text.length; i += PIECE) p.write(text.slice(i, i + PIECE));
    p.end();
    return new Promise<number>((ok, fail) => {
      p.on("end", () => ok(n));
      p.on("error", fail);
    });
  };
  const nf = (x: number, d = 0) => x.toLocaleString("en-US", {maximumFractionDigits: d, minimumFractionDigits: d});
  const times: Record<string, number[]> = {tokenizer: [], "csv-parse": []};
  let records = 0;
  for (let k = 0; k < repeat; k++) {
    for (const [name, fn] of [["tokenizer", ours], ["csv-parse", theirs]] as const) {
      const t0 = performance.now();
      const n = await fn();
      times[name].push(performance.now() - t0);
      if (records && n !== records) throw new Error(`${name} read ${n} records, expected ${records}`);
      records = n;
    }
  }
  console.log(`\nTokenizing ${nf(text.length / 2 ** 20)} Mi characters (${nf(records)} records)${repeat > 1 ? `, medians of ${repeat}` : ""}; load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}`);
  for (const [name, ms] of Object.entries(times)) console.log(`  ${name.padEnd(10)} ${nf(median(ms) / 1000, 2).padStart(6)} s   ${nf(records / (median(ms) / 1000)).padStart(10)} records/s`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      rows: {type: "string", default: "10000000"},
      dir: {type: "string", default: join(tmpdir(), "chibo-bench-ingest")},
      repeat: {type: "string", default: "1"},
      tokenizers: {type: "boolean", default: false},
      child: {type: "string"},
      file: {type: "string"},
      db: {type: "string"},
      registry: {type: "string", multiple: true}
    }
  });
  if (values.child) {
    const m = await measure(values.child as "plain" | "loader", values.file!, values.registry ?? [], values.db!);
    console.log(JSON.stringify(m));
    return;
  }
  const rows = Number(values.rows);
  const repeat = Math.max(1, Number(values.repeat));
  const nf = (x: number, d = 0) => x.toLocaleString("en-US", {maximumFractionDigits: d, minimumFractionDigits: d});
  console.log(`Generating (or reusing) a meeting log of ${nf(rows)} rows in ${values.dir} …`);
  const t0 = performance.now();
  const {meetings, registries, bytes} = generate(values.dir, rows);
  console.log(`  ${meetings}: ${nf(bytes / 2 ** 20, 0)} MiB, ${nf(bytes / rows, 1)} bytes a row (${nf((performance.now() - t0) / 1000, 1)} s)`);
  if (values.tokenizers) return compareTokenizers(meetings, repeat);
  const plain: Measure[] = [];
  const loader: Measure[] = [];
  for (let k = 0; k < repeat; k++) {
    plain.push(runChild("plain", meetings, registries, values.dir));
    console.log(`  plain read_csv    run ${k + 1}: ${nf(plain[k].ms / 1000, 1)} s`);
    loader.push(runChild("loader", meetings, registries, values.dir));
    console.log(`  full loader       run ${k + 1}: ${nf(loader[k].ms / 1000, 1)} s (${loader[k].detail})`);
  }
  const summary = (name: string, ms: Measure[]) => {
    const t = median(ms.map((m) => m.ms));
    const n = ms[0].rows;
    console.log(
      `${name.padEnd(34)} ${nf(n / (t / 1000)).padStart(10)} rows/s   ${nf(t / 1000, 1).padStart(6)} s   CPU ${nf(median(ms.map((m) => m.cpuMs)) / 1000, 1).padStart(6)} s   peak RSS ${nf(median(ms.map((m) => m.maxRssMb))).padStart(6)} MiB`
    );
    return t;
  };
  console.log(`\nIngest benchmark: ${nf(rows)} rows, ${nf(bytes / 2 ** 20)} MiB${repeat > 1 ? ` (medians of ${repeat})` : ""}`);
  const tp = summary("DuckDB read_csv (typed) → table", plain);
  const tl = summary("full loader (validation included)", loader);
  if (plain[0].rows !== rows || loader[0].rows !== rows) throw new Error(`row counts differ: plain ${plain[0].rows}, loader ${loader[0].rows}, expected ${rows}`);
  console.log(`ratio loader / plain: ${nf(tl / tp, 2)}× (target ≤ 2×)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
