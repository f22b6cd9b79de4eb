// The site build: a small hand-written warehouse → buildSite() → dist/ with the fixture's figures, offline assets
// (no CDN, no Google Fonts, a self-hosted woff2) and lang="vi". Also the vi-VN formats used on the pages.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {BuildError, PROJECT_ROOT, buildSite} from "../scripts/build-site.ts";
import {screenshot} from "../scripts/screenshot.ts";
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

/** A tiny warehouse: province TQ, two committees, four catalog rows (one not on the overview), a missing year. */
async function writeFixture(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  await c.run(`CREATE TABLE dim_units(unit_code VARCHAR, unit_name VARCHAR, level VARCHAR, parent_code VARCHAR,
    committee_code VARCHAR, unit_type VARCHAR, valid_from DATE, valid_to DATE, merged_into VARCHAR)`);
  await c.run(`CREATE TABLE indicator_catalog(indicator VARCHAR, name_vi VARCHAR, short_vi VARCHAR, name_en VARCHAR,
    target DOUBLE, higher_is_better BOOLEAN, sort_order INTEGER)`);
  await c.run(`CREATE TABLE indicator_values(unit_code VARCHAR, period_type VARCHAR, period VARCHAR, indicator VARCHAR,
    numerator DOUBLE, denominator DOUBLE, value DOUBLE)`);
  await c.run(`INSERT INTO dim_units VALUES
    ('TQ', 'Đảng bộ tỉnh Tuyên Quang', 'tinh', NULL, NULL, 'khac', '2015-01-01', NULL, NULL),
    ('HU-LB', 'Huyện ủy Lâm Bình', 'tren_co_so', 'TQ', 'HU-LB', 'nong_thon', '2015-01-01', NULL, NULL),
    ('DU-CA', 'Đảng ủy Công an tỉnh', 'tren_co_so', 'TQ', 'DU-CA', 'luc_luong_vu_trang', '2015-01-01', NULL, NULL),
    ('HU-LB.01', 'Chi bộ thôn Nà Khà', 'chi_bo_co_so', 'HU-LB', 'HU-LB', 'nong_thon', '2015-01-01', NULL, NULL),
    ('HU-LB.02', 'Chi bộ thôn Khuổi Củng', 'chi_bo_co_so', 'HU-LB', 'HU-LB', 'nong_thon', '2015-01-01', '2019-06-30', 'HU-LB.01'),
    ('DU-CA.01', 'Đảng bộ Phòng Cảnh sát', 'dang_bo_co_so', 'DU-CA', 'DU-CA', 'luc_luong_vu_trang', '2015-01-01', NULL, NULL),
    ('DU-CA.01.1', 'Chi bộ Đội 1', 'chi_bo', 'DU-CA.01', 'DU-CA', 'luc_luong_vu_trang', '2015-01-01', NULL, NULL)`);
  await c.run(`INSERT INTO indicator_catalog VALUES
    ('regular_meeting_rate', 'Tỷ lệ tháng có sinh hoạt thường kỳ', 'Sinh hoạt thường kỳ', 'Regular', 1.0, true, 1),
    ('thematic_quarter_rate', 'Tỷ lệ quý có sinh hoạt chuyên đề', 'Sinh hoạt chuyên đề', 'Thematic', 1.0, true, 2),
    ('attendance_rate', 'Tỷ lệ đảng viên dự sinh hoạt', 'Tỷ lệ dự sinh hoạt', 'Attendance', 0.9, true, 3),
    ('future_indicator', 'Chỉ tiêu tương lai', 'Tương lai', 'Future', NULL, true, 9)`);
  const rows: string[] = [];
  const add = (unit: string, type: string, period: string, ind: string, num: number, den: number) =>
    rows.push(`('${unit}', '${type}', '${period}', '${ind}', ${num}, ${den}, ${num / den})`);
  for (const ind of ["regular_meeting_rate", "thematic_quarter_rate", "attendance_rate", "future_indicator"]) {
    for (const year of [2016, 2017, 2018, 2022]) {
      // HU-LB did not report 2018: no row at all (a gap, not a zero).
      if (year !== 2018) add("HU-LB", "year", String(year), ind, 18 + (year - 2016), 24);
      add("DU-CA", "year", String(year), ind, 11, 12);
    }
  }
  // Province figures with distinctive values the test looks for in the built JSON.
  add("TQ", "year", "2016", "regular_meeting_rate", 4321, 5000); // 0.8642
  add("TQ", "year", "2022", "regular_meeting_rate", 9876, 10000); // 0.9876
  add("TQ", "year", "2016", "thematic_quarter_rate", 3, 4);
  add("TQ", "year", "2022", "thematic_quarter_rate", 7, 8);
  add("TQ", "year", "2016", "attendance_rate", 80, 100);
  add("TQ", "year", "2022", "attendance_rate", 91, 100);
  add("TQ", "term", "2015-2020", "regular_meeting_rate", 123, 125); // 0.984
  add("TQ", "term", "2020-2025", "regular_meeting_rate", 99, 100);
  add("TQ", "month", "2022-01", "regular_meeting_rate", 1, 2); // not on the overview
  await c.run(`INSERT INTO indicator_values VALUES ${rows.join(", ")}`);
  c.closeSync();
  instance.closeSync();
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
});
