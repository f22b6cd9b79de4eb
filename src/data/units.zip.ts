// Data loader: one small JSON file per unit page (data/units/<code>.json), for the province, every committee and
// every grassroots organisation: the unit's yearly values (with numerators and denominators), its ancestors' for
// comparison, its children's values, its rank among its siblings, the ledger of its committee's submissions and
// the units it absorbed. One archive, one warehouse session; Framework unpacks the members at build time, and
// src/don-vi/[code].md names its file by the route parameter.
import {openContext} from "./_lib/context.ts";
import {comparableDiff, seriesFromRows, seriesUnit, valueRows} from "./_lib/series.ts";
import {loadLedger} from "./_lib/ledger.ts";
import {ABSORBED_TABLES} from "./_lib/marts.ts";
import {firstTable, findComparable, num, str, type Row, type UnitRow} from "./_lib/warehouse.ts";
import {unitPageCodes} from "../components/unit-pages.ts";
import {zip} from "../components/zip.ts";

const ctx = await openContext();
const {wh, units, byCode, catalog, years, terms} = ctx;
const pages = unitPageCodes(units);

// Every year/term value of every unit that appears on some page (pages, their ancestors, their children).
const childrenOf = new Map<string, UnitRow[]>();
for (const u of units) {
  if (!u.parent) continue;
  if (!childrenOf.has(u.parent)) childrenOf.set(u.parent, []);
  childrenOf.get(u.parent)!.push(u);
}
for (const list of childrenOf.values()) list.sort((a, b) => a.name.localeCompare(b.name, "vi"));
const ancestorsOf = (u: UnitRow): UnitRow[] => {
  const out: UnitRow[] = [];
  for (let p = u.parent ? byCode.get(u.parent) : undefined; p; p = p.parent ? byCode.get(p.parent) : undefined) out.unshift(p);
  return out;
};
// Rows by unit, so that each page's file is built from its own units' rows only.
const rowsByUnit = new Map<string, Row[]>();
for (const r of await valueRows(wh, units.map((u) => u.code))) {
  const code = String(r.unit_code);
  let list = rowsByUnit.get(code);
  if (!list) rowsByUnit.set(code, (list = []));
  list.push(r);
}

// Comparable (lineage) yearly values of the page units, when the pipeline provides them.
const comparable = await findComparable(wh);
const comparableByUnit = new Map<string, Row[]>();
if (comparable) {
  for (const r of await wh.query(`SELECT unit_code, period, indicator, value FROM (${comparable.sql}) c WHERE period_type = 'year'`)) {
    const code = String(r.unit_code);
    let list = comparableByUnit.get(code);
    if (!list) comparableByUnit.set(code, (list = []));
    list.push(r);
  }
}

// Rank of each unit among its siblings (same parent), per indicator and year: competition ranking on the value
// rounded to 4 decimals, best first in the indicator's direction.
const rankRows = await wh.query(
  `WITH v AS (
     SELECT iv.unit_code, iv.period, iv.indicator, round(iv.value, 4) AS value, u.parent_code,
            coalesce(c.higher_is_better, TRUE) AS hib
     FROM wh.indicator_values iv
     JOIN wh.dim_units u ON u.unit_code = iv.unit_code
     LEFT JOIN wh.indicator_catalog c ON c.indicator = iv.indicator
     WHERE iv.period_type = 'year' AND u.parent_code IS NOT NULL AND u.level IN ('tren_co_so', 'dang_bo_co_so', 'chi_bo_co_so', 'chi_bo')
   )
   SELECT unit_code, period, indicator,
          rank() OVER (PARTITION BY parent_code, period, indicator ORDER BY CASE WHEN hib THEN -value ELSE value END) AS rnk,
          count(*) OVER (PARTITION BY parent_code, period, indicator) AS n
   FROM v`
);
const ranks = new Map<string, Record<string, {rank: (number | null)[]; of: (number | null)[]}>>();
const yearIndex = new Map(years.map((y, i) => [String(y), i]));
for (const r of rankRows) {
  const code = String(r.unit_code);
  const i = yearIndex.get(String(r.period));
  if (i == null) continue;
  const byInd = ranks.get(code) ?? {};
  ranks.set(code, byInd);
  const e = (byInd[String(r.indicator)] ??= {rank: new Array(years.length).fill(null), of: new Array(years.length).fill(null)});
  e.rank[i] = num(r.rnk);
  e.of[i] = num(r.n);
}

// Units absorbed: from the pipeline's mart when it exists, otherwise from dim_units.merged_into.
const absorbedMart = await firstTable(wh, ABSORBED_TABLES);
interface Absorbed {
  code: string;
  name: string;
  level: string | null;
  into: string;
  intoName: string | null;
  date: string | null;
}
let absorbed: Absorbed[] = [];
if (absorbedMart && absorbedMart.columns.includes("absorbed_code") && absorbedMart.columns.includes("unit_code")) {
  // unit_absorptions (issue 4): unit_code absorbed absorbed_code (directly when generation = 1) on merged_on.
  const cols = absorbedMart.columns;
  const direct = cols.includes("generation") ? "WHERE generation = 1" : "";
  const rs = await wh.query(
    `SELECT unit_code, absorbed_code, ${cols.includes("merged_on") ? "merged_on::VARCHAR" : "NULL"} AS merged_on
     FROM wh.${absorbedMart.table} ${direct}`
  );
  absorbed = rs.map((r) => {
    const u = byCode.get(String(r.absorbed_code));
    const t = byCode.get(String(r.unit_code));
    return {code: String(r.absorbed_code), name: u?.name ?? String(r.absorbed_code), level: u?.level ?? null, into: String(r.unit_code), intoName: t?.name ?? null, date: str(r.merged_on)};
  });
} else if (absorbedMart && ["unit_code", "absorbed_by", "merged_into", "successor_code"].some((c) => absorbedMart.columns.includes(c))) {
  const cols = absorbedMart.columns;
  const into = ["absorbed_by", "merged_into", "successor_code"].find((c) => cols.includes(c))!;
  const from = cols.includes("absorbed_code") ? "absorbed_code" : cols.includes("predecessor_code") ? "predecessor_code" : "unit_code";
  const date = ["merged_on", "merge_date", "valid_to", "absorbed_on", "date"].find((c) => cols.includes(c));
  const rs = await wh.query(
    `SELECT ${from} AS code, ${into} AS into, ${date ? `${date}::VARCHAR` : "NULL"} AS date FROM wh.${absorbedMart.table} WHERE ${into} IS NOT NULL`
  );
  absorbed = rs.map((r) => {
    const u = byCode.get(String(r.code));
    const t = byCode.get(String(r.into));
    return {code: String(r.code), name: u?.name ?? String(r.code), level: u?.level ?? null, into: String(r.into), intoName: t?.name ?? null, date: str(r.date)};
  });
} else {
  absorbed = units
    .filter((u) => u.mergedInto)
    .map((u) => ({code: u.code, name: u.name, level: u.level, into: u.mergedInto!, intoName: byCode.get(u.mergedInto!)?.name ?? null, date: u.validTo}));
}
// For a unit: what merged into it or into any unit below it.
const isBelow = (code: string, ancestor: string): boolean => {
  for (let u = byCode.get(code); u; u = u.parent ? byCode.get(u.parent) : undefined) if (u.code === ancestor) return true;
  return false;
};

const ledger = (await loadLedger(wh)) ?? null;
wh.close();

const entries = pages.map((code) => {
  const unit = byCode.get(code)!;
  const ancestors = ancestorsOf(unit);
  const children = childrenOf.get(code) ?? [];
  const fileUnits = [unit, ...ancestors, ...children];
  const fileRows = fileUnits.flatMap((u) => rowsByUnit.get(u.code) ?? []);
  const series = seriesFromRows(fileRows, {units: fileUnits, catalog, years, terms, counts: new Set([unit.code, ...ancestors.map((a) => a.code)])});
  // Comparable values where they differ from the as-reported ones.
  const c: Record<string, Record<string, (number | null)[]>> = {};
  for (const r of fileUnits.flatMap((u) => comparableByUnit.get(u.code) ?? [])) {
    const uc = String(r.unit_code);
    const i = yearIndex.get(String(r.period));
    const s = series.scale[String(r.indicator)];
    if (i == null || s == null) continue;
    const arr = ((c[String(r.indicator)] ??= {})[uc] ??= new Array(years.length).fill(null));
    arr[i] = num(r.value) == null ? null : Math.round(Number(r.value) * s);
  }
  if (comparable) series.c = comparableDiff(series.v, c, years.length);
  const committee = unit.level === "tinh" ? null : unit.level === "tren_co_so" ? unit.code : unit.committee;
  const unitLedger =
    ledger == null ? null : ledger.filter((e) => (unit.level === "tinh" ? true : e.committee === committee));
  return {
    name: `${code}.json`,
    data: JSON.stringify({
      unit: seriesUnit(unit),
      ancestors: ancestors.map((a) => ({code: a.code, name: a.name, level: a.level})),
      children: children.map((ch) => ch.code),
      pageChildren: children.filter((ch) => pages.includes(ch.code)).map((ch) => ch.code),
      series,
      ranks: ranks.get(code) ?? {},
      ledger: unitLedger,
      ledgerScope: unit.level === "tinh" ? "province" : committee,
      absorbed: absorbed.filter((a) => a.into === code || isBelow(a.into, code)),
      absorbedSource: absorbedMart?.table ?? "dim_units"
    })
  };
});

process.stdout.write(zip(entries));
