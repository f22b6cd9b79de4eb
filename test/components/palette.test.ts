// @vitest-environment jsdom
// Every colour the charts and pages use, checked with the WCAG contrast ratio: picker and chart colours at least
// 3:1 against white (graphics), text colours at least 4.5:1, the grey intro text of every page included, and the
// figures written inside heat-map cells readable on their cell. The picker never uses the colours of the legend.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {COLORS, TEXT_COLORS} from "../../src/components/charts.ts";
import {PICK_COLORS, heatmapChart} from "../../src/components/compare-charts.ts";
import {contrastRatio, parseColor, readableOn} from "../../src/components/contrast.ts";
import type {IndicatorMeta, TrendRow} from "../../src/components/series.ts";

const WHITE = "#ffffff";
const css = readFileSync(join(import.meta.dirname, "..", "..", "src", "style.css"), "utf8");

/** The colour declared in a CSS rule (`selector { … color: X … }`), variables resolved from :root. */
function ruleColor(selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const block = new RegExp(`(^|\\n)${escaped}\\s*\\{([^}]*)\\}`).exec(css)?.[2] ?? "";
  const value = /(?:^|;|\n)\s*color:\s*([^;]+);/.exec(block)?.[1]?.trim() ?? "";
  const v = /^var\((--[\w-]+)\)$/.exec(value);
  return v ? (new RegExp(`${v[1]}:\\s*([^;]+);`).exec(css)?.[1]?.trim() ?? value) : value;
}

const distance = (a: string, b: string) => {
  const [x, y] = [parseColor(a)!, parseColor(b)!];
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
};

describe("contrast ratio", () => {
  it("follows WCAG: 21 for black on white, 1 for a colour on itself, the old picker colours below 3", () => {
    expect(contrastRatio("#000000", WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio("#0b5fa5", "#0b5fa5")).toBe(1);
    expect(contrastRatio("#e69f00", WHITE)).toBeLessThan(3);
    expect(contrastRatio("#56b4e9", WHITE)).toBeLessThan(3);
    expect(contrastRatio("rgb(255, 255, 255)", "#777777")).toBeCloseTo(4.48, 2);
  });
});

describe("palette", () => {
  it("picker colours: at least 3:1 against white, and none of them the colour of the province, of tốt lên or of kém đi", () => {
    expect(PICK_COLORS.length).toBeGreaterThanOrEqual(5);
    for (const c of PICK_COLORS) {
      expect(contrastRatio(c, WHITE), c).toBeGreaterThanOrEqual(3);
      for (const taken of [COLORS.province, COLORS.good, COLORS.bad, COLORS.target, COLORS.met, COLORS.reference, COLORS.committee]) {
        expect(distance(c, taken), `${c} vs ${taken}`).toBeGreaterThan(60);
      }
    }
    // The unit picked on the other pages is the first picker colour, far from kém đi and the province too.
    expect(COLORS.highlight).toBe(PICK_COLORS[0]);
    expect(distance(COLORS.highlight, COLORS.bad)).toBeGreaterThan(60);
    // Distinct from one another.
    for (const [i, a] of PICK_COLORS.entries()) for (const b of PICK_COLORS.slice(i + 1)) expect(distance(a, b), `${a} vs ${b}`).toBeGreaterThan(60);
  });

  it("chart colours that carry meaning are at least 3:1 against white", () => {
    for (const key of ["province", "highlight", "target", "met", "unmet", "good", "bad", "change", "muted"] as const) {
      expect(contrastRatio(COLORS[key], WHITE), key).toBeGreaterThanOrEqual(3);
    }
  });

  it("text colours are at least 4.5:1 against white, the intro text (.lede) and the stylesheet's colour variables included", () => {
    for (const [key, c] of Object.entries(TEXT_COLORS)) expect(contrastRatio(c, WHITE), key).toBeGreaterThanOrEqual(4.5);
    const lede = ruleColor(".lede");
    expect(parseColor(lede), `.lede colour "${lede}"`).not.toBeNull();
    expect(contrastRatio(lede, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(lede.toLowerCase()).toBe(TEXT_COLORS.lede);
    // The page background of the theme (4 % of the text colour over white): grey text must read on it too.
    const page = "#f6f6f6";
    expect(contrastRatio(lede, page)).toBeGreaterThanOrEqual(4.5);
    const muted = /--theme-foreground-muted:\s*([^;]+);/.exec(css)?.[1]?.trim() ?? "";
    expect(parseColor(muted), "the stylesheet sets the muted grey").not.toBeNull();
    expect(contrastRatio(muted, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(muted, page)).toBeGreaterThanOrEqual(4.5);
    for (const v of ["--chibo-province", "--chibo-target", "--chibo-good", "--chibo-bad"]) {
      const c = new RegExp(`${v}:\\s*([^;]+);`).exec(css)![1].trim();
      expect(contrastRatio(c, WHITE), v).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("heat map: every figure is at least 4.5:1 on its own cell, in value and in change mode", () => {
    const ind: IndicatorMeta = {indicator: "rate", name: "Tỷ lệ", short: "Tỷ lệ", target: null, higherIsBetter: true, kind: "share"};
    const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
    const codes = Array.from({length: 10}, (_, i) => `U${i}`);
    // Values spread over the whole colour ramp (the mid-tones are where a fixed threshold failed).
    const rows: TrendRow[] = codes.flatMap((code, i) => years.map((year, j) => ({code, name: `Đơn vị ${i}`, year, value: 0.3 + ((i * years.length + j) / 70) * 0.7})));
    for (const measure of ["value", "change"] as const) {
      const data = measure === "change" ? rows.map((r) => ({...r, value: (r.value ?? 0) - 0.65})) : rows;
      const fig = heatmapChart(data, {width: 900, indicator: ind, measure, years, order: codes});
      const svg = fig.querySelector("svg[role=img]")!;
      const cells = [...svg.querySelectorAll('g[aria-label="cell"]')].at(-1)!.querySelectorAll("rect");
      const labels = svg.querySelectorAll('g[aria-label="text"] text');
      expect(cells.length).toBe(70);
      expect(labels.length).toBe(70);
      let worst = Infinity;
      cells.forEach((cell, i) => {
        const fill = cell.getAttribute("fill")!;
        const text = labels[i].getAttribute("fill")!;
        worst = Math.min(worst, contrastRatio(text, fill));
      });
      expect(worst, measure).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("reporting status grid: every symbol at least 4.5:1 on its cell", async () => {
    const {statusGridChart} = await import("../../src/components/quality-charts.ts");
    const cells = [
      {committee: "A", name: "A", year: 2021, completeness: 1, timeliness: 1},
      {committee: "A", name: "A", year: 2022, completeness: 1, timeliness: 0},
      {committee: "B", name: "B", year: 2021, completeness: 0.5, timeliness: null},
      {committee: "B", name: "B", year: 2022, completeness: 0, timeliness: null},
      {committee: "C", name: "C", year: 2021, completeness: 1, timeliness: null},
      {committee: "C", name: "C", year: 2022, completeness: null, timeliness: null}
    ];
    const fig = statusGridChart(cells, {width: 600, years: [2021, 2022], order: ["A", "B", "C"]});
    const rects = fig.querySelectorAll('g[aria-label="cell"] rect');
    const symbols = fig.querySelectorAll('g[aria-label="text"] text');
    expect(rects.length).toBe(6);
    rects.forEach((r, i) => expect(contrastRatio(symbols[i].getAttribute("fill") ?? "", r.getAttribute("fill") ?? ""), symbols[i].textContent ?? "").toBeGreaterThanOrEqual(4.5));
  });

  it("readableOn picks the text colour with the higher contrast", () => {
    expect(readableOn("#08306b")).toBe("#ffffff");
    expect(readableOn("#f4f4f2")).toBe("#1b1e23");
  });
});
