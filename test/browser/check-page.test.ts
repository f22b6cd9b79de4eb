// The check before sending (/kiem-tra): files a clerk really sends (a hidden column, a total row, a workbook's
// SUM row, a spreadsheet's double encoding, wrong dates, unknown and duplicate codes, another committee's units)
// dropped on the page give, in the browser with nothing uploaded, the same problem codes on the same lines as
// `npm run validate` on the same warehouse; a file with only warnings left offers its cleaned copy, which the
// loader then accepts without a problem.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join} from "node:path";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, expect, it} from "vitest";
import {validatePaths} from "../../loaders/validate.ts";
import {serveSite, type RunningServer} from "../../scripts/serve.ts";
import {browserSuite} from "../helpers/require-tools.ts";
import {publishedSite} from "../helpers/site.ts";
import {builtWarehouse, FIXTURE} from "../helpers/warehouse.ts";
import {launch, type Harness} from "./harness.ts";

const MESSY = join(import.meta.dirname, "..", "fixtures", "messy");
const FILES = [
  "sinh_hoat_HU-A_hidden_columns.xlsx",
  "sinh_hoat_HU-A_total_row.csv",
  "sinh_hoat_HU-A_total_formulas.xlsx",
  "sinh_hoat_HU-A_mojibake.csv",
  "sinh_hoat_HU-A_mojibake_lost.csv",
  "sinh_hoat_HU-A_values.csv",
  "sinh_hoat_HU-A_registry.csv",
  "sinh_hoat_HU-A_mixed_committees.csv",
  "sinh_hoat_HU-A_tcvn3.csv",
  "danh_gia_HU-A_2021_errors.csv",
  "sinh_hoat_HU-A_numbers.xlsx",
  "sinh_hoat_HU-A_thousands.csv",
  "sinh_hoat_HU-A_header_typo.csv",
  "sinh_hoat_HU-A_synonyms.csv",
  "sinh_hoat_HU-A_merged.csv",
  "sinh_hoat_HU-A_quoted_multiline.csv",
  "sinh_hoat_HU-A_dates.csv",
  "sinh_hoat_HU-A_cp1258.csv"
];

/** The problems of each file's card as "line:CODE" ("-" for the whole file). */
async function pageOutcome(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>(".check-result")].map((card) => [
        card.dataset.file!,
        [...card.querySelectorAll<HTMLTableRowElement>("tr[data-code]")].map((tr) => {
          const line = tr.cells[0]!.textContent!.trim();
          return `${line === "cả tệp" ? "-" : line.replace(/\D/g, "")}:${tr.dataset.code}`;
        })
      ])
    )
  );
}

browserSuite("check before sending (/kiem-tra)", () => {
  let dir: string;
  let db: string;
  let site: Awaited<ReturnType<typeof publishedSite>>;
  let server: RunningServer;
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-check-page-"));
    db = await builtWarehouse(dir, FIXTURE);
    site = await publishedSite(db);
    server = await serveSite({dir: site.dir, port: 0});
    h = await launch();
    page = await h.newPage();
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    await server?.close();
    site?.dispose();
    rmSync(dir, {recursive: true, force: true});
  });

  it("reports, file by file, the codes and lines `npm run validate` reports", async () => {
    await page.goto(`${server.url}/kiem-tra`, {waitUntil: "networkidle"});
    await expect.poll(() => page.locator("#check-files").count()).toBe(1);
    await page.setInputFiles(
      "#check-files",
      FILES.map((f) => join(MESSY, f))
    );
    await page.waitForFunction((n) => document.querySelectorAll(".check-result").length === n && /Đã kiểm tra/.test(document.querySelector(".check-status")?.textContent ?? ""), FILES.length, {timeout: 60_000});
    const shown = await pageOutcome(page);
    const {results} = await validatePaths(
      FILES.map((f) => join(MESSY, f)),
      {db}
    );
    expect(results).toHaveLength(FILES.length);
    for (const r of results) {
      const expected = r.problems.map((p) => `${p.line ?? "-"}:${p.code}`).sort();
      expect(shown[basename(r.file)]?.slice().sort(), r.file).toEqual(expected);
    }
    // what a clerk reads: Vietnamese reasons with the row and the column
    const text = await page.locator(".check-results").innerText();
    expect(text).toContain("đang ẩn");
    expect(text).toMatch(/Dòng tổng cộng/);
    expect(text).toContain("Chi bộ không có trong danh mục");
    expect(text).toMatch(/TCVN3/);
    expect(text).toMatch(/có phải 1234\?/); // a number typed in an English-locale sheet
    expect(text).toMatch(/Có phải cột/i); // the nearest template column for an unknown header
    expect(text).toMatch(/gộp|hợp nhất|merge/i); // codes left blank under a merged cell
    expect(h.take()).toEqual({consoleErrors: [], pageErrors: [], nonLocalRequests: [], failedRequests: []});
  }, 120_000);

  it("offers the cleaned file when only warnings are left, and the loader accepts it as it is", async () => {
    const card = page.locator('.check-result[data-file="sinh_hoat_HU-A_total_row.csv"]');
    await expect.poll(() => card.locator(".check-verdict").innerText()).toMatch(/Gửi được/);
    const [download] = await Promise.all([page.waitForEvent("download"), card.locator(".check-download").click()]);
    const path = join(dir, download.suggestedFilename());
    writeFileSync(path, readFileSync((await download.path())!));
    const text = readFileSync(path, "utf8");
    expect(text.startsWith("\ufeffMã chi bộ,Ngày sinh hoạt")).toBe(true);
    expect(text).toMatch(/\r\nHU-A\.\d{3}(\.\d{2})?,20\d\d-\d\d-\d\d,/);
    expect(text).not.toMatch(/Tổng cộng/);
    const {results} = await validatePaths([path], {db});
    expect(results[0]!.problems).toEqual([]);
    expect(results[0]!.status).toBe("accepted");
  }, 60_000);

  it("nothing leaves the machine: no request carries the file", async () => {
    const requests: string[] = [];
    page.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
    await page.setInputFiles("#check-files", [join(MESSY, "sinh_hoat_HU-A_values.csv")]);
    await page.waitForFunction(() => document.querySelectorAll(".check-result").length === 1);
    expect(requests.filter((r) => !r.startsWith("GET "))).toEqual([]);
  }, 60_000);
});
