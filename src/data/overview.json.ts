// Data loader for the overview page (src/index.md): reads the warehouse READ-ONLY and prints compact JSON.
// Run by Observable Framework with the project root as working directory; the warehouse path comes from
// CHIBO_DB (default data/warehouse.duckdb). Run by hand: `CHIBO_DB=data/warehouse.duckdb tsx src/data/overview.json.ts`.
import {existsSync, statSync} from "node:fs";
import {basename, resolve} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";

/** The indicators the overview shows, when the catalog has them; otherwise the first three by sort_order. */
const OVERVIEW_INDICATORS = ["regular_meeting_rate", "thematic_quarter_rate", "attendance_rate"];
const CELL_LEVELS = ["chi_bo", "chi_bo_co_so"];

type Row = Record<string, unknown>;

function fail(vi: string, en: string): never {
  process.stderr.write(`Lỗi: ${vi}\nError: ${en}\n`);
  process.exit(1);
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function num(x: unknown): number | null {
  if (x == null) return null;
  const n = typeof x === "number" ? x : Number(x);
  return Number.isFinite(n) ? n : null;
}

/** Rounds to 6 significant digits to keep the JSON small without changing any displayed figure. */
function round(x: unknown): number | null {
  const n = num(x);
  return n == null ? null : Number(n.toPrecision(6));
}

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
try {
  await connection.run(`ATTACH ${sqlString(absPath)} AS wh (READ_ONLY)`);
} catch (error) {
  fail(
    `không mở được kho dữ liệu ${dbPath} ở chế độ chỉ đọc (có thể pipeline đang ghi vào kho): ${String(error)}`,
    `cannot open the warehouse ${absPath} read-only (is the pipeline writing to it?): ${String(error)}`
  );
}

async function query(sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Row[];
}

async function tableExists(name: string): Promise<boolean> {
  const rows = await query(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = 'wh' AND table_name = ${sqlString(name)}`
  );
  return Number(rows[0]?.n) > 0;
}

for (const table of ["dim_units", "indicator_catalog", "indicator_values"]) {
  if (!(await tableExists(table))) {
    fail(
      `kho dữ liệu ${dbPath} thiếu bảng ${table}. Hãy chạy lại "npm run pipeline".`,
      `the warehouse ${absPath} has no table ${table}. Run "npm run pipeline" again.`
    );
  }
}

// Units: the province (level tinh) and its committees (level tren_co_so).
const provinceRows = await query(
  `SELECT unit_code, unit_name FROM wh.dim_units WHERE level = 'tinh' ORDER BY (unit_code = 'TQ') DESC, unit_code LIMIT 1`
);
if (!provinceRows.length) fail(`bảng dim_units không có đơn vị cấp tỉnh.`, `dim_units has no unit of level 'tinh'.`);
const province = {code: String(provinceRows[0].unit_code), name: String(provinceRows[0].unit_name)};

const committeeRows = await query(
  `SELECT unit_code, unit_name, unit_type, valid_from::VARCHAR AS valid_from, valid_to::VARCHAR AS valid_to, merged_into
   FROM wh.dim_units
   WHERE level = 'tren_co_so' AND (parent_code = ${sqlString(province.code)} OR parent_code IS NULL)
   ORDER BY unit_code`
);
// Display order: city committee(s), district committees, then the province-level party committees; by name within.
const rank = (code: string) => (/^TP-/.test(code) ? 0 : /^(HU|TX)-/.test(code) ? 1 : 2);
const committees = committeeRows
  .map((r) => ({
    code: String(r.unit_code),
    name: String(r.unit_name),
    type: r.unit_type == null ? null : String(r.unit_type),
    validFrom: r.valid_from == null ? null : String(r.valid_from),
    validTo: r.valid_to == null ? null : String(r.valid_to),
    mergedInto: r.merged_into == null ? null : String(r.merged_into)
  }))
  .sort((a, b) => rank(a.code) - rank(b.code) || a.name.localeCompare(b.name, "vi"));

// Indicator catalog (read, never hard-coded: more indicators will come).
const catalog = (
  await query(
    `SELECT indicator, name_vi, short_vi, name_en, target, higher_is_better, sort_order
     FROM wh.indicator_catalog ORDER BY sort_order NULLS LAST, indicator`
  )
).map((r) => ({
  indicator: String(r.indicator),
  name: String(r.name_vi ?? r.indicator),
  short: String(r.short_vi ?? r.name_vi ?? r.indicator),
  nameEn: r.name_en == null ? null : String(r.name_en),
  target: num(r.target),
  higherIsBetter: r.higher_is_better == null ? true : Boolean(r.higher_is_better),
  sortOrder: num(r.sort_order)
}));
let indicators = catalog.filter((c) => OVERVIEW_INDICATORS.includes(c.indicator));
if (!indicators.length) indicators = catalog.filter((c) => c.sortOrder != null && c.sortOrder <= 3);
if (!indicators.length) indicators = catalog.slice(0, 3);
const indicatorList = indicators.map((c) => sqlString(c.indicator)).join(", ") || "NULL";
const unitList = [province.code, ...committees.map((c) => c.code)].map(sqlString).join(", ");

async function values(periodType: "year" | "term") {
  const rows = await query(
    `SELECT unit_code, period, indicator, numerator, denominator, value
     FROM wh.indicator_values
     WHERE period_type = ${sqlString(periodType)} AND indicator IN (${indicatorList}) AND unit_code IN (${unitList})
     ORDER BY unit_code, indicator, period`
  );
  return rows.map((r) => ({
    unit: String(r.unit_code),
    indicator: String(r.indicator),
    period: String(r.period),
    value: round(r.value),
    numerator: round(r.numerator),
    denominator: round(r.denominator)
  }));
}

const yearly = (await values("year"))
  .filter((r) => /^\d{4}$/.test(r.period))
  .map(({period, ...r}) => ({...r, year: Number(period)}));
const terms = (await values("term")).map(({period, ...r}) => ({...r, term: period}));

const years = [...new Set(yearly.map((r) => r.year))].sort((a, b) => a - b);
const firstYear = years.length ? years[0] : null;
const latestYear = years.length ? years[years.length - 1] : null;

// Provenance: how many cells the registry holds, in all and active in the latest year.
const cellLevels = CELL_LEVELS.map(sqlString).join(", ");
const [cellCounts] = await query(
  `SELECT count(*)::INTEGER AS cells,
          count(*) FILTER (WHERE ${latestYear == null ? "TRUE" : `(valid_from IS NULL OR valid_from <= DATE '${latestYear}-12-31')
                                  AND (valid_to IS NULL OR valid_to >= DATE '${latestYear}-01-01')`})::INTEGER AS active_cells
   FROM wh.dim_units WHERE level IN (${cellLevels})`
);
const [orgCounts] = await query(
  `SELECT count(*) FILTER (WHERE level = 'dang_bo_co_so')::INTEGER AS grassroots_committees,
          count(*) FILTER (WHERE level = 'chi_bo_co_so')::INTEGER AS grassroots_cells,
          count(*) FILTER (WHERE level = 'chi_bo')::INTEGER AS subordinate_cells
   FROM wh.dim_units`
);

connection.closeSync();
instance.closeSync();

const output = {
  province,
  committees,
  indicators,
  years,
  firstYear,
  latestYear,
  yearly,
  terms: [...new Set(terms.map((t) => t.term))].sort(),
  termValues: terms,
  source: {
    warehouse: basename(absPath),
    warehouseModified: statSync(absPath).mtime.toISOString(),
    firstYear,
    latestYear,
    committees: committees.length,
    cells: num(cellCounts?.cells) ?? 0,
    activeCells: num(cellCounts?.active_cells) ?? 0,
    grassrootsCommittees: num(orgCounts?.grassroots_committees) ?? 0,
    grassrootsCells: num(orgCounts?.grassroots_cells) ?? 0,
    subordinateCells: num(orgCounts?.subordinate_cells) ?? 0
  }
};

process.stdout.write(JSON.stringify(output));
