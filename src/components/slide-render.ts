// Draws the slides of ./slides.ts: what the slide is about, its finding as the title, one headline number and one
// chart (slide-charts.ts, drawn at the slide's size), high contrast. Title and number are sized to their room. DOM only.
import {COLORS} from "./charts.js";
import {chartBox} from "./download.js";
import {formatDate, shortUnitName} from "./format.js";
import {trendRows} from "./series.js";
import type {Series, SeriesUnit} from "./series.js";
import {slideLinesChart, slideProfileChart, slideRankingChart, slideTermsChart, SLIDE_CHART_FONT, textWidth} from "./slide-charts.js";
import type {SlideSpec} from "./slides.js";

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null | undefined)[]) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** The chart area of a 1920 × 1080 slide (the headline column takes the rest of the width). */
export const CHART_WIDTH = 1180;
export const CHART_HEIGHT = 700;
/** Width of the headline column's text (520 px less its border and padding). */
const HEADLINE_WIDTH = 440;
/** Width of the slide's text (1920 less the side padding). */
const TEXT_WIDTH = 1760;

function label(u: {name: string; level: string}): string {
  return u.level === "tinh" ? "Toàn tỉnh" : shortUnitName(u.name);
}

/** At most this many ranked units fit the chart at the slide's type size: the top, the unit and its neighbours, the last. */
export function rankingRowsShown<T extends {code: string}>(rows: T[], highlight: string | null, max = 14): T[] {
  if (rows.length <= max) return rows;
  const at = rows.findIndex((r) => r.code === highlight);
  const edge = at >= 0 ? Math.floor((max - 3) / 2) : Math.floor(max / 2);
  return rows.filter((_, i) => i < edge || i >= rows.length - edge || (at >= 0 && Math.abs(i - at) <= 1));
}

export function chartFor(spec: SlideSpec, series: Series, width = CHART_WIDTH, height = CHART_HEIGHT): Node {
  switch (spec.kind) {
    case "indicator": {
      const years = series.years.filter((y) => y <= spec.year);
      const q = {indicator: spec.indicator, from: years[0], to: spec.year, measure: "value" as const, mode: "reported" as const};
      const rowsOf = (u: SeriesUnit) => trendRows(series, {...q, units: [u]});
      const lines = [
        {label: label(spec.unit), color: spec.unit.level === "tinh" ? COLORS.province : COLORS.highlight, rows: rowsOf(spec.unit)},
        ...(spec.reference && spec.reference.level !== "tinh" ? [{label: label(spec.reference), color: COLORS.reference, rows: rowsOf(spec.reference)}] : [])
      ];
      const provinceUnit = spec.unit.level === "tinh" ? null : spec.province ?? (spec.reference?.level === "tinh" ? spec.reference : null);
      return slideLinesChart({
        width,
        height,
        indicator: spec.indicator,
        years,
        lines,
        reference: provinceUnit ? {label: "Toàn tỉnh", rows: rowsOf(provinceUnit)} : null
      });
    }
    case "ranking": {
      const ranked = spec.rows.filter((r) => r.value != null).length;
      return slideRankingChart({
        width,
        height,
        indicator: spec.indicator,
        year: spec.year,
        rows: rankingRowsShown(spec.rows, spec.highlight),
        total: Math.max(ranked, spec.rows.length),
        reference: spec.reference,
        highlight: spec.highlight
      });
    }
    case "terms":
      return slideTermsChart({
        width,
        height,
        terms: spec.terms,
        rows: spec.indicators.map((ind) => ({indicator: ind, values: spec.terms.map((t) => series.term(ind.indicator, spec.unit.code, t))}))
      });
    case "summary":
      return slideProfileChart({
        width,
        height,
        year: spec.year,
        unitLabel: label(spec.unit),
        referenceLabel: spec.reference ? label(spec.reference) : null,
        referenceColor: spec.reference?.level === "tinh" ? COLORS.province : COLORS.reference,
        // Fewer rows, larger type: the type shrinks (never below 18 px) only when many indicators must fit.
        fontSize: Math.max(18, Math.min(SLIDE_CHART_FONT, Math.floor(height / (spec.indicators.length * 2.2 + 4)))),
        rows: spec.indicators.map((ind) => ({
          indicator: ind,
          value: series.value(ind.indicator, spec.unit.code, spec.year),
          reference: spec.reference ? series.value(ind.indicator, spec.reference.code, spec.year) : null
        }))
      });
    default:
      return h("div");
  }
}

/** Font size of a title so that it takes at most two lines of the slide. */
export function headingSize(text: string): number {
  for (const size of [50, 46, 42, 38, 34]) if (textWidth(text, size, 700) <= TEXT_WIDTH * 1.85) return size;
  return 30;
}

/** Font size of the big number so that it stays in its column ("Hạng 24/40", "98,5 %"). */
export function headlineSize(text: string): number {
  return Math.max(56, Math.min(150, Math.floor((HEADLINE_WIDTH * 100) / Math.max(1, textWidth(text, 100, 700)))));
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
  // The headline shrinks when it is long ("12/40"), so that it stays in its column.
  const size = headlineSize(spec.headline);
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
    chartBox(chartFor(spec, series), {filename: `trinh-chieu-${spec.unit.code}-${index + 1}`, title: spec.title})
  );
  section.append(
    h("p", {class: "slide-kicker-line"}, spec.kicker),
    h("h2", {class: "slide-heading", style: `font-size:${headingSize(spec.title)}px`}, spec.title),
    h("div", {class: "slide-body"}, headline, chart),
    foot
  );
  return section;
}
