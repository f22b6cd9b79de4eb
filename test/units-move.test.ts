// A cell that moves to another committee on 1 July and takes a new code there, written with the registry's
// columns of today: the old code ends on 30/06 with `sap_nhap_vao` naming the new code, valid from 01/07 under its
// new parent. Each month counts for the unit in force that month; the comparable series follows the cell across
// the move. Every value computed by hand.
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingestFile} from "../loaders/record/ingest.ts";
import {queryRows} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {tempWarehouse} from "./helpers/warehouse.ts";

const UNITS = "ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao";
const LOG = "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat,vang_co_ly_do,vang_khong_ly_do,thoi_luong,so_phat_bieu,cap_tren_du,hinh_thuc,dung_ngay,xep_loai,diem,chu_de,ghi_chu";
const meeting = (cell: string, month: number) => `${cell},2020-${String(month).padStart(2, "0")}-05,thuong_ky,10,0,10,0,0,90,2,0,truc_tiep,1,,,,`;
const FILES: [string, string, string][] = [
  ["don_vi_TQ.csv", [UNITS, "TQ,Tỉnh Thử,tinh,,khac,1990-01-01,,", "HU-A,Huyện ủy A,tren_co_so,TQ,nong_thon,1990-01-01,,", "HU-B,Huyện ủy B,tren_co_so,TQ,nong_thon,1990-01-01,,"].join("\n"), "2020-01-02"],
  ["don_vi_HU-B.csv", [UNITS, "HU-B.002,Chi bộ Trường B,chi_bo_co_so,HU-B,co_quan,2020-07-01,,"].join("\n"), "2020-07-01"],
  [
    "don_vi_HU-A.csv",
    [UNITS, "HU-A.001,Đảng bộ xã A,dang_bo_co_so,HU-A,nong_thon,2015-01-01,,", "HU-A.001.01,Chi bộ Trường A,chi_bo,HU-A.001,nong_thon,2015-01-01,2020-06-30,HU-B.002"].join("\n"),
    "2020-07-01"
  ],
  // January–June under its old code in HU-A's log; July–December but September under its new code in HU-B's
  ["sinh_hoat_HU-A_2020.csv", [LOG, ...[1, 2, 3, 4, 5, 6].map((m) => meeting("HU-A.001.01", m))].join("\n"), "2021-01-10"],
  ["sinh_hoat_HU-B_2020.csv", [LOG, ...[7, 8, 10, 11, 12].map((m) => meeting("HU-B.002", m))].join("\n"), "2021-01-10"]
];

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
beforeAll(async () => {
  ctx = await tempWarehouse();
  for (const [name, text, receivedAt] of FILES) {
    const path = join(mkdtempSync(join(ctx.dir, "f-")), name);
    writeFileSync(path, text + "\n");
    const r = await ingestFile(ctx.wh, path, {receivedAt});
    expect([name, r.status, r.problems.filter((p) => p.severity === "error")]).toEqual([name, "accepted", []]);
  }
  await runPipeline(ctx.wh.conn, {countRows: false});
}, 60_000);
afterAll(() => ctx?.dispose());

async function rate(unit: string, table = "indicator_values"): Promise<{numerator: number; denominator: number} | null> {
  const r = await queryRows<{numerator: number; denominator: number}>(
    ctx.wh.conn,
    `SELECT numerator, denominator FROM ${table} WHERE unit_code = $1 AND indicator = 'regular_meeting_rate' AND period_type = 'year' AND period = '2020'`,
    [unit]
  );
  return r[0] ?? null;
}

describe("a cell moved from HU-A to HU-B on 01/07/2020 under a new code", () => {
  it("counts January–June for HU-A and July–December for HU-B", async () => {
    expect(await rate("HU-A.001.01")).toEqual({numerator: 6, denominator: 6});
    expect(await rate("HU-A")).toEqual({numerator: 6, denominator: 6});
    expect(await rate("HU-B.002")).toEqual({numerator: 5, denominator: 6}); // September not held
    expect(await rate("HU-B")).toEqual({numerator: 5, denominator: 6});
    expect(await rate("TQ")).toEqual({numerator: 11, denominator: 12});
  });

  it("the comparable series follows the cell across the move: its new code holds the whole year", async () => {
    expect(await rate("HU-B.002", "indicator_values_comparable")).toEqual({numerator: 11, denominator: 12});
    expect(await rate("HU-B", "indicator_values_comparable")).toEqual({numerator: 11, denominator: 12});
    expect(await rate("TQ", "indicator_values_comparable")).toEqual({numerator: 11, denominator: 12});
  });

  it("a corrected log of the old committee is followed by an incremental run equal to a full one", async () => {
    // HU-A's correction drops the meeting of May: the cell's old months lose one in both series
    const path = join(mkdtempSync(join(ctx.dir, "f-")), "sinh_hoat_HU-A_2020.csv");
    writeFileSync(path, [LOG, ...[1, 2, 3, 4, 6].map((m) => meeting("HU-A.001.01", m))].join("\n") + "\n");
    expect((await ingestFile(ctx.wh, path, {receivedAt: "2021-01-12"})).status).toBe("accepted");
    expect((await runPipeline(ctx.wh.conn, {countRows: false})).mode).toBe("incremental");
    expect(await rate("HU-A")).toEqual({numerator: 5, denominator: 6});
    expect(await rate("HU-B.002", "indicator_values_comparable")).toEqual({numerator: 10, denominator: 12});
    const sql = "SELECT * FROM indicator_values_comparable ORDER BY ALL";
    const incremental = await queryRows(ctx.wh.conn, sql);
    await runPipeline(ctx.wh.conn, {countRows: false, force: true});
    expect(incremental).toEqual(await queryRows(ctx.wh.conn, sql));
  });
});
