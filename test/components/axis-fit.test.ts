// Fitting text into charts: ticks thinned to what the width holds, labels one per line or dropped.
import {describe, expect, it} from "vitest";
import {fitLabels, fitTicks, textWidth, thinTicks, yearTicks} from "../../src/components/axis-fit.ts";

describe("axis fit", () => {
  const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022];

  it("keeps every year where there is room, every other one (the last kept) on a phone", () => {
    expect(yearTicks(years, 900, 13)).toEqual(years);
    const phone = yearTicks(years, 180, 12);
    expect(phone.at(-1)).toBe(2022);
    expect(phone.length).toBeLessThan(years.length);
    const spacing = (180 / 6) * (years.indexOf(phone[1]) - years.indexOf(phone[0]));
    expect(spacing).toBeGreaterThanOrEqual(textWidth("2016", 12) + 8);
    expect(thinTicks(years, 10, 30)).toEqual([2018, 2022]);
  });

  it("round value ticks spaced wider than their labels", () => {
    const ticks = fitTicks(0.85, 1, 70, textWidth("100 %", 12));
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    const px = ((ticks[1] ?? ticks[0] + 1) - ticks[0]) * (70 / 0.15);
    expect(px).toBeGreaterThanOrEqual(textWidth("100 %", 12) + 10);
    expect(fitTicks(0.85, 1, 700, 36)).toEqual([0.85, 0.86, 0.87, 0.88, 0.89, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 1]);
  });

  it("labels never closer than the gap; those that do not fit are dropped, the first (most important) kept", () => {
    const labels = Array.from({length: 10}, (_, i) => ({id: i, py: 100}));
    const kept = fitLabels(labels, 20, 0, 100);
    expect(kept.length).toBe(6);
    expect(kept.map((l) => l.id)).toContain(0);
    const ys = kept.map((l) => l.py).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(20 - 1e-9);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(100);
  });
});
