// What the command lines print: per-file summary lines, the --json form, exit codes, and a progress bar on
// stderr for large inputs.
import type {FileResult} from "./record/ingest.ts";

export const STATUS_VI: Record<string, string> = {
  accepted: "đã nạp",
  partial: "nạp một phần",
  rejected: "BỊ TỪ CHỐI",
  duplicate: "trùng, bỏ qua",
  superseded: "đã thay thế"
};
const WOULD_VI: Record<string, string> = {accepted: "hợp lệ, sẽ được nạp", partial: "sẽ được nạp một phần", rejected: "SẼ BỊ TỪ CHỐI"};
const nf = new Intl.NumberFormat("vi-VN");
/**
 * A file name or value as printed on a terminal: control characters (an escape sequence in a hostile file name
 * or cell could redraw or clear the screen) are shown as \xNN. --json escapes them anyway.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Problems printed per file (all of them are in rejected_rows, and in --json). */
export const PRINTED = 20;

export function formatResult(r: FileResult, i: number, n: number, ms: number, verb: "ingest" | "validate" = "ingest"): string {
  const status = verb === "validate" && r.status !== "duplicate" ? `${WOULD_VI[r.status]} / would be ${r.status}` : `${STATUS_VI[r.status]} (${r.status})`;
  const warn = r.warningCount ? `, ${nf.format(r.warningCount)} cảnh báo / warnings` : "";
  const file = printable(r.file);
  const lines = [`[${i + 1}/${n}] ${file}: ${status} — ${nf.format(r.rowsLoaded)}/${nf.format(r.rowsRead)} dòng${warn}, ${nf.format(Math.round(ms))} ms`];
  if (r.status === "duplicate") lines[0] += `\n    ${r.message}`;
  for (const p of r.problems.slice(0, PRINTED))
    lines.push(
      `    ${p.severity === "warning" ? "⚠ " : ""}${file}${p.line ? `:${p.line}` : ""}${p.column ? ` [${printable(p.column)}]` : ""}${p.value !== null ? ` "${printable(p.value)}"` : ""} ${p.code}: ${p.vi} / ${p.en}`
    );
  const more = r.problemCount - Math.min(r.problems.length, PRINTED);
  if (more > 0) lines.push(`    … và ${nf.format(more)} vấn đề khác (bảng rejected_rows, hoặc --json) / and ${nf.format(more)} more (table rejected_rows, or --json)`);
  return lines.join("\n");
}

export function summaryLine(results: FileResult[]): string {
  const count = (s: string) => results.filter((r) => r.status === s).length;
  return `Tổng / total: ${results.length} tệp — ${count("accepted")} đã nạp, ${count("partial")} một phần, ${count("duplicate")} trùng, ${count("rejected")} bị từ chối`;
}

export function toJson(results: FileResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      file: r.file,
      status: r.status,
      submission_id: r.submissionId || null,
      sha256: r.sha256,
      kind: r.kind,
      committee: r.committee,
      years: r.years,
      rows_read: r.rowsRead,
      rows_loaded: r.rowsLoaded,
      rows_rejected: r.rowsRejected,
      problem_count: r.problemCount,
      warning_count: r.warningCount,
      problems_listed: r.problems.length,
      message: r.message,
      errors: r.problems.map((p) => ({line: p.line, column: p.column, value: p.value, code: p.code, severity: p.severity, message_vi: p.vi, message_en: p.en}))
    })),
    null,
    2
  );
}

/** 0: every file accepted (or already loaded); 1: some file rejected or only partly loaded. */
export function exitCode(results: FileResult[]): number {
  return results.every((r) => r.status === "accepted" || r.status === "duplicate") ? 0 : 1;
}

const PHASE: Record<string, string> = {
  scan: "đọc tệp / reading",
  rewrite: "chuyển đổi / converting",
  read: "quét / scanning",
  stage: "đọc dữ liệu / reading rows",
  locate: "định vị lỗi / locating problems",
  load: "nạp / loading",
  check: "kiểm tra / checking",
  replace: "ghi / writing"
};

/**
 * A progress bar on stderr. On a terminal it redraws one line; otherwise (a log file) it prints a line at each
 * quarter of a long step. Nothing is shown for small inputs.
 */
export function progressBar(opts: {tty: boolean; write: (s: string) => void}) {
  let lastDraw = 0;
  let lastKey = "";
  let lastQuarter = -1;
  let drawn = false;
  let phaseKey = "";
  let phaseStart = Date.now();
  return {
    update(phase: string, done: number, total: number, name: string) {
      if (total <= 0) return;
      const file = printable(name);
      const frac = Math.max(0, Math.min(1, done / total));
      const label = PHASE[phase] ?? phase;
      if (opts.tty) {
        const now = Date.now();
        if (`${file}|${phase}` !== phaseKey) {
          phaseKey = `${file}|${phase}`;
          phaseStart = now;
        }
        if (now - lastDraw < 100 && frac < 1) return;
        lastDraw = now;
        const width = 24;
        const full = Math.round(frac * width);
        const secs = Math.round((now - phaseStart) / 1000);
        // some DuckDB steps report no progress: the elapsed time shows they are alive
        const pct = frac > 0 ? `${String(Math.round(frac * 100)).padStart(3)}%` : "  …";
        opts.write(`\r\x1b[2K[${"█".repeat(full)}${"░".repeat(width - full)}] ${pct} ${file} — ${label} ${secs} s`);
        drawn = true;
      } else {
        const key = `${file}|${phase}`;
        if (key !== lastKey) {
          lastKey = key;
          lastQuarter = -1;
        }
        const q = Math.floor(frac * 4);
        if (q > lastQuarter) {
          lastQuarter = q;
          opts.write(`${file} — ${label}: ${q * 25}%\n`);
        }
      }
    },
    clear() {
      if (opts.tty && drawn) opts.write("\r\x1b[2K");
      drawn = false;
    }
  };
}

/** Inputs this large get a progress bar (on a terminal); a single file this large gets one in a log too. */
export const PROGRESS_TTY_BYTES = 16 << 20;
export const PROGRESS_LOG_BYTES = 256 << 20;
