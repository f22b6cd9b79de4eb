// The marts as the publish step reads them: the warehouse opened read-only (catalog `wh`), and the parts every
// published file starts from (units, the indicator catalog, years and terms). The marts are read by their fixed
// names, the contract of docs/operations.md ("What the site reads"): dim_units, indicator_catalog,
// indicator_values, indicator_values_comparable, reporting_status, unit_absorptions, submissions, rejected_rows,
// and unit_crosswalk when the warehouse has it (crosswalk.ts).
import {existsSync, statSync} from "node:fs";
import type {RankRules} from "./grids.ts";
import {basename, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {ENUMS} from "../../loaders/format/schemas.ts";
import {DEFAULT_DB, sqlList, sqlString, WarehouseBusyError} from "../../warehouse/warehouse.ts";
import {SHADOW_SUFFIX} from "../runner.ts";

export {sqlList, sqlString};
export type Row = Record<string, unknown>;

/** A publish failure with a Vietnamese and an English explanation. */
export class PublishError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string
  ) {
    super(`${vi}\n${en}`);
    this.name = "PublishError";
  }
}

export function num(x: unknown): number | null {
  if (x == null) return null;
  const n = typeof x === "number" ? x : Number(x);
  return Number.isFinite(n) ? n : null;
}

export function str(x: unknown): string | null {
  return x == null ? null : String(x);
}

/** Rounds to 6 significant digits (keeps JSON small without changing any displayed figure). */
export function round6(x: unknown): number | null {
  const n = num(x);
  return n == null ? null : Number(n.toPrecision(6));
}

export interface Marts {
  path: string;
  file: string;
  modified: string;
  query(sql: string): Promise<Row[]>;
  hasTable(name: string): Promise<boolean>;
  columns(name: string): Promise<string[]>;
  /** For COPY … TO (Parquet). The warehouse is attached as `wh`. */
  connection: DuckDBConnection;
  /** Shares whose denominator is below this are published blank (null: every value is published). */
  suppressBelow: number | null;
  close(): void;
}

/** A shadow table or view left by a pipeline run that was killed (`…__next`): never published. */
export const isShadow = (name: string): boolean => name.endsWith(SHADOW_SUFFIX);

const VALUE_TABLES = new Set(["indicator_values", "indicator_values_comparable"]);

/**
 * Small-number care: an in-memory catalog `wh` of views over the file (`wh_source`), the same names and columns,
 * with the value and numerator of a share blanked where its denominator is below the threshold.
 */
async function attachSuppressed(connection: DuckDBConnection, threshold: number): Promise<void> {
  await connection.run("ATTACH ':memory:' AS wh");
  const reader = await connection.runAndReadAll(
    "SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'wh_source' AND schema_name = 'main' UNION SELECT view_name FROM duckdb_views() WHERE database_name = 'wh_source' AND schema_name = 'main' AND NOT internal"
  );
  const names = (reader.getRowObjectsJson() as {name: string}[]).map((r) => r.name).filter((n) => !isShadow(n));
  const shares = names.includes("indicator_catalog") ? "(SELECT indicator FROM wh_source.main.indicator_catalog WHERE unit = 'share')" : "(SELECT NULL)";
  for (const name of names) {
    const q = `"${name.replace(/"/g, '""')}"`;
    const hide = `v.denominator < ${threshold} AND v.indicator IN ${shares}`;
    const body = VALUE_TABLES.has(name)
      ? `SELECT * REPLACE (CASE WHEN ${hide} THEN NULL ELSE v.value END AS value, CASE WHEN ${hide} THEN NULL ELSE v.numerator END AS numerator) FROM wh_source.main.${q} v`
      : `SELECT * FROM wh_source.main.${q}`;
    await connection.run(`CREATE VIEW wh.main.${q} AS ${body}`);
  }
}

/** Opens the warehouse read-only for publishing. */
export async function openMarts(db = DEFAULT_DB, opts: {suppressBelow?: number | null} = {}): Promise<Marts> {
  const absPath = resolve(db);
  if (!existsSync(absPath)) {
    throw new PublishError(
      `Chưa có kho dữ liệu ${db}. Hãy nạp hồ sơ và chạy "npm run pipeline" (hoặc "npm run refresh").`,
      `Warehouse not found: ${absPath}. Ingest submissions and run "npm run pipeline" (or "npm run refresh").`
    );
  }
  // DuckDB's own default is 80 % of the machine's memory; a publication stays within the pipeline's budget.
  const instance = await DuckDBInstance.create(":memory:", {memory_limit: process.env.CHIBO_PUBLISH_MEMORY ?? "3GB"});
  const connection = await instance.connect();
  const threshold = opts.suppressBelow ?? null;
  try {
    if (threshold === null) await connection.run(`ATTACH ${sqlString(absPath)} AS wh (READ_ONLY)`);
    else {
      await connection.run(`ATTACH ${sqlString(absPath)} AS wh_source (READ_ONLY)`);
      await attachSuppressed(connection, threshold);
    }
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    if (/lock/i.test(String(error))) throw new WarehouseBusyError(db);
    throw new PublishError(
      `Không mở được kho dữ liệu ${db} ở chế độ chỉ đọc (có thể một tiến trình khác đang ghi vào kho): ${String(error)}`,
      `Cannot open the warehouse ${absPath} read-only (is another process writing to it?): ${String(error)}`
    );
  }
  const query = async (sql: string): Promise<Row[]> => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];
  const columnCache = new Map<string, string[]>();
  const columns = async (name: string): Promise<string[]> => {
    let cols = columnCache.get(name);
    if (!cols) {
      const rows = await query(`SELECT column_name FROM duckdb_columns() WHERE database_name = 'wh' AND table_name = ${sqlString(name)} ORDER BY column_index`);
      cols = rows.map((r) => String(r.column_name));
      columnCache.set(name, cols);
    }
    return cols;
  };
  return {
    path: absPath,
    file: basename(absPath),
    modified: statSync(absPath).mtime.toISOString(),
    query,
    columns,
    hasTable: async (name) => (await columns(name)).length > 0,
    connection,
    suppressBelow: threshold,
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

/** The marts a publication needs; without them the pipeline has not run yet. */
export const CORE_MARTS = ["dim_units", "indicator_catalog", "indicator_values"];

// ---------------------------------------------------------------------------------------------------------------
// Units

export interface UnitRow {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  committee: string | null;
  type: string | null;
  validFrom: string | null;
  validTo: string | null;
  mergedInto: string | null;
}

export async function loadUnits(m: Marts): Promise<UnitRow[]> {
  const rows = await m.query(
    `SELECT unit_code, unit_name, level, parent_code, committee_code, unit_type, valid_from::VARCHAR AS valid_from,
            valid_to::VARCHAR AS valid_to, merged_into
     FROM wh.dim_units ORDER BY unit_code`
  );
  return rows.map((r) => ({
    code: String(r.unit_code),
    name: String(r.unit_name ?? r.unit_code),
    level: String(r.level),
    parent: str(r.parent_code),
    committee: str(r.committee_code),
    type: str(r.unit_type),
    validFrom: str(r.valid_from),
    validTo: str(r.valid_to),
    mergedInto: str(r.merged_into)
  }));
}

/** Display order of committees: city, district and town committees, then the province-level party committees. */
export function committeeRank(code: string): number {
  return /^TP-/.test(code) ? 0 : /^(HU|TX)-/.test(code) ? 1 : 2;
}

export function sortCommittees<T extends {code: string; name: string}>(units: T[]): T[] {
  return [...units].sort((a, b) => committeeRank(a.code) - committeeRank(b.code) || a.name.localeCompare(b.name, "vi"));
}

export const GRASSROOTS_LEVELS = ["dang_bo_co_so", "chi_bo_co_so"];
export const CELL_LEVELS = ["chi_bo", "chi_bo_co_so"];

/** Vietnamese labels of levels and unit types: the loader's enumerations (one source of truth). */
export const LEVEL_LABELS: Record<string, string> = {...ENUMS.cap};
export const TYPE_LABELS: Record<string, string> = {...ENUMS.loai_hinh};

// ---------------------------------------------------------------------------------------------------------------
// Indicator catalog

export type IndicatorKind = "share" | "score" | "number" | "rank";

export interface CatalogEntry {
  indicator: string;
  name: string;
  short: string;
  nameEn: string | null;
  target: number | null;
  higherIsBetter: boolean;
  sortOrder: number | null;
  grain: string | null;
  /** How values read: a share 0–1 (shown as %), a score (an index 0–100), a number or a rank among siblings. */
  kind: IndicatorKind;
  /** Units the indicator exists for: "all", or "committee" (committees and the province only). */
  levels: string;
  group: string | null;
  formula: string | null;
  source: string | null;
  /** A share is ranked only when its denominator reaches this (null: no minimum); below it, "ít dữ liệu". */
  minDenominator: number | null;
  /** Other catalog columns, as text (shown on the methodology page). */
  extra: Record<string, string>;
}

const KNOWN_CATALOG_COLUMNS = new Set([
  "unit", "levels", "additive", "group_key", "group_vi", "formula_vi", "source", "indicator", "name_vi", "short_vi",
  "name_en", "target", "higher_is_better", "sort_order", "grain", "min_denominator"
]);

/** The catalog's `unit` column says how an indicator reads. */
function kindOf(unit: unknown): IndicatorKind {
  const u = String(unit ?? "").toLowerCase();
  return u === "rank" ? "rank" : u === "share" ? "share" : u === "score" ? "score" : "number";
}

/** The catalog in display order. */
export async function loadCatalog(m: Marts): Promise<CatalogEntry[]> {
  const cols = await m.columns("indicator_catalog");
  const rows = await m.query(`SELECT * FROM wh.indicator_catalog ORDER BY sort_order NULLS LAST, indicator`);
  const text = (x: unknown) => (x == null || String(x).trim() === "" ? null : String(x));
  return rows.map((r) => {
    const extra: Record<string, string> = {};
    for (const c of cols) if (!KNOWN_CATALOG_COLUMNS.has(c) && r[c] != null) extra[c] = String(r[c]);
    return {
      indicator: String(r.indicator),
      name: String(r.name_vi ?? r.indicator),
      short: String(r.short_vi ?? r.name_vi ?? r.indicator),
      nameEn: str(r.name_en),
      target: num(r.target),
      higherIsBetter: r.higher_is_better == null ? true : Boolean(r.higher_is_better),
      sortOrder: num(r.sort_order),
      grain: str(r.grain),
      kind: kindOf(r.unit),
      levels: text(r.levels) ?? "all",
      group: text(r.group_vi),
      formula: text(r.formula_vi),
      source: text(r.source),
      minDenominator: num(r.min_denominator),
      extra
    };
  });
}

/** Rounds a value for shipping: 4 decimals for shares and ranks, 2 for scores and numbers. */
export function roundValue(x: unknown, kind: IndicatorKind): number | null {
  const n = num(x);
  if (n == null) return null;
  const f = kind === "share" || kind === "rank" ? 1e4 : 1e2;
  return Math.round(n * f) / f;
}

// ---------------------------------------------------------------------------------------------------------------
// What most published files start from

export interface Context {
  m: Marts;
  units: UnitRow[];
  byCode: Map<string, UnitRow>;
  province: UnitRow;
  committees: UnitRow[];
  /** Grassroots organisations (đảng bộ cơ sở, chi bộ cơ sở), by committee in display order, then by name. */
  grassroots: UnitRow[];
  catalog: CatalogEntry[];
  years: number[];
  terms: string[];
  /** The ranking rules the warehouse holds (a warehouse from before them ranks every sibling). */
  rankRules: RankRules;
}

export async function loadContext(m: Marts): Promise<Context> {
  for (const table of CORE_MARTS) {
    if (!(await m.hasTable(table))) {
      throw new PublishError(
        `Kho dữ liệu ${m.file} chưa có bảng ${table}: hãy chạy "npm run pipeline" trước khi công bố.`,
        `The warehouse ${m.path} has no table ${table}: run "npm run pipeline" before publishing.`
      );
    }
  }
  const units = await loadUnits(m);
  const byCode = new Map(units.map((u) => [u.code, u]));
  // the province in force (a province merged into another is part of it, as are its committees)
  const provinces = units
    .filter((u) => u.level === "tinh")
    .sort((a, b) => Number(a.mergedInto != null) - Number(b.mergedInto != null) || Number(b.code === "TQ") - Number(a.code === "TQ") || a.code.localeCompare(b.code));
  if (!provinces.length) throw new PublishError(`Bảng dim_units không có đơn vị cấp tỉnh.`, `dim_units has no unit of level 'tinh'.`);
  const province = provinces[0];
  const merged = new Set(provinces.filter((p) => p.mergedInto === province.code).map((p) => p.code));
  const committees = sortCommittees(units.filter((u) => u.level === "tren_co_so" && (u.parent === province.code || u.parent == null || merged.has(u.parent!))));
  const committeeOrder = new Map(committees.map((c, i) => [c.code, i]));
  const grassroots = units
    .filter((u) => GRASSROOTS_LEVELS.includes(u.level) && u.committee != null)
    .sort((a, b) => (committeeOrder.get(a.committee!) ?? 1e9) - (committeeOrder.get(b.committee!) ?? 1e9) || a.name.localeCompare(b.name, "vi"));
  const catalog = await loadCatalog(m);
  // The province's rows hold every period there is: reading them alone avoids a scan of every unit's values.
  const periods = await m.query(
    `SELECT DISTINCT period_type, period FROM wh.indicator_values
     WHERE period_type IN ('year', 'term') AND unit_code = ${sqlString(province.code)} ORDER BY period`
  );
  const years = periods.filter((r) => r.period_type === "year" && /^\d{4}$/.test(String(r.period))).map((r) => Number(r.period)).sort((a, b) => a - b);
  const terms = periods.filter((r) => r.period_type === "term").map((r) => String(r.period));
  const rankRules: RankRules = {
    minDenominator: (await m.columns("indicator_catalog")).includes("min_denominator"),
    peerGroups: (await m.columns("dim_units")).includes("peer_group"),
    qualityRanks: await m.hasTable("quality_index_ranks")
  };
  return {m, units, byCode, province, committees, grassroots, catalog, years, terms, rankRules};
}
