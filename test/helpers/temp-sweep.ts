// Vitest global setup: at the end of the run, the temp folders of this run's test files whose end hooks did not
// run (a file whose tests were all skipped; see test/helpers/temp-per-file.ts) are removed, with any left by
// workers of earlier runs that have ended.
import {sweepTestFileTmp} from "./cache.ts";

export default function setup() {
  return () => sweepTestFileTmp({parent: process.pid});
}
