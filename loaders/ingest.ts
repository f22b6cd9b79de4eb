// Ingesting one submission file into the warehouse: parse, check against the registry, then replace —
// in one transaction — exactly the rows of that committee, kind and years. Every file seen is recorded
// in the `submissions` ledger and its bytes are archived, so any version can be reloaded.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {DuckDBDateValue, type DuckDBAppender, type DuckDBConnection} from "@duckdb/node-api";
import {parseSubmission, type Problem, type TypedRow} from "./parse-submission.ts";
import {FileFormatError} from "./read-table.ts";
import {COLUMNS, type ColumnType, type Kind} from "./schemas.ts";
import {inTransaction, queryRows, RAW_TABLE, type Warehouse} from "./warehouse.ts";

export type Status = "accepted" | "partial" | "rejected" | "superseded" | "duplicate";

export interface FileResult {
  file: string;
  sha256: string;
  submissionId: number;
  kind: Kind | null;
  committee: string | null;
  years: number[] | null;
  status: Status;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  problems: Problem[];
  message: string;
}

export interface IngestOptions {
  /** load the valid rows of a file with errors (default: reject the whole file) */
  partial?: boolean;
  /** when the file was received (ISO date or timestamp); default now */
  receivedAt?: string;
  /** folder for the original bytes; default <warehouse dir>/archive */
  archiveDir?: string;
  /** "today" for the no-future-dates rule; default the current date */
  today?: string;
}

const MEETING_UNITS = "('chi_bo', 'chi_bo_co_so')";
const RATED_UNITS = "('chi_bo', 'chi_bo_co_so', 'dang_bo_co_so')";

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function ingestFile(wh: Warehouse, filePath: string, opts: IngestOptions = {}): Promise<FileResult> {
  const conn = wh.conn;
  const bytes = readFileSync(filePath);
  const hash = sha256(bytes);
  const fileName = basename(filePath);
  const receivedAt = opts.receivedAt ?? new Date().toISOString();
  const base = {file: fileName, sha256: hash, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, problems: [] as Problem[]};

  // An identical file already in force changes nothing; the ledger notes that it was seen again.
  const [same] = await queryRows<{submission_id: number; kind: Kind; committee_code: string; years: number[] | null}>(
    conn,
    "SELECT submission_id, kind, committee_code, years FROM submissions WHERE sha256 = $1 AND status IN ('accepted', 'partial') LIMIT 1",
    [hash]
  );
  if (same) {
    const message = `Trùng với hồ sơ #${same.submission_id} đã nạp; không thay đổi gì / identical to submission #${same.submission_id}; nothing changed`;
    const id = await recordLedger(conn, {...base, kind: same.kind, committee: same.committee_code, years: same.years, status: "duplicate", message}, receivedAt, null);
    return {...base, submissionId: id, kind: same.kind, committee: same.committee_code, years: same.years, status: "duplicate", message};
  }

  const archivePath = archive(bytes, hash, opts.archiveDir ?? join(dirname(wh.path), "archive"));

  let parsed;
  try {
    parsed = parseSubmission(fileName, bytes);
  } catch (e) {
    if (!(e instanceof FileFormatError)) throw e;
    const problems = [{line: null, column: null, value: null, code: e.code, vi: e.vi, en: e.en}];
    return reject(conn, {...base, kind: null, committee: null, years: null, problems}, receivedAt, archivePath);
  }
  const {kind} = parsed;
  const result = {...base, kind, rowsRead: parsed.rowsRead, problems: [...parsed.problems]};

  await stageRows(conn, kind, parsed.rows);
  result.problems.push(...(await checkAgainstRegistry(conn, kind, opts.today ?? new Date().toISOString().slice(0, 10))));
  const committee = await resolveCommittee(conn, kind, result.problems);
  const badLines = new Set(result.problems.map((p) => p.line));
  const fileLevel = result.problems.some((p) => p.line === null);
  const usable = parsed.rows.filter((r) => !badLines.has(r.line)).length;
  const years = await stagedYears(conn, kind);

  if (!committee || fileLevel || usable === 0 || (result.problems.length && !opts.partial)) {
    return reject(conn, {...result, committee, years, rowsRejected: result.rowsRead}, receivedAt, archivePath);
  }

  // Replace exactly this committee × kind × years, all or nothing.
  return inTransaction(conn, async () => {
    const [{id}] = await queryRows<{id: number}>(conn, "SELECT nextval('submission_seq')::INTEGER AS id");
    const table = RAW_TABLE[kind];
    const yearFilter = kind === "sinh_hoat" ? "AND year(ngay) IN (SELECT unnest($2::INTEGER[]))" : kind === "danh_gia" ? "AND nam IN (SELECT unnest($2::INTEGER[]))" : "";
    const yearList = `[${(years ?? []).join(",")}]`;
    await conn.run(`DELETE FROM ${table} WHERE committee_code = $1 ${yearFilter}`, yearFilter ? [committee, yearList] : [committee]);
    if (badLines.size) {
      await conn.run("DELETE FROM temp.stage WHERE list_contains($1::INTEGER[], line)", [`[${[...badLines].filter((l) => l !== null).join(",")}]`]);
    }
    await conn.run(`INSERT INTO ${table} SELECT * REPLACE ($1::INTEGER AS submission_id, $2 AS committee_code) FROM temp.stage`, [id, committee]);
    const [{n}] = await queryRows<{n: number}>(conn, "SELECT count(*)::INTEGER AS n FROM temp.stage");
    // earlier submissions whose years are all covered by this one are superseded
    await conn.run(
      `UPDATE submissions SET status = 'superseded'
       WHERE kind = $1 AND committee_code = $2 AND status IN ('accepted', 'partial')
         AND ($3::INTEGER[] IS NULL OR list_has_all($3::INTEGER[], years))`,
      [kind, committee, years ? yearList : null]
    );
    const status: Status = result.problems.length ? "partial" : "accepted";
    const message = status === "accepted" ? "Đã nạp / loaded" : `Đã nạp ${n} dòng hợp lệ, loại ${result.rowsRead - n} dòng / loaded ${n} valid rows, quarantined ${result.rowsRead - n}`;
    const final = {...result, committee, years, status, rowsLoaded: n, rowsRejected: result.rowsRead - n, message};
    await recordLedger(conn, final, receivedAt, archivePath, id);
    await recordProblems(conn, id, result.problems);
    return {...final, submissionId: id};
  });
}

function archive(bytes: Uint8Array, hash: string, dir: string): string {
  mkdirSync(dir, {recursive: true});
  const path = join(dir, hash);
  if (!existsSync(path)) writeFileSync(path, bytes);
  return path;
}

type LedgerEntry = Omit<FileResult, "submissionId">;

async function recordLedger(conn: DuckDBConnection, r: LedgerEntry, receivedAt: string, archivePath: string | null, id?: number): Promise<number> {
  const [{sid}] = await queryRows<{sid: number}>(
    conn,
    `INSERT INTO submissions VALUES (coalesce($1, nextval('submission_seq'))::INTEGER, $2, $3, $4, $5, $6::INTEGER[], $7, $8, $9, $10,
       $11::TIMESTAMP, now()::TIMESTAMP, $12, $13) RETURNING submission_id AS sid`,
    [id ?? null, r.file, r.sha256, r.kind, r.committee, r.years ? `[${r.years.join(",")}]` : null, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.status, receivedAt, archivePath, r.message]
  );
  return sid;
}

async function recordProblems(conn: DuckDBConnection, id: number, problems: Problem[]): Promise<void> {
  if (!problems.length) return;
  const ap = await conn.createAppender("rejected_rows");
  for (const p of problems) {
    ap.appendInteger(id);
    for (const v of [p.line]) (v === null ? ap.appendNull() : ap.appendInteger(v));
    for (const v of [p.column, p.value, p.code, p.vi, p.en]) (v === null ? ap.appendNull() : ap.appendVarchar(v));
    ap.endRow();
  }
  ap.closeSync();
}

async function reject(conn: DuckDBConnection, r: Omit<LedgerEntry, "status" | "message">, receivedAt: string, archivePath: string | null): Promise<FileResult> {
  const message = `Bị từ chối: ${r.problems.length} lỗi; kho dữ liệu không thay đổi / rejected: ${r.problems.length} problem(s); warehouse unchanged`;
  const entry = {...r, status: "rejected" as const, rowsLoaded: 0, rowsRejected: r.rowsRead, message};
  const id = await recordLedger(conn, entry, receivedAt, archivePath);
  await recordProblems(conn, id, r.problems);
  return {...entry, submissionId: id};
}

// ---- staging: typed rows → temp.stage (same columns as the raw table) ----

function appendValue(ap: DuckDBAppender, type: ColumnType, v: string | number | boolean | null | undefined): void {
  if (v === null || v === undefined) return ap.appendNull();
  if (typeof type === "object" || type === "code" || type === "text") return ap.appendVarchar(v as string);
  switch (type) {
    case "date":
      return ap.appendDate(new DuckDBDateValue(Date.parse(v as string) / 86_400_000));
    case "int":
    case "year":
      return ap.appendInteger(v as number);
    case "number":
      return ap.appendDouble(v as number);
    case "bool":
      return ap.appendBoolean(v as boolean);
  }
}

async function stageRows(conn: DuckDBConnection, kind: Kind, rows: TypedRow[]): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE stage AS SELECT * FROM ${RAW_TABLE[kind]} LIMIT 0`);
  const ap = await conn.createAppender("stage", "main", "temp");
  const specs = COLUMNS[kind];
  for (const row of rows) {
    ap.appendNull(); // submission_id, set on insert
    ap.appendNull(); // committee_code, set on insert
    ap.appendInteger(row.line);
    for (const c of specs) appendValue(ap, c.type, row[c.key]);
    ap.endRow();
  }
  ap.closeSync();
}

async function stagedYears(conn: DuckDBConnection, kind: Kind): Promise<number[] | null> {
  if (kind === "don_vi") return null;
  const expr = kind === "sinh_hoat" ? "year(ngay)" : "nam";
  const rows = await queryRows<{y: number}>(conn, `SELECT DISTINCT ${expr}::INTEGER AS y FROM temp.stage ORDER BY y`);
  return rows.map((r) => r.y);
}

// ---- checks that need the registry, in SQL over the staged rows ----

interface Finding {
  line: number;
  column: string;
  value: string | null;
  code: string;
  vi: string;
  en: string;
}

async function checkAgainstRegistry(conn: DuckDBConnection, kind: Kind, today: string): Promise<Problem[]> {
  const checks: string[] = [];
  if (kind === "sinh_hoat") {
    checks.push(
      `SELECT s.line, 'Mã chi bộ' AS column, s.ma_chi_bo AS value, 'E_UNKNOWN_CELL' AS code,
              'Chi bộ không có trong danh mục đơn vị (hãy nộp danh mục trước)' AS vi, 'cell is not in the unit registry (submit the registry first)' AS en
       FROM temp.stage s WHERE NOT EXISTS (SELECT 1 FROM raw_units u WHERE u.ma_don_vi = s.ma_chi_bo AND u.cap IN ${MEETING_UNITS})`,
      `SELECT s.line, 'Ngày sinh hoạt', strftime(s.ngay, '%d/%m/%Y'), 'E_CELL_NOT_VALID',
              'Chi bộ chưa thành lập hoặc đã giải thể/sáp nhập vào ngày này', 'the cell did not exist on this date'
       FROM temp.stage s JOIN raw_units u ON u.ma_don_vi = s.ma_chi_bo
       WHERE s.ngay < u.hieu_luc_tu OR s.ngay > u.hieu_luc_den`,
      `SELECT s.line, 'Ngày sinh hoạt', strftime(s.ngay, '%d/%m/%Y'), 'E_FUTURE_DATE',
              'Ngày sinh hoạt sau ngày nộp', 'meeting date is after the day of submission'
       FROM temp.stage s WHERE s.ngay > DATE '${today}'`,
      `SELECT line, 'Ngày sinh hoạt', strftime(ngay, '%d/%m/%Y'), 'E_DUPLICATE_MEETING',
              'Buổi sinh hoạt bị lặp (cùng chi bộ, ngày, loại) — dòng đầu: ' || first_line, 'duplicate meeting (same cell, date and type) — first on line ' || first_line
       FROM (SELECT line, ngay, min(line) OVER (PARTITION BY ma_chi_bo, ngay, loai) AS first_line FROM temp.stage) WHERE line > first_line`
    );
  } else if (kind === "danh_gia") {
    checks.push(
      `SELECT s.line, 'Mã đơn vị', s.ma_don_vi, 'E_UNKNOWN_UNIT', 'Đơn vị không có trong danh mục (chi bộ hoặc đảng bộ cơ sở)', 'unit is not a cell or grassroots organisation in the registry'
       FROM temp.stage s WHERE NOT EXISTS (SELECT 1 FROM raw_units u WHERE u.ma_don_vi = s.ma_don_vi AND u.cap IN ${RATED_UNITS})`,
      `SELECT line, 'Mã đơn vị', ma_don_vi, 'E_DUPLICATE_RATING', 'Đơn vị được xếp loại hai lần trong cùng năm — dòng đầu: ' || first_line, 'unit rated twice in one year — first on line ' || first_line
       FROM (SELECT line, ma_don_vi, min(line) OVER (PARTITION BY ma_don_vi, nam) AS first_line FROM temp.stage) WHERE line > first_line`
    );
  } else {
    checks.push(
      `SELECT line, 'Mã đơn vị', ma_don_vi, 'E_DUPLICATE_CODE', 'Mã đơn vị bị lặp — dòng đầu: ' || first_line, 'unit code appears twice — first on line ' || first_line
       FROM (SELECT line, ma_don_vi, min(line) OVER (PARTITION BY ma_don_vi) AS first_line FROM temp.stage) WHERE line > first_line`,
      `SELECT s.line, 'Mã đơn vị cấp trên', s.ma_cap_tren, 'E_UNKNOWN_PARENT', 'Đơn vị cấp trên không có trong tệp hay danh mục', 'parent unit is neither in this file nor in the registry'
       FROM temp.stage s WHERE s.ma_cap_tren IS NOT NULL
         AND s.ma_cap_tren NOT IN (SELECT ma_don_vi FROM temp.stage) AND s.ma_cap_tren NOT IN (SELECT ma_don_vi FROM raw_units)`,
      `SELECT s.line, 'Sáp nhập vào', s.sap_nhap_vao, 'E_UNKNOWN_SUCCESSOR', 'Đơn vị được sáp nhập vào không có trong tệp hay danh mục', 'successor unit is neither in this file nor in the registry'
       FROM temp.stage s WHERE s.sap_nhap_vao IS NOT NULL
         AND s.sap_nhap_vao NOT IN (SELECT ma_don_vi FROM temp.stage) AND s.sap_nhap_vao NOT IN (SELECT ma_don_vi FROM raw_units)`
    );
  }
  const rows = await queryRows<Finding>(conn, checks.map((c) => `(${c})`).join(" UNION ALL ") + " ORDER BY 1");
  return rows.map((r) => ({line: r.line, column: r.column, value: r.value, code: r.code, vi: r.vi, en: r.en}));
}

/**
 * The committee a file comes from. Meeting logs and ratings: the committee whose registry lists the unit.
 * Registries: the top unit of the file's own tree — the province file (cap `tinh`) belongs to the province,
 * a committee file to the committee its units hang under. All rows must agree.
 */
async function resolveCommittee(conn: DuckDBConnection, kind: Kind, problems: Problem[]): Promise<string | null> {
  const sql =
    kind === "don_vi"
      ? `WITH RECURSIVE up(line, code, parent, cap, depth) AS (
           SELECT line, ma_don_vi, ma_cap_tren, cap, 0 FROM temp.stage
           UNION ALL
           SELECT up.line, s.ma_don_vi, s.ma_cap_tren, s.cap, depth + 1
           FROM up JOIN temp.stage s ON s.ma_don_vi = up.parent AND up.cap NOT IN ('tinh', 'tren_co_so') WHERE depth < 20
         ), top AS (SELECT line, arg_max(code, depth) AS code, arg_max(parent, depth) AS parent, arg_max(cap, depth) AS cap FROM up GROUP BY line)
         SELECT CASE WHEN top.cap = 'tinh' THEN top.code
                     WHEN top.cap = 'tren_co_so' AND EXISTS (SELECT 1 FROM temp.stage WHERE cap = 'tinh') THEN top.parent
                     WHEN top.cap = 'tren_co_so' THEN top.code
                     WHEN u.cap = 'tren_co_so' THEN u.ma_don_vi
                     ELSE u.committee_code END AS committee, count(*)::INTEGER AS n, min(top.line) AS line
         FROM top LEFT JOIN raw_units u ON u.ma_don_vi = top.parent GROUP BY 1 ORDER BY n DESC`
      : `SELECT u.committee_code AS committee, count(*)::INTEGER AS n, min(s.line) AS line
         FROM temp.stage s JOIN raw_units u ON u.ma_don_vi = s.${kind === "sinh_hoat" ? "ma_chi_bo" : "ma_don_vi"}
         GROUP BY 1 ORDER BY n DESC`;
  const found = (await queryRows<{committee: string | null; n: number; line: number}>(conn, sql)).filter((r) => r.committee);
  if (found.length > 1) {
    const list = found.map((f) => `${f.committee} (${f.n})`).join(", ");
    problems.push({
      line: null,
      column: null,
      value: list,
      code: "E_MIXED_COMMITTEES",
      vi: `Một tệp chỉ được chứa số liệu của một đảng bộ; tệp này có: ${list}`,
      en: `a file must hold the data of one committee; this one has: ${list}`
    });
    return null;
  }
  return found[0]?.committee ?? null;
}
