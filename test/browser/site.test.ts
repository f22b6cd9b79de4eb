// The built site in Debian's Chromium (playwright-core, /usr/bin/chromium; .ci/run installs it with apt): every
// page opens with real figures from a small warehouse in the shape of the pipeline's marts, controls change the
// charts, CSV and XLSX downloads hold the right rows, the slides step with keys and clicks and print one per
// page, and no page logs an error or asks anything of another machine. Also: nothing private is published, and
// each page's data before its first chart stays under 1 MB.
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import type {Page} from "playwright-core";
import {afterAll, afterEach, beforeAll, expect, it} from "vitest";
import {serveSite, type RunningServer} from "../../scripts/serve.ts";
import {ODD_FILE_NAME, RICH_K, SECRET_NOTE} from "../helpers/site-fixture.ts";
import {browserSuite} from "../helpers/require-tools.ts";
import {publishedRichSite} from "../helpers/site.ts";
import {bytesBeforeFirstChart, CHART, launch, timeReaction, type Harness} from "./harness.ts";

const PAGES: {path: string; charts: number; title: string}[] = [
  {path: "/", charts: 6, title: "Tổng quan chất lượng sinh hoạt chi bộ"},
  {path: "/so-sanh", charts: 3, title: "So sánh đơn vị"},
  {path: "/don-vi/", charts: 0, title: "Đơn vị"},
  {path: "/don-vi/?ma=TQ", charts: 3, title: "Đảng bộ tỉnh Tuyên Quang"},
  {path: "/don-vi/?ma=HU-LB", charts: 3, title: "Huyện ủy Lâm Bình"},
  {path: "/don-vi/?ma=HU-LB.03", charts: 3, title: "Đảng bộ xã Thượng Lâm"},
  {path: "/don-vi/?ma=TP-TQ.002", charts: 2, title: "Chi bộ Công ty cổ phần Môi trường và Dịch vụ đô thị Tuyên Quang"},
  {path: "/chat-luong-du-lieu", charts: 2, title: "Chất lượng dữ liệu"},
  {path: "/trinh-chieu", charts: 1, title: "Trình chiếu"},
  {path: "/xuat-du-lieu", charts: 0, title: "Xuất dữ liệu"},
  {path: "/kiem-tra", charts: 0, title: "Kiểm tra tệp trước khi gửi"},
  {path: "/phuong-phap", charts: 0, title: "Phương pháp"}
];
/** Words of the developers, never of the users: commands, file and table names, issue numbers. */
const DEVELOPER_WORDS = /npm (run|start|test)|\.duckdb|pipelines\/|loaders\/|\.sql\b|issue #|reporting_status|indicator_values|indicator_catalog|dim_units|docs\/|CHIBO_[A-Z]/;
const MB = 1024 * 1024;
/** Expected regular-meeting rate of a unit in a year in the rich fixture (see RICH_K). */
const rate = (unit: string, year: number) => `${(80 + 2 * (year - 2016) + RICH_K[unit]).toFixed(1).replace(".", ",")}\u00a0%`;

/** Waits until the element's text contains `text` (charts are redrawn asynchronously after a control changes). */
async function waitText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent?.includes(t), [selector, text] as const, {timeout: 15_000});
}

function walk(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

browserSuite("the site in Chromium", () => {
  let dir: string;
  let out: string;
  let dispose: () => void;
  let server: RunningServer;
  let h: Harness;
  const pages: Page[] = [];
  const open = async (path: string, wait = "#observablehq-main h1") => {
    const page = await h.newPage();
    pages.push(page);
    await page.goto(`${server.url}${path}`, {waitUntil: "load"});
    await page.waitForSelector(wait, {timeout: 30_000});
    await page.waitForLoadState("networkidle").catch(() => {});
    return page;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-browser-"));
    // The pages built once for the whole test run, with the rich fixture published beside them (published once too).
    const site = await publishedRichSite();
    out = site.dir;
    dispose = site.dispose;
    server = await serveSite({dir: out, port: 0});
    h = await launch();
  }, 240_000);

  afterEach(async () => {
    // Every test fails on any console error, page error, failed local request or request off this machine.
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

  it("opens every page: title, real figures, charts with text alternatives, under 1 MB before the first chart", async () => {
    const sizes: string[] = [];
    for (const {path, charts, title} of PAGES) {
      const page = await open(path);
      expect(await page.locator("#observablehq-main h1").first().textContent(), path).toBe(title);
      expect(await page.locator("html").getAttribute("lang")).toBe("vi");
      if (charts) {
        await page.waitForSelector(CHART, {state: "attached"});
        expect(await page.locator(CHART).count(), path).toBeGreaterThanOrEqual(charts);
        // Every chart has a label and a description (text alternative).
        const unlabelled = await page.locator(CHART).evaluateAll((svgs) => svgs.filter((s) => !s.getAttribute("aria-label") || !s.getAttribute("aria-description")).length);
        expect(unlabelled, path).toBe(0);
        const {bytes} = await bytesBeforeFirstChart(page, `${server.url}${path}`);
        sizes.push(`${path} ${(bytes / 1024).toFixed(0)} kB`);
        expect(bytes, path).toBeLessThan(MB);
      }
      expect((await page.locator("body").innerText()).match(DEVELOPER_WORDS)?.[0] ?? null, path).toBeNull();
      // No horizontal scrolling of the page itself (wide tables scroll inside their own box).
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(1);
    }
    console.log(`Bytes before the first chart (fixture): ${sizes.join(", ")}`);
  });

  it("Tổng quan: headline figures with changes, every catalog indicator, the two terms", async () => {
    const page = await open("/", CHART);
    const card = page.locator('.kpi[data-indicator="regular_meeting_rate"]');
    expect(await card.locator(".kpi-value").textContent()).toBe(rate("TQ", 2022));
    expect(await card.textContent()).toContain("+2,0\u00a0điểm\u00a0% so với 2021");
    expect(await card.textContent()).toContain("+12,0\u00a0điểm\u00a0% so với 2016");
    // All catalog indicators but the rank (ranks are among siblings): six rows.
    expect(await page.locator(".all-indicators tbody tr").count()).toBe(6);
    expect(await page.locator(".all-indicators").textContent()).toContain("Chỉ số chất lượng sinh hoạt chi bộ");
    expect(await page.locator(".term-grid figure").count()).toBe(3);
  });

  it("So sánh đơn vị: controls redraw the charts quickly and live in the URL; grassroots level; picker; change mode", async () => {
    const page = await open("/so-sanh", ".compare-grid " + CHART);
    await waitText(page, ".compare-grid .card", rate("DU-CA", 2022));
    const charts = [".compare-trend figure", ".compare-grid .card:nth-child(1) figure", ".compare-grid .card:nth-child(2) figure"];
    const pick = (label: string, text: string) =>
      `const f=[...document.querySelectorAll(".controls form")].find((f)=>f.querySelector("label")?.textContent.trim()===${JSON.stringify(label)});` +
      `const s=f.querySelector("select");s.selectedIndex=[...s.options].findIndex((o)=>o.textContent.startsWith(${JSON.stringify(text)}));` +
      `s.dispatchEvent(new Event("input",{bubbles:true}));`;
    const ms = await timeReaction(page, pick("Chỉ tiêu", "Tỷ lệ đảng viên dự sinh hoạt"), charts);
    console.log(`Control change → three charts redrawn (fixture): ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    await page.waitForFunction(() => location.search.includes("chi-tieu=attendance_rate"));
    await waitText(page, ".compare-grid .card", "88,8\u00a0%"); // DU-CA 2022: (850 + 30 + 8) / 1000

    // The grassroots organisations of Lâm Bình; the reference line is the committee.
    await page.locator(".control-level select").selectOption({label: "Tổ chức cơ sở đảng của Lâm Bình (2)"});
    await page.waitForFunction(() => location.search.includes("cap=HU-LB"));
    await waitText(page, ".compare-grid .card", "Xã Thượng Lâm");
    await waitText(page, ".compare-grid .card", "Lâm Bình");
    // The picker: both organisations are drawn by default; remove one, then find it again without diacritics.
    await page.locator(".picker-chip", {hasText: "Chi bộ thôn Nà Khà"}).locator("button").click();
    await page.waitForFunction(() => !decodeURIComponent(location.search).includes("HU-LB.01"));
    const search = page.locator(".unit-picker input[type=search]");
    await search.fill("na kha");
    expect(await page.locator(".picker-row:not([hidden])").count()).toBe(1);
    await search.press("Enter");
    await page.waitForFunction(() => decodeURIComponent(location.search).includes("HU-LB.01"));
    await waitText(page, ".compare-trend figure", "CB thôn Nà Khà");
    // Change since the first year.
    await page.locator(".control-measure input[type=radio]").nth(1).check();
    await page.waitForFunction(() => location.search.includes("hien-thi=thay-doi"));
    await waitText(page, ".compare-grid .card", "+3,0"); // attendance 2016 → 2022: +30 ‰

    // A shared link restores the view.
    const shared = page.url();
    const again = await open(shared.slice(server.url.length), ".compare-grid " + CHART);
    expect(await again.locator(".control-indicator select").evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe("Tỷ lệ đảng viên dự sinh hoạt");
    expect(await again.locator(".control-level select").evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toContain("Lâm Bình");
    expect(await again.locator(".control-measure input:checked").evaluate((i: HTMLInputElement) => i.parentElement?.textContent)).toContain("Thay đổi");
  });

  it("downloads a chart as PNG and as SVG, with its title", async () => {
    const page = await open("/so-sanh", ".compare-grid " + CHART);
    const box = page.locator(".compare-grid .chart-box").first();
    const [png] = await Promise.all([page.waitForEvent("download"), box.locator('[data-download="png"]').click()]);
    expect(png.suggestedFilename()).toMatch(/^xep-hang-regular_meeting_rate-2022\.png$/);
    const pngBytes = readFileSync((await png.path())!);
    expect(pngBytes.subarray(1, 4).toString()).toBe("PNG");
    expect(pngBytes.length).toBeGreaterThan(10_000);
    const [svg] = await Promise.all([page.waitForEvent("download"), box.locator('[data-download="svg"]').click()]);
    const svgText = readFileSync((await svg.path())!, "utf8");
    expect(svgText).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // The title, wrapped onto lines of 18 px bold text.
    const title = [...svgText.matchAll(/font-size="18" font-weight="700" fill="#1b1e23">([^<]*)</g)].map((m) => m[1]).join(" ");
    expect(title).toBe("Tỷ lệ tháng có sinh hoạt thường kỳ: xếp hạng năm 2022");
    expect(svgText).toContain("dữ liệu mô phỏng");
  });

  it("Đơn vị: search without diacritics, the unit tree level by level, one page per unit by ?ma=", async () => {
    const dirPage = await open("/don-vi/", "#unit-search");
    await dirPage.locator("#unit-search").fill("thuong lam");
    await dirPage.waitForFunction(() => document.querySelectorAll("#unit-search-results li").length === 1);
    await dirPage.locator("#unit-search-results a").click();
    await dirPage.waitForSelector(".kpi-table");
    expect(dirPage.url()).toMatch(/\/don-vi\/\?ma=HU-LB\.03$/);
    expect(await dirPage.title()).toBe("Đảng bộ xã Thượng Lâm | Chi bộ Analytics");
    // the tree: a committee's grassroots organisations are fetched when it is opened, then a grassroots' cells
    const tree = await open("/don-vi/", ".unit-tree");
    expect(await tree.locator('details[data-committee="HU-LB"] .unit-tree-level').count()).toBe(0);
    await tree.locator('details[data-committee="HU-LB"] > summary').click({position: {x: 2, y: 2}});
    await tree.waitForSelector('details[data-committee="HU-LB"] .unit-tree-level a');
    expect(await tree.locator('details[data-committee="HU-LB"]').textContent()).toContain("Đảng bộ xã Thượng Lâm");
    // an unknown code: a message, not an error
    const missing = await open("/don-vi/?ma=KHONG-CO", "#observablehq-main .pending-note");
    expect(await missing.locator("#observablehq-main").textContent()).toContain("Không tìm thấy đơn vị");
  });

  it("Đơn vị: a unit's indicators, children ranked, submissions, absorbed units, comparable series", async () => {
    const page = await open("/don-vi/?ma=HU-LB.03", ".kpi-table");
    const kpi = page.locator(".kpi-table tbody tr").first();
    expect(await kpi.textContent()).toContain(rate("HU-LB.03", 2022));
    expect(await page.locator(".kpi-table").textContent()).toContain("Thứ hạng");
    expect(await page.locator(".breadcrumb").textContent()).toContain("Huyện ủy Lâm Bình");
    await waitText(page, "#sec-children + .card", "Nặm Đíp");
    expect(await page.locator("#sec-absorbed").locator("xpath=..").textContent()).toContain("Chi bộ thôn Khuổi Củng");
    expect(await page.locator("#sec-ledger").locator("xpath=..").textContent()).toContain("sinh_hoat_HU-LB_2022.csv");
    // Comparable series: in 2016 the absorbing cell includes the absorbed one ((84 + 80) / 200 = 82 %).
    await page.locator(".unit-controls select").first().selectOption({label: "2016"});
    await page.waitForFunction(() => document.querySelector(".kpi-table caption")?.textContent?.startsWith("Năm 2016"));
    await page.locator(".unit-controls input[type=radio]").nth(1).check();
    await page.locator("#sec-children + .card [role=tab]").nth(1).click();
    await page.waitForFunction(() => document.querySelector("#sec-children + .card .table-panel")?.textContent?.includes("82,0"));
  });

  it("Chất lượng dữ liệu: completeness grid, ledger, rejected files summarised without their values, outliers", async () => {
    const page = await open("/chat-luong-du-lieu", CHART);
    const grid = page.locator(".block .card").filter({has: page.locator("figure")}).first();
    const symbols = await grid.locator("svg[role=img] text").allTextContents();
    expect(symbols.filter((s) => s === "✕")).toHaveLength(1); // Lâm Bình 2018
    expect(symbols.filter((s) => s === "!")).toHaveLength(1); // Công an 2021, late
    const rejected = page.locator(".problem-file.status-card-rejected");
    expect(await rejected.textContent()).toContain("Ngày không hợp lệ");
    expect(await rejected.locator("tbody tr").count()).toBe(2);
    expect(await page.locator(".problem-file.status-card-partial").textContent()).toContain("Giá trị không thuộc danh mục");
    const html = await page.content();
    expect(html).not.toContain(SECRET_NOTE);
    expect(html).not.toContain(ODD_FILE_NAME);
    expect(html).toContain("(tên tệp không theo mẫu)");
    // The ledger as CSV: BOM, Vietnamese header, filtered rows.
    await page.locator("select").filter({has: page.locator("option", {hasText: "Bị từ chối"})}).selectOption({label: "Bị từ chối"});
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-download="ledger-csv"]').click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Mã tệp,Ngày nhận,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("sinh_hoat_HU-LB_2018.csv");
    expect(csv).not.toContain(SECRET_NOTE);
  });

  it("Trình chiếu: a deck of 6–10 slides that moves with arrow keys and clicks, and prints one slide per A4 page", async () => {
    const page = await open("/trinh-chieu?don-vi=HU-LB&nam=2022", ".deck");
    const count = await page.locator(".slide-frame").count();
    expect(count).toBeGreaterThanOrEqual(7); // a title and at least six slides
    expect(count).toBeLessThanOrEqual(11);
    const counter = page.locator(".deck-counter");
    expect(await counter.textContent()).toBe(`1 / ${count}`);
    expect(await page.locator(".slide-frame.active .slide-main-title").textContent()).toBe("Huyện ủy Lâm Bình");
    await page.locator(".deck").focus();
    await page.keyboard.press("ArrowRight");
    expect(await counter.textContent()).toBe(`2 / ${count}`);
    expect(await page.locator(".slide-frame.active .slide-number-big").textContent()).toBe(rate("HU-LB", 2022));
    expect(await page.locator(".slide-frame.active svg[role=img]").count()).toBe(1);
    await page.locator(".deck-stage").click({position: {x: 700, y: 200}});
    expect(await counter.textContent()).toBe(`3 / ${count}`);
    await page.keyboard.press("ArrowLeft");
    expect(await counter.textContent()).toBe(`2 / ${count}`);
    await page.keyboard.press("End");
    expect(await counter.textContent()).toBe(`${count} / ${count}`);
    expect(page.url()).toMatch(new RegExp(`#trang-${count}$`));
    // Print: every slide shown, one per A4-landscape page.
    await page.emulateMedia({media: "print"});
    expect(await page.locator(".slide-frame").evaluateAll((frames) => frames.filter((f) => getComputedStyle(f).display !== "none").length)).toBe(count);
    const pdf = await page.pdf({preferCSSPageSize: true, printBackground: true});
    const pdfPages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length;
    expect(pdfPages).toBe(count);
    await page.emulateMedia({media: "screen"});
  });

  it("Xuất dữ liệu: CSV (UTF-8 with BOM) and XLSX (Vietnamese header, definitions) of the filtered table; Parquet files", async () => {
    const page = await open("/xuat-du-lieu", "[data-download=export-csv]");
    // Only the regular-meeting rate, years.
    for (const label of ["Sinh hoạt chuyên đề", "Tỷ lệ dự sinh hoạt", "Vắng không lý do", "Đảng bộ đã báo cáo", "Chỉ số chất lượng", "Thứ hạng"]) {
      await page.locator(".export-controls label", {hasText: label}).locator("input").uncheck();
    }
    await page.waitForFunction(() => document.querySelector("[data-download=export-csv]")?.textContent?.includes("(27 dòng)"));
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.locator("[data-download=export-csv]").click()]);
    expect(csvDownload.suggestedFilename()).toBe("chi-tieu-tinh.csv");
    const csv = readFileSync((await csvDownload.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Mã đơn vị,Tên đơn vị,Cấp,Mã đảng bộ trực thuộc tỉnh,Loại hình,Loại kỳ,Kỳ,Tên chỉ tiêu,Tử số,Mẫu số,Giá trị,Đơn vị tính");
    expect(lines).toHaveLength(1 + 27); // province and 3 committees × 7 years, minus Lâm Bình 2018 (not reported: no row)
    expect(lines).toContain("TQ,Đảng bộ tỉnh Tuyên Quang,Tỉnh,,Khác,Năm,2022,Tỷ lệ tháng có sinh hoạt thường kỳ,97,100,97,%"); // shares in percent
    expect(lines.some((l) => l.startsWith("HU-LB,") && l.includes(",2018,"))).toBe(false);

    const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.locator("[data-download=export-xlsx]").click()]);
    expect(xlsxDownload.suggestedFilename()).toBe("chi-tieu-tinh.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsxDownload.path())!) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Số liệu", "Định nghĩa", "Ghi chú"]);
    const data = wb.getWorksheet("Số liệu")!;
    expect(data.getCell("A1").value).toBe("Mã đơn vị");
    expect(data.getCell("K1").value).toBe("Giá trị");
    expect(data.rowCount).toBe(1 + 27);
    const tq2022 = data.getRows(2, 27)!.find((r) => r.getCell(1).value === "TQ" && r.getCell(7).value === 2022)!;
    expect(tq2022.getCell(11).value).toBe(97);
    expect(tq2022.getCell(12).value).toBe("%");
    const defs = wb.getWorksheet("Định nghĩa")!;
    expect(defs.getCell("A1").value).toBe("Tên chỉ tiêu");
    expect(defs.getCell("A2").value).toBe("Tỷ lệ tháng có sinh hoạt thường kỳ");
    expect(defs.getCell("I2").value).toBe("Số chi bộ-tháng có sinh hoạt thường kỳ / số chi bộ-tháng phải sinh hoạt"); // formula_vi
    expect(String(wb.getWorksheet("Ghi chú")!.getCell("A2").value)).toContain("DỮ LIỆU MÔ PHỎNG");

    // Cells of one committee (its file fetched on demand).
    await page.locator(".export-controls input[type=radio]").nth(2).check();
    // The committee list is re-created for the new level (no "all" entry any more): wait for it, then choose.
    await page.waitForFunction(() => !document.querySelector(".export-controls select")?.textContent?.includes("Toàn tỉnh và mọi đảng bộ"));
    await page.locator(".export-controls select").first().selectOption({label: "Huyện ủy Lâm Bình"});
    await page.waitForFunction(() => document.querySelector(".table-card")?.textContent?.includes("Chi bộ thôn Nặm Đíp"));

    // Parquet files are served as they are (DuckDB wrote them).
    const hrefs = await page.locator("a[data-download=parquet]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toHaveLength(4); // the province's values and the catalog, the chosen committee's values and units
    const head = await page.evaluate(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer()).slice(0, 4), hrefs[0]);
    expect(String.fromCharCode(...Object.values(head))).toBe("PAR1");
  });

  it("Phương pháp: one card per catalog indicator with its formula and source; the comparable series is described in words, not table names", async () => {
    const page = await open("/phuong-phap", ".method-card");
    expect(await page.locator(".method-card").count()).toBe(7);
    const first = page.locator(".method-card").first();
    expect(await first.textContent()).toContain("Điều lệ Đảng");
    expect(await first.locator(".formula").count()).toBe(1);
    expect(await page.locator("#observablehq-main").textContent()).toContain("Số liệu công bố có cả chuỗi so sánh được");
  });

  it("works from the keyboard: chart/table tabs and the slides", async () => {
    const page = await open("/so-sanh", ".compare-grid " + CHART);
    const tab = page.locator(".compare-grid [role=tab]").first();
    await tab.focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.locator(".compare-grid [role=tab]").nth(1).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator(".compare-grid .table-panel").first().isVisible()).toBe(true);
    expect(await page.locator(".compare-grid .table-panel table").first().locator("tbody tr").count()).toBe(3);
  });

  it("holds its layout on a phone and on a 1920 × 1080 projector", async () => {
    for (const [width, height] of [
      [390, 844],
      [1920, 1080]
    ]) {
      const page = await h.newPage();
      pages.push(page);
      await page.setViewportSize({width, height});
      for (const path of ["/", "/so-sanh", "/don-vi/?ma=HU-LB", "/trinh-chieu"]) {
        await page.goto(`${server.url}${path}`);
        await page.waitForSelector(CHART, {state: "attached"});
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${path} at ${width}px`).toBeLessThanOrEqual(1);
      }
    }
  });

  it("publishes nothing private: no rejected value, no non-conforming file name, in any page or published file", () => {
    const offenders = walk(out).filter((f) => {
      if (statSync(f).size > 20 * MB) return false;
      const text = readFileSync(f).toString("latin1") + readFileSync(f, "utf8");
      return text.includes(SECRET_NOTE) || text.includes(ODD_FILE_NAME);
    });
    expect(offenders).toEqual([]);
  });
});
