// npm start -- [--db FILE] [--sample DIR] [--port N] [--no-serve]
// The whole job on the bundled sample: generate the synthetic submissions, ingest them, run the pipeline, build
// the pages, publish the data and serve the dashboard, then watch data/inbox/ for new or corrected files. Each
// step is skipped when its inputs did not change since the last run (the pages do not depend on the data).
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {ingestPaths, expandPaths} from "../loaders/ingest-paths.ts";
import {DEFAULT_DB, openWarehouse, queryRows, WarehouseBusyError} from "../loaders/record/warehouse.ts";
import {DataTestFailure, runPipeline} from "../pipelines/runner.ts";
import {buildSite} from "./build-site.ts";
import {bundleChecker} from "./bundle-checker.ts";
import {watchInbox, INBOX} from "./inbox.ts";
import {publish} from "../pipelines/publish/publish.ts";
import {hashFiles, listFiles, sha256File} from "./lib/fingerprint.ts";
import {generateSample, SAMPLE_SEED} from "./sample/generate.ts";
import {serveSite} from "./serve.ts";

const SITE_INPUTS = ["src", "observablehq.config.ts", "package-lock.json"];
const SAMPLE_STAMP = ".generator";
const BUILD_STAMP = ".chibo-build";

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1).replace(".", ",")} s`;
const step = (n: number, text: string) => console.log(`\n[${n}/6] ${text}`);
const info = (text: string) => console.log(`      ${text}`);

async function main(): Promise<number> {
  const {values} = parseArgs({
    options: {
      db: {type: "string", default: DEFAULT_DB},
      sample: {type: "string", default: "data/sample"},
      port: {type: "string", default: "3000"},
      "no-serve": {type: "boolean", default: false}
    }
  });
  const db = values.db;
  const sampleDir = values.sample;

  step(1, "Dữ liệu mẫu (mô phỏng) / synthetic sample data");
  const generatorHash = hashFiles(listFiles(["scripts/sample"]), String(SAMPLE_SEED));
  const stampPath = join(sampleDir, SAMPLE_STAMP);
  if (existsSync(stampPath) && readFileSync(stampPath, "utf8") === generatorHash) {
    info(`đã có tại ${sampleDir}, bỏ qua / already generated`);
  } else {
    const summary = await generateSample({outDir: sampleDir, seed: SAMPLE_SEED, scale: 1});
    writeFileSync(stampPath, generatorHash);
    info(`đã sinh ${summary.files} tệp, ${summary.cells.toLocaleString("vi-VN")} chi bộ, ${summary.meetings.toLocaleString("vi-VN")} buổi sinh hoạt (${elapsed()})`);
  }

  step(2, "Nạp hồ sơ vào kho dữ liệu / ingesting submissions");
  const files = expandPaths([sampleDir]);
  const wh = await openWarehouse(db);
  const loaded = new Set((await queryRows<{sha256: string}>(wh.conn, "SELECT sha256 FROM submissions WHERE status IN ('accepted', 'partial')")).map((r) => r.sha256));
  const pending = files.filter((f) => !loaded.has(sha256File(f)));
  wh.close();
  if (pending.length === 0) info(`${files.length} tệp đã nạp trước đó, bỏ qua / all ${files.length} files already loaded`);
  else {
    const results = await ingestPaths(pending, {
      db,
      onFile: (r, i, n) => {
        if (r.status !== "accepted" && r.status !== "duplicate") console.log(`      ✗ ${r.file}: ${r.status} — ${r.problems.slice(0, 3).map((p) => `${p.line ?? ""} ${p.code} ${p.vi}`).join("; ")}`);
        if ((i + 1) % 10 === 0 || i + 1 === n) info(`${i + 1}/${n} tệp (${elapsed()})`);
      }
    });
    const rejected = results.filter((r) => r.status === "rejected");
    info(`đã nạp ${results.length - rejected.length}/${results.length} tệp, ${results.reduce((s, r) => s + r.rowsLoaded, 0).toLocaleString("vi-VN")} dòng (${elapsed()})`);
    if (rejected.length) info(`⚠ ${rejected.length} tệp bị từ chối — xem bảng submissions / rejected_rows`);
  }

  step(3, "Tính chỉ tiêu (pipeline) / computing indicators");
  const wh2 = await openWarehouse(db);
  try {
    const run = await runPipeline(wh2.conn, {onStep: (s) => s.kind === "model" && info(`${s.name} — ${s.rows?.toLocaleString("vi-VN")} dòng, ${Math.round(s.ms)} ms`)});
    info(run.skipped ? "không có gì thay đổi, bỏ qua / unchanged, skipped" : `xong, mọi kiểm thử dữ liệu đạt (${elapsed()})`);
  } finally {
    wh2.close();
  }

  step(4, "Dựng trang (Observable Framework) / building the pages");
  await bundleChecker({log: info}); // under src/: bundled before the pages' fingerprint is taken
  const siteHash = hashFiles(listFiles(SITE_INPUTS), "pages");
  const buildStamp = join("dist", BUILD_STAMP);
  if (existsSync("dist/index.html") && existsSync(buildStamp) && readFileSync(buildStamp, "utf8") === siteHash) {
    info("các trang không đổi, bỏ qua / pages are up to date");
  } else {
    await buildSite({log: info});
    writeFileSync(buildStamp, siteHash);
    info(`xong (${elapsed()})`);
  }

  step(5, "Công bố dữ liệu / publishing the data");
  const published = await publish({db, log: info});
  info(`${published.stats.written.length} tệp ghi mới, ${published.built.length} đảng bộ dựng lại, ${published.kept.length} giữ nguyên (${elapsed()})`);

  step(6, "Mở bảng điều khiển / serving the dashboard");
  if (values["no-serve"]) {
    info(`bỏ qua (--no-serve). Tổng thời gian / total: ${elapsed()}`);
    return 0;
  }
  const server = await serveSite({dir: "dist", port: Number(values.port)});
  watchInbox({db});
  console.log(`\n  Bảng điều khiển đang chạy tại ${server.url}  (sẵn sàng sau ${elapsed()}; Ctrl+C để dừng)\n  Dashboard served at ${server.url}`);
  console.log(`  Tệp mới hoặc tệp sửa: thả vào ${INBOX}/ hoặc chạy "npm run refresh -- TỆP" / new or corrected files: drop them into ${INBOX}/ or run "npm run refresh -- FILE"\n`);
  return -1; // keep serving
}

main().then(
  (code) => code >= 0 && process.exit(code),
  (e) => {
    if (e instanceof WarehouseBusyError || e instanceof DataTestFailure) console.error(`\n${e.message}`);
    else console.error(`\nLỗi / error: ${(e as Error).message}`);
    process.exit(1);
  }
);
