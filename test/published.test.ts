// What the site publishes, end to end: submissions with free text and a unit name shaped like a spreadsheet
// formula go through ingest → pipeline → publish, and every published file (gzip copies and Parquet tables
// included) is scanned. The free-text fields (chu_de, ghi_chu) must appear nowhere; the
// formula-shaped name is published, but neutralised in the Parquet download.
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestPaths} from "../loaders/ingest-paths.ts";
import {openWarehouse} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {publish} from "../pipelines/publish/publish.ts";
import {FIXTURE} from "./helpers/warehouse.ts";

const TOPIC = "CHUDE-RIENG-7f3a";
const NOTE = "GHICHU-RIENG-9c1e";
const SHADOW = "BANG-BONG-4d2b"; // a table name and a value only a shadow table holds
const FORMULA_NAME = '=HYPERLINK("http://x.example/","Bấm")';

let dir: string;
let db: string;
let out: string;
const files: {path: string; bytes: Buffer}[] = [];

function walk(d: string): string[] {
  return readdirSync(d, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-published-"));
  const input = join(dir, "input");
  cpSync(FIXTURE, input, {recursive: true});
  rmSync(join(input, "README.md"), {force: true});
  // free text in every meeting of one file, and a grassroots organisation named like a formula
  const log = join(input, "sinh_hoat_HU-A_2020.csv");
  const [header, ...rows] = readFileSync(log, "utf8").trimEnd().split("\n");
  writeFileSync(log, [header, ...rows.map((r) => r.replace(/,("[^"]*"|[^,]*),([^,]*)$/, `,"${TOPIC}, họp chi bộ",${NOTE}`))].join("\n") + "\n");
  expect(readFileSync(log, "utf8").split(TOPIC).length - 1).toBe(rows.length);
  const registry = join(input, "don_vi_HU-A.csv");
  writeFileSync(registry, readFileSync(registry, "utf8").replace("Đảng bộ xã An Bình", `"${FORMULA_NAME.replace(/"/g, '""')}"`));

  db = join(dir, "warehouse.duckdb");
  const results = await ingestPaths([input], {db});
  expect(results.map((r) => `${r.file}:${r.status}`).filter((s) => !s.endsWith(":accepted"))).toEqual([]);
  const wh = await openWarehouse(db);
  try {
    await runPipeline(wh.conn, {});
    // what a later pipeline run killed half-way leaves behind: shadow tables, never published
    await wh.conn.run(`CREATE TABLE leftover__next AS SELECT '${SHADOW}' AS note`);
  } finally {
    wh.close();
  }
  out = join(dir, "data");
  await publish({db, out});
  for (const path of walk(out)) {
    const bytes = readFileSync(path);
    files.push({path, bytes});
    if (path.endsWith(".gz")) files.push({path: path.slice(0, -3) + " (gunzip)", bytes: gunzipSync(bytes)});
  }
}, 300_000);

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("the published data", () => {
  it("was published from the submissions (the organisation's formula-shaped name is in its committee's files)", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.bytes.includes(Buffer.from("HU-A.001")))).toBe(true);
  });

  it("shows nothing of the shadow tables a killed pipeline run left in the warehouse", () => {
    const found = files.filter((f) => f.bytes.includes(Buffer.from(SHADOW)) || f.bytes.includes(Buffer.from("leftover__next"))).map((f) => f.path);
    expect(found).toEqual([]);
  });

  it("contains no free text from the meeting logs (chu_de, ghi_chu) in any file", () => {
    for (const marker of [TOPIC, NOTE]) {
      const found = files.filter((f) => f.bytes.includes(Buffer.from(marker))).map((f) => f.path);
      expect(found, `${marker} published in`).toEqual([]);
    }
  });

  it("Parquet downloads: no free text, and a text cell shaped like a formula begins with an apostrophe", async () => {
    const parquets = files.filter((f) => f.path.endsWith(".parquet"));
    expect(parquets.length, "Parquet files in the site").toBeGreaterThan(0);
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      let names = 0;
      for (const f of parquets) {
        const src = `read_parquet('${f.path.replace(/'/g, "''")}')`;
        const cols = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRowObjectsJson() as {column_name: string; column_type: string}[];
        for (const c of cols.filter((c) => c.column_type === "VARCHAR")) {
          const q = `"${c.column_name}"`;
          const [{leaked, formulas}] = (
            await conn.runAndReadAll(
              `SELECT coalesce(count_if(contains(${q}, '${TOPIC}') OR contains(${q}, '${NOTE}')), 0)::INTEGER AS leaked,
                      coalesce(count_if(regexp_matches(${q}, '^[=+\\-@\\t\\r]')), 0)::INTEGER AS formulas FROM ${src}`
            )
          ).getRowObjectsJson() as {leaked: number; formulas: number}[];
          expect(leaked, `${f.path} ${c.column_name}`).toBe(0);
          expect(formulas, `${f.path} ${c.column_name}`).toBe(0);
        }
        if (cols.some((c) => c.column_name === "ten_don_vi")) {
          const rows = (await conn.runAndReadAll(`SELECT DISTINCT ten_don_vi FROM ${src} WHERE ma_don_vi = 'HU-A.001'`)).getRowObjectsJson();
          for (const r of rows) expect(r.ten_don_vi).toBe(`'${FORMULA_NAME}`);
          names += rows.length;
        }
      }
      expect(names, "rows of HU-A.001 in the Parquet files").toBeGreaterThan(0);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});

describe("small-number care: --suppress-below", () => {
  const THRESHOLD = 40;
  let suppressed: string;

  beforeAll(async () => {
    suppressed = join(dir, "data-suppressed");
    await publish({db, out: suppressed, suppressBelow: THRESHOLD});
  }, 300_000);

  it("publishes no share whose denominator is below the threshold, and keeps the others", async () => {
    // every unit's values: the province's and committees' summary and each committee's own file
    const values = (d: string) => `[${walk(d).filter((p) => /\/chi-tieu\.[0-9a-f]+\.parquet$/.test(p)).map((p) => `'${p}'`).join(", ")}]`;
    const path = values(suppressed);
    const full = values(out);
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      const catalog = walk(out).find((p) => /danh-muc-chi-tieu\.[0-9a-f]+\.parquet$/.test(p))!;
      const count = async (file: string, where: string) =>
        ((await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${file}) v WHERE chi_tieu IN (SELECT indicator FROM read_parquet('${catalog}') WHERE unit = 'share') AND ${where}`)).getRowObjectsJson() as {n: number}[])[0].n;
      const small = `mau_so < ${THRESHOLD}`;
      // the unsuppressed build has small-denominator shares, so the option has something to hide
      expect(await count(full, `${small} AND gia_tri IS NOT NULL`)).toBeGreaterThan(0);
      expect(await count(path, `${small} AND (gia_tri IS NOT NULL OR tu_so IS NOT NULL)`)).toBe(0);
      expect(await count(path, `${small} AND gia_tri IS NULL`)).toBe(await count(full, `${small} AND gia_tri IS NOT NULL`));
      // shares at or above the threshold are published unchanged
      expect(await count(path, `mau_so >= ${THRESHOLD} AND gia_tri IS NOT NULL`)).toBe(await count(full, `mau_so >= ${THRESHOLD} AND gia_tri IS NOT NULL`));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it("the overview page's data is suppressed the same way", () => {
    // every {value, numerator, denominator} in the JSON whose denominator is below the threshold and value shown
    const shown = (dist: string): number => {
      const file = walk(dist).find((p) => /overview\.[0-9a-f]+\.json$/.test(p))!;
      let n = 0;
      const visit = (x: unknown): void => {
        if (Array.isArray(x)) x.forEach(visit);
        else if (x && typeof x === "object") {
          const o = x as Record<string, unknown>;
          if (typeof o.denominator === "number" && o.denominator < THRESHOLD && o.value != null) n++;
          Object.values(o).forEach(visit);
        }
      };
      visit(JSON.parse(readFileSync(file, "utf8")));
      return n;
    };
    expect(shown(out), "small denominators in the unsuppressed overview").toBeGreaterThan(0);
    expect(shown(suppressed)).toBe(0);
  });

  it("says so to the methodology page (tong-hop/site.json)", () => {
    const site = walk(suppressed).find((p) => /site\.[0-9a-f]+\.json$/.test(p))!;
    expect(JSON.parse(readFileSync(site, "utf8")).suppressBelow).toBe(THRESHOLD);
    const plain = walk(out).find((p) => /site\.[0-9a-f]+\.json$/.test(p))!;
    expect(JSON.parse(readFileSync(plain, "utf8")).suppressBelow).toBeNull();
  });
});
