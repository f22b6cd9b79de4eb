// The site build: a small hand-written warehouse → buildSite() → dist/ with the fixture's figures, offline assets
// (no CDN, no Google Fonts, a self-hosted woff2) and lang="vi". Also the vi-VN formats used on the pages.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {execFileSync, spawn, spawnSync} from "node:child_process";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {BuildError, PROJECT_ROOT, buildSite} from "../scripts/build-site.ts";
import {screenshot} from "../scripts/screenshot.ts";
import {writeSiteFixture as writeFixture} from "./helpers/site-fixture.ts";
import {FIXTURE} from "./helpers/warehouse.ts";
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatPointChange,
  formatPercentTick,
  shortUnitName
} from "../src/components/format.ts";

const DIST = join(PROJECT_ROOT, "dist");

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

describe("site build", () => {
  let dir: string;
  let db: string;
  const log: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-site-"));
    db = join(dir, "warehouse.duckdb");
    await writeFixture(db);
    await buildSite({db, log: (m) => log.push(m)});
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  it("writes dist/index.html in Vietnamese, marked as synthetic data", () => {
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    expect(html).toMatch(/<html lang="vi">/);
    expect(html).toContain("<title>Tổng quan | Chi bộ Analytics</title>");
    expect(html).toContain("Dữ liệu mô phỏng");
    expect(log.some((m) => m.includes("warehouse"))).toBe(true);
  });

  it("ships the overview data computed from the fixture warehouse", () => {
    const dataDir = join(DIST, "_file", "data");
    const files = readdirSync(dataDir).filter((f) => /^overview\.[0-9a-f]+\.json$/.test(f));
    expect(files).toHaveLength(1);
    const data = JSON.parse(readFileSync(join(dataDir, files[0]), "utf8"));
    expect(data.province).toEqual({code: "TQ", name: "Đảng bộ tỉnh Tuyên Quang"});
    expect(data.committees.map((c: {code: string}) => c.code)).toEqual(["HU-LB", "DU-CA"]);
    expect(data.indicators.map((i: {indicator: string}) => i.indicator)).toEqual([
      "regular_meeting_rate",
      "thematic_quarter_rate",
      "attendance_rate"
    ]);
    expect(data.latestYear).toBe(2022);
    expect(data.years).toEqual([2016, 2017, 2018, 2022]);
    const v = (unit: string, ind: string, year: number) =>
      data.yearly.find((r: {unit: string; indicator: string; year: number}) => r.unit === unit && r.indicator === ind && r.year === year);
    expect(v("TQ", "regular_meeting_rate", 2022)).toMatchObject({value: 0.9876, numerator: 9876, denominator: 10000});
    expect(v("TQ", "regular_meeting_rate", 2016).value).toBe(0.8642);
    expect(v("HU-LB", "attendance_rate", 2018)).toBeUndefined(); // not reported: absent, not zero
    expect(data.yearly.some((r: {indicator: string}) => r.indicator === "future_indicator")).toBe(false);
    const term = data.termValues.find(
      (r: {unit: string; indicator: string; term: string}) =>
        r.unit === "TQ" && r.indicator === "regular_meeting_rate" && r.term === "2015-2020"
    );
    expect(term.value).toBe(0.984);
    expect(data.terms).toEqual(["2015-2020", "2020-2025"]);
    expect(data.source).toMatchObject({committees: 2, cells: 3, activeCells: 2, latestYear: 2022, firstYear: 2016});
  });

  it("builds every page, one page per unit from dynamicPaths, and degrades where optional marts are missing", () => {
    for (const page of ["index", "so-sanh", "don-vi/index", "chat-luong-du-lieu", "trinh-chieu", "xuat-du-lieu", "phuong-phap"]) {
      const html = readFileSync(join(DIST, `${page}.html`), "utf8");
      expect(html).toMatch(/<html lang="vi">/);
      expect(html).toContain("Dữ liệu mô phỏng");
    }
    // Province, committees and grassroots organisations have pages; cells (chi_bo) do not.
    for (const code of ["TQ", "HU-LB", "DU-CA", "HU-LB.01", "DU-CA.01"]) expect(existsSync(join(DIST, "don-vi", `${code}.html`))).toBe(true);
    expect(existsSync(join(DIST, "don-vi", "DU-CA.01.1.html"))).toBe(false);
    const file = (dir: string, name: string) => {
      // name.<content hash>.<ext> ("HU-LB.1a2b3c4d.json", not "HU-LB.01.….json")
      const found = readdirSync(join(DIST, "_file", dir)).find((f) => f.startsWith(`${name}.`) && /^[0-9a-f]{8}\.[a-z]+$/.test(f.slice(name.length + 1)));
      expect(found, `${dir}/${name}`).toBeDefined();
      return join(DIST, "_file", dir, found!);
    };
    const site = JSON.parse(readFileSync(file("data", "site"), "utf8"));
    expect(site.indicators.map((d: {indicator: string}) => d.indicator)).toEqual(["regular_meeting_rate", "thematic_quarter_rate", "attendance_rate", "future_indicator"]);
    expect(site.marts).toEqual({comparable: null, completeness: null, absorbed: null, ledger: false});
    const unit = JSON.parse(readFileSync(file("data/units", "HU-LB"), "utf8"));
    expect(unit.children).toEqual(["HU-LB.02", "HU-LB.01"]); // by name: "Khuổi Củng" before "Nà Khà"
    expect(unit.series.v.regular_meeting_rate["HU-LB"]).toEqual([7500, 7917, null, 10000]); // 18/24, 19/24, not reported, 24/24
    expect(unit.absorbed).toEqual([{code: "HU-LB.02", name: "Chi bộ thôn Khuổi Củng", level: "chi_bo_co_so", into: "HU-LB.01", intoName: "Chi bộ thôn Nà Khà", date: "2019-06-30"}]);
    expect(unit.ledger).toBeNull(); // no submissions table in this warehouse: the page says so
    const quality = JSON.parse(readFileSync(file("data", "quality"), "utf8"));
    expect(quality.completeness).toBeNull();
    expect(readFileSync(file("data/parquet", "chi-tieu-nam")).subarray(0, 4).toString()).toBe("PAR1");
  });

  it("references nothing outside the site: no CDN, no Google Fonts, no https scripts or styles", () => {
    const offenders: string[] = [];
    for (const file of walk(DIST)) {
      if (!/\.(html|js|css|json|svg)$/.test(file)) continue;
      const text = readFileSync(file, "utf8");
      const rel = relative(DIST, file);
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
    const fonts = walk(DIST).filter((f) => f.endsWith(".woff2"));
    const names = fonts.map((f) => relative(DIST, f));
    expect(names.some((n) => /be-vietnam-pro-vietnamese-400-normal\.woff2$/.test(n))).toBe(true);
    expect(names.some((n) => /be-vietnam-pro-latin-400-normal\.woff2$/.test(n))).toBe(true);
    for (const f of fonts) expect(statSync(f).size).toBeGreaterThan(1000);
    const loader = walk(join(DIST, "_import", "components")).find((f) => /\/fonts\.[0-9a-f]+\.js$/.test(f));
    expect(loader).toBeDefined();
    const code = readFileSync(loader!, "utf8");
    expect(code).toContain("Be Vietnam Pro");
    expect(code).toMatch(/_node\/@fontsource\/be-vietnam-pro@[\d.]+\/files\/be-vietnam-pro-vietnamese-400-normal\.woff2/);
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    expect(html).toMatch(/<script type="module" src="\.\/_import\/components\/fonts\.[0-9a-f]+\.js">/);
  });

  it("bundles Plot from node_modules instead of importing it from npm:", () => {
    expect(existsSync(join(DIST, "_npm"))).toBe(false);
    const nodeDirs = readdirSync(join(DIST, "_node"));
    expect(nodeDirs.some((d) => d.startsWith("@observablehq"))).toBe(true);
  });

  // Debian's Chromium (installed by .ci/run); never a downloaded browser.
  it.skipIf(!existsSync("/usr/bin/chromium"))("renders in Chromium: charts drawn, self-hosted font used, no error, no request off this machine", async () => {
    const report = await screenshot({out: join(dir, "overview.png"), width: 1280, height: 800});
    expect(report.consoleErrors).toEqual([]);
    expect(report.pageErrors).toEqual([]);
    expect(report.nonLocalRequests).toEqual([]);
    expect(report.failedRequests).toEqual([]);
    expect(report.charts).toBeGreaterThanOrEqual(3);
    expect(report.fontInUse).toBe(true);
    expect(statSync(join(dir, "overview.png")).size).toBeGreaterThan(20_000);
  });

  it("fails with a Vietnamese and English message when the warehouse is missing", async () => {
    const missing = join(dir, "khong-co.duckdb");
    const error = await buildSite({db: missing, log: () => {}}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).vi).toContain("Chưa có kho dữ liệu");
    expect((error as BuildError).vi).toContain("npm run pipeline");
    expect((error as BuildError).en).toContain("Warehouse not found");
  });

  it("refuses to build, in Vietnamese and English, while another process writes to the warehouse", async () => {
    // another process (file locks are per process): opens the warehouse for writing and holds it until stdin closes
    const writer = spawn(
      process.execPath,
      ["--input-type=module", "-e", `const {DuckDBInstance} = await import("@duckdb/node-api"); await DuckDBInstance.create(${JSON.stringify(db)}); console.log("ready"); process.stdin.resume(); process.stdin.on("end", () => process.exit(0));`],
      {cwd: PROJECT_ROOT, stdio: ["pipe", "pipe", "inherit"]}
    );
    try {
      await new Promise<void>((resolveReady, reject) => {
        writer.stdout.on("data", (d: Buffer) => String(d).includes("ready") && resolveReady());
        writer.once("exit", (code) => reject(new Error(`writer exited (${code})`)));
      });
      const error = await buildSite({db, out: join(dir, "busy-dist"), log: () => {}}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BuildError);
      expect((error as BuildError).vi).toContain("đang được một tiến trình khác ghi");
      expect((error as BuildError).en).toContain("busy");
    } finally {
      writer.stdin.end();
      await new Promise((r) => writer.once("exit", r));
    }
  }, 60_000);

  it("an ingest started during a build is told the warehouse is busy; the build completes", async () => {
    const out = join(dir, "concurrent-dist");
    let building!: () => void;
    const started = new Promise<void>((r) => (building = r));
    const build = buildSite({db, out, log: (m) => m.startsWith("Đang dựng trang") && building()});
    await started;
    const ingest = spawnSync(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "loaders", "cli.ts"), "--db", db, join(FIXTURE, "don_vi_TQ.csv")], {
      cwd: PROJECT_ROOT,
      encoding: "utf8"
    });
    await build;
    expect(ingest.status, ingest.stdout + ingest.stderr).toBe(3);
    expect(ingest.stderr).toContain("đang được một tiến trình khác sử dụng");
    expect(existsSync(join(out, "index.html"))).toBe(true);
  }, 180_000);
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
  it.skipIf(!canIsolateNetwork)("builds from an empty cache with no network at all (unshare -n)", () => {
    const dir = mkdtempSync(join(tmpdir(), "chibo-offline-"));
    const db = join(dir, "warehouse.duckdb");
    try {
      execFileSync("npx", ["tsx", "-e", `import("./test/helpers/site-fixture.ts").then((m) => m.writeSiteFixture(${JSON.stringify(db)}))`], {cwd: PROJECT_ROOT});
      const out = execFileSync("unshare", ["-n", "npx", "tsx", "scripts/build-site.ts", "--db", db, "--clean"], {cwd: PROJECT_ROOT, encoding: "utf8"});
      expect(out).toMatch(/Xong: \d+ trang/);
      expect(existsSync(join(DIST, "index.html"))).toBe(true);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }, 120_000);
});
