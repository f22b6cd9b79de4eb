// The built site for tests: the pages are built ONCE (they do not depend on the data) into a folder keyed by
// the hash of everything the build reads, and reused by every test file of the run (and by later runs while
// src/ is unchanged). A test that needs data copies the pages and publishes its own warehouse beside them.
import {cpSync, existsSync, mkdirSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {buildSite} from "../../scripts/build-site.ts";
import {hashFiles, listFiles} from "../../scripts/lib/fingerprint.ts";
import {publish, type PublishOptions, type PublishResult} from "../../pipelines/publish/publish.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const BUILD_INPUTS = ["src", "observablehq.config.ts", "package-lock.json", "scripts/build-site.ts", "scripts/bundle-checker.ts", "scripts/lib", "loaders"].map((p) => join(ROOT, p));

let building: Promise<string> | null = null;

/** The folder of the site's pages, built once. */
export function sharedSite(): Promise<string> {
  building ??= (async () => {
    const key = hashFiles(listFiles(BUILD_INPUTS)).slice(0, 16);
    const dir = join(tmpdir(), `chibo-site-${key}`);
    if (existsSync(join(dir, "index.html")) && existsSync(join(dir, ".complete"))) return dir;
    rmSync(dir, {recursive: true, force: true});
    await buildSite({out: dir, log: () => {}});
    cpSync(join(dir, "index.html"), join(dir, ".complete"));
    return dir;
  })();
  return building;
}

/** A copy of the pages with `db` published into its data/ folder. */
export async function publishedSite(db: string, opts: Omit<PublishOptions, "db" | "out"> = {}): Promise<{dir: string; published: PublishResult; dispose(): void}> {
  const pages = await sharedSite();
  const dir = mkdtempSync(join(tmpdir(), "chibo-site-copy-"));
  cpSync(pages, dir, {recursive: true});
  rmSync(join(dir, ".complete"), {force: true});
  mkdirSync(join(dir, "data"), {recursive: true});
  const published = await publish({...opts, db, out: join(dir, "data")});
  return {dir, published, dispose: () => rmSync(dir, {recursive: true, force: true})};
}
