// Ingesting many files at once: expanding folders, ordering (registries first), received dates from a
// folder's ngay_nhan.csv, and one warehouse connection for the whole batch.
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {parse} from "csv-parse/sync";
import {ingestFiles, type FileResult, type IngestInput, type IngestOptions} from "./record/ingest.ts";
import type {Limits} from "./format/limits.ts";
import {parseSubmission} from "./check/parse-submission.ts";
import {readTableAsync} from "./read/read-table.ts";
import {parseDate} from "./format/schemas.ts";
import {foldKey} from "./format/text.ts";
import {DEFAULT_DB, openWarehouse} from "./record/warehouse.ts";

export const RECEIPTS_FILE = "ngay_nhan.csv";
const SUBMISSION = /\.(csv|tsv|xlsx)$/i;

/**
 * Files to ingest: the given files, and in the given folders the .csv/.tsv/.xlsx files (not the receipts list,
 * not Excel's ~$ lock files) and the .txt files named after a kind (Excel's "Unicode text"; not a README).
 */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) {
        if (f === RECEIPTS_FILE || f.startsWith("~$")) continue;
        if (SUBMISSION.test(f) || (/\.txt$/i.test(f) && kindRank(f) < 4)) files.push(join(p, f));
      }
    } else files.push(p);
  }
  return files;
}

const kindRank = (name: string): number => {
  const k = foldKey(name);
  return k.startsWith("don_vi") ? 1 : k.startsWith("danh_gia") ? 2 : k.startsWith("sinh_hoat") ? 3 : 4;
};

/** Registries larger than this are not looked into for the province when ordering (they are read whole). */
const ORDER_PEEK_BYTES = 16 << 20;

/**
 * A registry that lists a province (cap `tinh`) goes first: the committees' registries hang under it (rank 0). A
 * province merged into another (its row names the successor in sap_nhap_vao) goes after the provinces in force,
 * which it names (rank 0.5); null: no province in the file.
 */
function provinceRank(file: string): number | null {
  try {
    if (statSync(file).size > ORDER_PEEK_BYTES) return null;
    const provinces = parseSubmission(basename(file), readFileSync(file)).rows.filter((r) => r.cap === "tinh");
    return provinces.length === 0 ? null : provinces.some((r) => r.sap_nhap_vao) ? 0.5 : 0;
  } catch {
    return null;
  }
}

/** Registries first (the province's before the committees'), then ratings, then meeting logs. (.xlsx registries: see loadOrderAsync.) */
export function loadOrder(files: string[]): string[] {
  const rank = (f: string): number => {
    const r = kindRank(basename(f));
    return r === 1 && !/\.xlsx$/i.test(f) ? (provinceRank(f) ?? r) : r;
  };
  return files
    .map((f) => ({f, r: rank(f)}))
    .sort((a, b) => a.r - b.r || a.f.localeCompare(b.f))
    .map((x) => x.f);
}

/** loadOrder, also looking inside .xlsx registries for the province. */
export async function loadOrderAsync(files: string[]): Promise<string[]> {
  const ranked: {f: string; r: number}[] = [];
  for (const f of files) {
    let r = kindRank(basename(f));
    if (r === 1) {
      if (/\.xlsx$/i.test(f)) {
        try {
          if (statSync(f).size > ORDER_PEEK_BYTES) throw new Error("too large to look into");
          const t = await readTableAsync(readFileSync(f), basename(f));
          const cap = t.layout.keys.indexOf("cap");
          const successor = t.layout.keys.indexOf("sap_nhap_vao");
          const provinces = cap >= 0 ? t.records.filter((rec) => foldKey(rec.cells[cap] ?? "") === "tinh") : [];
          if (provinces.length) r = successor >= 0 && provinces.some((rec) => (rec.cells[successor] ?? "").trim()) ? 0.5 : 0;
        } catch {
          // unreadable: ingest reports it
        }
      } else r = provinceRank(f) ?? r;
    }
    ranked.push({f, r});
  }
  return ranked.sort((a, b) => a.r - b.r || a.f.localeCompare(b.f)).map((x) => x.f);
}

/**
 * A folder's ngay_nhan.csv, if it has one: per file name, the date it was received (`ngay_nhan`) and, when the
 * sender declared it, the last day its meeting log covers (`den_ngay`, a log sent before its year ends).
 */
export function readReceipts(folder: string): Map<string, {receivedAt?: string; periodTo?: string}> {
  const path = join(folder, RECEIPTS_FILE);
  const map = new Map<string, {receivedAt?: string; periodTo?: string}>();
  if (!existsSync(path)) return map;
  const rows = parse(readFileSync(path), {columns: true, bom: true, skip_empty_lines: true}) as Record<string, string>[];
  for (const r of rows) {
    if (!r.tep) continue;
    const receivedAt = r.ngay_nhan?.trim() ? parseDate(r.ngay_nhan.trim()) : undefined;
    const periodTo = r.den_ngay?.trim() ? parseDate(r.den_ngay.trim()) : undefined;
    if (receivedAt || periodTo) map.set(r.tep.trim(), {receivedAt, periodTo});
  }
  return map;
}

export async function ingestPaths(
  paths: string[],
  opts: {
    db?: string;
    partial?: boolean;
    /** input limits (loaders/limits.ts) */
    limits?: Partial<Limits>;
    /** after each file: its result, index, the count and the time since the previous one */
    onFile?: (r: FileResult, i: number, n: number, ms: number) => void;
    onProgress?: IngestOptions["onProgress"];
    /** the last day the meeting logs cover, as their sender declares it (ISO date); ngay_nhan.csv's den_ngay wins */
    periodTo?: string;
  } = {}
): Promise<FileResult[]> {
  const files = await loadOrderAsync(expandPaths(paths));
  const receipts = new Map<string, Map<string, {receivedAt?: string; periodTo?: string}>>();
  const inputs: IngestInput[] = files.map((path) => {
    const folder = dirname(path);
    if (!receipts.has(folder)) receipts.set(folder, readReceipts(folder));
    const receipt = receipts.get(folder)!.get(basename(path));
    return {path, receivedAt: receipt?.receivedAt, periodTo: receipt?.periodTo ?? opts.periodTo};
  });
  const wh = await openWarehouse(opts.db ?? DEFAULT_DB);
  let last = performance.now();
  try {
    return await ingestFiles(wh, inputs, {partial: opts.partial, limits: opts.limits, onProgress: opts.onProgress}, (r, i) => {
      const now = performance.now();
      opts.onFile?.(r, i, files.length, now - last);
      last = now;
    });
  } finally {
    wh.close();
  }
}
