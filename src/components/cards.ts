// Headline cards and tables for the overview: plain DOM (no htl/html globals), vi-VN formats.
import {sparkline} from "./charts.js";
import {formatNumber, formatPercent, formatPointChange, formatTerm, shortUnitName} from "./format.js";
import {getIndicator, termValue, yearValue} from "./overview-data.js";
import type {Overview} from "./overview-data.js";

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c != null) e.append(c);
  return e;
}

export interface HeadlineOptions {
  indicator: string;
  /** Drawing width of the sparkline in pixels (it is then scaled to the card's width by CSS). */
  width?: number;
  /** Base year of the change (default: the first year). */
  baseYear?: number | null;
  year?: number | null;
}

/**
 * A headline card for the province: latest value (`93,8 %`), change since the base year in percentage points
 * (`+6,2 điểm %`), whether the target is met (in words and a symbol, not only colour), and a sparkline.
 */
export function headlineCard(data: Overview, {indicator, width = 400, baseYear = data.firstYear, year = data.latestYear}: HeadlineOptions) {
  const ind = getIndicator(data, indicator);
  const value = yearValue(data, data.province.code, indicator, year)?.value ?? null;
  const base = yearValue(data, data.province.code, indicator, baseYear)?.value ?? null;
  const prevYear = year == null ? null : [...data.years].reverse().find((y) => y < year) ?? null;
  const prev = yearValue(data, data.province.code, indicator, prevYear)?.value ?? null;
  // One line per comparison: with the previous year, and with the base year (2016).
  const changeLine = (against: number | null, againstYear: number | null) => {
    const delta = value != null && against != null ? value - against : null;
    const flat = delta == null || Math.abs(delta) < 0.0005;
    const better = flat ? "flat" : (delta > 0) === ind.higherIsBetter ? "up" : "down";
    const arrow = flat ? "■" : delta > 0 ? "▲" : "▼";
    return el(
      "div",
      {class: `kpi-change kpi-${better}`},
      el("span", {"aria-hidden": "true"}, arrow + " "),
      delta == null ? `chưa đủ số liệu để so sánh với ${againstYear ?? "năm trước"}` : `${formatPointChange(delta)} so với ${againstYear}`
    );
  };
  const meets =
    value != null && ind.target != null ? (ind.higherIsBetter ? value >= ind.target : value <= ind.target) : null;
  const gap = value != null && ind.target != null ? Math.abs(ind.target - value) : null;

  const card = el(
    "div",
    {class: "card kpi", "data-indicator": indicator},
    el("h2", {}, ind.short),
    el("h3", {}, ind.name),
    el("div", {class: "kpi-value big"}, formatPercent(value)),
    prevYear != null && prevYear !== baseYear ? changeLine(prev, prevYear) : null,
    changeLine(base, baseYear),
    ind.target == null
      ? null
      : el(
          "div",
          {class: `kpi-target ${meets ? "kpi-met" : "kpi-unmet"}`},
          el("span", {"aria-hidden": "true"}, meets ? "✓ " : "◆ "),
          `Mục tiêu ${formatPercent(ind.target, 0)}: `,
          el("strong", {}, meets == null ? "chưa có số liệu" : meets ? "đạt" : "chưa đạt"),
          meets === false ? el("span", {class: "kpi-gap"}, ` (thiếu ${formatPointChange(gap).replace(/^[+−]/, "")})`) : null
        )
  );
  // Drawn at a fixed size and scaled by CSS (.kpi-spark {width: 100%}), so the card needs no resize observer.
  const spark = sparkline(data, {width, indicator});
  spark.classList.add("kpi-spark");
  card.append(spark);
  return card;
}

/**
 * Term comparison table (nhiệm kỳ): rows are the province and its committees, columns the two terms of each
 * indicator and the change. Real table markup, so it can be copied into a spreadsheet.
 */
export function termTable(data: Overview, {indicators = data.indicators.map((d) => d.indicator)}: {indicators?: string[]} = {}) {
  const terms = data.terms.slice(-2);
  const units = [data.province, ...data.committees];
  const table = el("table", {class: "term-table"});
  const thead = el("thead");
  const top = el("tr", {}, el("th", {rowspan: "2", scope: "col"}, "Đơn vị"));
  const sub = el("tr");
  for (const code of indicators) {
    const ind = getIndicator(data, code);
    top.append(el("th", {colspan: String(terms.length + 1), scope: "colgroup", class: "group"}, ind.short));
    for (const t of terms) sub.append(el("th", {scope: "col", class: "num"}, formatTerm(t)));
    sub.append(el("th", {scope: "col", class: "num", title: "Thay đổi, điểm phần trăm"}, "± điểm %"));
  }
  thead.append(top, sub);
  const tbody = el("tbody");
  for (const unit of units) {
    const isProvince = unit.code === data.province.code;
    const tr = el("tr", isProvince ? {class: "province"} : {});
    tr.append(el("th", {scope: "row", title: unit.name}, isProvince ? "Toàn tỉnh" : shortUnitName(unit.name)));
    for (const code of indicators) {
      const values = terms.map((t) => termValue(data, unit.code, code, t)?.value ?? null);
      values.forEach((v, i) => {
        const tv = termValue(data, unit.code, code, terms[i]);
        tr.append(
          el(
            "td",
            {
              class: "num",
              ...(tv?.numerator != null && tv?.denominator != null
                ? {title: `${formatNumber(tv.numerator)} / ${formatNumber(tv.denominator)}`}
                : {})
            },
            formatPercent(v)
          )
        );
      });
      const [a, b] = values.slice(-2);
      const ind = getIndicator(data, code);
      const delta = a != null && b != null ? b - a : null;
      const cls = delta == null || Math.abs(delta) < 0.0005 ? "" : (delta > 0) === ind.higherIsBetter ? "up" : "down";
      tr.append(el("td", {class: `num change ${cls}`.trim()}, formatPointChange(delta, 1, {unit: false})));
    }
    tbody.append(tr);
  }
  table.append(thead, tbody);
  return table;
}

export interface SectionOptions {
  indicator: string;
  /** Section number shown before the title. */
  number?: number;
  /** A short Vietnamese explanation of the indicator. */
  note?: string | Node | null;
  /** The trend chart (usually `resize((width) => trendChart(...))`). */
  trend: Node;
  /** The change chart (usually `resize((width) => changeChart(...))`). */
  change: Node;
}

/** One indicator: heading, explanation, then the trend chart beside the change chart (stacked when narrow). */
export function indicatorSection(data: Overview, {indicator, number, note, trend, change}: SectionOptions) {
  const ind = getIndicator(data, indicator);
  const id = `chi-so-${indicator.replace(/[^a-z0-9]+/gi, "-")}`;
  return el(
    "section",
    {class: "indicator-section", id, "aria-labelledby": `${id}-title`},
    el("h3", {id: `${id}-title`, class: "indicator-title"}, `${number != null ? `${number}. ` : ""}${ind.name}`),
    note == null ? null : el("p", {class: "indicator-note"}, note),
    el(
      "div",
      {class: "grid grid-cols-2 indicator-grid"},
      el("div", {class: "card"}, trend),
      el("div", {class: "card"}, change)
    )
  );
}

/** Where the figures come from: when they were last updated, years, units and cells counted, missing reports. */
export function provenance(data: Overview, {missing = []}: {missing?: string[]} = {}) {
  const s = data.source;
  const dl = el("dl");
  const row = (term: string, ...desc: (Node | string)[]) => dl.append(el("dt", {}, term), el("dd", {}, ...desc));
  row("Cập nhật", `số liệu tính lần cuối lúc ${formatDateTime(s.warehouseModified)}`);
  row("Giai đoạn", `${s.firstYear ?? "–"}–${s.latestYear ?? "–"} (năm mới nhất: ${s.latestYear ?? "–"})`);
  row("Đơn vị", `${data.province.name}; ${formatNumber(s.committees)} đảng bộ trực thuộc`);
  row(
    "Chi bộ",
    `${formatNumber(s.cells)} chi bộ trong danh mục` +
      (s.latestYear != null ? `, ${formatNumber(s.activeCells)} chi bộ hoạt động năm ${s.latestYear}` : "") +
      (s.grassrootsCommittees ? `; ${formatNumber(s.grassrootsCommittees)} đảng bộ cơ sở` : "")
  );
  row("Chưa báo cáo", missing.length ? missing.join("; ") : "không có");
  return el("div", {class: "provenance"}, dl);
}

function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "–";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())} ngày ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}
