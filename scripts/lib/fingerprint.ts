// Content hashes of files and folders: how `npm start` knows which steps' inputs changed since last time.
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";

/** Every file under the given paths (skipping ignored folder names), sorted. */
export function listFiles(paths: string[], ignore: string[] = [".observablehq", "node_modules"]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p).sort()) if (!ignore.includes(e)) walk(join(p, e));
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return out.sort();
}

/** sha256 over the relative names and contents of the files, plus any extra strings. */
export function hashFiles(files: string[], ...extra: string[]): string {
  const hash = createHash("sha256");
  for (const f of files) hash.update(relative(process.cwd(), f)).update("\0").update(readFileSync(f)).update("\0");
  for (const e of extra) hash.update(e).update("\0");
  return hash.digest("hex");
}

export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
