// The XLSX and ZIP writers: exceljs reads the workbook back (Vietnamese text, numbers, formats, frozen header),
// and the archive is compressed (a 26,832-row export was 23.7 MB stored).
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
    const bytes = await zip([
      {name: "a.json", data: '{"x":1}'},
      {name: "thư mục/đơn vị.txt", data: "Chi bộ thôn Nà Khà"}
    ]);
    const archive = await JSZip.loadAsync(bytes);
    expect(await archive.file("a.json")!.async("string")).toBe('{"x":1}');
    expect(await archive.file("thư mục/đơn vị.txt")!.async("string")).toBe("Chi bộ thôn Nà Khà");
  });
});

/** The compression method and the sizes of each entry, from the archive's local headers. */
function entries(bytes: Uint8Array): {name: string; method: number; packed: number; size: number}[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  for (let p = 0; view.getUint32(p, true) === 0x04034b50; ) {
    const packed = view.getUint32(p + 18, true);
    const nameLength = view.getUint16(p + 26, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 30, p + 30 + nameLength));
    out.push({name, method: view.getUint16(p + 8, true), packed, size: view.getUint32(p + 22, true)});
    p += 30 + nameLength + view.getUint16(p + 28, true) + packed;
  }
  return out;
}

describe("zip compression", () => {
  it("deflates what shrinks, stores what does not, and both read back", async () => {
    const text = "Chi bộ thôn Nà Khà;98,5\r\n".repeat(2000);
    let seed = 2463534242;
    const noise = Uint8Array.from({length: 300}, () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed & 0xff;
    });
    const bytes = await zip([
      {name: "bang.csv", data: text},
      {name: "nhieu.bin", data: noise}
    ]);
    const list = entries(bytes);
    expect(list.map((e) => [e.name, e.method])).toEqual([
      ["bang.csv", 8],
      ["nhieu.bin", 0]
    ]);
    expect(list[0].packed).toBeLessThan(list[0].size / 20);
    const archive = await JSZip.loadAsync(bytes);
    expect(await archive.file("bang.csv")!.async("string")).toBe(text);
    expect(await archive.file("nhieu.bin")!.async("uint8array")).toEqual(noise);
    const stored = entries(await zip([{name: "bang.csv", data: text}], {compress: false}));
    expect(stored[0]).toMatchObject({method: 0, packed: stored[0].size});
  });

  it("a browser without CompressionStream still gets a valid (stored) archive", async () => {
    const original = globalThis.CompressionStream;
    try {
      // @ts-expect-error: an old browser
      delete globalThis.CompressionStream;
      const bytes = await zip([{name: "a.txt", data: "Chi bộ ".repeat(500)}]);
      expect(entries(bytes)[0].method).toBe(0);
      expect(await (await JSZip.loadAsync(bytes)).file("a.txt")!.async("string")).toBe("Chi bộ ".repeat(500));
    } finally {
      globalThis.CompressionStream = original;
    }
  });

  it("a workbook of 26,832 rows is a small compressed file that exceljs reads in full", async () => {
    const units = Array.from({length: 96}, (_, i) => [`HU-LB.${String(i).padStart(3, "0")}`, `Đảng bộ xã số ${i} huyện Lâm Bình`]);
    const rows = Array.from({length: 26_832}, (_, i) => {
      const [code, name] = units[i % units.length];
      return [code, name, "Năm", 2016 + (i % 7), "Tỷ lệ tháng có sinh hoạt thường kỳ", 800 + (i % 97), 960, Math.round(((800 + (i % 97)) / 960) * 10000) / 100, "%"];
    });
    const bytes = await buildXlsx([
      {
        name: "Số liệu",
        columns: ["Mã đơn vị", "Tên đơn vị", "Loại kỳ", "Kỳ", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Đơn vị tính"].map((header) => ({header})),
        rows,
        styles: rows.map(() => [undefined, undefined, undefined, "plain", undefined, "integer", "integer", "fixed1"])
      }
    ]);
    const list = entries(bytes);
    const sheet = list.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    expect(sheet.method).toBe(8);
    expect(sheet.size).toBeGreaterThan(3_000_000); // the XML itself is large…
    expect(bytes.length).toBeLessThan(sheet.size / 8); // …the file is not
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Số liệu")!;
    expect(ws.rowCount).toBe(1 + rows.length);
    const last = ws.getRow(1 + rows.length);
    expect((last.values as unknown[]).slice(1)).toEqual(rows.at(-1));
    expect(last.getCell(4).numFmt).toBe("0");
    expect(last.getCell(8).numFmt).toBe("0.0");
  });
});

describe("xlsx", () => {
  it("names columns like Excel", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });

  it("writes sheets exceljs reads back: header, numbers, formats, Vietnamese text", async () => {
    const bytes = await buildXlsx(
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
