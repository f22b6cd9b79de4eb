// npm run ingest -- [--db FILE] [--partial] [--json] [--max-file-mb N ...] PATH...
// Loads submission files (or every .csv/.tsv/.xlsx in the given folders) into the warehouse, registries first.
// Exit code: 0 every file accepted (or already loaded), 1 some file rejected or only partly loaded (--partial),
// 2 usage error, 3 warehouse busy (another ingest, pipeline or build holds it).
import {loaderArgs, progressFor} from "./command-line.ts";
import {ingestPaths} from "./ingest-paths.ts";
import {LIMIT_USAGE} from "./format/limits.ts";
import {parseDate} from "./format/schemas.ts";
import {exitCode, formatResult, summaryLine, toJson} from "./report.ts";
import {DEFAULT_DB, WarehouseBusyError} from "./record/warehouse.ts";

const USAGE = `Cách dùng / usage: npm run ingest -- [--db FILE] [--partial] [--json] [--period-to DATE] PATH...
  PATH       tệp .csv/.tsv/.xlsx hoặc thư mục / submission files or folders
  --db       kho dữ liệu / warehouse (default ${DEFAULT_DB})
  --partial  nạp các dòng hợp lệ của tệp có lỗi, cách ly dòng lỗi / load the valid rows of a file with errors
  --json     in kết quả dạng JSON / print a machine-readable summary
  --period-to  ngày cuối cùng sổ sinh hoạt bao quát (năm chưa kết thúc, vd. 30/06/2025) / the last day the meeting
             logs cover, for a year in progress (e.g. 30/06/2025); ngay_nhan.csv's den_ngay column sets it per file
${LIMIT_USAGE}
Mã thoát / exit: 0 tất cả đã nạp / all accepted, 1 có tệp bị từ chối hoặc nạp một phần / some rejected or partial,
  2 sai cú pháp lệnh / usage, 3 kho đang bận / warehouse busy`;

async function main(): Promise<number> {
  const args = loaderArgs(USAGE, process.argv.slice(2), ["period-to"]);
  if (!args) return 2;
  let periodTo: string | undefined;
  try {
    periodTo = args.extra["period-to"] === undefined ? undefined : parseDate(args.extra["period-to"]);
  } catch {
    console.error(`--period-to: ngày không hợp lệ / not a date: ${args.extra["period-to"]}\n${USAGE}`);
    return 2;
  }
  const bar = progressFor(args.paths);
  const results = await ingestPaths(args.paths, {
    db: args.db,
    partial: args.partial,
    limits: args.limits,
    periodTo,
    onProgress: bar.onProgress,
    onFile: (r, i, n, ms) => {
      bar.clear();
      if (!args.json) console.log(formatResult(r, i, n, ms));
    }
  });
  bar.clear();
  // wait for stdout to drain: a long --json answer into a pipe must not be cut by process.exit
  await new Promise<void>((done) => process.stdout.write((args.json ? toJson(results) : summaryLine(results)) + "\n", () => done()));
  return exitCode(results);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof WarehouseBusyError ? e.message : `Lỗi / error: ${(e as Error).stack ?? (e as Error).message}`);
    process.exit(e instanceof WarehouseBusyError ? 3 : 1);
  }
);
