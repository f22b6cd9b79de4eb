// The slide charts' label placement: line-end labels stacked one line apart inside the plot area, and unit names
// cut to the room they have (figures never cut).
// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {fitLabel, stackLabels, textWidth} from "../../src/components/slide-charts.ts";

const centres = (pys: number[], gap: number, min: number, max: number) => stackLabels(pys.map((py) => ({py})), gap, min, max).map((l) => l.py);

describe("stackLabels", () => {
  it("keeps labels apart and within the plot area", () => {
    // Two labels at the top edge (a unit at 100 % and the target 100 %): the first held at min, the next one line below.
    expect(centres([10, 10, 200], 20, 15, 100)).toEqual([15, 35, 100]);
    // Three labels at the bottom edge: pushed back up, one line apart.
    expect(centres([100, 100, 100], 20, 15, 100)).toEqual([60, 80, 100]);
    // Labels already apart stay where their lines end.
    expect(centres([30, 70], 20, 15, 100)).toEqual([30, 70]);
  });

  it("never leaves two labels closer than the gap when they fit", () => {
    for (let seed = 1; seed < 200; seed++) {
      const pys = Array.from({length: 1 + (seed % 6)}, (_, i) => ((seed * 7919 + i * 104729) % 500) - 50);
      const out = centres(pys, 30, 20, 420);
      for (let i = 1; i < out.length; i++) expect(out[i] - out[i - 1]).toBeGreaterThanOrEqual(30 - 1e-9);
      expect(Math.min(...out)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...out)).toBeLessThanOrEqual(420);
    }
  });
});

describe("fitLabel", () => {
  it("cuts a long unit name to the width it has, and keeps a short one whole", () => {
    const name = "Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh huyện Sơn Dương";
    const cut = fitLabel(name, 300, 24);
    expect(textWidth(cut, 24)).toBeLessThanOrEqual(300);
    expect(cut.endsWith("…")).toBe(true);
    expect(fitLabel("Huyện ủy Lâm Bình", 600, 24)).toBe("Lâm Bình");
    expect(fitLabel("Chi bộ Đội 1", 600, 24, 400, "3. ")).toBe("3. CB Đội 1");
  });
});
