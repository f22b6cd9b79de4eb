// Shared by the site's data loaders (src/data/*.ts): open the warehouse READ-ONLY, query it, and read the parts
// every page needs (units, indicator catalog, which optional marts exist). Runs under Node (tsx), never in the
// browser. The warehouse path comes from CHIBO_DB (default data/warehouse.duckdb), set by scripts/build-site.ts.
//
// Loaders must degrade, not fail, when a mart of a later pipeline issue does not exist yet: `hasTable` and
// `columns` let them look before they query, and the pages show a Vietnamese note instead of the section.
import {existsSync, statSync} from "node:fs";
import {basename, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {ENUMS} from "../../../loaders/schemas.ts";
import {SHADOW_SUFFIX} from "../../../pipelines/runner.ts";

export type Row = Record<string, unknown>;

export function fail(vi: string, en: string): never {
  process.stderr.write(`Lỗi: ${vi}\nError: ${en}\n`);
  process.exit(1);
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function sqlList(values: readonly string[]): string {
  return values.length ? values.map(sqlString).join(", ") : "NULL";
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

export interface Warehouse {
  path: string;
  file: string;
  modified: string;
  query(sql: string): Promise<Row[]>;
  hasTable(name: string): Promise<boolean>;
  columns(name: string): Promise<string[]>;
  /** The DuckDB connection, for COPY … TO (Parquet). The warehouse is attached as `wh`. */
  connection: DuckDBConnection;
  close(): void;
}

/**
 * Small-number care: CHIBO_SUPPRESS_BELOW=N (set by `npm run build -- --suppress-below N`) hides, in everything
 * the site publishes, the value and numerator of a share whose denominator is below N (for example an attendance
 * rate over fewer than 3 members). Null when the option is off.
 */
export function suppressBelow(): number | null {
  const raw = process.env.CHIBO_SUPPRESS_BELOW;
  if (raw === undefined || raw === "" || raw === "0") return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    fail(`CHIBO_SUPPRESS_BELOW phải là một số không âm (đang là "${raw}").`, `CHIBO_SUPPRESS_BELOW must be a non-negative number (got "${raw}").`);
  }
  return n;
}

/** A shadow table or view left by a pipeline run that was killed (`…__next`, pipelines/runner.ts): never published. */
export const isShadow = (name: string): boolean => name.endsWith(SHADOW_SUFFIX);

const VALUE_TABLES = new Set(["indicator_values", "indicator_values_comparable"]);

/**
 * The warehouse as the loaders see it (catalog `wh`) when suppression is on: an in-memory catalog of views over
 * the file (`wh_source`), the same names and columns, with the indicator values' small-denominator shares blanked.
 */
async function publishSuppressed(connection: DuckDBConnection, threshold: number): Promise<void> {
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

export async function openWarehouse(): Promise<Warehouse> {
  const dbPath = process.env.CHIBO_DB || "data/warehouse.duckdb";
  const absPath = resolve(dbPath);
  if (!existsSync(absPath)) {
    fail(
      `chưa có kho dữ liệu ${dbPath}. Hãy chạy "npm run pipeline" (hoặc đặt biến CHIBO_DB trỏ tới tệp .duckdb).`,
      `warehouse not found: ${absPath}. Run "npm run pipeline" (or set CHIBO_DB to a .duckdb file).`
    );
  }
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const threshold = suppressBelow();
  try {
    if (threshold === null) await connection.run(`ATTACH ${sqlString(absPath)} AS wh (READ_ONLY)`);
    else {
      await connection.run(`ATTACH ${sqlString(absPath)} AS wh_source (READ_ONLY)`);
      await publishSuppressed(connection, threshold);
    }
  } catch (error) {
    fail(
      `không mở được kho dữ liệu ${dbPath} ở chế độ chỉ đọc (có thể pipeline đang ghi vào kho): ${String(error)}`,
      `cannot open the warehouse ${absPath} read-only (is the pipeline writing to it?): ${String(error)}`
    );
  }
  const query = async (sql: string): Promise<Row[]> => {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Row[];
  };
  const columnCache = new Map<string, string[]>();
  const columns = async (name: string): Promise<string[]> => {
    let cols = columnCache.get(name);
    if (!cols) {
      // Tables and views alike (a later mart may be a view).
      const rows = await query(
        `SELECT column_name FROM duckdb_columns() WHERE database_name = 'wh' AND table_name = ${sqlString(name)} ORDER BY column_index`
      );
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
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

export async function requireCoreTables(wh: Warehouse): Promise<void> {
  for (const table of ["dim_units", "indicator_catalog", "indicator_values"]) {
    if (!(await wh.hasTable(table))) {
      fail(
        `kho dữ liệu ${wh.file} thiếu bảng ${table}. Hãy chạy lại "npm run pipeline".`,
        `the warehouse ${wh.path} has no table ${table}. Run "npm run pipeline" again.`
      );
    }
  }
}

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

export async function loadUnits(wh: Warehouse): Promise<UnitRow[]> {
  const cols = new Set(await wh.columns("dim_units"));
  const opt = (c: string, as = c) => (cols.has(c) ? `${c}${c.endsWith("_from") || c.endsWith("_to") ? "::VARCHAR" : ""} AS ${as}` : `NULL AS ${as}`);
  const rows = await wh.query(
    `SELECT unit_code, unit_name, level, ${opt("parent_code")}, ${opt("committee_code")}, ${opt("unit_type")},
            ${opt("valid_from")}, ${opt("valid_to")}, ${opt("merged_into")}
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

export function findProvince(units: UnitRow[]): UnitRow {
  const provinces = units.filter((u) => u.level === "tinh").sort((a, b) => Number(b.code === "TQ") - Number(a.code === "TQ"));
  if (!provinces.length) fail(`bảng dim_units không có đơn vị cấp tỉnh.`, `dim_units has no unit of level 'tinh'.`);
  return provinces[0];
}

export function findCommittees(units: UnitRow[], province: UnitRow): UnitRow[] {
  return sortCommittees(units.filter((u) => u.level === "tren_co_so" && (u.parent === province.code || u.parent == null)));
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
  /** How values read: a share 0–1 (shown as %), a score (e.g. an index 0–100) or a plain number. */
  kind: IndicatorKind;
  /** Units the indicator exists for: "all", or "committee" (committees and the province only). */
  levels: string;
  /** Optional descriptive columns of the catalog (Vietnamese), when the pipeline provides them. */
  group: string | null;
  formula: string | null;
  description: string | null;
  numerator: string | null;
  denominator: string | null;
  source: string | null;
  /** Other catalog columns, as text (shown on the methodology page). */
  extra: Record<string, string>;
}

const KNOWN_CATALOG_COLUMNS = new Set([
  "unit",
  "levels",
  "additive",
  "group_key",
  "group_vi",
  "formula_vi",
  "source",
  "indicator",
  "name_vi",
  "short_vi",
  "name_en",
  "target",
  "higher_is_better",
  "sort_order",
  "grain"
]);

function pick(r: Row, ...names: string[]): string | null {
  for (const n of names) if (r[n] != null && String(r[n]).trim() !== "") return String(r[n]);
  return null;
}

/** The catalog in display order, with the kind of each indicator taken from the catalog or inferred from its values. */
export async function loadCatalog(wh: Warehouse): Promise<CatalogEntry[]> {
  const cols = await wh.columns("indicator_catalog");
  const order = cols.includes("sort_order") ? "sort_order NULLS LAST, indicator" : "indicator";
  const rows = await wh.query(`SELECT * FROM wh.indicator_catalog ORDER BY ${order}`);
  const ranges = new Map(
    (
      await wh.query(
        `SELECT indicator, min(value) AS lo, max(value) AS hi FROM wh.indicator_values WHERE value IS NOT NULL GROUP BY indicator`
      )
    ).map((r) => [String(r.indicator), {lo: num(r.lo), hi: num(r.hi)}])
  );
  return rows.map((r) => {
    const indicator = String(r.indicator);
    const declared = pick(r, "kind", "value_type", "unit", "scale")?.toLowerCase() ?? null;
    const range = ranges.get(indicator);
    let kind: IndicatorKind;
    if (declared && /^rank|hạng|^hang/.test(declared)) kind = "rank";
    else if (declared && /share|ratio|rate|percent|pct|%|ty_le|tỷ lệ/.test(declared)) kind = "share";
    else if (declared && /score|index|diem|điểm|chi_so|0-100|0–100/.test(declared)) kind = "score";
    else if (declared && /count|number|so_luong/.test(declared)) kind = "number";
    else if (range?.hi == null || range.hi <= 1.0000001) kind = "share";
    else if (range.hi <= 100.0000001 && (range.lo ?? 0) >= 0) kind = "score";
    else kind = "number";
    const extra: Record<string, string> = {};
    for (const c of cols) {
      if (KNOWN_CATALOG_COLUMNS.has(c) || r[c] == null) continue;
      extra[c] = String(r[c]);
    }
    return {
      indicator,
      name: String(r.name_vi ?? indicator),
      short: String(r.short_vi ?? r.name_vi ?? indicator),
      nameEn: str(r.name_en),
      target: num(r.target),
      higherIsBetter: r.higher_is_better == null ? true : Boolean(r.higher_is_better),
      sortOrder: num(r.sort_order),
      grain: str(r.grain),
      kind,
      levels: pick(r, "levels") ?? "all",
      group: pick(r, "group_vi", "family_vi", "nhom", "family", "group"),
      formula: pick(r, "formula_vi", "cong_thuc"),
      description: pick(r, "definition_vi", "description_vi", "dinh_nghia", "mo_ta"),
      numerator: pick(r, "numerator_vi", "tu_so"),
      denominator: pick(r, "denominator_vi", "mau_so"),
      source: pick(r, "source_vi", "regulation_vi", "can_cu", "source", "regulation"),
      extra
    };
  });
}

/** Rounds a value for shipping: 4 decimals for shares, 2 for scores and numbers. */
export function roundValue(x: unknown, kind: IndicatorKind): number | null {
  const n = num(x);
  if (n == null) return null;
  const f = kind === "share" || kind === "rank" ? 1e4 : 1e2;
  return Math.round(n * f) / f;
}

// ---------------------------------------------------------------------------------------------------------------
// Optional marts of the indicator pipeline (issue 4). Each finder returns null when the mart is not there yet.

export interface ComparableSource {
  /** SQL source for rows (unit_code, period_type, period, indicator, numerator, denominator, value). */
  sql: string;
  table: string;
}

/**
 * The comparable (lineage) series: each current unit's past includes the units it absorbed. Looks for a table with
 * the columns of indicator_values, or for a `series` column in indicator_values itself.
 */
export async function findComparable(wh: Warehouse): Promise<ComparableSource | null> {
  const need = ["unit_code", "period_type", "period", "indicator", "value"];
  const valueCols = await wh.columns("indicator_values");
  if (valueCols.includes("series")) {
    const rows = await wh.query(`SELECT DISTINCT series FROM wh.indicator_values`);
    const comparable = rows.map((r) => String(r.series)).find((s) => /compar|lineage|so_sanh/i.test(s));
    if (comparable) {
      return {
        table: "indicator_values",
        sql: `SELECT * FROM wh.indicator_values WHERE series = ${sqlString(comparable)}`
      };
    }
  }
  const candidates = (
    await wh.query(`SELECT DISTINCT table_name FROM duckdb_columns() WHERE database_name = 'wh' ORDER BY table_name`)
  )
    .map((r) => String(r.table_name))
    .filter((t) => /comparable|lineage|so_sanh_duoc/i.test(t) && /value/i.test(t));
  for (const table of candidates) {
    const cols = await wh.columns(table);
    if (need.every((c) => cols.includes(c))) {
      const n = cols.includes("numerator") ? "numerator" : "NULL::DOUBLE AS numerator";
      const d = cols.includes("denominator") ? "denominator" : "NULL::DOUBLE AS denominator";
      return {table, sql: `SELECT unit_code, period_type, period, indicator, ${n}, ${d}, value FROM wh.${table}`};
    }
  }
  return null;
}

/** The first table among `names` that exists, with its columns. */
export async function firstTable(wh: Warehouse, names: string[]): Promise<{table: string; columns: string[]} | null> {
  for (const table of names) {
    const columns = await wh.columns(table);
    if (columns.length) return {table, columns};
  }
  return null;
}

export function yearsFrom(rows: Row[], key = "period"): number[] {
  return [...new Set(rows.map((r) => String(r[key])).filter((p) => /^\d{4}$/.test(p)).map(Number))].sort((a, b) => a - b);
}
