// The unit crosswalk (mart unit_crosswalk: one row per old unit and new unit) as the unit page reads it
// (CrosswalkFile of src/components/crosswalk-table.ts): a file per committee and one for the province
// (CROSSWALK in src/components/data-layout.ts). A reform that recodes most units of the country gives a row per
// unit: the rows are written as JSON by DuckDB, grouped by committee in one query per batch of committees, and
// never all in one file.
import {sqlList, sqlString, type Marts} from "./marts.ts";

export const CROSSWALK_MART = "unit_crosswalk";

/** Whether the warehouse has the crosswalk (a warehouse built before it publishes without it). */
export async function hasCrosswalk(m: Marts): Promise<boolean> {
  return m.hasTable(CROSSWALK_MART);
}

/** Each row as JSON text, with the columns the grouping needs beside it. */
const ROWS = `(SELECT x.old_committee_code, x.new_committee_code, x.old_level, x.new_level, x.kind, x.moved_unit_code,
        x.first_day, x.old_code, x.new_code,
        to_json({
          'kind': x.kind,
          'oldCode': x.old_code, 'oldName': x.old_name, 'oldLevel': x.old_level, 'oldCommittee': x.old_committee_code,
          'oldLastDay': x.old_last_day::DATE,
          'newCode': x.new_code, 'newName': x.new_name, 'newLevel': x.new_level, 'newCommittee': x.new_committee_code,
          'firstDay': x.first_day::DATE,
          'movedCode': x.moved_unit_code, 'movedName': x.moved_unit_name
        })::VARCHAR AS row
      FROM wh.${CROSSWALK_MART} x`;

const ORDER = "first_day, old_code, new_code, moved_unit_code";
const file = (rows: string) => `'{"rows":[' || string_agg(${rows}, ',' ORDER BY ${ORDER}) || ']}'`;

/** The files of some committees, JSON text by committee code; a committee without rows has none. */
export async function committeeCrosswalks(m: Marts, committees: string[]): Promise<Map<string, string>> {
  if (!committees.length) return new Map();
  const list = sqlList(committees);
  // A row between two committees is in both files; a row within one committee once.
  const rows = await m.query(
    `WITH r AS ${ROWS} WHERE x.old_committee_code IN (${list}) OR x.new_committee_code IN (${list}))
     SELECT grp, ${file("row")} AS json FROM (
       SELECT old_committee_code AS grp, * FROM r WHERE old_committee_code IN (${list})
       UNION ALL
       SELECT new_committee_code, * FROM r WHERE new_committee_code IN (${list}) AND new_committee_code IS DISTINCT FROM old_committee_code
     ) GROUP BY grp`
  );
  return new Map(rows.map((r) => [String(r.grp), String(r.json)]));
}

const UPPER = "('tinh', 'tren_co_so')";

/**
 * The province's file, or null without rows: the rows where the unit that changed is the province or a committee
 * — for a change of parent the unit that moved, not its parents (a cell moved within its committee is that
 * committee's matter) — and the rows of units directly under the province, which no committee's file holds.
 */
export async function provinceCrosswalk(m: Marts, province: string): Promise<string | null> {
  const p = sqlString(province);
  const [r] = await m.query(
    `SELECT count(*)::INTEGER AS n, ${file("r.row")} AS json
     FROM ${ROWS}) r
     LEFT JOIN wh.dim_units mv ON mv.unit_code = r.moved_unit_code
     WHERE CASE WHEN r.kind = 'chuyen_cap_tren' THEN mv.level IN ${UPPER} ELSE r.old_level IN ${UPPER} OR r.new_level IN ${UPPER} END
        OR r.old_committee_code = ${p} OR r.new_committee_code = ${p}`
  );
  return r && Number(r.n) > 0 ? String(r.json) : null;
}
