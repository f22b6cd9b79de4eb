// What `npm run ingest` and `npm run validate` share on the command line: the same flags (read once, checked
// once, with the usage text on any mistake) and the same progress bar for large inputs.
import {existsSync, statSync} from "node:fs";
import {parseArgs} from "node:util";
import {expandPaths} from "./ingest-paths.ts";
import {LIMIT_FLAGS, limitsFromFlags, type Limits} from "./format/limits.ts";
import {progressBar, PROGRESS_LOG_BYTES, PROGRESS_TTY_BYTES} from "./report.ts";
import {DEFAULT_DB} from "./record/warehouse.ts";

export interface LoaderArgs {
  db: string;
  partial: boolean;
  json: boolean;
  /** only the limits given on the command line; the others keep their defaults */
  limits: Partial<Limits>;
  paths: string[];
}

/**
 * The flags and paths, or null after printing the problem and the usage (the caller exits with code 2).
 * `strings` names a command's own string flags (refresh's --out); their values come back in `extra`.
 */
export function loaderArgs(usage: string, argv = process.argv.slice(2), strings: string[] = []): (LoaderArgs & {extra: Record<string, string | undefined>}) | null {
  try {
    const {values, positionals} = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...Object.fromEntries(strings.map((s) => [s, {type: "string" as const}])),
        db: {type: "string", default: DEFAULT_DB},
        partial: {type: "boolean", default: false},
        json: {type: "boolean", default: false},
        help: {type: "boolean", short: "h"},
        ...LIMIT_FLAGS
      }
    });
    const extra = Object.fromEntries(strings.map((s) => [s, (values as Record<string, unknown>)[s] as string | undefined]));
    if (Object.values(extra).some((v) => v === "")) {
      console.error(usage);
      return null;
    }
    const limits = limitsFromFlags(values);
    if (values.help || positionals.length === 0) {
      console.error(usage);
      return null;
    }
    const missing = positionals.filter((p) => !existsSync(p));
    if (missing.length) {
      console.error(`Không tìm thấy / not found: ${missing.join(", ")}\n${usage}`);
      return null;
    }
    return {db: values.db!, partial: values.partial!, json: values.json!, limits, paths: positionals, extra};
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return null;
  }
}

/** A progress bar on stderr when the input is large enough to need one (else onProgress is undefined). */
export function progressFor(paths: string[]): {onProgress?: (phase: string, done: number, total: number, file: string) => void; clear(): void} {
  const sizes = expandPaths(paths).map((f) => statSync(f).size);
  const tty = Boolean(process.stderr.isTTY);
  const show = (tty && sizes.reduce((a, b) => a + b, 0) >= PROGRESS_TTY_BYTES) || Math.max(0, ...sizes) >= PROGRESS_LOG_BYTES;
  const bar = progressBar({tty, write: (s) => process.stderr.write(s)});
  return {onProgress: show ? (phase, done, total, file) => bar.update(phase, done, total, file) : undefined, clear: () => bar.clear()};
}
