// "Đơn vị cũ – đơn vị mới" on the unit page in Debian's Chromium, from the crosswalk fixture
// (test/fixtures/crosswalk/README.md) ingested, built and published for real: a committee's table and its
// downloads (the CSV for Excel with Vietnamese settings, the standard CSV, the workbook) hold exactly its rows;
// the province's table its committees' rows; a grassroots organisation or a cell says in a sentence what it
// continues or what continues it; a committee and a cell with nothing to show have no such section or sentence.
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import type {Page} from "playwright-core";
import {afterAll, afterEach, beforeAll, expect, it} from "vitest";
import {serveSite, type RunningServer} from "../../scripts/serve.ts";
import {browserSuite} from "../helpers/require-tools.ts";
import {publishedSite} from "../helpers/site.ts";
import {builtWarehouse} from "../helpers/warehouse.ts";
import {launch, type Harness} from "./harness.ts";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "crosswalk");
const HEADER = ["Mã cũ", "Tên cũ", "Đến ngày", "Mã mới", "Tên mới", "Từ ngày", "Hình thức"];
const MOVED = "Đơn vị chuyển cấp trên";

/** HU-A's rows as the table shows them, newest first, then by old code and new code ("–" for an empty cell). */
const HU_A = [
  ["HU-A.001", "Đảng bộ xã An Bình", "30/06/2020", "HU-A.002", "Đảng bộ xã An Lạc", "01/07/2020", "Chuyển cấp trên", "HU-A.001.05 Chi bộ thôn Nà Lẹng"],
  ["HU-A.001.03", "Chi bộ thôn Khuôn Phục", "30/06/2020", "HU-A.001.31", "Chi bộ thôn Khuôn Phục Trên", "01/07/2020", "Tách", "–"],
  ["HU-A.001.03", "Chi bộ thôn Khuôn Phục", "30/06/2020", "HU-A.001.32", "Chi bộ thôn Khuôn Phục Dưới", "01/07/2020", "Tách", "–"],
  ["HU-A.003", "Chi bộ Trạm Y tế", "30/06/2020", "HU-B.102", "Chi bộ Trạm Y tế", "01/07/2020", "Chuyển đảng bộ", "–"],
  ["HU-A.002.02", "Chi bộ thôn Bản Piềng", "31/03/2020", "HU-A.002.01", "Chi bộ thôn Bản Chang", "01/04/2020", "Sáp nhập", "–"]
];
const blank = (rows: string[][]) => rows.map((r) => r.map((c) => (c === "–" ? null : c)));

/** CSV text as a spreadsheet reads it (quoted fields, CRLF); every field as text, empty as null. */
function readCsv(text: string, separator: string): (string | null)[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) row.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += ch;
  }
  return rows.map((r) => r.map((f) => (f === "" ? null : f)));
}

browserSuite("Đơn vị cũ – đơn vị mới on the unit page in Chromium", () => {
  let dir: string;
  let site: Awaited<ReturnType<typeof publishedSite>>;
  let server: RunningServer;
  let h: Harness;
  const pages: Page[] = [];

  const open = async (code: string) => {
    const page = await h.newPage();
    pages.push(page);
    await page.goto(`${server.url}/don-vi/?ma=${encodeURIComponent(code)}`, {waitUntil: "load"});
    await page.waitForSelector("#unit-title", {timeout: 30_000});
    await page.waitForSelector(".unit-page section[aria-labelledby=sec-ledger]", {state: "attached"});
    return page;
  };
  const tableOf = (page: Page) =>
    page.locator("section.crosswalk table").evaluate((t) => ({
      header: [...t.querySelectorAll("thead th")].map((c) => c.textContent!.trim()),
      rows: [...t.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent!.trim()))
    }));
  const download = async (page: Page, marker: string) => {
    const [d] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-download=${marker}]`).click()]);
    return {name: d.suggestedFilename(), bytes: readFileSync((await d.path())!)};
  };
  const notes = (page: Page) => page.locator(".crosswalk-note").allTextContents();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-crosswalk-site-"));
    site = await publishedSite(await builtWarehouse(dir, FIXTURE));
    server = await serveSite({dir: site.dir, port: 0});
    h = await launch();
  }, 300_000);

  afterEach(async () => {
    const problems = h.take();
    for (const p of pages.splice(0)) await p.close();
    expect(problems).toEqual({consoleErrors: [], pageErrors: [], nonLocalRequests: [], failedRequests: []});
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
    site?.dispose();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  it("a committee: its rows in the table, and the same rows in the CSV for Excel, the standard CSV and the workbook", async () => {
    const page = await open("HU-A");
    expect(await page.locator("#sec-crosswalk").textContent()).toBe("Đơn vị cũ – đơn vị mới");
    expect(await tableOf(page)).toEqual({header: [...HEADER, MOVED], rows: HU_A});
    // the codes open the units' pages
    expect(await page.locator("section.crosswalk tbody tr").nth(3).locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["./?ma=HU-A.003", "./?ma=HU-B.102"]);

    const vi = await download(page, "crosswalk-csv-vi");
    expect(vi.name).toBe("don-vi-cu-moi-HU-A-excel-tieng-viet.csv");
    const text = vi.bytes.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff); // UTF-8 with BOM: Excel reads the diacritics
    expect(readCsv(text.slice(1), ";")).toEqual([[...HEADER, MOVED], ...blank(HU_A)]);
    const std = await download(page, "crosswalk-csv");
    expect(std.name).toBe("don-vi-cu-moi-HU-A.csv");
    expect(readCsv(std.bytes.toString("utf8").slice(1), ",")).toEqual([[...HEADER, MOVED], ...blank(HU_A)]);

    const xlsx = await download(page, "crosswalk-xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const values: unknown[][] = [];
    ws.eachRow((r) => values.push(Array.from({length: HEADER.length + 1}, (_, j) => r.getCell(j + 1).value ?? null)));
    // the title lines, then the table
    expect(values.slice(-1 - HU_A.length)).toEqual([[...HEADER, MOVED], ...blank(HU_A)]);
  });

  it("a committee the other side of a move: the row with its committee of origin; the province: its committees' rows", async () => {
    const b = await open("HU-B");
    expect(await tableOf(b)).toEqual({
      header: HEADER,
      rows: [
        ["HU-A.003", "Chi bộ Trạm Y tế", "30/06/2020", "HU-B.102", "Chi bộ Trạm Y tế", "01/07/2020", "Chuyển đảng bộ"],
        ["HU-B.001", "Chi bộ Trường Tiểu học", "30/06/2020", "HU-B.101", "Chi bộ Trường Tiểu học", "01/07/2020", "Đổi mã"]
      ]
    });
    const province = await open("TQ");
    expect(await tableOf(province)).toEqual({header: HEADER, rows: [["HU-C", "Huyện ủy Cẩm Khê", "30/06/2020", "HU-D", "Huyện ủy Cẩm Khê", "01/07/2020", "Đổi mã"]]});
    expect(await province.locator("[data-download=crosswalk-csv]").textContent()).toBe("Tải CSV (1 dòng)");
    // the committee that took a new code says so under its title, instead of "merged into"
    const c = await open("HU-C");
    expect(await notes(c)).toEqual(["Đổi mã thành HU-D từ 01/07/2020."]);
    expect(await c.locator(".merged-note").count()).toBe(0);
  });

  it("a grassroots organisation or a cell: a sentence on what it continues or what continues it", async () => {
    const expected: Record<string, string[]> = {
      "HU-A.001.03": ["Tách thành HU-A.001.31 Chi bộ thôn Khuôn Phục Trên và HU-A.001.32 Chi bộ thôn Khuôn Phục Dưới từ 01/07/2020."],
      "HU-A.001.31": ["Tách từ HU-A.001.03 Chi bộ thôn Khuôn Phục (đến 30/06/2020) cùng HU-A.001.32 Chi bộ thôn Khuôn Phục Dưới."],
      "HU-A.002.01": ["Tiếp nhận đơn vị sáp nhập vào: HU-A.002.02 Chi bộ thôn Bản Piềng (đến 31/03/2020)."],
      "HU-A.002.02": ["Sáp nhập vào HU-A.002.01 Chi bộ thôn Bản Chang từ 01/04/2020."],
      "HU-B.101": ["Tiếp nối HU-B.001 (đến 30/06/2020), đổi mã từ 01/07/2020."],
      "HU-A.003": ["Chuyển sang Huyện ủy Bình Sơn với mã HU-B.102 từ 01/07/2020."],
      "HU-B.102": ["Tiếp nối HU-A.003 của Huyện ủy An Hòa (đến 30/06/2020), chuyển đảng bộ từ 01/07/2020."],
      "HU-A.001.05": ["Chuyển cấp trên từ HU-A.001 Đảng bộ xã An Bình sang HU-A.002 Đảng bộ xã An Lạc từ 01/07/2020."],
      "HU-A.001": ["Chuyển sang cấp trên khác: HU-A.001.05 Chi bộ thôn Nà Lẹng (sang HU-A.002 Đảng bộ xã An Lạc từ 01/07/2020)."],
      "HU-A.002": ["Chuyển đến từ cấp trên khác: HU-A.001.05 Chi bộ thôn Nà Lẹng (từ HU-A.001 Đảng bộ xã An Bình từ 01/07/2020)."]
    };
    for (const [code, sentences] of Object.entries(expected)) {
      const page = await open(code);
      expect(await notes(page), code).toEqual(sentences);
      expect(await page.locator("section.crosswalk").count(), code).toBe(0);
      await page.close();
    }
    // the units it names are links to their pages
    const page = await open("HU-B.102");
    expect(await page.locator(".crosswalk-note a").getAttribute("href")).toBe("./?ma=HU-A.003");
    await page.locator(".crosswalk-note a").click();
    await page.waitForFunction(() => document.querySelector("#unit-title")?.textContent === "Chi bộ Trạm Y tế" && document.querySelector(".crosswalk-note")?.textContent?.startsWith("Chuyển sang"));
  });

  it("nothing to show: no section, no sentence, the rest of the page as before", async () => {
    for (const code of ["HU-E", "HU-E.001", "HU-A.001.01"]) {
      const page = await open(code);
      expect(await page.locator("section.crosswalk").count(), code).toBe(0);
      expect(await notes(page), code).toEqual([]);
      await page.waitForSelector("figure svg[role=img]", {state: "attached"});
      expect(await page.locator("#sec-absorbed").count(), code).toBe(1);
      await page.close();
    }
  });
});
