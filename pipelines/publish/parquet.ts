// Parquet downloads for programs (Xuất dữ liệu), written by DuckDB's COPY … TO with zstd compression: ASCII
// column names, no free-text field, and text that a spreadsheet could take for a formula gets a leading
// apostrophe (src/components/safe-text.ts). The province's and committees' values (every period type) are a
// summary; each committee's units and registry are in the committee's folder.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {neutralizeFormulaSql} from "../../src/components/safe-text.ts";
import {sqlList, sqlString, type Marts} from "./marts.ts";

const valuesSql = (where: string, types: string[]) => `
  SELECT v.unit_code AS ma_don_vi, u.unit_name AS ten_don_vi, u.level AS cap, u.parent_code AS ma_cap_tren,
         CASE WHEN u.level = 'tren_co_so' THEN u.unit_code ELSE u.committee_code END AS ma_dang_bo,
         u.unit_type AS loai_hinh, v.period_type AS loai_ky, v.period AS ky, v.indicator AS chi_tieu,
         c.name_vi AS ten_chi_tieu, v.numerator AS tu_so, v.denominator AS mau_so, v.value AS gia_tri
  FROM wh.indicator_values v
  JOIN wh.dim_units u ON u.unit_code = v.unit_code
  LEFT JOIN wh.indicator_catalog c ON c.indicator = v.indicator
  WHERE v.period_type IN (${sqlList(types)}) AND (${where})
  ORDER BY v.period_type, v.period, v.unit_code, v.indicator`;

const registry = (where: string) => `
  SELECT unit_code AS ma_don_vi, unit_name AS ten_don_vi, level AS cap, parent_code AS ma_cap_tren,
         committee_code AS ma_dang_bo, unit_type AS loai_hinh, valid_from AS hieu_luc_tu, valid_to AS hieu_luc_den,
         merged_into AS sap_nhap_vao
  FROM wh.dim_units u WHERE ${where} ORDER BY unit_code`;

export class ParquetWriter {
  private readonly dir = mkdtempSync(join(tmpdir(), "chibo-parquet-"));
  private n = 0;
  constructor(private readonly m: Marts) {}

  /** The query with every text column neutralised against formula injection. */
  private async safeText(sql: string): Promise<string> {
    const cols = (await this.m.query(`DESCRIBE (${sql})`)) as {column_name: string; column_type: string}[];
    const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
    return `SELECT ${cols.map((c) => (c.column_type === "VARCHAR" ? `${neutralizeFormulaSql(quote(c.column_name))} AS ${quote(c.column_name)}` : quote(c.column_name))).join(", ")} FROM (${sql})`;
  }

  async write(sql: string): Promise<Uint8Array> {
    const path = join(this.dir, `${this.n++}.parquet`);
    await this.m.connection.run(`COPY (${await this.safeText(sql)}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
    const bytes = new Uint8Array(readFileSync(path));
    rmSync(path, {force: true});
    return bytes;
  }

  /** The province's and committees' values, every period type (`codes`: their unit codes, see grids.ts). */
  upperValues(codes: string[]): Promise<Uint8Array> {
    return this.write(valuesSql(`v.unit_code IN (${sqlList(codes)})`, ["year", "term", "quarter", "month"]));
  }
  catalog(): Promise<Uint8Array> {
    return this.write(`SELECT * FROM wh.indicator_catalog ORDER BY 1`);
  }
  /**
   * Each committee's values (years and terms) and registry, several committees in one COPY … PARTITION_BY: a
   * folder per committee. A committee without rows gets a file of its own with the columns and no row.
   */
  async committeeBatch(committees: string[]): Promise<Map<string, {values: Uint8Array; units: Uint8Array}>> {
    const out = new Map<string, {values: Uint8Array; units: Uint8Array}>();
    const where = `u.committee_code IN (${sqlList(committees)})`;
    const parts = async (sql: string, key: string): Promise<Map<string, Uint8Array>> => {
      const dir = join(this.dir, `p${this.n++}`);
      await this.m.connection.run(`COPY (${await this.safeText(sql)}) TO ${sqlString(dir)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${key}), WRITE_PARTITION_COLUMNS true)`);
      const files = new Map<string, Uint8Array>();
      if (existsSync(dir)) {
        for (const sub of readdirSync(dir)) {
          const code = decodeURIComponent(sub.slice(sub.indexOf("=") + 1));
          const data = readdirSync(join(dir, sub)).sort();
          if (data.length === 1) files.set(code, new Uint8Array(readFileSync(join(dir, sub, data[0]))));
        }
        rmSync(dir, {recursive: true, force: true});
      }
      return files;
    };
    const values = await parts(valuesSql(where, ["year", "term"]), "ma_dang_bo");
    const units = await parts(registry(where), "ma_dang_bo");
    for (const c of committees) {
      out.set(c, {values: values.get(c) ?? (await this.committeeValues(c)), units: units.get(c) ?? (await this.committeeRegistry(c))});
    }
    return out;
  }

  committeeValues(committee: string): Promise<Uint8Array> {
    return this.write(valuesSql(`u.committee_code = ${sqlString(committee)}`, ["year", "term"]));
  }
  committeeRegistry(committee: string): Promise<Uint8Array> {
    return this.write(registry(`u.committee_code = ${sqlString(committee)}`));
  }
  close(): void {
    rmSync(this.dir, {recursive: true, force: true});
  }
}
