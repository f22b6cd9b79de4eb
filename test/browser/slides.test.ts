// The conference slides on the bundled sample, in Debian's Chromium, as a leader presents them: every slide of the
// province's deck and of a grassroots organisation's deck (the one with the longest name in the largest committee)
// at 1920 × 1080 and 1280 × 720, windowed and full screen. No text box leaves its slide or overlaps another, chart
// text is at least 18 px on the 1920 slide, the navigation buttons stay off the slide. The PPTX download is read
// back (slides, titles as text, chart images, 16:9), and the PDF printed with the print stylesheet has one 16:9
// page per slide.
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {inflateRawSync} from "node:zlib";
import type {Page} from "playwright-core";
import {afterAll, afterEach, beforeAll, expect, it} from "vitest";
import {openWarehouse, queryRows} from "../../loaders/record/warehouse.ts";
import {serveSite, type RunningServer} from "../../scripts/serve.ts";
import {sharedTmp} from "../helpers/cache.ts";
import {browserSuite} from "../helpers/require-tools.ts";
import {publishedSample} from "../helpers/site.ts";
import {launch, type Harness} from "./harness.ts";

const SIZES = [
  [1920, 1080],
  [1280, 720]
] as const;
/** Screenshots of the slides, for a person to look at (kept after the run). */
const SHOTS = join(sharedTmp(), "chibo-slides-screenshots");

/** Reads a ZIP archive (the .pptx) into name → bytes: the central directory, stored or deflated entries. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip archive");
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLength + extra + comment;
  }
  return files;
}

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface SlideCheck {
  index: number;
  title: string;
  outside: string[];
  overlaps: string[];
  small: string[];
  navOnSlide: boolean;
}

/**
 * In the page: the text boxes of the slide shown (HTML text by line, from Ranges over text nodes; SVG <text>
 * elements), which of them leave the slide, which pairs overlap (more than 1 px each way; lines of one text node
 * are one box), the chart text below 18 px measured on the 1920-wide slide, and whether the navigation overlaps it.
 * A string, not a function: tsx would wrap a serialised function in a helper missing from the page.
 */
const CHECK_ACTIVE_SLIDE = `(() => {
  const frame = document.querySelector(".slide-frame.active");
  const slide = frame.querySelector(".slide");
  const sr = slide.getBoundingClientRect();
  const scale = sr.width / 1920;
  const boxes = [];
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || node.parentElement.closest("svg")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 0.5 && r.height > 0.5) boxes.push({text: node.textContent.trim().slice(0, 50), r, owner: node});
  }
  for (const text of slide.querySelectorAll("svg text")) {
    if (!text.textContent.trim()) continue;
    const r = text.getBoundingClientRect();
    if (r.width > 0.5 && r.height > 0.5) boxes.push({text: text.textContent.trim().slice(0, 50), r, owner: text});
  }
  const outside = boxes
    .filter(({r}) => r.left < sr.left - 0.5 || r.right > sr.right + 0.5 || r.top < sr.top - 0.5 || r.bottom > sr.bottom + 0.5)
    .map((b) => b.text);
  const overlaps = [];
  const tol = Math.max(1, scale);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.owner === b.owner || a.owner.contains(b.owner) || b.owner.contains(a.owner)) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > tol && h > tol) overlaps.push(a.text + " ⟷ " + b.text);
    }
  const small = [];
  for (const text of slide.querySelectorAll(".slide-chart svg text")) {
    if (!text.textContent.trim()) continue;
    const svg = text.ownerSVGElement;
    const vb = svg.viewBox.baseVal;
    const svgScale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
    const px = (parseFloat(getComputedStyle(text).fontSize) * svgScale) / scale;
    if (px < 17.95) small.push(text.textContent.trim().slice(0, 30) + " " + px.toFixed(1) + " px");
  }
  for (const el of slide.querySelectorAll(".slide-chart *:not(svg):not(svg *)")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (own && el.getClientRects().length && parseFloat(getComputedStyle(el).fontSize) < 17.95) small.push(el.textContent.trim().slice(0, 30));
  }
  const nav = document.querySelector(".deck-nav").getBoundingClientRect();
  const navOnSlide = nav.width > 0 && nav.left < sr.right && nav.right > sr.left && nav.top < sr.bottom && nav.bottom > sr.top;
  const title = (slide.querySelector(".slide-heading") || slide.querySelector(".slide-main-title")).textContent;
  const index = [...document.querySelectorAll(".slide-frame")].indexOf(frame);
  return {index, title, outside, overlaps, small, navOnSlide};
})()`;

browserSuite("the conference slides on the sample", () => {
  let dir: string;
  let dispose: () => void;
  let server: RunningServer;
  let h: Harness;
  let grassroots: string;
  const pages: Page[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-slides-"));
    const db = join(dir, "warehouse.duckdb");
    // The sample generated, ingested, run through the pipeline and published: made once for every test file.
    const site = await publishedSample(db);
    dispose = site.dispose;
    const wh = await openWarehouse(db, {readOnly: true});
    try {
      // The grassroots organisation with the longest name in the committee with the most of them.
      const [row] = await queryRows<{unit_code: string}>(
        wh.conn,
        `WITH g AS (SELECT unit_code, unit_name, parent_code FROM dim_units
                    WHERE level IN ('dang_bo_co_so', 'chi_bo_co_so') AND is_current),
              biggest AS (SELECT parent_code FROM g GROUP BY parent_code ORDER BY count(*) DESC, parent_code LIMIT 1)
         SELECT unit_code FROM g JOIN biggest USING (parent_code) ORDER BY length(unit_name) DESC, unit_code LIMIT 1`
      );
      grassroots = row.unit_code;
    } finally {
      wh.close();
    }
    server = await serveSite({dir: site.dir, port: 0});
    h = await launch();
    mkdirSync(SHOTS, {recursive: true});
  }, 600_000);

  afterEach(async () => {
    const problems = h.take();
    for (const p of pages.splice(0)) await p.close();
    expect(problems).toEqual({consoleErrors: [], pageErrors: [], nonLocalRequests: [], failedRequests: []});
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
    dispose?.();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  const openDeck = async (unit: string, width: number, height: number) => {
    const page = await h.newPage();
    pages.push(page);
    await page.setViewportSize({width, height});
    await page.goto(`${server.url}/trinh-chieu?don-vi=${encodeURIComponent(unit)}&nam=2022`);
    await page.waitForSelector(".deck .slide-frame.active .slide", {timeout: 60_000});
    await page.evaluate(() => document.fonts.ready);
    return page;
  };

  /** Steps through every slide with the "next" button and checks each one. */
  const stepThrough = async (page: Page, label: string) => {
    const count = await page.locator(".slide-frame").count();
    const results: SlideCheck[] = [];
    for (let i = 0; i < count; i++) {
      if (i > 0) await page.locator(".deck-nav .deck-button").last().click();
      await page.waitForFunction((n) => document.querySelector(".deck-counter")?.textContent?.startsWith(`${n} /`), i + 1);
      results.push((await page.evaluate(CHECK_ACTIVE_SLIDE)) as SlideCheck);
      // the page cut to the slide's box: the same picture as the element's screenshot, without its waits
      await page.screenshot({path: join(SHOTS, `${label}-${i + 1}.png`), clip: (await page.locator(".slide-frame.active").boundingBox())!});
    }
    return results;
  };

  for (const [width, height] of SIZES) {
    it(`no slide text leaves its slide or overlaps other text, at ${width} × ${height}, windowed and full screen`, async () => {
      for (const unit of ["TQ", grassroots]) {
        const page = await openDeck(unit, width, height);
        const count = await page.locator(".slide-frame").count();
        expect(count, unit).toBeGreaterThanOrEqual(7);
        for (const mode of ["windowed", "fullscreen"] as const) {
          if (mode === "fullscreen") {
            await page.locator(".deck-actions .deck-button.primary").click();
            await page.waitForFunction(() => document.fullscreenElement?.classList.contains("deck"));
            await page.locator(".deck").press("Home");
          }
          const results = await stepThrough(page, `${unit}-${width}x${height}-${mode}`);
          expect(results.map((r) => r.index)).toEqual([...Array(count).keys()]);
          for (const r of results) {
            const where = `${unit} ${width}×${height} ${mode}, slide ${r.index + 1} "${r.title}"`;
            expect(r.outside, `${where}: text outside the slide`).toEqual([]);
            expect(r.overlaps, `${where}: overlapping text`).toEqual([]);
            expect(r.navOnSlide, `${where}: navigation buttons on the slide`).toBe(false);
            if (width === 1920) expect(r.small, `${where}: chart text below 18 px`).toEqual([]);
          }
        }
      }
    });
  }

  it("slide titles are findings; the quality index (no target) states no target anywhere on its slides", async () => {
    const page = await openDeck("TQ", 1920, 1080);
    const slides = await page.locator(".slide").evaluateAll((els) =>
      els.map((s) => ({kicker: s.querySelector(".slide-kicker-line")?.textContent ?? "", title: s.querySelector(".slide-heading")?.textContent ?? "", text: s.textContent ?? ""}))
    );
    const quality = slides.filter((s) => s.kicker.startsWith("Chỉ số chất lượng"));
    expect(quality.length).toBeGreaterThanOrEqual(1);
    for (const s of quality) expect(s.text, s.title).not.toMatch(/mục tiêu|đạt mục|chưa đạt/);
    // The regular-meeting slide: its level and change as a sentence, e.g. "Sinh hoạt thường kỳ đạt 98,5 %, tăng …".
    const regular = slides.find((s) => s.kicker.startsWith("Tỷ lệ tháng có sinh hoạt thường kỳ"));
    expect(regular?.title).toMatch(/^Sinh hoạt thường kỳ đạt \d+,\d\u00a0%, (tăng|giảm) \d+(,\d)?\u00a0điểm\u00a0% so với 2016; /);
    // No title is just an indicator's name.
    for (const s of slides.slice(1)) expect(s.title.length, s.title).toBeGreaterThan(s.kicker.split(" · ")[0].length);
  });

  it("downloads the deck as a 16:9 PPTX: one slide each, titles as text, charts as high-resolution PNG images", async () => {
    for (const unit of ["TQ", grassroots]) {
      const page = await openDeck(unit, 1440, 900);
      const titles = await page.locator(".slide").evaluateAll((els) => els.map((s) => (s.querySelector(".slide-heading") ?? s.querySelector(".slide-main-title"))!.textContent!));
      const charts = await page.locator(".slide .slide-chart svg[role=img]").count();
      const [download] = await Promise.all([page.waitForEvent("download", {timeout: 60_000}), page.locator("[data-download=pptx]").click()]);
      expect(download.suggestedFilename()).toMatch(/^trinh-chieu-.*2022\.pptx$/);
      const path = join(dir, `${unit}.pptx`);
      await download.saveAs(path);
      const files = unzip(readFileSync(path));
      const slideFiles = [...files.keys()].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
      expect(slideFiles.length, unit).toBe(titles.length);
      slideFiles.forEach((name, i) => {
        const xml = files.get(name)!.toString("utf8");
        // The title as text (runs of <a:t>), with its Vietnamese letters.
        const text = [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join("");
        expect(text, `${unit} slide ${i + 1}`).toContain(xmlText(titles[i]));
      });
      const presentation = files.get("ppt/presentation.xml")!.toString("utf8");
      const [, cx, cy] = presentation.match(/<p:sldSz cx="(\d+)" cy="(\d+)"/)!;
      expect(Number(cx) / Number(cy)).toBeCloseTo(16 / 9, 2);
      const images = [...files.keys()].filter((n) => /^ppt\/media\/.*\.png$/.test(n));
      expect(images.length, unit).toBe(charts);
      for (const name of images) {
        const png = files.get(name)!;
        expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
        expect(png.readUInt32BE(16), `${name} width`).toBeGreaterThanOrEqual(2000);
      }
      // Kept to be looked at: the file and its first chart image.
      copyFileSync(path, join(SHOTS, `${unit}.pptx`));
      if (images.length) writeFileSync(join(SHOTS, `${unit}-pptx-chart.png`), files.get(images[0])!);
    }
  });

  it("prints to PDF with the print stylesheet: one 16:9 page per slide, every slide whole", async () => {
    const page = await openDeck("TQ", 1440, 900);
    const count = await page.locator(".slide-frame").count();
    await page.emulateMedia({media: "print"});
    // In print every slide is shown, each a whole 1280 × 720 page with its text inside.
    const frames = await page.locator(".slide-frame").evaluateAll((els) => els.map((f) => f.getBoundingClientRect()).map((r) => [Math.round(r.width), Math.round(r.height)]));
    expect(frames).toEqual(Array(count).fill([1280, 720]));
    await page.setViewportSize({width: 1280, height: 720});
    for (let i = 0; i < count; i++) await page.locator(".slide-frame").nth(i).screenshot({path: join(SHOTS, `print-TQ-${i + 1}.png`)});
    const pdf = await page.pdf({preferCSSPageSize: true, printBackground: true});
    writeFileSync(join(SHOTS, "TQ.pdf"), pdf);
    const text = pdf.toString("latin1");
    const pageCount = text.match(/\/Type\s*\/Page[^s]/g)?.length;
    expect(pageCount).toBe(count);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => Number(m[1]) / Number(m[2]));
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    for (const ratio of boxes) expect(ratio).toBeCloseTo(16 / 9, 2);
    await page.emulateMedia({media: "screen"});
  });
});
