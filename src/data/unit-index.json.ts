// Data loader: data/unit-index.json — every unit that has a page (province, committees, grassroots
// organisations) with its level, type, committee and the latest-year values of the first catalog indicators,
// for the searchable directory src/don-vi/index.md.
import {openContext} from "./_lib/context.ts";
import {roundValue, sqlList} from "./_lib/warehouse.ts";
import {unitPageCodes} from "../components/unit-pages.ts";

const ctx = await openContext();
const {wh, units, catalog, years} = ctx;
const codes = unitPageCodes(units);
const shown = catalog.slice(0, 3);
const latest = years.at(-1) ?? null;
const values = new Map<string, (number | null)[]>();
if (latest != null && shown.length) {
  const rows = await wh.query(
    `SELECT unit_code, indicator, value FROM wh.indicator_values
     WHERE period_type = 'year' AND period = '${latest}' AND indicator IN (${sqlList(shown.map((c) => c.indicator))})`
  );
  for (const r of rows) {
    const i = shown.findIndex((c) => c.indicator === r.indicator);
    const code = String(r.unit_code);
    if (!values.has(code)) values.set(code, new Array(shown.length).fill(null));
    values.get(code)![i] = roundValue(r.value, shown[i].kind);
  }
}
wh.close();
const order = new Map([[ctx.province.code, -1], ...ctx.committees.map((c, i) => [c.code, i] as [string, number])]);
const byCode = new Map(units.map((u) => [u.code, u]));
const list = codes
  .map((code) => byCode.get(code)!)
  .sort((a, b) => {
    const ca = a.level === "tinh" ? -2 : order.get(a.level === "tren_co_so" ? a.code : a.committee ?? "") ?? 99;
    const cb = b.level === "tinh" ? -2 : order.get(b.level === "tren_co_so" ? b.code : b.committee ?? "") ?? 99;
    return ca - cb || Number(b.level === "tren_co_so") - Number(a.level === "tren_co_so") || a.name.localeCompare(b.name, "vi");
  })
  .map((u) => ({
    code: u.code,
    name: u.name,
    level: u.level,
    type: u.type,
    committee: u.level === "tren_co_so" || u.level === "tinh" ? null : u.committee,
    to: u.validTo,
    values: values.get(u.code) ?? shown.map(() => null)
  }));
process.stdout.write(JSON.stringify({year: latest, indicators: shown.map((c) => c.indicator), units: list}));
