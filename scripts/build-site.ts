// Builds the Observable Framework site (src/ → dist/) from the DuckDB warehouse.
//
//   npm run build                      # warehouse at $CHIBO_DB or data/warehouse.duckdb
//   npm run build -- --db path/to.duckdb
//
// Framework reuses a data loader's cached output ("using stale") even after the warehouse changed, so the loader
// cache under src/.observablehq/cache is deleted before every build. The warehouse path reaches the loaders
// through the CHIBO_DB environment variable (absolute, so it does not depend on a working directory).
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {gzipSync} from "node:zlib";
import {openWarehouse, WarehouseBusyError} from "../loaders/warehouse.ts";
import {seedFrameworkVersionCache} from "./lib/framework-offline.ts";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_DB = "data/warehouse.duckdb";
const SRC = join(PROJECT_ROOT, "src");
const DEFAULT_DIST = join(PROJECT_ROOT, "dist");
const CACHE = join(SRC, ".observablehq", "cache");
/** Where the previous dist/ waits during a build, to be put back if the build fails (git-ignored). */
const DEFAULT_PREVIOUS = join(PROJECT_ROOT, ".observablehq", "dist-previous");

/** Module caches that are keyed by package version and never depend on the warehouse. */
const KEEP_IN_CACHE = new Set(["_node", "_npm", "_jsr"]);

export interface BuildOptions {
  /** Warehouse file (default: $CHIBO_DB, then data/warehouse.duckdb), relative to the project root. */
  db?: string;
  /** Progress messages (default: console.log). */
  log?: (msg: string) => void;
  /** Also delete the version-keyed module caches (_node, _npm), for a build from scratch. */
  clean?: boolean;
  /** Output folder (default dist/ of the project); tests build into their own folder. */
  out?: string;
  /**
   * Small-number care: hide shares whose denominator is below this (default: $CHIBO_SUPPRESS_BELOW, else off).
   * Applied by the data loaders (src/data/_lib/warehouse.ts) to everything the site publishes.
   */
  suppressBelow?: number;
}

/** A build failure with a Vietnamese and an English explanation. */
export class BuildError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string
  ) {
    super(`${vi}\n${en}`);
    this.name = "BuildError";
  }
}

const ANSI = /\u001b\[[0-9;]*m/g;

export async function buildSite(opts: BuildOptions = {}): Promise<void> {
  const log = opts.log ?? ((msg: string) => console.log(msg));
  const started = Date.now();
  const dbArg = opts.db ?? process.env.CHIBO_DB ?? DEFAULT_DB;
  const db = resolve(PROJECT_ROOT, dbArg);

  if (!existsSync(db) || !statSync(db).isFile()) {
    throw new BuildError(
      `Chưa có kho dữ liệu ${dbArg} (${db}). Hãy chạy "npm run pipeline" để tạo kho, hoặc chỉ định tệp bằng --db.`,
      `Warehouse not found: ${db}. Run "npm run pipeline" to build it, or pass --db FILE.`
    );
  }
  const observable = join(PROJECT_ROOT, "node_modules", ".bin", "observable");
  if (!existsSync(observable)) {
    throw new BuildError(
      `Không tìm thấy Observable Framework (${observable}). Hãy chạy "npm ci".`,
      `Observable Framework not installed (${observable}). Run "npm ci".`
    );
  }

  const shown = relative(PROJECT_ROOT, db);
  log(`Kho dữ liệu / warehouse: ${shown && !shown.startsWith("..") ? shown : db}`);
  // Hold a read-only handle for the whole build: every data loader then reads the same state, and an ingest or
  // pipeline run that starts meanwhile is told the warehouse is busy instead of changing it between two loaders.
  let hold;
  try {
    hold = await openWarehouse(db, {readOnly: true});
  } catch (e) {
    if (!(e instanceof WarehouseBusyError)) throw e;
    throw new BuildError(
      `Kho dữ liệu ${dbArg} đang được một tiến trình khác ghi (nạp dữ liệu hoặc pipeline). Hãy chờ tiến trình đó kết thúc rồi dựng lại.`,
      `The warehouse ${db} is busy: another process (ingest or pipeline) is writing to it. Wait for it to finish and build again.`
    );
  }
  try {
    await buildWithWarehouse(opts, log, started, db);
  } finally {
    hold.close();
  }
}

async function buildWithWarehouse(opts: BuildOptions, log: (msg: string) => void, started: number, db: string): Promise<void> {
  const DIST = opts.out ? resolve(PROJECT_ROOT, opts.out) : DEFAULT_DIST;
  const PREVIOUS = opts.out ? `${DIST}.previous` : DEFAULT_PREVIOUS;
  const observable = join(PROJECT_ROOT, "node_modules", ".bin", "observable");
  const removed = clearLoaderCache(opts.clean ?? false);
  seedFrameworkVersionCache(CACHE);
  log(`Đã xóa bộ nhớ đệm của data loader / cleared loader cache (${removed} mục)`);

  // Framework empties dist/ first: keep the last good site aside so that a failed build does not leave
  // a broken dashboard behind.
  rmSync(PREVIOUS, {recursive: true, force: true});
  const hadPrevious = existsSync(DIST);
  if (hadPrevious) {
    mkdirSync(dirname(PREVIOUS), {recursive: true});
    renameSync(DIST, PREVIOUS);
  }
  const restorePrevious = () => {
    if (!hadPrevious || !existsSync(PREVIOUS)) return false;
    rmSync(DIST, {recursive: true, force: true});
    renameSync(PREVIOUS, DIST);
    return true;
  };

  log("Đang dựng trang / building with Observable Framework…");
  const output: string[] = [];
  const code = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(observable, ["build"], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        CHIBO_DB: db,
        ...(opts.suppressBelow !== undefined ? {CHIBO_SUPPRESS_BELOW: String(opts.suppressBelow)} : {}),
        // Read by observablehq.config.ts (output).
        CHIBO_SITE_OUT: DIST,
        // Data loaders (*.ts) are run with tsx, found on PATH.
        PATH: `${join(PROJECT_ROOT, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
        FORCE_COLOR: "0",
        NO_COLOR: "1",
        OBSERVABLE_TELEMETRY_DISABLE: "true"
      },
      stdio: ["ignore", "pipe", "pipe"]
    });
    // Framework writes "build X → " and the output path separately: relay whole lines only.
    const relay = () => {
      let pending = "";
      const emit = (line: string) => {
        if (!line.trim()) return;
        output.push(line);
        log(`  ${line}`);
      };
      return {
        data(chunk: Buffer) {
          const lines = (pending + chunk.toString("utf8").replace(ANSI, "")).split(/\r?\n/);
          pending = lines.pop() ?? "";
          lines.forEach(emit);
        },
        end() {
          emit(pending);
          pending = "";
        }
      };
    };
    const out = relay();
    const err = relay();
    child.stdout.on("data", out.data);
    child.stderr.on("data", err.data);
    child.on("error", (error) => {
      restorePrevious();
      reject(error);
    });
    child.on("close", (status) => {
      out.end();
      err.end();
      resolvePromise(status ?? 1);
    });
  });
  const index = join(DIST, "index.html");
  if (code !== 0 || !existsSync(index)) {
    const kept = restorePrevious();
    const loaderFailed = output.some((l) => /Lỗi:|loader|exited with/i.test(l));
    // With an empty module cache Framework looks up versions on the npm registry (never the CDN for our pages).
    const registry = output.some((l) => /fetch failed|ENOTFOUND|EAI_AGAIN|unable to fetch/i.test(l));
    throw new BuildError(
      (code !== 0 ? `Dựng trang thất bại (mã thoát ${code}).` : `Dựng xong nhưng không thấy ${index}.`) +
        (loaderFailed ? " Xem lỗi của data loader ở trên (kho dữ liệu có đúng cấu trúc không, có đang bị pipeline ghi không?)." : "") +
        (registry
          ? " Framework không kết nối được npm registry: khi bộ nhớ đệm còn trống (lần dựng đầu, hoặc --clean) nó cần tra phiên bản gói một lần."
          : "") +
        (kept ? " Đã giữ lại bản dựng trước trong dist/." : ""),
      (code !== 0 ? `Site build failed (exit code ${code}).` : `Build finished but ${index} is missing.`) +
        (loaderFailed ? " See the data loader error above." : "") +
        (registry
          ? " Framework could not reach the npm registry: with an empty cache (first build, or --clean) it looks up package versions there once."
          : "") +
        (kept ? " The previous site was kept in dist/." : "")
    );
  }
  rmSync(PREVIOUS, {recursive: true, force: true});
  const pages = setHtmlLang(DIST, "vi");
  const compressed = precompress(DIST);
  log(`Đã nén sẵn ${compressed.files} tệp (gzip) / precompressed ${compressed.files} files: ${kB(compressed.before)} → ${kB(compressed.after)}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`Xong: ${pages} trang trong dist/ (${seconds} s) / done: ${pages} page(s) in dist/ in ${seconds} s`);
}

/** Deletes the data loader outputs cached by Framework; keeps the version-keyed module caches unless `all`. */
export function clearLoaderCache(all = false): number {
  if (!existsSync(CACHE)) return 0;
  if (all) {
    rmSync(CACHE, {recursive: true, force: true});
    return 1;
  }
  let removed = 0;
  for (const entry of readdirSync(CACHE)) {
    if (KEEP_IN_CACHE.has(entry)) continue;
    rmSync(join(CACHE, entry), {recursive: true, force: true});
    ++removed;
  }
  return removed;
}

const COMPRESSIBLE = /\.(html|js|css|json|svg|csv|txt)$/;

function kB(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString("vi-VN")} kB`;
}

/**
 * Writes a gzip copy (<file>.gz) beside every text file of the site larger than 1 kB, for servers that serve
 * precompressed files (scripts/serve.ts does; nginx: gzip_static on). Parquet, fonts and images are compressed
 * already. Returns how many files were compressed and their sizes before and after.
 */
export function precompress(dir: string): {files: number; before: number; after: number} {
  let files = 0;
  let before = 0;
  let after = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = precompress(path);
      files += sub.files;
      before += sub.before;
      after += sub.after;
    } else if (COMPRESSIBLE.test(entry.name)) {
      const raw = readFileSync(path);
      if (raw.length < 1024) continue;
      const gz = gzipSync(raw, {level: 9});
      if (gz.length > raw.length * 0.9) continue;
      writeFileSync(`${path}.gz`, gz);
      files += 1;
      before += raw.length;
      after += gz.length;
    }
  }
  return {files, before, after};
}

/** Framework 1.13 has no lang option: write <html lang="…"> into every built page. Returns the page count. */
function setHtmlLang(dir: string, lang: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith("_")) count += setHtmlLang(path, lang);
    } else if (entry.name.endsWith(".html")) {
      const html = readFileSync(path, "utf8");
      writeFileSync(path, html.replace(/<html(?![^>]*\blang=)>/i, `<html lang="${lang}">`));
      ++count;
    }
  }
  return count;
}

function parseArgs(argv: string[]): BuildOptions & {help?: boolean} {
  const opts: BuildOptions & {help?: boolean} = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--db") opts.db = argv[++i];
    else if (arg.startsWith("--db=")) opts.db = arg.slice(5);
    else if (arg === "--clean") opts.clean = true;
    else if (arg === "--out") opts.out = argv[++i];
    else if (arg.startsWith("--out=")) opts.out = arg.slice(6);
    else if (arg === "--suppress-below" || arg.startsWith("--suppress-below=")) {
      const raw = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      const n = Number(raw);
      if (raw === undefined || raw === "" || !Number.isFinite(n) || n < 0)
        throw new BuildError(`--suppress-below cần một số không âm (đang là "${raw ?? ""}").`, `--suppress-below needs a non-negative number (got "${raw ?? ""}").`);
      opts.suppressBelow = n;
    } else if (arg === "-h" || arg === "--help") opts.help = true;
    else throw new BuildError(`Tham số không hợp lệ: ${arg}`, `Unknown argument: ${arg}`);
  }
  if (opts.db === undefined && argv.includes("--db")) {
    throw new BuildError("Thiếu tên tệp sau --db.", "Missing file name after --db.");
  }
  return opts;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log(`Dựng trang Chi bộ Analytics từ kho dữ liệu / build the site from the warehouse.

  npm run build -- [--db FILE] [--out DIR] [--clean] [--suppress-below N]

  --db FILE   kho DuckDB (mặc định $CHIBO_DB hoặc ${DEFAULT_DB})
  --out DIR   thư mục kết quả (mặc định dist/)
  --clean     xóa toàn bộ bộ nhớ đệm của Framework, kể cả các gói đã đóng gói
  --suppress-below N
              ẩn các tỷ lệ có mẫu số nhỏ hơn N trong mọi số liệu công bố (mặc định $CHIBO_SUPPRESS_BELOW, hoặc không ẩn)
              hide shares whose denominator is below N in everything published`);
    } else {
      await buildSite(opts);
    }
  } catch (error) {
    if (error instanceof BuildError) {
      console.error(`\nLỗi: ${error.vi}\nError: ${error.en}`);
    } else {
      console.error(`\nLỗi khi dựng trang / build error: ${error instanceof Error ? error.stack : String(error)}`);
    }
    process.exit(1);
  }
}
