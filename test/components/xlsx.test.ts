// The XLSX and ZIP writers: exceljs reads the workbook back (Vietnamese text, numbers, formats, frozen header).
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {describe, expect, it} from "vitest";
import {buildXlsx, columnName} from "../../src/components/xlsx.ts";
import {crc32, zip} from "../../src/components/zip.ts";

describe("zip", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("writes an archive other tools can read, with UTF-8 names", async () => {
    const bytes = zip([
      {name: "a.json", data: '{"x":1}'},
      {name: "thư mục/đơn vị.txt", data: "Chi bộ thôn Nà Khà"}
    ]);
    const archive = await JSZip.loadAsync(bytes);
    expect(await archive.file("a.json")!.async("string")).toBe('{"x":1}');
    expect(await archive.file("thư mục/đơn vị.txt")!.async("string")).toBe("Chi bộ thôn Nà Khà");
  });
});

describe("xlsx", () => {
  it("names columns like Excel", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });

  it("writes sheets exceljs reads back: header, numbers, formats, Vietnamese text", async () => {
    const bytes = buildXlsx(
      [
        {
          name: "Số liệu",
          preamble: ["Chỉ tiêu chất lượng sinh hoạt chi bộ", "Dữ liệu mô phỏng"],
          columns: [
            {header: "Mã đơn vị", width: 12},
            {header: "Tên đơn vị", width: 30},
            {header: "Giá trị", style: "percent"},
            {header: "Mẫu số", style: "integer"}
          ],
          rows: [
            ["HU-LB", "Huyện ủy Lâm Bình", 0.9381, 1234],
            ["DU-CA", "Đảng ủy Công an tỉnh & <khác>", null, 12]
          ],
          styles: [[undefined, undefined, "decimal"]]
        },
        {name: "Định nghĩa", columns: [{header: "Chỉ tiêu"}], rows: [["regular_meeting_rate"]], header: false}
      ],
      {title: "Xuất dữ liệu"}
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Số liệu", "Định nghĩa"]);
    const ws = wb.getWorksheet("Số liệu")!;
    expect(ws.getCell("A1").value).toBe("Chỉ tiêu chất lượng sinh hoạt chi bộ");
    expect(ws.getRow(3).values).toEqual([undefined, "Mã đơn vị", "Tên đơn vị", "Giá trị", "Mẫu số"]);
    expect(ws.getCell("A3").font?.bold).toBe(true);
    expect(ws.getCell("B4").value).toBe("Huyện ủy Lâm Bình");
    expect(ws.getCell("C4").value).toBe(0.9381);
    expect(ws.getCell("C4").numFmt).toBe("#,##0.00"); // per-cell override
    expect(ws.getCell("C5").value).toBe(null);
    expect(ws.getCell("B5").value).toBe("Đảng ủy Công an tỉnh & <khác>");
    expect(ws.getCell("D4").value).toBe(1234);
    expect(ws.getCell("D4").numFmt).toBe("#,##0");
    expect(ws.views[0]).toMatchObject({state: "frozen", ySplit: 3});
    expect(ws.getColumn(2).width).toBe(30);
    expect(wb.getWorksheet("Định nghĩa")!.getCell("A1").value).toBe("regular_meeting_rate"); // header: false
  });
});
