import {configDefaults, defineConfig} from "vitest/config";

/**
 * Run one file at a time, after all the others: the crash tests place their kill points on the timing of a
 * reference run, the hostile-input corpus holds the loader to a time limit, and the site-build test empties
 * Framework's cache under src/ and reads every file there.
 */
const ALONE = ["test/crash.test.ts", "test/crash-pipeline.test.ts", "test/site-build.test.ts", "test/loaders/hostile.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    globalSetup: ["test/helpers/temp-sweep.ts", "test/helpers/global-report.ts"],
    // A temp folder per test file, removed with everything in it when the file is done.
    setupFiles: ["test/helpers/temp-per-file.ts"],
    // Every other file in two workers: each works in its own temp folders, and what several share (the site's
    // pages, the sample's warehouse and published data) is built once under a lock (test/helpers/cache.ts).
    maxWorkers: 2,
    projects: [
      {extends: true, test: {name: "parallel", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, ...ALONE], sequence: {groupOrder: 0}}},
      {extends: true, test: {name: "alone", include: ALONE, fileParallelism: false, sequence: {groupOrder: 1}}}
    ]
  }
});
