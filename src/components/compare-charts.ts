// Chart components for comparing units (So sánh đơn vị, Đơn vị, Trình chiếu): data and width in, a Plot figure out.
// Plot is imported from node_modules (bundled by Framework), never the implicit global or npm: (those reach the CDN).
import * as Plot from "@observablehq/plot";
import {COLORS, asImage, el, plotStyle, shareDomain, spreadLabels, swatch} from "./charts.js";
import {fitLabels, fitTicks, textWidth, thinTicks, yearTicks} from "./axis-fit.js";
import {readableOn} from "./contrast.js";
import {formatNumber, unitLabel} from "./format.js";
import {changeTone, indicatorDirection} from "./indicator-direction.js";
import {deltaUnit, formatDelta, formatTick, formatValue, meetsTarget} from "./series.js";
import type {IndicatorMeta, Measure, RankRow, TrendRow} from "./series.js";

/**
 * Line colours for units picked by the reader: distinct hues, each at least 3:1 against white, none of them the
 * province's blue (also "tốt lên"), the orange of "kém đi", the green of the target or the near black of a
 * committee as reference; five at most, so that they stay distinct.
 */
export const PICK_COLORS = ["#7b3294", "#c51b7d", "#4d7c0f", "#795548", "#607d8b"];
export const MAX_PICKS = PICK_COLORS.length;

export interface Reference {
  /** e.g. "Toàn tỉnh" or the committee's short name. */
  label: string;
  value: number | null;
  /** COLORS.province when the reference is the province (its one colour on every page); else COLORS.reference. */
  color?: string;
}

/** A ranking row, with its denominator and whether it is below the minimum ("ít dữ liệu") when known. */
export type RankingRow = RankRow & {denominator?: number | null; thin?: boolean};

/** "Mẫu số 72" for tooltips, or nothing when the denominator is unknown. */
export function denominatorText(d: number | null | undefined): string {
  return d == null ? "" : `Mẫu số: ${formatNumber(d)}`;
}

export interface RankingOptions {
  width: number;
  indicator: IndicatorMeta;
  measure?: Measure;
  /** Year of the values (the last year of the range). */
  year: number;
  /** First year of the range (base of the change). */
  fromYear?: number;
  /** A reference line: the province, or the committee of the grassroots organisations. */
  reference?: Reference | null;
  /** Codes to draw in colour (the units picked for the trend lines), with their colours. */
  colors?: Map<string, string>;
  title?: string | null;
  /** Maximum label length on the y axis. */
  labelLength?: number;
  /** Font size (the slides use larger type). */
  fontSize?: number;
  /** Pixel height of a row. */
  rowHeight?: number;
  /** A link for a unit's mark (e.g. its page), or null for none. */
  href?: ((code: string) => string | null) | null;
}

/**
 * Ranking: one horizontal bar per unit, best first, the value written at the end of each bar; a dashed line for
 * the reference (province or committee) and for the target. In change mode the bars start at 0 and are blue when
 * the change is good, orange when bad. Units without a value are listed at the bottom as "không có số liệu".
 */
export function rankingChart(rows: RankingRow[], opts: RankingOptions) {
  const {width, indicator: ind, measure = "value", year, fromYear, reference = null, colors = new Map(), title = null} = opts;
  const fontSize = opts.fontSize ?? (width < 460 ? 12 : 13);
  const rowHeight = opts.rowHeight ?? Math.max(20, Math.round(fontSize * 1.75));
  const labelLength = opts.labelLength ?? (width < 460 ? 18 : 30);
  const withValue = rows.filter((r) => r.value != null);
  const ranked = withValue.filter((r) => r.rank != null);
  const values = withValue.map((r) => r.value as number);
  const isChange = measure === "change";
  const neutral = indicatorDirection(ind) === "neutral";
  const refColor = reference?.color ?? COLORS.reference;
  const ref = isChange ? null : reference;
  const target = isChange ? null : ind.target;
  let domain: [number, number];
  if (isChange) {
    const m = Math.max(ind.kind === "share" ? 0.01 : 1, ...values.map(Math.abs));
    domain = [Math.min(0, ...values) < 0 ? -m * 1.05 : 0, Math.max(0, ...values) > 0 ? m * 1.05 : 0];
    if (domain[0] === domain[1]) domain = [-m, m];
  } else if (ind.kind === "share") {
    domain = shareDomain([...values, ref?.value ?? null], target);
  } else {
    // Scores: a dot plot need not start at 0; round the range out to steps of 5.
    const all = [...values, ref?.value ?? null, target].filter((v): v is number => v != null);
    const lo = all.length ? Math.min(...all) : 0;
    const hi = all.length ? Math.max(...all) : 1;
    domain = [Math.max(0, Math.floor((lo - 2) / 5) * 5), Math.ceil((hi + 1) / 5) * 5];
  }
  const marginLeft = Math.min(Math.round(width * 0.42), Math.round(fontSize * 0.6 * labelLength) + 16);
  const marginRight = Math.round(fontSize * 4.8);
  const order = rows.map((r) => r.code);
  // Each label cut to what the left margin holds (a rank prefix included), so that none runs off the chart.
  const fits = Math.max(6, Math.floor((marginLeft - 8) / (fontSize * 0.62)));
  const label = new Map(
    rows.map((r) => {
      const prefix = r.rank != null ? `${r.rank}. ` : "";
      return [r.code, `${prefix}${unitLabel(r.name, Math.min(labelLength, fits - prefix.length))}`];
    })
  );
  const fmt = (v: number | null) => (isChange ? formatDelta(v, ind.kind, {unit: false}) : formatValue(v, ind.kind));
  // Change: coloured by what the change means for this indicator (never by the picker, whose colours are not
  // those of the legend); picked units get an outline in their colour. Units with little data are grey.
  const fill = (r: RankingRow) => {
    if (r.thin) return COLORS.thin;
    if (isChange) {
      const tone = changeTone(r.value, ind);
      return tone === "good" ? COLORS.good : tone === "bad" ? COLORS.bad : COLORS.change;
    }
    return colors.get(r.code) ?? COLORS.province;
  };
  const what = isChange ? `Thay đổi ${fromYear ?? ""}–${year} (${deltaUnit(ind.kind)})` : `${ind.short}, năm ${year}`;
  const best = ranked[0] ?? withValue[0];
  const worst = ranked[ranked.length - 1] ?? withValue[withValue.length - 1];
  const description =
    (withValue.length
      ? `Xếp hạng ${ranked.length} đơn vị theo ${what.toLowerCase()}. Cao nhất: ${best.name} (${fmt(best.value)}); thấp nhất: ${worst.name} (${fmt(worst.value)}).`
      : "Không có đơn vị nào có số liệu.") +
    (withValue.some((r) => r.thin) ? ` ${withValue.filter((r) => r.thin).length} đơn vị ít dữ liệu${withValue.some((r) => r.thin && r.rank == null) ? " không được xếp hạng" : ""}.` : "") +
    (ref?.value != null ? ` ${ref.label}: ${fmt(ref.value)}.` : "") +
    (rows.length > withValue.length ? ` ${rows.length - withValue.length} đơn vị không có số liệu.` : "");
  const legend = el(
    "span",
    {class: "chart-legend"},
    ...(ref?.value != null ? [swatch(refColor, `${ref.label} ${fmt(ref.value)}`, {dash: true, width: 2})] : []),
    ...(target != null ? [swatch(COLORS.target, `Mục tiêu ${formatValue(target, ind.kind, 0)}`, {dash: true, width: 2})] : []),
    ...(isChange && !neutral
      ? [
          el("span", {class: "legend-item"}, el("span", {class: "legend-box", style: `background:${COLORS.good}`}), "tốt lên"),
          el("span", {class: "legend-item"}, el("span", {class: "legend-box", style: `background:${COLORS.bad}`}), "kém đi")
        ]
      : []),
    ...(isChange && neutral
      ? [el("span", {class: "legend-item"}, el("span", {class: "legend-box", style: `background:${COLORS.change}`}), "thay đổi (không phân tốt xấu)")]
      : []),
    ...(isChange && colors.size ? [el("span", {class: "legend-item"}, el("span", {class: "legend-box legend-outline"}), "viền: đơn vị đang chọn")] : []),
    ...(withValue.some((r) => r.thin) ? [el("span", {class: "legend-item"}, el("span", {class: "legend-box", style: `background:${COLORS.thin}`}), "ít dữ liệu")] : [])
  );
  return asImage(
    Plot.plot({
      width,
      height: 34 + 12 + rowHeight * Math.max(1, rows.length),
      marginTop: 34,
      marginBottom: 12,
      marginLeft,
      marginRight,
      title: title ?? undefined,
      subtitle: legend,
      ariaLabel: `Biểu đồ xếp hạng: ${ind.name}, ${what}`,
      ariaDescription: description,
      className: "ranking-chart",
      style: plotStyle(fontSize),
      x: {domain, grid: true, tickFormat: formatTick(ind.kind, measure), ticks: fitTicks(domain[0], domain[1], width - marginLeft - marginRight, textWidth(isChange ? "+10,0" : "100 %", fontSize), 24), label: null, axis: "top"},
      y: {domain: order, label: null, axis: null},
      marks: [
        // Two axes: the labels of units with little data are grey (an axis has one colour).
        Plot.axisY(rows.filter((r) => !r.thin).map((r) => r.code), {tickFormat: (code: string) => label.get(code) ?? code, tickSize: 0, tickPadding: 6, label: null}),
        Plot.axisY(rows.filter((r) => r.thin).map((r) => r.code), {tickFormat: (code: string) => label.get(code) ?? code, tickSize: 0, tickPadding: 6, label: null, fill: COLORS.muted, className: "thin-labels"}),
        // Changes are bars from 0; values are dots on a line (a bar from a cut-off axis would exaggerate gaps).
        ...(isChange
          ? []
          : [Plot.ruleY(withValue, {y: "code", x1: domain[0], x2: "value", stroke: (r: RankingRow) => (r.thin ? "#d5d9de" : colors.has(r.code) ? colors.get(r.code)! : "#b9c6d3"), strokeWidth: 2})]),
        (isChange ? Plot.barX : (Plot.dot as unknown as typeof Plot.barX))(withValue, {
          ...(isChange
            ? {x1: 0, x2: "value", stroke: (r: RankingRow) => colors.get(r.code) ?? "none", strokeWidth: 2.5}
            : {x: "value", r: Math.max(4, rowHeight * 0.26), stroke: "white", strokeWidth: 1}),
          y: "code",
          fill,
          ...(opts.href ? {href: (r: RankingRow) => opts.href!(r.code), target: "_self"} : {}),
          ...(isChange ? {insetTop: rowHeight > 24 ? 4 : 2.5, insetBottom: rowHeight > 24 ? 4 : 2.5} : {}),
          title: (r: RankingRow) =>
            `${r.name}\n${isChange ? `${r.baseYear ?? "–"} → ${year}: ${formatDelta(r.value, ind.kind)}` : `Năm ${year}: ${formatValue(r.value, ind.kind)}`}` +
            (r.denominator != null ? `\n${denominatorText(r.denominator)}` : "") +
            (r.rank != null ? `\nHạng ${r.rank}/${ranked.length}` : r.thin ? "\nÍt dữ liệu: không xếp hạng" : "")
        }),
        ...(isChange ? [Plot.ruleX([0], {stroke: "currentColor", strokeOpacity: 0.6})] : []),
        ...(target != null ? [Plot.ruleX([target], {stroke: COLORS.target, strokeWidth: 2, strokeDasharray: "6 4"})] : []),
        ...(ref?.value != null ? [Plot.ruleX([ref.value], {stroke: refColor, strokeWidth: 2, strokeDasharray: "3 3"})] : []),
        Plot.text(withValue, {
          x: domain[1],
          y: "code",
          text: (r: RankingRow) => fmt(r.value),
          dx: 8,
          textAnchor: "start",
          fill: (r: RankingRow) => (r.thin ? COLORS.muted : "currentColor"),
          fontVariant: "tabular-nums"
        }),
        Plot.text(
          rows.filter((r) => r.value == null),
          {x: domain[0], y: "code", text: () => "không có số liệu", dx: 6, textAnchor: "start", fill: COLORS.muted, fontStyle: "italic"}
        )
      ]
    })
  );
}

export interface LinesOptions {
  width: number;
  indicator: IndicatorMeta;
  measure?: Measure;
  years: number[];
  /** Colour of each unit (picked units). */
  colors: Map<string, string>;
  /** The reference series (province or committee), drawn as a thick dashed line (the province in its colour). */
  reference?: {label: string; rows: TrendRow[]; color?: string} | null;
  height?: number;
  title?: string | null;
  fontSize?: number;
  /** Show the target line (value mode only). */
  showTarget?: boolean;
  /** The denominator behind a unit's figure in a year, for the tooltips. */
  denominatorOf?: ((code: string, year: number) => number | null) | null;
}

/**
 * Trend lines of the units picked by the reader (one colour each, labelled at the end of the line) against the
 * reference series and the target. Years without a value are gaps, never zeros.
 */
export function linesChart(rows: TrendRow[], opts: LinesOptions) {
  const {width, indicator: ind, measure = "value", years, colors, reference = null, title = null} = opts;
  const isChange = measure === "change";
  const fontSize = opts.fontSize ?? (width < 460 ? 12 : 13);
  const compact = width < 520;
  const height = opts.height ?? (compact ? 300 : 380);
  const refRows = reference?.rows ?? [];
  const refColor = reference?.color ?? COLORS.reference;
  const target = !isChange && opts.showTarget !== false ? ind.target : null;
  const all = [...rows, ...refRows].map((r) => r.value).filter((v): v is number => v != null);
  let domain: [number, number];
  if (isChange) {
    const m = Math.max(ind.kind === "share" ? 0.02 : 2, ...all.map(Math.abs)) * 1.1;
    domain = [-m, m];
  } else if (ind.kind === "share") domain = shareDomain(all, target);
  else domain = [Math.max(0, Math.min(...all, target ?? Infinity) * 0.95), Math.max(...all, target ?? 0) * 1.05 || 1];
  const marginTop = isChange ? 26 : 16; // room for the axis label "↑ điểm %" above the top tick
  const marginBottom = 30;
  const marginRight = compact ? Math.round(fontSize * 5.5) : Math.round(fontSize * 13);
  const marginLeft = Math.round(fontSize * 4);
  const innerHeight = height - marginTop - marginBottom;
  const [y0, y1] = domain;
  const py = (v: number) => marginTop + (1 - (v - y0) / (y1 - y0)) * innerHeight;
  const unpy = (p: number) => y0 + (1 - (p - marginTop) / innerHeight) * (y1 - y0);
  const fmt = (v: number | null) => (isChange ? formatDelta(v, ind.kind) : formatValue(v, ind.kind));
  // Line-end figures without the unit in change mode ("+9,4"): the axis says "điểm %".
  const endFmt = (v: number | null) => (isChange ? formatDelta(v, ind.kind, {unit: false}) : formatValue(v, ind.kind));
  const last = years[years.length - 1];
  const first = years[0];
  // Lines and dots grow with the type (the slides use a large font).
  const k = Math.max(1, fontSize / 14);

  const codes = [...new Set(rows.map((r) => r.code))];
  // Line-end labels, most important first (reference, target, then the picks): one line each, cut to the margin,
  // and those that do not fit one per line are dropped (the legend names every line).
  const labels: {text: string; color: string; py: number; weight: string}[] = [];
  const lastOf = (rs: TrendRow[]) => [...rs].reverse().find((r) => r.value != null);
  // On a phone the margin holds the figure only (coloured as its line; the legend names the lines).
  const room = Math.max(4, Math.floor((marginRight - 14) / (fontSize * 0.55)));
  const fitText = (name: string, value: string) => (compact ? value : `${unitLabel(name, Math.min(18, room - value.length - 1))} ${value}`);
  const refLast = lastOf(refRows);
  if (reference && refLast?.value != null) {
    labels.push({text: fitText(reference.label, endFmt(refLast.value)), color: refColor, py: py(refLast.value), weight: "700"});
  }
  if (target != null) labels.push({text: fitText("Mục tiêu", formatValue(target, ind.kind, 0)), color: COLORS.target, py: py(target), weight: "500"});
  for (const code of codes) {
    const l = lastOf(rows.filter((r) => r.code === code));
    if (l?.value != null) labels.push({text: fitText(l.name, endFmt(l.value)), color: colors.get(code) ?? COLORS.muted, py: py(l.value), weight: "600"});
  }
  const shownLabels = fitLabels(labels, fontSize + 4, marginTop, height - marginBottom);
  const xTicks = yearTicks(years, width - marginLeft - marginRight - 20, fontSize);

  const legend = el(
    "span",
    {class: "chart-legend"},
    ...codes.map((code) => swatch(colors.get(code) ?? COLORS.muted, unitLabel(rows.find((r) => r.code === code)!.name, 28))),
    ...(reference ? [swatch(refColor, reference.label, {dash: true, width: 3})] : []),
    ...(target != null ? [swatch(COLORS.target, "Mục tiêu", {dash: true, width: 2})] : [])
  );
  const describe = (code: string, rs: TrendRow[]) => {
    const vals = rs.filter((r) => r.value != null);
    if (!vals.length) return `${rs[0]?.name ?? code}: không có số liệu`;
    return `${rs[0].name}: ${vals.map((r) => `${r.year} ${fmt(r.value)}`).join(", ")}`;
  };
  const description = [
    ...codes.map((code) => describe(code, rows.filter((r) => r.code === code))),
    ...(reference ? [describe(reference.label, refRows.map((r) => ({...r, name: reference.label})))] : [])
  ].join(". ");
  const tipTitle = (r: TrendRow) => {
    const d = opts.denominatorOf?.(r.code, r.year) ?? null;
    return `${r.name}\nNăm ${r.year}: ${fmt(r.value)}${d != null ? `\n${denominatorText(d)}` : ""}`;
  };

  return asImage(
    Plot.plot({
      width,
      height,
      marginTop,
      marginBottom,
      marginLeft,
      marginRight,
      title: title ?? undefined,
      subtitle: legend,
      ariaLabel: `Biểu đồ đường: ${ind.name}${isChange ? ", thay đổi so với năm đầu" : ""}, ${first}–${last}`,
      ariaDescription: description,
      style: plotStyle(fontSize),
      x: {domain: [first, last], ticks: xTicks, tickFormat: (d: number) => String(d), label: null, inset: 10},
      y: {domain, grid: true, tickFormat: formatTick(ind.kind, measure), ticks: Math.max(3, Math.round(innerHeight / 55)), label: isChange ? `↑ ${deltaUnit(ind.kind)}` : null, labelAnchor: "top"},
      marks: [
        ...(isChange ? [Plot.ruleY([0], {stroke: "currentColor", strokeOpacity: 0.5})] : []),
        ...(target != null ? [Plot.ruleY([target], {stroke: COLORS.target, strokeWidth: 1.5 * k, strokeDasharray: `${6 * k} ${4 * k}`})] : []),
        ...(reference
          ? [
              Plot.line(refRows, {x: "year", y: "value", stroke: refColor, strokeWidth: 3 * k, strokeDasharray: `${7 * k} ${4 * k}`}),
              Plot.dot(refRows, {x: "year", y: "value", r: 3 * k, fill: refColor})
            ]
          : []),
        Plot.line(rows, {x: "year", y: "value", z: "code", stroke: (r: TrendRow) => colors.get(r.code) ?? COLORS.muted, strokeWidth: 2.75 * k}),
        Plot.dot(rows, {x: "year", y: "value", r: 3.5 * k, fill: (r: TrendRow) => colors.get(r.code) ?? COLORS.muted, stroke: "white", strokeWidth: 1}),
        ...shownLabels.map((label) =>
          Plot.text([label], {
            x: () => last,
            y: (d: {py: number}) => unpy(d.py),
            text: "text",
            fill: label.color,
            fontWeight: label.weight,
            textAnchor: "start",
            dx: 14,
            clip: false,
            className: "line-end-label"
          })
        ),
        Plot.tip([...rows, ...refRows.map((r) => ({...r, name: reference?.label ?? r.name}))], Plot.pointer({x: "year", y: "value", title: tipTitle}))
      ]
    })
  );
}

export interface HeatmapOptions {
  width: number;
  indicator: IndicatorMeta;
  measure?: Measure;
  years: number[];
  /** Row order (unit codes), top to bottom. */
  order: string[];
  title?: string | null;
  labelLength?: number;
  /** Label of the colour legend. */
  fontSize?: number;
  /** The denominator behind a unit's figure in a year, for the tooltips. */
  denominatorOf?: ((code: string, year: number) => number | null) | null;
  /** Units with little data ("ít dữ liệu"): their names in grey. */
  thin?: Set<string> | null;
}

/**
 * Unit × year heat map: one row per unit, one column per year, the value written in each cell. Values use a
 * single-hue blue scale (darker is better; darker is higher for an indicator with no better direction); changes a
 * diverging orange–white–blue scale (blue better, orange worse), or purple–white–teal for an indicator with no
 * better direction. Cells without a value are hatched grey ("không có số liệu"). Each figure is written in the
 * darker or the lighter text colour, whichever contrasts more with its cell.
 */
export function heatmapChart(rows: TrendRow[], opts: HeatmapOptions) {
  const {width, indicator: ind, measure = "value", years, order, title = null} = opts;
  const isChange = measure === "change";
  const fontSize = opts.fontSize ?? (width < 460 ? 11 : 12);
  const labelLength = opts.labelLength ?? (width < 460 ? 16 : 28);
  const marginLeft = Math.min(Math.round(width * 0.4), Math.round(fontSize * 0.62 * labelLength) + 14);
  const rowHeight = Math.max(18, fontSize + 10);
  const cellWidth = (width - marginLeft - 10) / Math.max(1, years.length);
  const showText = cellWidth >= fontSize * 3.4;
  const values = rows.map((r) => r.value).filter((v): v is number => v != null);
  const names = new Map(rows.map((r) => [r.code, r.name]));
  const fmt = (v: number | null) => (isChange ? formatDelta(v, ind.kind, {unit: false}) : formatValue(v, ind.kind).replace(/\u00a0%$/, ""));
  // Good is dark blue: reverse the value scale for indicators where lower is better.
  const dir = indicatorDirection(ind);
  let color: Plot.ScaleOptions;
  if (isChange) {
    const m = Math.max(ind.kind === "share" ? 0.01 : 1, ...values.map(Math.abs));
    const sign = dir === "lower" ? -1 : 1;
    const range = dir === "neutral" ? ["#6a51a3", "#f4f4f2", "#2a6f77"] : [COLORS.bad, "#f4f4f2", COLORS.good];
    color = {type: "linear", domain: [-m * sign, 0, m * sign], range, clamp: true};
  } else {
    const lo = values.length ? Math.min(...values) : 0;
    const hi = values.length ? Math.max(...values) : 1;
    const d: [number, number] = lo === hi ? [lo - 0.01, hi + 0.01] : [lo, hi];
    color = {type: "linear", scheme: "blues", domain: dir === "lower" ? [d[1], d[0]] : d};
  }
  const cellColor = Plot.scale({color});
  const textFill = (r: TrendRow) => (r.value == null ? COLORS.muted : readableOn(String(cellColor.apply(r.value))));
  const xTicks = thinTicks(years, cellWidth, textWidth("2000", fontSize), 6);
  const missing = rows.filter((r) => r.value == null);
  const description =
    `Bản đồ nhiệt ${order.length} đơn vị × ${years.length} năm (${years[0]}–${years[years.length - 1]}), ${isChange ? "thay đổi so với năm đầu có số liệu" : ind.short}. ` +
    (values.length ? `Thấp nhất ${fmt(Math.min(...values))}, cao nhất ${fmt(Math.max(...values))}. ` : "") +
    (missing.length ? `${missing.length} ô không có số liệu.` : "");
  const figure = asImage(
    Plot.plot({
      width,
      height: 30 + 10 + rowHeight * Math.max(1, order.length),
      marginTop: 30,
      marginBottom: 10,
      marginLeft,
      marginRight: 10,
      padding: 0.06,
      title: title ?? undefined,
      ariaLabel: `Bản đồ nhiệt: ${ind.name}${isChange ? ", thay đổi so với năm đầu" : ""}, theo đơn vị và năm`,
      ariaDescription: description,
      className: "heatmap-chart",
      style: plotStyle(fontSize),
      x: {domain: years, ticks: xTicks, tickFormat: (d: number) => String(d), label: null, axis: "top", tickSize: 0},
      y: {domain: order, label: null, axis: null},
      color,
      marks: [
        // Two axes: the names of units with little data in grey (an axis has one colour).
        Plot.axisY(order.filter((c) => !opts.thin?.has(c)), {tickFormat: (code: string) => unitLabel(names.get(code) ?? code, labelLength), tickSize: 0, label: null}),
        Plot.axisY(order.filter((c) => opts.thin?.has(c)), {tickFormat: (code: string) => unitLabel(names.get(code) ?? code, labelLength), tickSize: 0, label: null, fill: COLORS.muted, className: "thin-labels"}),
        Plot.cell(missing, {x: "year", y: "code", fill: "#f1f1f1", stroke: "#d5d5d5", strokeDasharray: "2 2"}),
        Plot.cell(
          rows.filter((r) => r.value != null),
          {
            x: "year",
            y: "code",
            fill: "value",
            title: (r: TrendRow) => {
              const d = opts.denominatorOf?.(r.code, r.year) ?? null;
              return `${r.name}\nNăm ${r.year}: ${isChange ? formatDelta(r.value, ind.kind) : formatValue(r.value, ind.kind)}${d != null ? `\n${denominatorText(d)}` : ""}`;
            }
          }
        ),
        ...(showText
          ? [Plot.text(rows, {x: "year", y: "code", text: (r: TrendRow) => (r.value == null ? "–" : fmt(r.value)), fill: textFill, fontVariant: "tabular-nums"})]
          : [])
      ]
    })
  );
  // A light-weight colour legend (Plot's ramp legend draws through a canvas, which costs time on every redraw),
  // as an SVG child of the figure so that the PNG/SVG downloads include it.
  const scale = (figure as unknown as {scale(name: string): {domain: number[]; range?: string[]; interpolate?: (t: number) => string; apply(v: number): string}}).scale("color");
  const legendWidth = Math.min(320, width - 40);
  const [d0, d1] = [scale.domain[0], scale.domain[scale.domain.length - 1]];
  const lo = Math.min(d0, d1);
  const hi = Math.max(d0, d1);
  const ticks = niceTicks(lo, hi, 4);
  const x = (v: number) => 10 + ((v - lo) / (hi - lo || 1)) * legendWidth;
  const stops = Array.from({length: 11}, (_, k) => {
    const v = lo + ((hi - lo) * k) / 10;
    return `<stop offset="${k * 10}%" stop-color="${scale.apply(v)}"/>`;
  }).join("");
  const id = `heat-${Math.random().toString(36).slice(2, 9)}`;
  const legend = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  legend.setAttribute("width", String(legendWidth + 30));
  legend.setAttribute("height", "46");
  legend.setAttribute("viewBox", `0 0 ${legendWidth + 30} 46`);
  legend.setAttribute("class", "heat-legend");
  legend.setAttribute("aria-hidden", "true");
  legend.setAttribute("font-size", String(fontSize - 1));
  legend.innerHTML =
    `<defs><linearGradient id="${id}">${stops}</linearGradient></defs>` +
    `<text x="10" y="12" font-weight="600" fill="currentColor">${(isChange ? `Thay đổi (${deltaUnit(ind.kind)})` : ind.short).replace(/[<&]/g, "")}</text>` +
    `<rect x="10" y="18" width="${legendWidth}" height="10" fill="url(#${id})"/>` +
    ticks
      .map((t: number) => `<line x1="${x(t)}" x2="${x(t)}" y1="18" y2="32" stroke="currentColor"/><text x="${x(t)}" y="43" text-anchor="middle" fill="currentColor">${formatTick(ind.kind, measure)(t)}</text>`)
      .join("");
  // (Children searched by hand: jsdom's selector engine hangs on ":scope > svg[role=img]".)
  const plotSvg = [...figure.children].find((c) => c.tagName.toLowerCase() === "svg" && c.getAttribute("role") === "img") ?? null;
  if (figure instanceof SVGSVGElement) {
    // Plot returned a bare SVG (no title): wrap it in a figure with the legend.
    const fig = document.createElement("figure");
    fig.append(legend, figure);
    return fig;
  }
  figure.insertBefore(legend, plotSvg);
  return figure;
}

/** About `count` round tick values between lo and hi (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

export interface ProfileRow {
  indicator: IndicatorMeta;
  value: number | null;
  reference: number | null;
}

export interface ProfileOptions {
  width: number;
  year: number;
  unitLabel: string;
  /** The unit compared with (committee or province); null for the province itself: no rings, no gap column. */
  referenceLabel: string | null;
  /** The reference's colour: COLORS.province for the province (default), COLORS.reference for a committee. */
  referenceColor?: string;
  fontSize?: number;
  title?: string | null;
}

/**
 * All share indicators of one unit on a common 0–100 % scale: a dot for the unit, a ring for the reference
 * (province or committee), a tick for the target; the gap to the reference written on the right.
 */
export function profileChart(rows: ProfileRow[], opts: ProfileOptions) {
  const {width, year, unitLabel: uLabel, referenceLabel, title = null} = opts;
  const refColor = opts.referenceColor ?? COLORS.province;
  const fontSize = opts.fontSize ?? (width < 460 ? 12 : 13);
  const shares = rows.filter((r) => r.indicator.kind === "share");
  const rowHeight = Math.round(fontSize * 2.3);
  const all = shares.flatMap((r) => [r.value, r.reference, r.indicator.target]).filter((v): v is number => v != null);
  const lo = all.length ? Math.max(0, Math.floor((Math.min(...all) - 0.02) * 10) / 10) : 0;
  const compact = width < 520;
  const labelLength = compact ? 18 : 32;
  const marginLeft = Math.min(Math.round(width * 0.42), Math.round(fontSize * 0.6 * labelLength) + 12);
  const delta = (r: ProfileRow) => (r.value != null && r.reference != null ? r.value - r.reference : null);
  const order = shares.map((r) => r.indicator.indicator);
  const names = new Map(shares.map((r) => [r.indicator.indicator, r.indicator.short]));
  const meets = (r: ProfileRow) => meetsTarget(r.value, r.indicator);
  return asImage(
    Plot.plot({
      width,
      height: 30 + 34 + rowHeight * Math.max(1, shares.length),
      marginTop: 30,
      marginBottom: 34,
      marginLeft,
      marginRight: referenceLabel ? Math.round(fontSize * 6) : Math.round(fontSize * 1.5),
      title: title ?? undefined,
      subtitle: el(
        "span",
        {class: "chart-legend"},
        el("span", {class: "legend-item"}, el("span", {class: "legend-dot", style: `background:${COLORS.highlight}`}), uLabel),
        ...(referenceLabel ? [el("span", {class: "legend-item"}, el("span", {class: "legend-ring", style: `border-color:${refColor}`}), referenceLabel)] : []),
        el("span", {class: "legend-item"}, el("span", {class: "legend-tick", style: `background:${COLORS.target}`}), "mục tiêu"),
        ...(referenceLabel ? [el("span", {class: "legend-item legend-arrow"}, `cột phải: chênh lệch so với ${referenceLabel.toLowerCase()} (điểm %)`)] : [])
      ),
      ariaLabel: `Các chỉ tiêu của ${uLabel} năm ${year}${referenceLabel ? ` so với ${referenceLabel}` : ""} và mục tiêu`,
      ariaDescription: shares
        .map((r) => {
          const parts = [...(referenceLabel ? [`${referenceLabel}: ${formatValue(r.reference, "share")}`] : []), ...(r.indicator.target != null ? [`mục tiêu ${formatValue(r.indicator.target, "share", 0)}, ${meets(r) ? "đạt" : "chưa đạt"}`] : [])];
          return `${r.indicator.name}: ${formatValue(r.value, "share")}${parts.length ? ` (${parts.join("; ")})` : ""}`;
        })
        .join("; "),
      style: plotStyle(fontSize),
      // Long lists get the scale at the top too.
      x: {domain: [lo, 1], grid: true, tickFormat: formatTick("share"), ticks: compact ? 3 : 5, label: null, axis: shares.length > 8 ? "both" : "bottom"},
      y: {domain: order, tickFormat: (i: string) => unitLabel(names.get(i) ?? i, labelLength), tickSize: 0, tickPadding: 8, label: null},
      marks: [
        Plot.ruleY(shares, {y: (r: ProfileRow) => r.indicator.indicator, x1: lo, x2: 1, stroke: "#e3e6ea", strokeWidth: rowHeight - 8}),
        Plot.tickX(
          shares.filter((r) => r.indicator.target != null),
          {x: (r: ProfileRow) => r.indicator.target, y: (r: ProfileRow) => r.indicator.indicator, stroke: COLORS.target, strokeWidth: 3, insetTop: 3, insetBottom: 3}
        ),
        Plot.dot(referenceLabel ? shares : [], {
          x: "reference",
          y: (r: ProfileRow) => r.indicator.indicator,
          r: fontSize * 0.5,
          stroke: refColor,
          strokeWidth: 2.5,
          fill: "white",
          title: (r: ProfileRow) => `${referenceLabel}: ${formatValue(r.reference, "share")}`
        }),
        Plot.dot(shares, {
          x: "value",
          y: (r: ProfileRow) => r.indicator.indicator,
          r: fontSize * 0.45,
          fill: COLORS.highlight,
          stroke: "white",
          symbol: (r: ProfileRow) => (meets(r) === false ? "diamond" : "circle"),
          title: (r: ProfileRow) =>
            `${r.indicator.name}\n${uLabel}: ${formatValue(r.value, "share")}` +
            (referenceLabel ? `\n${referenceLabel}: ${formatValue(r.reference, "share")}` : "") +
            (r.indicator.target != null ? `\nMục tiêu: ${formatValue(r.indicator.target, "share", 0)}` : "")
        }),
        Plot.text(referenceLabel ? shares : [], {
          x: 1,
          y: (r: ProfileRow) => r.indicator.indicator,
          text: (r: ProfileRow) => formatDelta(delta(r), "share", {unit: false}),
          dx: 10,
          textAnchor: "start",
          fill: (r: ProfileRow) => {
            const tone = changeTone(delta(r), r.indicator);
            return tone === "good" ? COLORS.good : tone === "bad" ? COLORS.bad : COLORS.muted;
          },
          fontWeight: 600
        })
      ]
    })
  );
}

export interface TermBarsOptions {
  width: number;
  indicator: IndicatorMeta;
  terms: string[];
  fontSize?: number;
  title?: string | null;
  labelLength?: number;
}

export interface TermRow {
  code: string;
  name: string;
  term: string;
  value: number | null;
}

/**
 * The two terms side by side: for each unit two bars (earlier term light, later term dark) from zero, so that
 * their lengths compare truly; values written.
 */
export function termBarsChart(rows: TermRow[], opts: TermBarsOptions) {
  const {width, indicator: ind, terms, title = null} = opts;
  const fontSize = opts.fontSize ?? (width < 460 ? 12 : 13);
  const labelLength = opts.labelLength ?? (width < 460 ? 14 : 24);
  const codes = [...new Set(rows.map((r) => r.code))];
  const names = new Map(rows.map((r) => [r.code, r.name]));
  const values = rows.map((r) => r.value).filter((v): v is number => v != null);
  // Bars always start at zero (a bar from 90 % makes a 2-point gap look like half the bar).
  const hi = Math.max(0, ...values, ind.target ?? 0);
  const domain: [number, number] = ind.kind === "share" ? [0, hi <= 1 ? 1 : Math.ceil(hi * 10) / 10] : [0, hi * 1.08 || 1];
  const termColors = ["#9ecae1", "#08519c"];
  const barHeight = Math.round(fontSize * 1.35);
  const marginLeft = Math.min(Math.round(width * 0.38), Math.round(fontSize * 0.6 * labelLength) + 14);
  const termLabel = (t: string) => `Nhiệm kỳ ${t.replace(/-/g, "–")}`;
  return asImage(
    Plot.plot({
      width,
      height: 30 + 30 + codes.length * (barHeight * terms.length + 10),
      marginTop: 30,
      marginBottom: 30,
      marginLeft,
      marginRight: Math.round(fontSize * 4.8),
      title: title ?? undefined,
      subtitle: el(
        "span",
        {class: "chart-legend"},
        ...terms.map((t, i) => el("span", {class: "legend-item"}, el("span", {class: "legend-box", style: `background:${termColors[i % 2]}`}), termLabel(t))),
        ...(ind.target != null ? [swatch(COLORS.target, `Mục tiêu ${formatValue(ind.target, ind.kind, 0)}`, {dash: true, width: 2})] : [])
      ),
      ariaLabel: `So sánh hai nhiệm kỳ: ${ind.name}`,
      ariaDescription: codes
        .map((c) => `${names.get(c)}: ${terms.map((t) => `${termLabel(t)} ${formatValue(rows.find((r) => r.code === c && r.term === t)?.value ?? null, ind.kind)}`).join(", ")}`)
        .join("; "),
      style: plotStyle(fontSize),
      fy: {domain: codes, tickFormat: (c: string) => unitLabel(names.get(c) ?? c, labelLength), label: null, axis: "left", padding: 0.18},
      y: {domain: terms, axis: null},
      x: {domain, grid: true, tickFormat: formatTick(ind.kind), ticks: width < 460 ? 3 : 5, label: null, axis: "bottom"},
      marks: [
        Plot.barX(
          rows.filter((r) => r.value != null),
          {
            fy: "code",
            y: "term",
            x1: 0,
            x2: "value",
            fill: (r: TermRow) => termColors[terms.indexOf(r.term) % 2],
            title: (r: TermRow) => `${r.name}\n${termLabel(r.term)}: ${formatValue(r.value, ind.kind)}`
          }
        ),
        ...(ind.target != null ? [Plot.ruleX([ind.target], {stroke: COLORS.target, strokeWidth: 1.5, strokeDasharray: "6 4"})] : []),
        // fontWeight is a constant option in Plot: the later term (bold) and the earlier one are separate marks.
        ...terms.map((t, i) =>
          Plot.text(
            rows.filter((r) => r.term === t),
            {
              fy: "code",
              y: "term",
              x: domain[1],
              text: (r: TermRow) => formatValue(r.value, ind.kind),
              dx: 8,
              textAnchor: "start",
              fill: i === terms.length - 1 ? "currentColor" : COLORS.muted,
              fontWeight: i === terms.length - 1 ? 600 : 400
            }
          )
        )
      ]
    })
  );
}

/** A plain number for counts in chart text (re-exported for pages). */
export {formatNumber};
