// The site build: pages only, built once for the whole test run (test/helpers/site.ts), with offline assets (no
// CDN, no Google Fonts, a self-hosted woff2), lang="vi" and no warehouse data in any page or bundle; the swap
// that keeps dist/data; a build with no network at all. Also the vi-VN formats used on the pages.
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, relative} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {execFileSync} from "node:child_process";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {BuildError, PROJECT_ROOT, swapPages} from "../scripts/build-site.ts";
import {screenshot} from "../scripts/screenshot.ts";
import {serveSite} from "../scripts/serve.ts";
import {writeRichSiteFixture} from "./helpers/site-fixture.ts";
import {skipIfNoBrowser} from "./helpers/require-tools.ts";
import {withLock} from "./helpers/cache.ts";
import {publishedRichSite, sharedSite, SITE_BUILD_LOCK} from "./helpers/site.ts";
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatPointChange,
  formatPercentTick,
  shortUnitName
} from "../src/components/format.ts";

function walk(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]
  );
}

describe("vi-VN formats", () => {
  it("formats percentages, points, numbers, dates and short names", () => {
    expect(formatPercent(0.938)).toBe("93,8\u00a0%");
    expect(formatPercent(1)).toBe("100,0\u00a0%");
    expect(formatPercent(null)).toBe("–");
    expect(formatPercentTick(0.925)).toBe("92,5\u00a0%");
    expect(formatPointChange(0.062)).toBe("+6,2\u00a0điểm\u00a0%");
    expect(formatPointChange(-0.01)).toBe("\u22121,0\u00a0điểm\u00a0%");
    expect(formatPointChange(0.00001)).toBe("0,0\u00a0điểm\u00a0%");
    expect(formatPointChange(0.062, 1, {unit: false})).toBe("+6,2");
    expect(formatNumber(1234)).toBe("1.234");
    expect(formatNumber(1234567.5, 1)).toBe("1.234.567,5");
    expect(formatDate("2022-01-15")).toBe("15/01/2022");
    expect(formatDate(new Date(2022, 0, 5))).toBe("05/01/2022");
    expect(shortUnitName("Huyện ủy Yên Sơn")).toBe("Yên Sơn");
    expect(shortUnitName("Thành ủy Tuyên Quang")).toBe("TP Tuyên Quang");
    expect(shortUnitName("Đảng ủy Công an tỉnh")).toBe("Công an tỉnh");
  });
});

describe("site build: pages only, built once", () => {
  let dist: string;
  beforeAll(async () => {
    dist = await sharedSite();
  }, 300_000);

  it("writes index.html in Vietnamese, marked as synthetic data", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    expect(html).toMatch(/<html lang="vi">/);
    expect(html).toContain("<title>Tổng quan | Chi bộ Analytics</title>");
    expect(html).toContain("Dữ liệu mô phỏng");
  });

  it("builds every page and one unit page for every unit; no page or bundle holds warehouse data", async () => {
    // the units of a warehouse: none of their names or codes may be in the built pages (unless the pages' own
    // source text mentions it, e.g. as an example in a placeholder)
    const db = join(mkdtempSync(join(tmpdir(), "chibo-leak-")), "warehouse.duckdb");
    await writeRichSiteFixture(db);
    const instance = await DuckDBInstance.create(db, {access_mode: "READ_ONLY"});
    const conn = await instance.connect();
    const units = (await conn.runAndReadAll("SELECT unit_code, unit_name FROM dim_units")).getRowObjectsJson() as {unit_code: string; unit_name: string}[];
    conn.closeSync();
    instance.closeSync();
    rmSync(dirname(db), {recursive: true, force: true});
    const source = walk(join(PROJECT_ROOT, "src")).map((f) => readFileSync(f, "utf8")).join("\n");
    const words = units.flatMap((u) => [u.unit_name, `"${u.unit_code}"`]).filter((w) => !source.includes(w.replace(/"/g, "")));
    expect(words.length).toBeGreaterThan(10);
    const leaks = walk(dist).filter((f) => /\.(html|js|json)$/.test(f)).filter((f) => {
      const text = readFileSync(f, "utf8");
      return words.some((w) => text.includes(w));
    });
    for (const page of ["index", "so-sanh", "don-vi/index", "chat-luong-du-lieu", "trinh-chieu", "xuat-du-lieu", "phuong-phap"]) {
      const html = readFileSync(join(dist, `${page}.html`), "utf8");
      expect(html, page).toMatch(/<html lang="vi">/);
      expect(html, page).toContain("Dữ liệu mô phỏng");
    }
    expect(readdirSync(join(dist, "don-vi")).filter((f) => f.endsWith(".html"))).toEqual(["index.html"]);
    // the data are fetched at run time from data/: nothing was attached to the pages at build time
    expect(existsSync(join(dist, "_file", "data"))).toBe(false);
    expect(existsSync(join(dist, "data"))).toBe(false);
    expect(leaks.map((f) => relative(dist, f))).toEqual([]);
  });

  it("references nothing outside the site: no CDN, no Google Fonts, no https scripts or styles", () => {
    const offenders: string[] = [];
    for (const file of walk(dist)) {
      if (!/\.(html|js|css|json|svg)$/.test(file)) continue;
      const text = readFileSync(file, "utf8");
      const rel = relative(dist, file);
      if (/cdn\.jsdelivr|fonts\.googleapis|fonts\.gstatic/.test(text)) offenders.push(`${rel}: CDN/font host`);
      for (const tag of text.match(/<(script|link)\b[^>]*>/gi) ?? []) {
        if (/\b(src|href)=["']?(https?:)?\/\//i.test(tag)) offenders.push(`${rel}: ${tag}`);
      }
      if (/@import\s+(url\()?["']?https?:/i.test(text)) offenders.push(`${rel}: remote @import`);
      if (/\b(import|from)\s*\(?\s*["']https?:\/\//.test(text)) offenders.push(`${rel}: remote import`);
    }
    expect(offenders).toEqual([]);
  });

  it("bundles the Be Vietnam Pro woff2 files and points the font loader at them", () => {
    const fonts = walk(dist).filter((f) => f.endsWith(".woff2"));
    const names = fonts.map((f) => relative(dist, f));
    expect(names.some((n) => /be-vietnam-pro-vietnamese-400-normal\.woff2$/.test(n))).toBe(true);
    expect(names.some((n) => /be-vietnam-pro-latin-400-normal\.woff2$/.test(n))).toBe(true);
    for (const f of fonts) expect(statSync(f).size).toBeGreaterThan(1000);
    const loader = walk(join(dist, "_import", "components")).find((f) => /\/fonts\.[0-9a-f]+\.js$/.test(f));
    expect(loader).toBeDefined();
    const code = readFileSync(loader!, "utf8");
    expect(code).toContain("Be Vietnam Pro");
    expect(code).toMatch(/_node\/@fontsource\/be-vietnam-pro@[\d.]+\/files\/be-vietnam-pro-vietnamese-400-normal\.woff2/);
    const html = readFileSync(join(dist, "index.html"), "utf8");
    expect(html).toMatch(/<script type="module" src="\.\/_import\/components\/fonts\.[0-9a-f]+\.js">/);
  });

  it("bundles Plot from node_modules instead of importing it from npm:", () => {
    expect(existsSync(join(dist, "_npm"))).toBe(false);
    const nodeDirs = readdirSync(join(dist, "_node"));
    expect(nodeDirs.some((d) => d.startsWith("@observablehq"))).toBe(true);
  });

  it("renders in Chromium with published data: charts drawn, self-hosted font used, no error, no request off this machine", async (ctx) => {
    skipIfNoBrowser(ctx);
    const dir = mkdtempSync(join(tmpdir(), "chibo-render-"));
    // the rich fixture published beside a copy of the pages (published once for every test file)
    const site = await publishedRichSite();
    const server = await serveSite({dir: site.dir, port: 0});
    try {
      const report = await screenshot({url: `${server.url}/`, out: join(dir, "overview.png"), width: 1280, height: 800});
      expect(report.consoleErrors).toEqual([]);
      expect(report.pageErrors).toEqual([]);
      expect(report.nonLocalRequests).toEqual([]);
      expect(report.failedRequests).toEqual([]);
      expect(report.charts).toBeGreaterThanOrEqual(3);
      expect(report.fontInUse).toBe(true);
    } finally {
      await server.close();
      site.dispose();
      rmSync(dir, {recursive: true, force: true});
    }
  }, 120_000);
});

describe("a build swaps the pages and keeps the published data", () => {
  it("replaces the old pages, removes pages that are gone, and leaves dist/data untouched", () => {
    const root = mkdtempSync(join(tmpdir(), "chibo-swap-"));
    try {
      const dist = join(root, "dist");
      const next = join(root, "dist.next");
      mkdirSync(join(dist, "data", "tong-hop"), {recursive: true});
      writeFileSync(join(dist, "data", "manifest.json"), "{}");
      writeFileSync(join(dist, "data", "tong-hop", "site.abc.json"), "{}");
      writeFileSync(join(dist, "index.html"), "old");
      writeFileSync(join(dist, "gone.html"), "old");
      mkdirSync(join(next, "_import"), {recursive: true});
      writeFileSync(join(next, "index.html"), "new");
      writeFileSync(join(next, "_import", "a.js"), "new");
      swapPages(next, dist);
      expect(readFileSync(join(dist, "index.html"), "utf8")).toBe("new");
      expect(existsSync(join(dist, "gone.html"))).toBe(false);
      expect(readFileSync(join(dist, "_import", "a.js"), "utf8")).toBe("new");
      expect(readFileSync(join(dist, "data", "tong-hop", "site.abc.json"), "utf8")).toBe("{}");
      expect(existsSync(next)).toBe(false);
      // a site that would build its own data/ folder is refused (it would hide the published data)
      mkdirSync(join(next, "data"), {recursive: true});
      writeFileSync(join(next, "index.html"), "new");
      expect(() => swapPages(next, dist)).toThrow(BuildError);
    } finally {
      rmSync(root, {recursive: true, force: true});
    }
  });
});

// Closed government networks: the first build (empty Framework cache) must not need the npm registry.
const canIsolateNetwork = (() => {
  try {
    execFileSync("unshare", ["-n", "true"], {stdio: "ignore"});
    return true;
  } catch {
    return false;
  }
})();

describe("offline build", () => {
  it.skipIf(!canIsolateNetwork)("builds from an empty cache with no network at all (unshare -n)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chibo-offline-"));
    try {
      // no warehouse at all: the pages do not need one (the build empties src/'s Framework cache: no other build meanwhile)
      const out = await withLock(SITE_BUILD_LOCK, async () =>
        execFileSync("unshare", ["-n", join(PROJECT_ROOT, "node_modules/.bin/tsx"), "scripts/build-site.ts", "--out", join(dir, "site"), "--clean"], {cwd: PROJECT_ROOT, encoding: "utf8"})
      );
      expect(out).toMatch(/Xong: \d+ trang/);
      expect(existsSync(join(dir, "site", "index.html"))).toBe(true);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }, 120_000);
});
