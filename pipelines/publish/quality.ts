// Chất lượng dữ liệu: reporting completeness and timeliness by committee × year (reporting_status), the
// submission ledger, rejected files with a summary of their errors (never the rejected values), and grassroots
// organisations with implausible values (src/components/outliers.ts documents the method). Published whole for
// the province (toan-tinh/), per committee for its staff (dang-bo/<code>/), and without unit-level detail in the
// summaries (tong-hop/).
import {findOutliers} from "../../src/components/outliers.ts";
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

const RULE =
  "Theo bảng reporting_status của pipeline chỉ tiêu: một đảng bộ-năm là đủ khi sổ sinh hoạt năm đó đang có hiệu lực (đã nạp hoặc nạp một phần); " +
  "đúng hạn khi sổ sinh hoạt có hiệu lực được nhận chậm nhất vào hạn nộp (mặc định 15/01 năm sau, cấu hình trong pipelines/seeds/reporting_config.csv). " +
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
  // Outliers among grassroots organisations, indicator by indicator (one indicator's values at a time: at
  // national scale all of them together would not fit in memory as objects).
  const unitOf = new Map(grassroots.map((u) => [u.code, u]));
  const outliers = [];
  for (const ind of catalog.filter((c) => c.kind !== "rank")) {
    const obs = (
      await m.query(
        `SELECT v.unit_code, v.period, v.value, v.denominator FROM wh.indicator_values v JOIN wh.dim_units u ON u.unit_code = v.unit_code
         WHERE v.period_type = 'year' AND v.indicator = '${ind.indicator.replace(/'/g, "''")}' AND u.level IN ('dang_bo_co_so', 'chi_bo_co_so') AND u.committee_code IS NOT NULL
         ORDER BY v.unit_code, v.period`
      )
    )
      .filter((r) => /^\d{4}$/.test(String(r.period)))
      .map((r) => ({unit: String(r.unit_code), year: Number(r.period), value: num(r.value), denominator: num(r.denominator)}));
    const {summaries, flags} = findOutliers(obs, ind.kind as "share" | "score" | "number");
    const r = (x: number | null) => roundValue(x, ind.kind);
    outliers.push({
      indicator: ind.indicator,
      summaries: summaries.map((s) => ({year: s.year, n: s.n, p10: r(s.p10), p25: r(s.p25), median: r(s.median), p75: r(s.p75), p90: r(s.p90)})),
      flags: flags.map((f) => ({
        unit: f.unit,
        name: unitOf.get(f.unit)?.name ?? f.unit,
        committee: unitOf.get(f.unit)?.committee ?? null,
        year: f.year,
        value: r(f.value),
        median: r(f.median),
        score: f.score == null ? null : Math.round(f.score * 10) / 10,
        previous: r(f.previous),
        rule: f.rule
      }))
    });
  }
  return {
    completeness,
    ledger,
    errors,
    outliers,
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
