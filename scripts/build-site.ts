// Builds the site's pages (src/ → dist/) with Observable Framework. Pages are code: they read their data at run
// time from dist/data/ (written by `npm run publish`), so the build never opens the warehouse and gives the same
// pages whatever the warehouse holds. dist/data/ is left in place: a build while the dashboard is served (or a
// publish runs) swaps the pages and keeps the data.
//
//   npm run build                  # dist/
//   npm run build -- --out DIR     # another folder (tests)
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {gzipSync} from "node:zlib";
import {given, readFlags, UsageError} from "./lib/command-line.ts";
import {seedFrameworkVersionCache} from "./lib/framework-offline.ts";
import {bundleChecker} from "./bundle-checker.ts";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(PROJECT_ROOT, "src");
const DEFAULT_DIST = join(PROJECT_ROOT, "dist");
const CACHE = join(SRC, ".observablehq", "cache");
/** The folder of dist/ that the publish step owns: never touched by a build. */
export const DATA_FOLDER = "data";

/** Module caches that are keyed by package version. */
const KEEP_IN_CACHE = new Set(["_node", "_npm", "_jsr"]);

export interface BuildOptions {
  /** Progress messages (default: console.log). */
  log?: (msg: string) => void;
  /** Also delete the version-keyed module caches (_node, _npm), for a build from scratch. */
  clean?: boolean;
  /** Output folder (default dist/ of the project); tests build into their own folder. */
  out?: string;
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

export async function buildSite(opts: BuildOptions = {}): Promise<{pages: number; seconds: number}> {
  const log = opts.log ?? ((msg: string) => console.log(msg));
  const started = Date.now();
  const observable = join(PROJECT_ROOT, "node_modules", ".bin", "observable");
  if (!existsSync(observable)) {
    throw new BuildError(
      `Không tìm thấy Observable Framework (${observable}). Hãy chạy "npm ci".`,
      `Observable Framework not installed (${observable}). Run "npm ci".`
    );
  }
  const DIST = opts.out ? resolve(PROJECT_ROOT, opts.out) : DEFAULT_DIST;
  // Framework empties its output folder first: build beside dist/, then swap the pages in.
  const NEXT = `${DIST}.next`;
  rmSync(NEXT, {recursive: true, force: true});
  clearLoaderCache(opts.clean ?? false);
  seedFrameworkVersionCache(CACHE);

  // The check-before-sending page runs the loaders' code: bundle it under src/ first (a no-op when unchanged).
  await bundleChecker({log});
  log("Đang dựng trang / building with Observable Framework…");
  const output: string[] = [];
  const code = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(observable, ["build"], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        // Read by observablehq.config.ts (output).
        CHIBO_SITE_OUT: NEXT,
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
    child.on("error", reject);
    child.on("close", (status) => {
      out.end();
      err.end();
      resolvePromise(status ?? 1);
    });
  });
  if (code !== 0 || !existsSync(join(NEXT, "index.html"))) {
    rmSync(NEXT, {recursive: true, force: true});
    // With an empty module cache Framework looks up versions on the npm registry (never the CDN for our pages).
    const registry = output.some((l) => /fetch failed|ENOTFOUND|EAI_AGAIN|unable to fetch/i.test(l));
    throw new BuildError(
      (code !== 0 ? `Dựng trang thất bại (mã thoát ${code}).` : `Dựng xong nhưng không thấy index.html.`) +
        (registry ? " Framework không kết nối được npm registry: khi bộ nhớ đệm còn trống (lần dựng đầu, hoặc --clean) nó cần tra phiên bản gói một lần." : "") +
        " Các trang đang có trong dist/ được giữ nguyên.",
      (code !== 0 ? `Site build failed (exit code ${code}).` : `Build finished but index.html is missing.`) +
        (registry ? " Framework could not reach the npm registry: with an empty cache (first build, or --clean) it looks up package versions there once." : "") +
        " The pages in dist/ were kept."
    );
  }
  const pages = setHtmlLang(NEXT, "vi");
  const compressed = precompress(NEXT);
  log(`Đã nén sẵn ${compressed.files} tệp (gzip) / precompressed ${compressed.files} files: ${kB(compressed.before)} → ${kB(compressed.after)}`);
  swapPages(NEXT, DIST);
  const seconds = (Date.now() - started) / 1000;
  log(`Xong: ${pages} trang trong ${DIST} (${seconds.toFixed(1)} s) / done: ${pages} page(s) in ${seconds.toFixed(1)} s`);
  return {pages, seconds};
}

/** Moves the new pages into dist/, entry by entry, replacing the old ones and leaving dist/data/ alone. */
export function swapPages(next: string, dist: string): void {
  mkdirSync(dist, {recursive: true});
  const fresh = new Set(readdirSync(next));
  if (fresh.has(DATA_FOLDER)) throw new BuildError(`src/ không được có thư mục ${DATA_FOLDER}/ ở gốc trang.`, `src/ must not build a top-level ${DATA_FOLDER}/ folder.`);
  for (const entry of readdirSync(dist)) {
    if (entry === DATA_FOLDER || fresh.has(entry)) continue;
    rmSync(join(dist, entry), {recursive: true, force: true});
  }
  for (const entry of fresh) {
    const target = join(dist, entry);
    if (existsSync(target)) rmSync(target, {recursive: true, force: true});
    renameSync(join(next, entry), target);
  }
  rmSync(next, {recursive: true, force: true});
}

/** Deletes what Framework cached from earlier builds; keeps the version-keyed module caches unless `all`. */
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
  const v = readFlags(argv, {clean: {type: "boolean"}, out: {type: "string"}, help: {type: "boolean", short: "h"}});
  return given({clean: v.clean, out: v.out, help: v.help});
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log(`Dựng các trang của Chi bộ Analytics / build the site's pages (the data come from npm run publish).

  npm run build -- [--out DIR] [--clean]

  --out DIR   thư mục kết quả (mặc định dist/; dist/data/ được giữ nguyên)
  --clean     xóa toàn bộ bộ nhớ đệm của Framework, kể cả các gói đã đóng gói`);
    } else {
      await buildSite(opts);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`\nLỗi: ${error.message}\n  npm run build -- [--out DIR] [--clean]`);
      process.exit(2);
    } else if (error instanceof BuildError) {
      console.error(`\nLỗi: ${error.vi}\nError: ${error.en}`);
    } else {
      console.error(`\nLỗi khi dựng trang / build error: ${error instanceof Error ? error.stack : String(error)}`);
    }
    process.exit(1);
  }
}
