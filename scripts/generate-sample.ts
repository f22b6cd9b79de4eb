/**
 * npm run sample [-- --out DIR] [--seed N] [--scale N] [--copies N]
 *
 * Writes the seeded SYNTHETIC sample submissions (one fictional province modelled on Tuyên Quang,
 * every month of 2016–2022). Same seed and scale → byte-identical files.
 */
import {pathToFileURL} from "node:url";
import {DEFAULT_OUT_DIR, DEFAULT_SEED, generateSample, type SampleSummary} from "./sample/generate.ts";

export {generateSample, DEFAULT_OUT_DIR, DEFAULT_SEED};
export type {SampleOptions, SampleSummary} from "./sample/generate.ts";

const USAGE = `Usage: npm run sample -- [--out DIR] [--seed N] [--scale N] [--copies N]
  --out DIR    output directory (default ${DEFAULT_OUT_DIR})
  --seed N     integer PRNG seed (default ${DEFAULT_SEED})
  --scale N    multiplies the number of cells (default 1; e.g. 160 for a national-size benchmark)
  --copies N   repeats each committee N times, each copy at scale/N (default 1; e.g. 64 with --scale 160:
               several hundred committees of realistic size instead of ten huge ones)`;

export function parseArgs(argv: readonly string[]): {outDir: string; seed: number; scale: number; copies: number} {
  const opts = {outDir: DEFAULT_OUT_DIR, seed: DEFAULT_SEED, scale: 1, copies: 1};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === "") throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--out":
        opts.outDir = value();
        break;
      case "--seed": {
        const v = value();
        const n = Number(v);
        if (!Number.isSafeInteger(n)) throw new Error(`--seed must be an integer, got "${v}"`);
        opts.seed = n;
        break;
      }
      case "--scale": {
        const v = value();
        const n = Number(v);
        if (!(Number.isFinite(n) && n > 0)) throw new Error(`--scale must be a positive number, got "${v}"`);
        opts.scale = n;
        break;
      }
      case "--copies": {
        const v = value();
        const n = Number(v);
        if (!(Number.isSafeInteger(n) && n >= 1)) throw new Error(`--copies must be a positive integer, got "${v}"`);
        opts.copies = n;
        break;
      }
      case "-h":
      case "--help":
        console.log(USAGE);
        process.exit(0);
      default:
        throw new Error(`unknown option "${arg}"\n${USAGE}`);
    }
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
    process.exit(1);
  });
}
