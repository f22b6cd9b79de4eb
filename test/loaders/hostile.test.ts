// Hostile input: files built to exhaust the loader (huge files, endless lines and cells, runaway quotes, zip
// bombs, binary junk) and names and values built to escape into paths or SQL. Each hostile file is ingested
// by the real command line in a child process, so the test sees the exit code, the --json answer, the time and
// the child's peak memory (maximum resident set size, which the child reports itself at exit:
// test/helpers/peak-rss.ts). The bounds are "did not blow up / did not hang" guards with wide margins, not speed
// goals (those live in the benchmarks).
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {deflateRawSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {CODES} from "../../loaders/format/codes.ts";
import {ingestFile} from "../../loaders/record/ingest.ts";
import {openWarehouse, queryRows} from "../../loaders/record/warehouse.ts";
import {readWorkbook} from "../../loaders/read/xlsx.ts";
import {crc32} from "../../src/components/zip.ts";
import {FIXTURE, tempWarehouse} from "../helpers/warehouse.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "loaders", "cli.ts");
const PEAK_RSS = pathToFileURL(join(ROOT, "test", "helpers", "peak-rss.ts")).href;
/** Peak resident memory a hostile ingest may reach (the loader's own baseline, Node + DuckDB, is about 160 MB). */
const MAX_RSS_MB = 400;
/** A hostile ingest that takes longer than this has hung (each takes about a second). */
const MAX_SECONDS = 20;

const HEADER = "ma_chi_bo,ngay,loai,dang_vien,mien,co_mat,vang_co_ly_do,vang_khong_ly_do,thoi_luong,so_phat_bieu,cap_tren_du,hinh_thuc,dung_ngay,xep_loai,diem,chu_de,ghi_chu";
const row = (m: number, chuDe = "Sinh hoạt định kỳ", ghiChu = "", cell = "HU-A.001.01") =>
  [cell, `2021-${String(m).padStart(2, "0")}-05`, "thuong_ky", 30, 2, 26, 2, 0, 90, 3, 0, "truc_tiep", 1, "kha", 80, csvField(chuDe), csvField(ghiChu)].join(",");
const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

let dir: string;
let db: string;
let inputs: string;
const measured: {name: string; code: string; rssMb: number; seconds: number}[] = [];

interface CliAnswer {
  status: number | null;
  results: {file: string; status: string; sha256: string; errors: {line: number | null; column: string | null; code: string; message_vi: string; message_en: string}[]}[];
  rssMb: number;
  seconds: number;
  stderr: string;
}

/** `npm run ingest -- --json` in a child process, with its peak memory and time. */
function ingestCli(name: string, paths: string[], flags: string[] = []): CliAnswer {
  const rssOut = join(dir, "rss", "peak.txt");
  writeFileSync(rssOut, "");
  const args = ["--import", "tsx", "--import", PEAK_RSS, CLI, "--db", db, "--json", ...flags, ...paths];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26, timeout: 120_000, env: {...process.env, CHIBO_PEAK_RSS_FILE: rssOut}});
  const seconds = (performance.now() - t0) / 1000;
  const kb = readFileSync(rssOut, "utf8").trim();
  if (!kb) throw new Error(`${name}: the child reported no peak RSS (exit ${r.status}, signal ${r.signal}):\n${r.stderr.slice(0, 2000)}`);
  const rssMb = Math.round(Number(kb) / 1024);
  let results: CliAnswer["results"] = [];
  try {
    results = JSON.parse(r.stdout);
  } catch {
    throw new Error(`${name}: no JSON answer (exit ${r.status}):\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
  }
  return {status: r.status, results, rssMb, seconds, stderr: r.stderr};
}

/** Ingests one hostile file and checks it is refused with `code` (first problem), located as given. */
function refused(name: string, file: string, code: keyof typeof CODES, at: {line?: number | null; column?: string | null} = {}, flags: string[] = []) {
  const a = ingestCli(name, [file], flags);
  measured.push({name, code, rssMb: a.rssMb, seconds: a.seconds});
  expect(a.status, a.stderr.slice(0, 2000)).toBe(1);
  expect(a.results).toHaveLength(1);
  const [r] = a.results;
  expect(r.status).toBe("rejected");
  const p = r.errors[0];
  expect(p.code).toBe(code);
  expect(p.message_vi.startsWith(CODES[code].vi)).toBe(true);
  expect(p.message_en.startsWith(CODES[code].en)).toBe(true);
  if (at.line !== undefined) expect(p.line).toBe(at.line);
  if (at.column !== undefined) expect(p.column).toBe(at.column);
  expect(a.rssMb, `${name}: peak RSS`).toBeLessThan(MAX_RSS_MB);
  expect(a.seconds, `${name}: seconds`).toBeLessThan(MAX_SECONDS);
  return {result: r, problem: p};
}

const write = (name: string, data: string | Uint8Array) => {
  const f = join(inputs, name);
  writeFileSync(f, data);
  return f;
};

// ---- a tiny zip writer with deflate (src/components/zip.ts stores only), for workbooks and bombs ----

interface Entry {
  name: string;
  data: Buffer;
  /** the uncompressed size written in the headers (a lying bomb declares less than it holds) */
  declare?: number;
}

function zipDeflate(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const comp = deflateRawSync(e.data, {level: 9});
    const size = e.declare ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(comp.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, comp);
    central.push(cd, name);
    offset += local.length + name.length + comp.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const cellXml = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
const rowXml = (n: number, values: string[]) => `<row r="${n}">${values.map((v, i) => cellXml(`${String.fromCharCode(65 + i)}${n}`, v)).join("")}</row>`;

/** A minimal .xlsx (one sheet named sinh_hoat, inline strings) whose sheet XML holds `rows` data rows. */
function workbook(rows: number, opts: {declareSheet?: number; padding?: number} = {}): Buffer {
  const header = HEADER.split(",").slice(0, 6);
  const data: string[] = [];
  for (let n = 2; n < rows + 2; n++) data.push(rowXml(n, ["HU-A.001.01", "2021-01-05", "thuong_ky", "30", "2", "26"]));
  const sheet = Buffer.concat([
    Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><sheetData>${rowXml(1, header)}`),
    Buffer.from(data.join("")),
    Buffer.alloc(opts.padding ?? 0, 0x20), // whitespace between elements: ignored by XML, compressed ~1000 times
    Buffer.from("</sheetData></worksheet>")
  ]);
  return zipDeflate([
    {
      name: "[Content_Types].xml",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
      )
    },
    {name: "_rels/.rels", data: Buffer.from(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
    {name: "xl/workbook.xml", data: Buffer.from(`<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="sinh_hoat" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
    {name: "xl/_rels/workbook.xml.rels", data: Buffer.from(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)},
    {name: "xl/worksheets/sheet1.xml", data: sheet, declare: opts.declareSheet}
  ]);
}

/** Every file under a folder, relative. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      const r = rel ? `${rel}/${f}` : f;
      if (statSync(p).isDirectory()) walk(p, r);
      else out.push(r);
    }
  };
  walk(root, "");
  return out.sort();
}

const counts = async () => {
  const wh = await openWarehouse(db, {readOnly: true});
  try {
    const [c] = await queryRows<{meetings: number; units: number; submissions: number}>(
      wh.conn,
      "SELECT (SELECT count(*) FROM raw_meetings)::INTEGER AS meetings, (SELECT count(*) FROM raw_units)::INTEGER AS units, (SELECT count(*) FROM submissions)::INTEGER AS submissions"
    );
    return c;
  } finally {
    wh.close();
  }
};

let before: {meetings: number; units: number; submissions: number};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-hostile-"));
  db = join(dir, "wh", "warehouse.duckdb");
  inputs = join(dir, "in");
  mkdirSync(join(dir, "wh"));
  mkdirSync(inputs);
  mkdirSync(join(dir, "rss"));
  writeFileSync(join(dir, "rss", "peak.txt"), ""); // there before the hostile-names check lists the files
  const wh = await openWarehouse(db);
  try {
    for (const f of ["don_vi_TQ.csv", "don_vi_HU-A.csv", "don_vi_HU-B.csv", "sinh_hoat_HU-A_2020.csv"]) {
      const r = await ingestFile(wh, join(FIXTURE, f), {today: "2021-12-31"});
      expect(r.status).toBe("accepted");
    }
  } finally {
    wh.close();
  }
  before = await counts();
});

afterAll(() => {
  if (measured.length) {
    const files = measured.filter((m) => m.code !== "-").length;
    console.log(`hostile files: ${files}, plus one run of the hostile names; peak RSS = the ingest child's maximum resident set size (its own ru_maxrss at exit)`);
    for (const m of measured) console.log(`  ${m.name.padEnd(34)} ${m.code.padEnd(18)} ${String(m.rssMb).padStart(4)} MB  ${m.seconds.toFixed(2)} s`);
  }
  rmSync(dir, {recursive: true, force: true});
});

describe("hostile files are refused quickly, located, in bounded memory", {timeout: 120_000}, () => {
  it("a file over the size limit (--max-file-mb 1): refused unread, not archived", () => {
    const body = HEADER + "\n" + `${row(1)}\n`.repeat(Math.ceil((3 << 20) / row(1).length));
    const f = write("sinh_hoat_HU-A_huge.csv", body);
    const {result, problem} = refused("over-size file (3 MB, limit 1 MB)", f, "E_FILE_TOO_LARGE", {line: null}, ["--max-file-mb", "1"]);
    expect(problem.message_en).toMatch(/the limit is 1 MiB/);
    expect(existsSync(join(dir, "wh", "archive", result.sha256))).toBe(false);
  });

  it("an over-long line: 200 000 delimiters in a small file", () => {
    const f = write("sinh_hoat_HU-A_commas.csv", `${HEADER}\n${row(1)}\n${",".repeat(200_000)}\n${row(2)}\n`);
    refused("over-long line (200 000 commas)", f, "E_RECORD_TOO_LONG", {line: 3});
  });

  it("an over-long line in a large file (read by the scanner first): 3 MB of delimiters", () => {
    const f = write("sinh_hoat_HU-A_commas_big.csv", `${HEADER}\n${`${row(1)}\n`.repeat(10_000)}${",".repeat(3 << 20)}\n${row(2)}\n`);
    refused("over-long line (3 MB, large file)", f, "E_RECORD_TOO_LONG", {line: 10_002});
  });

  it("a header of 400 000 columns", () => {
    const f = write("sinh_hoat_HU-A_wide.csv", `${HEADER}${",x".repeat(400_000)}\n${row(1)}\n`);
    refused("header of 400 000 columns", f, "E_RECORD_TOO_LONG", {line: 1});
  });

  it("a cell of one million characters", () => {
    const f = write("sinh_hoat_HU-A_million.csv", `${HEADER}\n${row(1)}\n${row(2, "x".repeat(1_000_000))}\n${row(3)}\n`);
    const {problem} = refused("field of 1 000 000 characters", f, "E_FIELD_TOO_LONG", {line: 3, column: "chu_de"});
    expect(problem.message_en).toMatch(/cell 16 has 1000000 characters, the limit is 10000/);
  });

  it("a smaller --max-field-chars refuses a cell the default allows", () => {
    const f = write("sinh_hoat_HU-A_5000.csv", `${HEADER}\n${row(1, "y".repeat(5000))}\n`);
    refused("field of 5 000 (--max-field-chars 1000)", f, "E_FIELD_TOO_LONG", {line: 2, column: "chu_de"}, ["--max-field-chars", "1000"]);
  });

  it("5 MB of quote characters (nested quotes)", () => {
    const f = write("sinh_hoat_HU-A_quotes.csv", `${HEADER}\n${'"'.repeat(5 << 20)}\n`);
    const {problem} = refused('5 MB of "', f, "E_FIELD_TOO_LONG", {line: 2});
    expect(problem.message_en).toMatch(/opens with a quote on line 2/);
  });

  it("an unterminated quote swallowing the rest of a large UTF-8 file", () => {
    const f = write("sinh_hoat_HU-A_unclosed.csv", `${HEADER}\n${row(1)}\n${row(2)}"oops\n${`${row(3)}\n`.repeat(40_000)}`);
    refused("unterminated quote (UTF-8, 7 MB)", f, "E_UNCLOSED_QUOTE", {line: 3});
  });

  it("an unterminated quote in a UTF-16 file (read by the tokenizer): refused at the limit, not at the end", () => {
    const text = `${HEADER}\n${row(1)}\n${row(2)}"oops\n${`${row(3)}\n`.repeat(100_000)}`;
    const f = write("sinh_hoat_HU-A_unclosed16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const {problem} = refused("unterminated quote (UTF-16, 20 MB)", f, "E_FIELD_TOO_LONG", {line: 3, column: "ghi_chu"});
    expect(problem.message_en).toMatch(/opens with a quote on line 3/);
  });

  it("a 20 MB line without a line break in Windows-1258 (was held whole, then crashed DuckDB's reader)", () => {
    const tail = Buffer.alloc(20 << 20, 0x61);
    tail[10] = 0xd0; // "Đ" in Windows-1258: not UTF-8
    const f = write("sinh_hoat_HU-A_noline.csv", Buffer.concat([Buffer.from(`${HEADER}\n${row(1, "Sinh hoat")}`), tail]));
    refused("20 MB line, no line break (cp1258)", f, "E_FIELD_TOO_LONG", {line: 2, column: "ghi_chu"});
  });

  it("binary garbage", () => {
    let seed = 42;
    const bytes = Buffer.alloc(2 << 20);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    refused("binary garbage (2 MB)", write("sinh_hoat_HU-A_garbage.csv", bytes), "E_BINARY", {line: null});
  });

  it("the zip writer makes a real workbook (control for the bombs)", async () => {
    const sheet = await readWorkbook(workbook(3), "sinh_hoat");
    expect(sheet.name).toBe("sinh_hoat");
    expect(sheet.records.map((r) => r.cells.length)).toEqual([6, 6, 6, 6]);
  });

  it("a zip bomb: a workbook whose sheet expands past --max-xlsx-mb", () => {
    const f = write("sinh_hoat_HU-A_bomb.xlsx", workbook(100_000)); // ~27 MB of sheet XML, ~60 kB on disk
    const {problem} = refused("xlsx bomb (27 MB sheet, limit 8 MB)", f, "E_XLSX_TOO_LARGE", {line: null}, ["--max-xlsx-mb", "8", "--max-xlsx-ratio", "100000"]);
    expect(problem.message_en).toMatch(/uncompressed, the limit is 8 MiB/);
  });

  it("a zip bomb under the default limits: the compression ratio", () => {
    const f = write("sinh_hoat_HU-A_ratio.xlsx", workbook(3, {padding: 30 << 20})); // 30 MB, under the default size limit
    const {problem} = refused("xlsx bomb (ratio, defaults)", f, "E_XLSX_TOO_LARGE", {line: null});
    expect(problem.message_en).toMatch(/entry xl\/worksheets\/sheet1\.xml is compressed \d+ times, the limit is 200/);
  });

  it("a zip bomb that lies about its size: inflated up to the declared size only", () => {
    const f = write("sinh_hoat_HU-A_liar.xlsx", workbook(100_000, {declareSheet: 1000})); // ~27 MB declared as 1 kB
    const {problem} = refused("xlsx bomb (lying header, 27 MB)", f, "E_XLSX_TOO_LARGE", {line: null});
    expect(problem.message_en).toMatch(/inflates to more than its declared/);
  });
});

describe("the limits refuse nothing a committee sends", {timeout: 120_000}, () => {
  it("a large file with a cell just under the limit (30 kB of Vietnamese in 9 999 characters) loads whole, through the tokenizer", async () => {
    const ctx = await tempWarehouse();
    try {
      for (const f of ["don_vi_TQ.csv", "don_vi_HU-A.csv", "don_vi_HU-B.csv"]) await ingestFile(ctx.wh, join(FIXTURE, f), {archiveDir: join(ctx.dir, "archive")});
      const note = "ệ".repeat(9_999);
      const rows = [HEADER];
      for (let d = 0; d < 14_000; d++) {
        const date = new Date(Date.UTC(2015, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
        rows.push(row(1, d === 7_000 ? note : "Sinh hoạt định kỳ").replace("2021-01-05", date));
      }
      const f = join(ctx.dir, "sinh_hoat_HU-A_long_note.csv");
      writeFileSync(f, rows.join("\n") + "\n");
      expect(statSync(f).size).toBeGreaterThan(1 << 20);
      const r = await ingestFile(ctx.wh, f, {today: "2060-12-31", archiveDir: join(ctx.dir, "archive")});
      expect([r.status, r.rowsLoaded, r.readPath]).toEqual(["accepted", 14_000, "rewrite"]);
      const [stored] = await queryRows<{n: number}>(ctx.wh.conn, "SELECT length(chu_de)::INTEGER AS n FROM raw_meetings WHERE line = 7002");
      expect(stored.n).toBe(9_999);
    } finally {
      ctx.dispose();
    }
  });
});

describe("the limit flags", () => {
  it("a limit that is not a positive number is a usage error (exit 2)", () => {
    for (const bad of [["--max-file-mb", "abc"], ["--max-field-chars", "0"], ["--max-xlsx-ratio", "-3"]]) {
      const r = spawnSync(process.execPath, ["--import", "tsx", CLI, "--db", join(dir, "unused.duckdb"), ...bad, inputs], {cwd: ROOT, encoding: "utf8"});
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(bad[0]);
      expect(existsSync(join(dir, "unused.duckdb"))).toBe(false);
    }
  });
});

describe("hostile names and values never reach a path or break a query", {timeout: 120_000}, () => {
  it("file names and codes with path separators, .., control characters and SQL quotes", async () => {
    const folder = join(dir, "names");
    mkdirSync(folder);
    const sql = "'; DROP TABLE raw_meetings; --";
    const names = {
      sql: `sinh_hoat_HU-A_${sql}.csv`,
      dots: "sinh_hoat_HU-A_..\\..\\..\\evil.csv",
      control: "sinh_hoat_HU-A_\u001b[2J\n\t\u0007.csv",
      registry: "don_vi_HU-A_'); DELETE FROM raw_units; --.csv"
    };
    // accepted: the text cells are stored verbatim
    writeFileSync(join(folder, names.sql), [HEADER, row(1, sql, "Robert'); DROP TABLE submissions;--"), row(2, "../../etc/passwd", "C:\\Windows\\..\\x")].join("\n") + "\n");
    // rejected: codes that are paths or SQL
    writeFileSync(join(folder, names.dots), [HEADER, row(3, "a", "", "../../HU-A.001.01"), row(4, "b", "", "HU-A\\..\\x")].join("\n") + "\n");
    writeFileSync(join(folder, names.control), [HEADER, row(5, "c", "", `HU-A.001.01${sql}`)].join("\n") + "\n");
    writeFileSync(
      join(folder, names.registry),
      ["ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao", `HU-A/../x,${csvField(sql)},chi_bo,HU-A.001,nong_thon,2015-01-01,,`, `HU-A.009';--,x,chi_bo,HU-A.001,nong_thon,2015-01-01,,`].join("\n") + "\n"
    );
    const outside = tree(dir).filter((f) => !f.startsWith("wh/"));
    const a = ingestCli("hostile names", [folder]);
    measured.push({name: "hostile names (4 files)", code: "-", rssMb: a.rssMb, seconds: a.seconds});
    expect(a.status).toBe(1);
    const byFile = new Map(a.results.map((r) => [r.file, r]));
    expect([...byFile.keys()].sort()).toEqual(Object.values(names).sort());
    expect(byFile.get(names.sql)!.status).toBe("accepted");
    expect(byFile.get(names.dots)!.errors.filter((e) => e.code === "E_CODE").map((e) => [e.line, e.column, e.code])).toEqual([
      [2, "Mã chi bộ", "E_CODE"],
      [3, "Mã chi bộ", "E_CODE"]
    ]);
    expect(byFile.get(names.control)!.errors.some((e) => e.line === 2 && e.code === "E_CODE")).toBe(true);
    expect(byFile.get(names.registry)!.status).toBe("rejected");
    expect(byFile.get(names.registry)!.errors.filter((e) => e.code === "E_CODE").map((e) => e.line)).toEqual([2, 3]);

    // nothing was written next to the inputs or outside the warehouse folder; the archive holds hashes only
    expect(tree(dir).filter((f) => !f.startsWith("wh/"))).toEqual(outside);
    const wh = readdirSync(join(dir, "wh")).filter((f) => f !== "archive");
    expect(wh.every((f) => f.startsWith("warehouse.duckdb"))).toBe(true);
    const archived = readdirSync(join(dir, "wh", "archive"));
    expect(archived.every((f) => /^[0-9a-f]{64}$/.test(f))).toBe(true);
    for (const r of a.results) expect(archived).toContain(r.sha256);

    // the tables are intact; names and values are stored verbatim
    const c = await counts();
    expect(c.units).toBe(before.units);
    expect(c.submissions).toBeGreaterThanOrEqual(before.submissions + 4);
    const conn = await openWarehouse(db, {readOnly: true});
    try {
      const ledger = await queryRows<{file_name: string; status: string}>(conn.conn, "SELECT file_name, status FROM submissions WHERE submission_id > (SELECT max(submission_id) - 4 FROM submissions) ORDER BY file_name");
      expect(ledger.map((l) => l.file_name).sort()).toEqual(Object.values(names).sort());
      const stored = await queryRows<{line: number; chu_de: string; ghi_chu: string}>(
        conn.conn,
        `SELECT line, chu_de, ghi_chu FROM raw_meetings WHERE submission_id = (SELECT submission_id FROM submissions WHERE file_name = $1) ORDER BY line`,
        [names.sql]
      );
      expect(stored).toEqual([
        {line: 2, chu_de: sql, ghi_chu: "Robert'); DROP TABLE submissions;--"},
        {line: 3, chu_de: "../../etc/passwd", ghi_chu: "C:\\Windows\\..\\x"}
      ]);
      const tables = await queryRows<{t: string}>(conn.conn, "SELECT table_name AS t FROM duckdb_tables() ORDER BY 1");
      expect(tables.map((t) => t.t)).toEqual(expect.arrayContaining(["raw_meetings", "raw_units", "raw_ratings", "submissions", "rejected_rows"]));
    } finally {
      conn.close();
    }
  });

  it("after every hostile file the warehouse holds what it held, plus the one accepted file", async () => {
    const c = await counts();
    expect(c.units).toBe(before.units);
    // the hostile-names file added two meetings of 2021; every refused file added none
    expect(c.meetings).toBe(before.meetings + 2);
  });
});
