// Xuất dữ liệu in Debian's Chromium, as staff use it: the CSV for Excel with Vietnamese settings (";" between
// fields, decimal ",") read back the way such a spreadsheet reads it and compared with the published values; the
// report table (units in hierarchy order, the year's figures and the change) downloaded as CSV and XLSX; the
// pivot shown and downloaded alike; the wide table scrolling sideways on a phone.
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import type {Page} from "playwright-core";
import {afterAll, afterEach, beforeAll, expect, it} from "vitest";
import {serveSite, type RunningServer} from "../../scripts/serve.ts";
import {browserSuite} from "../helpers/require-tools.ts";
import {RICH_K} from "../helpers/site-fixture.ts";
import {publishedRichSite} from "../helpers/site.ts";
import {launch, type Harness} from "./harness.ts";

type Cell = string | number | null;

/** Reads CSV text as a spreadsheet set to the dialect would: numbers with its decimal mark become numbers. */
function readCsv(text: string, separator: string, decimal: string): Cell[][] {
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
  const number = decimal === "," ? /^-?\d+(,\d+)?$/ : /^-?\d+(\.\d+)?$/;
  return rows.map((r) => r.map((f) => (f === "" ? null : number.test(f) ? Number(f.replace(",", ".")) : f)));
}

/** A figure as the page shows it ("97,0", "+2,0", "−1,5", "–") as a number, or null. */
function screenNumber(text: string): number | null {
  const t = text.trim();
  if (t === "–" || t === "") return null;
  return Number(t.replace(/\./g, "").replace(",", ".").replace("−", "-").replace(/^\+/, ""));
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The first `n` cells of a worksheet row, empty cells as null. */
const rowValues = (ws: ExcelJS.Worksheet, r: number, n: number): unknown[] => Array.from({length: n}, (_, j) => ws.getRow(r).getCell(j + 1).value ?? null);

/** The compression method of each ZIP entry (8 = deflate), from the local headers. */
function zipMethods(bytes: Buffer): Record<string, number> {
  const out: Record<string, number> = {};
  for (let p = 0; bytes.readUInt32LE(p) === 0x04034b50; ) {
    const nameLength = bytes.readUInt16LE(p + 26);
    out[bytes.subarray(p + 30, p + 30 + nameLength).toString("utf8")] = bytes.readUInt16LE(p + 8);
    p += 30 + nameLength + bytes.readUInt16LE(p + 28) + bytes.readUInt32LE(p + 18);
  }
  return out;
}

interface ExportFile {
  units: {code: string; name: string; parent?: string}[];
  periods: string[];
  types: string[];
  n: Record<string, Record<string, (number | null)[]>>;
  d: Record<string, Record<string, (number | null)[]>>;
  v: Record<string, Record<string, (number | null)[]>>;
}

browserSuite("Xuất dữ liệu in Chromium: tables for reports, the Vietnamese CSV, the pivot", () => {
  let dir: string;
  let out: string;
  let dispose: () => void;
  let server: RunningServer;
  let h: Harness;
  let years: ExportFile;
  let catalog: {indicator: string; name: string; short: string; kind: string}[];
  const pages: Page[] = [];

  /** The published file the page reads, from the manifest. */
  const published = <T>(key: string): T => {
    const manifest = JSON.parse(readFileSync(join(out, "data", "manifest.json"), "utf8"));
    return JSON.parse(readFileSync(join(out, "data", manifest.files[key].path), "utf8")) as T;
  };
  const value = (kind: "n" | "d" | "v", indicator: string, unit: string, period: string) => years[kind][indicator]?.[unit]?.[years.periods.indexOf(period)] ?? null;

  const open = async (width = 1440, height = 900) => {
    const page = await h.newPage();
    pages.push(page);
    await page.setViewportSize({width, height});
    await page.goto(`${server.url}/xuat-du-lieu`, {waitUntil: "load"});
    await page.waitForSelector("[data-download=report-csv-vi]", {timeout: 30_000});
    await page.waitForLoadState("networkidle").catch(() => {});
    return page;
  };
  /** Keeps only these indicators ticked in the filter. */
  const keepIndicators = async (page: Page, keep: string[]) => {
    for (const c of catalog) {
      if (keep.includes(c.short)) continue;
      await page.locator(".export-controls label", {hasText: c.short}).locator("input").uncheck();
    }
  };
  const download = async (page: Page, marker: string) => {
    const [d] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-download=${marker}]`).click()]);
    return {name: d.suggestedFilename(), bytes: readFileSync((await d.path())!)};
  };
  const csvOf = (bytes: Buffer, separator: string, decimal: string) => {
    const text = bytes.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff); // UTF-8 with BOM: Excel reads the diacritics
    return readCsv(text.slice(1), separator, decimal);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-exports-"));
    // The pages built once for the whole test run, with the rich fixture published beside them (published once too).
    const site = await publishedRichSite();
    out = site.dir;
    dispose = site.dispose;
    server = await serveSite({dir: out, port: 0});
    h = await launch();
    years = published<ExportFile>("tong-hop/xuat-nam.json");
    catalog = published<{indicators: typeof catalog}>("tong-hop/site.json").indicators;
  }, 240_000);

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

  it("the CSV for Excel in Vietnamese reads back as numbers equal to the published values; the standard CSV and the XLSX agree", async () => {
    const page = await open();
    await keepIndicators(page, ["Sinh hoạt thường kỳ", "Tỷ lệ dự sinh hoạt", "Chỉ số chất lượng", "Thứ hạng"]);
    const codes = ["regular_meeting_rate", "attendance_rate", "quality_index", "quality_index_rank"];
    const expected = years.units.flatMap((u) => codes.flatMap((c) => years.periods.filter((p, i) => years.types[i] === "year" && value("v", c, u.code, p) != null)));
    await page.waitForFunction((n) => document.querySelector("[data-download=export-csv]")?.textContent?.includes(`(${n} dòng)`), expected.length);

    const vi = await download(page, "export-csv-vi");
    expect(vi.name).toBe("chi-tieu-tinh-excel-tieng-viet.csv");
    const [header, ...rows] = csvOf(vi.bytes, ";", ",");
    expect(header).toEqual(["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đảng bộ trực thuộc tỉnh", "Loại hình", "Loại kỳ", "Kỳ", "Tên chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Đơn vị tính"]);
    expect(rows).toHaveLength(expected.length);
    const col = (name: string) => header.indexOf(name);
    const byName = new Map(catalog.map((c) => [c.name, c]));
    let decimals = 0;
    for (const r of rows) {
      const ind = byName.get(String(r[col("Tên chỉ tiêu")]))!;
      const unit = String(r[col("Mã đơn vị")]);
      const period = String(r[col("Kỳ")]);
      const v = value("v", ind.indicator, unit, period)!;
      const where = `${unit} ${ind.indicator} ${period}`;
      expect(typeof r[col("Giá trị")], where).toBe("number"); // a number, not text, in a Vietnamese spreadsheet
      if (ind.kind === "share") {
        expect(r[col("Giá trị")], where).toBe(round(v * 100, 2));
        expect(r[col("Đơn vị tính")], where).toBe("%");
        expect([r[col("Tử số")], r[col("Mẫu số")]], where).toEqual([value("n", ind.indicator, unit, period), value("d", ind.indicator, unit, period)]);
      } else if (ind.kind === "score") {
        expect(r[col("Giá trị")], where).toBe(round(v, 2));
        expect([r[col("Tử số")], r[col("Mẫu số")]], where).toEqual([null, null]); // no fake denominator of 1
      } else {
        expect(r[col("Giá trị")], where).toBe(value("n", ind.indicator, unit, period)); // the rank itself, whole
        expect(r[col("Mẫu số")], where).toBe(value("d", ind.indicator, unit, period)); // …with the number ranked
      }
      if (!Number.isInteger(r[col("Giá trị")])) decimals++;
    }
    // The formula of the fixture, independently of the published file: Tuyên Quang's 2022 rate is 80 + 12 + 5 %.
    const tq = rows.find((r) => r[0] === "TQ" && r[col("Kỳ")] === 2022 && r[col("Tên chỉ tiêu")] === "Tỷ lệ tháng có sinh hoạt thường kỳ")!;
    expect(tq[col("Giá trị")]).toBe(80 + 12 + RICH_K.TQ);
    // Decimals are written with a comma; no field holds a decimal point a Vietnamese spreadsheet would misread.
    const text = vi.bytes.toString("utf8");
    expect(decimals).toBeGreaterThan(0);
    expect(text).not.toMatch(/(^|;)-?\d+\.\d+(;|\r)/m);

    const std = await download(page, "export-csv");
    expect(csvOf(std.bytes, ",", ".")).toEqual([header, ...rows]);

    const xlsx = await download(page, "export-xlsx");
    expect(zipMethods(xlsx.bytes)["xl/worksheets/sheet1.xml"]).toBe(8);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    const data = wb.getWorksheet("Số liệu")!;
    expect(data.rowCount).toBe(1 + rows.length);
    rows.forEach((r, i) => expect(rowValues(data, i + 2, r.length), String(i)).toEqual(r));
    expect(data.getCell(`G2`).numFmt).toBe("0"); // the year is a number, shown as 2022
  });

  it("the report table: units in hierarchy order, the year's figures and the change; the Vietnamese CSV and the XLSX hold them", async () => {
    const page = await open();
    await keepIndicators(page, ["Sinh hoạt thường kỳ", "Chỉ số chất lượng", "Thứ hạng"]);
    await page.locator(".report-controls input[type=checkbox]").check();
    await page.waitForFunction(() => document.querySelector(".report-table thead")?.textContent?.includes("thay đổi so với 2021"));
    await page.waitForFunction(() => document.querySelectorAll(".report-table thead th").length === 8);

    // The page: the province first, its committees below it, indented.
    const first = await page.locator(".report-table tbody tr").first().locator("th, td").allTextContents();
    expect(first.slice(0, 4)).toEqual(["Đảng bộ tỉnh Tuyên Quang", "TQ", "97,0", "+2,0"]);
    const indent = await page.locator(".report-table tbody tr").nth(1).locator("th").evaluate((th) => parseFloat(getComputedStyle(th).paddingLeft));
    expect(indent).toBeGreaterThan(12);

    const csv = await download(page, "report-csv-vi");
    expect(csv.name).toBe("bang-bao-cao-2022-tinh-excel-tieng-viet.csv");
    const [header, ...rows] = csvOf(csv.bytes, ";", ",");
    expect(header).toEqual([
      "Đơn vị",
      "Mã đơn vị",
      "Sinh hoạt thường kỳ (%)",
      "Sinh hoạt thường kỳ: thay đổi so với 2021 (điểm %)",
      "Chỉ số chất lượng (điểm)",
      "Chỉ số chất lượng: thay đổi so với 2021 (điểm)",
      "Thứ hạng",
      "Số đơn vị được xếp hạng"
    ]);
    const province = years.units.find((u) => !u.parent)!;
    const committees = years.units.filter((u) => u.parent === province.code && value("v", "regular_meeting_rate", u.code, "2022") != null);
    expect(rows.map((r) => r[1])).toEqual([province.code, ...committees.map((u) => u.code)]);
    for (const r of rows) {
      const u = String(r[1]);
      const rate = (y: string) => value("v", "regular_meeting_rate", u, y)!;
      const index = (y: string) => value("v", "quality_index", u, y)!;
      expect(r[2], u).toBe(round(rate("2022") * 100, 1));
      expect(r[3], u).toBe(round((rate("2022") - rate("2021")) * 100, 1));
      expect(r[4], u).toBe(round(index("2022"), 1));
      expect(r[5], u).toBe(round(index("2022") - index("2021"), 1));
      expect([r[6], r[7]], u).toEqual(u === province.code ? [null, null] : [value("n", "quality_index_rank", u, "2022"), value("d", "quality_index_rank", u, "2022")]);
    }
    expect(rows[0].slice(2, 4)).toEqual([80 + 12 + RICH_K.TQ, 2]);

    const xlsx = await download(page, "report-xlsx");
    expect(xlsx.name).toBe("bang-bao-cao-2022-tinh.xlsx");
    expect(Object.values(zipMethods(xlsx.bytes))).toContain(8);
    expect(zipMethods(xlsx.bytes)["xl/worksheets/sheet1.xml"]).toBe(8);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Báo cáo 2022", "Định nghĩa", "Ghi chú"]);
    const ws = wb.getWorksheet("Báo cáo 2022")!;
    expect(String(ws.getCell("A1").value)).toContain("năm 2022");
    expect(rowValues(ws, 2, header.length)).toEqual(header);
    rows.forEach((r, i) => expect(rowValues(ws, 3 + i, r.length), String(r[1])).toEqual(r));
    expect(ws.getCell("C3").numFmt).toBe("0.0");
    // Definitions in plain Vietnamese for the three indicators: numerator and denominator, no code or path.
    const defs = wb.getWorksheet("Định nghĩa")!;
    const defHeader = (defs.getRow(1).values as unknown[]).slice(1);
    const num = defHeader.indexOf("Tử số") + 1;
    const den = defHeader.indexOf("Mẫu số") + 1;
    expect(defs.rowCount).toBe(4);
    for (let r = 2; r <= 4; r++) {
      for (const c of [num, den]) expect(String(defs.getRow(r).getCell(c).value ?? "").length, `${r}:${c}`).toBeGreaterThan(3);
      defs.getRow(r).eachCell((cell) => expect(String(cell.value)).not.toMatch(/`|\b[a-z]+_[a-z_]+\b|\.csv\b|\bas in\b/));
    }
    const regular = [2, 3, 4].find((r) => defs.getRow(r).getCell(1).value === "Tỷ lệ tháng có sinh hoạt thường kỳ")!;
    expect(String(defs.getRow(regular).getCell(num).value)).toMatch(/^Số tháng có sinh hoạt thường kỳ/);
  });

  it("the pivot: indicators in rows, units in columns, one year; the download holds exactly the table shown", async () => {
    const page = await open();
    await keepIndicators(page, ["Sinh hoạt thường kỳ", "Chỉ số chất lượng", "Thứ hạng"]);
    const selects = page.locator(".pivot-controls select");
    await selects.nth(0).selectOption({label: "Chỉ tiêu"});
    await page.waitForFunction(() => document.querySelectorAll(".pivot-controls select")[1]?.textContent?.includes("Đơn vị"));
    await page.locator(".pivot-controls select").nth(1).selectOption({label: "Đơn vị"});
    await page.waitForFunction(() => document.querySelector(".pivot-controls")?.textContent?.includes("Kỳ"));
    await page.locator(".pivot-controls select").nth(2).selectOption({label: "2022"});
    await page.waitForFunction(() => document.querySelector(".pivot-table .table-caption")?.textContent === "Chỉ tiêu theo đơn vị — Kỳ: 2022");

    const shownHeader = await page.locator(".pivot-table thead th").allTextContents();
    const shownRows = await page.locator(".pivot-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? "")));
    expect(shownHeader[0]).toBe("Chỉ tiêu");
    expect(shownHeader.slice(1)).toEqual(years.units.filter((u) => value("v", "regular_meeting_rate", u.code, "2022") != null).map((u) => u.name));
    expect(shownRows.map((r) => r[0])).toEqual(["Sinh hoạt thường kỳ (%)", "Chỉ số chất lượng (điểm)", "Thứ hạng", "Số đơn vị được xếp hạng"]);
    expect(shownRows[0][1]).toBe("97,0");

    for (const [marker, sep, dec] of [
      ["pivot-csv-vi", ";", ","],
      ["pivot-csv", ",", "."]
    ] as const) {
      const csv = await download(page, marker);
      const [header, ...rows] = csvOf(csv.bytes, sep, dec);
      expect(header, marker).toEqual(shownHeader);
      expect(rows.map((r) => r[0]), marker).toEqual(shownRows.map((r) => r[0]));
      rows.forEach((r, i) => expect(r.slice(1), `${marker} ${r[0]}`).toEqual(shownRows[i].slice(1).map(screenNumber)));
    }
    // …and the figures are the published ones.
    const columnOf = (code: string) => 1 + years.units.filter((u) => value("v", "regular_meeting_rate", u.code, "2022") != null).findIndex((u) => u.code === code);
    expect(screenNumber(shownRows[0][columnOf("DU-CA")])).toBe(round(value("v", "regular_meeting_rate", "DU-CA", "2022")! * 100, 1));
    expect(screenNumber(shownRows[2][columnOf("HU-LB")])).toBe(value("n", "quality_index_rank", "HU-LB", "2022"));
    expect(screenNumber(shownRows[3][columnOf("HU-LB")])).toBe(value("d", "quality_index_rank", "HU-LB", "2022"));

    const xlsx = await download(page, "pivot-xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Bảng tự chọn")!;
    expect(rowValues(ws, 2, shownHeader.length)).toEqual(shownHeader);
    expect(ws.getCell("B3").value).toBe(screenNumber(shownRows[0][1]));
  });

  it("on a phone (390 × 844) the wide report table scrolls sideways instead of wrapping one word per line", async () => {
    const page = await open(390, 844);
    const layout = await page.locator(".report-table .table-wrap").evaluate((wrap) => {
      const table = wrap.querySelector("table")!;
      const names = [...table.querySelectorAll("tbody th")];
      const lineHeight = parseFloat(getComputedStyle(names[0]).lineHeight) || 20;
      return {
        client: wrap.clientWidth,
        scroll: wrap.scrollWidth,
        overflowX: getComputedStyle(wrap).overflowX,
        nameWidth: names[0].getBoundingClientRect().width,
        tallestName: Math.max(...names.map((n) => n.getBoundingClientRect().height)) / lineHeight,
        tallestCell: Math.max(...[...table.querySelectorAll("tbody td")].map((n) => n.getBoundingClientRect().height)) / lineHeight
      };
    });
    expect(layout.overflowX).toBe("auto");
    expect(layout.scroll).toBeGreaterThan(layout.client + 100); // the columns keep their width: the box scrolls
    expect(layout.nameWidth).toBeGreaterThan(150);
    expect(layout.tallestName).toBeLessThan(4.5); // a long unit name takes at most three or four lines, not one per word
    expect(layout.tallestCell).toBeLessThan(4.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    // Scrolling the box brings the last column into view.
    await page.locator(".report-table .table-wrap").evaluate((wrap) => (wrap.scrollLeft = wrap.scrollWidth));
    const last = await page.locator(".report-table thead th").last().boundingBox();
    expect(last!.x + last!.width).toBeLessThanOrEqual(390);
  });
});
