// Draws the slides of ./slides.ts: large type, one headline number and one chart per slide, high contrast. The
// charts are the same components as on the pages, drawn at the slide's size with a larger font. DOM only.
import {COLORS} from "./charts.js";
import {linesChart, profileChart, rankingChart, termBarsChart} from "./compare-charts.js";
import {chartBox} from "./download.js";
import {formatDate, shortUnitName} from "./format.js";
import {trendRows} from "./series.js";
import type {Series} from "./series.js";
import type {SlideSpec} from "./slides.js";

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null | undefined)[]) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** Width of the chart area of a 1920 × 1080 slide (the headline column takes the rest). */
export const CHART_WIDTH = 1180;

/** Font size of chart text for a chart of this width (readable from the back of a hall on a 1920 px projector). */
export function slideFontSize(width: number): number {
  return Math.max(14, Math.min(26, Math.round(width / 48)));
}

function label(u: {name: string; level: string}): string {
  return u.level === "tinh" ? "Toàn tỉnh" : shortUnitName(u.name);
}

function chartFor(spec: SlideSpec, series: Series, width: number): Node {
  const fontSize = slideFontSize(width);
  const height = Math.round(width * 0.56);
  switch (spec.kind) {
    case "indicator": {
      const years = series.years.filter((y) => y <= spec.year);
      const units = [spec.unit, ...(spec.reference && spec.reference.level !== "tinh" ? [spec.reference] : [])];
      const q = {indicator: spec.indicator, from: years[0], to: spec.year, measure: "value" as const, mode: "reported" as const};
      const colors = new Map(units.map((u, i) => [u.code, i === 0 ? COLORS.highlight : COLORS.province]));
      const provinceUnit = spec.unit.level === "tinh" ? null : spec.province ?? (spec.reference?.level === "tinh" ? spec.reference : null);
      return linesChart(trendRows(series, {...q, units}), {
        width,
        height,
        fontSize,
        indicator: spec.indicator,
        years,
        colors,
        reference: provinceUnit ? {label: "Toàn tỉnh", rows: trendRows(series, {...q, units: [provinceUnit]})} : null
      });
    }
    case "ranking": {
      // At most ~14 rows fit at this size: the top five, the unit with its neighbours, the last five.
      const all = spec.rows;
      const at = all.findIndex((r) => r.code === spec.highlight);
      const rows = all.length <= 14 ? all : all.filter((_, i) => i < 5 || i >= all.length - 5 || (at >= 0 && Math.abs(i - at) <= 1));
      const rowHeight = Math.max(fontSize * 1.6, Math.min(fontSize * 2.4, (height - 60) / Math.max(1, rows.length)));
      return rankingChart(rows, {
        width,
        fontSize,
        rowHeight,
        indicator: spec.indicator,
        year: spec.year,
        reference: spec.reference,
        colors: spec.highlight ? new Map([[spec.highlight, COLORS.highlight]]) : new Map(),
        labelLength: 24
      });
    }
    case "terms": {
      const rows = spec.indicators.flatMap((ind) =>
        spec.terms.map((term) => ({code: ind.indicator, name: ind.short, term, value: series.term(ind.indicator, spec.unit.code, term)}))
      );
      // Shares only on one axis; the term chart takes the first indicator's kind.
      const ind = {...spec.indicators[0], target: null, short: "", name: "Hai nhiệm kỳ"};
      return termBarsChart(rows, {width, fontSize, indicator: ind, terms: spec.terms, labelLength: 22});
    }
    case "summary": {
      // Smaller type when there are many indicators, so that every row fits on the slide.
      const n = spec.indicators.length;
      const summaryFont = Math.max(14, Math.min(fontSize, Math.floor(640 / (n * 2.3 + 3))));
      return profileChart(
        spec.indicators.map((ind) => ({
          indicator: ind,
          value: series.value(ind.indicator, spec.unit.code, spec.year),
          reference: spec.reference ? series.value(ind.indicator, spec.reference.code, spec.year) : null
        })),
        {width, fontSize: summaryFont, year: spec.year, unitLabel: label(spec.unit), referenceLabel: spec.reference ? label(spec.reference) : "Toàn tỉnh"}
      );
    }
    default:
      return h("div");
  }
}

export interface RenderOptions {
  index: number;
  count: number;
  /** Text at the foot of every slide (source, date). */
  footer?: string;
}

/** One slide (a <section>), 16:9, drawn at the size of its container. */
export function renderSlide(spec: SlideSpec, series: Series, {index, count, footer}: RenderOptions): HTMLElement {
  const section = h("section", {class: `slide slide-${spec.kind}`, "aria-roledescription": "trang trình chiếu", "aria-label": `Trang ${index + 1}/${count}: ${spec.title}`});
  const foot = h(
    "footer",
    {class: "slide-footer"},
    h("span", {}, footer ?? `Chi bộ Analytics · dữ liệu mô phỏng · ${formatDate(new Date())}`),
    h("span", {class: "slide-number"}, `${index + 1}/${count}`)
  );
  if (spec.kind === "title") {
    section.append(
      h(
        "div",
        {class: "slide-title-block"},
        h("p", {class: "slide-kicker"}, "Hội nghị đánh giá chất lượng sinh hoạt chi bộ"),
        h("h2", {class: "slide-main-title"}, spec.subtitle),
        h("p", {class: "slide-subtitle"}, spec.title),
        h("p", {class: "slide-note"}, "Số liệu mô phỏng, sinh tự động để minh họa — không phải số liệu thật của đơn vị nào.")
      ),
      foot
    );
    return section;
  }
  // The headline shrinks when it is long ("Hạng 12/40"), so that it stays in its column.
  const size = spec.headline.length <= 6 ? 150 : spec.headline.length <= 8 ? 120 : 96;
  const headline = h(
    "div",
    {class: `slide-headline tone-${spec.kind === "indicator" ? spec.tone : "neutral"}`},
    h("div", {class: "slide-number-big", style: `font-size:${size}px`}, spec.headline),
    h("p", {class: "slide-caption"}, spec.caption)
  );
  const chart = h(
    "div",
    {class: "slide-chart"},
    // Drawn once at the slide's design size; the whole 1920 × 1080 slide is scaled to the screen or the page.
    chartBox(chartFor(spec, series, CHART_WIDTH), {filename: `trinh-chieu-${spec.unit.code}-${index + 1}`, title: spec.title})
  );
  section.append(h("h2", {class: "slide-heading"}, spec.title), h("div", {class: "slide-body"}, headline, chart), foot);
  return section;
}
