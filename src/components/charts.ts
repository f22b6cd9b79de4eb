// Chart components: "data and width in, a Plot figure out". Plot is imported from node_modules (bundled by
// Framework into _node/), never the implicit Plot global or npm: (those reach the CDN).
import * as Plot from "@observablehq/plot";
import {formatNumber, formatPercent, formatPercentTick, formatPointChange, shortUnitName} from "./format.js";
import {getIndicator, missingReports, yearValue} from "./overview-data.js";
import type {Overview, Unit} from "./overview-data.js";
import {fitLabels, fitTicks, textWidth, yearTicks} from "./axis-fit.js";
import {changeTone} from "./indicator-direction.js";

/** Colour-blind-safe palette (Okabe–Ito hues, plus neutral greys). */
export const COLORS = {
  province: "#0b5fa5", // deep blue: the province (toàn tỉnh)
  highlight: "#7b3294", // purple: the unit picked by the reader (the first picker colour; never the orange of "kém đi")
  committee: "#9aa3ad", // grey: the other committees
  reference: "#333333", // near black: a reference that is not the province (the committee of compared units)
  target: "#009e73", // bluish green: the target
  met: "#00845f", // darker bluish green: target met (circle)
  unmet: "#8a939c", // grey: target not met (diamond); shape carries the meaning too
  good: "#0b5fa5", // change in the right direction
  bad: "#b84a00", // change in the wrong direction
  change: "#5a6470", // change of an indicator with no better direction (neither good nor bad)
  thin: "#b3bac2", // a unit with too little data to be ranked ("ít dữ liệu")
  muted: "#6b7580"
} as const;

/** Text colours of the site (each ≥ 4.5:1 on white; test/components/palette.test.ts checks them). */
export const TEXT_COLORS = {
  body: "#1b1e23",
  muted: COLORS.muted,
  lede: "#4b535c", // the grey intro text (.lede in style.css)
  good: COLORS.good,
  bad: COLORS.bad,
  target: "#007a5a"
} as const;

export const FONT = "var(--sans-serif)";
export const plotStyle = (fontSize = 13) => ({fontFamily: FONT, fontSize: `${fontSize}px`, overflow: "visible"});

interface TrendPoint {
  unit: string;
  name: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  isProvince: boolean;
}

/** Years × units grid with null where a unit did not report, so that lines break (a gap, not a zero). */
function trendGrid(data: Overview, indicator: string, units: Unit[]): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const unit of units) {
    for (const year of data.years) {
      const v = yearValue(data, unit.code, indicator, year);
      points.push({
        unit: unit.code,
        name: unit.name,
        year,
        value: v?.value ?? null,
        numerator: v?.numerator ?? null,
        denominator: v?.denominator ?? null,
        isProvince: unit.code === data.province.code
      });
    }
  }
  return points;
}

/** A share domain that includes the data and the target, padded and clamped to [0, 1]. */
export function shareDomain(values: (number | null | undefined)[], target: number | null, pad = 0.01): [number, number] {
  const xs = values.filter((v): v is number => v != null && Number.isFinite(v));
  if (target != null) xs.push(target);
  if (!xs.length) return [0, 1];
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  const max = hi;
  lo = Math.max(0, Math.floor((lo - pad) * 40) / 40); // round down to 2,5 %
  hi = Math.ceil((hi + pad) * 40) / 40;
  if (max <= 1) hi = Math.min(1, hi); // shares stay within 100 % unless the data says otherwise
  if (hi - lo < 0.1) lo = Math.max(0, hi - 0.1);
  return [lo, hi];
}

// Spreads end-of-line labels apart (kept in axis-fit.ts with the other text-fitting rules).
export {spreadLabels} from "./axis-fit.js";

/** Marks the chart's SVG as one image for assistive technology (its aria-label/description are the text). */
export function asImage<T extends Element>(chart: T): T {
  // The plot is the last SVG of the figure (a colour legend, when there is one, comes first).
  const svg = chart instanceof SVGSVGElement ? chart : [...chart.querySelectorAll(":scope > svg")].at(-1);
  svg?.setAttribute("role", "img");
  // Plot puts a <style> element in every SVG; inserting one makes the browser recompute the styles of the whole
  // page. The same rules are in style.css once for all charts (svg[class^="plot-"]), so these are removed.
  for (const style of chart.querySelectorAll(":scope > svg > style, :scope > style")) style.remove();
  if (chart instanceof SVGSVGElement) chart.querySelector(":scope > style")?.remove();
  return chart;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** A legend entry: a short line (solid or dashed) and its label. */
export function swatch(color: string, label: string, {dash = false, width = 3} = {}): HTMLElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", "22");
  svg.setAttribute("height", "10");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
  line.setAttribute("x1", "1");
  line.setAttribute("x2", "21");
  line.setAttribute("y1", "5");
  line.setAttribute("y2", "5");
  line.setAttribute("stroke", color);
  line.setAttribute("stroke-width", String(width));
  line.setAttribute("stroke-linecap", "round");
  if (dash) line.setAttribute("stroke-dasharray", "4 3");
  svg.append(line);
  return el("span", {class: "legend-item"}, svg, label);
}

export interface TrendOptions {
  width: number;
  indicator: string;
  /** Committee code to draw in colour with its label; the others stay grey. */
  highlight?: string | null;
  height?: number;
  /** Show the Plot title/subtitle (the page may give its own heading). */
  title?: boolean;
}

/**
 * Lines 2016–2022 of one indicator: every committee in grey, the province emphasised, an optional highlighted
 * committee, the target as a dashed rule; y in %, x in years; a tooltip names the committee under the pointer.
 */
export function trendChart(data: Overview, {width, indicator, highlight = null, height, title = true}: TrendOptions) {
  const ind = getIndicator(data, indicator);
  const units = [data.province, ...data.committees];
  const grid = trendGrid(data, indicator, units);
  const province = grid.filter((d) => d.isProvince);
  const highlighted = highlight ? grid.filter((d) => d.unit === highlight) : [];
  const others = grid.filter((d) => !d.isProvince && d.unit !== highlight);
  const [y0, y1] = shareDomain(grid.map((d) => d.value), ind.target);
  const compact = width < 460;
  const chartHeight = height ?? (compact ? 300 : 380);
  const marginTop = 16;
  const marginBottom = 32;
  const marginLeft = 48;
  const marginRight = compact ? 96 : 150;
  const first = data.firstYear ?? data.years[0];
  const last = data.latestYear ?? data.years[data.years.length - 1];

  // End-of-line labels in the right margin, spread so they never overlap.
  const innerHeight = chartHeight - marginTop - marginBottom;
  const py = (v: number) => marginTop + (1 - (v - y0) / (y1 - y0)) * innerHeight;
  const unpy = (p: number) => y0 + (1 - (p - marginTop) / innerHeight) * (y1 - y0);
  const lastValue = (points: TrendPoint[]) => [...points].reverse().find((d) => d.value != null);
  const labels: {text: string; color: string; py: number; weight: string}[] = [];
  const pLast = lastValue(province);
  if (pLast?.value != null) {
    labels.push({text: `Toàn tỉnh ${formatPercent(pLast.value)}`, color: COLORS.province, py: py(pLast.value), weight: "700"});
  }
  const hLast = lastValue(highlighted);
  if (hLast?.value != null) {
    const name = shortUnitName(hLast.name);
    labels.push({text: `${name} ${formatPercent(hLast.value)}`, color: COLORS.highlight, py: py(hLast.value), weight: "600"});
  }
  if (ind.target != null) {
    labels.push({text: `Mục tiêu ${formatPercent(ind.target, 0)}`, color: COLORS.target, py: py(ind.target), weight: "500"});
  }
  // On a phone a label takes two lines ("Toàn tỉnh" / "98,5 %"): stacked two lines apart; those that do not fit are dropped.
  const shownLabels = fitLabels(labels, compact ? 30 : 17, marginTop, chartHeight - marginBottom);
  const xTicks = yearTicks(data.years.filter((y) => y >= first && y <= last), width - marginLeft - marginRight - 16, compact ? 12 : 13);

  const tipTitle = (d: TrendPoint) =>
    [
      d.name,
      `Năm ${d.year}: ${formatPercent(d.value)}`,
      d.numerator != null && d.denominator != null ? `(${formatNumber(d.numerator)} / ${formatNumber(d.denominator)})` : null
    ]
      .filter(Boolean)
      .join("\n");

  const description = trendDescription(data, indicator);
  const highlightUnit = highlight ? data.committees.find((c) => c.code === highlight) : undefined;
  const legend = el(
    "span",
    {class: "chart-legend"},
    swatch(COLORS.province, "Toàn tỉnh", {width: 4}),
    ...(highlightUnit ? [swatch(COLORS.highlight, shortUnitName(highlightUnit.name))] : []),
    swatch(COLORS.committee, `${data.committees.length - (highlightUnit ? 1 : 0)} đảng bộ trực thuộc`, {width: 2}),
    ...(ind.target != null ? [swatch(COLORS.target, "Mục tiêu", {dash: true, width: 2})] : [])
  );

  return asImage(Plot.plot({
    width,
    height: chartHeight,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    title: title ? `${ind.name}, ${first}–${last}` : undefined,
    subtitle: legend,
    ariaLabel: `Biểu đồ đường: ${ind.name}, toàn tỉnh và ${data.committees.length} đảng bộ trực thuộc, ${first}–${last}`,
    ariaDescription: description,
    style: plotStyle(compact ? 12 : width >= 700 ? 14 : 13),
    x: {
      domain: [first, last],
      ticks: xTicks,
      tickFormat: (d: number) => String(d),
      label: null,
      inset: 8
    },
    y: {
      domain: [y0, y1],
      grid: true,
      tickFormat: formatPercentTick,
      ticks: Math.max(3, Math.round((chartHeight - 60) / 50)),
      label: null
    },
    marks: [
      ...(ind.target != null
        ? [Plot.ruleY([ind.target], {stroke: COLORS.target, strokeWidth: 1.5, strokeDasharray: "6 4"})]
        : []),
      Plot.line(others, {
        x: "year",
        y: "value",
        z: "unit",
        stroke: COLORS.committee,
        strokeWidth: 1.4,
        strokeOpacity: 0.75,
        curve: "linear"
      }),
      // Isolated points (a year between two gaps) would vanish as lines: small dots keep them visible.
      Plot.dot(others, {x: "year", y: "value", r: 1.8, fill: COLORS.committee, fillOpacity: 0.9}),
      Plot.line(highlighted, {x: "year", y: "value", stroke: COLORS.highlight, strokeWidth: 2.75}),
      Plot.dot(highlighted, {x: "year", y: "value", r: 3.5, fill: COLORS.highlight, stroke: "white", strokeWidth: 1}),
      Plot.line(province, {x: "year", y: "value", stroke: COLORS.province, strokeWidth: 4}),
      Plot.dot(province, {x: "year", y: "value", r: 4.5, fill: COLORS.province, stroke: "white", strokeWidth: 1.5}),
      // fontWeight is a constant option in Plot, hence one text mark per label.
      ...shownLabels.map((label) =>
        Plot.text([label], {
          x: () => last,
          y: (d: {py: number}) => unpy(d.py),
          text: "text",
          fill: label.color,
          fontWeight: label.weight,
          textAnchor: "start",
          dx: compact ? 10 : 14,
          lineWidth: compact ? 7 : 12,
          clip: false
        })
      ),
      Plot.dot(grid, Plot.pointer({x: "year", y: "value", r: 6, stroke: "currentColor", strokeWidth: 1.5, fill: "none"})),
      Plot.tip(grid, Plot.pointer({x: "year", y: "value", title: tipTitle, fontSize: 13, lineHeight: 1.35}))
    ]
  }));
}

/** Text alternative for the trend chart: province trend, best and worst committee in the latest year, gaps. */
export function trendDescription(data: Overview, indicator: string): string {
  const ind = getIndicator(data, indicator);
  const first = data.firstYear;
  const last = data.latestYear;
  const p0 = yearValue(data, data.province.code, indicator, first)?.value ?? null;
  const p1 = yearValue(data, data.province.code, indicator, last)?.value ?? null;
  const parts = [
    `Toàn tỉnh: ${formatPercent(p0)} năm ${first}, ${formatPercent(p1)} năm ${last}` +
      (p0 != null && p1 != null ? ` (${formatPointChange(p1 - p0)})` : "") +
      (ind.target != null ? `; mục tiêu ${formatPercent(ind.target, 0)}.` : ".")
  ];
  const latest = data.committees
    .map((c) => ({c, v: yearValue(data, c.code, indicator, last)?.value ?? null}))
    .filter((d): d is {c: Unit; v: number} => d.v != null)
    .sort((a, b) => b.v - a.v);
  if (latest.length) {
    const best = latest[0];
    const worst = latest[latest.length - 1];
    parts.push(
      `Năm ${last}, cao nhất: ${best.c.name} (${formatPercent(best.v)}); thấp nhất: ${worst.c.name} (${formatPercent(worst.v)}).`
    );
  }
  const missing = missingReports(data, indicator);
  if (missing.length) {
    parts.push(`Không có số liệu: ${missing.map((m) => `${m.unit.name} năm ${m.year}`).join("; ")}.`);
  }
  return parts.join(" ");
}

export interface ChangeOptions {
  width: number;
  indicator: string;
  highlight?: string | null;
  title?: boolean;
}

interface ChangeRow {
  unit: string;
  label: string;
  name: string;
  from: number | null;
  fromYear: number | null;
  to: number | null;
  /** Denominators of the two years (the case counts behind the change), when published. */
  fromDenominator: number | null;
  toDenominator: number | null;
  isProvince: boolean;
}

/**
 * First year → latest year per unit (province on top, committees sorted by the latest value): an arrow shows
 * the change, a dot the latest value (green circle: target met, grey diamond: not met), and the values are written out.
 */
export function changeChart(data: Overview, {width, indicator, highlight = null, title = true}: ChangeOptions) {
  const ind = getIndicator(data, indicator);
  const first = data.firstYear;
  const last = data.latestYear;
  const rows: ChangeRow[] = [data.province, ...data.committees].map((u) => {
    // First available year, in case a committee did not report in the first year.
    const fromRow = data.years.map((y) => yearValue(data, u.code, indicator, y)).find((v) => v?.value != null);
    const isProvince = u.code === data.province.code;
    return {
      unit: u.code,
      label: isProvince ? "Toàn tỉnh" : shortUnitName(u.name),
      name: u.name,
      from: fromRow?.value ?? null,
      fromYear: fromRow?.year ?? null,
      to: yearValue(data, u.code, indicator, last)?.value ?? null,
      fromDenominator: fromRow?.denominator ?? null,
      toDenominator: yearValue(data, u.code, indicator, last)?.denominator ?? null,
      isProvince
    };
  });
  const committeesSorted = rows
    .filter((r) => !r.isProvince)
    .sort((a, b) => (b.to ?? -1) - (a.to ?? -1) || a.label.localeCompare(b.label, "vi"));
  const order = [...rows.filter((r) => r.isProvince), ...committeesSorted];
  const [x0, x1] = shareDomain(rows.flatMap((r) => [r.from, r.to]), ind.target);
  const meets = (v: number | null) =>
    v != null && ind.target != null && (ind.higherIsBetter ? v >= ind.target : v <= ind.target);
  const rowHeight = 28;
  const marginTop = 30;
  const marginBottom = 30;
  const compact = width < 420;
  const marginLeft = compact ? 112 : 136;
  const marginRight = compact ? 110 : 124;
  const deltaDx = compact ? 58 : 66;
  const withArrow = order.filter((r) => r.from != null && r.to != null && r.from !== r.to);
  const withValue = order.filter((r) => r.to != null);
  const noData = order.filter((r) => r.to == null);
  const change = (r: ChangeRow) => (r.from != null && r.to != null ? r.to - r.from : null);
  const improving = (r: ChangeRow) => {
    const tone = changeTone(change(r), ind);
    return tone === "good" ? true : tone === "bad" ? false : null;
  };

  return asImage(Plot.plot({
    width,
    height: marginTop + marginBottom + rowHeight * order.length,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    className: "change-chart",
    title: title ? `Thay đổi ${first} → ${last}` : undefined,
    subtitle: el(
      "span",
      {class: "chart-legend"},
      el("span", {class: "legend-item"}, el("span", {class: "legend-dot", style: `background:${COLORS.met}`}), "đạt mục tiêu"),
      el("span", {class: "legend-item"}, el("span", {class: "legend-dot legend-diamond", style: `background:${COLORS.unmet}`}), "chưa đạt"),
      ...(ind.target != null ? [swatch(COLORS.target, "mục tiêu", {dash: true, width: 2})] : []),
      el("span", {class: "legend-item legend-arrow"}, `mũi tên: ${first} → ${last}`)
    ),
    ariaLabel: `Biểu đồ thay đổi ${ind.name} từ ${first} đến ${last}, theo đảng bộ trực thuộc`,
    ariaDescription: order
      .map((r) => `${r.name}: ${formatPercent(r.from)} (${r.fromYear ?? "–"}) → ${formatPercent(r.to)} (${last})`)
      .join("; "),
    style: plotStyle(compact ? 12 : width >= 700 ? 14 : 13),
    // As many round ticks as fit the plot's width (on a phone the plot is narrow: two or three).
    x: {domain: [x0, x1], grid: true, tickFormat: formatPercentTick, ticks: fitTicks(x0, x1, width - marginLeft - marginRight, textWidth("100 %", compact ? 12 : 13)).slice(0, 5), label: null, axis: "bottom"},
    y: {
      domain: order.map((r) => r.unit),
      tickFormat: (code: string) => order.find((r) => r.unit === code)?.label ?? code,
      tickSize: 0,
      tickPadding: 8,
      label: null
    },
    marks: [
      // A light band behind the province row and the highlighted committee, under their labels too.
      Plot.barX(order.filter((r) => r.isProvince || r.unit === highlight), {
        x1: x0,
        x2: x1,
        y: "unit",
        fill: (r: ChangeRow) => (r.isProvince ? COLORS.province : COLORS.highlight),
        fillOpacity: 0.09,
        insetLeft: -marginLeft + 2,
        insetRight: -marginRight + 2,
        insetTop: 1,
        insetBottom: 1
      }),
      ...(ind.target != null
        ? [Plot.ruleX([ind.target], {stroke: COLORS.target, strokeWidth: 1.5, strokeDasharray: "6 4"})]
        : []),
      Plot.arrow(withArrow, {
        x1: "from",
        x2: "to",
        y: "unit",
        stroke: (r: ChangeRow) => (r.isProvince ? COLORS.province : r.unit === highlight ? COLORS.highlight : COLORS.muted),
        strokeWidth: (r: ChangeRow) => (r.isProvince ? 2.5 : 1.6),
        headLength: 7,
        insetEnd: 5
      }),
      Plot.dot(withValue, {
        x: "to",
        y: "unit",
        r: (r: ChangeRow) => (r.isProvince ? 6 : 5),
        fill: (r: ChangeRow) => (meets(r.to) ? COLORS.met : COLORS.unmet),
        stroke: "white",
        strokeWidth: 1,
        symbol: (r: ChangeRow) => (meets(r.to) ? "circle" : "diamond"),
        title: (r: ChangeRow) =>
          `${r.name}\n${r.fromYear ?? first}: ${formatPercent(r.from)}${r.fromDenominator != null ? ` (mẫu số ${formatNumber(r.fromDenominator)})` : ""}` +
          `\n${last}: ${formatPercent(r.to)}${r.toDenominator != null ? ` (mẫu số ${formatNumber(r.toDenominator)})` : ""}` +
          (change(r) != null ? `\nThay đổi: ${formatPointChange(change(r))}` : "")
      }),
      // Two aligned columns in the right margin: the latest value and the change in points.
      Plot.text([`${last}`], {x: x1, frameAnchor: "top", dy: -16, dx: 10, textAnchor: "start", fill: COLORS.muted}),
      Plot.text(["± điểm %"], {x: x1, frameAnchor: "top", dy: -16, dx: deltaDx, textAnchor: "start", fill: COLORS.muted}),
      // fontWeight is a constant option in Plot: the province row (bold) and the committees are separate marks.
      ...[withValue.filter((r) => r.isProvince), withValue.filter((r) => !r.isProvince)].flatMap((rows, k) => [
        Plot.text(rows, {
          x: x1,
          y: "unit",
          text: (r: ChangeRow) => formatPercent(r.to),
          dx: 10,
          textAnchor: "start",
          fontWeight: k === 0 ? 700 : 400,
          fill: "currentColor"
        }),
        Plot.text(rows, {
          x: x1,
          y: "unit",
          text: (r: ChangeRow) => formatPointChange(change(r), 1, {unit: false}),
          dx: deltaDx,
          textAnchor: "start",
          fontWeight: k === 0 ? 700 : 400,
          fill: (r: ChangeRow) => (improving(r) == null ? COLORS.muted : improving(r) ? COLORS.good : COLORS.bad)
        })
      ]),
      Plot.text(noData, {
        x: x0,
        y: "unit",
        text: () => `không có số liệu ${last}`,
        dx: 6,
        textAnchor: "start",
        fill: COLORS.muted,
        fontStyle: "italic"
      })
    ]
  }));
}

export interface SparkOptions {
  width: number;
  indicator: string;
  height?: number;
}

/** A small province trend line for a headline card (decorative: the card states the figures in text). */
export function sparkline(data: Overview, {width, indicator, height = 54}: SparkOptions) {
  const ind = getIndicator(data, indicator);
  const points = data.years.map((year) => ({year, value: yearValue(data, data.province.code, indicator, year)?.value ?? null}));
  const [y0, y1] = shareDomain(points.map((d) => d.value), ind.target, 0.01);
  const first = data.firstYear ?? data.years[0];
  const last = data.latestYear ?? data.years[data.years.length - 1];
  const svg = Plot.plot({
    width,
    height: height + 16,
    margin: 6,
    marginLeft: 14,
    marginRight: 14,
    marginBottom: 20,
    axis: null,
    style: plotStyle(12),
    x: {domain: [first, last]},
    y: {domain: [y0, y1]},
    marks: [
      Plot.axisX({ticks: [first, last], tickSize: 0, tickPadding: 4, tickFormat: (d: number) => String(d), label: null, fill: COLORS.muted}),
      ...(ind.target != null
        ? [Plot.ruleY([ind.target], {stroke: COLORS.target, strokeWidth: 1, strokeDasharray: "4 3"})]
        : []),
      Plot.areaY(points, {x: "year", y1: y0, y2: "value", fill: COLORS.province, fillOpacity: 0.08}),
      Plot.line(points, {x: "year", y: "value", stroke: COLORS.province, strokeWidth: 2.5}),
      Plot.dot(points.slice(-1), {x: "year", y: "value", r: 3.5, fill: COLORS.province})
    ]
  });
  svg.setAttribute("aria-hidden", "true");
  return svg;
}
