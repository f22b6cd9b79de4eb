// The system tools some tests need, and what happens when one is missing. Chromium (Debian's, for the browser
// checks): with CHIBO_REQUIRE_BROWSER=1 (set by .ci/run) a missing Chromium fails the tests that need it with a
// clear message; without it they are skipped, each marked, and the global teardown (test/helpers/global-report.ts)
// counts the marked skips of the whole run and prints a notice as the last lines of `npm test`.
import {existsSync} from "node:fs";
import {describe, it, type TestContext} from "vitest";

declare module "vitest" {
  interface TaskMeta {
    /** the test was skipped because Chromium is not installed */
    chromiumMissing?: boolean;
  }
}

export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);
/** CI: a missing Chromium fails the browser tests instead of skipping them. */
export const browserRequired = process.env.CHIBO_REQUIRE_BROWSER === "1";
export const chromiumRequiredMessage = `Chromium is required (CHIBO_REQUIRE_BROWSER=1) but ${chromiumPath} is missing (apt-get install chromium)`;

type SuiteOptions = {timeout?: number};

/**
 * `describe` for a group of tests that need Chromium. Missing Chromium: skipped and marked (none of the group's
 * hooks run), or, with CHIBO_REQUIRE_BROWSER=1, one failing test in its place (the group's hooks are not even
 * registered, so the failure is this message, not a launch error).
 */
export function browserSuite(name: string, fn: () => void, options: SuiteOptions = {}): void {
  if (hasChromium) describe(name, options, fn);
  else if (browserRequired)
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(chromiumRequiredMessage);
      });
    });
  else describe(name, {...options, skip: true, meta: {chromiumMissing: true}}, fn);
}

/** `it` for a single test that needs Chromium, with the same behaviour as browserSuite. */
export function browserTest(name: string, fn: (ctx: TestContext) => unknown, options: SuiteOptions = {}): void {
  if (hasChromium) it(name, options, fn);
  else if (browserRequired)
    it(name, () => {
      throw new Error(chromiumRequiredMessage);
    });
  else it(name, {...options, skip: true, meta: {chromiumMissing: true}}, fn);
}

/**
 * At the start of a test that needs Chromium only for part of its work: returns if Chromium is here, throws
 * with CHIBO_REQUIRE_BROWSER=1, else marks the test and skips it (the rest of the test does not run).
 */
export function skipIfNoBrowser(ctx: TestContext): void {
  if (hasChromium) return;
  if (browserRequired) throw new Error(chromiumRequiredMessage);
  ctx.task.meta.chromiumMissing = true;
  ctx.skip(`${chromiumPath} not found`);
}
