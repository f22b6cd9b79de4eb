// The built site for tests: the pages are built ONCE (they do not depend on the data) into a folder keyed by
// the hash of everything the build reads, and reused by every test file of the run (and by later runs while
// src/ is unchanged). A test that needs data copies the pages and publishes its own warehouse beside them, or,
// for a warehouse several files share (the sample, the rich fixture), copies data published once as well.
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {buildSite} from "../../scripts/build-site.ts";
import {publish, type PublishOptions, type PublishResult} from "../../pipelines/publish/publish.ts";
import {cachedDir, checkoutKey, inputKey, withLock} from "./cache.ts";
import {SAMPLE_INPUTS, sampleWarehouse} from "./sample.ts";
import {warehouseKey} from "./warehouse.ts";
import {writeRichSiteFixture} from "./site-fixture.ts";

const BUILD_INPUTS = ["src", "observablehq.config.ts", "package-lock.json", "scripts/build-site.ts", "scripts/bundle-checker.ts", "scripts/lib", "loaders"];
/** What published data depends on besides the warehouse (pipelines/publish/publish.ts, codeVersion). */
const PUBLISH_INPUTS = ["pipelines/publish", "src/components", "docs/indicators.md", "package-lock.json", "test/helpers/site.ts"];

/**
 * Held while Framework builds from this checkout's src/ (its cache and the bundled checker are written there):
 * a test that builds the site by other means takes it too.
 */
export const SITE_BUILD_LOCK = `site-build-${checkoutKey}`;

/** The folder of the site's pages, built once. */
export function sharedSite(): Promise<string> {
  return cachedDir("chibo-site", inputKey(BUILD_INPUTS), (dir) => withLock(SITE_BUILD_LOCK, () => buildSite({out: dir, log: () => {}})).then(() => undefined));
}

/** A copy of the pages with `db` published into its data/ folder. */
export async function publishedSite(db: string, opts: Omit<PublishOptions, "db" | "out"> = {}): Promise<{dir: string; published: PublishResult; dispose(): void}> {
  const pages = await sharedSite();
  const dir = mkdtempSync(join(tmpdir(), "chibo-site-copy-"));
  copyPages(pages, dir);
  const published = await publish({...opts, db, out: join(dir, "data")});
  return {dir, published, dispose: () => rmSync(dir, {recursive: true, force: true})};
}

function copyPages(pages: string, dir: string): void {
  cpSync(pages, dir, {recursive: true, filter: (src) => src !== join(pages, ".complete")});
  mkdirSync(join(dir, "data"), {recursive: true});
}

/** Data published once per key from the warehouse `write(db)` makes: `data/`, `published.json`, `warehouse.duckdb`. */
function publishedOnce(name: string, key: string, write: (db: string) => Promise<void>): Promise<string> {
  return cachedDir(`chibo-published-${name}`, key, async (dir) => {
    const db = join(dir, "warehouse.duckdb");
    await write(db);
    const published = await publish({db, out: join(dir, "data")});
    writeFileSync(join(dir, "published.json"), JSON.stringify(published));
  });
}

/** A copy of the pages with data published once for every test file that asks for the same warehouse. */
async function copyPublished(cached: string): Promise<{dir: string; published: PublishResult; dispose(): void}> {
  const pages = await sharedSite();
  const dir = mkdtempSync(join(tmpdir(), "chibo-site-copy-"));
  copyPages(pages, dir);
  cpSync(join(cached, "data"), join(dir, "data"), {recursive: true});
  const published = JSON.parse(readFileSync(join(cached, "published.json"), "utf8")) as PublishResult;
  return {dir, published, dispose: () => rmSync(dir, {recursive: true, force: true})};
}

/**
 * The rich fixture (test/helpers/site-fixture.ts) published beside a copy of the pages: the same as
 * `writeRichSiteFixture(db)` then `publishedSite(db)`, with the publish done once for all test files.
 */
export async function publishedRichSite(): Promise<{dir: string; published: PublishResult; dispose(): void}> {
  const key = inputKey([...PUBLISH_INPUTS, "test/helpers/site-fixture.ts"]);
  return copyPublished(await publishedOnce("rich", key, writeRichSiteFixture));
}

/**
 * The sample (test/helpers/sample.ts) at `db` and published beside a copy of the pages: the same as
 * `sampleWarehouse(db)` then `publishedSite(db)`, with the publish done once for all test files.
 */
export async function publishedSample(db: string): Promise<{dir: string; published: PublishResult; sample: string; dispose(): void}> {
  const key = warehouseKey([...SAMPLE_INPUTS, ...PUBLISH_INPUTS]);
  const cached = await publishedOnce("sample", key, async (cacheDb) => void (await sampleWarehouse(cacheDb)));
  const {sample} = await sampleWarehouse(db);
  return {...(await copyPublished(cached)), sample};
}
