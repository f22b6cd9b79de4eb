// The raw tables the loaders fill, and the warehouse opened as every writer (ingest, pipeline) must open it:
// through warehouse/warehouse.ts, then with the raw tables in place and the rows of an interrupted ingest removed.
// Everything downstream of these tables is built by pipelines/.
import type {DuckDBConnection} from "@duckdb/node-api";
import {DEFAULT_DB, openDatabase, queryRows, type Warehouse} from "../../warehouse/warehouse.ts";

export {DEFAULT_DB, inTransaction, queryRows, WarehouseBusyError, type Warehouse} from "../../warehouse/warehouse.ts";

export async function openWarehouse(path = DEFAULT_DB, {readOnly = false} = {}): Promise<Warehouse> {
  const wh = await openDatabase(path, {readOnly});
  if (!readOnly) {
    try {
      await ensureRawSchema(wh.conn);
      await removeUncommittedRows(wh.conn);
    } catch (e) {
      wh.close();
      throw e;
    }
  }
  return wh;
}

/** Raw tables: one row per submitted row, tagged with its submission and committee. */
export async function ensureRawSchema(conn: DuckDBConnection): Promise<void> {
  await conn.run(`
    CREATE SEQUENCE IF NOT EXISTS submission_seq START 1;
    CREATE TABLE IF NOT EXISTS submissions (
      submission_id INTEGER PRIMARY KEY,
      file_name VARCHAR NOT NULL,
      sha256 VARCHAR NOT NULL,
      kind VARCHAR,
      committee_code VARCHAR,
      years INTEGER[],
      rows_read INTEGER,
      rows_loaded INTEGER,
      rows_rejected INTEGER,
      status VARCHAR NOT NULL,           -- accepted | partial | rejected | superseded | duplicate
      received_at TIMESTAMP NOT NULL,    -- when the Ban Tổ chức received the file
      loaded_at TIMESTAMP NOT NULL,      -- when this warehouse processed it
      archive_path VARCHAR,
      message VARCHAR
    );
    -- the last day a meeting log covers, when its sender declared it (ingest --period-to, ngay_nhan.csv den_ngay)
    CREATE TABLE IF NOT EXISTS submission_periods (submission_id INTEGER, period_to DATE);
    CREATE TABLE IF NOT EXISTS rejected_rows (
      submission_id INTEGER, line INTEGER, column_name VARCHAR, value VARCHAR,
      code VARCHAR, message_vi VARCHAR, message_en VARCHAR
    );
    CREATE TABLE IF NOT EXISTS raw_units (
      submission_id INTEGER, committee_code VARCHAR, line INTEGER,
      ma_don_vi VARCHAR, ten_don_vi VARCHAR, cap VARCHAR, ma_cap_tren VARCHAR, loai_hinh VARCHAR,
      hieu_luc_tu DATE, hieu_luc_den DATE, sap_nhap_vao VARCHAR
    );
    CREATE TABLE IF NOT EXISTS raw_meetings (
      submission_id INTEGER, committee_code VARCHAR, line INTEGER,
      ma_chi_bo VARCHAR, ngay DATE, loai VARCHAR, dang_vien INTEGER, mien INTEGER, co_mat INTEGER,
      vang_co_ly_do INTEGER, vang_khong_ly_do INTEGER, thoi_luong INTEGER, so_phat_bieu INTEGER,
      cap_tren_du BOOLEAN, hinh_thuc VARCHAR, dung_ngay BOOLEAN, xep_loai VARCHAR, diem DOUBLE,
      chu_de VARCHAR, ghi_chu VARCHAR
    );
    CREATE TABLE IF NOT EXISTS raw_ratings (
      submission_id INTEGER, committee_code VARCHAR, line INTEGER,
      ma_don_vi VARCHAR, nam INTEGER, xep_loai VARCHAR, dang_vien INTEGER,
      dv_htxs INTEGER, dv_htt INTEGER, dv_ht INTEGER, dv_kht INTEGER, bi_thu_boi_duong BOOLEAN
    );
    -- added later: the severity of a problem (error | warning) and an annual rating's label as submitted when it
    -- used the 2016–2017 scheme (docs/rating-crosswalk.md)
    ALTER TABLE rejected_rows ADD COLUMN IF NOT EXISTS severity VARCHAR;
    ALTER TABLE raw_ratings ADD COLUMN IF NOT EXISTS xep_loai_goc VARCHAR;
    -- added later: a unit's former code and its parent before a move (docs/submission-format.md)
    ALTER TABLE raw_units ADD COLUMN IF NOT EXISTS ma_cu VARCHAR;
    ALTER TABLE raw_units ADD COLUMN IF NOT EXISTS ma_cap_tren_cu VARCHAR;
    ALTER TABLE raw_units ADD COLUMN IF NOT EXISTS cap_tren_tu DATE;
  `);
}

export const RAW_TABLE = {don_vi: "raw_units", sinh_hoat: "raw_meetings", danh_gia: "raw_ratings"} as const;

/**
 * Removes raw rows of a submission the ledger never recorded. An ingest writes a file's rows, its ledger entry
 * and the deletes of what it replaces in ONE transaction, but DuckDB (1.5) can bring back the rows alone when
 * the process dies while committing: its write-ahead log then lacks the commit's end marker, yet the pointers to
 * the bulk-written rows are replayed (kill points placed around the commit met it at 4 of 40 and 3 of 60).
 * Those rows carry a submission id above every id in the ledger, as the ids come from a sequence; every
 * process that writes the warehouse (ingest, pipeline) opens it through here, so they go before anything reads
 * or adds to them, leaving the warehouse exactly as before the interrupted ingest.
 */
export async function removeUncommittedRows(conn: DuckDBConnection): Promise<void> {
  const tables = Object.values(RAW_TABLE);
  const [{ledger, raw}] = await queryRows<{ledger: number; raw: number | null}>(
    conn,
    `SELECT (SELECT coalesce(max(submission_id), 0) FROM submissions) AS ledger,
            greatest(${tables.map((t) => `(SELECT max(submission_id) FROM ${t})`).join(", ")}) AS raw`
  );
  if (raw === null || raw <= ledger) return;
  await conn.run(`DELETE FROM submission_periods WHERE submission_id NOT IN (SELECT submission_id FROM submissions)`);
  for (const t of tables)
    await conn.run(`DELETE FROM ${t} WHERE submission_id > ${Number(ledger)} AND submission_id NOT IN (SELECT submission_id FROM submissions)`);
}
