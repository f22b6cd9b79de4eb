// Screenshots a page of the built site in headless Chromium (Debian's /usr/bin/chromium) and checks it:
// charts rendered, the self-hosted font in use, no console error, no request to a non-local address.
//
//   tsx scripts/screenshot.ts                                  # serves dist/ itself, 1440×900
//   tsx scripts/screenshot.ts --url http://127.0.0.1:3000/ --out screenshots/overview.png --width 1920 --height 1080
//   tsx scripts/screenshot.ts --full                           # the whole page, not only the first screen
//   tsx scripts/screenshot.ts --all --width 1920 --height 1080 # every page into screenshots/<page>-1920x1080.png
//
// Exit code 1 when a check fails (the PNG is still written when the page loaded).
import {mkdirSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium} from "playwright-core";
import {given, intFlag, readFlags, UsageError} from "./lib/command-line.ts";
import {serveSite} from "./serve.ts";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-quic",
  "--disable-component-update",
  "--disable-sync"
];
const FONT_FAMILY = "Be Vietnam Pro";

export interface ScreenshotOptions {
  /** Page to open; without it the built dist/ is served on a free local port. */
  url?: string;
  out?: string;
  width?: number;
  height?: number;
  /** Whole page instead of the first screen. */
  fullPage?: boolean;
  /** Selector that must appear before the screenshot (the charts). */
  waitFor?: string;
  timeoutMs?: number;
  /** Device pixel ratio (2 for sharp slides). */
  scale?: number;
  /** Fail the check when the page has no chart (default true; pages made of tables set false). */
  requireCharts?: boolean;
}

export interface ScreenshotReport {
  url: string;
  out: string;
  charts: number;
  consoleErrors: string[];
  pageErrors: string[];
  nonLocalRequests: string[];
  failedRequests: string[];
  fontsLoaded: string[];
  fontInUse: boolean;
  /** Requests made by the page and bytes received (bodies as sent, uncompressed by this server). */
  requests: number;
  bytes: number;
  ok: boolean;
}

/** True for URLs that stay on this machine (loopback) or never leave the browser (data:, blob:, about:). */
export function isLocalUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (["data:", "blob:", "about:", "chrome:", "chrome-error:"].includes(u.protocol)) return true;
  if (u.protocol === "file:") return true;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

export async function screenshot(opts: ScreenshotOptions = {}): Promise<ScreenshotReport> {
  const width = opts.width ?? 1440;
  const height = opts.height ?? 900;
  const out = resolve(opts.out ?? `screenshots/overview-${width}x${height}.png`);
  const waitFor = opts.waitFor ?? "figure > svg";
  const timeout = opts.timeoutMs ?? 30_000;
  const server = opts.url ? null : await serveSite({port: 0});
  const url = opts.url ?? `${server!.url}/`;

  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const nonLocalRequests: string[] = [];
  const failedRequests: string[] = [];
  const browser = await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true});
  try {
    const context = await browser.newContext({
      viewport: {width, height},
      deviceScaleFactor: opts.scale ?? 1,
      locale: "vi-VN",
      timezoneId: "Asia/Ho_Chi_Minh"
    });
    // Every request is checked; a non-local one is recorded and blocked (it must never leave the machine).
    await context.route("**/*", (route) => {
      const requestUrl = route.request().url();
      if (isLocalUrl(requestUrl)) return route.continue();
      nonLocalRequests.push(requestUrl);
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(msg.text());
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("requestfailed", (request) => {
      if (isLocalUrl(request.url())) failedRequests.push(`${request.url()} (${request.failure()?.errorText ?? "?"})`);
    });
    let requests = 0;
    let bytes = 0;
    const sizes: Promise<void>[] = [];
    page.on("requestfinished", (request) => {
      requests += 1;
      sizes.push(
        request.sizes().then(
          (s) => void (bytes += s.responseBodySize + s.responseHeadersSize),
          () => undefined
        )
      );
    });
    page.on("response", (response) => {
      if (response.status() >= 400 && isLocalUrl(response.url())) failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
    });

    await page.goto(url, {waitUntil: "load", timeout});
    await page.waitForSelector(waitFor, {timeout});
    await page.waitForLoadState("networkidle", {timeout}).catch(() => {});
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // Let ResizeObserver-driven charts settle after the fonts swap in.
    await page.waitForTimeout(400);
    const charts = await page.locator("figure > svg").count();
    const {fontsLoaded, fontInUse} = await page.evaluate((family) => {
      const loaded = [...document.fonts]
        .filter((f) => f.status === "loaded")
        .map((f) => `${f.family.replace(/"/g, "")} ${f.weight} ${f.style} ${f.unicodeRange.length > 60 ? f.unicodeRange.slice(0, 14) + "…" : f.unicodeRange}`);
      const inUse = loaded.some((f) => f.startsWith(family)) && document.fonts.check(`16px "${family}"`, "Chất lượng sinh hoạt chi bộ");
      return {fontsLoaded: loaded, fontInUse: inUse};
    }, FONT_FAMILY);

    await Promise.all(sizes);
    mkdirSync(dirname(out), {recursive: true});
    await page.screenshot({path: out, fullPage: opts.fullPage ?? false});
    await context.close();
    const ok =
      consoleErrors.length === 0 &&
      pageErrors.length === 0 &&
      nonLocalRequests.length === 0 &&
      failedRequests.length === 0 &&
      (charts > 0 || opts.requireCharts === false) &&
      fontInUse;
    return {url, out, charts, consoleErrors, pageErrors, nonLocalRequests, failedRequests, fontsLoaded, fontInUse, requests, bytes, ok};
  } finally {
    await browser.close();
    await server?.close();
  }
}

/** The pages shot by `--all` (path, file name, what to wait for). */
export const SITE_PAGES: {path: string; name: string; waitFor: string}[] = [
  {path: "/", name: "tong-quan", waitFor: "figure > svg"},
  {path: "/so-sanh", name: "so-sanh", waitFor: ".compare-grid figure > svg"},
  {path: "/don-vi/", name: "don-vi", waitFor: "#unit-search"},
  {path: "/don-vi/?ma=HU-CH", name: "don-vi-HU-CH", waitFor: "#sec-children + .card figure > svg"},
  {path: "/chat-luong-du-lieu", name: "chat-luong-du-lieu", waitFor: "figure > svg"},
  {path: "/trinh-chieu", name: "trinh-chieu", waitFor: ".deck"},
  {path: "/xuat-du-lieu", name: "xuat-du-lieu", waitFor: "#observablehq-main table"},
  {path: "/kiem-tra", name: "kiem-tra", waitFor: ".drop-zone"},
  {path: "/phuong-phap", name: "phuong-phap", waitFor: ".method-card"}
];

/** Screenshots of every page of SITE_PAGES at one size, into `dir` (serves dist/ when no `url` is given). */
export async function screenshotAll(opts: ScreenshotOptions & {dir?: string} = {}): Promise<ScreenshotReport[]> {
  const width = opts.width ?? 1440;
  const height = opts.height ?? 900;
  const server = opts.url ? null : await serveSite({port: 0});
  const base = (opts.url ?? server!.url).replace(/\/$/, "");
  const reports: ScreenshotReport[] = [];
  try {
    for (const page of SITE_PAGES) {
      reports.push(
        await screenshot({
          ...opts,
          url: `${base}${page.path}`,
          waitFor: page.waitFor,
          out: join(opts.dir ?? "screenshots", `${page.name}-${width}x${height}.png`),
          requireCharts: false
        })
      );
    }
  } finally {
    await server?.close();
  }
  return reports;
}

function parseArgs(argv: string[]): ScreenshotOptions & {help?: boolean; all?: boolean; dir?: string} {
  const v = readFlags(argv, {
    url: {type: "string"},
    out: {type: "string"},
    width: {type: "string"},
    height: {type: "string"},
    scale: {type: "string"},
    "wait-for": {type: "string"},
    timeout: {type: "string"},
    full: {type: "boolean"},
    "full-page": {type: "boolean"},
    all: {type: "boolean"},
    dir: {type: "string"},
    help: {type: "boolean", short: "h"}
  });
  const int = (key: string, value: string | undefined) => (value === undefined ? undefined : intFlag(value, `--${key}`, 1));
  const timeout = int("timeout", v.timeout);
  return given({
    url: v.url,
    out: v.out,
    width: int("width", v.width),
    height: int("height", v.height),
    scale: int("scale", v.scale),
    waitFor: v["wait-for"],
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    fullPage: v.full || v["full-page"] ? true : undefined,
    all: v.all,
    dir: v.dir,
    help: v.help
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log(
        "tsx scripts/screenshot.ts [--url URL] [--out FILE] [--width W --height H] [--full] [--scale 2] [--wait-for SELECTOR] [--timeout S]\n" +
          "tsx scripts/screenshot.ts --all [--url BASE] [--dir screenshots] [--width W --height H] [--full]"
      );
      process.exit(0);
    }
    if (opts.all) {
      const reports = await screenshotAll(opts);
      for (const r of reports) {
        const problems = r.consoleErrors.length + r.pageErrors.length + r.nonLocalRequests.length + r.failedRequests.length;
        console.log(`${r.ok ? "✓" : "✗"} ${r.out} — ${r.charts} biểu đồ / charts, ${(r.bytes / 1024).toFixed(0)} kB, ${problems} lỗi / problems`);
        for (const item of [...r.consoleErrors, ...r.pageErrors, ...r.nonLocalRequests, ...r.failedRequests]) console.log(`    - ${item}`);
      }
      process.exit(reports.every((r) => r.ok) ? 0 : 1);
    }
    const report = await screenshot(opts);
    console.log(`Ảnh chụp / screenshot: ${report.out}`);
    console.log(`Trang / page: ${report.url} — ${report.charts} biểu đồ / charts`);
    console.log(
      `Đã tải / transferred: ${(report.bytes / 1024).toLocaleString("vi-VN", {maximumFractionDigits: 0})} kB, ${report.requests} yêu cầu / requests`
    );
    console.log(`Phông / font "${FONT_FAMILY}": ${report.fontInUse ? "đang dùng / in use" : "KHÔNG được dùng / NOT in use"}`);
    for (const f of report.fontsLoaded) console.log(`  đã tải / loaded: ${f}`);
    const problems: [string, string[]][] = [
      ["Lỗi console / console errors", report.consoleErrors],
      ["Lỗi trang / page errors", report.pageErrors],
      ["Yêu cầu ra ngoài máy (đã chặn) / non-local requests (blocked)", report.nonLocalRequests],
      ["Yêu cầu thất bại / failed requests", report.failedRequests]
    ];
    for (const [title, items] of problems) {
      console.log(`${title}: ${items.length}`);
      for (const item of items) console.log(`  - ${item}`);
    }
    if (!report.ok) {
      console.error("KIỂM TRA THẤT BẠI / CHECK FAILED");
      process.exit(1);
    }
    console.log("Kiểm tra đạt / checks passed");
  } catch (error) {
    console.error(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}
