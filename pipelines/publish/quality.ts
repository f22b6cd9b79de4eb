// Chất lượng dữ liệu: reporting completeness and timeliness by committee × year (reporting_status), the
// submission ledger, rejected files with a summary of their errors (never the rejected values), and grassroots
// organisations with implausible values (src/components/outliers.ts documents the method). Published whole for
// the province (toan-tinh/), per committee for its staff (dang-bo/<code>/), and without unit-level detail in the
// summaries (tong-hop/).
import {JUMP_LIMIT, MIN_DENOMINATOR, MIN_GAP, Z_LIMIT, type Flag, type Summary} from "../../src/components/outliers.ts";
import {loadErrorSummary, loadLedger, type ErrorGroup, type LedgerEntry} from "./ledger.ts";
import {num, roundValue, sqlList, str, type Context} from "./marts.ts";

export interface CompletenessCell {
  committee: string;
  year: number;
  kind: string;
  /** 1 the year's meeting log is in force (accepted or partly accepted), 0 not. */
  completeness: number | null;
  /** 1 on time, 0 late, null not received. */
  timeliness: number | null;
  received: string | null;
  status: string | null;
  /** Days after the deadline (negative: before). */
  daysLate: number | null;
}

export interface OutlierFlag {
  unit: string;
  name: string;
  committee: string | null;
  year: number;
  value: number | null;
  median: number | null;
  score: number | null;
  previous: number | null;
  /** Rule "jump": the median change of the peers that year. */
  peerChange: number | null;
  rule: string;
}

export interface QualityFile {
  completeness: {source: string; rule: string; kinds: string[]; cells: CompletenessCell[]} | null;
  ledger: LedgerEntry[] | null;
  errors: ErrorGroup[] | null;
  outliers: {indicator: string; summaries: unknown[]; flags: OutlierFlag[]}[];
  committees: {code: string; name: string}[];
  years: number[];
  grassroots: number;
  warehouse: string | null;
}

/** How completeness and timeliness are counted, as the page shows it (plain Vietnamese, no table or file names). */
const RULE =
  "Một đảng bộ-năm là đủ khi sổ sinh hoạt năm đó đang có hiệu lực (đã nạp hoặc nạp một phần); " +
  "đúng hạn khi sổ sinh hoạt có hiệu lực được nhận chậm nhất vào hạn nộp (mặc định ngày 15/01 năm sau, do Ban Tổ chức quy định). " +
  "Năm đảng bộ chưa tồn tại trọn năm thì không tính.";

/** The whole province's quality file (toan-tinh/chat-luong.json). */
export async function qualityFile(ctx: Context): Promise<QualityFile> {
  const {m, committees, grassroots, catalog, years} = ctx;
  const rows = await m.query(
    `SELECT committee_code, year::INTEGER AS year, expected, reported, strftime(first_received_at, '%Y-%m-%d') AS received, on_time,
            date_diff('day', deadline, first_received_at::DATE) AS days_late
     FROM wh.reporting_status WHERE committee_code IN (${sqlList(committees.map((u) => u.code))}) ORDER BY committee_code, year`
  );
  const completeness = {
    source: "reporting_status",
    rule: RULE,
    kinds: ["sinh_hoat"],
    cells: rows
      .filter((r) => r.expected !== false)
      .map((r) => ({
        committee: String(r.committee_code),
        year: Number(r.year),
        kind: "sinh_hoat",
        completeness: r.reported ? 1 : 0,
        timeliness: r.reported ? (r.on_time ? 1 : 0) : null,
        received: str(r.received),
        status: r.reported ? "accepted" : null,
        daysLate: num(r.days_late)
      }))
  };
  const ledger = await loadLedger(m);
  const errors = await loadErrorSummary(m);
  const unitOf = new Map(grassroots.map((u) => [u.code, u]));
  const found = await outliers(ctx);
  const out = catalog
    .filter((c) => c.kind !== "rank")
    .map((ind) => {
      const r = (x: number | null) => roundValue(x, ind.kind);
      const f = found.get(ind.indicator) ?? {summaries: [], flags: []};
      return {
        indicator: ind.indicator,
        summaries: f.summaries.map((x) => ({year: x.year, n: x.n, p10: r(x.p10), p25: r(x.p25), median: r(x.median), p75: r(x.p75), p90: r(x.p90)})),
        flags: f.flags.map((x) => ({
          unit: x.unit,
          name: unitOf.get(x.unit)?.name ?? x.unit,
          committee: unitOf.get(x.unit)?.committee ?? null,
          year: x.year,
          value: r(x.value),
          median: r(x.median),
          score: x.score == null ? null : Math.round(x.score * 10) / 10,
          previous: r(x.previous),
          peerChange: r(x.peerChange),
          rule: x.rule
        }))
      };
    });
  return {
    completeness,
    ledger,
    errors,
    outliers: out,
    committees: committees.map((c) => ({code: c.code, name: c.name})),
    years,
    grassroots: grassroots.length,
    warehouse: m.file
  };
}

/** The summary everyone may read: completeness by committee and the distributions, without unit-level detail. */
export function qualitySummary(q: QualityFile): QualityFile {
  return {...q, ledger: null, errors: [], outliers: q.outliers.map((o) => ({...o, flags: []}))};
}

/**
 * One committee's part: its completeness, its files and their errors. Outlier flags compare a unit with every
 * grassroots organisation of the province, so they change whenever any committee's data change: they are
 * published for the province only (toan-tinh/), and a committee's file depends on the committee's data alone.
 */
export function qualityOfCommittee(q: QualityFile, committee: string): QualityFile {
  const ledger = q.ledger?.filter((e) => e.committee === committee) ?? null;
  const ids = new Set((ledger ?? []).map((e) => e.id));
  return {
    ...q,
    completeness: q.completeness && {...q.completeness, cells: q.completeness.cells.filter((c) => c.committee === committee)},
    ledger,
    errors: q.errors?.filter((e) => ids.has(e.submission)) ?? null,
    outliers: q.outliers.map((o) => ({indicator: o.indicator, summaries: [], flags: []})),
    committees: q.committees.filter((c) => c.code === committee),
    grassroots: 0
  };
}

/**
 * The outliers of src/components/outliers.ts (its comment gives the method), computed by DuckDB over every
 * grassroots organisation's yearly values at once; only the summaries and the flags come back. The same
 * results as findOutliers there (test/publish-outliers.test.ts compares them).
 */
export async function outliers(ctx: Context): Promise<Map<string, {summaries: Summary[]; flags: Flag[]}>> {
  const kind = `CASE c.unit WHEN 'share' THEN 'share' WHEN 'score' THEN 'score' ELSE 'number' END`;
  const byKind = (m: Record<string, number>) => `CASE k ${Object.entries(m).map(([k, v]) => `WHEN '${k}' THEN ${Number.isFinite(v) ? v : "NULL"}`).join(" ")} END`;
  const base = `
    WITH e AS (
      SELECT v.indicator, v.unit_code AS unit, v.period::INTEGER AS year, v.value, ${kind} AS k
      FROM wh.indicator_values v
      JOIN wh.dim_units u ON u.unit_code = v.unit_code
      JOIN wh.indicator_catalog c ON c.indicator = v.indicator
      WHERE v.period_type = 'year' AND regexp_full_match(v.period, '[0-9]{4}') AND c.unit <> 'rank'
        AND u.level IN ('dang_bo_co_so', 'chi_bo_co_so') AND u.committee_code IS NOT NULL
        AND v.value IS NOT NULL AND isfinite(v.value) AND (v.denominator IS NULL OR v.denominator >= ${MIN_DENOMINATOR})
    ),
    s AS (
      SELECT indicator, year, count(*)::INTEGER AS n, quantile_cont(value, [0.1, 0.25, 0.5, 0.75, 0.9]) AS q
      FROM e GROUP BY indicator, year
    ),
    d AS (SELECT e.*, s.n, s.q[3] AS med, abs(e.value - s.q[3]) AS dev FROM e JOIN s USING (indicator, year)),
    spread AS (SELECT indicator, year, quantile_cont(dev, 0.5) AS mad, avg(dev) AS mean_ad FROM d GROUP BY indicator, year),
    z AS (
      SELECT d.*, CASE WHEN sp.mad > 0 THEN 0.6745 * (d.value - d.med) / sp.mad
                       WHEN sp.mean_ad > 0 THEN (d.value - d.med) / (1.253314 * sp.mean_ad) END AS z,
             lag(d.value) OVER (PARTITION BY d.indicator, d.unit ORDER BY d.year) AS prev,
             lag(d.year) OVER (PARTITION BY d.indicator, d.unit ORDER BY d.year) AS prev_year
      FROM d JOIN spread sp USING (indicator, year)
    ),
    -- Changes from the previous year (consecutive years), each against the peers' changes that year.
    ch AS (SELECT indicator, year, unit, value, prev, value - prev AS change, k FROM z WHERE prev_year = year - 1),
    chs AS (SELECT indicator, year, count(*)::INTEGER AS n_c, quantile_cont(change, 0.5) AS med_c FROM ch GROUP BY indicator, year),
    chd AS (SELECT ch.*, chs.n_c, chs.med_c, abs(ch.change - chs.med_c) AS dev_c FROM ch JOIN chs USING (indicator, year)),
    chsp AS (SELECT indicator, year, quantile_cont(dev_c, 0.5) AS mad_c, avg(dev_c) AS mean_ad_c FROM chd GROUP BY indicator, year),
    cz AS (
      SELECT chd.*, CASE WHEN sp.mad_c > 0 THEN 0.6745 * (chd.change - chd.med_c) / sp.mad_c
                         WHEN sp.mean_ad_c > 0 THEN (chd.change - chd.med_c) / (1.253314 * sp.mean_ad_c) END AS zc
      FROM chd JOIN chsp sp USING (indicator, year)
    )`;
  const summaries = await ctx.m.query(`${base} SELECT indicator, year, n, q[1] AS p10, q[2] AS p25, q[3] AS median, q[4] AS p75, q[5] AS p90 FROM s ORDER BY indicator, year`);
  const flags = await ctx.m.query(`${base}
    SELECT indicator, unit, year, value, med AS median, z AS score, NULL AS previous, NULL AS peer_change, 'z' AS rule FROM z
    WHERE n >= 5 AND z IS NOT NULL AND abs(z) > ${Z_LIMIT} AND abs(value - med) >= ${byKind(MIN_GAP)}
    UNION ALL
    SELECT cz.indicator, cz.unit, cz.year, cz.value, s.q[3], cz.zc, cz.prev, cz.med_c, 'jump' FROM cz JOIN s USING (indicator, year)
    WHERE cz.n_c >= 5 AND cz.zc IS NOT NULL AND abs(cz.zc) > ${Z_LIMIT} AND ${byKind(JUMP_LIMIT)} IS NOT NULL AND abs(cz.change - cz.med_c) >= ${byKind(JUMP_LIMIT)}
    ORDER BY indicator, year, unit, rule DESC`);
  const out = new Map<string, {summaries: Summary[]; flags: Flag[]}>();
  const entry = (ind: string) => {
    let x = out.get(ind);
    if (!x) out.set(ind, (x = {summaries: [], flags: []}));
    return x;
  };
  for (const r of summaries)
    entry(String(r.indicator)).summaries.push({year: Number(r.year), n: Number(r.n), p10: Number(r.p10), p25: Number(r.p25), median: Number(r.median), p75: Number(r.p75), p90: Number(r.p90)});
  for (const r of flags)
    entry(String(r.indicator)).flags.push({unit: String(r.unit), year: Number(r.year), value: Number(r.value), median: Number(r.median), score: num(r.score), previous: num(r.previous), peerChange: num(r.peer_change), rule: r.rule === "z" ? "z" : "jump"});
  for (const x of out.values()) x.flags.sort((a, b) => a.year - b.year || a.unit.localeCompare(b.unit) || (a.rule === b.rule ? 0 : a.rule === "z" ? -1 : 1));
  return out;
}
