// The bulk loader's side of total rows (total-rows.ts, total-sums.ts): once a file's rows are in the raw table,
// each total row's figures are compared with the sums of the rows above it, and the warnings go with the file's
// other problems.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Problem} from "../format/codes.ts";
import type {Layout} from "../read/layout.ts";
import {COLUMNS} from "../format/schemas.ts";
import type {TotalRow} from "../read/total-rows.ts";
import {totalProblems} from "../check/total-sums.ts";
import {queryRows, RAW_TABLE} from "./warehouse.ts";

export async function checkTotals(conn: DuckDBConnection, id: number, layout: Layout, totals: TotalRow[]): Promise<Problem[]> {
  const keys = COLUMNS[layout.kind].filter((c) => c.type === "int" && layout.keys.includes(c.key)).map((c) => c.key);
  const out: Problem[] = [];
  let previous = 0;
  for (const t of totals) {
    const sums = {since: new Map<string, number>(), above: new Map<string, number>()};
    if (keys.length) {
      const cols = keys.flatMap((k) => [`sum(${k})::BIGINT AS a_${k}`, `sum(${k}) FILTER (WHERE line > ${previous})::BIGINT AS s_${k}`]);
      const [r] = await queryRows<Record<string, bigint | number | null>>(
        conn,
        `SELECT ${cols.join(", ")} FROM ${RAW_TABLE[layout.kind]} WHERE submission_id = ${id} AND line < ${t.line}`
      );
      for (const k of keys) {
        sums.above.set(k, Number(r[`a_${k}`] ?? 0));
        sums.since.set(k, Number(r[`s_${k}`] ?? 0));
      }
    }
    out.push(...totalProblems(t, layout, sums));
    previous = t.line;
  }
  return out;
}
