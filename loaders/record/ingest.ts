// Ingesting submission files into the warehouse: read each (source.ts), type and check it in DuckDB (load.ts),
// then replace — in one transaction — exactly the rows of that committee, kind and years. Every file seen is
// recorded in the `submissions` ledger and its bytes are archived, so any version can be reloaded.
//
// Files are processed in chunks (chunk.ts): consecutive small files of the same kind share every SQL pass and one
// transaction (a registry, a large file, or a file that touches the same committee-year as an earlier one of
// the chunk goes on its own). Each file still gets its own submission, status and problems: a chunk is only a
// way of doing the same work in fewer statements.
import {createHash} from "node:crypto";
import {basename, dirname, join} from "node:path";
import {resolveLimits, type Limits} from "../format/limits.ts";
import type {Kind} from "../format/schemas.ts";
import {openSource} from "../read/source.ts";
import {removePartialCopies} from "./archive.ts";
import {processChunk, type Item} from "./chunk.ts";
import type {FileResult, IngestInput, IngestOptions} from "./file-result.ts";
import type {Warehouse} from "./warehouse.ts";

export type {FileResult, IngestInput, IngestOptions, Status} from "./file-result.ts";

/** Most files a chunk holds, and the size above which a file goes on its own. */
const CHUNK_FILES = 64;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Today's date where the loader runs (not UTC: a meeting held this morning in Hà Nội is not in the future). */
export function localDate(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export async function ingestFile(wh: Warehouse, filePath: string, opts: IngestOptions = {}): Promise<FileResult> {
  const [r] = await ingestFiles(wh, [{path: filePath, receivedAt: opts.receivedAt}], opts);
  return r;
}

/** Ingests files in order, as if one by one; small files of one kind share their SQL passes. */
export async function ingestFiles(wh: Warehouse, inputs: IngestInput[], opts: IngestOptions = {}, onFile?: (r: FileResult, i: number) => void): Promise<FileResult[]> {
  const results: FileResult[] = [];
  opts = {...opts, limits: resolveLimits(opts.limits)};
  if (!opts.dryRun) removePartialCopies(opts.archiveDir ?? join(dirname(wh.path), "archive"));
  let next = 0;
  const queue: Item[] = [];
  try {
    while (next < inputs.length || queue.length) {
      // read ahead: keep up to one chunk of opened sources
      while (next < inputs.length && queue.length < CHUNK_FILES) queue.push(await openItem(wh, inputs[next++], opts));
      const chunk = takeChunk(queue);
      await processChunk(wh, chunk, opts);
      // a file deferred by the chunk (same committee-year as an earlier file of it) goes back to the front
      const deferred = chunk.filter((it) => !it.result);
      queue.unshift(...deferred);
      for (const it of chunk.filter((x) => x.result)) {
        it.src.dispose();
        results.push(it.result!);
        onFile?.(it.result!, results.length - 1);
      }
    }
  } finally {
    for (const it of queue) it.src.dispose();
  }
  return results;
}

async function openItem(wh: Warehouse, input: IngestInput, opts: IngestOptions): Promise<Item> {
  const receivedAt = input.receivedAt ?? opts.receivedAt ?? new Date().toISOString();
  const today = opts.today ?? (input.receivedAt ?? opts.receivedAt ? receivedAt.slice(0, 10) : localDate());
  const name = basename(input.path);
  const onProgress = opts.onProgress ? (phase: string, done: number, total: number) => opts.onProgress!(phase, done, total, name) : undefined;
  const src = await openSource(input.path, {forceRewrite: opts.forceRewrite, forceDirect: opts.forceDirect, onProgress, limits: opts.limits as Limits});
  void wh;
  return {input, src, receivedAt, today, archivePath: null};
}

const kindOf = (it: Item): Kind | null => (it.src.fatal.length ? null : (it.src.layout?.kind ?? null));

/** The next chunk: consecutive small files of one kind with different contents; a registry or a large file alone. */
function takeChunk(queue: Item[]): Item[] {
  const first = queue[0];
  let kind = kindOf(first);
  const alone = (it: Item) => kindOf(it) === "don_vi" || it.src.mode === "direct";
  let n = 1;
  if (!alone(first)) {
    const hashes = new Set([first.src.sha256]);
    while (n < queue.length && n < CHUNK_FILES) {
      const it = queue[n];
      const k = kindOf(it);
      if ((k !== null && kind !== null && k !== kind) || alone(it) || hashes.has(it.src.sha256)) break;
      kind ??= k;
      hashes.add(it.src.sha256);
      n++;
    }
  }
  return queue.splice(0, n);
}
