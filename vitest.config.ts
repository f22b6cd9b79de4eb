import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // DuckDB files and the site build are shared resources: keep test files in one worker at a time.
    fileParallelism: false,
    globalSetup: ["test/helpers/global-report.ts"]
  }
});
