/**
 * npm run sample [-- --out DIR] [--seed N] [--scale N] [--copies N]
 *
 * Writes the seeded SYNTHETIC sample submissions (one fictional province modelled on Tuyên Quang,
 * every month of 2016–2022). Same seed and scale → byte-identical files.
 */
import {pathToFileURL} from "node:url";
import {readFlags, UsageError} from "./lib/command-line.ts";
import {DEFAULT_OUT_DIR, DEFAULT_SEED, generateSample, type SampleSummary} from "./sample/generate.ts";

export {generateSample, DEFAULT_OUT_DIR, DEFAULT_SEED};
export type {SampleOptions, SampleSummary} from "./sample/generate.ts";

const USAGE = `Usage: npm run sample -- [--out DIR] [--seed N] [--scale N] [--copies N]
  --out DIR    output directory (default ${DEFAULT_OUT_DIR})
  --seed N     integer PRNG seed (default ${DEFAULT_SEED})
  --scale N    multiplies the number of cells (default 1; e.g. 160 for a national-size benchmark)
  --copies N   repeats each committee N times, each copy at scale/N (default 1; e.g. 64 with --scale 160:
               several hundred committees of realistic size instead of ten huge ones)`;

export function parseArgs(argv: string[]): {outDir: string; seed: number; scale: number; copies: number} {
  let v;
  try {
    v = readFlags(argv, {out: {type: "string"}, seed: {type: "string"}, scale: {type: "string"}, copies: {type: "string"}, help: {type: "boolean", short: "h"}});
  } catch (e) {
    if (e instanceof UsageError && e.message.startsWith("Thiếu")) throw new UsageError(`${e.arg} needs a value\n${USAGE}`, e.arg);
    if (e instanceof UsageError) throw new UsageError(`unknown option "${e.arg}"\n${USAGE}`, e.arg);
    throw e;
  }
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  for (const flag of ["out", "seed", "scale", "copies"] as const) if (v[flag] === "") throw new UsageError(`--${flag} needs a value\n${USAGE}`, `--${flag}`);
  const opts = {outDir: v.out ?? DEFAULT_OUT_DIR, seed: DEFAULT_SEED, scale: 1, copies: 1};
  if (v.seed !== undefined) {
    const n = Number(v.seed);
    if (!Number.isSafeInteger(n)) throw new UsageError(`--seed must be an integer, got "${v.seed}"`, "--seed");
    opts.seed = n;
  }
  if (v.scale !== undefined) {
    const n = Number(v.scale);
    if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`--scale must be a positive number, got "${v.scale}"`, "--scale");
    opts.scale = n;
  }
  if (v.copies !== undefined) {
    const n = Number(v.copies);
    if (!(Number.isSafeInteger(n) && n >= 1)) throw new UsageError(`--copies must be a positive integer, got "${v.copies}"`, "--copies");
    opts.copies = n;
  }
  return opts;
}

export function formatSummary(s: SampleSummary): string {
  const n = (x: number) => x.toLocaleString("en-US");
  return [
    `Synthetic sample written to ${s.outDir} (seed ${s.seed}, scale ${s.scale}${s.copies > 1 ? `, ${s.copies} copies of each committee` : ""})`,
    `  files:         ${n(s.files)} (${(s.bytes / 1048576).toFixed(1)} MB)`,
    `  committees:    ${n(s.committees)}`,
    `  organisations: ${n(s.organisations)}`,
    `  cells:         ${n(s.cells)}`,
    `  meetings:      ${n(s.meetings)}`,
    `  ratings:       ${n(s.ratings)}`,
    `  seconds:       ${s.seconds.toFixed(2)}`
  ].join("\n");
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const summary = await generateSample(opts);
  console.log(formatSummary(summary));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
