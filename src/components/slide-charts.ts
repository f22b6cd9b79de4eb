// The charts of the conference slides, drawn for a fixed 1920 × 1080 slide: chart text never below 18 px, every
// label measured (canvas text metrics in the slide's font) so that line-end labels, rank labels and values fit
// inside the chart, and the legend drawn inside the SVG (the PPTX and PNG exports carry it). Plot is imported from
// node_modules (bundled), never the implicit global.
import * as Plot from "@observablehq/plot";
import {COLORS, shareDomain} from "./charts.js";
import {unitLabel} from "./format.js";
import {formatDelta, formatTick, formatValue, meetsTarget} from "./series.js";
import type {IndicatorMeta, RankRow, TrendRow} from "./series.js";

/** Smallest chart text on a 1920-wide slide (what a hall can read). */
export const MIN_CHART_FONT = 18;
/** Chart text of the slides. */
export const SLIDE_CHART_FONT = 24;

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT_FAMILY = `"Be Vietnam Pro", "Segoe UI", "Noto Sans", "DejaVu Sans", system-ui, sans-serif`;

let canvas: CanvasRenderingContext2D | null | undefined;

/** Width in px of `text` at `size` px and `weight`, measured in the slide's font (estimated without a canvas). */
export function textWidth(text: string, size: number, weight: number | string = 400): number {
  if (canvas === undefined) {
    try {
      // jsdom (the unit tests) has no canvas: estimate there.
      const real = typeof document !== "undefined" && !/jsdom/i.test(globalThis.navigator?.userAgent ?? "");
      canvas = real ? document.createElement("canvas").getContext("2d") : null;
    } catch {
      canvas = null;
    }
  }
  if (canvas) {
    canvas.font = `${weight} ${size}px ${FONT_FAMILY}`;
    const w = canvas.measureText(text).width;
    if (w > 0) return Math.ceil(w * 1.03);
  }
  return Math.ceil(text.length * size * (Number(weight) >= 600 ? 0.62 : 0.58));
}

/** The longest cut of a unit's label that fits `width` at `size` px. */
export function fitLabel(name: string, width: number, size: number, weight: number | string = 400, prefix = ""): string {
  for (let max = 40; max >= 6; max -= 2) {
    const text = `${prefix}${unitLabel(name, max)}`;
    if (textWidth(text, size, weight) <= width) return text;
  }
  return `${prefix}${unitLabel(name, 6)}`;
}

export interface LegendItem {
  label: string;
  color: string;
  shape: "line" | "dash" | "dot" | "ring" | "box" | "tick";
}

/** Legend rows laid out left to right within `width`; returns the SVG group's markup-free layout. */
function layoutLegend(items: LegendItem[], width: number, size: number) {
  const rowHeight = Math.round(size * 1.5);
  let x = 0;
  let row = 0;
  const placed = items.map((item) => {
    const w = 44 + textWidth(item.label, size) + 28;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const p = {...item, x, y: row * rowHeight + rowHeight / 2};
    x += w;
    return p;
  });
  return {placed, height: items.length ? (row + 1) * rowHeight + 10 : 0};
}

function svgEl(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
}

function drawLegend(svg: SVGSVGElement, items: LegendItem[], width: number, size: number, left: number): void {
  const {placed} = layoutLegend(items, width, size);
  const g = svgEl("g", {class: "slide-legend", "font-size": size, "text-anchor": "start", "aria-hidden": "true"});
  for (const p of placed) {
    const cy = p.y;
    const x = left + p.x;
    if (p.shape === "line" || p.shape === "dash")
      g.append(svgEl("line", {x1: x, x2: x + 36, y1: cy, y2: cy, stroke: p.color, "stroke-width": 4, ...(p.shape === "dash" ? {"stroke-dasharray": "8 5"} : {})}));
    else if (p.shape === "dot") g.append(svgEl("circle", {cx: x + 18, cy, r: size * 0.4, fill: p.color}));
    else if (p.shape === "ring") g.append(svgEl("circle", {cx: x + 18, cy, r: size * 0.38, fill: "white", stroke: p.color, "stroke-width": 3}));
    else if (p.shape === "tick") g.append(svgEl("line", {x1: x + 18, x2: x + 18, y1: cy - size * 0.6, y2: cy + size * 0.6, stroke: p.color, "stroke-width": 4}));
    else g.append(svgEl("rect", {x: x + 6, y: cy - size * 0.4, width: size * 0.8, height: size * 0.8, fill: p.color}));
    g.append(svgEl("text", {x: x + 44, y: cy, dy: "0.35em", fill: "#1b1e23"}, p.label));
  }
  svg.append(g);
}

/** Wraps Plot's SVG in a figure (what chartBox and the downloads expect) with its text alternative. */
function finish(svg: SVGSVGElement, label: string, description: string, legend: LegendItem[], width: number, size: number, left: number): HTMLElement {
  for (const style of svg.querySelectorAll("style")) style.remove();
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("aria-description", description);
  svg.classList.add("slide-svg");
  if (legend.length) drawLegend(svg, legend, width - left, size, left);
  const figure = document.createElement("figure");
  figure.className = "slide-figure";
  figure.append(svg);
  return figure;
}

const ONE_DECIMAL = new Intl.NumberFormat("vi-VN", {minimumFractionDigits: 1, maximumFractionDigits: 1});

/** A figure on a slide chart: shares as "98,5 %", scores always with one decimal ("87,0", never "87" beside "86,8"). */
function figure(v: number | null, kind: IndicatorMeta["kind"]): string {
  return v == null || kind === "share" ? formatValue(v, kind) : ONE_DECIMAL.format(v);
}

const style = (size: number) => ({fontFamily: "var(--sans-serif)", fontSize: `${size}px`, overflow: "visible"});

export interface SlideLinesOptions {
  width: number;
  height: number;
  indicator: IndicatorMeta;
  years: number[];
  /** The unit presenting, and the level above it when it is not the province (drawn in these colours). */
  lines: {label: string; color: string; rows: TrendRow[]}[];
  /** The province, dashed, in its blue (the colour it has on every page). */
  reference?: {label: string; rows: TrendRow[]} | null;
  fontSize?: number;
}

/** Trend lines labelled at their end (labels measured into the right margin), the target only when there is one. */
export function slideLinesChart(opts: SlideLinesOptions): HTMLElement {
  const {width, height, indicator: ind, years, lines, reference = null} = opts;
  const fs = Math.max(MIN_CHART_FONT, opts.fontSize ?? SLIDE_CHART_FONT);
  const target = ind.target;
  const fmt = (v: number | null) => figure(v, ind.kind);
  const all = [...lines.flatMap((l) => l.rows), ...(reference?.rows ?? [])].map((r) => r.value).filter((v): v is number => v != null);
  const domain: [number, number] =
    ind.kind === "share"
      ? shareDomain(all, target)
      : [Math.max(0, Math.floor(Math.min(...all, target ?? Infinity) * 0.95)), Math.ceil(Math.max(...all, target ?? 0) * 1.05) || 1];
  const lastOf = (rs: TrendRow[]) => [...rs].reverse().find((r) => r.value != null);
  const marginTop = Math.round(fs * 0.9);
  const marginBottom = Math.round(fs * 2);
  const marginLeft = Math.max(...formatTickValues(domain, ind).map((t) => textWidth(t, fs))) + 16;
  // The end labels: at most ~40 % of the width; unit names are cut to fit, figures are never cut.
  const maxLabel = Math.round(width * 0.4);
  const raw: {name: string; value: number; color: string; weight: number}[] = [];
  for (const l of lines) {
    const last = lastOf(l.rows);
    if (last?.value != null) raw.push({name: l.label, value: last.value, color: l.color, weight: 700});
  }
  const refLast = reference ? lastOf(reference.rows) : undefined;
  if (reference && refLast?.value != null) raw.push({name: reference.label, value: refLast.value, color: COLORS.province, weight: 700});
  const texts = raw.map((r) => {
    const figure = ` ${fmt(r.value)}`;
    const room = maxLabel - textWidth(figure, fs, r.weight);
    return {...r, text: `${fitLabel(r.name, room, fs, r.weight)}${figure}`};
  });
  const targetText = target != null ? `Mục tiêu ${formatValue(target, ind.kind, 0)}` : null;
  const labelWidth = Math.max(targetText ? textWidth(targetText, fs, 500) : 0, ...texts.map((t) => textWidth(t.text, fs, t.weight)));
  const gap = 18;
  const marginRight = labelWidth + gap + 8;
  const innerHeight = height - marginTop - marginBottom;
  const [y0, y1] = domain;
  const py = (v: number) => marginTop + (1 - (v - y0) / (y1 - y0)) * innerHeight;
  const unpy = (p: number) => y0 + (1 - (p - marginTop) / innerHeight) * (y1 - y0);
  const labels = [
    ...texts.map((t) => ({text: t.text, color: t.color, weight: t.weight, py: py(t.value)})),
    ...(targetText ? [{text: targetText, color: COLORS.target, weight: 500, py: py(target!)}] : [])
  ];
  // Stacked one line apart, and kept inside the plot area (clear of the year labels below it).
  stackLabels(labels, Math.round(fs * 1.3), marginTop + fs * 0.6, height - marginBottom - fs * 0.7);
  const first = years[0];
  const last = years[years.length - 1];
  const k = fs / 14;
  const svg = Plot.plot({
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    style: style(fs),
    x: {domain: [first, last], ticks: years, tickFormat: (d: number) => String(d), label: null, inset: fs},
    y: {domain, grid: true, tickFormat: formatTick(ind.kind), ticks: Math.max(3, Math.round(innerHeight / (fs * 3.2))), label: null},
    marks: [
      ...(target != null ? [Plot.ruleY([target], {stroke: COLORS.target, strokeWidth: 1.5 * k, strokeDasharray: `${6 * k} ${4 * k}`})] : []),
      ...(reference
        ? [
            Plot.line(reference.rows, {x: "year", y: "value", stroke: COLORS.province, strokeWidth: 2.4 * k, strokeDasharray: `${6 * k} ${4 * k}`}),
            Plot.dot(reference.rows, {x: "year", y: "value", r: 2.6 * k, fill: COLORS.province})
          ]
        : []),
      ...lines.flatMap((l) => [
        Plot.line(l.rows, {x: "year", y: "value", stroke: l.color, strokeWidth: 2.6 * k}),
        Plot.dot(l.rows, {x: "year", y: "value", r: 3.2 * k, fill: l.color, stroke: "white", strokeWidth: 1.5})
      ]),
      ...labels.map((label) =>
        Plot.text([label], {
          x: () => last,
          y: (d: {py: number}) => unpy(d.py),
          text: "text",
          fill: label.color,
          fontWeight: label.weight,
          textAnchor: "start",
          dx: gap + fs,
          clip: false
        })
      )
    ]
  }) as SVGSVGElement;
  const description = [...lines.map((l) => ({label: l.label, rows: l.rows})), ...(reference ? [reference] : [])]
    .map((l) => `${l.label}: ${l.rows.filter((r) => r.value != null).map((r) => `${r.year} ${fmt(r.value)}`).join(", ")}`)
    .join(". ");
  return finish(svg, `Biểu đồ đường: ${ind.name}, ${first}–${last}`, description + (targetText ? `. ${targetText}.` : "."), [], width, fs, marginLeft);
}

/**
 * Moves label centres (py) apart by at least `gap`, within [min, max] whenever they fit there: pushed down in
 * order, then, if the last one passes `max`, pushed back up.
 */
export function stackLabels<T extends {py: number}>(labels: T[], gap: number, min: number, max: number): T[] {
  const sorted = [...labels].sort((a, b) => a.py - b.py);
  sorted.forEach((l, i) => (l.py = Math.max(l.py, min, i ? sorted[i - 1].py + gap : -Infinity)));
  for (let i = sorted.length - 1; i >= 0; i--) {
    const limit = i === sorted.length - 1 ? max : sorted[i + 1].py - gap;
    if (sorted[i].py > limit) sorted[i].py = limit;
  }
  return sorted;
}

function formatTickValues(domain: [number, number], ind: IndicatorMeta): string[] {
  const f = formatTick(ind.kind);
  return [domain[0], domain[1], (domain[0] + domain[1]) / 2].map(f);
}

export interface SlideRankingOptions {
  width: number;
  height: number;
  indicator: IndicatorMeta;
  year: number;
  /** The rows to show, best first (already cut to what fits), and how many were ranked in all. */
  rows: RankRow[];
  total: number;
  reference?: {label: string; value: number | null} | null;
  highlight?: string | null;
  fontSize?: number;
}

/** Units ranked: rank and name on the left (cut to fit), a dot on a line, the value on the right. */
export function slideRankingChart(opts: SlideRankingOptions): HTMLElement {
  const {width, height, indicator: ind, year, rows, total, reference = null, highlight = null} = opts;
  const fs = Math.max(MIN_CHART_FONT, opts.fontSize ?? SLIDE_CHART_FONT);
  const fmt = (v: number | null) => figure(v, ind.kind);
  const withValue = rows.filter((r) => r.value != null);
  const values = withValue.map((r) => r.value as number);
  const target = ind.target;
  const domain: [number, number] =
    ind.kind === "share"
      ? shareDomain([...values, reference?.value ?? null], target)
      : (() => {
          const xs = [...values, reference?.value ?? null, target].filter((v): v is number => v != null);
          return [Math.max(0, Math.floor((Math.min(...xs) - 2) / 5) * 5), Math.ceil((Math.max(...xs) + 1) / 5) * 5] as [number, number];
        })();
  const legend: LegendItem[] = [
    ...(reference?.value != null ? [{label: `${reference.label}: ${fmt(reference.value)}`, color: COLORS.province, shape: "dash" as const}] : []),
    ...(target != null ? [{label: `Mục tiêu ${formatValue(target, ind.kind, 0)}`, color: COLORS.target, shape: "dash" as const}] : [])
  ];
  const legendHeight = layoutLegend(legend, width, fs).height;
  const marginTop = legendHeight + Math.round(fs * 1.6);
  const marginBottom = 8;
  const maxLabel = Math.round(width * 0.45);
  const rankWidth = textWidth(`${total}. `, fs, 600);
  const label = new Map(rows.map((r) => [r.code, fitLabel(r.name, maxLabel - rankWidth, fs, r.code === highlight ? 700 : 400, r.rank != null ? `${r.rank}. ` : "")]));
  const marginLeft = Math.max(...[...label.values()].map((t) => textWidth(t, fs, 700))) + 14;
  const valueTexts = rows.map((r) => (r.value == null ? "không có số liệu" : fmt(r.value)));
  const marginRight = Math.max(...valueTexts.map((t) => textWidth(t, fs, 600))) + 20;
  const rowHeight = (height - marginTop - marginBottom) / Math.max(1, rows.length);
  const order = rows.map((r) => r.code);
  const color = (r: RankRow) => (r.code === highlight ? COLORS.highlight : COLORS.province);
  const svg = Plot.plot({
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    style: style(fs),
    x: {domain, grid: true, axis: "top", tickFormat: formatTick(ind.kind), ticks: Math.max(2, Math.floor((width - marginLeft - marginRight) / (fs * 5))), label: null},
    y: {domain: order, tickFormat: (code: string) => label.get(code) ?? code, tickSize: 0, tickPadding: 10, label: null},
    marks: [
      Plot.ruleY(withValue, {y: "code", x1: domain[0], x2: "value", stroke: (r: RankRow) => (r.code === highlight ? COLORS.highlight : "#b9c6d3"), strokeWidth: 3}),
      Plot.dot(withValue, {x: "value", y: "code", r: Math.max(6, Math.min(rowHeight * 0.28, fs * 0.5)), fill: color, stroke: "white", strokeWidth: 1.5}),
      ...(target != null ? [Plot.ruleX([target], {stroke: COLORS.target, strokeWidth: 3, strokeDasharray: "9 6"})] : []),
      ...(reference?.value != null ? [Plot.ruleX([reference.value], {stroke: COLORS.province, strokeWidth: 3, strokeDasharray: "5 5"})] : []),
      Plot.text(rows, {x: domain[1], y: "code", text: (_: RankRow, i: number) => valueTexts[i], dx: 14, textAnchor: "start", fill: "currentColor", fontVariant: "tabular-nums", fontWeight: 600})
    ]
  }) as SVGSVGElement;
  // The highlighted unit's label in bold and its colour; a dotted line where ranks are left out (5 → 34).
  const tickY: number[] = [];
  for (const t of svg.querySelectorAll("[aria-label='y-axis tick label'] text")) {
    const code = order[[...t.parentNode!.children].indexOf(t)];
    if (code === highlight) {
      t.setAttribute("font-weight", "700");
      t.setAttribute("fill", COLORS.highlight);
    }
    const m = /translate\([^,]+,\s*([-\d.]+)\)/.exec(t.getAttribute("transform") ?? "");
    tickY.push(m ? Number(m[1]) : NaN);
  }
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    if (!next || r.rank == null || next.rank == null || next.rank - r.rank <= 1 || !Number.isFinite(tickY[i] + tickY[i + 1])) return;
    const y = (tickY[i] + tickY[i + 1]) / 2;
    svg.append(svgEl("line", {x1: 0, x2: width, y1: y, y2: y, stroke: "#8a939c", "stroke-width": 2, "stroke-dasharray": "2 6", "aria-hidden": "true"}));
  });
  const best = withValue[0];
  const worst = withValue[withValue.length - 1];
  const description =
    `Xếp hạng ${total} đơn vị theo ${ind.short.toLowerCase()} năm ${year}` +
    (best ? `. Cao nhất: ${best.name} (${fmt(best.value)}); thấp nhất trong hình: ${worst.name} (${fmt(worst.value)})` : "") +
    (reference?.value != null ? `. ${reference.label}: ${fmt(reference.value)}` : "") +
    ".";
  return finish(svg, `Biểu đồ xếp hạng: ${ind.name}, năm ${year}`, description, legend, width, fs, 0);
}

export interface SlideTermsOptions {
  width: number;
  height: number;
  terms: string[];
  rows: {indicator: IndicatorMeta; values: (number | null)[]}[];
  fontSize?: number;
}

/** Two bars per indicator (earlier term light, later term dark) from zero, values written after the bars. */
export function slideTermsChart(opts: SlideTermsOptions): HTMLElement {
  const {width, height, terms, rows} = opts;
  const fs = Math.max(MIN_CHART_FONT, opts.fontSize ?? SLIDE_CHART_FONT);
  const termColors = ["#9ecae1", "#08519c"];
  const termLabel = (t: string) => `Nhiệm kỳ ${t.replace(/-/g, "–")}`;
  const legend: LegendItem[] = terms.map((t, i) => ({label: termLabel(t), color: termColors[i % 2], shape: "box"}));
  const legendHeight = layoutLegend(legend, width, fs).height;
  const marginTop = legendHeight + 6;
  const marginBottom = Math.round(fs * 1.8);
  const maxLabel = Math.round(width * 0.34);
  const names = new Map(rows.map((r) => [r.indicator.indicator, fitLabel(r.indicator.short, maxLabel, fs)]));
  const marginLeft = Math.max(...[...names.values()].map((t) => textWidth(t, fs))) + 16;
  const flat = rows.flatMap((r) => terms.map((term, i) => ({code: r.indicator.indicator, term, value: r.values[i], kind: r.indicator.kind})));
  // Both terms' figures on one line beside the pair of bars ("94,7 % → 96,8 %"): two lines per pair would not fit.
  const pairs = rows.map((r) => {
    const before = `${formatValue(r.values[0] ?? null, r.indicator.kind)} → `;
    return {code: r.indicator.indicator, before, after: formatValue(r.values[terms.length - 1] ?? null, r.indicator.kind), offset: textWidth(before, fs)};
  });
  const marginRight = Math.max(...pairs.map((p) => p.offset + textWidth(p.after, fs, 700))) + 24;
  const svg = Plot.plot({
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    style: style(fs),
    fy: {domain: rows.map((r) => r.indicator.indicator), tickFormat: (c: string) => names.get(c) ?? c, label: null, axis: "left", padding: 0.2},
    y: {domain: terms, axis: null},
    x: {domain: [0, 1], grid: true, tickFormat: formatTick("share"), ticks: 5, label: null, axis: "bottom"},
    marks: [
      Plot.barX(
        flat.filter((r) => r.value != null),
        {fy: "code", y: "term", x1: 0, x2: "value", fill: (r: {term: string}) => termColors[terms.indexOf(r.term) % 2]}
      ),
      Plot.text(pairs, {fy: "code", x: 1, text: "before", dx: 14, textAnchor: "start", fill: "#4b535c"}),
      // dx is constant per mark in Plot: one mark per pair for the later figure, after the earlier one.
      ...pairs.map((p) => Plot.text([p], {fy: "code", x: 1, text: "after", dx: 14 + p.offset, textAnchor: "start", fill: "currentColor", fontWeight: 700}))
    ]
  }) as SVGSVGElement;
  const description = rows
    .map((r) => `${r.indicator.name}: ${terms.map((t, i) => `${termLabel(t)} ${formatValue(r.values[i], r.indicator.kind)}`).join(", ")}`)
    .join("; ");
  return finish(svg, `So sánh hai nhiệm kỳ: ${terms.map(termLabel).join(" và ")}`, description, legend, width, fs, 0);
}

export interface SlideProfileOptions {
  width: number;
  height: number;
  year: number;
  unitLabel: string;
  referenceLabel: string | null;
  /** The reference's colour: COLORS.province for the province (default), COLORS.reference for a committee. */
  referenceColor?: string;
  rows: {indicator: IndicatorMeta; value: number | null; reference: number | null}[];
  fontSize?: number;
}

/**
 * Indicators that have a target, each on its own 0–100 % line: a dot for the unit (a diamond when short of the
 * target), a ring for the level above, a tick for the target; the gap to the target written on the right.
 */
export function slideProfileChart(opts: SlideProfileOptions): HTMLElement {
  const {width, height, year, unitLabel: uLabel, referenceLabel, rows} = opts;
  const fs = Math.max(MIN_CHART_FONT, opts.fontSize ?? SLIDE_CHART_FONT);
  const shown = rows.filter((r) => r.indicator.target != null);
  const legend: LegendItem[] = [
    {label: uLabel, color: COLORS.highlight, shape: "dot"},
    ...(referenceLabel ? [{label: referenceLabel, color: opts.referenceColor ?? COLORS.province, shape: "ring" as const}] : []),
    {label: "mục tiêu", color: COLORS.target, shape: "tick"}
  ];
  const legendHeight = layoutLegend(legend, width, fs).height;
  const marginTop = legendHeight + 8;
  const marginBottom = Math.round(fs * 1.8);
  const maxLabel = Math.round(width * 0.36);
  const names = new Map(shown.map((r) => [r.indicator.indicator, fitLabel(r.indicator.short, maxLabel, fs)]));
  const marginLeft = Math.max(...[...names.values()].map((t) => textWidth(t, fs))) + 16;
  const gapText = (r: (typeof shown)[number]) => {
    const m = meetsTarget(r.value, r.indicator);
    if (m == null) return "–";
    if (m) return "đạt";
    const gap = formatDelta(Math.abs(r.value! - r.indicator.target!), r.indicator.kind).replace(/^\+/, "");
    return /[1-9]/.test(gap.replace(/điểm.*/, "")) ? `cách ${gap}` : "gần đạt";
  };
  const gaps = shown.map(gapText);
  const marginRight = Math.max(...gaps.map((t) => textWidth(t, fs, 600))) + 20;
  const all = shown.flatMap((r) => [r.value, r.reference, r.indicator.target]).filter((v): v is number => v != null);
  const lo = all.length ? Math.max(0, Math.floor((Math.min(...all) - 0.02) * 10) / 10) : 0;
  const rowHeight = (height - marginTop - marginBottom) / Math.max(1, shown.length);
  const svg = Plot.plot({
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    style: style(fs),
    x: {domain: [lo, 1], grid: true, tickFormat: formatTick("share"), ticks: 5, label: null, axis: "bottom"},
    y: {domain: shown.map((r) => r.indicator.indicator), tickFormat: (i: string) => names.get(i) ?? i, tickSize: 0, tickPadding: 10, label: null},
    marks: [
      Plot.ruleY(shown, {y: (r: (typeof shown)[number]) => r.indicator.indicator, x1: lo, x2: 1, stroke: "#e3e6ea", strokeWidth: Math.min(rowHeight - 10, fs * 1.6)}),
      Plot.tickX(shown, {x: (r: (typeof shown)[number]) => r.indicator.target, y: (r: (typeof shown)[number]) => r.indicator.indicator, stroke: COLORS.target, strokeWidth: 4, insetTop: rowHeight * 0.2, insetBottom: rowHeight * 0.2}),
      ...(referenceLabel
        ? [Plot.dot(shown, {x: "reference", y: (r: (typeof shown)[number]) => r.indicator.indicator, r: fs * 0.45, stroke: opts.referenceColor ?? COLORS.province, strokeWidth: 3, fill: "white"})]
        : []),
      Plot.dot(shown, {
        x: "value",
        y: (r: (typeof shown)[number]) => r.indicator.indicator,
        r: fs * 0.42,
        fill: COLORS.highlight,
        stroke: "white",
        symbol: (r: (typeof shown)[number]) => (meetsTarget(r.value, r.indicator) === false ? "diamond" : "circle")
      }),
      Plot.text(shown, {
        x: 1,
        y: (r: (typeof shown)[number]) => r.indicator.indicator,
        text: (_: unknown, i: number) => gaps[i],
        dx: 14,
        textAnchor: "start",
        fill: (r: (typeof shown)[number]) => (meetsTarget(r.value, r.indicator) ? COLORS.met : COLORS.bad),
        fontWeight: 600
      })
    ]
  }) as SVGSVGElement;
  const description = shown
    .map(
      (r) =>
        `${r.indicator.name}: ${formatValue(r.value, r.indicator.kind)}` +
        (referenceLabel ? ` (${referenceLabel}: ${formatValue(r.reference, r.indicator.kind)})` : "") +
        `; mục tiêu ${formatValue(r.indicator.target, r.indicator.kind, 0)}, ${meetsTarget(r.value, r.indicator) ? "đạt" : "chưa đạt"}`
    )
    .join("; ");
  return finish(svg, `Các chỉ tiêu có mục tiêu của ${uLabel} năm ${year}`, description, legend, width, fs, 0);
}
