// npm run publish -- [--db FILE] [--out DIR] [--full] [--suppress-below N] [--json]
// Writes the data the pages read (marts → dist/data/, see docs/operations.md "Publishing"). Exit codes as
// npm run ingest: 0 done, 1 failed, 2 usage, 3 warehouse busy.
import {parseArgs} from "node:util";
import {pathToFileURL} from "node:url";
import {DEFAULT_DB, WarehouseBusyError} from "../../warehouse/warehouse.ts";
import {PublishError} from "./marts.ts";
import {DEFAULT_OUT, publish} from "./publish.ts";

const USAGE = "Cách dùng / usage: npm run publish -- [--db FILE] [--out DIR] [--full] [--suppress-below N] [--json]";

export function parseSuppress(raw: string | undefined): number | null {
  if (raw === undefined || raw === "" || raw === "0") return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new PublishError(`--suppress-below cần một số không âm (đang là "${raw}").`, `--suppress-below needs a non-negative number (got "${raw}").`);
  return n;
}

async function main(): Promise<number> {
  let values;
  try {
    ({values} = parseArgs({
      options: {
        db: {type: "string", default: DEFAULT_DB},
        out: {type: "string", default: DEFAULT_OUT},
        full: {type: "boolean", default: false},
        "suppress-below": {type: "string", default: process.env.CHIBO_SUPPRESS_BELOW},
        json: {type: "boolean", default: false}
      }
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const say = values.json ? () => undefined : (line: string) => console.log(line);
  say(`Công bố dữ liệu từ ${values.db} vào ${values.out} / publishing`);
  const result = await publish({db: values.db, out: values.out, full: values.full, suppressBelow: parseSuppress(values["suppress-below"]), log: say});
  const summary = {
    files: Object.keys(result.manifest.files).length,
    written: result.stats.written,
    removed: result.stats.removed,
    committeesBuilt: result.built,
    committeesKept: result.kept.length,
    seconds: Math.round(result.ms) / 1000,
    /** this process's kernel peak resident set size */
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024)
  };
  if (values.json) console.log(JSON.stringify(summary));
  else console.log(`Xong / done: ${summary.files} tệp, ${summary.written.length} ghi mới, ${result.built.length} đảng bộ dựng lại (${summary.seconds.toLocaleString("vi-VN")} s)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof PublishError) console.error(`Lỗi: ${e.vi}\nError: ${e.en}`);
      else if (e instanceof WarehouseBusyError) console.error(e.message);
      else console.error(`Lỗi khi công bố / publish error: ${(e as Error).stack ?? e}`);
      process.exit(e instanceof WarehouseBusyError ? 3 : 1);
    }
  );
}
