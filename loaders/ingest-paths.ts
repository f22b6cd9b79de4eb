// Ingesting many files at once: expanding folders, ordering (registries first), received dates from a
// folder's ngay_nhan.csv, and one warehouse connection for the whole batch.
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {parseArgs} from "node:util";
import {ingestFile, type FileResult} from "./ingest.ts";
import {parseSubmission} from "./parse-submission.ts";
import {parseDate} from "./schemas.ts";
import {DEFAULT_DB, openWarehouse} from "./warehouse.ts";
import {parse} from "csv-parse/sync";

export const RECEIPTS_FILE = "ngay_nhan.csv";

/** Files to ingest: the given files, and the .csv files of the given folders (not the receipts list). */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (/\.csv$/i.test(f) && f !== RECEIPTS_FILE) files.push(join(p, f));
    } else files.push(p);
  }
  return files;
}

/** Registries first (the province's before the committees'), then ratings, then meeting logs. */
export function loadOrder(files: string[]): string[] {
  const rank = (f: string): number => {
    const name = basename(f).toLowerCase();
    if (name.startsWith("don_vi")) {
      try {
        return parseSubmission(name, readFileSync(f)).rows.some((r) => r.cap === "tinh") ? 0 : 1;
      } catch {
        return 1;
      }
    }
    return name.startsWith("danh_gia") ? 2 : name.startsWith("sinh_hoat") ? 3 : 4;
  };
  const ranked = files.map((f) => ({f, r: rank(f)}));
  return ranked.sort((a, b) => a.r - b.r || a.f.localeCompare(b.f)).map((x) => x.f);
}

/** Received dates from a folder's ngay_nhan.csv (file name → ISO date), if the folder has one. */
export function readReceipts(folder: string): Map<string, string> {
  const path = join(folder, RECEIPTS_FILE);
  const map = new Map<string, string>();
  if (!existsSync(path)) return map;
  const rows = parse(readFileSync(path), {columns: true, bom: true, skip_empty_lines: true}) as Record<string, string>[];
  for (const r of rows) if (r.tep && r.ngay_nhan) map.set(r.tep.trim(), parseDate(r.ngay_nhan.trim()));
  return map;
}

export async function ingestPaths(
  paths: string[],
  opts: {db?: string; partial?: boolean; onFile?: (r: FileResult, i: number, n: number, ms: number) => void} = {}
): Promise<FileResult[]> {
  const files = loadOrder(expandPaths(paths));
  const receipts = new Map<string, Map<string, string>>();
  const wh = await openWarehouse(opts.db ?? DEFAULT_DB);
  const results: FileResult[] = [];
  try {
    for (const [i, file] of files.entries()) {
      const folder = dirname(file);
      if (!receipts.has(folder)) receipts.set(folder, readReceipts(folder));
      const t0 = performance.now();
      const r = await ingestFile(wh, file, {partial: opts.partial, receivedAt: receipts.get(folder)!.get(basename(file))});
      results.push(r);
      opts.onFile?.(r, i, files.length, performance.now() - t0);
    }
  } finally {
    wh.close();
  }
  return results;
}

