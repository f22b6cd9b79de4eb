// The check before sending (/kiem-tra) on registry files: the checks the published registry allows give the
// codes and reasons `npm run validate` gives on the same lines — a code twice, a unit of another committee, a former code
// against a former unit of the file, a former parent of another committee — and nothing the browser cannot tell
// (a unit another committee's registry defines, an unknown former code) is reported there.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {checkFile, type RegistryUnit} from "../../loaders/browser/check.ts";
import {ingestPaths} from "../../loaders/ingest-paths.ts";
import {validatePaths} from "../../loaders/validate.ts";

const HEADER = "ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao,ma_cu,ma_cap_tren_cu,cap_tren_tu";
const unit = (code: string, cap: string, parent: string, from: string, to = "", merged = "", old = "", oldParent = "", parentFrom = "") =>
  [code, `Đơn vị ${code}`, cap, parent, "nong_thon", from, to, merged, old, oldParent, parentFrom].join(",");
const HU_A = [
  unit("HU-A.001", "dang_bo_co_so", "HU-A", "2015-01-01"),
  unit("HU-A.001.01", "chi_bo", "HU-A.001", "2015-01-01"),
  unit("HU-A.002", "dang_bo_co_so", "HU-A", "2015-01-01"),
  unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01")
];
const REGISTRIES: Record<string, string[]> = {
  "don_vi_TQ.csv": [unit("TQ", "tinh", "", "1990-01-01"), unit("HU-A", "tren_co_so", "TQ", "1990-01-01"), unit("HU-B", "tren_co_so", "TQ", "1990-01-01")],
  "don_vi_HU-A.csv": HU_A,
  "don_vi_HU-B.csv": [unit("HU-B.001", "dang_bo_co_so", "HU-B", "2015-01-01"), unit("HU-B.001.01", "chi_bo", "HU-B.001", "2015-01-01")]
};
/** What the page is given for a clerk of HU-A: HU-A's published units, and the committees. */
const PUBLISHED: RegistryUnit[] = [
  {code: "HU-A", level: "tren_co_so"},
  {code: "HU-B", level: "tren_co_so"},
  {code: "HU-A.001", level: "dang_bo_co_so", committee: "HU-A", from: "2015-01-01"},
  {code: "HU-A.001.01", level: "chi_bo", committee: "HU-A", from: "2015-01-01"},
  {code: "HU-A.002", level: "dang_bo_co_so", committee: "HU-A", from: "2015-01-01"},
  {code: "HU-A.003", level: "chi_bo_co_so", committee: "HU-A", from: "2015-01-01"}
];

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-registry-browser-"));
  const input = join(dir, "input");
  for (const [name, rows] of Object.entries(REGISTRIES)) write(join(input, name), rows);
  db = join(dir, "warehouse.duckdb");
  const results = await ingestPaths([input], {db});
  expect(results.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
}, 60_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function write(path: string, rows: string[]): string {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, [HEADER, ...rows].join("\n") + "\n");
  return path;
}

/** "line:CODE" of the page's check and of validate for one HU-A registry file, and their reasons in full. */
async function both(rows: string[]): Promise<{page: string[]; validate: string[]; reasons: [string[], string[]]}> {
  const path = write(join(mkdtempSync(join(dir, "case-")), "don_vi_HU-A.csv"), rows);
  const page = (await checkFile("don_vi_HU-A.csv", Buffer.from([HEADER, ...rows].join("\n") + "\n"), {registry: PUBLISHED})).problems;
  const {results} = await validatePaths([path], {db});
  const codes = (ps: {line: number | null; code: string}[]) => ps.map((p) => `${p.line ?? "-"}:${p.code}`).sort();
  const reasons = (ps: {line: number | null; vi: string; en: string}[]) => ps.map((p) => `${p.line ?? "-"}: ${p.vi} / ${p.en}`).sort();
  return {page: codes(page), validate: codes(results[0].problems), reasons: [reasons(page), reasons(results[0].problems)]};
}

describe("a registry file checked in the browser", () => {
  it.each([
    ["a code twice", [...HU_A, unit("HU-A.002", "dang_bo_co_so", "HU-A", "2016-01-01")], ["6:E_DUPLICATE_CODE"]],
    ["a unit of another committee", [...HU_A, unit("HU-A.009", "chi_bo_co_so", "HU-B", "2021-01-01")], ["-:E_MIXED_COMMITTEES", "6:E_OTHER_COMMITTEE"]],
    [
      "a former unit not ended",
      [...HU_A, unit("HU-A.004", "chi_bo_co_so", "HU-A", "2021-01-01", "", "", "HU-A.003")],
      ["6:E_OLD_CODE_NOT_ENDED"]
    ],
    [
      "a former unit merged into another, and a split of a merged unit",
      [
        HU_A[0],
        HU_A[2],
        unit("HU-A.001.01", "chi_bo", "HU-A.001", "2015-01-01", "2020-06-30", "HU-A.001"),
        unit("HU-A.001.02", "chi_bo", "HU-A.001", "2020-07-01", "", "", "HU-A.001.01"),
        unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30", "HU-A.031"),
        unit("HU-A.031", "chi_bo_co_so", "HU-A", "2020-07-01", "", "", "HU-A.003"),
        unit("HU-A.032", "chi_bo_co_so", "HU-A", "2020-07-01", "", "", "HU-A.003")
      ],
      ["5:E_OLD_CODE_CONFLICT", "7:E_OLD_CODE_CONFLICT", "8:E_OLD_CODE_CONFLICT"]
    ],
    [
      "a former parent of another committee, and the one-row rules",
      [HU_A[0], unit("HU-A.001.01", "chi_bo", "HU-A.002", "2015-01-01", "", "", "", "HU-B", "2020-07-01"), HU_A[2], unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "", "", "", "HU-A.001", "2015-01-01")],
      ["3:E_PARENT_OTHER_COMMITTEE", "5:E_PARENT_CHANGE_DATE"]
    ],
    ["a move and a new code, as they should be", [HU_A[0], unit("HU-A.001.01", "chi_bo", "HU-A.002", "2015-01-01", "", "", "", "HU-A.001", "2020-07-01"), HU_A[2], unit("HU-A.003", "chi_bo_co_so", "HU-A", "2015-01-01", "2020-06-30"), unit("HU-A.004", "chi_bo_co_so", "HU-A", "2020-07-01", "", "", "HU-A.003")], []]
  ])("%s: the codes and reasons validate gives", async (_, rows, expected) => {
    const {page, validate, reasons} = await both(rows as string[]);
    expect(validate).toEqual(expected);
    expect(page).toEqual(expected);
    expect(reasons[0]).toEqual(reasons[1]);
  });

  it("what only the warehouse knows is left to ingest: another registry's definition, an unknown former code", async () => {
    const {page, validate} = await both([...HU_A, unit("HU-B.001", "dang_bo_co_so", "HU-A", "2016-01-01"), unit("HU-A.005", "chi_bo_co_so", "HU-A", "2021-01-01", "", "", "HU-X.1")]);
    expect(validate).toEqual(["6:E_UNIT_REDEFINED", "7:E_UNKNOWN_OLD_CODE"]);
    expect(page).toEqual([]);
  });
});
