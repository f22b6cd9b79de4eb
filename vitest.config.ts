import {configDefaults, defineConfig} from "vitest/config";

/**
 * Run alone, after all the others: the publish kill test kills `npm run publish` as soon as it prints a given
 * line, and what it finds depends on how soon the kill follows that line, which other files running beside it
 * would delay.
 */
const ALONE = ["test/publish.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    globalSetup: ["test/helpers/temp-sweep.ts", "test/helpers/global-report.ts"],
    // A temp folder per test file, removed with everything in it when the file is done.
    setupFiles: ["test/helpers/temp-per-file.ts"],
    // Every other file in two workers (CHIBO_TEST_WORKERS to change): each works in its own temp folders, and what
    // several share (the site's pages, the sample's warehouse and published data) is built once under a lock
    // (test/helpers/cache.ts).
    maxWorkers: Number(process.env.CHIBO_TEST_WORKERS) || 2,
    projects: [
      {extends: true, test: {name: "parallel", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, ...ALONE], sequence: {groupOrder: 0}}},
      {extends: true, test: {name: "alone", include: ALONE, fileParallelism: false, sequence: {groupOrder: 1}}}
    ]
  }
});
