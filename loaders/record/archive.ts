// The archive: every file's original bytes, stored once under their SHA-256, so that any version can be
// reloaded. A copy is written under a temporary name and renamed once complete.
import {copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync} from "node:fs";
import {join} from "node:path";

/**
 * Copies left half-written by an ingest that was killed while archiving (`<sha256>.<pid>.tmp`; a copy becomes
 * `<sha256>` only once complete). This process holds the warehouse, so no other ingest is writing one now.
 */
export function removePartialCopies(dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (f.endsWith(".tmp")) rmSync(join(dir, f), {force: true});
}

/** Copies the file into the archive unless a copy is there already; returns its path there. */
export function archive(path: string, hash: string, dir: string): string {
  mkdirSync(dir, {recursive: true});
  const target = join(dir, hash);
  if (!existsSync(target)) {
    const tmp = `${target}.${process.pid}.tmp`;
    copyFileSync(path, tmp);
    renameSync(tmp, target);
  }
  return target;
}
