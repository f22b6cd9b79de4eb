// Writes a publication: files under content-hashed names, then the manifest, replaced last by rename.
//
// Why it is crash-safe: a file is written to a temporary name, synced and renamed, and its published name
// carries its content hash, so a file named by the manifest in force is never rewritten. The manifest is
// replaced last, by rename (atomic on one file system): a reader sees the old publication or the new one. Files
// named by neither the new manifest nor the one it replaces are removed only after the new manifest is in place
// (one publication back is kept for pages that read the previous manifest a moment ago); a killed run leaves
// temporary files that the next run removes.
import {createHash} from "node:crypto";
import {closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, writeSync} from "node:fs";
import {dirname, join, posix} from "node:path";
import {gzipSync} from "node:zlib";
import {MANIFEST, MANIFEST_FORMAT, type Manifest, type ManifestFile} from "../../src/components/data-layout.ts";

const TMP_MARK = ".tmp-";
const COMPRESSIBLE = /\.(json|csv|txt)$/;

function writeDurably(path: string, data: Uint8Array): void {
  mkdirSync(dirname(path), {recursive: true});
  const tmp = `${path}${TMP_MARK}${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not every file system lets a directory be synced
  }
}

/** The published path of a logical name: the content hash goes before the extension. */
export function hashedPath(name: string, sha256: string): string {
  const dir = posix.dirname(name);
  const base = posix.basename(name);
  const dot = base.indexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : "";
  return `${dir === "." ? "" : `${dir}/`}${stem}.${sha256.slice(0, 16)}${ext}`;
}

export function readManifest(dir: string): Manifest | null {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, "utf8")) as Manifest;
    return m && m.format === MANIFEST_FORMAT && m.files ? m : null;
  } catch {
    return null;
  }
}

export interface StoreStats {
  /** Logical names whose file was written by this run (new content). */
  written: string[];
  /** Logical names whose file was already there. */
  unchanged: string[];
  /** Files removed (no longer named). */
  removed: number;
  bytesWritten: number;
}

export class Store {
  readonly previous: Manifest | null;
  private readonly files: Record<string, ManifestFile> = {};
  readonly stats: StoreStats = {written: [], unchanged: [], removed: 0, bytesWritten: 0};

  constructor(readonly dir: string) {
    mkdirSync(dir, {recursive: true});
    this.previous = readManifest(dir);
  }

  /** Adds a file under its logical name; writes it only when no file holds this content yet. */
  put(name: string, content: Uint8Array | string): ManifestFile {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const sha256 = createHash("sha256").update(data).digest("hex");
    const path = hashedPath(name, sha256);
    const abs = join(this.dir, path);
    const entry = {path, bytes: data.length};
    if (existsSync(abs) && statSync(abs).size === data.length) {
      this.stats.unchanged.push(name);
    } else {
      writeDurably(abs, data);
      this.stats.written.push(name);
      this.stats.bytesWritten += data.length;
    }
    // A gzip copy for servers that send precompressed files (npm run serve; nginx gzip_static).
    if (COMPRESSIBLE.test(name) && data.length >= 1024 && !existsSync(`${abs}.gz`)) writeDurably(`${abs}.gz`, gzipSync(data, {level: 6}));
    this.files[name] = entry;
    return entry;
  }

  /** Keeps a file of the previous publication as it is; false when it is gone (then it must be built again). */
  keep(name: string): boolean {
    const entry = this.previous?.files[name];
    if (!entry || !existsSync(join(this.dir, entry.path))) return false;
    this.files[name] = entry;
    this.stats.unchanged.push(name);
    return true;
  }

  /** The names of the previous publication under a prefix (e.g. a committee's folder). */
  previousNames(prefix: string): string[] {
    return Object.keys(this.previous?.files ?? {}).filter((n) => n.startsWith(prefix));
  }

  /**
   * Writes the manifest (last, by rename), then removes the files that neither it nor the manifest it replaces
   * names. `beforeSwap` runs just before the rename (tests use it to kill the process there).
   */
  commit(meta: Omit<Manifest, "format" | "files">, beforeSwap?: () => void): Manifest {
    const manifest: Manifest = {format: MANIFEST_FORMAT, ...meta, files: sortKeys(this.files)};
    const path = join(this.dir, MANIFEST);
    const text = Buffer.from(JSON.stringify(manifest), "utf8");
    beforeSwap?.();
    // The compressed copy first: at national scale the manifest names thousands of files (~80 kB gzip instead of
    // ~500 kB). Either copy alone is a whole manifest whose files all exist until the next publish.
    writeDurably(`${path}.gz`, gzipSync(text, {level: 9}));
    writeDurably(path, text);
    syncDir(this.dir);
    const keep = new Set<string>([MANIFEST, `${MANIFEST}.gz`]);
    for (const m of [manifest, this.previous]) for (const f of Object.values(m?.files ?? {})) keep.add(f.path).add(`${f.path}.gz`);
    this.stats.removed = sweep(this.dir, "", keep);
    return manifest;
  }
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Removes files not in `keep` (and temporary files, and folders left empty); returns how many files went. */
function sweep(root: string, rel: string, keep: Set<string>): number {
  let removed = 0;
  const dir = join(root, rel);
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      removed += sweep(root, path, keep);
      if (readdirSync(join(root, path)).length === 0) rmdirSync(join(root, path));
    } else if (!keep.has(path) || entry.name.includes(TMP_MARK)) {
      rmSync(join(root, path), {force: true});
      removed++;
    }
  }
  return removed;
}
