// Shared by the browser tests and the measurement script: Debian's Chromium through playwright-core, every
// request checked (anything off this machine is recorded and blocked), console and page errors collected, and
// two measures — bytes transferred before the first chart appears, and how long a control change takes to
// redraw the charts.
import {chromium, type Browser, type BrowserContext, type Page} from "playwright-core";
import {isLocalUrl} from "../../scripts/screenshot.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/** Whether the browser tests can run here, and what they do when they cannot (skip, or fail in CI). */
export {browserRequired, browserSuite, browserTest, chromiumPath, chromiumRequiredMessage, hasChromium, skipIfNoBrowser} from "../helpers/require-tools.ts";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-quic",
  "--disable-component-update",
  "--disable-sync"
];

export interface Problems {
  consoleErrors: string[];
  pageErrors: string[];
  nonLocalRequests: string[];
  failedRequests: string[];
}

export interface Harness {
  browser: Browser;
  context: BrowserContext;
  problems: Problems;
  /** A new page in the shared context, with problem collectors attached. */
  newPage(): Promise<Page>;
  /** Clears the collected problems and returns what was collected. */
  take(): Problems;
  close(): Promise<void>;
}

export async function launch({width = 1440, height = 900} = {}): Promise<Harness> {
  const browser = await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true});
  const context = await browser.newContext({
    viewport: {width, height},
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    acceptDownloads: true
  });
  const problems: Problems = {consoleErrors: [], pageErrors: [], nonLocalRequests: [], failedRequests: []};
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) return route.continue();
    problems.nonLocalRequests.push(url);
    return route.abort("blockedbyclient");
  });
  const newPage = async () => {
    const page = await context.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (error) => problems.pageErrors.push(`${page.url()}: ${error.message}`));
    page.on("requestfailed", (request) => {
      const failure = request.failure()?.errorText ?? "?";
      // A download navigates away from its blob: URL by design; an aborted fetch of a page left behind is not a fault.
      if (isLocalUrl(request.url()) && !/ERR_ABORTED/.test(failure)) problems.failedRequests.push(`${request.url()} (${failure})`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400 && isLocalUrl(response.url())) problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
    });
    return page;
  };
  return {
    browser,
    context,
    problems,
    newPage,
    take() {
      const copy = {
        consoleErrors: problems.consoleErrors.splice(0),
        pageErrors: problems.pageErrors.splice(0),
        nonLocalRequests: problems.nonLocalRequests.splice(0),
        failedRequests: problems.failedRequests.splice(0)
      };
      return copy;
    },
    close: () => browser.close()
  };
}

export const CHART = "figure svg[role=img]";

/**
 * Opens a page with an empty cache and returns the bytes transferred (HTML, scripts, styles, data, fonts) by the
 * moment its first chart is in the DOM, from the browser's Resource Timing entries.
 */
export async function bytesBeforeFirstChart(page: Page, url: string, selector = CHART): Promise<{bytes: number; requests: number; ms: number}> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", {cacheDisabled: true});
  const started = Date.now();
  await page.goto(url, {waitUntil: "commit"});
  await page.waitForSelector(selector, {timeout: 30_000, state: "attached"});
  const ms = Date.now() - started;
  const {bytes, requests} = await page.evaluate(() => {
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")] as PerformanceResourceTiming[];
    return {
      bytes: entries.reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0),
      requests: entries.length
    };
  });
  await cdp.send("Network.setCacheDisabled", {cacheDisabled: false});
  await cdp.detach();
  return {bytes, requests, ms};
}

/**
 * Changes a control and measures, in the page, the time until every chart of `charts` (selectors) has been
 * replaced and a frame painted. `change` is page code (statements) that changes a control.
 */
export async function timeReaction(page: Page, change: string, charts: string[]): Promise<number> {
  // A string, not a function: tsx (esbuild keepNames) would wrap a serialised function in a __name() helper that
  // does not exist in the page.
  return page.evaluate(`(async () => {
    const charts = ${JSON.stringify(charts)};
    const before = charts.map((s) => document.querySelector(s));
    const t0 = performance.now();
    ${change}
    await new Promise((resolve, reject) => {
      const deadline = t0 + 10000;
      const check = () => {
        const now = charts.map((s) => document.querySelector(s));
        if (now.every((n, i) => n && n !== before[i])) return resolve();
        if (performance.now() > deadline) return reject(new Error("charts not redrawn: " + charts.join(", ")));
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    // The frame in which the new charts are painted.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  })()`) as Promise<number>;
}
