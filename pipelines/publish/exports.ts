// The periods of the export tables of Xuất dữ liệu (format: ExportFile in src/components/export-data.ts).
import {sqlList, type Marts} from "./marts.ts";

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
