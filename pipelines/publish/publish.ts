// The pipeline's last stage: marts → the files the pages read (src/components/data-layout.ts), under dist/data/
// by default. Summaries are rebuilt every time (they are small); a committee's files are rebuilt only when what
// they are computed from changed — the committee's pipeline partitions, its submissions, the registry, the
// pipeline's models or this code — and only files whose content changed are written (store.ts).
import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {COMMITTEE_DIR, COMMITTEE_FILES, committeeName, CROSSWALK, crosswalkName, LOCATOR_SHARDS, locatorName, PROVINCE, SAFE_CODE, SUMMARY, upperShard, type Manifest} from "../../src/components/data-layout.ts";
import {DEFAULT_DB} from "../../warehouse/warehouse.ts";
import {committeeBatch} from "./committee.ts";
import {committeeCrosswalks, hasCrosswalk, provinceCrosswalk} from "./crosswalk.ts";
import {periodsOf} from "./exports.ts";
import {locatorShards, searchIndex} from "./lookup.ts";
import {loadContext, openMarts, PublishError, str, type Context, type Marts} from "./marts.ts";
import {ParquetWriter} from "./parquet.ts";
import {qualityFile, qualityOfCommittee, qualitySummary} from "./quality.ts";
import {Store, type StoreStats} from "./store.ts";
import {committeeCuts, provinceCut} from "./upper-cuts.ts";
import type {UpperSeries} from "../../src/components/unit-data.ts";
import {methodsFile, overviewFile, siteFile, upperExportFiles, upperSeriesFile} from "./summary.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
export const DEFAULT_OUT = "dist/data";
/** Units per batch of committees (a national committee has a few hundred; the sample's largest about 350). */
const BATCH_UNITS = 20_000;

export interface PublishOptions {
  db?: string;
  /** Where the files go (default dist/data). */
  out?: string;
  /** Rebuild every committee's files, whatever changed. */
  full?: boolean;
  /** Shares with a denominator below this are published blank. */
  suppressBelow?: number | null;
  /** A line of progress (each step with its time). */
  log?: (line: string) => void;
  /** Runs just before the manifest is replaced (tests). */
  beforeSwap?: () => void;
}

export interface PublishResult {
  manifest: Manifest;
  stats: StoreStats;
  /** Committees whose files were computed again / kept as they were. */
  built: string[];
  kept: string[];
  ms: number;
}

/** What every file depends on besides the data: this code, the contract with the pages, the definitions. */
function codeVersion(): string {
  const h = createHash("sha256");
  const files = [
    ...readdirSync(HERE).filter((f) => f.endsWith(".ts")).map((f) => join(HERE, f)),
    ...["data-layout.ts", "series.ts", "export-data.ts", "outliers.ts", "indicator-doc.ts", "safe-text.ts"].map((f) => join(ROOT, "src/components", f)),
    join(ROOT, "docs/indicators.md")
  ].sort();
  for (const f of files) {
    try {
      h.update(f).update(readFileSync(f));
    } catch {
      h.update(`${f}:missing`);
    }
  }
  return h.digest("hex");
}

async function pipelineState(m: Marts): Promise<{fingerprint: string | null; finishedAt: string | null; structure: string | null}> {
  const has = async (t: string) => m.hasTable(t);
  const run = (await has("pipeline_runs")) ? (await m.query(`SELECT fingerprint, strftime(finished_at, '%Y-%m-%dT%H:%M:%S') AS at FROM wh.pipeline_runs ORDER BY finished_at DESC LIMIT 1`))[0] : undefined;
  const state = (await has("pipeline_state")) ? (await m.query(`SELECT structure_fingerprint AS s FROM wh.pipeline_state ORDER BY finished_at DESC LIMIT 1`))[0] : undefined;
  return {fingerprint: str(run?.fingerprint), finishedAt: str(run?.at), structure: str(state?.s)};
}

/** Per committee, a fingerprint of what its files are computed from. */
async function committeeSources(ctx: Context, global: string): Promise<Map<string, string>> {
  const {m} = ctx;
  const partitions = (await m.hasTable("pipeline_partition_state"))
    ? `coalesce((SELECT string_agg(p.year || ':' || p.fingerprint, ',' ORDER BY p.year) FROM wh.pipeline_partition_state p WHERE p.committee_code = c.unit_code), '')`
    : `'?' || random()::VARCHAR`;
  const rows = await m.query(
    `SELECT c.unit_code AS committee,
            md5(${partitions} || '|' ||
                coalesce((SELECT string_agg(s.submission_id || ':' || s.status || ':' || s.sha256, ',' ORDER BY s.submission_id)
                          FROM wh.submissions s WHERE s.committee_code = c.unit_code), '')) AS source
     FROM wh.dim_units c WHERE c.level = 'tren_co_so'`
  );
  return new Map(rows.map((r) => [String(r.committee), createHash("sha256").update(global).update(String(r.source)).digest("hex").slice(0, 32)]));
}

/** The registry in force (a change anywhere reshapes the tree: every committee is rebuilt, as in the pipeline). */
async function registryVersion(m: Marts): Promise<string> {
  const [r] = await m.query(
    `SELECT md5(coalesce(string_agg(sha256, ',' ORDER BY submission_id), '')) AS v FROM wh.submissions WHERE kind = 'don_vi' AND status IN ('accepted', 'partial')`
  );
  return String(r?.v ?? "");
}

export async function publish(opts: PublishOptions = {}): Promise<PublishResult> {
  const t0 = performance.now();
  const log = opts.log ?? (() => undefined);
  let last = t0;
  const step = (what: string) => {
    const now = performance.now();
    log(`  ${what.padEnd(52)} ${((now - last) / 1000).toFixed(2).replace(".", ",").padStart(7)} s`);
    last = now;
  };
  const m = await openMarts(opts.db ?? DEFAULT_DB, {suppressBelow: opts.suppressBelow ?? null});
  const parquet = new ParquetWriter(m);
  try {
    const ctx = await loadContext(m);
    const bad = ctx.committees.find((c) => !SAFE_CODE.test(c.code));
    if (bad) throw new PublishError(`Mã đảng bộ "${bad.code}" không dùng được làm tên thư mục.`, `Committee code "${bad.code}" cannot be a folder name.`);
    const pipeline = await pipelineState(m);
    const store = new Store(resolve(opts.out ?? DEFAULT_OUT));
    step("đọc kho dữ liệu / read the marts");

    // Summaries: every user.
    store.put(SUMMARY.site, JSON.stringify(await siteFile(ctx, {fingerprint: pipeline.fingerprint, finishedAt: pipeline.finishedAt})));
    store.put(SUMMARY.overview, JSON.stringify(await overviewFile(ctx)));
    const upper = await upperSeriesFile(ctx);
    store.put(SUMMARY.series, upper);
    const full = JSON.parse(upper) as UpperSeries;
    store.put(SUMMARY.provinceSeries, JSON.stringify(provinceCut(full)));
    committeeCuts(full).forEach((cut, shard) => store.put(upperShard(shard), JSON.stringify(cut)));
    store.put(SUMMARY.methods, JSON.stringify(await methodsFile(ctx, join(ROOT, "docs/indicators.md"))));
    const exports = await upperExportFiles(ctx);
    store.put(SUMMARY.exportYear, exports.year);
    store.put(SUMMARY.exportQuarter, exports.quarter);
    store.put(SUMMARY.exportMonth, exports.month);
    store.put(SUMMARY.parquetValues, await parquet.upperValues([ctx.province.code, ...ctx.committees.map((c) => c.code)]));
    store.put(SUMMARY.parquetCatalog, await parquet.catalog());
    step("tổng hợp toàn tỉnh / province summaries");

    // Province only: data quality unit by unit, search, locator.
    const quality = await qualityFile(ctx);
    store.put(SUMMARY.quality, JSON.stringify(qualitySummary(quality)));
    store.put(PROVINCE.quality, JSON.stringify(quality));
    // The search index and the locator change only with the registry (or this code).
    const registry = createHash("sha256").update(codeVersion()).update(await registryVersion(m)).digest("hex").slice(0, 32);
    const lookups = [PROVINCE.search, ...Array.from({length: LOCATOR_SHARDS}, (_, i) => locatorName(i))];
    if (opts.full || store.previous?.registry !== registry || !lookups.every((name) => store.keep(name))) {
      store.put(PROVINCE.search, JSON.stringify(searchIndex(ctx)));
      locatorShards(ctx).forEach((shard, i) => store.put(locatorName(i), JSON.stringify(shard)));
    }
    step("chất lượng dữ liệu, tìm kiếm / quality, search, locator");

    // Old unit → new unit: only from a warehouse that has it, and only where there are rows.
    const crosswalk = await hasCrosswalk(m);
    if (crosswalk) {
      const province = await provinceCrosswalk(m, ctx.province.code);
      if (province) store.put(CROSSWALK.province, province);
      step("đơn vị cũ – đơn vị mới toàn tỉnh / province crosswalk");
    }

    // Committees.
    const global = [codeVersion(), pipeline.structure ?? "", await registryVersion(m), String(opts.suppressBelow ?? "")].join("|");
    const sources = await committeeSources(ctx, global);
    const yearTerm = await periodsOf(m, ctx.province.code, ["year", "term"]);
    const built: string[] = [];
    const kept: string[] = [];
    const committees: Manifest["committees"] = {};
    const names = Object.keys(COMMITTEE_FILES) as (keyof typeof COMMITTEE_FILES)[];
    const todo: string[] = [];
    for (const c of ctx.committees) {
      const source = sources.get(c.code) ?? "";
      committees[c.code] = {source};
      // The quality slice comes from the ledger and reporting_status, computed above for everyone.
      store.put(committeeName(c.code, "quality"), JSON.stringify(qualityOfCommittee(quality, c.code)));
      const rest = names.filter((f) => f !== "quality").map((f) => committeeName(c.code, f));
      // A committee without crosswalk rows has no such file: kept only when the previous publication had one.
      if (crosswalk && store.previous?.files[crosswalkName(c.code)]) rest.push(crosswalkName(c.code));
      const unchanged = !opts.full && store.previous?.committees?.[c.code]?.source === source && rest.every((name) => store.previous?.files[name]);
      if (unchanged && rest.every((name) => store.keep(name))) kept.push(c.code);
      else todo.push(c.code);
    }
    // Batches of about BATCH_UNITS units: one query reads a batch's values (memory stays bounded at any scale).
    const size = new Map<string, number>();
    for (const u of ctx.units) if (u.committee) size.set(u.committee, (size.get(u.committee) ?? 0) + 1);
    const ledger = (code: string) => quality.ledger?.filter((e) => e.committee === code) ?? null;
    for (let i = 0; i < todo.length; ) {
      const batch: string[] = [];
      let units = 0;
      while (i < todo.length && (batch.length === 0 || units + (size.get(todo[i]) ?? 0) <= BATCH_UNITS)) {
        units += size.get(todo[i]) ?? 0;
        batch.push(todo[i++]);
      }
      const json = await committeeBatch(ctx, batch, yearTerm, ledger);
      const parquets = await parquet.committeeBatch(batch);
      const crosswalks = crosswalk ? await committeeCrosswalks(m, batch) : new Map<string, string>();
      for (const code of batch) {
        const files = json.get(code)!;
        store.put(committeeName(code, "units"), files.units);
        store.put(committeeName(code, "series"), files.series);
        store.put(committeeName(code, "exportGrassroots"), files.exportGrassroots);
        store.put(committeeName(code, "exportCells"), files.exportCells);
        store.put(committeeName(code, "parquetValues"), parquets.get(code)!.values);
        store.put(committeeName(code, "parquetUnits"), parquets.get(code)!.units);
        const rows = crosswalks.get(code);
        if (rows) store.put(crosswalkName(code), rows);
        built.push(code);
      }
      log(`  đảng bộ / committees ${built.length}/${todo.length} (${kept.length} giữ nguyên / kept)`);
    }
    step(`đảng bộ: ${built.length} dựng lại, ${kept.length} giữ nguyên / committees rebuilt, kept`);

    const manifest = store.commit(
      {
        published: new Date().toISOString(),
        pipeline: {fingerprint: pipeline.fingerprint, finishedAt: pipeline.finishedAt},
        province: {code: ctx.province.code, name: ctx.province.name},
        years: ctx.years,
        terms: ctx.terms,
        committees,
        registry
      },
      opts.beforeSwap
    );
    step(`manifest: ${Object.keys(manifest.files).length} tệp, ${store.stats.written.length} ghi mới, ${store.stats.removed} xóa / files, written, removed`);
    return {manifest, stats: store.stats, built, kept, ms: performance.now() - t0};
  } finally {
    parquet.close();
    m.close();
  }
}

export {COMMITTEE_DIR};
