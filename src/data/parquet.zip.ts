// Data loader: Parquet downloads for Xuất dữ liệu (data/parquet/*.parquet), written by DuckDB's COPY … TO with
// zstd compression; the browser only downloads them. ASCII column names for programs; no free-text field; text
// that a spreadsheet could take for a formula gets a leading apostrophe (src/components/safe-text.ts).
//   chi-tieu-nam.parquet     every unit, every indicator, years and terms
//   chi-tieu-quy.parquet     quarters
//   chi-tieu-thang.parquet   months
//   don-vi.parquet           the unit registry (codes, names, levels, types, validity, mergers)
//   danh-muc-chi-tieu.parquet the indicator catalog
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {openWarehouse, requireCoreTables} from "./_lib/warehouse.ts";
import {neutralizeFormulaSql} from "../components/safe-text.ts";
import {zip} from "../components/zip.ts";

const wh = await openWarehouse();
await requireCoreTables(wh);
const unitCols = new Set(await wh.columns("dim_units"));
const col = (c: string, type = "VARCHAR") => (unitCols.has(c) ? `u.${c}` : `NULL::${type}`);
const values = (types: string) => `
  SELECT v.unit_code AS ma_don_vi, u.unit_name AS ten_don_vi, u.level AS cap, ${col("parent_code")} AS ma_cap_tren,
         CASE WHEN u.level = 'tren_co_so' THEN u.unit_code ELSE ${col("committee_code")} END AS ma_dang_bo,
         ${col("unit_type")} AS loai_hinh, v.period_type AS loai_ky, v.period AS ky, v.indicator AS chi_tieu,
         c.name_vi AS ten_chi_tieu, v.numerator AS tu_so, v.denominator AS mau_so, v.value AS gia_tri
  FROM wh.indicator_values v
  LEFT JOIN wh.dim_units u ON u.unit_code = v.unit_code
  LEFT JOIN wh.indicator_catalog c ON c.indicator = v.indicator
  WHERE v.period_type IN (${types})
  ORDER BY v.period_type, v.period, v.unit_code, v.indicator`;
const unitsSql = `
  SELECT unit_code AS ma_don_vi, unit_name AS ten_don_vi, level AS cap, ${col("parent_code").replace("u.", "")} AS ma_cap_tren,
         ${col("committee_code").replace("u.", "")} AS ma_dang_bo, ${col("unit_type").replace("u.", "")} AS loai_hinh,
         ${col("valid_from", "DATE").replace("u.", "")} AS hieu_luc_tu, ${col("valid_to", "DATE").replace("u.", "")} AS hieu_luc_den,
         ${col("merged_into").replace("u.", "")} AS sap_nhap_vao
  FROM wh.dim_units ORDER BY unit_code`;
const files: [string, string][] = [
  ["chi-tieu-nam.parquet", values("'year', 'term'")],
  ["chi-tieu-quy.parquet", values("'quarter'")],
  ["chi-tieu-thang.parquet", values("'month'")],
  ["don-vi.parquet", unitsSql],
  ["danh-muc-chi-tieu.parquet", `SELECT * FROM wh.indicator_catalog ORDER BY 1`]
];
/** The query with every text column neutralised against formula injection. */
async function safeText(sql: string): Promise<string> {
  const cols = (await wh.query(`DESCRIBE (${sql})`)) as {column_name: string; column_type: string}[];
  const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
  return `SELECT ${cols.map((c) => (c.column_type === "VARCHAR" ? `${neutralizeFormulaSql(quote(c.column_name))} AS ${quote(c.column_name)}` : quote(c.column_name))).join(", ")} FROM (${sql})`;
}

const dir = mkdtempSync(join(tmpdir(), "chibo-parquet-"));
try {
  const entries = [];
  for (const [name, sql] of files) {
    const path = join(dir, name);
    await wh.connection.run(`COPY (${await safeText(sql)}) TO '${path.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`);
    entries.push({name, data: new Uint8Array(readFileSync(path))});
  }
  wh.close();
  process.stdout.write(zip(entries));
} finally {
  rmSync(dir, {recursive: true, force: true});
}
