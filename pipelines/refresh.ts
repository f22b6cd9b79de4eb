// npm run refresh -- [--db FILE] [--out DIR] [--partial] [--json] PATH...
// One command for a new or corrected submission: ingest it, run the pipeline (only the partitions it touches),
// publish the changed files. Each step is printed with its time. The pages already open show the new figures at
// their next load; nothing is rebuilt. Exit code as npm run ingest: 0 every file accepted (or already loaded),
// 1 some file rejected (the others are still published) or a step failed, 2 usage, 3 warehouse busy.
import {pathToFileURL} from "node:url";
import {loaderArgs} from "../loaders/command-line.ts";
import type {FileResult} from "../loaders/record/ingest.ts";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {exitCode, formatResult, toJson} from "../loaders/report.ts";
import {openWarehouse, WarehouseBusyError} from "../loaders/record/warehouse.ts";
import {PublishError} from "./publish/marts.ts";
import {DEFAULT_OUT, publish, type PublishResult} from "./publish/publish.ts";
import {DataTestFailure, runPipeline, type RunResult} from "./runner.ts";

export interface RefreshOptions {
  db: string;
  out?: string;
  partial?: boolean;
  /** A line of progress. */
  log?: (line: string) => void;
  /** Each ingested file's result as soon as it is known. */
  onFile?: (r: FileResult, i: number, n: number, ms: number) => void;
}

export interface RefreshResult {
  code: number;
  files: FileResult[];
  pipeline: RunResult | null;
  published: PublishResult | null;
  steps: {step: "ingest" | "pipeline" | "publish"; ms: number}[];
  error: string | null;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace(".", ",")} s`;

export async function refresh(paths: string[], opts: RefreshOptions): Promise<RefreshResult> {
  const log = opts.log ?? (() => undefined);
  const steps: RefreshResult["steps"] = [];
  const timed = async <T>(step: "ingest" | "pipeline" | "publish", label: string, fn: () => Promise<T>): Promise<T> => {
    log(`${label}…`);
    const t = performance.now();
    const r = await fn();
    const ms = performance.now() - t;
    steps.push({step, ms});
    log(`${label}: xong / done (${seconds(ms)})`);
    return r;
  };
  const files = await timed("ingest", "[1/3] Nạp hồ sơ / ingest", () => ingestPaths(paths, {db: opts.db, partial: opts.partial, onFile: opts.onFile}));
  const code = exitCode(files);
  let pipeline: RunResult | null = null;
  try {
    pipeline = await timed("pipeline", "[2/3] Tính chỉ tiêu / pipeline", async () => {
      const wh = await openWarehouse(opts.db);
      try {
        return await runPipeline(wh.conn, {countRows: false});
      } finally {
        wh.close();
      }
    });
    const what = pipeline.skipped ? "không có gì thay đổi / nothing changed" : pipeline.mode === "full" ? "dựng toàn bộ / full build" : `${pipeline.partitions.length} phân vùng / partitions: ${pipeline.partitions.map((p) => `${p.committee_code} ${p.year}`).join(", ")}`;
    log(`      ${what}`);
  } catch (e) {
    if (e instanceof WarehouseBusyError) throw e;
    const message = e instanceof DataTestFailure ? e.message : `Lỗi pipeline / pipeline error: ${(e as Error).message}`;
    return {code: 1, files, pipeline, published: null, steps, error: `${message}\nDữ liệu đã công bố không đổi / the published data were not changed`};
  }
  let published: PublishResult | null = null;
  try {
    published = await timed("publish", "[3/3] Công bố dữ liệu / publish", () => publish({db: opts.db, out: opts.out ?? DEFAULT_OUT, log: (l) => log(`    ${l.trim()}`)}));
    log(`      ${published.stats.written.length} tệp ghi mới, ${published.built.length} đảng bộ dựng lại: ${published.built.join(", ") || "—"}`);
  } catch (e) {
    const message = e instanceof PublishError ? `Lỗi: ${e.vi}\nError: ${e.en}` : `Lỗi khi công bố / publish error: ${(e as Error).message}`;
    return {code: 1, files, pipeline, published, steps, error: message};
  }
  return {code, files, pipeline, published, steps, error: null};
}

const USAGE = `Cách dùng / usage: npm run refresh -- [--db FILE] [--out DIR] [--partial] [--json] PATH...
  Nạp tệp mới hoặc tệp sửa, tính lại chỉ tiêu và công bố: các trang đang mở thấy số liệu mới khi tải lại.
  Ingests new or corrected files, runs the pipeline and publishes: open pages show the new figures on reload.
  --out DIR  nơi công bố / where to publish (default ${DEFAULT_OUT})
Mã thoát / exit: 0 tất cả đã nạp / all accepted, 1 có tệp bị từ chối hoặc một bước lỗi / some rejected or a step failed,
  2 sai cú pháp lệnh / usage, 3 kho đang bận / warehouse busy`;

async function main(): Promise<number> {
  const args = loaderArgs(USAGE, process.argv.slice(2), ["out"]);
  if (!args) return 2;
  const out = args.extra.out;
  const t0 = performance.now();
  const say = args.json ? () => undefined : (line: string) => console.log(line);
  const result = await refresh(args.paths, {
    db: args.db,
    out,
    partial: args.partial,
    log: say,
    onFile: (r, k, n, ms) => say(formatResult(r, k, n, ms).replace(/^/gm, "      "))
  });
  if (result.error) console.error(result.error);
  if (args.json) {
    const files = JSON.parse(toJson(result.files));
    console.log(JSON.stringify({exit: result.code, steps: result.steps.map((s) => ({step: s.step, seconds: Math.round(s.ms) / 1000})), files, error: result.error, written: result.published?.stats.written ?? [], committeesBuilt: result.published?.built ?? [], peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024)}));
  } else say(`Tổng thời gian / total: ${seconds(performance.now() - t0)} — mã thoát / exit ${result.code}`);
  return result.code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof WarehouseBusyError ? e.message : `Lỗi / error: ${(e as Error).stack ?? (e as Error).message}`);
      process.exit(e instanceof WarehouseBusyError ? 3 : 1);
    }
  );
}
