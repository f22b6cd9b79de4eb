// npm run ingest -- [--db FILE] [--partial] [--json] PATH...
// Loads submission files (or every .csv in the given folders) into the warehouse, registries first.
// Exit code: 0 all files accepted (or already loaded), 1 some file rejected, 2 usage error, 3 warehouse busy.
import {existsSync} from "node:fs";
import {parseArgs} from "node:util";
import type {FileResult} from "./ingest.ts";
import {ingestPaths} from "./ingest-paths.ts";
import {DEFAULT_DB, WarehouseBusyError} from "./warehouse.ts";

const STATUS_VI: Record<string, string> = {
  accepted: "đã nạp",
  partial: "nạp một phần",
  rejected: "BỊ TỪ CHỐI",
  duplicate: "trùng, bỏ qua",
  superseded: "đã thay thế"
};
const nf = new Intl.NumberFormat("vi-VN");

export function formatResult(r: FileResult, i: number, n: number, ms: number): string {
  const lines = [`[${i + 1}/${n}] ${r.file}: ${STATUS_VI[r.status]} (${r.status}) — ${nf.format(r.rowsLoaded)}/${nf.format(r.rowsRead)} dòng, ${nf.format(Math.round(ms))} ms`];
  for (const p of r.problems.slice(0, 20))
    lines.push(`    ${r.file}${p.line ? `:${p.line}` : ""}${p.column ? ` [${p.column}]` : ""}${p.value !== null ? ` "${p.value}"` : ""} ${p.code}: ${p.vi} / ${p.en}`);
  if (r.problems.length > 20) lines.push(`    … và ${r.problems.length - 20} lỗi khác / and ${r.problems.length - 20} more`);
  return lines.join("\n");
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {db: {type: "string", default: DEFAULT_DB}, partial: {type: "boolean", default: false}, json: {type: "boolean", default: false}, help: {type: "boolean", short: "h"}}
    });
  } catch (e) {
    console.error(`${(e as Error).message}\nCách dùng / usage: npm run ingest -- [--db FILE] [--partial] [--json] PATH...`);
    return 2;
  }
  const {values, positionals} = args;
  if (values.help || positionals.length === 0) {
    console.error("Cách dùng / usage: npm run ingest -- [--db FILE] [--partial] [--json] PATH...   (tệp .csv hoặc thư mục / files or folders)");
    return 2;
  }
  const missing = positionals.filter((p) => !existsSync(p));
  if (missing.length) {
    console.error(`Không tìm thấy / not found: ${missing.join(", ")}`);
    return 2;
  }
  const results = await ingestPaths(positionals, {
    db: values.db,
    partial: values.partial,
    onFile: values.json ? undefined : (r, i, n, ms) => console.log(formatResult(r, i, n, ms))
  });
  if (values.json) {
    console.log(JSON.stringify(results.map((r) => ({file: r.file, status: r.status, kind: r.kind, committee: r.committee, years: r.years, rows_read: r.rowsRead, rows_loaded: r.rowsLoaded, rows_rejected: r.rowsRejected, errors: r.problems.map((p) => ({line: p.line, column: p.column, value: p.value, code: p.code, message_vi: p.vi, message_en: p.en}))})), null, 2));
  } else {
    const count = (s: string) => results.filter((r) => r.status === s).length;
    console.log(`Tổng / total: ${results.length} tệp — ${count("accepted")} đã nạp, ${count("partial")} một phần, ${count("duplicate")} trùng, ${count("rejected")} bị từ chối`);
  }
  return results.some((r) => r.status === "rejected") ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof WarehouseBusyError ? e.message : `Lỗi / error: ${(e as Error).message}`);
    process.exit(e instanceof WarehouseBusyError ? 3 : 1);
  }
);
