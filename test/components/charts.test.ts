// @vitest-environment jsdom
// The chart and page components on small data sets, in jsdom: each chart draws the right marks with the right
// figures and carries a title and a text alternative; the picker, the deck and the chart box behave.
import {beforeAll, describe, expect, it} from "vitest";
import {heatmapChart, linesChart, PICK_COLORS, profileChart, rankingChart, termBarsChart} from "../../src/components/compare-charts.ts";
import {distributionChart, reportStatus, statusGridChart} from "../../src/components/quality-charts.ts";
import {chartBox, chartToSvg, fileSlug} from "../../src/components/download.ts";
import {dataTable} from "../../src/components/tables.ts";
import {unitPicker} from "../../src/components/unit-picker.ts";
import {createDeck} from "../../src/components/deck.ts";
import {renderSlide} from "../../src/components/slide-render.ts";
import {deckSpec} from "../../src/components/slides.ts";
import {richText} from "../../src/components/rich-text.ts";
import {Series, rankRows, trendRows, type IndicatorMeta, type SeriesFile} from "../../src/components/series.ts";
import {COLORS} from "../../src/components/charts.ts";
import {applyRankingRule} from "../../src/components/ranking-rule.ts";

beforeAll(() => {
  // jsdom has no layout: a ResizeObserver that reports a fixed width is enough for the components.
  globalThis.ResizeObserver ??= class {
    constructor(private cb: ResizeObserverCallback) {}
    observe(target: Element) {
      this.cb([{target, contentRect: {width: 800, height: 450}} as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  // Nor a canvas: Plot's colour ramp and the text measure of the SVG export need only these.
  HTMLCanvasElement.prototype.getContext = function () {
    return {fillStyle: "", fillRect() {}, measureText: (t: string) => ({width: t.length * 7}), font: ""};
  } as unknown as HTMLCanvasElement["getContext"];
  HTMLCanvasElement.prototype.toDataURL = () => "data:image/png;base64,";
});
const description = (svg: Element): string => svg.getAttribute("aria-description") ?? svg.querySelector("desc")?.textContent ?? "";

const rate: IndicatorMeta = {indicator: "rate", name: "Tỷ lệ tháng có sinh hoạt thường kỳ", short: "Sinh hoạt thường kỳ", target: 1, higherIsBetter: true, kind: "share"};
const file: SeriesFile = {
  years: [2016, 2017, 2018],
  terms: ["2015-2020", "2020-2025"],
  scale: {rate: 10000},
  units: [
    {code: "P", name: "Đảng bộ tỉnh P", level: "tinh"},
    {code: "A", name: "Huyện ủy An Hòa", level: "tren_co_so", parent: "P", type: "nong_thon"},
    {code: "B", name: "Thành ủy Bình Minh", level: "tren_co_so", parent: "P", type: "do_thi"},
    {code: "C", name: "Đảng ủy Công an tỉnh", level: "tren_co_so", parent: "P", type: "luc_luong_vu_trang"}
  ],
  v: {rate: {P: [8500, 9000, 9300], A: [8000, 8800, 9500], B: [9000, 9200, 9100], C: [8600, null, 9100]}},
  t: {rate: {P: [8800, 9300], A: [8500, 9500], B: [9100, 9100], C: [8600, 9100]}}
};
const series = new Series(file);
const committees = file.units.slice(1);
const q = {indicator: rate, units: committees, from: 2016, to: 2018, measure: "value" as const, mode: "reported" as const};

const texts = (el: Element) => [...el.querySelectorAll("text")].map((t) => t.textContent ?? "");

describe("compare charts", () => {
  it("ranking: one dot per unit with a value, best first, values written, a title and a description", () => {
    const rows = rankRows(series, q);
    const fig = rankingChart(rows, {width: 640, indicator: rate, year: 2018, reference: {label: "Toàn tỉnh", value: 0.93}, title: "Xếp hạng"});
    const svg = fig.querySelector("svg[role=img]")!;
    expect(svg.getAttribute("aria-label")).toContain("Tỷ lệ tháng có sinh hoạt thường kỳ");
    expect(description(svg)).toContain("Cao nhất: Huyện ủy An Hòa (95,0\u00a0%)");
    expect(fig.querySelector("h2")?.textContent).toBe("Xếp hạng");
    const labels = texts(svg);
    expect(labels).toEqual(expect.arrayContaining(["1. An Hòa", "2. Công an tỉnh", "2. TP Bình Minh", "95,0\u00a0%", "91,0\u00a0%"]));
    expect(svg.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(3);
    expect(fig.textContent).toContain("Toàn tỉnh 93,0\u00a0%");
  });

  it("ranking in change mode: bars from zero, coloured by direction", () => {
    const rows = rankRows(series, {...q, measure: "change"});
    const fig = rankingChart(rows, {width: 640, indicator: rate, measure: "change", year: 2018, fromYear: 2016});
    const svg = fig.querySelector("svg[role=img]")!;
    expect(svg.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(["+15,0", "+5,0", "+1,0"]));
  });

  it("lines: one line per picked unit plus the reference, gaps for missing years, end labels", () => {
    const colors = new Map([["C", PICK_COLORS[0]]]);
    const rows = trendRows(series, {...q, units: [committees[2]]});
    const ref = trendRows(series, {...q, units: [file.units[0]]});
    const fig = linesChart(rows, {width: 700, indicator: rate, years: file.years, colors, reference: {label: "Toàn tỉnh", rows: ref}});
    const svg = fig.querySelector("svg[role=img]")!;
    expect(texts(svg)).toEqual(expect.arrayContaining(["Công an tỉnh 91,0\u00a0%", "Toàn tỉnh 93,0\u00a0%", "Mục tiêu 100\u00a0%"]));
    expect(description(svg)).toContain("Đảng ủy Công an tỉnh: 2016 86,0\u00a0%, 2018 91,0\u00a0%");
    // C's line is broken at 2017: two separate segments (no path through the missing year).
    const cPath = [...svg.querySelectorAll('g[aria-label="line"] path')].find((p) => p.getAttribute("stroke") === PICK_COLORS[0]);
    expect(cPath?.getAttribute("d")?.match(/M/g)?.length).toBe(2);
  });

  it("heat map: one cell per unit-year with a value, hatched cells for missing ones, values written", () => {
    const rows = trendRows(series, q);
    const fig = heatmapChart(rows, {width: 700, indicator: rate, years: file.years, order: ["A", "B", "C"]});
    const svg = fig.querySelector("svg[role=img]")!;
    const cells = svg.querySelectorAll('g[aria-label="cell"] rect');
    expect(cells).toHaveLength(9); // 8 values + 1 missing
    expect(texts(svg)).toEqual(expect.arrayContaining(["95,0", "–", "88,0"]));
    expect(description(svg)).toContain("1 ô không có số liệu");
    expect(fig.querySelector("svg:not([role])")).not.toBeNull(); // the colour legend
  });

  it("profile: the unit, the reference and the target for each share indicator, gaps written", () => {
    const fig = profileChart([{indicator: rate, value: 0.95, reference: 0.93}], {width: 600, year: 2018, unitLabel: "An Hòa", referenceLabel: "Toàn tỉnh"});
    const svg = fig.querySelector("svg[role=img]")!;
    expect(texts(svg)).toContain("+2,0");
    expect(description(svg)).toContain("mục tiêu 100\u00a0%, chưa đạt");
  });

  it("profile against a committee: its ring and legend in the reference colour, never the province's blue", () => {
    const fig = profileChart([{indicator: rate, value: 0.95, reference: 0.93}], {width: 600, year: 2018, unitLabel: "An Hòa", referenceLabel: "Chiêm Hóa", referenceColor: COLORS.reference});
    expect((fig.querySelector(".legend-ring") as HTMLElement).style.borderColor).toBe("rgb(51, 51, 51)");
    expect([...fig.querySelectorAll("svg[role=img] [stroke]")].map((c) => c.getAttribute("stroke"))).toContain(COLORS.reference);
    expect([...fig.querySelectorAll("svg[role=img] [stroke]")].map((c) => c.getAttribute("stroke"))).not.toContain(COLORS.province);
  });

  it("profile of the province: nothing to compare with, so no reference ring, legend entry or gap column", () => {
    const fig = profileChart([{indicator: rate, value: 0.95, reference: null}], {width: 600, year: 2018, unitLabel: "Toàn tỉnh", referenceLabel: null});
    const svg = fig.querySelector("svg[role=img]")!;
    expect(fig.querySelectorAll(".legend-ring")).toHaveLength(0);
    expect(fig.textContent).not.toContain("chênh lệch");
    expect(texts(svg).filter((t) => /^[+−-]|^–$/.test(t))).toEqual([]);
    expect(description(svg)).toContain("Tỷ lệ");
  });

  it("terms: two bars per unit, the later term in bold", () => {
    const rows = [file.units[0], committees[0]].flatMap((u) => file.terms.map((term) => ({code: u.code, name: u.name, term, value: series.term("rate", u.code, term)})));
    const fig = termBarsChart(rows, {width: 600, indicator: rate, terms: file.terms});
    expect(fig.querySelectorAll('svg[role=img] g[aria-label="bar"] rect')).toHaveLength(4);
    expect(texts(fig)).toEqual(expect.arrayContaining(["88,0\u00a0%", "95,0\u00a0%"]));
  });
});

describe("quality charts", () => {
  it("status grid: a cell and a symbol per committee-year, status in words", () => {
    const cells = [
      {committee: "A", name: "Huyện ủy An Hòa", year: 2016, completeness: 1, timeliness: 1},
      {committee: "A", name: "Huyện ujy An Hòa", year: 2017, completeness: 1, timeliness: 0, daysLate: 12},
      {committee: "B", name: "Thành ủy Bình Minh", year: 2016, completeness: 0, timeliness: null},
      {committee: "B", name: "Thành ủy Bình Minh", year: 2017, completeness: 0.5, timeliness: null}
    ];
    expect(cells.map((c) => reportStatus(c).key)).toEqual(["ontime", "late", "missing", "partial"]);
    const fig = statusGridChart(cells, {width: 600, years: [2016, 2017], order: ["A", "B"]});
    expect(fig.querySelectorAll('svg[role=img] g[aria-label="cell"] rect')).toHaveLength(4);
    expect(texts(fig)).toEqual(expect.arrayContaining(["✓", "!", "✕", "½"]));
    expect(fig.textContent).toContain("đủ, trễ hạn");
  });

  it("distribution: boxes per year and the flagged points", () => {
    const fig = distributionChart(
      [
        {year: 2021, n: 10, p10: 0.9, p25: 0.92, median: 0.95, p75: 0.97, p90: 0.99},
        {year: 2022, n: 10, p10: 0.91, p25: 0.93, median: 0.96, p75: 0.98, p90: 1}
      ],
      [{unit: "x", name: "Đảng bộ xã X", year: 2022, value: 0.6, median: 0.96, score: -9.1, previous: null, rule: "z"}],
      {width: 600, indicator: rate}
    );
    const svg = fig.querySelector("svg[role=img]")!;
    expect(svg.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(2);
    expect(svg.querySelectorAll('g[aria-label="dot"] path, g[aria-label="dot"] circle').length).toBe(1);
    expect(description(svg)).toContain("1 giá trị được đánh dấu");
  });
});

describe("chart box and exports", () => {
  it("offers PNG and SVG (and CSV) downloads and chart/table tabs that switch with the keyboard", () => {
    const fig = rankingChart(rankRows(series, q), {width: 600, indicator: rate, year: 2018});
    const box = chartBox(fig, {title: "Xếp hạng năm 2018", table: () => dataTable([{a: "x"}], [{label: "Cột", value: (r) => r.a}]), csv: () => ({filename: "a.csv", text: "a\r\n"})});
    document.body.append(box);
    expect([...box.querySelectorAll("[data-download]")].map((b) => (b as HTMLElement).dataset.download)).toEqual(["png", "svg", "csv"]);
    const [chartTab, tableTab] = box.querySelectorAll<HTMLButtonElement>("[role=tab]");
    expect(chartTab.getAttribute("aria-selected")).toBe("true");
    chartTab.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
    expect(tableTab.getAttribute("aria-selected")).toBe("true");
    expect(box.querySelector<HTMLElement>(".table-panel")!.hidden).toBe(false);
    expect(box.querySelector(".table-panel table th")?.textContent).toBe("Cột");
    box.remove();
  });

  it("writes a standalone SVG with the title, the legend and the source", () => {
    const fig = rankingChart(rankRows(series, q), {width: 600, indicator: rate, year: 2018, reference: {label: "Toàn tỉnh", value: 0.93}});
    document.body.append(fig);
    const {svg, width, height} = chartToSvg(fig, {title: "Xếp hạng năm 2018", source: "Nguồn: thử"});
    fig.remove();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(">Xếp hạng năm 2018</text>");
    expect(svg).toContain("Toàn tỉnh 93,0");
    expect(svg).toContain(">Nguồn: thử</text>");
    expect(svg).not.toContain("var(--sans-serif)");
    expect(width).toBeGreaterThanOrEqual(320);
    expect(height).toBeGreaterThan(100);
    expect(new DOMParser().parseFromString(svg, "image/svg+xml").querySelector("parsererror")).toBeNull();
    expect(fileSlug("Tỷ lệ dự sinh hoạt: Đảng bộ 2022")).toBe("ty-le-du-sinh-hoat-dang-bo-2022");
  });

  it("turns documentation Markdown into text nodes, never HTML", () => {
    const div = document.createElement("div");
    div.append(richText("**Tử số:** `co_mat` <script>x</script>"));
    expect(div.querySelector("strong")?.textContent).toBe("Tử số:");
    expect(div.querySelector("code")?.textContent).toBe("co_mat");
    expect(div.querySelector("script")).toBeNull();
  });
});

describe("unit picker", () => {
  it("filters without diacritics, picks with Enter, caps the number of picks and emits input events", () => {
    const units = committees.map((u) => ({code: u.code, name: u.name}));
    const picker = unitPicker(units, {value: ["B", "Z"], max: 2, colors: PICK_COLORS});
    document.body.append(picker);
    expect(picker.value).toEqual(["B"]); // unknown codes dropped
    let events = 0;
    picker.addEventListener("input", () => events++);
    const search = picker.querySelector<HTMLInputElement>("input[type=search]")!;
    search.value = "cong an";
    search.dispatchEvent(new Event("input", {bubbles: true}));
    expect(events).toBe(0); // typing filters only
    const visible = [...picker.querySelectorAll<HTMLElement>(".picker-row")].filter((r) => !r.hidden);
    expect(visible.map((r) => r.querySelector(".picker-code")?.textContent)).toEqual(["C"]);
    search.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
    expect(picker.value).toEqual(["B", "C"]);
    expect(events).toBe(1);
    const a = picker.querySelector<HTMLInputElement>('input[value="A"]')!;
    a.checked = true;
    a.dispatchEvent(new Event("change", {bubbles: true}));
    expect(picker.value).toEqual(["B", "C"]); // max 2
    expect(picker.querySelector(".picker-status")?.textContent).toContain("tối đa 2");
    picker.querySelector<HTMLButtonElement>(".picker-chip button")!.click();
    expect(picker.value).toEqual(["C"]);
    picker.remove();
  });
});

describe("slides", () => {
  it("renders a deck that moves with keys, clicks and buttons", () => {
    const indicators = [rate];
    const specs = deckSpec({series, indicators, unit: "A", year: 2018, province: "P"});
    expect(specs.map((s) => s.kind)).toEqual(["title", "indicator", "ranking", "terms", "summary"]);
    const slides = specs.map((spec, i) => renderSlide(spec, series, {index: i, count: specs.length}));
    expect(slides[1].querySelector(".slide-number-big")?.textContent).toBe("95,0\u00a0%");
    expect(slides[1].querySelector("svg[role=img]")).not.toBeNull();
    expect(slides[2].querySelector(".slide-number-big")?.textContent).toBe("Hạng 1/3");
    const changes: number[] = [];
    const deck = createDeck(slides, {onChange: (i) => changes.push(i)});
    document.body.append(deck.element);
    deck.element.focus();
    const key = (k: string) => deck.element.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true}));
    key("ArrowRight");
    key("ArrowRight");
    expect(deck.index).toBe(2);
    key("End");
    expect(deck.index).toBe(specs.length - 1);
    key("ArrowRight");
    expect(deck.index).toBe(specs.length - 1); // stays on the last slide
    key("Home");
    expect(deck.index).toBe(0);
    deck.element.querySelectorAll<HTMLButtonElement>(".deck-button")[1].click();
    expect(deck.index).toBe(1);
    expect(deck.element.querySelector(".deck-counter")?.textContent).toBe(`2 / ${specs.length}`);
    expect(deck.element.querySelectorAll(".slide-frame.active")).toHaveLength(1);
    expect(changes[0]).toBe(0);
    deck.element.remove();
  });
});

describe("charts that do not mislead (zero baselines, colours by direction, ít dữ liệu, phones)", () => {
  const xOf = (t: Element) => Number(/translate\(([-\d.]+)/.exec(t.getAttribute("transform") ?? "")?.[1] ?? NaN);

  it("terms: the bars start at zero, whatever the values", () => {
    const rows = [file.units[0], committees[0]].flatMap((u) => file.terms.map((term) => ({code: u.code, name: u.name, term, value: series.term("rate", u.code, term)})));
    const fig = termBarsChart(rows, {width: 600, indicator: rate, terms: file.terms});
    const svg = fig.querySelector("svg[role=img]") as SVGSVGElement & {scale?: unknown};
    const x = (fig as unknown as {scale(n: string): {domain: number[]}}).scale("x");
    expect(x.domain[0]).toBe(0);
    // A bar of 85 % is 85 % of the length of a bar of 100 %: its left edge is the axis' zero for every bar.
    const lefts = new Set([...svg.querySelectorAll('g[aria-label="bar"] rect')].map((r) => Math.round(Number(r.getAttribute("x")))));
    expect(lefts.size).toBe(1);
  });

  it("ranking in change mode: a picked unit keeps the colour of its change, never the orange of kém đi", () => {
    const rows = rankRows(series, {...q, measure: "change"});
    const colors = new Map(rows.map((r, i) => [r.code, PICK_COLORS[i]]));
    const fig = rankingChart(rows, {width: 640, indicator: rate, measure: "change", year: 2018, fromYear: 2016, colors});
    const fills = [...fig.querySelectorAll('svg[role=img] g[aria-label="bar"] rect')].map((r) => r.getAttribute("fill"));
    expect(fills.every((f) => f === COLORS.good)).toBe(true); // all three improved
    expect(fig.textContent).toContain("kém đi");
    for (const c of PICK_COLORS) expect(c).not.toBe(COLORS.bad);
  });

  it("ranking of a middle rating category (Khá): change in a neutral colour, no tốt lên / kém đi legend", () => {
    const fair: IndicatorMeta = {...rate, indicator: "meeting_rating_fair_share", name: "Tỷ lệ buổi sinh hoạt xếp loại Khá", short: "Buổi Khá", target: null};
    const rows = rankRows(new Series({...file, scale: {meeting_rating_fair_share: 10000}, v: {meeting_rating_fair_share: file.v.rate}}), {...q, indicator: fair, measure: "change"});
    const fig = rankingChart(rows, {width: 640, indicator: fair, measure: "change", year: 2018, fromYear: 2016});
    const fills = new Set([...fig.querySelectorAll('svg[role=img] g[aria-label="bar"] rect')].map((r) => r.getAttribute("fill")));
    expect([...fills]).toEqual([COLORS.change]);
    expect(fig.textContent).not.toContain("kém đi");
  });

  it("ranking: units with little data are grey, unranked and named in the legend and the tooltip with their denominator", () => {
    const rows = applyRankingRule(rankRows(series, q), (code) => (code === "A" ? 12 : 240), {min: 20, year: 2018});
    const fig = rankingChart(rows, {width: 640, indicator: rate, year: 2018});
    const svg = fig.querySelector("svg[role=img]")!;
    expect(texts(svg)).toEqual(expect.arrayContaining(["1. Công an tỉnh", "1. TP Bình Minh", "An Hòa"]));
    expect(fig.querySelector(".chart-legend")?.textContent).toContain("ít dữ liệu");
    const dotA = [...svg.querySelectorAll('g[aria-label="dot"] circle')].find((c) => c.querySelector("title")?.textContent?.startsWith("Huyện ủy An Hòa"));
    expect(dotA?.getAttribute("fill")).toBe(COLORS.thin);
    expect(dotA?.querySelector("title")?.textContent).toContain("Mẫu số: 12");
    expect(dotA?.querySelector("title")?.textContent).toContain("Ít dữ liệu");
  });

  it("lines on a phone: year labels thinned so that none runs into the next; line-end labels never overlap", () => {
    const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
    const wide: SeriesFile = {...file, years, v: {rate: Object.fromEntries(Object.keys(file.v.rate).map((c, i) => [c, years.map((_, j) => 9000 + i * 20 + j * 10)]))}};
    const s = new Series(wide);
    const colors = new Map(committees.map((u, i) => [u.code, PICK_COLORS[i]]));
    const rows = trendRows(s, {...q, to: 2022, units: committees});
    const ref = trendRows(s, {...q, to: 2022, units: [wide.units[0]]});
    const fig = linesChart(rows, {width: 326, indicator: rate, years, colors, reference: {label: "Toàn tỉnh", rows: ref}});
    const svg = fig.querySelector("svg[role=img]")!;
    const ticks = [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')];
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThan(years.length);
    expect(ticks.at(-1)?.textContent).toBe("2022");
    const xs = ticks.map(xOf);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThan(4 * 12 * 0.6 + 4);
    // End labels: the four values end within 1 point of each other; drawn at least a line apart (or dropped).
    const ends = [...svg.querySelectorAll("g.line-end-label text")].map((t) => Number(/translate\([-\d.]+,([-\d.]+)/.exec(t.getAttribute("transform") ?? "")?.[1]));
    expect(ends.length).toBeGreaterThan(0);
    const sorted = [...ends].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(12);
  });
});

describe("denominators in the change views' tooltips", () => {
  it("ranking in change mode: every bar's tooltip gives the denominator behind the change", () => {
    const fig = rankingChart(applyRankingRule(rankRows(series, {...q, measure: "change"}), () => 48, {min: 20, change: true, year: 2018}), {width: 640, indicator: rate, measure: "change", year: 2018, fromYear: 2016});
    const titles = [...fig.querySelectorAll('g[aria-label="bar"] title')].map((t) => t.textContent ?? "");
    expect(titles).toHaveLength(3);
    expect(titles.every((t) => t.includes("Mẫu số: 48"))).toBe(true);
  });
});

describe("heat map with units of little data", () => {
  it("writes their names in grey, the others in the text colour", () => {
    const rows = trendRows(series, q);
    const fig = heatmapChart(rows, {width: 700, indicator: rate, years: file.years, order: ["A", "B", "C"], thin: new Set(["C"])});
    const grey = [...fig.querySelectorAll("g.thin-labels text")].map((t) => t.textContent);
    expect(grey).toEqual(["Công an tỉnh"]);
    expect(fig.querySelector("g.thin-labels")?.getAttribute("fill")).toBe(COLORS.muted);
    expect(texts(fig.querySelector("svg[role=img]")!)).toEqual(expect.arrayContaining(["An Hòa", "TP Bình Minh"]));
  });
});
