// The bulk loader's side of workbook-problems.ts: the problems a workbook's rows got in SQL name their column
// by its template label; before they are summarised and stored, the label gets the sheet and column letter.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Source} from "../read/source.ts";
import {sqlString} from "../format/text.ts";
import {placedLabels} from "../check/workbook-problems.ts";

export async function placeWorkbookColumns(conn: DuckDBConnection, items: {id: number; src: Source}[]): Promise<void> {
  const values: string[] = [];
  for (const {id, src} of items) {
    if (src.container !== "xlsx" || !src.layout) continue;
    for (const [label, placed] of placedLabels(src.layout)) values.push(`(${id}, ${sqlString(label)}, ${sqlString(placed)})`);
  }
  if (!values.length) return;
  await conn.run(`
    UPDATE temp.probs SET column_name = m.placed
    FROM (VALUES ${values.join(", ")}) m(submission_id, label, placed)
    WHERE probs.submission_id = m.submission_id AND probs.column_name = m.label`);
}
