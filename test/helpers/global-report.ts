// Vitest global setup: its teardown runs once the whole run has been reported, so what it prints are the last
// lines of `npm test`. It counts the tests that were skipped because Chromium is missing (marked by
// test/helpers/require-tools.ts, in any test file) and says so, so that a local run without Chromium does not look
// like a run that checked the pages in a browser.
import {relative} from "node:path";
import type {TestProject} from "vitest/node";
import {chromiumPath} from "./require-tools.ts";

type Task = {type: string; mode: string; result?: {state?: string}; meta?: {chromiumMissing?: boolean}; tasks?: Task[]};

function skippedForChromium(task: Task): number {
  if (task.tasks) return task.tasks.reduce((n, t) => n + skippedForChromium(t), 0);
  const skipped = task.mode === "skip" || task.result?.state === "skip";
  return task.type === "test" && skipped && task.meta?.chromiumMissing ? 1 : 0;
}

export default function setup(project: TestProject) {
  return () => {
    // Every project of vitest.config.ts runs this setup: the notice is printed once.
    const g = globalThis as {chiboReported?: boolean};
    if (g.chiboReported) return;
    g.chiboReported = true;
    const byFile: string[] = [];
    let total = 0;
    for (const file of project.vitest.state.getFiles()) {
      const n = skippedForChromium(file as unknown as Task);
      if (!n) continue;
      total += n;
      byFile.push(`${relative(project.config.root, file.filepath)} (${n})`);
    }
    if (!total) return;
    console.log(
      `\n⚠ ${total} browser test${total === 1 ? "" : "s"} skipped: ${chromiumPath} not found (apt-get install chromium). CI fails instead of skipping.\n` +
        `  skipped in ${byFile.join(", ")}`
    );
  };
}
