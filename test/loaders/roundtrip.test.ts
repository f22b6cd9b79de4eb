// Round trip (fast-check): random VALID meeting logs, written the many ways committees' tools write them
// (encoding, delimiter, quoting, header form, value forms, line ends, title rows, column order, row order),
// are ingested into a warehouse and read back with exactly the generated values and lines. Then random
// byte-level corruptions of such files (flip, insert, delete, truncate) must each end in an acceptance whose
// values are those the row-by-row parser reads from the corrupted bytes, or in a rejection with located
// problems — never an exception, a hang or a partial load.
// Default: a few dozen cases (CI); CHIBO_LONG=1 runs many more (the convention of test/crash.test.ts).
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {CODES, FileFormatError} from "../../loaders/format/codes.ts";
import {CsvTokenizer, type CsvRecord} from "../../loaders/read/csv-tokenize.ts";
import {decodeText} from "../../loaders/read/decode.ts";
import {findLayout} from "../../loaders/read/layout.ts";
import type {Limits} from "../../loaders/format/limits.ts";
import {ingestFile, type FileResult} from "../../loaders/record/ingest.ts";
import {parseSubmission} from "../../loaders/check/parse-submission.ts";
import {COLUMNS, ENUMS} from "../../loaders/format/schemas.ts";
import {queryRows, type Warehouse} from "../../loaders/record/warehouse.ts";
import {toCp1258} from "../fixtures/messy/legacy-encodings.ts";
import {FIXTURE, tempWarehouse} from "../helpers/warehouse.ts";

const LONG = Boolean(process.env.CHIBO_LONG);
const VALID_RUNS = LONG ? 500 : 30;
const CORRUPT_RUNS = LONG ? 1000 : 40;
const TODAY = "2021-12-31";
/** One small ingest that takes longer than this has hung. */
const HANG_MS = 15_000;

type Ctx = Awaited<ReturnType<typeof tempWarehouse>>;
let ctx: Ctx;
let wh: Warehouse;
let fileNo = 0;
const tally = {valid: 0, corrupt: 0, accepted: 0, rejected: 0, duplicate: 0, direct: 0, limited: 0};

beforeAll(async () => {
  ctx = await tempWarehouse();
  wh = ctx.wh;
  for (const f of ["don_vi_TQ.csv", "don_vi_HU-A.csv", "don_vi_HU-B.csv"]) {
    const r = await ingestFile(wh, join(FIXTURE, f), {archiveDir: join(ctx.dir, "archive")});
    expect(r.status).toBe("accepted");
  }
});
afterAll(() => {
  console.log(
    `roundtrip: ${tally.valid} valid submissions read back exactly; ${tally.corrupt} corrupted files: ${tally.accepted} accepted, ${tally.rejected} rejected with located problems, ${tally.duplicate} duplicates (${tally.limited} refused under small random limits); ${tally.direct} read by DuckDB directly${LONG ? " (CHIBO_LONG)" : ""}`
  );
  ctx?.dispose();
});

// ---- the registry's cells of HU-A (test/fixtures/mini) and the days each existed ----
const DAY = 86_400_000;
const CELLS = [
  {code: "HU-A.001.01", from: Date.UTC(2016, 0, 1), to: Date.UTC(2021, 11, 31)},
  {code: "HU-A.001.02", from: Date.UTC(2016, 0, 1), to: Date.UTC(2020, 5, 30)},
  {code: "HU-A.002", from: Date.UTC(2020, 3, 15), to: Date.UTC(2021, 11, 31)}
];

type Row = {
  ma_chi_bo: string;
  ngay: string;
  loai: string;
  dang_vien: number;
  mien: number;
  co_mat: number;
  vang_co_ly_do: number | null;
  vang_khong_ly_do: number | null;
  thoi_luong: number | null;
  so_phat_bieu: number | null;
  cap_tren_du: boolean | null;
  hinh_thuc: string | null;
  dung_ngay: boolean | null;
  xep_loai: string | null;
  diem: number | null;
  chu_de: string | null;
  ghi_chu: string | null;
};
const KEYS = COLUMNS.sinh_hoat.map((c) => c.key) as (keyof Row)[];
const LABEL = Object.fromEntries(COLUMNS.sinh_hoat.map((c) => [c.key, c.label])) as Record<keyof Row, string>;
const REQUIRED = new Set(COLUMNS.sinh_hoat.filter((c) => c.required).map((c) => c.key));
const band = (d: number) => (d >= 90 ? "tot" : d >= 70 ? "kha" : d >= 50 ? "trung_binh" : "kem");

/** Free text as a clerk types it: Vietnamese, quotes, delimiters, line breaks inside (never at the ends). */
const text = fc
  .string({unit: fc.constantFrom("a", "b", "T", "Đ", "đ", "ả", "ờ", "Ư", "ệ", "ạ", "ố", "ơ", " ", "'", '"', ",", ";", "\t", "\n", "-", "1", "=", "/"), minLength: 1, maxLength: 14})
  .filter((s) => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "") === s && s !== "");

const meeting: fc.Arbitrary<Row> = fc
  .record({
    cell: fc.constantFrom(...CELLS),
    day: fc.nat(),
    loai: fc.constantFrom(...Object.keys(ENUMS.loai)),
    dang_vien: fc.integer({min: 1, max: 300}),
    k1: fc.nat(),
    k2: fc.nat(),
    k3: fc.nat(),
    k4: fc.nat(),
    absences: fc.boolean(),
    thoi_luong: fc.option(fc.integer({min: 0, max: 2000})),
    speakers: fc.boolean(),
    cap_tren_du: fc.option(fc.boolean()),
    hinh_thuc: fc.option(fc.constantFrom(...Object.keys(ENUMS.hinh_thuc))),
    dung_ngay: fc.option(fc.boolean()),
    score: fc.constantFrom("none", "rating", "score", "both"),
    diem: fc.integer({min: 0, max: 200}).map((n) => n / 2),
    rating: fc.constantFrom(...Object.keys(ENUMS.xep_loai_buoi)),
    chu_de: fc.option(text),
    ghi_chu: fc.option(text)
  })
  .map((g) => {
    const span = Math.round((g.cell.to - g.cell.from) / DAY) + 1;
    const ngay = new Date(g.cell.from + (g.day % span) * DAY).toISOString().slice(0, 10);
    const mien = g.k1 % (g.dang_vien + 1);
    const co_mat = g.k2 % (g.dang_vien - mien + 1);
    const rest = g.dang_vien - mien - co_mat;
    const vcl = g.k3 % (rest + 1);
    return {
      ma_chi_bo: g.cell.code,
      ngay,
      loai: g.loai,
      dang_vien: g.dang_vien,
      mien,
      co_mat,
      vang_co_ly_do: g.absences ? vcl : null,
      vang_khong_ly_do: g.absences ? rest - vcl : null,
      thoi_luong: g.thoi_luong,
      so_phat_bieu: g.speakers ? g.k4 % (co_mat + 1) : null,
      cap_tren_du: g.cap_tren_du,
      hinh_thuc: g.hinh_thuc,
      dung_ngay: g.dung_ngay,
      xep_loai: g.score === "rating" ? g.rating : g.score === "both" ? band(g.diem) : null,
      diem: g.score === "score" || g.score === "both" ? g.diem : null,
      chu_de: g.chu_de,
      ghi_chu: g.ghi_chu
    };
  });

interface Form {
  encoding: "utf8" | "utf8bom" | "utf16le" | "utf16be" | "cp1258";
  delimiter: "," | ";" | "\t";
  quoteAll: boolean;
  header: "ascii" | "label" | "nfd" | "odd";
  dates: "iso" | "vn";
  bools: "vi" | "num" | "tick";
  enums: "key" | "label" | "upper";
  codes: "as-is" | "lower";
  grouped: boolean;
  eol: "\n" | "\r\n";
  titles: number;
  numbering: boolean;
  stt: boolean;
  /** optional columns left out, and the column order (sort keys) */
  omit: boolean[];
  order: number[];
}

const form: fc.Arbitrary<Form> = fc.record({
  encoding: fc.constantFrom("utf8", "utf8bom", "utf16le", "utf16be", "cp1258"),
  delimiter: fc.constantFrom(",", ";", "\t"),
  quoteAll: fc.boolean(),
  header: fc.constantFrom("ascii", "label", "nfd", "odd"),
  dates: fc.constantFrom("iso", "vn"),
  bools: fc.constantFrom("vi", "num", "tick"),
  enums: fc.constantFrom("key", "label", "upper"),
  codes: fc.constantFrom("as-is", "lower"),
  grouped: fc.boolean(),
  eol: fc.constantFrom("\n", "\r\n"),
  titles: fc.integer({min: 0, max: 3}),
  numbering: fc.boolean(),
  stt: fc.boolean(),
  omit: fc.array(fc.boolean(), {minLength: KEYS.length, maxLength: KEYS.length}),
  order: fc.array(fc.double({min: 0, max: 1, noNaN: true}), {minLength: KEYS.length + 1, maxLength: KEYS.length + 1})
}) as fc.Arbitrary<Form>;


const pad = (n: number) => String(n).padStart(2, "0");
function valueText(key: keyof Row, v: Row[keyof Row], f: Form): string {
  if (v === null) return "";
  const spec = COLUMNS.sinh_hoat.find((c) => c.key === key)!;
  if (typeof spec.type === "object") {
    const label = (ENUMS[spec.type.enum] as Record<string, string>)[v as string];
    return f.enums === "key" ? (v as string) : f.enums === "label" ? label : label.toUpperCase();
  }
  switch (spec.type) {
    case "code":
      return f.codes === "lower" ? (v as string).toLowerCase() : (v as string);
    case "date": {
      const [y, m, d] = (v as string).split("-");
      return f.dates === "iso" ? (v as string) : `${d}/${m}/${y}`;
    }
    case "bool":
      return f.bools === "vi" ? (v ? "có" : "không") : f.bools === "num" ? (v ? "1" : "0") : v ? "x" : "";
    case "int": {
      const n = v as number;
      // thousands grouped with a space ("1.234" and "1,234" are refused as ambiguous between locales)
      return f.grouped && n >= 1000 ? `${Math.floor(n / 1000)} ${String(n % 1000).padStart(3, "0")}` : String(n);
    }
    case "number":
      return f.delimiter === "," ? String(v) : String(v).replace(".", ",");
    default:
      return v as string;
  }
}

/** The file's bytes, and the row number of each data row. */
function serialize(rows: Row[], f: Form): {bytes: Buffer; lines: number[]; columns: (keyof Row)[]} {
  const columns = KEYS.filter((k, i) => REQUIRED.has(k) || !f.omit[i]);
  const cols: (keyof Row | "stt")[] = [...columns, ...(f.stt ? ["stt" as const] : [])];
  const orderOf = (c: keyof Row | "stt") => f.order[c === "stt" ? KEYS.length : KEYS.indexOf(c)];
  cols.sort((a, b) => orderOf(a) - orderOf(b) || String(a).localeCompare(String(b)));
  const d = f.delimiter;
  const q = (v: string) => (f.quoteAll || v.includes(d) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const headerCell = (c: keyof Row | "stt") => {
    if (c === "stt") return f.header === "ascii" ? "stt" : "STT";
    if (f.header === "ascii") return c;
    if (f.header === "odd") return `  ${LABEL[c].toUpperCase().replace(/ /g, "  ")} `;
    return LABEL[c];
  };
  const records: string[] = [];
  for (let t = 0; t < f.titles; t++) records.push(q(["ĐẢNG BỘ TỈNH THỬ NGHIỆM", "Biểu 01-SHCB", "SỔ SINH HOẠT CHI BỘ"][t]));
  records.push(cols.map((c) => q(headerCell(c))).join(d));
  if (f.numbering) records.push(cols.map((_, i) => q(`(${i + 1})`)).join(d));
  const first = records.length;
  rows.forEach((r, i) => records.push(cols.map((c) => q(c === "stt" ? String(i + 1) : valueText(c, r[c], f))).join(d)));
  let body = records.join(f.eol) + f.eol;
  // row of each record as a spreadsheet numbers it: 1 + the records before it (a line break inside a quoted
  // value starts no new row)
  const lines: number[] = [];
  records.forEach((_, i) => {
    if (i >= first) lines.push(i + 1);
  });
  if (f.header === "nfd") body = body.normalize("NFD");
  const bytes =
    f.encoding === "utf8"
      ? Buffer.from(body)
      : f.encoding === "utf8bom"
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])
        : f.encoding === "utf16le"
          ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, "utf16le")])
          : f.encoding === "utf16be"
            ? Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body, "utf16le").swap16()])
            : toCp1258(body);
  return {bytes, lines, columns};
}

/** What the warehouse must hold for a row: omitted columns are empty, ticks say no only in a column with a tick. */
function expected(rows: Row[], f: Form, columns: (keyof Row)[], lines: number[]) {
  const ticked = (k: keyof Row) => rows.some((r) => r[k] === true);
  return rows
    .map((r, i) => {
      const out: Record<string, unknown> = {line: lines[i]};
      for (const k of KEYS) {
        let v: unknown = columns.includes(k) ? r[k] : null;
        if (f.bools === "tick" && (k === "cap_tren_du" || k === "dung_ngay") && columns.includes(k)) v = r[k] === true ? true : ticked(k) ? false : null;
        out[k] = v;
      }
      return out;
    })
    .sort((a, b) => (a.line as number) - (b.line as number));
}

const SELECT = `SELECT line, ${KEYS.map((k) => (k === "ngay" ? "strftime(ngay, '%Y-%m-%d') AS ngay" : k)).join(", ")} FROM raw_meetings WHERE submission_id = $1 ORDER BY line`;
const meetingCount = async () => (await queryRows<{n: number}>(wh.conn, "SELECT count(*)::INTEGER AS n FROM raw_meetings"))[0].n;

/** `direct`: read through DuckDB's read_csv and the byte scanner when the file qualifies (as large files are). */
async function ingestBytes(bytes: Uint8Array, direct: boolean, ext = "csv", limits?: Partial<Limits>): Promise<{r: FileResult; name: string}> {
  const name = `sinh_hoat_HU-A_case${++fileNo}.${ext}`;
  const path = join(ctx.dir, name);
  writeFileSync(path, bytes);
  const t0 = performance.now();
  try {
    const r = await ingestFile(wh, path, {today: TODAY, archiveDir: join(ctx.dir, "archive"), forceDirect: direct, limits});
    expect(performance.now() - t0, "did not hang").toBeLessThan(HANG_MS);
    return {r, name};
  } finally {
    rmSync(path, {force: true});
  }
}

const rowsArb = fc.uniqueArray(meeting, {minLength: 1, maxLength: 12, selector: (r) => `${r.ma_chi_bo}|${r.ngay}|${r.loai}`}).chain((rows) => fc.shuffledSubarray(rows, {minLength: rows.length, maxLength: rows.length}));

describe("valid submissions, written every way, read back exactly", () => {
  it(`${VALID_RUNS} random submissions`, {timeout: LONG ? 3_600_000 : 120_000}, async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, form, fc.boolean(), async (rows, f, direct) => {
        const {bytes, lines, columns} = serialize(rows, f);
        const {r} = await ingestBytes(bytes, direct, f.encoding.startsWith("utf16") ? "txt" : "csv");
        tally.valid++;
        if (r.readPath === "direct") tally.direct++;
        if (r.status === "duplicate") return; // the same bytes, already read back when first seen
        expect(r.problems, `${r.status}: ${JSON.stringify(r.problems.slice(0, 3))}`).toEqual([]);
        expect([r.status, r.rowsRead, r.rowsLoaded]).toEqual(["accepted", rows.length, rows.length]);
        const got = await queryRows(wh.conn, SELECT, [r.submissionId]);
        expect(got).toEqual(expected(rows, f, columns, lines));
      }),
      {numRuns: VALID_RUNS}
    );
  });
});

type Op = {kind: "flip" | "insert" | "delete" | "truncate"; at: number; byte: number; len: number};
const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom("flip", "insert", "delete", "truncate"),
  at: fc.double({min: 0, max: 1, noNaN: true, maxExcluded: true}),
  byte: fc.integer({min: 0, max: 255}),
  len: fc.integer({min: 1, max: 8})
}) as fc.Arbitrary<Op>;

function corrupt(bytes: Buffer, ops: Op[]): Buffer {
  let b = Buffer.from(bytes);
  for (const o of ops) {
    const i = Math.floor(o.at * b.length);
    if (o.kind === "flip" && b.length) b[i] ^= o.byte || 1;
    else if (o.kind === "insert") b = Buffer.concat([b.subarray(0, i), Buffer.alloc(o.len, o.byte), b.subarray(i)]);
    else if (o.kind === "delete") b = Buffer.concat([b.subarray(0, i), b.subarray(i + o.len)]);
    else if (o.kind === "truncate") b = b.subarray(0, i);
  }
  return b;
}

describe("corrupted submissions: accepted consistently or rejected with located problems", () => {
  it(`${CORRUPT_RUNS} random corruptions`, {timeout: LONG ? 3_600_000 : 120_000}, async () => {
    // a quarter of the cases run under small random limits
    const small = fc.oneof(
      {weight: 3, arbitrary: fc.constant(null)},
      {weight: 1, arbitrary: fc.record({maxFieldChars: fc.integer({min: 4, max: 40}), maxRecordChars: fc.integer({min: 30, max: 300})})}
    );
    await fc.assert(
      fc.asyncProperty(rowsArb, form, fc.array(op, {minLength: 1, maxLength: 4}), fc.boolean(), small, async (rows, f, ops, direct, limits) => {
        const bytes = corrupt(serialize(rows, f).bytes, ops);
        const before = await meetingCount();
        const {r, name} = await ingestBytes(bytes, direct, "csv", limits ?? undefined);
        if (limits) {
          // under small limits: refused at the first record over them (as the free tokenizer splits the file), else as without
          let expectLine: number | "maybe" | null = null;
          try {
            const {text} = decodeText(bytes);
            const {delimiter} = findLayout(text, true, name);
            const records: CsvRecord[] = [];
            const t = new CsvTokenizer(delimiter);
            let unclosed = false;
            try {
              t.push(text, (rec) => records.push(rec));
              t.end((rec) => records.push(rec));
            } catch {
              unclosed = true; // the records before the unclosed quote still count; the open one may be over too
            }
            const over = records.find((rec) => rec.cells.some((c) => c.length > limits.maxFieldChars) || rec.cells.join(delimiter).length > limits.maxRecordChars);
            expectLine = over ? over.line : unclosed ? "maybe" : null;
          } catch {
            expectLine = null; // unreadable or no header: refused for that before any record is measured
          }
          const limitProblems = r.problems.filter((p) => p.code === "E_FIELD_TOO_LONG" || p.code === "E_RECORD_TOO_LONG");
          if (typeof expectLine === "number") {
            tally.limited++;
            expect(r.status).toBe("rejected");
            expect(limitProblems.map((p) => p.line)).toEqual([expectLine]);
          } else if (expectLine === null) expect(limitProblems).toEqual([]);
          else expect(limitProblems.length).toBeLessThanOrEqual(1);
        }
        tally.corrupt++;
        if (r.readPath === "direct") tally.direct++;
        tally[r.status as "accepted" | "rejected" | "duplicate"]++;
        expect(["accepted", "rejected", "duplicate"]).toContain(r.status);
        const stored = (await queryRows<{n: number}>(wh.conn, "SELECT count(*)::INTEGER AS n FROM raw_meetings WHERE submission_id = $1", [r.submissionId]))[0].n;
        if (r.status === "accepted") {
          // all of the file's rows, with the values the row-by-row parser reads from the same bytes
          expect(stored).toBe(r.rowsRead);
          expect(r.rowsLoaded).toBe(r.rowsRead);
          const parsed = parseSubmission(name, bytes);
          expect(parsed.problems.filter((p) => p.severity === "error")).toEqual([]);
          const got = await queryRows<Record<string, unknown>>(wh.conn, SELECT, [r.submissionId]);
          const want = parsed.rows.map((p) => Object.fromEntries([["line", p.line], ...KEYS.map((k) => [k, p[k] ?? null])]));
          expect(got).toEqual(want);
        } else {
          // nothing loaded; every problem located (a line) or about the whole file
          expect(stored).toBe(0);
          expect(await meetingCount()).toBe(before);
          if (r.status === "rejected") {
            expect(r.problems.length).toBeGreaterThan(0);
            for (const p of r.problems) expect(p.line !== null || (CODES as Record<string, {scope: string}>)[p.code]?.scope === "file", JSON.stringify(p)).toBe(true);
          }
        }
      }),
      {numRuns: CORRUPT_RUNS}
    );
  });
});

describe("the tokenizer's limits", () => {
  const LIMIT_RUNS = LONG ? 5000 : 300;
  const soup = (d: string) => fc.string({unit: fc.constantFrom("a", "ệ", '"', d, "\n", "\r\n", " "), maxLength: 120});
  it(`${LIMIT_RUNS} random texts: the same records as without limits when all fit, else the first record over them, fed whole or in pieces`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(",", ";", "\t").chain((d) => fc.tuple(fc.constant(d), soup(d), fc.array(fc.nat(), {maxLength: 5}))),
        fc.integer({min: 1, max: 30}),
        fc.integer({min: 1, max: 80}),
        ([d, text, cuts], maxFieldChars, maxRecordChars) => {
          const limits = {maxFieldChars, maxRecordChars};
          const outcome = (pieces: string[], withLimits: boolean) => {
            const records: CsvRecord[] = [];
            const t = new CsvTokenizer(d, withLimits ? limits : undefined);
            try {
              for (const p of pieces) t.push(p, (r) => records.push(r));
              t.end((r) => records.push(r));
              return {records};
            } catch (e) {
              if (!(e instanceof FileFormatError)) throw e;
              return {records, code: e.code, line: e.problems[0].line};
            }
          };
          const free = outcome([text], false);
          // the first record with a cell or a length over the limits
          const over = free.records.find((r) => r.cells.some((c) => c.length > maxFieldChars) || r.cells.join(d).length > maxRecordChars);
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const pieces = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
          for (const got of [outcome([text], true), outcome(pieces, true)]) {
            if (free.code) continue; // an unclosed quote: the free run never finishes its last record
            if (!over) expect(got).toEqual(free);
            else {
              expect(["E_FIELD_TOO_LONG", "E_RECORD_TOO_LONG"]).toContain(got.code);
              expect(got.line).toBe(over.line);
            }
          }
        }
      ),
      {numRuns: LIMIT_RUNS}
    );
  });
});
