// The slides' titles are findings made from the figures, and no slide states a target, a status against it or a
// count of units meeting it for an indicator that has no target (the quality index).
import {describe, expect, it} from "vitest";
import {changeWords, indicatorFinding, rankingFinding, targetsFinding, termsFinding} from "../../src/components/slide-findings.ts";
import {deckSpec} from "../../src/components/slides.ts";
import {Series, type IndicatorMeta, type SeriesFile} from "../../src/components/series.ts";

const rate: IndicatorMeta = {indicator: "rate", name: "Tỷ lệ tháng có sinh hoạt thường kỳ", short: "Sinh hoạt thường kỳ", target: 0.98, higherIsBetter: true, kind: "share"};
const absence: IndicatorMeta = {indicator: "absence", name: "Tỷ lệ vắng không lý do", short: "Vắng không lý do", target: 0, higherIsBetter: false, kind: "share"};
const index: IndicatorMeta = {indicator: "index", name: "Chỉ số chất lượng sinh hoạt chi bộ", short: "Chỉ số chất lượng", target: null, higherIsBetter: true, kind: "score"};
const speaking: IndicatorMeta = {indicator: "speaking", name: "Tỷ lệ buổi có đảng viên phát biểu", short: "Phát biểu", target: null, higherIsBetter: true, kind: "share"};

describe("sentences", () => {
  it("words a change in points, with its direction", () => {
    expect(changeWords(0.084, "share")).toBe("tăng 8,4\u00a0điểm\u00a0%");
    expect(changeWords(-0.01, "share")).toBe("giảm 1\u00a0điểm\u00a0%");
    expect(changeWords(-3.14, "score")).toBe("giảm 3,1\u00a0điểm");
    expect(changeWords(0.0001, "share")).toBe("không đổi");
  });

  it("an indicator: level, change since the first year, and the committees short of the target", () => {
    const text = indicatorFinding({
      indicator: rate,
      value: 0.985,
      base: {year: 2016, value: 0.901},
      parts: {noun: "đảng bộ", values: [{name: "A", value: 0.99}, {name: "B", value: 0.97}, {name: "C", value: 0.975}, {name: "D", value: 0.96}, {name: "E", value: null}]}
    });
    expect(text).toBe("Sinh hoạt thường kỳ đạt 98,5\u00a0%, tăng 8,4\u00a0điểm\u00a0% so với 2016; 3/4 đảng bộ chưa đạt mục tiêu 98\u00a0%");
  });

  it("when every unit or no unit meets the target, it says so, and names the weakest", () => {
    const all = indicatorFinding({indicator: rate, value: 0.99, parts: {noun: "đảng bộ", values: [{name: "A", value: 0.99}, {name: "B", value: 0.985}]}});
    expect(all).toBe("Sinh hoạt thường kỳ đạt 99,0\u00a0%; mọi đảng bộ đạt mục tiêu 98\u00a0%");
    const none = indicatorFinding({indicator: absence, value: 0.012, parts: {noun: "đảng bộ", values: [{name: "Huyện ủy A", value: 0.02}, {name: "Huyện ủy B", value: 0.005}]}});
    expect(none).toBe("Vắng không lý do ở mức 1,2\u00a0%; chưa đảng bộ nào đạt mục tiêu ≤\u00a00\u00a0%, cao nhất: Huyện ủy A 2,0\u00a0%");
  });

  it("without a target: no target, no status, no count of units meeting one — the weakest unit instead", () => {
    const text = indicatorFinding({
      indicator: index,
      value: 84.6,
      base: {year: 2016, value: 80.2},
      parts: {noun: "đảng bộ", values: [{name: "Huyện ủy Lâm Bình", value: 80.2}, {name: "Đảng ủy Công an tỉnh", value: 91.1}]}
    });
    expect(text).toBe("Chỉ số chất lượng đạt 84,6, tăng 4,4\u00a0điểm so với 2016; thấp nhất: Huyện ủy Lâm Bình 80,2");
    expect(text).not.toMatch(/mục tiêu|đạt mục|chưa đạt/);
    const alone = indicatorFinding({indicator: speaking, value: 0.7, reference: {label: "Huyện ủy An", value: 0.65}});
    expect(alone).toBe("Phát biểu đạt 70,0\u00a0%; cao hơn Huyện ủy An 5\u00a0điểm\u00a0%");
  });

  it("a grassroots organisation: the gap to its committee and its own status against the target", () => {
    const text = indicatorFinding({indicator: rate, value: 0.95, base: {year: 2016, value: 0.95}, reference: {label: "Huyện ủy An", value: 0.972}});
    expect(text).toBe("Sinh hoạt thường kỳ đạt 95,0\u00a0%, không đổi so với 2016; thấp hơn Huyện ủy An 2,2\u00a0điểm\u00a0%; chưa đạt mục tiêu 98\u00a0%");
  });

  it("a ranking: the unit's place, or the spread — and a count meeting the target only when there is a target", () => {
    const rows = [
      {code: "a", name: "Đảng ủy Công an tỉnh", value: 91.1, rank: 1},
      {code: "b", name: "Huyện ủy Yên Sơn", value: 85, rank: 2},
      {code: "c", name: "Huyện ủy Lâm Bình", value: 80.2, rank: 3},
      {code: "d", name: "Huyện ủy Na Hang", value: null, rank: null}
    ];
    const province = rankingFinding({indicator: index, year: 2022, rows, noun: "đảng bộ"});
    expect(province).toBe("Chỉ số chất lượng năm 2022: cao nhất Đảng ủy Công an tỉnh 91,1, thấp nhất Huyện ủy Lâm Bình 80,2");
    expect(province).not.toContain("mục tiêu");
    const own = rankingFinding({indicator: index, year: 2022, rows, noun: "đảng bộ", among: "trực thuộc tỉnh", own: {code: "b", name: "Huyện ủy Yên Sơn"}});
    expect(own).toBe("Huyện ủy Yên Sơn xếp thứ 2/3 đảng bộ trực thuộc tỉnh về chỉ số chất lượng (85)");
    const shares = rows.map((r) => ({...r, value: r.value == null ? null : r.value / 100}));
    expect(rankingFinding({indicator: {...rate, target: 0.85}, year: 2022, rows: shares, noun: "đảng bộ"})).toMatch(/; 2\/3 đảng bộ đạt mục tiêu 85\u00a0%$/);
  });

  it("the two terms: how many improved (lower is better counted right) and the largest move", () => {
    const text = termsFinding({
      before: "2015–2020",
      rows: [
        {indicator: rate, before: 0.9, after: 0.95},
        {indicator: absence, before: 0.03, after: 0.01},
        {indicator: speaking, before: 0.6, after: 0.5}
      ]
    });
    expect(text).toBe("2/3 tỷ lệ tốt lên so với nhiệm kỳ 2015–2020; thay đổi lớn nhất: Phát biểu giảm 10\u00a0điểm\u00a0%");
  });

  it("targets: counts only indicators with a target and a value, names at most three that are short", () => {
    const rows = [
      {indicator: rate, value: 0.99},
      {indicator: absence, value: 0.01},
      {indicator: index, value: 84},
      {indicator: speaking, value: 0.5},
      {indicator: {...rate, short: "Chuyên đề"}, value: 0.5},
      {indicator: {...rate, short: "Đúng ngày"}, value: 0.5},
      {indicator: {...rate, short: "Đủ thời lượng"}, value: 0.5},
      {indicator: {...rate, short: "Không số liệu"}, value: null}
    ];
    expect(targetsFinding(rows, 2022)).toBe("1/5 chỉ tiêu có mục tiêu đã đạt năm 2022; chưa đạt: Vắng không lý do, Chuyên đề, Đúng ngày và 1 chỉ tiêu khác");
    expect(targetsFinding(rows.slice(0, 1), 2022)).toBe("1/1 chỉ tiêu có mục tiêu đã đạt năm 2022");
    expect(targetsFinding([{indicator: index, value: 80}], 2022)).toBeNull();
  });
});

// A province P with three committees over 2016–2018 and two terms; A has two grassroots organisations.
const file: SeriesFile = {
  years: [2016, 2017, 2018],
  terms: ["2015-2020", "2020-2025"],
  scale: {rate: 10000, speaking: 10000, index: 100},
  units: [
    {code: "P", name: "Đảng bộ tỉnh P", level: "tinh"},
    {code: "A", name: "Huyện ủy An", level: "tren_co_so", parent: "P"},
    {code: "B", name: "Thành ủy Bình", level: "tren_co_so", parent: "P"},
    {code: "C", name: "Đảng ủy Công an tỉnh", level: "tren_co_so", parent: "P"},
    {code: "A.1", name: "Đảng bộ xã Một", level: "dang_bo_co_so", parent: "A", committee: "A"},
    {code: "A.2", name: "Chi bộ Trường Hai", level: "chi_bo_co_so", parent: "A", committee: "A"}
  ],
  v: {
    rate: {P: [9000, 9400, 9850], A: [8800, 9300, 9900], B: [9100, 9500, 9700], C: [9000, 9400, 9750], "A.1": [8700, 9200, 9900], "A.2": [8900, 9400, 9600]},
    speaking: {P: [6000, 6200, 6500], A: [6100, 6300, 6600], B: [5900, 6100, 6400], C: [6000, 6200, 6500], "A.1": [6000, 6100, 6200], "A.2": [6200, 6500, 7000]},
    index: {P: [7800, 8000, 8460], A: [7900, 8100, 8500], B: [7700, 7900, 8020], C: [8100, 8300, 9110], "A.1": [7000, 7100, 7300], "A.2": [7500, 7700, 7900]}
  },
  t: {
    rate: {P: [9200, 9850], A: [9000, 9900], "A.2": [9100, 9600]},
    speaking: {P: [6100, 6500], A: [6200, 6600], "A.2": [6300, 7000]}
  }
};
const series = new Series(file);
const indicators = [rate, speaking, index];

describe("the deck", () => {
  it("titles every slide but the first with a finding from the figures", () => {
    const slides = deckSpec({series, indicators, unit: "P", year: 2018, province: "P"});
    expect(slides.map((s) => s.kind)).toEqual(["title", "indicator", "indicator", "indicator", "ranking", "terms", "summary"]);
    expect(slides[1].title).toBe("Sinh hoạt thường kỳ đạt 98,5\u00a0%, tăng 8,5\u00a0điểm\u00a0% so với 2016; 2/3 đảng bộ chưa đạt mục tiêu 98\u00a0%");
    expect(slides[4].title).toBe("Chỉ số chất lượng năm 2018: cao nhất Đảng ủy Công an tỉnh 91,1, thấp nhất Thành ủy Bình 80,2");
    expect(slides[6].title).toBe("1/1 chỉ tiêu có mục tiêu đã đạt năm 2018");
    // The indicator's name stays on the slide, above the finding.
    expect(slides[1].kind === "indicator" && slides[1].kicker).toBe("Tỷ lệ tháng có sinh hoạt thường kỳ · năm 2018");
  });

  it("states no target, status or count meeting a target on the slides of indicators without one", () => {
    for (const unit of ["P", "A", "A.2"]) {
      const slides = deckSpec({series, indicators, unit, year: 2018, province: "P"});
      const noTarget = slides.filter((s) => (s.kind === "indicator" || s.kind === "ranking") && s.indicator.target == null);
      expect(noTarget.length, unit).toBeGreaterThanOrEqual(2);
      for (const s of noTarget) {
        if (s.kind !== "indicator" && s.kind !== "ranking") continue;
        for (const text of [s.title, s.headline, s.caption, s.kicker]) expect(text, `${unit}: ${s.indicator.short}`).not.toMatch(/mục tiêu|đạt mục|chưa đạt/);
      }
      // The province's ranking of the quality index shows the province's own level, not "0/3 đạt".
      const ranking = slides.find((s) => s.kind === "ranking");
      if (unit === "P" && ranking?.kind === "ranking") expect(ranking.headline).toBe("84,6");
      // Slides of an indicator with a target do state it.
      const withTarget = slides.find((s) => s.kind === "indicator" && s.indicator.target != null);
      expect(withTarget?.kind === "indicator" && `${withTarget.title} ${withTarget.caption}`, unit).toMatch(/mục tiêu/);
    }
  });

  it("a grassroots organisation: its rank among its committee's organisations, and the gap to its committee", () => {
    const slides = deckSpec({series, indicators, unit: "A.2", year: 2018, province: "P"});
    const ranking = slides.find((s) => s.kind === "ranking");
    expect(ranking?.title).toBe("Chi bộ Trường Hai xếp thứ 1/2 tổ chức cơ sở đảng của Huyện ủy An về chỉ số chất lượng (79)");
    expect(ranking?.kind === "ranking" && ranking.headline).toBe("Hạng 1/2");
    expect(slides[1].title).toBe("Sinh hoạt thường kỳ đạt 96,0\u00a0%, tăng 7\u00a0điểm\u00a0% so với 2016; thấp hơn Huyện ủy An 3\u00a0điểm\u00a0%; chưa đạt mục tiêu 98\u00a0%");
  });
});
