// npm run pipeline -- [--db FILE] [--force] [--memory-limit 3GB] [--threads N]
// Builds the staging, fact and mart tables from the raw submissions and runs the data tests. After a committee
// resubmits a year, only the partitions it touches are rebuilt (--force rebuilds everything).
import {parseArgs} from "node:util";
import {pathToFileURL} from "node:url";
import {DEFAULT_DB, openWarehouse, WarehouseBusyError} from "../loaders/record/warehouse.ts";
import {DataTestFailure, runPipeline, type StepTiming} from "./runner.ts";

const nf = new Intl.NumberFormat("vi-VN");

export function formatStep(s: StepTiming): string {
  const what = s.kind === "test" ? (s.rows ? `✗ ${nf.format(s.rows!)} dòng vi phạm` : "✓ đạt") : s.rows === undefined ? "" : `${nf.format(s.rows)} dòng`;
  const how = s.kind === "model" ? (s.how ?? "") : "";
  return `  ${s.kind.padEnd(5)} ${s.name.padEnd(70)} ${how.padEnd(20)} ${what.padStart(18)} ${nf.format(Math.round(s.ms)).padStart(7)} ms`;
}

async function main(): Promise<number> {
  let values;
  try {
    ({values} = parseArgs({
      options: {
        db: {type: "string", default: DEFAULT_DB},
        force: {type: "boolean", default: false},
        "memory-limit": {type: "string"},
        threads: {type: "string"}
      }
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\nCách dùng / usage: npm run pipeline -- [--db FILE] [--force] [--memory-limit 3GB] [--threads N]`);
    return 2;
  }
  const wh = await openWarehouse(values.db);
  try {
    console.log(`Chạy pipeline trên ${values.db} / running the pipeline`);
    const result = await runPipeline(wh.conn, {
      force: values.force,
      memoryLimit: values["memory-limit"],
      threads: values.threads ? Number(values.threads) : undefined,
      onStep: (s) => console.log(formatStep(s))
    });
    if (result.skipped) console.log("Dữ liệu và mô hình không đổi — bỏ qua (dùng --force để chạy lại) / nothing changed, skipped");
    else {
      const how = result.mode === "full" ? "dựng toàn bộ / full build" : `dựng lại ${result.partitions.length} phân vùng / incremental: ${result.partitions.map((p) => `${p.committee_code} ${p.year}`).join(", ")}`;
      console.log(`Xong / done (${how}): ${result.steps.filter((s) => s.kind === "model").length} mô hình, ${result.steps.filter((s) => s.kind === "test").length} kiểm thử đạt, ${nf.format(Math.round(result.ms))} ms`);
    }
    return 0;
  } catch (e) {
    console.error(e instanceof DataTestFailure ? e.message : `Lỗi pipeline / pipeline error: ${(e as Error).message}`);
    console.error("Không có bảng nào bị thay đổi (giao dịch đã hủy) / nothing was changed (transaction rolled back)");
    return 1;
  } finally {
    wh.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof WarehouseBusyError ? e.message : `Lỗi / error: ${(e as Error).message}`);
      process.exit(e instanceof WarehouseBusyError ? 3 : 1);
    }
  );
}
