// npm run validate -- [--db FILE] [--partial] [--json] FILE...
// The same checks as `npm run ingest`, without touching the warehouse: the files are loaded into a scratch copy
// (a temporary DuckDB file seeded, read-only, with the warehouse's unit registry and ledger when it exists),
// in the same order ingest would use, so registries given on the command line count for the files after them.
// Exit code: 0 every file would be accepted (or is already loaded), 1 some would be rejected or only partly
// loaded, 2 usage error, 3 the warehouse is busy (it cannot even be read).
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, join} from "node:path";
import {pathToFileURL} from "node:url";
import {ingestFiles, type FileResult} from "./record/ingest.ts";
import {expandPaths, loadOrderAsync, readReceipts} from "./ingest-paths.ts";
import {loaderArgs, progressFor} from "./command-line.ts";
import {LIMIT_USAGE, type Limits} from "./format/limits.ts";
import {exitCode, formatResult, summaryLine, toJson} from "./report.ts";
import {sqlString} from "./format/text.ts";
import {DEFAULT_DB, openWarehouse, queryRows, WarehouseBusyError} from "./record/warehouse.ts";

const USAGE = `Cách dùng / usage: npm run validate -- [--db FILE] [--partial] [--json] FILE...
  Kiểm tra tệp mà không ghi gì vào kho dữ liệu / checks files without writing to the warehouse.
  --db       đọc danh mục đơn vị từ kho này nếu có / read the unit registry from this warehouse if it exists (default ${DEFAULT_DB})
  --partial  báo kết quả như khi nạp với --partial / report as ingest --partial would
  --json     in kết quả dạng JSON / machine-readable output
${LIMIT_USAGE}`;

export interface ValidateOptions {
  db?: string;
  partial?: boolean;
  /** input limits (loaders/limits.ts) */
  limits?: Partial<Limits>;
  onFile?: (r: FileResult, i: number, n: number, ms: number) => void;
  onProgress?: (phase: string, done: number, total: number, file: string) => void;
}

/** What ingesting `paths` into `db` would do, computed in a scratch copy. Returns whether a registry was found. */
export async function validatePaths(paths: string[], opts: ValidateOptions = {}): Promise<{results: FileResult[]; registry: boolean}> {
  const files = await loadOrderAsync(expandPaths(paths));
  const scratchDir = mkdtempSync(join(tmpdir(), "chibo-validate-"));
  const scratch = await openWarehouse(join(scratchDir, "scratch.duckdb"));
  try {
    const db = opts.db ?? DEFAULT_DB;
    if (existsSync(db)) {
      // read-only: waits for nobody, changes nothing; a writer holding the file makes it busy
      try {
        await scratch.conn.run(`ATTACH ${sqlString(db)} AS wh (READ_ONLY)`);
      } catch (e) {
        if (/lock/i.test(String((e as Error).message))) throw new WarehouseBusyError(db);
        throw e;
      }
      const tables = await queryRows<{t: string}>(scratch.conn, "SELECT table_name AS t FROM duckdb_tables() WHERE database_name = 'wh'");
      const has = new Set(tables.map((t) => t.t));
      if (has.has("raw_units")) await scratch.conn.run("INSERT INTO raw_units BY NAME SELECT * FROM wh.raw_units");
      if (has.has("submissions")) {
        await scratch.conn.run("INSERT INTO submissions BY NAME SELECT * FROM wh.submissions WHERE status IN ('accepted', 'partial')");
        // the scratch ledger continues after the warehouse's ids
        const [{next}] = await queryRows<{next: number}>(scratch.conn, "SELECT (coalesce(max(submission_id), 0) + 1)::INTEGER AS next FROM wh.submissions");
        await scratch.conn.run(`DROP SEQUENCE submission_seq; CREATE SEQUENCE submission_seq START ${next}`);
      }
      await scratch.conn.run("DETACH wh");
    }
    const [{units}] = await queryRows<{units: number}>(scratch.conn, "SELECT count(*)::INTEGER AS units FROM raw_units");
    const registry = units > 0 || files.some((f) => basename(f).toLowerCase().startsWith("don_vi"));
    const receipts = new Map<string, ReturnType<typeof readReceipts>>();
    const inputs = files.map((path) => {
      const folder = dirname(path);
      if (!receipts.has(folder)) receipts.set(folder, readReceipts(folder));
      const receipt = receipts.get(folder)!.get(basename(path));
      return {path, receivedAt: receipt?.receivedAt, periodTo: receipt?.periodTo};
    });
    let last = performance.now();
    const results = await ingestFiles(scratch, inputs, {partial: opts.partial, limits: opts.limits, archiveDir: join(scratchDir, "archive"), onProgress: opts.onProgress}, (r, i) => {
      const now = performance.now();
      opts.onFile?.({...r, submissionId: 0}, i, files.length, now - last);
      last = now;
    });
    return {results: results.map((r) => ({...r, submissionId: 0})), registry};
  } finally {
    scratch.close();
    rmSync(scratchDir, {recursive: true, force: true});
  }
}

async function main(): Promise<number> {
  const args = loaderArgs(USAGE);
  if (!args) return 2;
  const bar = progressFor(args.paths);
  const {results, registry} = await validatePaths(args.paths, {
    db: args.db,
    partial: args.partial,
    limits: args.limits,
    onProgress: bar.onProgress,
    onFile: (r, i, n, ms) => {
      bar.clear();
      if (!args.json) console.log(formatResult(r, i, n, ms, "validate"));
    }
  });
  bar.clear();
  if (!registry)
    console.error(
      "⚠ Không có danh mục đơn vị (không có kho dữ liệu, không có tệp don_vi): các kiểm tra theo danh mục sẽ báo lỗi. Dùng --db hoặc kèm các tệp don_vi.\n" +
        "⚠ No unit registry (no warehouse, no don_vi file): registry checks will fail. Pass --db or include the don_vi files."
    );
  await new Promise<void>((done) => process.stdout.write((args.json ? toJson(results) : summaryLine(results)) + "\n", () => done()));
  return exitCode(results);
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
