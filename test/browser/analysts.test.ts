// What analysts and phone users see on So sánh đơn vị and Tổng quan, in Debian's Chromium at 1440×900 and 390×844:
// no axis tick label runs into another (year ticks thinned on a phone), line-end labels never overlap, the bars
// of the two terms start at zero, and units whose share rests on too few cases ("ít dữ liệu") are out of the
// ranking by default and come back with the switch. The fixture is the rich site warehouse with one committee
// (Công an tỉnh) and one grassroots organisation (Chi bộ thôn Nà Khà) given a denominator of 12, and a catalog
// that publishes its minimum denominators (the page follows it).
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import type {Page} from "playwright-core";
import {afterAll, afterEach, beforeAll, expect, it} from "vitest";
import {serveSite, type RunningServer} from "../../scripts/serve.ts";
import {writeRichSiteFixture} from "../helpers/site-fixture.ts";
import {browserSuite} from "../helpers/require-tools.ts";
import {publishedSite} from "../helpers/site.ts";
import {CHART, launch, type Harness} from "./harness.ts";

const THIN = ["DU-CA", "HU-LB.01"];
const SIZES = [
  {width: 1440, height: 900},
  {width: 390, height: 844}
];

/** Pairs of boxes (of one group) that overlap by more than a pixel, as text for the failure message. */
const OVERLAPS = `(groups) => groups.flatMap((boxes) => {
  const out = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) out.push(a.text + " / " + b.text);
    }
  return out;
})`;

/** Boxes of the texts under each element matching `group` (one group per element), in page pixels. */
async function textBoxes(page: Page, group: string): Promise<{text: string; left: number; right: number; top: number; bottom: number}[][]> {
  return page.locator(group).evaluateAll((els) =>
    els.map((el) =>
      [...el.querySelectorAll("text")]
        .map((t) => ({text: t.textContent ?? "", r: t.getBoundingClientRect()}))
        .filter((t) => t.r.width > 0)
        .map((t) => ({text: t.text, left: t.r.left, right: t.r.right, top: t.r.top, bottom: t.r.bottom}))
    )
  );
}

async function overlaps(page: Page, group: string): Promise<string[]> {
  const groups = await textBoxes(page, group);
  return page.evaluate(`(${OVERLAPS})(${JSON.stringify(groups)})`) as Promise<string[]>;
}

/** The y-axis labels of the ranking chart, top to bottom. */
async function rankingLabels(page: Page): Promise<string[]> {
  return page.locator("svg.ranking-chart").first().evaluate((svg) =>
    [...svg.querySelectorAll('g[aria-label="y-axis tick label"] text')]
      .map((t) => ({text: t.textContent ?? "", y: t.getBoundingClientRect().top}))
      .sort((a, b) => a.y - b.y)
      .map((t) => t.text)
  );
}

browserSuite("analysts' views in Chromium (phone and desktop)", () => {
  let dir: string;
  let dispose: () => void;
  let server: RunningServer;
  const harnesses: Harness[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-analysts-"));
    const db = join(dir, "warehouse.duckdb");
    await writeRichSiteFixture(db);
    // Two units whose regular-meeting rate rests on 12 cell-months: the same rate, few cases.
    const instance = await DuckDBInstance.create(db);
    const c = await instance.connect();
    await c.run(`UPDATE indicator_values SET numerator = value * 12, denominator = 12
      WHERE indicator = 'regular_meeting_rate' AND period_type = 'year' AND unit_code IN ('${THIN.join("', '")}')`);
    // The catalog's own minimum: 20 for the regular meetings, 150 for the thematic ones (every unit has 100).
    await c.run(`ALTER TABLE indicator_catalog ADD COLUMN min_denominator INTEGER`);
    await c.run(`UPDATE indicator_catalog SET min_denominator = CASE indicator WHEN 'regular_meeting_rate' THEN 20 WHEN 'thematic_quarter_rate' THEN 150 END`);
    c.closeSync();
    instance.closeSync();
    const site = await publishedSite(db);
    dispose = site.dispose;
    server = await serveSite({dir: site.dir, port: 0});
    for (const size of SIZES) harnesses.push(await launch(size));
  }, 240_000);

  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close();
    for (const h of harnesses) expect(h.take()).toEqual({consoleErrors: [], pageErrors: [], nonLocalRequests: [], failedRequests: []});
  });

  afterAll(async () => {
    for (const h of harnesses) await h.close();
    await server?.close();
    dispose?.();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  const open = async (h: Harness, path: string) => {
    const page = await h.newPage();
    pages.push(page);
    await page.goto(`${server.url}${path}`, {waitUntil: "load"});
    await page.waitForSelector(CHART, {timeout: 30_000, state: "attached"});
    await page.waitForLoadState("networkidle").catch(() => {});
    return page;
  };

  for (const [i, size] of SIZES.entries()) {
    const label = `${size.width}×${size.height}`;

    it(`So sánh at ${label}: no axis tick label overlaps another, line-end labels apart, no sideways scroll of the page`, async () => {
      for (const path of ["/so-sanh", "/so-sanh?hien-thi=thay-doi", "/so-sanh?cap=HU-LB", "/so-sanh?cap=HU-LB&hien-thi=thay-doi"]) {
        const page = await open(harnesses[i], path);
        await page.waitForSelector("svg.ranking-chart");
        const ticks = await textBoxes(page, '#observablehq-main svg[role=img] g[aria-label$="tick label"]');
        const yearAxes = ticks.filter((g) => g.some((t) => /^20\d\d$/.test(t.text)));
        expect(yearAxes.length, `${path}: charts with a year axis`).toBeGreaterThanOrEqual(2);
        expect(await overlaps(page, '#observablehq-main svg[role=img] g[aria-label$="tick label"]'), path).toEqual([]);
        expect(await overlaps(page, "#observablehq-main svg[role=img]:has(g.line-end-label)"), `${path}: line-end labels`).toEqual([]);
        // Labels stay inside their chart (none cut at the left edge).
        const cut = await page.locator("#observablehq-main svg.ranking-chart").evaluateAll((svgs) =>
          svgs.flatMap((svg) => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll("text")].filter((t) => t.getBoundingClientRect().left < box.left - 1).map((t) => t.textContent);
          })
        );
        expect(cut, `${path}: labels cut at the left edge`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(1);
      }
      if (size.width < 500) {
        // On a phone the seven years cannot all be written on the trend chart: some are left out, the last kept.
        const page = await open(harnesses[i], "/so-sanh");
        const years = await page.locator('figure:has(g.line-end-label) g[aria-label="x-axis tick label"] text').allTextContents();
        expect(years.length).toBeLessThan(7);
        expect(years.at(-1)).toBe("2022");
      }
    });

    it(`So sánh at ${label}: units with little data are out of the ranking by default; the switch brings them back`, async () => {
      const page = await open(harnesses[i], "/so-sanh");
      await page.waitForSelector("svg.ranking-chart");
      let labels = await rankingLabels(page);
      // Công an tỉnh has the highest rate but rests on 12 cell-months: listed last, without a rank.
      expect(labels[0]).toMatch(/^1\. TP Tuyên/);
      expect(labels.at(-1)).toBe("Công an tỉnh");
      expect(await page.locator("svg.ranking-chart").first().getAttribute("aria-description")).toContain("ít dữ liệu");
      expect(await page.locator(".view-summary").textContent()).toContain("1 đơn vị ít dữ liệu");
      await page.getByLabel("Xếp hạng cả đơn vị ít dữ liệu").check();
      await page.waitForFunction(() => [...document.querySelectorAll("svg.ranking-chart text")].some((t) => t.textContent === "1. Công an tỉnh"), null, {timeout: 15_000});
      labels = await rankingLabels(page);
      expect(labels[0]).toBe("1. Công an tỉnh");
      // The ranking as a table: the denominator of each unit and the note, inside the screen (it scrolls sideways).
      await page.locator('.compare-grid .card:first-child button:has-text("Bảng số liệu")').first().click();
      const table = page.locator(".compare-grid .card:first-child table.data-table").first();
      await table.waitFor();
      expect(await table.locator("thead th").allTextContents()).toEqual(expect.arrayContaining(["Mẫu số", "Ghi chú"]));
      const caRow = table.locator("tbody tr", {hasText: "Đảng ủy Công an tỉnh"});
      expect(await caRow.textContent()).toContain("ít dữ liệu");
      expect(await caRow.locator("td.num").allTextContents()).toContain("12");
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
      // The minimum is the published catalog's: 150 for the thematic meetings, so no committee is ranked there.
      const thematic = await open(harnesses[i], "/so-sanh?chi-tieu=thematic_quarter_rate");
      await thematic.waitForSelector("svg.ranking-chart");
      expect(await thematic.locator(".view-summary").textContent()).toContain("3 đơn vị ít dữ liệu (mẫu số dưới 150)");
      expect((await rankingLabels(thematic)).some((t) => /^\d+\. /.test(t))).toBe(false);
      // Grassroots level: the one-cell organisation is not ranked either.
      const grassroots = await open(harnesses[i], "/so-sanh?cap=HU-LB");
      await grassroots.waitForSelector("svg.ranking-chart");
      const g = await rankingLabels(grassroots);
      expect(g.some((t) => /^1\. .*Thượng/.test(t))).toBe(true);
      expect(g.some((t) => /Nà Khà/.test(t) && !/^\d+\./.test(t))).toBe(true);
    });

    it(`Tổng quan at ${label}: the bars of the two terms start at zero`, async () => {
      const page = await open(harnesses[i], "/");
      await page.waitForSelector(".term-grid svg[role=img]");
      const charts = await page.locator(".term-grid svg[role=img]").evaluateAll((svgs) =>
        svgs.map((svg) => {
          const lefts = [...svg.querySelectorAll('g[aria-label="bar"] rect')].map((r) => Math.round(r.getBoundingClientRect().left));
          const zero = [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')].find((t) => /^0\s?%$|^0$/.test((t.textContent ?? "").trim()));
          const z = zero?.getBoundingClientRect();
          return {bars: lefts.length, lefts: [...new Set(lefts)], zero: z ? Math.round(z.left + z.width / 2) : null};
        })
      );
      // (An indicator without term figures in the fixture draws no bars.)
      const drawn = charts.filter((c) => c.bars > 0);
      expect(drawn.length).toBeGreaterThanOrEqual(2);
      for (const c of drawn) {
        expect(c.lefts).toHaveLength(1); // every bar starts at the same place…
        expect(c.zero).not.toBeNull(); // …the axis shows 0…
        expect(Math.abs(c.lefts[0] - (c.zero as number))).toBeLessThanOrEqual(2); // …and that place is 0.
      }
      expect(await overlaps(page, '#observablehq-main svg[role=img] g[aria-label$="tick label"]')).toEqual([]);
    });
  }
});
