// npm run ingest -- [--db FILE] [--partial] [--json] [--max-file-mb N ...] PATH...
// Loads submission files (or every .csv/.tsv/.xlsx in the given folders) into the warehouse, registries first.
// Exit code: 0 every file accepted (or already loaded), 1 some file rejected or only partly loaded (--partial),
// 2 usage error, 3 warehouse busy (another ingest, pipeline or build holds it).
import {existsSync, statSync} from "node:fs";
import {parseArgs} from "node:util";
import {expandPaths, ingestPaths} from "./ingest-paths.ts";
import {LIMIT_FLAGS, LIMIT_USAGE, limitsFromFlags} from "./limits.ts";
import {exitCode, formatResult, progressBar, PROGRESS_LOG_BYTES, PROGRESS_TTY_BYTES, summaryLine, toJson} from "./report.ts";
import {DEFAULT_DB, WarehouseBusyError} from "./warehouse.ts";

const USAGE = `Cách dùng / usage: npm run ingest -- [--db FILE] [--partial] [--json] PATH...
  PATH       tệp .csv/.tsv/.xlsx hoặc thư mục / submission files or folders
  --db       kho dữ liệu / warehouse (default ${DEFAULT_DB})
  --partial  nạp các dòng hợp lệ của tệp có lỗi, cách ly dòng lỗi / load the valid rows of a file with errors
  --json     in kết quả dạng JSON / print a machine-readable summary
${LIMIT_USAGE}
Mã thoát / exit: 0 tất cả đã nạp / all accepted, 1 có tệp bị từ chối hoặc nạp một phần / some rejected or partial,
  2 sai cú pháp lệnh / usage, 3 kho đang bận / warehouse busy`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {db: {type: "string", default: DEFAULT_DB}, partial: {type: "boolean", default: false}, json: {type: "boolean", default: false}, help: {type: "boolean", short: "h"}, ...LIMIT_FLAGS}
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const {values, positionals} = args;
  let limits;
  try {
    limits = limitsFromFlags(values);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const missing = positionals.filter((p) => !existsSync(p));
  if (missing.length) {
    console.error(`Không tìm thấy / not found: ${missing.join(", ")}\n${USAGE}`);
    return 2;
  }
  const files = expandPaths(positionals);
  const sizes = files.map((f) => statSync(f).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const tty = Boolean(process.stderr.isTTY);
  const showProgress = (tty && total >= PROGRESS_TTY_BYTES) || Math.max(0, ...sizes) >= PROGRESS_LOG_BYTES;
  const bar = progressBar({tty, write: (s) => process.stderr.write(s)});
  const results = await ingestPaths(positionals, {
    db: values.db,
    partial: values.partial,
    limits,
    onProgress: showProgress ? (phase, done, tot, file) => bar.update(phase, done, tot, file) : undefined,
    onFile: (r, i, n, ms) => {
      bar.clear();
      if (!values.json) console.log(formatResult(r, i, n, ms));
    }
  });
  bar.clear();
  // wait for stdout to drain: a long --json answer into a pipe must not be cut by process.exit
  await new Promise<void>((done) => process.stdout.write((values.json ? toJson(results) : summaryLine(results)) + "\n", () => done()));
  return exitCode(results);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof WarehouseBusyError ? e.message : `Lỗi / error: ${(e as Error).stack ?? (e as Error).message}`);
    process.exit(e instanceof WarehouseBusyError ? 3 : 1);
  }
);
