// The indicator tables of Xuất dữ liệu (format: ExportFile in src/components/export-data.ts): per indicator ×
// unit, arrays of numerator, denominator and value aligned with the periods of the file.
import type {ExportFile} from "../../src/components/export-data.ts";
import {num, round6, sqlList, type Marts, type Row, type UnitRow} from "./marts.ts";
import {seriesUnit} from "./series.ts";

export type Period = {period: string; type: string};

const PERIOD_ORDER = ["year", "term", "quarter", "month"];

/** The periods of the given types, read from the province's rows (they hold every period there is). */
export async function periodsOf(m: Marts, province: string, types: string[]): Promise<Period[]> {
  const rows = await m.query(
    `SELECT DISTINCT period_type, period FROM wh.indicator_values WHERE unit_code = ${sqlList([province])} AND period_type IN (${sqlList(types)})`
  );
  return rows
    .map((r) => ({period: String(r.period), type: String(r.period_type)}))
    .sort((a, b) => PERIOD_ORDER.indexOf(a.type) - PERIOD_ORDER.indexOf(b.type) || a.period.localeCompare(b.period));
}

/** Rows of indicator_values of the periods' types for the units `where` selects (a condition on `u`, dim_units). */
export async function exportRowsOf(m: Marts, where: string, types: string[]): Promise<Row[]> {
  return m.query(
    `SELECT v.unit_code, v.period_type, v.period, v.indicator, v.numerator, v.denominator, v.value
     FROM wh.indicator_values v JOIN wh.dim_units u ON u.unit_code = v.unit_code
     WHERE v.period_type IN (${sqlList(types)}) AND (${where})
     ORDER BY v.unit_code, v.indicator, v.period_type, v.period`
  );
}

export function exportFile(list: UnitRow[], periods: Period[], rows: Row[]): ExportFile {
  const index = new Map(periods.map((p, i) => [`${p.type}|${p.period}`, i]));
  const wanted = new Set(list.map((u) => u.code));
  const file: ExportFile = {units: list.map(seriesUnit), periods: periods.map((p) => p.period), types: periods.map((p) => p.type), n: {}, d: {}, v: {}};
  for (const r of rows) {
    const code = String(r.unit_code);
    if (!wanted.has(code)) continue;
    const i = index.get(`${r.period_type}|${r.period}`);
    if (i == null) continue;
    const ind = String(r.indicator);
    for (const [key, x] of [
      ["n", num(r.numerator)],
      ["d", num(r.denominator)],
      ["v", round6(r.value)]
    ] as const) {
      const byUnit = (file[key][ind] ??= {});
      (byUnit[code] ??= new Array(periods.length).fill(null))[i] = x;
    }
  }
  return file;
}
