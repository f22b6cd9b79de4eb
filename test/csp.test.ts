// The site behind the department's own web server: pages must work under a Content-Security-Policy that allows
// only the site's own origin (docs/security.md). Builds the fixture site, serves it with the policy from
// scripts/csp.ts (the published data are fetched from the same origin), and renders every page in Debian's Chromium: any blocked script or style shows up as a console
// error. Chart (PNG: SVG → image → canvas) and table (XLSX) downloads are tried under the policy too.
import {mkdtempSync, rmSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {tmpdir} from "node:os";
import {join} from "node:path";
import sirv from "sirv";
import {afterAll, beforeAll, expect, it} from "vitest";
import {contentSecurityPolicy, inlineScriptHashes} from "../scripts/csp.ts";
import {screenshot} from "../scripts/screenshot.ts";
import {launch} from "./browser/harness.ts";
import {browserSuite} from "./helpers/require-tools.ts";
import {publishedRichSite} from "./helpers/site.ts";

browserSuite("Content-Security-Policy", () => {
  let dir: string;
  let DIST: string;
  let dispose: () => void;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-csp-"));
    // The pages built once for the whole test run, with the rich fixture published beside them (published once too).
    const site = await publishedRichSite();
    DIST = site.dir;
    dispose = site.dispose;
    const policy = contentSecurityPolicy(DIST);
    const files = sirv(DIST, {extensions: ["html"], dev: true});
    server = createServer((req, res) => {
      res.setHeader("Content-Security-Policy", policy);
      files(req, res, () => {
        res.statusCode = 404;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
  }, 300_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    dispose?.();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  it("hashes every inline script of the built pages", () => {
    expect(inlineScriptHashes(DIST).length).toBeGreaterThanOrEqual(1);
    expect(contentSecurityPolicy(DIST)).toMatch(/^default-src 'self'; script-src 'self' 'sha256-/);
    expect(contentSecurityPolicy(DIST)).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it("the overview renders under the policy with no violation and no request off this machine", async () => {
    const report = await screenshot({url, out: join(dir, "csp.png"), width: 1280, height: 800});
    expect(report.consoleErrors).toEqual([]);
    expect(report.pageErrors).toEqual([]);
    expect(report.nonLocalRequests).toEqual([]);
    expect(report.charts).toBeGreaterThanOrEqual(3);
  });

  it("every page renders under the policy; a PNG chart and an XLSX table download work", async () => {
    const h = await launch({width: 1280, height: 800});
    try {
      const page = await h.newPage();
      const pages = ["", "so-sanh", "don-vi/", "don-vi/?ma=HU-LB", "chat-luong-du-lieu", "trinh-chieu", "xuat-du-lieu", "phuong-phap"];
      for (const path of pages) {
        await page.goto(url + path);
        await page.waitForLoadState("networkidle");
        // Framework shows a failed cell as an error box; the page's own content is in #observablehq-main
        expect(await page.locator("#observablehq-main .observablehq--error").count(), path).toBe(0);
        expect((await page.locator("#observablehq-main").innerText()).length, `${path} has text`).toBeGreaterThan(200);
      }
      await page.goto(url);
      await page.locator("figure svg[role=img]").first().waitFor();
      const [png] = await Promise.all([page.waitForEvent("download"), page.locator('[data-download="png"]').first().click()]);
      expect(png.suggestedFilename()).toMatch(/\.png$/);
      await page.goto(url + "xuat-du-lieu");
      await page.locator('[data-download="export-xlsx"]').waitFor();
      const [xlsx] = await Promise.all([page.waitForEvent("download"), page.locator('[data-download="export-xlsx"]').click()]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(h.take()).toEqual({consoleErrors: [], pageErrors: [], nonLocalRequests: [], failedRequests: []});
    } finally {
      await h.close();
    }
  }, 120_000);
});
