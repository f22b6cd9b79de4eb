// A corrected file reaching the open dashboard, on the sample: a page is open, `npm run refresh` runs with a
// corrected committee-year, and after a reload the page shows the new figure; pages opened while the refresh
// runs read one publication or the other, never files of both. Also, on the sample: the unit page, the tree and
// the search ("son duong" finds Sơn Dương).
import {spawn} from "node:child_process";
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, expect, it} from "vitest";
import type {Manifest} from "../../src/components/data-layout.ts";
import {serveSite, type RunningServer} from "../../scripts/serve.ts";
import {browserSuite} from "../helpers/require-tools.ts";
import {publishedSample} from "../helpers/site.ts";
import {launch, type Harness} from "./harness.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const COMMITTEE = "HU-SD";
const YEAR = 2022;

browserSuite("a corrected file reaches the open dashboard (sample)", () => {
  let dir: string;
  let db: string;
  let site: Awaited<ReturnType<typeof publishedSample>>;
  let server: RunningServer;
  let h: Harness;
  const manifest = (): Manifest => JSON.parse(readFileSync(join(site.dir, "data", "manifest.json"), "utf8"));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-refresh-browser-"));
    db = join(dir, "warehouse.duckdb");
    // the sample (in dir/sample) generated, ingested, run through the pipeline and published: made once for every test file
    site = await publishedSample(db);
    server = await serveSite({dir: site.dir, port: 0});
    h = await launch();
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    await server?.close();
    site?.dispose();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  /** The committee's regular-meeting share in the unit page's indicator table (the first row). */
  const figure = async (page: Page) => (await page.locator(".kpi-table tbody tr").first().textContent()) ?? "";

  it("the unit page, the tree and the search work on the sample", async () => {
    const page = await h.newPage();
    await page.goto(`${server.url}/don-vi/`);
    await page.locator("#unit-search").fill("son duong");
    await page.waitForSelector("#unit-search-results li");
    const found = await page.locator("#unit-search-results").textContent();
    expect(found).toContain("Huyện ủy Sơn Dương");
    expect(found).toContain("Đảng bộ thị trấn Sơn Dương");
    await page.locator(`details[data-committee="${COMMITTEE}"] > summary`).click({position: {x: 2, y: 2}});
    await page.waitForSelector(`details[data-committee="${COMMITTEE}"] .unit-tree-level details`);
    // a grassroots organisation's cells open below it
    const org = page.locator(`details[data-committee="${COMMITTEE}"] .unit-tree-level details`).first();
    await org.locator("summary").click({position: {x: 2, y: 2}});
    await org.locator(".unit-tree-level li").first().waitFor();
    await page.goto(`${server.url}/don-vi/?ma=${COMMITTEE}.002`);
    await page.waitForSelector(".kpi-table");
    expect(await page.locator("#observablehq-main h1").first().textContent()).toBe("Đảng bộ xã Minh Thanh");
    expect(h.take()).toEqual({consoleErrors: [], pageErrors: [], nonLocalRequests: [], failedRequests: []});
    await page.close();
  }, 120_000);

  it("after npm run refresh with a corrected file, a reload shows the new figure; no load mixes two publications", async () => {
    const page = await h.newPage();
    await page.goto(`${server.url}/don-vi/?ma=${COMMITTEE}`);
    await page.waitForSelector(".kpi-table");
    const before = await figure(page);
    const old = manifest();

    // the committee resends its log with every tenth meeting left out
    const fix = join(dir, "fix");
    mkdirSync(fix, {recursive: true});
    const lines = readFileSync(join(dir, "sample", `sinh_hoat_${COMMITTEE}_${YEAR}.csv`), "utf8").replace(/\n$/, "").split("\n");
    writeFileSync(join(fix, `sinh_hoat_${COMMITTEE}_${YEAR}.csv`), lines.filter((_, i) => i === 0 || i % 10 !== 0).join("\n") + "\n");
    const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["pipelines/refresh.ts", "--db", db, "--out", join(site.dir, "data"), join(fix, `sinh_hoat_${COMMITTEE}_${YEAR}.csv`)], {cwd: ROOT, stdio: ["ignore", "pipe", "pipe"]});
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => (output += b.toString("utf8")));
    const done = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
    let finished = false;
    void done.then(() => (finished = true));

    // While it runs: load pages again and again, recording the data files each load fetched.
    const loads: string[][] = [];
    const watcher = await h.newPage();
    while (!finished) {
      const fetched: string[] = [];
      const listen = (r: {url(): string}) => {
        const path = new URL(r.url()).pathname;
        if (path.startsWith("/data/") && !path.endsWith("/manifest.json")) fetched.push(path.slice("/data/".length));
      };
      watcher.on("request", listen);
      await watcher.goto(`${server.url}/don-vi/?ma=${COMMITTEE}`);
      await watcher.waitForSelector(".kpi-table", {timeout: 30_000});
      watcher.off("request", listen);
      loads.push(fetched);
    }
    expect(await done, output).toBe(0);
    const fresh = manifest();
    expect(fresh.published).not.toBe(old.published);
    const files = (m: Manifest) => new Set(Object.values(m.files).map((f) => f.path));
    const [a, b] = [files(old), files(fresh)];
    for (const fetched of loads) {
      const inOld = fetched.every((p) => a.has(p));
      const inNew = fetched.every((p) => b.has(p));
      expect(inOld || inNew, `a load fetched files of two publications: ${fetched.join(", ")}`).toBe(true);
    }
    console.log(`refresh: ${loads.length} page loads while it ran, each from one publication`);

    await page.reload();
    await page.waitForSelector(".kpi-table");
    const after = await figure(page);
    expect(after).not.toBe(before);
    expect(h.take()).toEqual({consoleErrors: [], pageErrors: [], nonLocalRequests: [], failedRequests: []});
    await page.close();
    await watcher.close();
  }, 180_000);
});
