// The order a folder is loaded in: registries before ratings before meeting logs, and each registry after the
// registries defining the codes it names — whatever the files are called. After the 2025 reform a new commune
// committee's registry names the old codes its units continue (ma_cu), and may sort before the old committees'.
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestPaths, loadOrder, loadOrderAsync} from "../../loaders/ingest-paths.ts";

const HEADER = "ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao,ma_cu";
let dir: string;
const file = (name: string, rows: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...rows].join("\n") + "\n");
  return path;
};
const names = (files: string[]) => files.map((f) => basename(f));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "chibo-load-order-"));
  file("don_vi_TQ.csv", [
    "TQ,Đảng bộ tỉnh,tinh,,khac,1990-01-01,,,",
    "HU-A,Huyện ủy A,tren_co_so,TQ,khac,1990-01-01,2025-06-30,,",
    "AA-X,Đảng bộ xã X,tren_co_so,TQ,nong_thon,2025-07-01,,,"
  ]);
  file("don_vi_HU-A.csv", ["HU-A.001,Chi bộ cơ sở Một,chi_bo_co_so,HU-A,nong_thon,2015-01-01,2025-06-30,,"]);
  // the new committee's registry sorts first by name, and names the old code it continues
  file("don_vi_AA-X.csv", ["AA-X.001,Chi bộ cơ sở Một,chi_bo_co_so,AA-X,nong_thon,2025-07-01,,,HU-A.001"]);
  writeFileSync(join(dir, "sinh_hoat_AA-X_2025.csv"), "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat\nAA-X.001,2025-07-05,thuong_ky,20,0,18\n");
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("load order", () => {
  it("puts a registry after the registries defining the codes it names, then the meeting logs", async () => {
    const files = ["don_vi_AA-X.csv", "sinh_hoat_AA-X_2025.csv", "don_vi_HU-A.csv", "don_vi_TQ.csv"].map((f) => join(dir, f));
    const expected = ["don_vi_TQ.csv", "don_vi_HU-A.csv", "don_vi_AA-X.csv", "sinh_hoat_AA-X_2025.csv"];
    expect(names(loadOrder(files))).toEqual(expected);
    expect(names(await loadOrderAsync(files))).toEqual(expected);
  });

  it("so the folder loads in one go, every file accepted", async () => {
    const results = await ingestPaths([dir], {db: join(dir, "warehouse.duckdb")});
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ["don_vi_TQ.csv", "accepted"],
      ["don_vi_HU-A.csv", "accepted"],
      ["don_vi_AA-X.csv", "accepted"],
      ["sinh_hoat_AA-X_2025.csv", "accepted"]
    ]);
  });

  it("breaks a cycle by name instead of stalling", () => {
    const a = file("don_vi_C1.csv", ["C1.001,Một,chi_bo,C2.001,khac,2015-01-01,,,"]);
    const b = file("don_vi_C2.csv", ["C2.001,Hai,chi_bo,C1.001,khac,2015-01-01,,,"]);
    expect(names(loadOrder([b, a]))).toEqual(["don_vi_C1.csv", "don_vi_C2.csv"]);
  });
});
