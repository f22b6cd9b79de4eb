// Data loader for the overview page (src/index.md): reads the warehouse READ-ONLY and prints compact JSON.
// Run by Observable Framework with the project root as working directory; the warehouse path comes from
// CHIBO_DB (default data/warehouse.duckdb). Run by hand: `CHIBO_DB=data/warehouse.duckdb tsx src/data/overview.json.ts`.
import {fail, num, openWarehouse, requireCoreTables, round6 as round, sqlString, type Row} from "./_lib/warehouse.ts";

/** The indicators the overview shows, when the catalog has them; otherwise the first three by sort_order. */
const OVERVIEW_INDICATORS = ["regular_meeting_rate", "thematic_quarter_rate", "attendance_rate"];
const CELL_LEVELS = ["chi_bo", "chi_bo_co_so"];

// The shared opening: read-only, a clear message when the warehouse is missing or busy, and the published view
// of it (small-number suppression applies here as on every page).
const wh = await openWarehouse();
await requireCoreTables(wh);
const query = (sql: string): Promise<Row[]> => wh.query(sql);

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

wh.close();

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
    warehouse: wh.file,
    warehouseModified: wh.modified,
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
