// Chart components for Chất lượng dữ liệu: data and width in, a Plot figure out.
import * as Plot from "@observablehq/plot";
import {COLORS, asImage, el, plotStyle} from "./charts.js";
import {formatDate, formatNumber, shortUnitName, unitLabel} from "./format.js";
import {formatDelta, formatTick, formatValue} from "./series.js";
import {textWidth, thinTicks} from "./axis-fit.js";
import {readableOn} from "./contrast.js";
import type {IndicatorMeta} from "./series.js";

export interface ReportCell {
  committee: string;
  name: string;
  year: number;
  /** Share of the committee-year covered (0–1), null when unknown. */
  completeness: number | null;
  /** Share on time (0–1), null when not received or unknown. */
  timeliness: number | null;
  received?: string | null;
  daysLate?: number | null;
  status?: string | null;
}

/** Status of a committee-year in words, with a colour and a symbol (so that colour is never the only cue). */
export function reportStatus(c: ReportCell): {key: string; label: string; color: string; symbol: string} {
  if (c.completeness == null) return {key: "unknown", label: "không rõ", color: "#d9dde2", symbol: "?"};
  if (c.completeness < 0.0005) return {key: "missing", label: "chưa nộp", color: "#f2f2f2", symbol: "✕"};
  if (c.completeness < 0.9995) return {key: "partial", label: "chưa đủ", color: "#f0b86e", symbol: "½"};
  if (c.timeliness == null) return {key: "complete", label: "đủ", color: "#6fa8dc", symbol: "✓"};
  if (c.timeliness >= 0.9995) return {key: "ontime", label: "đủ, đúng hạn", color: COLORS.province, symbol: "✓"};
  return {key: "late", label: "đủ, trễ hạn", color: "#e69f00", symbol: "!"};
}

export const STATUS_ORDER = ["ontime", "complete", "late", "partial", "missing", "unknown"];

export interface StatusGridOptions {
  width: number;
  years: number[];
  /** Committee codes, top to bottom. */
  order: string[];
  title?: string | null;
  fontSize?: number;
}

/**
 * Committee × year grid of reporting status: a filled cell per committee-year (blue on time, orange late, light
 * orange incomplete, pale grey with ✕ not received), the symbol written in the cell, details in the tooltip.
 */
export function statusGridChart(cells: ReportCell[], opts: StatusGridOptions) {
  const {width, years, order, title = null} = opts;
  const fontSize = opts.fontSize ?? (width < 460 ? 12 : 13);
  const names = new Map(cells.map((c) => [c.committee, c.name]));
  const labelLength = width < 460 ? 14 : 26;
  const marginLeft = Math.min(Math.round(width * 0.38), Math.round(fontSize * 0.6 * labelLength) + 14);
  const rowHeight = Math.max(24, fontSize + 14);
  const statuses = cells.map((c) => ({...c, s: reportStatus(c)}));
  const present = STATUS_ORDER.filter((k) => statuses.some((c) => c.s.key === k));
  const sample = (k: string) => statuses.find((c) => c.s.key === k)!.s;
  const tip = (c: (typeof statuses)[number]) =>
    [
      `${c.name}, năm ${c.year}`,
      `Tình trạng: ${c.s.label}`,
      c.completeness != null && c.completeness > 0 && c.completeness < 1 ? `Đủ: ${formatValue(c.completeness, "share")}` : null,
      c.received ? `Nhận ngày ${formatDate(c.received)}` : null,
      c.daysLate != null ? (c.daysLate > 0 ? `Trễ ${formatNumber(c.daysLate)} ngày` : `Sớm ${formatNumber(-c.daysLate)} ngày so với hạn`) : null
    ]
      .filter(Boolean)
      .join("\n");
  const counts = present.map((k) => `${sample(k).label}: ${statuses.filter((c) => c.s.key === k).length}`).join("; ");
  return asImage(
    Plot.plot({
      width,
      height: 34 + 10 + rowHeight * Math.max(1, order.length),
      marginTop: 34,
      marginBottom: 10,
      marginLeft,
      marginRight: 8,
      padding: 0.08,
      title: title ?? undefined,
      subtitle: el(
        "span",
        {class: "chart-legend"},
        ...present.map((k) =>
          el("span", {class: "legend-item"}, el("span", {class: "legend-box", style: `background:${sample(k).color};outline:1px solid #b5bcc4`}), `${sample(k).symbol} ${sample(k).label}`)
        )
      ),
      ariaLabel: `Tình trạng báo cáo theo đảng bộ và năm, ${years[0]}–${years[years.length - 1]}`,
      ariaDescription: `${order.length} đảng bộ × ${years.length} năm. ${counts}.`,
      style: plotStyle(fontSize),
      x: {domain: years, ticks: thinTicks(years, (width - marginLeft - 8) / Math.max(1, years.length), textWidth("2000", fontSize), 6), tickFormat: (d: number) => String(d), axis: "top", tickSize: 0, label: null},
      y: {domain: order, tickFormat: (c: string) => unitLabel(names.get(c) ?? c, labelLength), tickSize: 0, label: null},
      marks: [
        Plot.cell(statuses, {x: "year", y: "committee", fill: (c) => c.s.color, stroke: "#c9ced4", strokeWidth: 0.5, title: tip}),
        Plot.text(statuses, {
          x: "year",
          y: "committee",
          text: (c) => c.s.symbol,
          // The symbol in whichever text colour reads on its cell (white on the orange of "trễ hạn" did not).
          fill: (c) => readableOn(c.s.color),
          fontSize: fontSize + 1,
          fontWeight: 700
        })
      ]
    })
  );
}

export interface DistributionSummary {
  year: number;
  n: number;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
}

export interface FlaggedPoint {
  unit: string;
  name: string;
  year: number;
  value: number | null;
  median: number | null;
  score: number | null;
  previous: number | null;
  /** Rule "jump": the median change of the other units that year. */
  peerChange?: number | null;
  /** The unit's committee (name), when known. */
  committeeName?: string | null;
  rule: "z" | "jump";
}

export interface DistributionOptions {
  width: number;
  indicator: IndicatorMeta;
  title?: string | null;
  fontSize?: number;
}

/**
 * Distribution of one indicator across grassroots organisations, by year: the middle half as a box, 10th–90th
 * percentile as a whisker, the median as a blue tick; flagged units as large orange points (diamond: far from
 * the others that year; triangle: a change from the previous year unlike the others' change that year).
 */
export function distributionChart(summaries: DistributionSummary[], flags: FlaggedPoint[], opts: DistributionOptions) {
  const {width, indicator: ind, title = null} = opts;
  const fontSize = opts.fontSize ?? (width < 460 ? 12 : 13);
  const years = summaries.map((s) => s.year);
  const values = [
    ...summaries.flatMap((s) => [s.p10, s.p90]),
    ...flags.map((f) => f.value),
    ...flags.map((f) => f.previous)
  ].filter((v): v is number => v != null);
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const pad = (hi - lo) * 0.08 || 0.02;
  const domain: [number, number] = ind.kind === "share" ? [Math.max(0, lo - pad), Math.min(1, hi + pad)] : [lo - pad, hi + pad];
  const fmt = (v: number | null) => formatValue(v, ind.kind);
  return asImage(
    Plot.plot({
      width,
      height: width < 460 ? 300 : 360,
      marginLeft: Math.round(fontSize * 4),
      marginRight: 16,
      marginTop: 16,
      marginBottom: 32,
      title: title ?? undefined,
      subtitle: el(
        "span",
        {class: "chart-legend"},
        el("span", {class: "legend-item"}, el("span", {class: "legend-box", style: "background:#c6dbef"}), "một nửa số đơn vị ở giữa (25–75 %)"),
        el("span", {class: "legend-item"}, el("span", {class: "legend-tick", style: "background:#6b7580"}), "10–90 %"),
        el("span", {class: "legend-item"}, el("span", {class: "legend-dot", style: `background:${COLORS.highlight}`}), "◆ khác thường so với các đơn vị khác"),
        el("span", {class: "legend-item"}, el("span", {class: "legend-dot", style: `background:${COLORS.highlight}`}), "▲ thay đổi khác hẳn các đơn vị khác cùng năm")
      ),
      ariaLabel: `Phân bố ${ind.name} của các tổ chức cơ sở đảng theo năm, và các giá trị khác thường`,
      ariaDescription:
        summaries.map((s) => `${s.year}: trung vị ${fmt(s.median)}, một nửa số đơn vị từ ${fmt(s.p25)} đến ${fmt(s.p75)} (${formatNumber(s.n)} đơn vị)`).join("; ") +
        `. ${flags.length} giá trị được đánh dấu.`,
      style: plotStyle(fontSize),
      x: {domain: years, ticks: thinTicks(years, (width - fontSize * 4 - 16) / Math.max(1, years.length), textWidth("2000", fontSize)), tickFormat: (d: number) => String(d), label: null, padding: 0.45},
      y: {domain, grid: true, tickFormat: formatTick(ind.kind), label: null},
      marks: [
        Plot.ruleX(summaries, {x: "year", y1: "p10", y2: "p90", stroke: "#6b7580", strokeWidth: 1.5}),
        Plot.barY(summaries, {x: "year", y1: "p25", y2: "p75", fill: "#c6dbef", stroke: "#6b93bd"}),
        Plot.tickY(summaries, {x: "year", y: "median", stroke: COLORS.province, strokeWidth: 3}),
        Plot.link(
          flags.filter((f) => f.rule === "jump" && f.previous != null),
          {x1: (f: FlaggedPoint) => f.year, x2: (f: FlaggedPoint) => f.year, y1: "previous", y2: "value", stroke: COLORS.highlight, strokeDasharray: "3 2", markerEnd: "arrow"}
        ),
        Plot.dot(flags, {
          x: "year",
          y: "value",
          r: 6,
          fill: COLORS.highlight,
          stroke: "white",
          symbol: (f: FlaggedPoint) => (f.rule === "z" ? "diamond" : "triangle"),
          title: (f: FlaggedPoint) =>
            `${f.name}${f.committeeName ? `\n${f.committeeName}` : ""}\nNăm ${f.year}: ${fmt(f.value)}\n` +
            (f.rule === "z"
              ? `Trung vị các đơn vị: ${fmt(f.median)} (điểm z ${formatNumber(f.score, 1)})`
              : `Năm trước: ${fmt(f.previous)}\nThay đổi: ${formatDelta(f.value != null && f.previous != null ? f.value - f.previous : null, ind.kind)}; các đơn vị khác (trung vị): ${formatDelta(f.peerChange ?? null, ind.kind)}`)
        }),
        Plot.tip(summaries, Plot.pointerX({x: "year", y: "median", title: (s: DistributionSummary) => `Năm ${s.year} (${formatNumber(s.n)} đơn vị)\n10 %: ${fmt(s.p10)}\n25 %: ${fmt(s.p25)}\nTrung vị: ${fmt(s.median)}\n75 %: ${fmt(s.p75)}\n90 %: ${fmt(s.p90)}`}))
      ]
    })
  );
}

export {shortUnitName};
