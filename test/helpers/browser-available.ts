// Whether Debian's Chromium is here for the browser checks. With CHIBO_REQUIRE_BROWSER=1 (set by .ci/run) a
// missing Chromium fails the run instead of skipping the checks.
import {existsSync} from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export function hasChromium(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CHIBO_REQUIRE_BROWSER === "1") throw new Error(`Chromium is required (CHIBO_REQUIRE_BROWSER=1) but ${CHROMIUM_PATH} is missing`);
  return false;
}
