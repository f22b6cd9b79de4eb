// Properties the bulk loader relies on, checked on generated inputs (fast-check):
// - the JS tokenizer splits any CSV into the same records and cells as DuckDB's read_csv;
// - the byte scanner's line numbers agree with the tokenizer's, through quoted line breaks and blank lines;
// - each row rule gives the same verdict in JS (zod) and in SQL;
// - a value the planner calls canonical is read by DuckDB (cast and typed CSV parser) as the JS parser reads it.
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {tokenize} from "../../loaders/read/csv-tokenize.ts";
import {canonical, sqlType} from "../../loaders/record/load.ts";
import {scanCsvFile} from "../../loaders/read/scan.ts";
import {ROW_RULES} from "../../loaders/check/row-rules.ts";
import {parseValue, ValueError, type ColumnType, type Kind, type Value} from "../../loaders/format/schemas.ts";
import {queryRows} from "../../loaders/record/warehouse.ts";

let dir: string;
let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-props-"));
  instance = await DuckDBInstance.create(":memory:");
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
  rmSync(dir, {recursive: true, force: true});
});

const sqlLit = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** A cell: plain text, or text needing quotes (delimiter, quote, line breaks), or empty. */
const cell = (delim: string) =>
  fc.oneof(
    fc.constantFrom("", "HU-A.001", "Thường kỳ", "30", "2021-01-05", "có", " x "),
    fc.string({unit: fc.constantFrom("a", "ả", "Đ", " ", delim, '"', "\n", "\r\n", "1", "-"), maxLength: 8})
  );
const quote = (v: string, d: string) => (v === "" ? "" : /["\r\n]/.test(v) || v.includes(d) ? `"${v.replace(/"/g, '""')}"` : v);

const csvCase = fc
  .record({
    delim: fc.constantFrom(",", ";", "\t"),
    eol: fc.constantFrom("\n", "\r\n"),
    width: fc.integer({min: 2, max: 5}), // a submission has at least two columns (and DuckDB reads a blank line of a one-column file as a row)
    blankEvery: fc.integer({min: 0, max: 4}),
    finalEol: fc.boolean()
  })
  .chain((o) =>
    fc.record({
      o: fc.constant(o),
      rows: fc.array(fc.array(cell(o.delim), {minLength: o.width, maxLength: o.width}), {minLength: 1, maxLength: 12})
    })
  )
  .map(({o, rows}) => {
    const lines: string[] = [];
    rows.forEach((r, i) => {
      if (o.blankEvery && i % o.blankEvery === o.blankEvery - 1) lines.push("");
      // a record of one empty cell would be a blank line: give it content
      lines.push(r.map((v) => quote(v, o.delim)).join(o.delim) || "z");
    });
    return {...o, rows, text: lines.join(o.eol) + (o.finalEol ? o.eol : "")};
  });

async function duckCells(file: string, width: number, delim: string, newLine: string | null, extra = ""): Promise<string[][]> {
  const columns = Array.from({length: width}, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const got = await queryRows<Record<string, string | null>>(
    conn,
    `SELECT * FROM read_csv(${sqlLit(file)}, columns = {${columns}}, header = false, delim = ${sqlLit(delim)}, quote = '"', escape = '"',
       ${newLine ? `new_line = '${newLine}',` : ""} auto_detect = false, strict_mode = true${extra})`
  );
  return got.map((r) => Array.from({length: width}, (_, i) => r[`c${i}`] ?? ""));
}

describe("CSV reading", () => {
  it("where the loader lets DuckDB read a file directly, DuckDB and the JS tokenizer give the same records and cells", async () => {
    let n = 0;
    let direct = 0;
    await fc.assert(
      fc.asyncProperty(csvCase, async (c) => {
        const file = join(dir, `t${n++}.csv`);
        writeFileSync(file, c.text);
        const {records} = tokenize(c.text, c.delim);
        const scan = scanCsvFile(file, c.delim);
        // the loader's rule (source.ts): one kind of line end, and no quoted line break in a CRLF file
        const multi = scan.multiLineBefore(Number.MAX_SAFE_INTEGER);
        if (scan.eol === "mixed" || (scan.eol === "\r\n" && multi)) return;
        direct++;
        const fromDuck = await duckCells(file, c.width, c.delim, scan.eol === "\r\n" ? null : "\\n", `, null_padding = true${multi ? ", parallel = false" : ""}`);
        const fromJs = records.map((r) => Array.from({length: c.width}, (_, i) => r.cells[i] ?? ""));
        expect(fromJs).toEqual(fromDuck);
      }),
      {numRuns: 150}
    );
    expect(direct).toBeGreaterThan(50);
  });

  it("elsewhere the rewritten clean CSV (LF, comma, quoted) reads back as the tokenizer split it", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(csvCase, async (c) => {
        const {records} = tokenize(c.text, c.delim);
        const q = (v: string) => (v === "" ? "" : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
        const file = join(dir, `r${n++}.csv`);
        writeFileSync(file, records.map((r) => Array.from({length: c.width}, (_, i) => q(r.cells[i] ?? "")).join(",")).join("\n") + "\n");
        const fromJs = records.map((r) => Array.from({length: c.width}, (_, i) => r.cells[i] ?? ""));
        expect(await duckCells(file, c.width, ",", "\\n")).toEqual(fromJs);
      }),
      {numRuns: 150}
    );
  });

  it("the byte scanner numbers records as the tokenizer does (quoted line breaks, blank lines, CRLF)", () => {
    let n = 0;
    fc.assert(
      fc.property(csvCase, (c) => {
        const file = join(dir, `s${n++}.csv`);
        writeFileSync(file, c.text);
        const {records} = tokenize(c.text, c.delim);
        const scan = scanCsvFile(file, c.delim);
        expect(scan.records).toBe(records.length);
        const lineOf = (k: number) => k + [...scan.offsets].reverse().find((o) => o.record <= k)!.offset;
        expect(records.map((_, k) => lineOf(k + 1))).toEqual(records.map((r) => r.line));
        expect(scan.endsWithNewline).toBe(c.finalEol);
      }),
      {numRuns: 300}
    );
  });
});

describe("row rules", () => {
  const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, {nil: null});
  const small = fc.integer({min: 0, max: 40});
  const rowsOf: Record<Kind, fc.Arbitrary<Record<string, Value>>> = {
    sinh_hoat: fc.record({
      dang_vien: small,
      mien: small,
      co_mat: small,
      vang_co_ly_do: nullable(small),
      vang_khong_ly_do: nullable(small),
      so_phat_bieu: nullable(small),
      diem: nullable(fc.oneof(fc.integer({min: -5, max: 105}), fc.double({min: -5, max: 105, noNaN: true}))),
      xep_loai: nullable(fc.constantFrom("tot", "kha", "trung_binh", "kem"))
    }),
    danh_gia: fc.record({
      dang_vien: small,
      dv_htxs: fc.integer({min: 0, max: 10}),
      dv_htt: fc.integer({min: 0, max: 10}),
      dv_ht: fc.integer({min: 0, max: 10}),
      dv_kht: fc.integer({min: 0, max: 10}),
      nam: fc.integer({min: 2014, max: 2022}),
      xep_loai_goc: nullable(fc.constantFrom("Trong sạch vững mạnh", "Yếu kém"))
    }),
    don_vi: fc.record({
      ma_don_vi: fc.constantFrom("A", "B"),
      cap: fc.constantFrom("tinh", "chi_bo"),
      ma_cap_tren: nullable(fc.constantFrom("A", "B")),
      hieu_luc_tu: fc.constantFrom("2015-01-01", "2018-06-30"),
      hieu_luc_den: nullable(fc.constantFrom("2014-12-31", "2015-01-01", "2020-01-01")),
      sap_nhap_vao: nullable(fc.constantFrom("A", "B"))
    })
  };
  const literal = (v: Value) => (v === null ? "NULL" : typeof v === "number" ? `${v}::DOUBLE` : typeof v === "boolean" ? String(v) : sqlLit(v));

  it.each(["sinh_hoat", "danh_gia", "don_vi"] as Kind[])("%s: JS and SQL agree on every rule", async (kind) => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowsOf[kind], {minLength: 1, maxLength: 20}), async (rs) => {
        const keys = Object.keys(rs[0]);
        const values = rs.map((r, i) => `(${i}, ${keys.map((k) => literal(r[k])).join(", ")})`).join(", ");
        for (const rule of ROW_RULES[kind]) {
          const sql = await queryRows<{i: number}>(conn, `SELECT i FROM (VALUES ${values}) t(i, ${keys.join(", ")}) WHERE ${rule.sql} ORDER BY i`);
          const js = rs.flatMap((r, i) => (rule.test(r) ? [i] : []));
          expect(sql.map((x) => x.i), `${rule.code}`).toEqual(js);
        }
      }),
      {numRuns: 60}
    );
  });
});

describe("canonical values", () => {
  const raws: Record<string, fc.Arbitrary<string>> = {
    int: fc.oneof(fc.integer({min: -5, max: 2_000_000_000}).map(String), fc.stringMatching(/^[ +\-0-9.,e_x]{1,8}$/)),
    year: fc.oneof(fc.integer({min: 1900, max: 2200}).map(String), fc.stringMatching(/^[0-9 .]{1,6}$/)),
    date: fc.oneof(
      fc.date({min: new Date("1925-01-01"), max: new Date("2105-12-31"), noInvalidDate: true}).map((d) => d.toISOString().slice(0, 10)),
      fc.stringMatching(/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$/),
      fc.stringMatching(/^[0-9/ :T-]{8,12}$/)
    ),
    number: fc.oneof(
      fc.double({min: -1000, max: 1000, noNaN: true}).map((x) => String(Math.round(x * 100) / 100)),
      fc.stringMatching(/^[-+0-9.,e ]{1,7}$/)
    ),
    bool: fc.constantFrom("1", "0", "true", "x", "có", " 1", "yes")
  };

  it.each(Object.keys(raws))("%s: a value called canonical reads the same by cast and by the typed CSV parser", async (type) => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(raws[type], {minLength: 1, maxLength: 30}), async (values) => {
        const canon: [string, Value][] = [];
        for (const raw of values) {
          try {
            const v = parseValue(type as ColumnType, raw);
            if (v !== null && canonical(type as ColumnType, raw, v)) canon.push([raw, v]);
          } catch (e) {
            if (!(e instanceof ValueError)) throw e;
          }
        }
        if (!canon.length) return;
        const t = sqlType(type as ColumnType);
        const cast = await queryRows<{v: unknown}>(conn, `SELECT TRY_CAST(raw AS ${t}) AS v FROM (VALUES ${canon.map(([r], i) => `(${i}, ${sqlLit(r)})`).join(", ")}) t(i, raw) ORDER BY i`);
        const file = join(dir, `c${n++}.csv`);
        writeFileSync(file, canon.map(([r]) => r).join("\n") + "\n");
        const typed = await queryRows<{v: unknown}>(conn, `SELECT v FROM read_csv(${sqlLit(file)}, columns = {'v': '${t}'}, header = false, auto_detect = false, quote = '"', escape = '"')`);
        const expected = canon.map(([, v]) => v);
        expect(cast.map((r) => r.v)).toEqual(expected);
        expect(typed.map((r) => r.v)).toEqual(expected);
      }),
      {numRuns: 80}
    );
  });
});
