// Lets `observable build` run with no network at all, even from an empty cache.
//
// While bundling its client, Framework 1.13 resolves the versions of ~15 libraries it can offer to pages as
// implicit imports (react, leaflet, echarts, ...). It looks for an existing folder
// `<src>/.observablehq/cache/_npm/<name>@<version>/` first and asks the npm registry only when there is none.
// Our pages import everything explicitly from node_modules, so nothing of these is ever downloaded or shipped:
// an empty folder per library is enough to answer the lookup locally. (Measured: without these folders a build
// inside `unshare -n` fails; with them it succeeds. See ../shared/notes/offline-framework.md.)
import {existsSync, mkdirSync} from "node:fs";
import {join} from "node:path";

/** Library → the version Framework 1.13.4 resolved for it from the registry (any version in its range will do). */
const FRAMEWORK_LOOKUPS: Record<string, string> = {
  "@observablehq/plot": "0.6.17",
  "@observablehq/sample-datasets": "1.0.1",
  "apache-arrow": "21.2.0",
  arquero: "8.0.3",
  d3: "7.9.2",
  "d3-dsv": "3.0.2",
  echarts: "6.1.0",
  htl: "1.0.0",
  leaflet: "1.9.4",
  lodash: "4.18.1",
  "mapbox-gl": "3.32.0",
  "parquet-wasm": "0.8.0",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "topojson-client": "3.1.0"
};

/** Creates the version folders Framework looks for; returns how many were missing. */
export function seedFrameworkVersionCache(cacheDir: string): number {
  let created = 0;
  for (const [name, version] of Object.entries(FRAMEWORK_LOOKUPS)) {
    const dir = join(cacheDir, "_npm", `${name}@${version}`);
    if (existsSync(dir)) continue;
    mkdirSync(dir, {recursive: true});
    created++;
  }
  return created;
}
