// Header names: the synonyms clerks use map to exactly one template column, and an unknown header is answered
// with the column it most likely meant (compared without diacritics).
import ExcelJS from "exceljs";
import {describe, expect, it} from "vitest";
import {parseSubmission, parseSubmissionAsync} from "../../loaders/check/parse-submission.ts";
import {nearestColumn} from "../../loaders/read/header-suggest.ts";
import {HEADER_SYNONYMS} from "../../loaders/format/header-synonyms.ts";
import {COLUMNS, headerIndex, KINDS} from "../../loaders/format/schemas.ts";
import {foldKey} from "../../loaders/format/text.ts";

describe("header synonyms", () => {
  it.each(KINDS)("no name of %s points at two columns, and every synonym is a column of the kind", (kind) => {
    const owner = new Map<string, string>();
    for (const c of COLUMNS[kind])
      for (const name of [c.key, c.label, ...(HEADER_SYNONYMS[kind][c.key] ?? [])]) {
        const f = foldKey(name);
        expect(owner.get(f) ?? c.key, `"${name}" is both ${owner.get(f)} and ${c.key}`).toBe(c.key);
        owner.set(f, c.key);
      }
    for (const key of Object.keys(HEADER_SYNONYMS[kind])) expect(COLUMNS[kind].map((c) => c.key)).toContain(key);
  });

  it("reads the member count under the names clerks give it", () => {
    const index = headerIndex("sinh_hoat");
    for (const h of ["Tổng số đảng viên", "Số ĐV", "Đảng viên", "TONG SO DANG VIEN", "số đv"]) expect(index.get(foldKey(h)), h).toBe("dang_vien");
    expect(headerIndex("danh_gia").get(foldKey("Số ĐV"))).toBe("dang_vien");
  });

  it("a file with such headers reads into the template's columns", () => {
    const csv = "Mã số chi bộ;Ngày họp;Loại;Số ĐV;Miễn;Số có mặt\nHU-A.001.01;05/01/2021;Thường kỳ;30;2;28\n";
    const parsed = parseSubmission("sinh_hoat_HU-A_2021.csv", Buffer.from(csv));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({ma_chi_bo: "HU-A.001.01", ngay: "2021-01-05", dang_vien: 30, mien: 2, co_mat: 28});
  });
});

describe("the nearest template column of an unknown header", () => {
  it.each([
    ["So dang vien chinh thuc", "dang_vien"],
    ["Số đảng vien", "dang_vien"],
    ["Ngay sinh hat", "ngay"],
    ["Ghi chu them", "ghi_chu"],
    ["Vang co ly do (nguoi)", "vang_co_ly_do"]
  ])("%s → %s", (header, key) => {
    expect(nearestColumn("sinh_hoat", header)?.key).toBe(key);
  });

  it("suggests nothing for a header near no column, and never a column already in the file", () => {
    expect(nearestColumn("sinh_hoat", "Họ và tên người ghi biên bản")).toBeNull();
    expect(nearestColumn("sinh_hoat", "So dang vien chinh thuc", new Set(["dang_vien"]))?.key).not.toBe("dang_vien");
  });

  it("the message asks about it by its Vietnamese label", () => {
    const csv = "Mã chi bộ,Ngày sinh hoạt,Loại sinh hoạt,So dang vien chinh thuc,Miễn sinh hoạt,Có mặt\nHU-A.001.01,05/01/2021,Thường kỳ,30,2,28\n";
    const p = parseSubmission("sinh_hoat_HU-A_2021.csv", Buffer.from(csv)).problems.find((x) => x.code === "E_UNKNOWN_COLUMN");
    expect(p?.vi).toBe("Cột không thuộc mẫu: có phải cột “Số đảng viên”?");
    expect(p?.en).toBe('column is not part of the template: did you mean the column "Số đảng viên" (dang_vien)?');
  });
});

describe("header problems of a workbook", () => {
  it("name the sheet that was read and the column letters", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sổ sinh hoạt");
    ws.addRow(["Mã chi bộ", "Ngày sinh hoạt", "Loại sinh hoạt", "So dang vien chinh thuc", "Miễn sinh hoạt", "Có mặt", "Có mặt"]);
    ws.addRow(["HU-A.001.01", "05/01/2021", "Thường kỳ", 30, 2, 27, 27]);
    const parsed = await parseSubmissionAsync("sinh_hoat_HU-A_2021.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(parsed.problems.map((p) => [p.code, p.column, p.vi])).toEqual([
      ["E_DUPLICATE_COLUMN", "Có mặt (trang “Sổ sinh hoạt”, cột G)", "Cột bị lặp"],
      ["E_MISSING_COLUMN", "Số đảng viên", 'Thiếu cột bắt buộc: "Số đảng viên" (dang_vien) trên trang “Sổ sinh hoạt”'],
      ["E_UNKNOWN_COLUMN", "So dang vien chinh thuc (trang “Sổ sinh hoạt”, cột D)", "Cột không thuộc mẫu: có phải cột “Số đảng viên”?"]
    ]);
  });
});
