// The unit registry's rules at ingest, each on a small registry written by hand and loaded by the real loader:
// a unit defined differently by another file, a unit of another committee, a code twice in one file, the
// former code (`ma_cu`) and the former parent (`ma_cap_tren_cu`, `cap_tren_tu`) — each refusal names its line,
// and each accepted case loads. A refused file leaves the warehouse as it was.
import {mkdtempSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import type {FileResult} from "../../loaders/record/file-result.ts";
import {ingestFile} from "../../loaders/record/ingest.ts";
import {queryRows} from "../../loaders/record/warehouse.ts";
import {tempWarehouse} from "../helpers/warehouse.ts";

const HEADER = "ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao,ma_cu,ma_cap_tren_cu,cap_tren_tu";
/** A registry row: code, level, parent, from, then (optional) to, merged into, former code, former parent, parent from. */
const unit = (code: string, cap: string, parent: string, from: string, to = "", merged = "", old = "", oldParent = "", parentFrom = "") =>
  [code, `Đơn vị ${code}`, cap, parent, "nong_thon", from, to, merged, old, oldParent, parentFrom].join(",");

const PROVINCE = [unit("TQ", "tinh", "", "1990-01-01"), unit("HU-A", "tren_co_so", "TQ", "1990-01-01"), unit("HU-B", "tren_co_so", "TQ", "1990-01-01")];
const HU_A = [
  unit("HU-A.001", "dang_bo_co_so", "HU-A", "2015-01-01"),
  unit("HU-A.001.01", "chi_bo", "HU-A.001", "2015-01-01"),
  unit("HU-A.002", "dang_bo_co_so", "HU-A", "2015-01-01"),
  unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01")
];
const HU_B = [unit("HU-B.001", "dang_bo_co_so", "HU-B", "2015-01-01"), unit("HU-B.001.01", "chi_bo", "HU-B.001", "2015-01-01")];

const LOG = "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat";

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
beforeEach(async () => {
  ctx = await tempWarehouse();
});
afterEach(() => ctx?.dispose());

/** Ingests one registry file written from `rows` (under the template's header unless one is given). */
async function load(name: string, rows: string[], header = HEADER): Promise<FileResult> {
  const path = join(mkdtempSync(join(ctx.dir, "f-")), name);
  writeFileSync(path, [header, ...rows].join("\n") + "\n");
  return ingestFile(ctx.wh, path, {receivedAt: "2021-01-10"});
}

async function loadAccepted(name: string, rows: string[]): Promise<FileResult> {
  const r = await load(name, rows);
  expect([name, r.status, r.problems]).toEqual([name, "accepted", []]);
  return r;
}

/** The registries of the province and both committees, each in its own file. */
async function baseRegistries(): Promise<void> {
  await loadAccepted("don_vi_TQ.csv", PROVINCE);
  await loadAccepted("don_vi_HU-A.csv", HU_A);
  await loadAccepted("don_vi_HU-B.csv", HU_B);
}

/** A refused file's problems as "line code column: value — detail" (the reason's detail after the colon). */
const refusals = (r: FileResult) => {
  expect(r.status).toBe("rejected");
  return r.problems.filter((p) => p.severity === "error").map((p) => ({line: p.line, code: p.code, column: p.column, value: p.value, vi: p.vi}));
};
const codesOf = (r: FileResult) => r.problems.map((p) => `${p.line ?? "-"}:${p.code}`);

const snapshot = async () => ({
  units: await queryRows(ctx.wh.conn, "SELECT * FROM raw_units ORDER BY ALL"),
  ledger: await queryRows(ctx.wh.conn, "SELECT submission_id, file_name, committee_code, status FROM submissions WHERE status <> 'rejected' ORDER BY ALL")
});

describe("a unit defined differently by another file", () => {
  it("is refused, naming the other registry and what it says", async () => {
    await baseRegistries();
    // HU-B's registry lists HU-A's cell under HU-B.001
    const r = await load("don_vi_HU-B.csv", [...HU_B, unit("HU-A.001.01", "chi_bo", "HU-B.001", "2015-01-01")]);
    expect(refusals(r)).toEqual([
      {line: 4, code: "E_UNIT_REDEFINED", column: "Mã đơn vị", value: "HU-A.001.01", vi: expect.stringMatching(/: cấp trên HU-A\.001 trong danh mục của HU-A$/)}
    ]);
  });

  it("the province-wide file may not redefine a committee's unit", async () => {
    await baseRegistries();
    const r = await load("don_vi_TQ.csv", [...PROVINCE, unit("HU-A.001", "dang_bo_co_so", "HU-A", "2016-01-01")]);
    expect(refusals(r).map((p) => [p.line, p.code, p.vi.split(": ")[1]])).toEqual([[5, "E_UNIT_REDEFINED", "hiệu lực từ 01/01/2015 trong danh mục của HU-A"]]);
  });

  it("nor a committee's registry a unit of the province-wide file", async () => {
    await loadAccepted("don_vi_TQ.csv", [...PROVINCE, ...HU_A, ...HU_B]);
    const r = await load("don_vi_HU-A.csv", [...HU_A.slice(0, 3), unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30")]);
    expect(refusals(r).map((p) => [p.line, p.code, p.vi.split(": ")[1]])).toEqual([[5, "E_UNIT_REDEFINED", "hiệu lực đến trống trong danh mục của TQ"]]);
    expect(r.problems[0].en).toMatch(/: valid to none in the registry of TQ$/);
  });

  it("names every field that differs", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-B.csv", [...HU_B, unit("HU-A.003", "chi_bo", "HU-B.001", "2016-02-01", "2020-01-31", "HU-B.001.01")]);
    expect(refusals(r)[0].vi).toMatch(/: cấp chi_bo_co_so, cấp trên HU-A, hiệu lực từ 01\/01\/2015, hiệu lực đến trống, sáp nhập vào trống trong danh mục của HU-A$/);
  });

  it("an identical repeat is accepted: the committee's own row, as the province's file lists it", async () => {
    await baseRegistries();
    await loadAccepted("don_vi_HU-A.csv", [unit("HU-A", "tren_co_so", "TQ", "1990-01-01"), ...HU_A]);
  });

  it("a province-wide registry, then a committee's registry repeating its units, is accepted", async () => {
    await loadAccepted("don_vi_TQ.csv", [...PROVINCE, ...HU_A, ...HU_B]);
    const r = await loadAccepted("don_vi_HU-A.csv", [...HU_A, unit("HU-A.001.02", "chi_bo", "HU-A.001", "2021-01-01")]);
    expect(r.committee).toBe("HU-A");
  });

  it("a committee's resubmission changes its own units: it replaces its earlier registry, no conflict", async () => {
    await baseRegistries();
    const r = await loadAccepted("don_vi_HU-A.csv", [...HU_A.slice(0, 3), unit("HU-A.003", "chi_bo_co_so", "HU-A", "2016-01-01", "2020-06-30")]);
    const rows = await queryRows<{submission_id: number; n: number}>(ctx.wh.conn, "SELECT submission_id, count(*)::INTEGER AS n FROM raw_units WHERE committee_code = 'HU-A' GROUP BY 1");
    expect(rows).toEqual([{submission_id: r.submissionId, n: 4}]);
  });
});

describe("a unit of another committee", () => {
  it("in a committee's registry: the row is refused and the file is mixed", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-A.csv", [...HU_A, unit("HU-B.001.02", "chi_bo", "HU-B.001", "2021-01-01")]);
    expect(refusals(r)).toEqual([
      {line: null, code: "E_MIXED_COMMITTEES", column: null, value: "HU-A (4), HU-B (1)", vi: expect.stringContaining("HU-A (4 đơn vị), HU-B (1 đơn vị)")},
      {line: 6, code: "E_OTHER_COMMITTEE", column: "Mã đơn vị", value: "HU-B.001.02", vi: expect.stringMatching(/: thuộc HU-B$/)}
    ]);
  });

  it("through its chain: a unit whose parent is listed above it under another committee", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-A.csv", [...HU_A, unit("HU-A.009", "dang_bo_co_so", "HU-B", "2021-01-01"), unit("HU-A.009.01", "chi_bo", "HU-A.009", "2021-01-01")]);
    expect(codesOf(r).sort()).toEqual(["-:E_MIXED_COMMITTEES", "6:E_OTHER_COMMITTEE", "7:E_OTHER_COMMITTEE"]);
  });

  it("the province-wide registry may list every committee's units", async () => {
    const r = await loadAccepted("don_vi_TQ.csv", [...PROVINCE, ...HU_A, ...HU_B]);
    expect(r.committee).toBe("TQ");
  });

  it("a committee's registry whose parents came in the province-wide file is the committee's, not the province's", async () => {
    await loadAccepted("don_vi_TQ.csv", [...PROVINCE, ...HU_A, ...HU_B]);
    const r = await loadAccepted("don_vi_HU-A.csv", [unit("HU-A.001.02", "chi_bo", "HU-A.001", "2021-01-01")]);
    expect(r.committee).toBe("HU-A");
    // the province's rows stay: the committee's file replaced only the committee's
    const rows = await queryRows<{committee_code: string; n: number}>(ctx.wh.conn, "SELECT committee_code, count(*)::INTEGER AS n FROM raw_units GROUP BY 1 ORDER BY 1");
    expect(rows).toEqual([
      {committee_code: "HU-A", n: 1},
      {committee_code: "TQ", n: 9}
    ]);
  });
});

describe("a code twice in one file", () => {
  it("is refused on the second line, naming the first", async () => {
    await loadAccepted("don_vi_TQ.csv", PROVINCE);
    const r = await load("don_vi_HU-A.csv", [...HU_A, unit("HU-A.002", "dang_bo_co_so", "HU-A", "2016-01-01")]);
    expect(refusals(r)).toEqual([{line: 6, code: "E_DUPLICATE_CODE", column: "Mã đơn vị", value: "HU-A.002", vi: "Mã đơn vị bị lặp: dòng đầu: 4"}]);
  });
});

describe("codes the registry does not know", () => {
  it("are refused even when another row of the file has no code (--partial loads only the rows without errors)", async () => {
    await loadAccepted("don_vi_TQ.csv", PROVINCE);
    const path = join(mkdtempSync(join(ctx.dir, "f-")), "don_vi_HU-A.csv");
    writeFileSync(path, [HEADER, HU_A[0], unit("", "chi_bo", "HU-A.001", "2015-01-01"), unit("HU-A.002", "chi_bo_co_so", "HU-A.999", "2015-01-01")].join("\n") + "\n");
    const r = await ingestFile(ctx.wh, path, {receivedAt: "2021-01-10", partial: true});
    expect([r.status, r.committee, r.rowsLoaded, codesOf(r)]).toEqual(["partial", "HU-A", 1, ["3:E_MERGED_CELLS", "4:E_UNKNOWN_PARENT"]]);
  });
});

describe("the former code (ma_cu)", () => {
  it("must be a known unit, not the unit itself", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-A.csv", [
      ...HU_A,
      unit("HU-A.004", "chi_bo_co_so", "HU-A", "2021-01-01", "", "", "HU-A.999"),
      unit("HU-A.005", "chi_bo_co_so", "HU-A", "2021-01-01", "", "", "HU-A.005")
    ]);
    expect(refusals(r).map((p) => [p.line, p.code, p.column, p.value])).toEqual([
      [6, "E_UNKNOWN_OLD_CODE", "Mã cũ", "HU-A.999"],
      [7, "E_OLD_CODE_SELF", "Mã cũ", "HU-A.005"]
    ]);
  });

  it("the former unit must end on the day before the new one starts (no overlap, no gap)", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-A.csv", [
      ...HU_A.slice(0, 3),
      unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30"),
      unit("HU-A.004", "chi_bo_co_so", "HU-A", "2020-06-30", "", "", "HU-A.003"),
      unit("HU-A.005", "chi_bo_co_so", "HU-A", "2021-01-01", "", "", "HU-A.002"),
      unit("HU-A.006", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30"),
      unit("HU-A.007", "chi_bo_co_so", "HU-A", "2020-07-05", "", "", "HU-A.006")
    ]);
    expect(refusals(r).map((p) => [p.line, p.code, p.vi.split(": ")[1]])).toEqual([
      [6, "E_OLD_CODE_NOT_ENDED", "HU-A.003 hiệu lực đến 30/06/2020, đơn vị này hiệu lực từ 30/06/2020"],
      [7, "E_OLD_CODE_NOT_ENDED", "HU-A.002 chưa có ngày hiệu lực đến, đơn vị này hiệu lực từ 01/01/2021"],
      [9, "E_OLD_CODE_NOT_ENDED", "HU-A.006 hiệu lực đến 30/06/2020, đơn vị này hiệu lực từ 05/07/2020"]
    ]);
  });

  it("the unit merged into is in force on the day after the merged unit's last day", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-A.csv", [
      ...HU_A.slice(0, 3),
      unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", "HU-A.004"),
      unit("HU-A.004", "chi_bo_co_so", "HU-A", "2020-07-05"),
      unit("HU-A.005", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", "HU-A.006"),
      unit("HU-A.006", "chi_bo_co_so", "HU-A", "2015-01-01", "2019-12-31"),
      // merged into a unit in force (from long before, or from the next day): accepted
      unit("HU-A.007", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", "HU-A.002"),
      unit("HU-A.008", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", "HU-A.009"),
      unit("HU-A.009", "chi_bo_co_so", "HU-A", "2020-07-01")
    ]);
    expect(refusals(r).map((p) => [p.line, p.code, p.vi.split(": ")[1]])).toEqual([
      [5, "E_SUCCESSOR_NOT_VALID", "HU-A.004 hiệu lực 05/07/2020 – …, cần còn hiệu lực ngày 01/07/2020"],
      [7, "E_SUCCESSOR_NOT_VALID", "HU-A.006 hiệu lực 01/01/2015 – 31/12/2019, cần còn hiệu lực ngày 01/07/2020"]
    ]);
  });

  it("a new code in the committee: the old code ends, the new one names it (with or without sap_nhap_vao)", async () => {
    await baseRegistries();
    await loadAccepted("don_vi_HU-A.csv", [
      HU_A[0],
      HU_A[2],
      unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", "HU-A.004"),
      unit("HU-A.004", "chi_bo_co_so", "HU-A", "2020-07-01", "", "", "HU-A.003"),
      unit("HU-A.001.01", "chi_bo", "HU-A.001", "2015-01-01", "2020-06-30"),
      unit("HU-A.001.02", "chi_bo", "HU-A.001", "2020-07-01", "", "", "HU-A.001.01")
    ]);
  });

  it("may not contradict the former unit's sap_nhap_vao", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-A.csv", [
      ...HU_A.slice(0, 3),
      unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", "HU-A.002"),
      unit("HU-A.004", "chi_bo_co_so", "HU-A", "2020-07-01", "", "", "HU-A.003")
    ]);
    expect(refusals(r).map((p) => [p.line, p.code, p.column, p.vi.split(": ")[1]])).toEqual([[6, "E_OLD_CODE_CONFLICT", "Mã cũ", "HU-A.003 sáp nhập vào HU-A.002"]]);
  });

  it("a split: several units name one former code — accepted, unless the former unit is also merged", async () => {
    await baseRegistries();
    const split = (merged: string) => [
      ...HU_A.slice(0, 3),
      unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", merged),
      unit("HU-A.031", "chi_bo_co_so", "HU-A", "2020-07-01", "", "", "HU-A.003"),
      unit("HU-A.032", "chi_bo_co_so", "HU-A", "2020-07-01", "", "", "HU-A.003")
    ];
    const r = await load("don_vi_HU-A.csv", split("HU-A.031"));
    expect(refusals(r).map((p) => [p.line, p.code, p.vi.split(": ")[1]])).toEqual([
      [6, "E_OLD_CODE_CONFLICT", "HU-A.003 được tách thành HU-A.031, HU-A.032 nhưng sáp nhập vào HU-A.031"],
      [7, "E_OLD_CODE_CONFLICT", "HU-A.003 được tách thành HU-A.031, HU-A.032 nhưng sáp nhập vào HU-A.031"]
    ]);
    await loadAccepted("don_vi_HU-A.csv", split(""));
  });

  it("a move to another committee: the old committee ends the unit, the new one names it under a new code", async () => {
    await baseRegistries();
    await loadAccepted("don_vi_HU-A.csv", [...HU_A.slice(0, 3), unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30")]);
    await loadAccepted("don_vi_HU-B.csv", [...HU_B, unit("HU-B.002", "chi_bo_co_so", "HU-B", "2020-07-01", "", "", "HU-A.003")]);
    // the old committee may then not reopen it, nor merge it into another unit
    const reopened = await load("don_vi_HU-A.csv", HU_A);
    expect(refusals(reopened).map((p) => [p.line, p.code, p.column, p.vi.split(": ")[1]])).toEqual([
      [5, "E_OLD_CODE_NOT_ENDED", "Hiệu lực đến", "mã cũ của HU-B.002 (danh mục của HU-B, hiệu lực từ 01/07/2020)"]
    ]);
    const merged = await load("don_vi_HU-A.csv", [...HU_A.slice(0, 3), unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", "HU-A.002")]);
    expect(refusals(merged).map((p) => [p.line, p.code, p.column, p.vi.split(": ")[1]])).toEqual([[5, "E_OLD_CODE_CONFLICT", "Sáp nhập vào", "mã cũ của HU-B.002"]]);
    // naming the new code in sap_nhap_vao too is the same link, said twice
    await loadAccepted("don_vi_HU-A.csv", [...HU_A.slice(0, 3), unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", "HU-B.002")]);
  });
});

describe("the former parent (ma_cap_tren_cu, cap_tren_tu)", () => {
  const moved = (oldParent: string, from: string, to = "") => unit("HU-A.001.01", "chi_bo", "HU-A.002", "2015-01-01", to, "", "", oldParent, from);

  it("a move inside the committee without a new code is accepted", async () => {
    await baseRegistries();
    await loadAccepted("don_vi_HU-A.csv", [HU_A[0], moved("HU-A.001", "2020-07-01"), HU_A[2], HU_A[3]]);
    const [row] = await queryRows(ctx.wh.conn, "SELECT ma_cap_tren, ma_cap_tren_cu, cap_tren_tu::VARCHAR AS cap_tren_tu FROM raw_units WHERE ma_don_vi = 'HU-A.001.01'");
    expect(row).toEqual({ma_cap_tren: "HU-A.002", ma_cap_tren_cu: "HU-A.001", cap_tren_tu: "2020-07-01"});
  });

  it("both or neither", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-A.csv", [HU_A[0], moved("HU-A.001", ""), HU_A[2], unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "", "", "", "", "2020-07-01")]);
    expect(refusals(r).map((p) => [p.line, p.code, p.column])).toEqual([
      [3, "E_PARENT_CHANGE_INCOMPLETE", "Cấp trên từ ngày"],
      [5, "E_PARENT_CHANGE_INCOMPLETE", "Mã cấp trên cũ"]
    ]);
  });

  it("the date is after hieu_luc_tu and not after hieu_luc_den", async () => {
    await baseRegistries();
    for (const [from, to] of [["2015-01-01", ""], ["2014-06-01", ""], ["2020-07-01", "2020-06-30"]]) {
      const r = await load("don_vi_HU-A.csv", [HU_A[0], moved("HU-A.001", from, to), ...HU_A.slice(2)]);
      expect(refusals(r).map((p) => [p.line, p.code, p.column]), `${from} ${to}`).toEqual([[3, "E_PARENT_CHANGE_DATE", "Cấp trên từ ngày"]]);
    }
    await loadAccepted("don_vi_HU-A.csv", [HU_A[0], moved("HU-A.001", "2020-06-30", "2020-06-30"), ...HU_A.slice(2)]);
  });

  it("a known unit, not the unit itself", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-A.csv", [HU_A[0], moved("HU-A.777", "2020-07-01"), HU_A[2], unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "", "", "", "HU-A.003", "2020-07-01")]);
    expect(refusals(r).map((p) => [p.line, p.code, p.column, p.value])).toEqual([
      [3, "E_UNKNOWN_PARENT", "Mã cấp trên cũ", "HU-A.777"],
      [5, "E_PARENT_SELF", "Mã cấp trên cũ", "HU-A.003"]
    ]);
  });

  it("in the committee of today's parent: a move to another committee takes a new code", async () => {
    await baseRegistries();
    const r = await load("don_vi_HU-A.csv", [HU_A[0], moved("HU-B.001", "2020-07-01"), ...HU_A.slice(2)]);
    const [p] = refusals(r);
    expect([p.line, p.code, p.column, p.value]).toEqual([3, "E_PARENT_OTHER_COMMITTEE", "Mã cấp trên cũ", "HU-B.001"]);
    expect(p.vi).toBe("Đơn vị cấp trên cũ thuộc đảng bộ khác: chuyển sang đảng bộ khác thì lập mã mới và ghi mã cũ: HU-B.001 thuộc HU-B, HU-A.002 thuộc HU-A");
  });
});

describe("a refused registry", () => {
  it("changes nothing already loaded: the units and the ledger stay, and the committee's log still loads", async () => {
    await baseRegistries();
    const before = await snapshot();
    const refused = [
      await load("don_vi_HU-A.csv", [...HU_A, unit("HU-B.001.02", "chi_bo", "HU-B.001", "2021-01-01")]),
      await load("don_vi_HU-B.csv", [...HU_B, unit("HU-A.001.01", "chi_bo", "HU-B.001", "2015-01-01")]),
      await load("don_vi_TQ.csv", [...PROVINCE, unit("HU-A.001", "dang_bo_co_so", "HU-A", "2016-01-01")]),
      await load("don_vi_HU-A.csv", [HU_A[0], unit("HU-A.001.01", "chi_bo", "HU-A.002", "2015-01-01", "", "", "", "HU-B.001", "2020-07-01"), ...HU_A.slice(2)]),
      await load("don_vi_HU-A.csv", [...HU_A, unit("HU-A.004", "chi_bo_co_so", "HU-A", "2021-01-01", "", "", "HU-A.003")])
    ];
    expect(refused.map((r) => r.status)).toEqual(Array(5).fill("rejected"));
    expect(await snapshot()).toEqual(before);
    const path = join(mkdtempSync(join(ctx.dir, "f-")), "sinh_hoat_HU-A_2020.csv");
    writeFileSync(path, `${LOG}\nHU-A.001.01,2020-01-05,thuong_ky,10,0,10\nHU-A.003,2020-01-06,thuong_ky,8,0,8\n`);
    const log = await ingestFile(ctx.wh, path, {receivedAt: "2021-01-10"});
    expect([log.status, log.committee, log.problems]).toEqual(["accepted", "HU-A", []]);
  });

  it("a registry may not leave out a unit another committee's registry still names", async () => {
    await baseRegistries();
    const r = await load("don_vi_TQ.csv", PROVINCE.slice(0, 2));
    expect(r.status).toBe("rejected");
    expect(r.problems.map((p) => [p.code, p.value, p.vi.split(": ").slice(1).join(": ")])).toEqual([["E_UNIT_STILL_NAMED", "HU-B", "HU-B: danh mục của HU-B ghi ở HU-B.001"]]);
    expect(await queryRows(ctx.wh.conn, "SELECT count(*)::INTEGER AS n FROM raw_units WHERE ma_don_vi = 'HU-B'")).toEqual([{n: 1}]);
    // a unit nobody else names may go
    await loadAccepted("don_vi_HU-A.csv", HU_A.slice(0, 3));
  });
});
