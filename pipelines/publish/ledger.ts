// The loader's ledger (`submissions`, `rejected_rows`) as the site may publish it: structured fields only.
// Never published: the rejected values themselves (a rejected cell may hold free text such as chu_de or ghi_chu),
// archive paths, hashes, and file names that do not follow the naming convention (a free-form name could carry
// a person's name); those are shown as "tệp không theo mẫu tên".
import type {LedgerEntry} from "../../src/components/unit-page.ts";
import type {Marts} from "./marts.ts";
import {num, str} from "./marts.ts";

/** The ledger as the unit pages and the data-quality page read it (src/components/unit-page.ts). */
export type {LedgerEntry};

const FILE_NAME = /^(don_vi|sinh_hoat|danh_gia)_[A-Za-z0-9.-]+(_\d{4}(-\d{4})?)?\.(csv|tsv|txt|xlsx?)$/i;

export function publishableFileName(name: unknown): string | null {
  const s = str(name);
  return s && FILE_NAME.test(s) ? s : null;
}

/** The Vietnamese part of a bilingual "vi / en" message. */
export function vietnamese(message: unknown): string | null {
  const s = str(message);
  if (!s) return null;
  const i = s.indexOf(" / ");
  return (i > 0 ? s.slice(0, i) : s).trim();
}

function years(x: unknown): number[] {
  if (Array.isArray(x)) return x.map(Number).filter(Number.isFinite);
  if (typeof x === "string") return (x.match(/\d{4}/g) ?? []).map(Number);
  return [];
}

export async function loadLedger(m: Marts, where = "TRUE"): Promise<LedgerEntry[] | null> {
  if (!(await m.hasTable("submissions"))) return null;
  const rows = await m.query(
    `SELECT submission_id, file_name, kind, committee_code, years, rows_read, rows_loaded, rows_rejected, status,
            strftime(received_at, '%Y-%m-%d') AS received, strftime(loaded_at, '%Y-%m-%dT%H:%M:%S') AS loaded_at, message
     FROM wh.submissions WHERE ${where} ORDER BY received_at, submission_id`
  );
  return rows.map((r) => ({
    id: num(r.submission_id) ?? 0,
    file: publishableFileName(r.file_name),
    kind: str(r.kind),
    committee: str(r.committee_code),
    years: years(r.years),
    read: num(r.rows_read),
    loaded: num(r.rows_loaded),
    rejected: num(r.rows_rejected),
    status: String(r.status),
    received: str(r.received),
    loadedAt: str(r.loaded_at),
    message: vietnamese(r.message)
  }));
}

export interface ErrorGroup {
  submission: number;
  code: string | null;
  column: string | null;
  count: number;
  /** First line with this error. */
  firstLine: number | null;
  message: string | null;
}

/** Rejected rows grouped by file, error code and column: counts and one Vietnamese message (no values). */
export async function loadErrorSummary(m: Marts): Promise<ErrorGroup[] | null> {
  if (!(await m.hasTable("rejected_rows"))) return null;
  const rows = await m.query(
    `SELECT submission_id, code, column_name, count(*)::INTEGER AS n, min(line)::INTEGER AS first_line, min(message_vi) AS message
     FROM wh.rejected_rows GROUP BY submission_id, code, column_name ORDER BY submission_id, n DESC, code`
  );
  return rows.map((r) => ({
    submission: num(r.submission_id) ?? 0,
    code: str(r.code),
    column: str(r.column_name),
    count: num(r.n) ?? 0,
    firstLine: num(r.first_line),
    message: vietnamese(r.message)
  }));
}
