// Data loader: the indicator table for Xuất dữ liệu (data/export/*.json), split so that the page fetches only
// what the reader filters for:
//   upper-year.json, upper-quarter.json, upper-month.json   province and committees, by period type
//   g00.json … g15.json                                      grassroots organisations of the committees in a bucket (years, terms)
//   c00.json … c15.json                                      cells of the committees in a bucket (years, terms)
// Each file: units, periods (with their type), and per indicator × unit arrays of numerator, denominator and value
// aligned with the periods (format: src/components/export-data.ts). The Parquet files are in parquet.zip.ts.
import {openContext} from "./_lib/context.ts";
import {num, round6, sqlList, type Row, type UnitRow} from "./_lib/warehouse.ts";
import {seriesUnit} from "./_lib/series.ts";
import {BUCKETS, bucketName, committeeBuckets} from "../components/buckets.ts";
import type {ExportFile} from "../components/export-data.ts";
import {zip} from "../components/zip.ts";

const ctx = await openContext();
const {wh, units, committees, province} = ctx;

async function periodsOf(types: string[]): Promise<{period: string; type: string}[]> {
  const rows = await wh.query(
    `SELECT DISTINCT period_type, period FROM wh.indicator_values WHERE period_type IN (${sqlList(types)}) ORDER BY period_type, period`
  );
  const order = (t: string) => ["year", "term", "quarter", "month"].indexOf(t);
  return rows
    .map((r) => ({period: String(r.period), type: String(r.period_type)}))
    .sort((a, b) => order(a.type) - order(b.type) || a.period.localeCompare(b.period));
}

function build(list: UnitRow[], periods: {period: string; type: string}[], rows: Row[]): ExportFile {
  const index = new Map(periods.map((p, i) => [`${p.type}|${p.period}`, i]));
  const wanted = new Set(list.map((u) => u.code));
  const file: ExportFile = {
    units: list.map(seriesUnit),
    periods: periods.map((p) => p.period),
    types: periods.map((p) => p.type),
    n: {},
    d: {},
    v: {}
  };
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
      const grid = file[key];
      const byUnit = (grid[ind] ??= {});
      (byUnit[code] ??= new Array(periods.length).fill(null))[i] = x;
    }
  }
  return file;
}

async function valuesFor(codes: string[], types: string[]): Promise<Row[]> {
  if (!codes.length) return [];
  return wh.query(
    `SELECT unit_code, period_type, period, indicator, numerator, denominator, value FROM wh.indicator_values
     WHERE unit_code IN (${sqlList(codes)}) AND period_type IN (${sqlList(types)})`
  );
}

const entries: {name: string; data: string}[] = [];
const upper = [province, ...committees];
for (const [name, types] of [
  ["upper-year", ["year", "term"]],
  ["upper-quarter", ["quarter"]],
  ["upper-month", ["month"]]
] as const) {
  const periods = await periodsOf([...types]);
  entries.push({name: `${name}.json`, data: JSON.stringify(build(upper, periods, await valuesFor(upper.map((u) => u.code), [...types])))});
}

const yearTerm = await periodsOf(["year", "term"]);
const buckets = committeeBuckets(committees.map((c) => c.code));
const cells = units.filter((u) => u.level === "chi_bo" && u.committee);
const byCommitteeOrder = (list: UnitRow[]) => list.sort((a, b) => a.code.localeCompare(b.code));
for (let b = 0; b < BUCKETS; b++) {
  const inBucket = new Set(Object.entries(buckets).filter(([, i]) => i === b).map(([code]) => code));
  const g = byCommitteeOrder(ctx.grassroots.filter((u) => inBucket.has(u.committee!)));
  const c = byCommitteeOrder(cells.filter((u) => inBucket.has(u.committee!)));
  entries.push({name: `${bucketName(b, "g")}.json`, data: JSON.stringify(build(g, yearTerm, await valuesFor(g.map((u) => u.code), ["year", "term"])))});
  entries.push({name: `${bucketName(b, "c")}.json`, data: JSON.stringify(build(c, yearTerm, await valuesFor(c.map((u) => u.code), ["year", "term"])))});
}
wh.close();
process.stdout.write(zip(entries));
