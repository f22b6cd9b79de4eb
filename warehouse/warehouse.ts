// The warehouse file, owned here and nowhere else: where it is by default, how it is opened (to write, or
// read-only with a clear "busy" error when another process writes it), and how values are quoted into SQL.
// Everything above uses this module: the loaders (which add the raw tables), the pipeline and the publish step.
import {mkdirSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";

/** The warehouse of `npm start` and of every command without --db. */
export const DEFAULT_DB = "data/warehouse.duckdb";

export class WarehouseBusyError extends Error {
  constructor(readonly path: string) {
    super(
      `Kho dữ liệu ${path} đang được một tiến trình khác sử dụng (nạp dữ liệu, pipeline hoặc công bố). Hãy chờ tiến trình đó kết thúc rồi chạy lại.\n` +
        `The warehouse ${path} is busy: another process (ingest, pipeline or publish) holds it. Wait for it to finish and retry.`
    );
  }
}

export interface Warehouse {
  path: string;
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  close(): void;
}

const isLockError = (e: unknown) => /lock/i.test(String((e as Error)?.message));

/** Opens the warehouse file itself (the default catalog), to write or read-only. */
export async function openDatabase(path = DEFAULT_DB, {readOnly = false} = {}): Promise<Warehouse> {
  const abs = resolve(path);
  if (!readOnly) mkdirSync(dirname(abs), {recursive: true});
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(abs, readOnly ? {access_mode: "READ_ONLY"} : {});
  } catch (e) {
    if (isLockError(e)) throw new WarehouseBusyError(path);
    throw e;
  }
  return handle(abs, instance, await instance.connect());
}

function handle(path: string, instance: DuckDBInstance, conn: DuckDBConnection): Warehouse {
  return {
    path,
    instance,
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    }
  };
}

/**
 * An in-memory DuckDB with the warehouse attached read-only as catalog `alias` (queries name `wh.dim_units`, …):
 * other catalogs (views, temporary tables) can sit beside it without touching the file.
 */
export async function attachReadOnly(path = DEFAULT_DB, alias = "wh"): Promise<Warehouse> {
  const abs = resolve(path);
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH ${sqlString(abs)} AS ${alias} (READ_ONLY)`);
  } catch (e) {
    conn.closeSync();
    instance.closeSync();
    if (isLockError(e)) throw new WarehouseBusyError(path);
    throw e;
  }
  return handle(abs, instance, conn);
}

/** SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A list of SQL string literals for IN (…); NULL when empty (IN (NULL) matches nothing). */
export function sqlList(values: readonly string[]): string {
  return values.length ? values.map(sqlString).join(", ") : "NULL";
}

/** A quoted SQL identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs fn inside a transaction; rolls back on any error. */
export async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await conn.run("BEGIN TRANSACTION");
  try {
    const result = await fn();
    await conn.run("COMMIT");
    return result;
  } catch (e) {
    await conn.run("ROLLBACK");
    throw e;
  }
}

export async function queryRows<T = Record<string, unknown>>(
  conn: DuckDBConnection,
  sql: string,
  params?: Record<string, string | number | boolean | null> | (string | number | boolean | null)[]
): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params as never);
  return reader.getRowObjectsJson() as T[];
}
