// The pure data layer of the pages: series access, rankings, change since the first year, trend rows, search,
// URL state, formats by kind, and the vi-VN unit labels.
import {describe, expect, it} from "vitest";
import {
  Series,
  decodeCompareState,
  direction,
  encodeCompareState,
  foldSearch,
  formatDelta,
  formatRank,
  formatValue,
  matchesUnit,
  meetsTarget,
  rankRows,
  trendRows,
  unitTypes,
  type CompareState,
  type IndicatorMeta,
  type SeriesFile
} from "../../src/components/series.ts";
import {unitLabel} from "../../src/components/format.ts";

const share: IndicatorMeta = {indicator: "rate", name: "Tỷ lệ", short: "Tỷ lệ", target: 0.9, higherIsBetter: true, kind: "share"};
const absence: IndicatorMeta = {indicator: "absence", name: "Vắng", short: "Vắng", target: 0, higherIsBetter: false, kind: "share"};
const score: IndicatorMeta = {indicator: "index", name: "Chỉ số", short: "Chỉ số", target: null, higherIsBetter: true, kind: "score"};

// Three committees of province P over 2016–2018; C did not report 2017; B absorbed a unit (comparable differs).
const file: SeriesFile = {
  years: [2016, 2017, 2018],
  terms: ["2015-2020"],
  scale: {rate: 10000, absence: 10000, index: 100},
  units: [
    {code: "P", name: "Đảng bộ tỉnh P", level: "tinh"},
    {code: "A", name: "Huyện ủy An", level: "tren_co_so", parent: "P", type: "nong_thon"},
    {code: "B", name: "Thành ủy Bình", level: "tren_co_so", parent: "P", type: "do_thi"},
    {code: "C", name: "Đảng ủy Công an tỉnh", level: "tren_co_so", parent: "P", type: "luc_luong_vu_trang"}
  ],
  v: {
    rate: {P: [8500, 9000, 9300], A: [8000, 8800, 9500], B: [9000, 9200, 9100], C: [8600, null, 9100]},
    absence: {A: [500, 300, 200], B: [100, 100, 400]},
    index: {A: [7012, 7200, 7300], B: [6000, 6500, 7000]}
  },
  t: {rate: {A: [8765]}},
  n: {rate: {A: [80, 88, 95]}},
  d: {rate: {A: [100, 100, 100]}},
  c: {rate: {B: [8800, 9100, 9100]}}
};
const series = new Series(file);
const committees = file.units.slice(1);

describe("Series", () => {
  it("decodes scaled values, terms, counts and the comparable series", () => {
    expect(series.value("rate", "A", 2018)).toBe(0.95);
    expect(series.value("index", "A", 2016)).toBe(70.12);
    expect(series.value("rate", "C", 2017)).toBeNull(); // not reported: null, never 0
    expect(series.value("rate", "A", 2030)).toBeNull();
    expect(series.value("rate", "Z", 2016)).toBeNull();
    expect(series.term("rate", "A", "2015-2020")).toBe(0.8765);
    expect(series.counts("rate", "A", 2017)).toEqual({numerator: 88, denominator: 100});
    expect(series.value("rate", "B", 2016, "comparable")).toBe(0.88);
    expect(series.value("rate", "A", 2016, "comparable")).toBe(0.8); // same as reported: falls back
    expect(series.differs("B")).toBe(true);
    expect(series.differs("A")).toBe(false);
    expect(series.children("P").map((u) => u.code)).toEqual(["A", "B", "C"]);
    expect(series.row("rate", "C")).toEqual([0.86, null, 0.91]);
  });

  it("merges files without duplicating units", () => {
    const other: SeriesFile = {...file, units: [{code: "A.1", name: "Đảng bộ xã Một", level: "dang_bo_co_so", parent: "A", committee: "A"}], v: {rate: {"A.1": [null, 9000, 10000]}}, c: undefined, n: undefined, d: undefined, t: undefined};
    const both = new Series(file, other, file);
    expect(both.units.map((u) => u.code)).toEqual(["P", "A", "B", "C", "A.1"]);
    expect(both.value("rate", "A.1", 2018)).toBe(1);
    expect(both.children("A").map((u) => u.code)).toEqual(["A.1"]);
  });
});

describe("rankRows", () => {
  it("ranks best first by the value in the last year, ties share a rank, missing values last", () => {
    const rows = rankRows(series, {indicator: share, units: committees, from: 2016, to: 2018, measure: "value", mode: "reported"});
    expect(rows.map((r) => [r.code, r.value, r.rank])).toEqual([
      ["A", 0.95, 1],
      ["C", 0.91, 2], // tie: same rank, then Vietnamese alphabetical order (Đ before T)
      ["B", 0.91, 2]
    ]);
    const y2017 = rankRows(series, {indicator: share, units: committees, from: 2016, to: 2017, measure: "value", mode: "reported"});
    expect(y2017.map((r) => [r.code, r.rank])).toEqual([
      ["B", 1],
      ["A", 2],
      ["C", null]
    ]);
  });

  it("respects the direction of the indicator and ranks changes since the first year with a value", () => {
    const low = rankRows(series, {indicator: absence, units: committees, from: 2016, to: 2018, measure: "value", mode: "reported"});
    expect(low.map((r) => r.code)).toEqual(["A", "B", "C"]); // 2 % absence beats 4 %
    const change = rankRows(series, {indicator: share, units: committees, from: 2016, to: 2018, measure: "change", mode: "reported"});
    expect(change.map((r) => [r.code, Number(r.value?.toFixed(4)), r.baseYear])).toEqual([
      ["A", 0.15, 2016],
      ["C", 0.05, 2016],
      ["B", 0.01, 2016]
    ]);
    const comparable = rankRows(series, {indicator: share, units: committees, from: 2016, to: 2018, measure: "change", mode: "comparable"});
    expect(Number(comparable.find((r) => r.code === "B")!.value!.toFixed(4))).toBe(0.03);
  });
});

describe("trendRows", () => {
  it("gives one row per unit and year in range, values or changes since the unit's first value", () => {
    const rows = trendRows(series, {indicator: share, units: [committees[2]], from: 2017, to: 2018, measure: "value", mode: "reported"});
    expect(rows).toEqual([
      {code: "C", name: "Đảng ủy Công an tỉnh", year: 2017, value: null},
      {code: "C", name: "Đảng ủy Công an tỉnh", year: 2018, value: 0.91}
    ]);
    const change = trendRows(series, {indicator: share, units: [committees[2]], from: 2016, to: 2018, measure: "change", mode: "reported"});
    expect(change.map((r) => (r.value == null ? null : Number(r.value.toFixed(4))))).toEqual([0, null, 0.05]);
  });
});

describe("formats by kind", () => {
  it("formats values, changes and ranks in vi-VN", () => {
    expect(formatValue(0.938, "share")).toBe("93,8\u00a0%");
    expect(formatValue(72.45, "score")).toBe("72,5");
    expect(formatValue(null, "share")).toBe("–");
    expect(formatDelta(0.062, "share")).toBe("+6,2\u00a0điểm\u00a0%");
    expect(formatDelta(-3.14, "score")).toBe("\u22123,1\u00a0điểm");
    expect(formatDelta(0.00001, "score", {unit: false})).toBe("0,0");
    expect(formatRank(3, 10)).toBe("3/10");
    expect(direction(0.01, absence)).toBe(-1);
    expect(direction(-0.01, absence)).toBe(1);
    expect(direction(0.0001, share)).toBe(0);
    expect(meetsTarget(0.9, share)).toBe(true);
    expect(meetsTarget(0.01, absence)).toBe(false);
    expect(meetsTarget(70, score)).toBeNull();
  });

  it("shortens unit names for axes and keeps them recognisable", () => {
    expect(unitLabel("Huyện ủy Chiêm Hóa")).toBe("Chiêm Hóa");
    expect(unitLabel("Đảng bộ xã Trung Hà")).toBe("Xã Trung Hà");
    expect(unitLabel("Đảng bộ phường Mỹ Lâm")).toBe("Phường Mỹ Lâm");
    expect(unitLabel("Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh huyện Chiêm Hóa", 40)).toBe("CB NHNo&PTNT CN huyện Chiêm Hóa");
    expect(unitLabel("Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh huyện Chiêm Hóa")).toBe("CB NHNo&PTNT CN huyện Chiêm H…");
    expect(unitLabel("Chi bộ Công ty cổ phần Môi trường và Dịch vụ đô thị Tuyên Quang", 24)).toBe("CB CTCP Môi trường và D…");
  });
});

describe("search and unit types", () => {
  it("matches names and codes without diacritics, every word", () => {
    expect(foldSearch("  Chiêm   HÓA ")).toBe("chiem hoa");
    expect(foldSearch("Đảng ủy")).toBe("dang uy");
    expect(matchesUnit({code: "HU-CH", name: "Huyện ủy Chiêm Hóa"}, "chiem hoa")).toBe(true);
    expect(matchesUnit({code: "HU-CH", name: "Huyện ủy Chiêm Hóa"}, "hu-ch")).toBe(true);
    expect(matchesUnit({code: "HU-CH", name: "Huyện ủy Chiêm Hóa"}, "hoa lam")).toBe(false);
    expect(unitTypes(committees, ["do_thi", "nong_thon"])).toEqual(["do_thi", "nong_thon", "luc_luong_vu_trang"]);
  });
});

describe("compare state in the URL", () => {
  const defaults: CompareState = {indicator: "rate", level: "committees", from: 2016, to: 2018, measure: "value", mode: "reported", types: null, units: []};
  const valid = {indicators: ["rate", "index"], levels: ["committees", "A"], years: [2016, 2017, 2018]};

  it("round-trips a view and leaves defaults out", () => {
    const state: CompareState = {indicator: "index", level: "A", from: 2017, to: 2018, measure: "change", mode: "comparable", types: ["nong_thon"], units: ["A.1", "A.2"]};
    const search = encodeCompareState(state, defaults);
    expect(search).toBe("?chi-tieu=index&cap=A&tu=2017&hien-thi=thay-doi&chuoi=so-sanh-duoc&loai-hinh=nong_thon&don-vi=A.1%2CA.2");
    expect(decodeCompareState(search, defaults, valid)).toEqual(state);
    expect(encodeCompareState(defaults, defaults)).toBe("");
  });

  it("falls back to the defaults for unknown or invalid values and orders the years", () => {
    expect(decodeCompareState("?chi-tieu=nope&cap=ZZ&tu=2018&den=2016&tu2=1", defaults, valid)).toMatchObject({indicator: "rate", level: "committees", from: 2016, to: 2018});
    expect(decodeCompareState("?den=1999", defaults, valid).to).toBe(2018);
  });
});
