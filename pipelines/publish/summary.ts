// The province summaries (tong-hop/): what every page needs first, and what every signed-in user may read —
// the province and its committees, never a grassroots organisation or cell by name.
import {existsSync, readFileSync} from "node:fs";
import {KIND_LABELS} from "../../loaders/format/schemas.ts";
import {parseIndicatorDoc} from "../../src/components/indicator-doc.ts";
import {isShadow, LEVEL_LABELS, type CatalogEntry, num, round6, sqlList, sqlString, str, TYPE_LABELS, type Context} from "./marts.ts";
import {periodsOf} from "./exports.ts";
import {grids, jsonObject} from "./grids.ts";
import {scaleOf, seriesUnit} from "./series.ts";

/** What every page shows of an indicator (name, target, direction, how it reads). */
function indicatorMeta(c: CatalogEntry) {
  return {indicator: c.indicator, name: c.name, short: c.short, nameEn: c.nameEn, target: c.target, higherIsBetter: c.higherIsBetter, grain: c.grain, kind: c.kind, minDenominator: c.minDenominator};
}

/** A unit absorbed by another (unit_absorptions, direct mergers only). */
export interface Absorbed {
  code: string;
  name: string;
  level: string | null;
  into: string;
  intoName: string | null;
  date: string | null;
}

export async function loadAbsorbed(ctx: Context, where = "TRUE"): Promise<Absorbed[]> {
  const rows = await ctx.m.query(
    `SELECT a.unit_code, a.absorbed_code, a.absorbed_name, a.absorbed_level, a.merged_on::VARCHAR AS merged_on
     FROM wh.unit_absorptions a JOIN wh.dim_units u ON u.unit_code = a.unit_code
     WHERE a.generation = 1 AND (${where}) ORDER BY a.merged_on, a.absorbed_code, a.unit_code`
  );
  return rows.map((r) => ({
    code: String(r.absorbed_code),
    name: String(r.absorbed_name ?? ctx.byCode.get(String(r.absorbed_code))?.name ?? r.absorbed_code),
    level: str(r.absorbed_level),
    into: String(r.unit_code),
    intoName: ctx.byCode.get(String(r.unit_code))?.name ?? null,
    date: str(r.merged_on)
  }));
}

/** tong-hop/site.json */
export async function siteFile(ctx: Context, pipeline: {fingerprint: string | null; finishedAt: string | null}) {
  const {m} = ctx;
  const grassroots = new Map<string, number>();
  for (const g of ctx.grassroots) grassroots.set(g.committee!, (grassroots.get(g.committee!) ?? 0) + 1);
  const cells = new Map<string, number>();
  for (const u of ctx.units) if ((u.level === "chi_bo" || u.level === "chi_bo_co_so") && u.committee) cells.set(u.committee, (cells.get(u.committee) ?? 0) + 1);
  const counts = await m.query(`SELECT level, count(*)::INTEGER AS n FROM wh.dim_units GROUP BY level ORDER BY level`);
  const absorbedCommittees = (await loadAbsorbed(ctx, `a.absorbed_level = 'tren_co_so'`)).filter((a) => a.level === "tren_co_so");
  return {
    province: {code: ctx.province.code, name: ctx.province.name},
    committees: ctx.committees.map((c) => ({code: c.code, name: c.name, type: c.type, grassroots: grassroots.get(c.code) ?? 0, cells: cells.get(c.code) ?? 0})),
    indicators: ctx.catalog.map((c) => ({...indicatorMeta(c), sortOrder: c.sortOrder, group: c.group, levels: c.levels})),
    years: ctx.years,
    terms: ctx.terms,
    levels: LEVEL_LABELS,
    types: TYPE_LABELS,
    kinds: Object.fromEntries(Object.entries(KIND_LABELS).map(([k, v]) => [k, v.vi])),
    unitCounts: Object.fromEntries(counts.map((r) => [String(r.level), num(r.n) ?? 0])),
    marts: {comparable: "indicator_values_comparable", completeness: "reporting_status", absorbed: "unit_absorptions", ledger: true},
    absorbedCommittees,
    source: {warehouse: m.file, modified: m.modified, pipeline},
    /** shares with a denominator below this are not published (null: every value is) */
    suppressBelow: m.suppressBelow
  };
}

/** The indicators the overview shows, when the catalog has them; otherwise the first three. */
const OVERVIEW_INDICATORS = ["regular_meeting_rate", "thematic_quarter_rate", "attendance_rate"];

/** tong-hop/overview.json */
export async function overviewFile(ctx: Context) {
  const {m, province} = ctx;
  const committees = ctx.committees.map((c) => ({code: c.code, name: c.name, type: c.type, validFrom: c.validFrom, validTo: c.validTo, mergedInto: c.mergedInto}));
  let indicators = ctx.catalog.filter((c) => OVERVIEW_INDICATORS.includes(c.indicator));
  if (!indicators.length) indicators = ctx.catalog.slice(0, 3);
  const shown = indicators.map((c) => ({indicator: c.indicator, name: c.name, short: c.short, nameEn: c.nameEn, target: c.target, higherIsBetter: c.higherIsBetter, sortOrder: c.sortOrder}));
  const unitList = sqlList([province.code, ...committees.map((c) => c.code)]);
  const values = async (periodType: "year" | "term") =>
    (
      await m.query(
        `SELECT unit_code, period, indicator, numerator, denominator, value FROM wh.indicator_values
         WHERE period_type = ${sqlString(periodType)} AND indicator IN (${sqlList(shown.map((c) => c.indicator))}) AND unit_code IN (${unitList})
         ORDER BY unit_code, indicator, period`
      )
    ).map((r) => ({unit: String(r.unit_code), indicator: String(r.indicator), period: String(r.period), value: round6(r.value), numerator: round6(r.numerator), denominator: round6(r.denominator)}));
  const yearly = (await values("year")).filter((r) => /^\d{4}$/.test(r.period)).map(({period, ...r}) => ({...r, year: Number(period)}));
  const terms = (await values("term")).map(({period, ...r}) => ({...r, term: period}));
  const years = [...new Set(yearly.map((r) => r.year))].sort((a, b) => a - b);
  const firstYear = years[0] ?? null;
  const latestYear = years.at(-1) ?? null;
  const active = (u: {validFrom: string | null; validTo: string | null}) =>
    latestYear == null || ((u.validFrom == null || u.validFrom <= `${latestYear}-12-31`) && (u.validTo == null || u.validTo >= `${latestYear}-01-01`));
  const inForceAtEnd = (u: {validFrom: string | null; validTo: string | null}) =>
    latestYear == null || ((u.validFrom == null || u.validFrom <= `${latestYear}-12-31`) && (u.validTo == null || u.validTo >= `${latestYear}-12-31`));
  const cellUnits = ctx.units.filter((u) => u.level === "chi_bo" || u.level === "chi_bo_co_so");
  return {
    province: {code: province.code, name: province.name},
    committees,
    indicators: shown,
    years,
    firstYear,
    latestYear,
    yearly,
    terms: [...new Set(terms.map((t) => t.term))].sort(),
    termValues: terms,
    source: {
      warehouse: m.file,
      warehouseModified: m.modified,
      firstYear,
      latestYear,
      committees: committees.length,
      cells: cellUnits.length,
      activeCells: cellUnits.filter(active).length,
      // in force on 31 December of the latest year: after a reorganisation (the 2025 reform), the units of the
      // year's end, not the old and the new ones together
      committeesAtYearEnd: committees.filter(inForceAtEnd).length,
      cellsAtYearEnd: cellUnits.filter(inForceAtEnd).length,
      grassrootsCommittees: ctx.units.filter((u) => u.level === "dang_bo_co_so").length,
      grassrootsCells: ctx.units.filter((u) => u.level === "chi_bo_co_so").length,
      subordinateCells: ctx.units.filter((u) => u.level === "chi_bo").length
    }
  };
}

/** tong-hop/phuong-phap.json: the catalog with each indicator's section of docs/indicators.md. */
export async function methodsFile(ctx: Context, docPath = "docs/indicators.md") {
  const tables = (await ctx.m.query(`SELECT DISTINCT table_name FROM duckdb_tables() WHERE database_name = 'wh' ORDER BY 1`)).map((r) => String(r.table_name)).filter((t) => !isShadow(t));
  const doc = existsSync(docPath) ? parseIndicatorDoc(readFileSync(docPath, "utf8")) : [];
  const sections = new Map(doc.map((s) => [s.indicator, s]));
  return {
    years: ctx.years,
    terms: ctx.terms,
    indicators: ctx.catalog.map((c) => {
      const s = sections.get(c.indicator);
      return {
        ...indicatorMeta(c),
        group: c.group,
        description: null,
        formula: c.formula,
        levels: c.levels,
        numerator: s?.numerator ?? null,
        denominator: s?.denominator ?? null,
        targetText: s?.target ?? null,
        source: c.source ?? s?.source ?? null,
        periods: s?.periods ?? null,
        docText: s?.text ?? null,
        extra: c.extra
      };
    }),
    marts: {comparable: "indicator_values_comparable", completeness: "reporting_status", absorbed: "unit_absorptions"},
    tables
  };
}

/** tong-hop/chuoi.json: yearly and term series of the province and its committees, with counts and the committees' ranks. */
export async function upperSeriesFile(ctx: Context): Promise<string> {
  const {m, province, committees} = ctx;
  const where = `u.unit_code IN (${sqlList([province.code, ...committees.map((c) => c.code)])})`;
  const codes = [province.code, ...committees.map((c) => c.code)];
  const g = await grids(m, {where, codes, years: ctx.years, terms: ctx.terms, counted: "TRUE", comparable: true, ranks: true, rankRules: ctx.rankRules});
  const scale = Object.fromEntries(ctx.catalog.map((x) => [x.indicator, scaleOf(x.kind)]));
  const units = [province, ...committees].map(seriesUnit);
  return jsonObject({years: ctx.years, terms: ctx.terms, scale, units, v: {raw: g.series.v}, t: {raw: g.series.t}, n: {raw: g.series.n!}, d: {raw: g.series.d!}, c: {raw: g.series.c!}, ranks: {raw: g.ranks!}});
}

/** tong-hop/xuat-nam|quy|thang.json: the province and its committees, by period type. */
export async function upperExportFiles(ctx: Context): Promise<Record<"year" | "quarter" | "month", string>> {
  const {m, province, committees} = ctx;
  const upper = [province, ...committees];
  const where = `u.unit_code IN (${sqlList(upper.map((u) => u.code))})`;
  const out = {year: "", quarter: "", month: ""};
  const kinds = [
    ["year", ["year", "term"]],
    ["quarter", ["quarter"]],
    ["month", ["month"]]
  ] as const;
  const periods = Object.fromEntries(await Promise.all(kinds.map(async ([key, types]) => [key, await periodsOf(m, province.code, [...types])] as const)));
  const g = await grids(m, {where, codes: upper.map((u) => u.code), years: ctx.years, terms: ctx.terms, counted: null, comparable: false, exports: kinds.map(([key]) => ({name: key, where: "TRUE", periods: periods[key]}))});
  for (const [key] of kinds) {
    const e = g.exports[key];
    const p = periods[key];
    out[key] = jsonObject({units: upper.map(seriesUnit), periods: p.map((x) => x.period), types: p.map((x) => x.type), n: {raw: e.n}, d: {raw: e.d}, v: {raw: e.v}});
  }
  return out;
}
