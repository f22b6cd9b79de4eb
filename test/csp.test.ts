// The site behind the department's own web server: pages must work under a Content-Security-Policy that allows
// only the site's own origin (docs/security.md). Builds the fixture site, serves it with the policy from
// scripts/csp.ts, and renders it in Debian's Chromium: any blocked script or style shows up as a console error.
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {tmpdir} from "node:os";
import {join} from "node:path";
import sirv from "sirv";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildSite, PROJECT_ROOT} from "../scripts/build-site.ts";
import {contentSecurityPolicy, inlineScriptHashes} from "../scripts/csp.ts";
import {screenshot} from "../scripts/screenshot.ts";
import {writeSiteFixture} from "./helpers/site-fixture.ts";

const DIST = join(PROJECT_ROOT, "dist");

describe.skipIf(!existsSync("/usr/bin/chromium"))("Content-Security-Policy", () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-csp-"));
    await writeSiteFixture(join(dir, "warehouse.duckdb"));
    await buildSite({db: join(dir, "warehouse.duckdb"), log: () => {}});
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
  }, 180_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
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
});
