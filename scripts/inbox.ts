// Watches data/inbox/: a submission file dropped there is refreshed (ingest, pipeline, publish) within seconds,
// its result printed (accepted, or rejected with its reasons; the ledger keeps it either way), and the file moved
// to data/inbox/done/ or data/inbox/rejected/. Files are taken one batch at a time, once their size has stopped
// changing (a file still being copied is left for the next look).
import {existsSync, mkdirSync, readdirSync, renameSync, statSync, watch, type FSWatcher} from "node:fs";
import {basename, extname, join} from "node:path";
import {formatResult} from "../loaders/report.ts";
import {WarehouseBusyError} from "../loaders/record/warehouse.ts";
import {refresh, type RefreshResult} from "../pipelines/refresh.ts";

export const INBOX = "data/inbox";
const ACCEPTED_EXT = new Set([".csv", ".tsv", ".txt", ".xlsx"]);

export interface InboxOptions {
  dir?: string;
  db: string;
  out?: string;
  log?: (line: string) => void;
  /** How often the folder is looked at besides file-system events (ms). */
  pollMs?: number;
  /** Each batch's result (tests). */
  onBatch?: (files: string[], result: RefreshResult | null) => void;
}

/** Moves a file into a folder, adding a time stamp when a file of that name is there already. */
function moveInto(file: string, folder: string): string {
  mkdirSync(folder, {recursive: true});
  let target = join(folder, basename(file));
  if (existsSync(target)) {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    target = join(folder, `${basename(file, extname(file))}.${stamp}${extname(file)}`);
  }
  renameSync(file, target);
  return target;
}

export function watchInbox(opts: InboxOptions): {close(): void; idle(): Promise<void>} {
  const dir = opts.dir ?? INBOX;
  const log = opts.log ?? ((l: string) => console.log(l));
  mkdirSync(dir, {recursive: true});
  const sizes = new Map<string, number>();
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const ready = (): string[] => {
    const files: string[] = [];
    for (const e of readdirSync(dir, {withFileTypes: true})) {
      if (!e.isFile() || e.name.startsWith(".") || !ACCEPTED_EXT.has(extname(e.name).toLowerCase())) continue;
      const path = join(dir, e.name);
      const size = statSync(path).size;
      // taken once the size is the same at two looks in a row
      if (sizes.get(path) === size) files.push(path);
      sizes.set(path, size);
    }
    return files.sort();
  };

  const runBatch = async (files: string[]): Promise<void> => {
    log(`\n[hộp thư / inbox] ${files.length} tệp mới: ${files.map((f) => basename(f)).join(", ")}`);
    let result: RefreshResult | null = null;
    try {
      result = await refresh(files, {db: opts.db, out: opts.out, log: (l) => log(`  ${l}`), onFile: (r, i, n, ms) => log(formatResult(r, i, n, ms).replace(/^/gm, "    "))});
    } catch (e) {
      if (e instanceof WarehouseBusyError) {
        log(`  Kho dữ liệu đang bận, sẽ thử lại / warehouse busy, will retry`);
        opts.onBatch?.(files, null);
        return; // left in the inbox: the next look retries
      }
      log(`  Lỗi / error: ${(e as Error).message}`);
    }
    if (result?.error) log(`  ${result.error}`);
    for (const r of result?.files ?? []) {
      const src = files.find((f) => basename(f) === basename(r.file)) ?? r.file;
      if (!existsSync(src)) continue;
      const ok = r.status === "accepted" || r.status === "duplicate" || r.status === "partial";
      const to = moveInto(src, join(dir, ok ? "done" : "rejected"));
      sizes.delete(src);
      log(`  → ${to}`);
    }
    if (result) log(`[hộp thư / inbox] xong, mã ${result.code} / done, exit ${result.code}`);
    opts.onBatch?.(files, result);
  };

  const look = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    const files = ready();
    if (!files.length) return;
    running = runBatch(files).finally(() => {
      running = null;
      if (again) {
        again = false;
        setTimeout(look, 200);
      }
    });
  };

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, () => setTimeout(look, 300));
  } catch {
    watcher = null; // polling alone
  }
  const timer = setInterval(look, opts.pollMs ?? 1000);
  look();
  return {
    close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
    },
    async idle() {
      while (running) await running;
    }
  };
}
