// The warehouse is never opened in the browser: the checker's bundle maps @duckdb/node-api here (the loaders'
// modules it imports name the warehouse module for quoting helpers only).
export class DuckDBInstance {
  static create(): never {
    throw new Error("DuckDB không có trong trình duyệt / DuckDB is not available in the browser");
  }
}
export class DuckDBConnection {}
