// The registry's one-row rules on the former code and the former parent: the JS test (zod, the browser's
// checker) and the SQL one (the bulk loader) agree on generated rows; the template's header synonyms for the
// three columns read into them; the template's guide shows them.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {parseSubmission} from "../../loaders/check/parse-submission.ts";
import {UNIT_HISTORY_RULES} from "../../loaders/check/row-rules.ts";
import type {Value} from "../../loaders/format/schemas.ts";
import {queryRows} from "../../loaders/record/warehouse.ts";
import {templateCsv} from "../../loaders/template.ts";

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

describe("the former code and former parent rules", () => {
  const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, {nil: null});
  const day = fc.constantFrom("2014-12-31", "2015-01-01", "2015-01-02", "2020-06-30", "2020-07-01");
  const row = fc.record({
    ma_don_vi: fc.constantFrom("A", "B"),
    hieu_luc_tu: fc.constantFrom("2015-01-01", "2020-07-01"),
    hieu_luc_den: nullable(day),
    ma_cu: nullable(fc.constantFrom("A", "B")),
    ma_cap_tren_cu: nullable(fc.constantFrom("A", "B")),
    cap_tren_tu: nullable(day)
  });
  const DATES = new Set(["hieu_luc_tu", "hieu_luc_den", "cap_tren_tu"]);
  const literal = (k: string, v: Value) => (v === null ? (DATES.has(k) ? "NULL::DATE" : "NULL::VARCHAR") : DATES.has(k) ? `DATE '${v}'` : `'${v}'`);

  it("JS and SQL agree on every rule", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, {minLength: 1, maxLength: 20}), async (rs) => {
        const keys = Object.keys(rs[0]);
        const values = rs.map((r, i) => `(${i}, ${keys.map((k) => literal(k, (r as Record<string, Value>)[k])).join(", ")})`).join(", ");
        for (const rule of UNIT_HISTORY_RULES) {
          const sql = await queryRows<{i: number}>(conn, `SELECT i FROM (VALUES ${values}) t(i, ${keys.join(", ")}) WHERE ${rule.sql} ORDER BY i`);
          const js = rs.flatMap((r, i) => (rule.test(r as Record<string, Value>) ? [i] : []));
          expect(sql.map((x) => x.i), `${rule.code} on ${rule.column}`).toEqual(js);
        }
      }),
      {numRuns: 60}
    );
  });

  it("the row-by-row reader (the browser's checker) applies them", () => {
    const csv = [
      "ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao,ma_cu,ma_cap_tren_cu,cap_tren_tu",
      "HU-A.001.01,Chi bộ A,chi_bo,HU-A.002,nong_thon,2015-01-01,,,HU-A.001.01,HU-A.001,",
      "HU-A.001.02,Chi bộ B,chi_bo,HU-A.002,nong_thon,2015-01-01,,,,HU-A.001.02,2015-01-01"
    ].join("\n");
    const problems = parseSubmission("don_vi_HU-A.csv", Buffer.from(csv)).problems.map((p) => `${p.line}:${p.code}:${p.column}`);
    expect(problems.sort()).toEqual([
      "2:E_OLD_CODE_SELF:Mã cũ",
      "2:E_PARENT_CHANGE_INCOMPLETE:Cấp trên từ ngày",
      "3:E_PARENT_CHANGE_DATE:Cấp trên từ ngày",
      "3:E_PARENT_SELF:Mã cấp trên cũ"
    ]);
  });
});

describe("the three columns in a clerk's file and in the template", () => {
  it("are read under the names clerks give them", () => {
    const csv = [
      "Mã đơn vị;Tên đơn vị;Cấp;Mã cấp trên;Loại hình;Ngày thành lập;Mã đơn vị cũ;Cấp trên cũ;Ngày chuyển",
      "HU-A.001.05;Chi bộ thôn Nà Lẹng;Chi bộ;HU-A.002;Nông thôn;01/01/2015;;HU-A.001;01/07/2020",
      "HU-A.001.31;Chi bộ thôn Khuôn Phục Trên;Chi bộ;HU-A.001;Nông thôn;01/07/2020;HU-A.001.03;;"
    ].join("\n");
    const parsed = parseSubmission("don_vi_HU-A.csv", Buffer.from(csv));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.ma_cu, r.ma_cap_tren_cu, r.cap_tren_tu])).toEqual([
      [null, "HU-A.001", "2020-07-01"],
      ["HU-A.001.03", null, null]
    ]);
  });

  it("the template's guide and header list them", () => {
    const lines = templateCsv("don_vi").split("\r\n");
    for (const [label, key] of [["Mã cũ", "ma_cu"], ["Mã cấp trên cũ", "ma_cap_tren_cu"], ["Cấp trên từ ngày", "cap_tren_tu"]])
      expect(lines.some((l) => l.replace(/^"/, "").startsWith(`${label} (${key}): `)), key).toBe(true);
    expect(lines.at(-2)!.split(";").slice(-3)).toEqual(["Mã cũ", "Mã cấp trên cũ", "Cấp trên từ ngày"]);
  });
});
