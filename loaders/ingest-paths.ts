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

/** What ordering needs to know of a registry: whether it lists a province, the codes it defines and names. */
interface RegistryPeek {
  /** 0: lists a province in force; 0.5: lists only a province merged into another (it names it); null: no province */
  province: number | null;
  defines: Set<string>;
  /** codes it names as parent, former parent, successor or former code */
  names: Set<string>;
}

const REFERENCE_KEYS = ["ma_cap_tren", "ma_cap_tren_cu", "sap_nhap_vao", "ma_cu"] as const;

function peekRows(rows: {cap: string; code: string; refs: (string | null | undefined)[]; successor: string | null | undefined}[]): RegistryPeek {
  const provinces = rows.filter((r) => r.cap === "tinh");
  const clean = (v: string | null | undefined) => (v ?? "").trim().toUpperCase();
  return {
    province: provinces.length === 0 ? null : provinces.every((r) => clean(r.successor)) ? 0.5 : 0,
    defines: new Set(rows.map((r) => clean(r.code)).filter(Boolean)),
    names: new Set(rows.flatMap((r) => r.refs.map(clean)).filter(Boolean))
  };
}

/** A CSV registry's peek (null when too large or unreadable: it keeps its place by name). */
function peekCsv(file: string): RegistryPeek | null {
  try {
    if (statSync(file).size > ORDER_PEEK_BYTES) return null;
    const rows = parseSubmission(basename(file), readFileSync(file)).rows as Record<string, unknown>[];
    return peekRows(rows.map((r) => ({cap: String(r.cap ?? ""), code: String(r.ma_don_vi ?? ""), refs: REFERENCE_KEYS.map((k) => r[k] as string | null), successor: r.sap_nhap_vao as string | null})));
  } catch {
    return null;
  }
}

/** A workbook registry's peek, read as the loader reads it. */
async function peekXlsx(file: string): Promise<RegistryPeek | null> {
  try {
    if (statSync(file).size > ORDER_PEEK_BYTES) return null;
    const t = await readTableAsync(readFileSync(file), basename(file));
    const at = (k: string) => t.layout.keys.indexOf(k);
    const cell = (rec: {cells: (string | undefined)[]}, k: string) => (at(k) >= 0 ? (rec.cells[at(k)] ?? "") : "");
    return peekRows(
      t.records.map((rec) => ({cap: foldKey(cell(rec, "cap")), code: cell(rec, "ma_don_vi"), refs: REFERENCE_KEYS.map((k) => cell(rec, k)), successor: cell(rec, "sap_nhap_vao")}))
    );
  } catch {
    return null; // unreadable: ingest reports it
  }
}

/**
 * Registries first, then ratings, then meeting logs. Registries go in an order where each comes after the
 * registries defining the codes it names (its units' parents, a former parent, a successor, a former code): the
 * province's first, a province merged into another after the one it joins, a new committee's registry that names
 * old codes (`ma_cu`) after the registries of those codes, whatever the file names. Otherwise (and to break a
 * cycle) by name.
 */
function orderFiles(files: string[], peeks: Map<string, RegistryPeek | null>): string[] {
  const byName = (a: string, b: string) => kindRank(basename(a)) - kindRank(basename(b)) || a.localeCompare(b);
  const registries = files.filter((f) => kindRank(basename(f)) === 1);
  const rest = files.filter((f) => kindRank(basename(f)) !== 1).sort(byName);
  const rank = (f: string) => peeks.get(f)?.province ?? 1;
  const waiting = [...registries].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  // code → the waiting registries defining it
  const definedBy = new Map<string, Set<string>>();
  for (const f of waiting) for (const code of peeks.get(f)?.defines ?? []) definedBy.set(code, (definedBy.get(code) ?? new Set()).add(f));
  const ordered: string[] = [];
  while (waiting.length) {
    // the first registry naming no code that another waiting registry defines
    const ready = waiting.findIndex((f) => {
      const peek = peeks.get(f);
      for (const code of peek?.names ?? []) if (!peek!.defines.has(code) && [...(definedBy.get(code) ?? [])].some((g) => g !== f)) return false;
      return true;
    });
    const [next] = waiting.splice(ready >= 0 ? ready : 0, 1);
    for (const code of peeks.get(next)?.defines ?? []) definedBy.get(code)?.delete(next);
    ordered.push(next);
  }
  return [...ordered, ...rest];
}

/** The load order of files (CSV registries looked into; see loadOrderAsync for workbooks too). */
export function loadOrder(files: string[]): string[] {
  const peeks = new Map(files.filter((f) => kindRank(basename(f)) === 1).map((f) => [f, /\.xlsx$/i.test(f) ? null : peekCsv(f)] as const));
  return orderFiles(files, peeks);
}

/** loadOrder, also looking inside .xlsx registries. */
export async function loadOrderAsync(files: string[]): Promise<string[]> {
  const peeks = new Map<string, RegistryPeek | null>();
  for (const f of files) if (kindRank(basename(f)) === 1) peeks.set(f, /\.xlsx$/i.test(f) ? await peekXlsx(f) : peekCsv(f));
  return orderFiles(files, peeks);
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
