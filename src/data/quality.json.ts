// Data loader: data/quality.json — for Chất lượng dữ liệu: reporting completeness and timeliness by committee ×
// year, the submission ledger, rejected files with a summary of their errors (never the rejected values), and
// grassroots organisations with implausible values (src/components/outliers.ts documents the method).
//
// Completeness and timeliness come from the indicator pipeline's mart when it exists (COMPLETENESS_TABLES);
// until then they are derived here from the ledger, with the rule stated in the output and on the page.
import {openContext} from "./_lib/context.ts";
import {loadErrorSummary, loadLedger} from "./_lib/ledger.ts";
import {COMPLETENESS_TABLES} from "./_lib/marts.ts";
import {firstTable, num, roundValue, sqlList, str} from "./_lib/warehouse.ts";
import {findOutliers} from "../components/outliers.ts";

/** Fallback rule: a year's meeting log is due on 15 January of the next year. */
const DEADLINE = {month: 1, day: 15};
const KINDS = ["sinh_hoat", "danh_gia"];

const ctx = await openContext();
const {wh, committees, grassroots, catalog, years} = ctx;
const ledger = await loadLedger(wh);
const errors = await loadErrorSummary(wh);

interface Cell {
  committee: string;
  year: number;
  kind: string;
  /** 1 covered by an accepted (or partially accepted) submission, 0 not; fractional when the mart says so. */
  completeness: number | null;
  /** 1 on time, 0 late, null unknown / not received. */
  timeliness: number | null;
  received: string | null;
  status: string | null;
  /** Days after the deadline (negative: before). */
  daysLate: number | null;
}

let completeness: {source: string; rule: string; kinds: string[]; cells: Cell[]} | null = null;
const mart = await firstTable(wh, COMPLETENESS_TABLES);
if (mart && mart.table === "reporting_status" && ["committee_code", "year", "reported"].every((c) => mart.columns.includes(c))) {
  // Issue 4's mart: committee × year: expected, reported (meeting log in force), first_received_at, deadline, on_time.
  const c = mart.columns;
  const rows = await wh.query(
    `SELECT committee_code, year::INTEGER AS year, ${c.includes("expected") ? "expected" : "TRUE"} AS expected, reported,
            ${c.includes("first_received_at") ? "strftime(first_received_at, '%Y-%m-%d')" : "NULL"} AS received,
            ${c.includes("on_time") ? "on_time" : "NULL"} AS on_time,
            ${c.includes("deadline") && c.includes("first_received_at") ? "date_diff('day', deadline, first_received_at::DATE)" : "NULL"} AS days_late
     FROM wh.${mart.table} WHERE committee_code IN (${sqlList(committees.map((u) => u.code))}) ORDER BY committee_code, year`
  );
  completeness = {
    source: mart.table,
    rule:
      "Theo bảng reporting_status của pipeline chỉ tiêu: một đảng bộ-năm là đủ khi sổ sinh hoạt năm đó đang có hiệu lực (đã nạp hoặc nạp một phần); " +
      "đúng hạn khi sổ sinh hoạt có hiệu lực được nhận chậm nhất vào hạn nộp (mặc định 15/01 năm sau, cấu hình trong pipelines/seeds/reporting_config.csv). " +
      "Năm đảng bộ chưa tồn tại trọn năm thì không tính.",
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
} else if (mart) {
  // The pipeline's mart: committee × year (× kind) with completeness and timeliness shares.
  const c = mart.columns;
  const col = (...names: string[]) => names.find((n) => c.includes(n)) ?? null;
  const unitCol = col("committee_code", "unit_code");
  const yearCol = col("year", "period");
  const compCol = col("completeness", "completeness_rate", "coverage", "value");
  const timeCol = col("timeliness", "timeliness_rate", "on_time_rate", "on_time");
  const kindCol = col("kind", "submission_kind");
  if (unitCol && yearCol && compCol) {
    const rows = await wh.query(
      `SELECT ${unitCol} AS committee, ${yearCol}::VARCHAR AS year, ${compCol} AS comp, ${timeCol ?? "NULL"} AS timely,
              ${kindCol ?? "'sinh_hoat'"} AS kind
       FROM wh.${mart.table} WHERE ${unitCol} IN (${sqlList(committees.map((u) => u.code))})
       ${c.includes("period_type") ? "AND period_type = 'year'" : ""}`
    );
    completeness = {
      source: mart.table,
      rule: `Theo bảng ${mart.table} của pipeline chỉ tiêu.`,
      kinds: [...new Set(rows.map((r) => String(r.kind)))],
      cells: rows
        .filter((r) => /^\d{4}$/.test(String(r.year)))
        .map((r) => ({
          committee: String(r.committee),
          year: Number(r.year),
          kind: String(r.kind),
          completeness: roundValue(typeof r.comp === "boolean" ? Number(r.comp) : r.comp, "share"),
          timeliness: roundValue(typeof r.timely === "boolean" ? Number(r.timely) : r.timely, "share"),
          received: null,
          status: null,
          daysLate: null
        }))
    };
  }
}
if (!completeness && ledger) {
  // Derived from the ledger: a committee-year is covered when a submission of that kind for that year is in force
  // (accepted or partial); it is on time when the first such file (including ones later replaced) arrived by the
  // deadline.
  const cells: Cell[] = [];
  for (const kind of KINDS) {
    for (const c of committees) {
      for (const year of years) {
        const files = ledger.filter((e) => e.kind === kind && e.committee === c.code && e.years.includes(year));
        const inForce = files.filter((e) => e.status === "accepted" || e.status === "partial");
        const received = files
          .filter((e) => ["accepted", "partial", "superseded"].includes(e.status))
          .map((e) => e.received)
          .filter((d): d is string => !!d)
          .sort()[0] ?? null;
        const deadline = Date.UTC(year + 1, DEADLINE.month - 1, DEADLINE.day);
        const daysLate = received ? Math.round((Date.parse(`${received}T00:00:00Z`) - deadline) / 86_400_000) : null;
        const status = inForce.some((e) => e.status === "partial")
          ? "partial"
          : inForce.length
            ? "accepted"
            : files.some((e) => e.status === "rejected")
              ? "rejected"
              : null;
        cells.push({
          committee: c.code,
          year,
          kind,
          completeness: inForce.length ? 1 : 0,
          timeliness: daysLate == null ? null : daysLate <= 0 ? 1 : 0,
          received,
          status,
          daysLate
        });
      }
    }
  }
  completeness = {
    source: "submissions",
    rule:
      "Tính tạm từ sổ theo dõi tệp (bảng submissions) vì kho dữ liệu chưa có bảng đủ/đúng hạn của pipeline chỉ tiêu: " +
      "một đảng bộ-năm là đủ khi có tệp loại đó cho năm đó đang có hiệu lực (đã nạp hoặc nạp một phần); " +
      `đúng hạn khi tệp đầu tiên được nhận chậm nhất ngày ${String(DEADLINE.day).padStart(2, "0")}/${String(DEADLINE.month).padStart(2, "0")} năm sau.`,
    kinds: KINDS,
    cells
  };
}

// Outliers among grassroots organisations, per indicator.
const codes = grassroots.map((u) => u.code);
const valueRows = codes.length
  ? await wh.query(
      `SELECT unit_code, period, indicator, value, denominator FROM wh.indicator_values
       WHERE period_type = 'year' AND unit_code IN (${sqlList(codes)})`
    )
  : [];
wh.close();
const unitName = new Map(grassroots.map((u) => [u.code, u]));
// Ranks are not values to judge (they follow from the values).
const outliers = catalog.filter((ind) => ind.kind !== "rank").map((ind) => {
  const obs = valueRows
    .filter((r) => r.indicator === ind.indicator && /^\d{4}$/.test(String(r.period)))
    .map((r) => ({unit: String(r.unit_code), year: Number(r.period), value: num(r.value), denominator: num(r.denominator)}));
  const {summaries, flags} = findOutliers(obs, ind.kind as "share" | "score" | "number");
  const r = (x: number | null) => roundValue(x, ind.kind);
  return {
    indicator: ind.indicator,
    summaries: summaries.map((s) => ({year: s.year, n: s.n, p10: r(s.p10), p25: r(s.p25), median: r(s.median), p75: r(s.p75), p90: r(s.p90)})),
    flags: flags.map((f) => ({
      unit: f.unit,
      name: unitName.get(f.unit)?.name ?? f.unit,
      committee: unitName.get(f.unit)?.committee ?? null,
      year: f.year,
      value: r(f.value),
      median: r(f.median),
      score: f.score == null ? null : Math.round(f.score * 10) / 10,
      previous: r(f.previous),
      rule: f.rule
    }))
  };
});

process.stdout.write(
  JSON.stringify({
    completeness,
    ledger,
    errors,
    outliers,
    committees: committees.map((c) => ({code: c.code, name: c.name})),
    years,
    grassroots: grassroots.length,
    generated: new Date().toISOString(),
    // str() keeps the import list honest for loaders that map text columns.
    warehouse: str(wh.file)
  })
);
