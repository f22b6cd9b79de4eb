// Things several test files need and that take long to make (the site's pages, the sample's warehouse and its
// published data): made once into a temp folder named by the hash of everything they are made from, and reused
// by every test file of the run (and by later runs while those inputs are unchanged). Test files may run in
// parallel workers: a lock folder makes one worker build while the others wait, and a folder is built under a
// temporary name and renamed into place only when complete.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {setTimeout as sleep} from "node:timers/promises";
import {hashFiles, listFiles} from "../../scripts/lib/fingerprint.ts";

export const ROOT = join(import.meta.dirname, "..", "..");

/**
 * The machine's temp folder, where what test files share is kept: each test file's own temp folder (TMPDIR) is
 * removed when it is done (test/helpers/temp-per-file.ts).
 */
export function sharedTmp(): string {
  return process.env.CHIBO_SHARED_TMP ?? tmpdir();
}

/** A short key over the files under these project paths (relative to the project) and any extra strings. */
export function inputKey(paths: string[], ...extra: string[]): string {
  return hashFiles(listFiles(paths.map((p) => join(ROOT, p))), ...extra).slice(0, 16);
}

/** A name for a lock or cache folder that is this checkout's own (two checkouts build into their own src/). */
export const checkoutKey = createHash("sha256").update(ROOT).digest("hex").slice(0, 8);

/** Whether the process `pid` is running. */
export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Runs `fn` holding the lock `name` (a folder in the temp folder, shared by every process of this machine). A
 * lock left by a process that has died is taken over.
 */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(sharedTmp(), `chibo-lock-${name}`);
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let owner = NaN;
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
        owner = Number(readFileSync(join(lock, "pid"), "utf8"));
      } catch {
        // being created or removed right now
      }
      // its owner has died (or died before it could write its pid)
      const known = Number.isInteger(owner) && owner > 0;
      if ((known && !alive(owner)) || (!known && age > 10_000)) rmSync(lock, {recursive: true, force: true});
      else await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, {recursive: true, force: true});
  }
}

/** Each test file's own temp folder is `<shared temp>/chibo-test-file-<pid of its worker>-…`. */
export const TEST_FILE_TMP = "chibo-test-file-";

/** The parent of process `pid` (Linux), or null. */
function parentOf(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]);
  } catch {
    return null;
  }
}

/**
 * Removes the test files' temp folders left by workers that have ended, by the worker `pid` itself (when it starts
 * another file), or, at the end of a run, by the workers of the vitest process `parent`.
 */
export function sweepTestFileTmp({pid, parent}: {pid?: number; parent?: number} = {}): void {
  const shared = sharedTmp();
  for (const name of readdirSync(shared)) {
    if (!name.startsWith(TEST_FILE_TMP)) continue;
    const owner = Number(name.slice(TEST_FILE_TMP.length).split("-")[0]);
    if (owner && (owner === pid || !alive(owner) || (parent !== undefined && parentOf(owner) === parent))) rmSync(join(shared, name), {recursive: true, force: true});
  }
}

const made = new Map<string, Promise<string>>();
/** A cached folder not used for this long is removed when another of its name is built. */
const KEEP_UNUSED_MS = 24 * 3600_000;

/**
 * The folder `<temp>/<name>-<key>`, filled by `build(folder)` the first time it is asked for. Callers only read it
 * (or copy it): it is shared by every test file.
 */
export function cachedDir(name: string, key: string, build: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(sharedTmp(), `${name}-${key}`);
  const mark = join(dir, ".complete");
  const complete = () => {
    if (!existsSync(mark)) return false;
    const now = new Date();
    utimesSync(mark, now, now);
    return true;
  };
  let p = made.get(dir);
  if (!p) {
    p = (async () => {
      if (complete()) return dir;
      return withLock(`${name}-${key}`, async () => {
        if (complete()) return dir;
        const next = `${dir}.next-${process.pid}`;
        rmSync(next, {recursive: true, force: true});
        mkdirSync(next, {recursive: true});
        try {
          await build(next);
          writeFileSync(join(next, ".complete"), new Date().toISOString());
          rmSync(dir, {recursive: true, force: true});
          renameSync(next, dir);
        } finally {
          rmSync(next, {recursive: true, force: true});
        }
        prune(name, dir);
        return dir;
      });
    })();
    made.set(dir, p);
    // a failed build is tried again by the next caller
    p.catch(() => made.delete(dir));
  }
  return p;
}

/** Removes the folders of `name` not used for a day (older inputs), and builds left by processes that died. */
function prune(name: string, keep: string): void {
  const shared = sharedTmp();
  const re = new RegExp(`^${name}-[0-9a-f]{16}(?:\\.next-(\\d+))?$`);
  for (const entry of readdirSync(shared)) {
    const m = re.exec(entry);
    const path = join(shared, entry);
    if (!m || path === keep) continue;
    try {
      if (m[1] ? !alive(Number(m[1])) : Date.now() - statSync(join(path, ".complete")).mtimeMs > KEEP_UNUSED_MS) rmSync(path, {recursive: true, force: true});
    } catch {
      // not complete (being built or removed by another process): left alone
    }
  }
}
