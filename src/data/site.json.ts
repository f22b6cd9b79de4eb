// Data loader: data/site.json — what every page needs first and is small: the province, its committees (with the
// bucket file holding their grassroots organisations), the indicator catalog (read, never hard-coded), years,
// terms, Vietnamese labels of levels and unit types, and which optional marts the warehouse has.
import {openContext} from "./_lib/context.ts";
import {committeeBuckets} from "../components/buckets.ts";
import {findComparable, firstTable, LEVEL_LABELS, num, suppressBelow, TYPE_LABELS} from "./_lib/warehouse.ts";
import {ABSORBED_TABLES, COMPLETENESS_TABLES} from "./_lib/marts.ts";
import {KIND_LABELS} from "../../loaders/schemas.ts";

const ctx = await openContext();
const {wh} = ctx;
const buckets = committeeBuckets(ctx.committees.map((c) => c.code));
const grassrootsCount = new Map<string, number>();
for (const g of ctx.grassroots) grassrootsCount.set(g.committee!, (grassrootsCount.get(g.committee!) ?? 0) + 1);
const counts = await wh.query(`SELECT level, count(*)::INTEGER AS n FROM wh.dim_units GROUP BY level`);
const comparable = await findComparable(wh);
const completeness = await firstTable(wh, COMPLETENESS_TABLES);
const absorbed = await firstTable(wh, ABSORBED_TABLES);
const ledger = await wh.hasTable("submissions");
wh.close();

const site = {
  province: {code: ctx.province.code, name: ctx.province.name},
  committees: ctx.committees.map((c) => ({
    code: c.code,
    name: c.name,
    type: c.type,
    bucket: buckets[c.code],
    grassroots: grassrootsCount.get(c.code) ?? 0
  })),
  indicators: ctx.catalog.map((c) => ({
    indicator: c.indicator,
    name: c.name,
    short: c.short,
    nameEn: c.nameEn,
    target: c.target,
    higherIsBetter: c.higherIsBetter,
    sortOrder: c.sortOrder,
    grain: c.grain,
    kind: c.kind,
    group: c.group,
    levels: c.levels
  })),
  years: ctx.years,
  terms: ctx.terms,
  levels: LEVEL_LABELS,
  types: TYPE_LABELS,
  kinds: Object.fromEntries(Object.entries(KIND_LABELS).map(([k, v]) => [k, v.vi])),
  unitCounts: Object.fromEntries(counts.map((r) => [String(r.level), num(r.n) ?? 0])),
  marts: {
    comparable: comparable?.table ?? null,
    completeness: completeness?.table ?? null,
    absorbed: absorbed?.table ?? null,
    ledger
  },
  source: {warehouse: wh.file, modified: wh.modified},
  /** shares with a denominator below this are not published (null: every value is) */
  suppressBelow: suppressBelow()
};
process.stdout.write(JSON.stringify(site));
