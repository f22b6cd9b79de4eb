/**
 * npm run sample [-- --out DIR] [--seed N] [--scale N] [--copies N] [--through YEAR]
 *
 * Writes the seeded SYNTHETIC sample submissions (one fictional province modelled on Tuyên Quang, every month of
 * 2016–2022, or on to December of YEAR with --through, the 2025 reform from 2025 on). Same options →
 * byte-identical files.
 */
import {pathToFileURL} from "node:url";
import {readFlags, UsageError} from "../lib/command-line.ts";
import {FIRST_YEAR, LAST_YEAR, MAX_LAST_YEAR} from "./calendar.ts";
import {DEFAULT_OUT_DIR, DEFAULT_SEED, generateSample, type SampleSummary} from "./generate.ts";

const USAGE = `Usage: npm run sample -- [--out DIR] [--seed N] [--scale N] [--copies N] [--through YEAR]
  --out DIR       output directory (default ${DEFAULT_OUT_DIR})
  --seed N        integer PRNG seed (default ${DEFAULT_SEED})
  --scale N       multiplies the number of cells (default 1; e.g. 160 for a national-size benchmark)
  --copies N      repeats each committee N times, each copy at scale/N (default 1; e.g. 64 with --scale 160:
                  several hundred committees of realistic size instead of ten huge ones)
  --through YEAR  last year generated (default ${LAST_YEAR}, up to ${MAX_LAST_YEAR}); from 2025 on with the 2025 reform
                  (district and city committees end 30/06/2025, new commune and ward committees from 01/07/2025)`;

export interface SampleArgs {
  outDir: string;
  seed: number;
  scale: number;
  copies: number;
  through: number;
}

export function parseArgs(argv: string[]): SampleArgs {
  let v;
  try {
    v = readFlags(argv, {
      out: {type: "string"},
      seed: {type: "string"},
      scale: {type: "string"},
      copies: {type: "string"},
      through: {type: "string"},
      help: {type: "boolean", short: "h"}
    });
  } catch (e) {
    if (e instanceof UsageError && e.message.startsWith("Thiếu")) throw new UsageError(`${e.arg} needs a value\n${USAGE}`, e.arg);
    if (e instanceof UsageError) throw new UsageError(`unknown option "${e.arg}"\n${USAGE}`, e.arg);
    throw e;
  }
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  for (const flag of ["out", "seed", "scale", "copies", "through"] as const) if (v[flag] === "") throw new UsageError(`--${flag} needs a value\n${USAGE}`, `--${flag}`);
  const opts: SampleArgs = {outDir: v.out ?? DEFAULT_OUT_DIR, seed: DEFAULT_SEED, scale: 1, copies: 1, through: LAST_YEAR};
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
  if (v.through !== undefined) {
    const n = Number(v.through);
    if (!(Number.isInteger(n) && n >= LAST_YEAR && n <= MAX_LAST_YEAR)) throw new UsageError(`--through must be a year from ${LAST_YEAR} to ${MAX_LAST_YEAR}, got "${v.through}"`, "--through");
    opts.through = n;
  }
  return opts;
}

export function formatSummary(s: SampleSummary): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [
    `Synthetic sample written to ${s.outDir} (seed ${s.seed}, scale ${s.scale}${s.copies > 1 ? `, ${s.copies} copies of each committee` : ""}, ${FIRST_YEAR}–${s.through})`,
    `  files:         ${n(s.files)} (${(s.bytes / 1048576).toFixed(1)} MB)`,
    `  committees:    ${n(s.committees)}`,
    `  organisations: ${n(s.organisations)}`,
    `  cells:         ${n(s.cells)}`,
    `  meetings:      ${n(s.meetings)}`,
    `  ratings:       ${n(s.ratings)}`
  ];
  const r = s.reform;
  if (r)
    lines.push(
      `  2025 reform:   ${n(r.committeesEnded)} committees ended 30/06/2025, ${n(r.committeesCreated)} commune and ward committees from 01/07/2025,`,
      `                 ${n(r.organisationsMerged)} commune organisations merged into them, ${n(r.unitsRecoded)} units under a new code (ma_cu; ${n(r.splits)} cells split),`,
      `                 ${n(r.parentChanges)} parent changes and ${n(r.cellsMerged)} cells merged in the bloc's department merger`
    );
  lines.push(`  seconds:       ${s.seconds.toFixed(2)}`);
  return lines.join("\n");
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
