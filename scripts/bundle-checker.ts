// Bundles the loaders' checks for the browser (the /kiem-tra page): loaders/browser/check.ts and what it imports
// (decoding, zod schemas, header matching, row rules, exceljs for workbooks) into one ES module under src/, so
// that the page runs the same code as `npm run ingest`. Node's built-ins are mapped to loaders/browser/node-shims.ts.
// Run by `npm run build`, `npm run dev` and `npm start`; the output is not committed.
//
//   tsx scripts/bundle-checker.ts        # writes src/components/generated/loader-check.js when its inputs changed
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {build, type Plugin} from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CHECKER_OUT = join(ROOT, "src/components/generated/loader-check.js");
const ENTRY = join(ROOT, "loaders/browser/check.ts");
const SHIMS = join(ROOT, "loaders/browser/node-shims.ts");

/** Every `node:` import (and the bare names of built-ins that packages require) goes to the shims. */
const nodeBuiltins: Plugin = {
  name: "node-builtins",
  setup(b) {
    b.onResolve({filter: /^node:/}, () => ({path: SHIMS}));
    b.onResolve({filter: /^@duckdb\/node-api$/}, () => ({path: join(ROOT, "loaders/browser/no-duckdb.ts")}));
    b.onResolve({filter: /^(fs|os|path|crypto|zlib|stream|util|events|string_decoder)$/}, (args) =>
      args.importer.includes(`${join("node_modules", "exceljs")}`) ? undefined : {path: SHIMS}
    );
  }
};

/** A fingerprint of what the bundle is made from: the loaders' sources and this script. */
function inputsHash(): string {
  const h = createHash("sha256");
  const files = [fileURLToPath(import.meta.url), ...readdirSync(join(ROOT, "loaders"), {recursive: true, encoding: "utf8"}).filter((f) => f.endsWith(".ts")).map((f) => join(ROOT, "loaders", f))].sort();
  for (const f of files) h.update(f).update(readFileSync(f));
  return h.digest("hex").slice(0, 16);
}

export async function bundleChecker(opts: {force?: boolean; log?: (s: string) => void} = {}): Promise<{written: boolean; bytes: number}> {
  const stamp = `/* chibo-checker ${inputsHash()} */`;
  if (!opts.force && existsSync(CHECKER_OUT) && readFileSync(CHECKER_OUT, "utf8").startsWith(stamp)) return {written: false, bytes: statSync(CHECKER_OUT).size};
  const t0 = performance.now();
  await build({
    entryPoints: [ENTRY],
    outfile: CHECKER_OUT,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    banner: {js: stamp},
    // Buffer is a global in Node; the decoders use it
    inject: [join(ROOT, "loaders/browser/buffer-global.ts")],
    plugins: [nodeBuiltins],
    logLevel: "error"
  });
  const bytes = statSync(CHECKER_OUT).size;
  opts.log?.(`bộ kiểm tra tệp / file checker: ${(bytes / 1024).toFixed(0)} kB (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return {written: true, bytes};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleChecker({force: process.argv.includes("--force"), log: console.log}).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
