// Pass 3 of the bulk loader (load.ts), in SQL over a batch's new rows in the raw table: the rules between fields
// (check/row-rules.ts), the unit registry (codes known, of the right level, of the file's committee), duplicates
// and merged cells; and the committee each file belongs to, from the registry.
import type {DuckDBConnection} from "@duckdb/node-api";
import {MERGED_KEYS, mergedDetail} from "../check/merged-cells.ts";
import {rowRules} from "../check/row-rules.ts";
import {COLUMNS, type ColumnSpec, type Kind} from "../format/schemas.ts";
import {sqlString} from "../format/text.ts";
import type {BatchItem, Plan} from "./load.ts";
import {queryRows, RAW_TABLE} from "./warehouse.ts";

export const MEETING_UNITS = "('chi_bo', 'chi_bo_co_so')";
export const RATED_UNITS = "('chi_bo', 'chi_bo_co_so', 'dang_bo_co_so')";
export const GRASSROOTS = "('dang_bo_co_so', 'chi_bo_co_so')";

/**
 * The registry's units of some levels with the committee each belongs to by the hierarchy: its `tren_co_so`
 * ancestor or itself (units directly under the province: the province), whatever file listed it — a province may
 * keep its whole registry in one file. A unit whose chain is broken keeps the committee of its file.
 */
export function registryWithCommittees(levels: string): string {
  return `(WITH RECURSIVE r AS (SELECT DISTINCT ON (ma_don_vi) ma_don_vi, ma_cap_tren, cap, committee_code FROM raw_units ORDER BY ma_don_vi, submission_id DESC),
     walk(code, cur, parent, cap, depth) AS (
       SELECT ma_don_vi, ma_don_vi, ma_cap_tren, cap, 0 FROM r WHERE cap IN ${levels}
       UNION ALL
       SELECT w.code, p.ma_don_vi, p.ma_cap_tren, p.cap, w.depth + 1 FROM walk w JOIN r p ON p.ma_don_vi = w.parent
       WHERE w.cap NOT IN ('tren_co_so', 'tinh') AND w.depth < 20),
     top AS (SELECT code, arg_max(cur, depth) AS cur, arg_max(cap, depth) AS cap FROM walk GROUP BY code)
   SELECT u.ma_don_vi, u.hieu_luc_tu, u.hieu_luc_den, u.cap, u.ma_cap_tren,
          CASE WHEN t.cap IN ('tren_co_so', 'tinh') THEN t.cur ELSE u.committee_code END AS committee_code
   FROM raw_units u JOIN top t ON t.code = u.ma_don_vi WHERE u.cap IN ${levels})`;
}

/** The committee of each meeting log or rating file: the committee whose registry holds its units (most of them). */
export async function committeesOf(conn: DuckDBConnection, items: {idx: number; plan: Plan}[]): Promise<Map<number, {committee: string; units: number}[]>> {
  const pairs: [number, string][] = [];
  for (const {idx, plan: p} of items) {
    const key = p.kind === "sinh_hoat" ? "ma_chi_bo" : "ma_don_vi";
    const codes = new Set([...(p.columns.find((c) => c.spec.key === key)?.values.values() ?? [])].filter((v): v is string => typeof v === "string"));
    for (const c of codes) pairs.push([idx, c]);
  }
  const out = new Map<number, {committee: string; units: number}[]>(items.map((i) => [i.idx, []]));
  if (!pairs.length) return out;
  await conn.run("CREATE OR REPLACE TEMP TABLE file_codes (file_idx INTEGER, code VARCHAR)");
  const ap = await conn.createAppender("file_codes", "main", "temp");
  for (const [idx, code] of pairs) {
    ap.appendInteger(idx);
    ap.appendVarchar(code);
    ap.endRow();
  }
  ap.closeSync();
  const kind = items[0].plan.kind;
  const rows = await queryRows<{idx: number; committee: string; units: number}>(
    conn,
    `SELECT f.file_idx AS idx, u.committee_code AS committee, count(DISTINCT u.ma_don_vi)::INTEGER AS units
     FROM ${registryWithCommittees(kind === "sinh_hoat" ? MEETING_UNITS : RATED_UNITS)} u JOIN temp.file_codes f ON f.code = u.ma_don_vi
     WHERE u.committee_code IS NOT NULL
     GROUP BY ALL ORDER BY idx, units DESC, committee`
  );
  for (const r of rows) out.get(r.idx)!.push({committee: r.committee, units: r.units});
  return out;
}

/**
 * The committee a registry file belongs to, and each of its lines: the province-wide file (it lists the `tinh`
 * unit) belongs to the province whatever levels it lists; any other file to the committee of its units in the
 * hierarchy (registryWithCommittees), walked through this file's rows first, then the registries in force —
 * so a committee's file is its own even when its parents came in the province-wide file. Leaves, for the checks
 * (checkRows), temp.registry_lines (line → committee) and temp.unit_committees (code → committee) for the
 * file's units and for the parents named with a former parent.
 */
export async function registryCommittees(conn: DuckDBConnection, id: number): Promise<{committee: string; units: number}[]> {
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE unit_committees AS
    WITH RECURSIVE n AS (SELECT ma_don_vi, ma_cap_tren, ma_cap_tren_cu FROM raw_units WHERE submission_id = ${id} AND ma_don_vi IS NOT NULL),
    start AS (SELECT ma_don_vi AS code FROM n
              UNION SELECT ma_cap_tren_cu FROM n WHERE ma_cap_tren_cu IS NOT NULL
              UNION SELECT ma_cap_tren FROM n WHERE ma_cap_tren_cu IS NOT NULL),
    -- each step takes a unit as this file defines it, else as the registries in force do (the raw rows are
    -- joined directly: picking one row per code over the whole registry first costs more than the walk)
    walk(code, cur, parent, cap, file_committee, depth) AS (
      SELECT s.code, u.ma_don_vi, u.ma_cap_tren, u.cap, CASE WHEN u.submission_id <> ${id} THEN u.committee_code END, 0
      FROM start s JOIN raw_units u ON u.ma_don_vi = s.code AND (u.submission_id = ${id} OR u.ma_don_vi NOT IN (SELECT ma_don_vi FROM n))
      UNION ALL
      SELECT w.code, p.ma_don_vi, p.ma_cap_tren, p.cap, CASE WHEN p.submission_id <> ${id} THEN p.committee_code END, w.depth + 1
      FROM walk w JOIN raw_units p ON p.ma_don_vi = w.parent AND (p.submission_id = ${id} OR p.ma_don_vi NOT IN (SELECT ma_don_vi FROM n))
      WHERE w.cap NOT IN ('tren_co_so', 'tinh') AND w.depth < 20),
    top AS (SELECT code, arg_max({cur: cur, cap: cap, file_committee: file_committee}, (cap IN ('tren_co_so', 'tinh'), depth)) AS t FROM walk GROUP BY code)
    -- a chain that stops short of a committee keeps the committee of the file that listed its last unit
    SELECT code, CASE WHEN t.cap IN ('tren_co_so', 'tinh') THEN t.cur ELSE t.file_committee END AS committee FROM top;
    CREATE OR REPLACE TEMP TABLE registry_lines AS
    WITH p AS (SELECT min(ma_don_vi) AS province FROM raw_units WHERE submission_id = ${id} AND cap = 'tinh')
    SELECT u.line, CASE WHEN u.cap = 'tinh' THEN u.ma_don_vi WHEN p.province IS NOT NULL THEN p.province ELSE c.committee END AS committee
    FROM raw_units u CROSS JOIN p LEFT JOIN temp.unit_committees c ON c.code = u.ma_don_vi
    WHERE u.submission_id = ${id};
  `);
  return queryRows<{committee: string; units: number}>(
    conn,
    "SELECT committee, count(*)::INTEGER AS units FROM temp.registry_lines WHERE committee IS NOT NULL GROUP BY 1 ORDER BY units DESC, committee"
  );
}

/** A value of a typed column as the JS path shows it (92 not 92.0). */
function valueSql(spec: ColumnSpec | undefined, col: string): string {
  if (spec?.type === "number") return `CASE WHEN ${col} = trunc(${col}) AND abs(${col}) < 1e15 THEN CAST(CAST(${col} AS BIGINT) AS VARCHAR) ELSE CAST(${col} AS VARCHAR) END`;
  return `CAST(${col} AS VARCHAR)`;
}

/**
 * Pass 3: every rule over the batch's new rows, into `probs`. Rows with a value that did not parse (in `pre`)
 * or a required value missing are only reported for that. Meeting logs and ratings are checked in one scan that
 * joins the registry once and keeps the rows breaking any rule (usually none); each rule then explains those.
 */
export async function checkRows(conn: DuckDBConnection, kind: Kind, items: BatchItem[]): Promise<void> {
  if (!items.length) return;
  const table = RAW_TABLE[kind];
  const specs = COLUMNS[kind];
  const label = (key: string) => sqlString(specs.find((c) => c.key === key)?.label ?? key);
  const hasPre = items.some((i) => i.hasPre);
  const mayBeMissing = new Set(items.flatMap((i) => [...i.plan.mayBeMissing]));
  const required = specs.filter((c) => c.required);
  const reqOk = [...required.filter((c) => mayBeMissing.has(c.key) || hasPre).map((c) => `${c.key} IS NOT NULL`), "true"].join(" AND ");
  const notPre = (extra = "") => `NOT EXISTS (SELECT 1 FROM temp.pre p WHERE p.submission_id = n.submission_id AND p.line = n.line${extra})`;
  const ids = items.map((i) => i.id).join(", ");
  // the new rows, with their file's committee and day of submission (one file: constants, no join)
  const n =
    items.length === 1
      ? `SELECT x.*, ${items[0].committee === null ? "NULL::VARCHAR" : sqlString(items[0].committee)} AS committee, DATE '${items[0].today}' AS today
         FROM ${table} x WHERE x.submission_id = ${items[0].id}`
      : `SELECT x.*, b.committee, b.today FROM ${table} x JOIN temp.batch b USING (submission_id) WHERE x.submission_id IN (${ids})`;
  const checks: string[] = [];
  const cte: string[] = [`n AS NOT MATERIALIZED (${n})`, `ok AS NOT MATERIALIZED (SELECT * FROM n WHERE ${reqOk}${hasPre ? ` AND ${notPre()}` : ""})`];
  // required values (not those that were there but did not parse)
  for (const c of required) {
    if (!mayBeMissing.has(c.key)) continue;
    const notBad = hasPre ? ` AND ${notPre(` AND p.column_key = '${c.key}'`)}` : "";
    const csvIds = items.filter((i) => i.src.container !== "xlsx").map((i) => i.id);
    if (MERGED_KEYS.has(c.key) && csvIds.length) {
      // a blank code under a filled one in a CSV: the cells were probably merged in the sheet (merged-cells.ts)
      const merged = `above IS NOT NULL AND submission_id IN (${csvIds.join(", ")})`;
      checks.push(
        `SELECT submission_id, line, ${label(c.key)}, NULL, CASE WHEN ${merged} THEN 'E_MERGED_CELLS' ELSE 'E_REQUIRED' END,
                CASE WHEN ${merged} THEN ${sqlString(mergedDetail("").vi)} || above END, CASE WHEN ${merged} THEN ${sqlString(mergedDetail("").en)} || above END
         FROM (SELECT submission_id, line, ${c.key}, last_value(${c.key} IGNORE NULLS) OVER (PARTITION BY submission_id ORDER BY line ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS above FROM n) n
         WHERE ${c.key} IS NULL${notBad}`
      );
    } else checks.push(`SELECT submission_id, line, ${label(c.key)}, NULL, 'E_REQUIRED', NULL, NULL FROM n WHERE ${c.key} IS NULL${notBad}`);
  }
  const rules = rowRules(kind);
  const ruleChecks = (from: string) =>
    rules.map((rule) => `SELECT submission_id, line, ${label(rule.column)}, ${valueSql(specs.find((c) => c.key === rule.column), rule.column)}, '${rule.code}', NULL, NULL FROM ${from} WHERE ${rule.sql}`);
  // duplicates: first by a hash of the key (one BIGINT per row is the cheapest grouping), then exactly
  const dup = (keys: string[], code: string, column: string, value: string) =>
    `SELECT ok.submission_id, ok.line, ${label(column)}, ${value}, '${code}', 'dòng đầu: ' || d.first_line, 'first on line ' || d.first_line
     FROM ok JOIN (SELECT submission_id, ${keys.join(", ")}, min(line) AS first_line FROM ok
                   WHERE (submission_id, hash(${keys.join(", ")})) IN (SELECT submission_id, h FROM (SELECT submission_id, hash(${keys.join(", ")}) AS h FROM ok) GROUP BY ALL HAVING count(*) > 1)
                   GROUP BY ALL HAVING count(*) > 1) d USING (submission_id, ${keys.join(", ")})
     WHERE ok.line > d.first_line`;
  if (kind === "sinh_hoat" || kind === "danh_gia") {
    const key = kind === "sinh_hoat" ? "ma_chi_bo" : "ma_don_vi";
    const caps = kind === "sinh_hoat" ? MEETING_UNITS : RATED_UNITS;
    const registryFlags =
      kind === "sinh_hoat"
        ? ["u_missing", "u_invalid", "ngay > today", "u_other"]
        : ["u_missing", "u_other", `(u_cap IN ${GRASSROOTS} AND dv_htxs * 5 > dv_htt)`];
    cte.push(
      `flagged AS MATERIALIZED (
         SELECT * FROM (
           SELECT n.*, u.ma_don_vi IS NULL AS u_missing, u.hieu_luc_tu AS u_from, u.hieu_luc_den AS u_to, u.cap AS u_cap, u.committee_code AS u_committee,
                  ${kind === "sinh_hoat" ? "(n.ngay < u.hieu_luc_tu OR n.ngay > u.hieu_luc_den)" : "false"} AS u_invalid,
                  (n.committee IS NOT NULL AND u.committee_code <> n.committee) AS u_other
           FROM ok n LEFT JOIN ${registryWithCommittees(caps)} u ON u.ma_don_vi = n.${key})
         WHERE ${[...registryFlags, ...rules.map((r) => `(${r.sql})`)].join(" OR ")})`
    );
    checks.push(
      ...ruleChecks("flagged"),
      `SELECT submission_id, line, ${label(key)}, ${key}, '${kind === "sinh_hoat" ? "E_UNKNOWN_CELL" : "E_UNKNOWN_UNIT"}', NULL, NULL FROM flagged WHERE u_missing`,
      `SELECT submission_id, line, ${label(key)}, ${key}, 'E_OTHER_COMMITTEE', 'thuộc ' || u_committee, 'belongs to ' || u_committee FROM flagged WHERE u_other`
    );
    if (kind === "sinh_hoat")
      checks.push(
        `SELECT submission_id, line, ${label("ngay")}, strftime(ngay, '%d/%m/%Y'), 'E_CELL_NOT_VALID',
                'hiệu lực ' || strftime(u_from, '%d/%m/%Y') || ' – ' || coalesce(strftime(u_to, '%d/%m/%Y'), '…'),
                'valid ' || strftime(u_from, '%d/%m/%Y') || ' – ' || coalesce(strftime(u_to, '%d/%m/%Y'), '…')
         FROM flagged WHERE u_invalid`,
        `SELECT submission_id, line, ${label("ngay")}, strftime(ngay, '%d/%m/%Y'), 'E_FUTURE_DATE', 'ngày nộp ' || strftime(today, '%d/%m/%Y'), 'submitted ' || strftime(today, '%d/%m/%Y')
         FROM flagged WHERE ngay > today`,
        dup(["ma_chi_bo", "ngay", "loai"], "E_DUPLICATE_MEETING", "ngay", "strftime(ok.ngay, '%d/%m/%Y')")
      );
    else
      checks.push(
        dup(["ma_don_vi", "nam"], "E_DUPLICATE_RATING", "ma_don_vi", "ok.ma_don_vi"),
        // htxs ≤ 20% of htt in a grassroots organisation: its own row, or the sum of its cells' rows when it has none
        `SELECT submission_id, line, ${label("dv_htxs")}, dv_htxs || '/' || dv_htt, 'W_HTXS_QUOTA', NULL, NULL
         FROM flagged WHERE u_cap IN ${GRASSROOTS} AND dv_htxs * 5 > dv_htt`,
        `SELECT ok.submission_id, min(ok.line), ${label("dv_htxs")}, sum(ok.dv_htxs) || '/' || sum(ok.dv_htt), 'W_HTXS_QUOTA',
                'tổng các chi bộ của ' || u.ma_cap_tren, 'total of the cells of ' || u.ma_cap_tren
         FROM ok JOIN raw_units u ON u.ma_don_vi = ok.ma_don_vi AND u.cap = 'chi_bo'
         WHERE NOT EXISTS (SELECT 1 FROM ok o2 WHERE o2.submission_id = ok.submission_id AND o2.ma_don_vi = u.ma_cap_tren AND o2.nam = ok.nam)
         GROUP BY ok.submission_id, u.ma_cap_tren, ok.nam HAVING sum(ok.dv_htxs) * 5 > sum(ok.dv_htt)`
      );
  } else {
    // registries (one per chunk): checked against themselves and every other committee's units — the committee's
    // own earlier registry is replaced by this one, so it neither defines nor conflicts
    const {id, committee} = items[0];
    const dmy = (col: string) => `strftime(${col}, '%d/%m/%Y')`;
    // Each look-up into the registry goes from the file's few codes (the small side of every join): a hash table
    // built over the whole registry per check would cost more than the checks.
    cte.push(
      `reg AS NOT MATERIALIZED (SELECT ma_don_vi, ma_cu, hieu_luc_tu, hieu_luc_den, sap_nhap_vao, submission_id, committee_code FROM raw_units
                                WHERE submission_id = ${id} OR committee_code IS DISTINCT FROM ${committee === null ? "NULL" : sqlString(committee)})`,
      // the codes the file names that the file or the registry know
      `known AS MATERIALIZED (SELECT DISTINCT ma_don_vi FROM reg
                              WHERE ma_don_vi IN (SELECT ma_cap_tren FROM ok UNION ALL SELECT sap_nhap_vao FROM ok UNION ALL SELECT ma_cu FROM ok UNION ALL SELECT ma_cap_tren_cu FROM ok))`,
      // the former units the file names, one row per code: this file's, else the latest registry's
      `def AS (SELECT DISTINCT ON (ma_don_vi) * FROM reg WHERE ma_don_vi IN (SELECT ma_cu FROM ok)
               ORDER BY ma_don_vi, submission_id = ${id} DESC, submission_id DESC)`,
      // the units naming each former code (several: a split)
      `heirs AS (SELECT ma_cu, list(DISTINCT ma_don_vi ORDER BY ma_don_vi) AS codes, bool_or(submission_id <> ${id}) AS elsewhere FROM reg
                WHERE ma_cu IN (SELECT ma_cu FROM ok UNION SELECT ma_don_vi FROM ok) GROUP BY 1)`
    );
    // what differs from another committee's definition of a unit, with that registry's values
    const differs: [string, string, string, (c: string) => string][] = [
      ["cap", "cấp", "level", (c) => c],
      ["ma_cap_tren", "cấp trên", "parent", (c) => c],
      ["hieu_luc_tu", "hiệu lực từ", "valid from", dmy],
      ["hieu_luc_den", "hiệu lực đến", "valid to", dmy],
      ["sap_nhap_vao", "sáp nhập vào", "merged into", (c) => c]
    ];
    const diffList = (lang: 1 | 2, none: string) =>
      `concat_ws(', ', ${differs.map((d) => `CASE WHEN o.${d[0]} IS DISTINCT FROM ok.${d[0]} THEN '${d[lang]} ' || coalesce(${d[3](`o.${d[0]}`)}, '${none}') END`).join(", ")})`;
    checks.push(
      ...ruleChecks("ok"),
      dup(["ma_don_vi"], "E_DUPLICATE_CODE", "ma_don_vi", "ok.ma_don_vi"),
      `SELECT submission_id, line, ${label("ma_cap_tren")}, ma_cap_tren, 'E_UNKNOWN_PARENT', NULL, NULL FROM ok
       WHERE ma_cap_tren IS NOT NULL AND ma_cap_tren NOT IN (SELECT ma_don_vi FROM known)`,
      `SELECT submission_id, line, ${label("sap_nhap_vao")}, sap_nhap_vao, 'E_UNKNOWN_SUCCESSOR', NULL, NULL FROM ok
       WHERE sap_nhap_vao IS NOT NULL AND sap_nhap_vao NOT IN (SELECT ma_don_vi FROM known)`,
      // the unit merged into is in force on the day after the merged unit's last day (this file's row, else the latest registry's)
      `SELECT ok.submission_id, ok.line, ${label("sap_nhap_vao")}, ok.sap_nhap_vao, 'E_SUCCESSOR_NOT_VALID',
              s.ma_don_vi || ' hiệu lực ' || ${dmy("s.hieu_luc_tu")} || ' – ' || coalesce(${dmy("s.hieu_luc_den")}, '…') || ', cần còn hiệu lực ngày ' || ${dmy("ok.hieu_luc_den + 1")},
              s.ma_don_vi || ' valid ' || ${dmy("s.hieu_luc_tu")} || ' – ' || coalesce(${dmy("s.hieu_luc_den")}, '…') || ', must be in force on ' || ${dmy("ok.hieu_luc_den + 1")}
       FROM ok JOIN (SELECT DISTINCT ON (ma_don_vi) ma_don_vi, hieu_luc_tu, hieu_luc_den FROM reg WHERE ma_don_vi IN (SELECT sap_nhap_vao FROM ok)
                     ORDER BY ma_don_vi, submission_id = ${id} DESC, submission_id DESC) s ON s.ma_don_vi = ok.sap_nhap_vao
       WHERE ok.hieu_luc_den IS NOT NULL AND (s.hieu_luc_tu > ok.hieu_luc_den + 1 OR s.hieu_luc_den <= ok.hieu_luc_den)`,
      // a unit another committee's registry (or the province-wide one) defines: only an identical repeat
      `SELECT ok.submission_id, ok.line, ${label("ma_don_vi")}, ok.ma_don_vi, 'E_UNIT_REDEFINED',
              ${diffList(1, "trống")} || ' trong danh mục của ' || o.committee_code, ${diffList(2, "none")} || ' in the registry of ' || o.committee_code
       FROM raw_units o JOIN ok ON o.ma_don_vi = ok.ma_don_vi AND o.submission_id <> ok.submission_id AND o.committee_code IS DISTINCT FROM ok.committee
       WHERE ${differs.map((d) => `o.${d[0]} IS DISTINCT FROM ok.${d[0]}`).join(" OR ")}`,
      // a unit this committee's registry in force defines, left out of the new one, while another committee's
      // registry still names it: the units naming it would lose their parent (or former unit)
      // (equality joins only: one per naming column, from the few codes left out)
      `SELECT DISTINCT ${id}, NULL::INTEGER, NULL, g.code, 'E_UNIT_STILL_NAMED',
              g.code || ': danh mục của ' || x.committee_code || ' ghi ở ' || x.ma_don_vi,
              g.code || ': the registry of ' || x.committee_code || ' names it at ' || x.ma_don_vi
       FROM (SELECT ma_don_vi AS code FROM raw_units
             WHERE committee_code IS NOT DISTINCT FROM ${committee === null ? "NULL" : sqlString(committee)} AND submission_id <> ${id}
               AND ma_don_vi NOT IN (SELECT ma_don_vi FROM n)
             EXCEPT SELECT ma_don_vi FROM raw_units WHERE committee_code IS DISTINCT FROM ${committee === null ? "NULL" : sqlString(committee)}) g
       JOIN (${["ma_cap_tren", "ma_cap_tren_cu", "sap_nhap_vao", "ma_cu"]
         .map((c) => `SELECT ${c} AS named, committee_code, ma_don_vi FROM raw_units WHERE ${c} IS NOT NULL AND submission_id <> ${id} AND committee_code IS DISTINCT FROM ${committee === null ? "NULL" : sqlString(committee)}`)
         .join(" UNION ALL ")}) x ON x.named = g.code`,
      // a unit of another committee in a committee's registry (the province-wide file may list every committee's)
      `SELECT ok.submission_id, ok.line, ${label("ma_don_vi")}, ok.ma_don_vi, 'E_OTHER_COMMITTEE', 'thuộc ' || l.committee, 'belongs to ' || l.committee
       FROM ok JOIN temp.registry_lines l USING (line) WHERE l.committee <> ok.committee`,
      // the former code: a known unit, ended before this one starts, not merged into another one, not split and merged
      `SELECT submission_id, line, ${label("ma_cu")}, ma_cu, 'E_UNKNOWN_OLD_CODE', NULL, NULL FROM ok
       WHERE ma_cu IS NOT NULL AND ma_cu <> ma_don_vi AND ma_cu NOT IN (SELECT ma_don_vi FROM known)`,
      `SELECT ok.submission_id, ok.line, ${label("ma_cu")}, ok.ma_cu, 'E_OLD_CODE_NOT_ENDED',
              d.ma_don_vi || CASE WHEN d.hieu_luc_den IS NULL THEN ' chưa có ngày hiệu lực đến' ELSE ' hiệu lực đến ' || ${dmy("d.hieu_luc_den")} END || ', đơn vị này hiệu lực từ ' || ${dmy("ok.hieu_luc_tu")},
              d.ma_don_vi || CASE WHEN d.hieu_luc_den IS NULL THEN ' has no end date' ELSE ' valid to ' || ${dmy("d.hieu_luc_den")} END || ', this unit from ' || ${dmy("ok.hieu_luc_tu")}
       FROM ok JOIN def d ON d.ma_don_vi = ok.ma_cu
       WHERE ok.ma_cu <> ok.ma_don_vi AND (d.hieu_luc_den IS NULL OR d.hieu_luc_den <> ok.hieu_luc_tu - 1)`,
      `SELECT ok.submission_id, ok.line, ${label("ma_cu")}, ok.ma_cu, 'E_OLD_CODE_CONFLICT',
              d.ma_don_vi || CASE WHEN len(h.codes) > 1 THEN ' được tách thành ' || array_to_string(h.codes, ', ') || ' nhưng' ELSE '' END || ' sáp nhập vào ' || d.sap_nhap_vao,
              d.ma_don_vi || CASE WHEN len(h.codes) > 1 THEN ' is split into ' || array_to_string(h.codes, ', ') || ' yet' ELSE ' is' END || ' merged into ' || d.sap_nhap_vao
       FROM ok JOIN def d ON d.ma_don_vi = ok.ma_cu JOIN heirs h ON h.ma_cu = ok.ma_cu
       WHERE ok.ma_cu <> ok.ma_don_vi AND d.sap_nhap_vao IS NOT NULL AND (d.sap_nhap_vao <> ok.ma_don_vi OR len(h.codes) > 1)`,
      // the same, from the former unit's row, when units of other registries name it
      `SELECT ok.submission_id, ok.line, ${label("hieu_luc_den")}, ${dmy("ok.hieu_luc_den")}, 'E_OLD_CODE_NOT_ENDED',
              'mã cũ của ' || s.ma_don_vi || ' (danh mục của ' || s.committee_code || ', hiệu lực từ ' || ${dmy("s.hieu_luc_tu")} || ')',
              'former code of ' || s.ma_don_vi || ' (registry of ' || s.committee_code || ', valid from ' || ${dmy("s.hieu_luc_tu")} || ')'
       FROM reg s JOIN ok ON s.ma_cu = ok.ma_don_vi AND s.submission_id <> ok.submission_id
       WHERE ok.hieu_luc_den IS NULL OR ok.hieu_luc_den <> s.hieu_luc_tu - 1`,
      `SELECT ok.submission_id, ok.line, ${label("sap_nhap_vao")}, ok.sap_nhap_vao, 'E_OLD_CODE_CONFLICT',
              'mã cũ của ' || array_to_string(h.codes, ', '), 'former code of ' || array_to_string(h.codes, ', ')
       FROM ok JOIN heirs h ON h.ma_cu = ok.ma_don_vi AND h.elsewhere
       WHERE ok.sap_nhap_vao IS NOT NULL AND (len(h.codes) > 1 OR h.codes[1] <> ok.sap_nhap_vao)`,
      // the former parent: a known unit, in the committee of today's parent
      `SELECT submission_id, line, ${label("ma_cap_tren_cu")}, ma_cap_tren_cu, 'E_UNKNOWN_PARENT', NULL, NULL FROM ok
       WHERE ma_cap_tren_cu IS NOT NULL AND ma_cap_tren_cu <> ma_don_vi AND ma_cap_tren_cu NOT IN (SELECT ma_don_vi FROM known)`,
      `SELECT ok.submission_id, ok.line, ${label("ma_cap_tren_cu")}, ok.ma_cap_tren_cu, 'E_PARENT_OTHER_COMMITTEE',
              ok.ma_cap_tren_cu || ' thuộc ' || a.committee || ', ' || ok.ma_cap_tren || ' thuộc ' || b.committee,
              ok.ma_cap_tren_cu || ' belongs to ' || a.committee || ', ' || ok.ma_cap_tren || ' to ' || b.committee
       FROM ok JOIN temp.unit_committees a ON a.code = ok.ma_cap_tren_cu JOIN temp.unit_committees b ON b.code = ok.ma_cap_tren
       WHERE ok.ma_cap_tren_cu <> ok.ma_don_vi AND a.committee <> b.committee`
    );
  }
  // DuckDB underestimates the new rows and would build the registry join's hash table on them (2.6 s for a
  // 10-million-row log) rather than on the registry: the join keeps its written sides (registry = build side)
  await conn.run("SET disabled_optimizers = 'build_side_probe_side'");
  try {
    await conn.run(`
      INSERT INTO temp.probs
      WITH ${cte.join(",\n")},
           found (submission_id, line, column_name, value, code, detail_vi, detail_en) AS (${checks.map((c) => `(${c})`).join(" UNION ALL ")})
      SELECT f.submission_id, f.line, f.column_name, f.value, f.code,
             c.vi || coalesce(': ' || f.detail_vi, ''), c.en || coalesce(': ' || f.detail_en, ''), c.severity
      FROM found f JOIN temp.codes c USING (code)
    `);
  } finally {
    // (in a transaction a failed statement has aborted, RESET fails too: the error that matters is the first)
    await conn.run("RESET disabled_optimizers").catch(() => {});
  }
}
