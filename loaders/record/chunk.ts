// One chunk of files through the warehouse, in named phases: duplicates, archive copies and plans first, then —
// in one transaction — the rows loaded and checked, each file decided, and the committee × kind × years it
// covers replaced, with the ledger and the problems recorded. A file that touches the same committee-year as an
// earlier one of the chunk waits for the next chunk.
import {basename, dirname, join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {problem, type Problem} from "../format/codes.ts";
import type {Kind} from "../format/schemas.ts";
import {sqlString} from "../format/text.ts";
import type {Collected, Source} from "../read/source.ts";
import {archive} from "./archive.ts";
import type {FileResult, IngestInput, IngestOptions} from "./file-result.ts";
import {
  addProblems,
  collect,
  EMPTY_SUMMARY,
  fastPlan,
  fastSurprises,
  insertRows,
  locateValueProblems,
  plan,
  resetBatchTables,
  summarise,
  writeBatch,
  writeMaps,
  type BatchItem,
  type Plan,
  type ProblemSummary
} from "./load.ts";
import {checkRows, committeesOf, registryCommittees} from "./row-checks.ts";
import {checkTotals} from "./total-check.ts";
import {placeWorkbookColumns} from "./workbook-columns.ts";
import {queryRows, RAW_TABLE, type Warehouse} from "./warehouse.ts";

const MESSAGE = {
  accepted: (n: number) => `Đã nạp ${n} dòng / loaded ${n} rows`,
  partial: (n: number, bad: number) => `Đã nạp ${n} dòng hợp lệ, cách ly ${bad} dòng lỗi / loaded ${n} valid rows, quarantined ${bad}`,
  rejected: (problems: number) => `Bị từ chối: ${problems} lỗi; kho dữ liệu không thay đổi / rejected: ${problems} problem(s); warehouse unchanged`,
  duplicate: (id: number) => `Trùng với hồ sơ #${id} đã nạp; không thay đổi gì / identical to submission #${id}; nothing changed`
};

/** A file as it goes through a chunk. */
export interface Item {
  input: IngestInput;
  src: Source;
  receivedAt: string;
  today: string;
  archivePath: string | null;
  collected?: Collected;
  plan?: Plan;
  committees?: {committee: string; units: number}[];
  /** problems that decide the file before any SQL: it is rejected with them */
  early?: Problem[];
  result?: FileResult;
  /** the fast plan was tried and met a surprise: use the exact one */
  triedFast?: boolean;
}

function baseResult(it: Item): FileResult {
  return {
    file: basename(it.input.path),
    sha256: it.src.sha256,
    submissionId: 0,
    kind: it.src.layout?.kind ?? null,
    committee: null,
    years: null,
    status: "rejected",
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    problems: [],
    problemCount: 0,
    warningCount: 0,
    message: "",
    readPath: it.src.fatal.length ? undefined : it.src.mode
  };
}

/** The fast plan met a surprise: forget what it planned, so that the file is read again with the exact plan. */
function giveUpFastPlan(it: Item): void {
  it.triedFast = true;
  it.plan = undefined;
  it.collected = undefined;
  it.committees = undefined;
  it.result = undefined;
}

/** The options of one chunk: the caller's, and a label for its progress lines. */
type ChunkOptions = IngestOptions & {label: string};

/** A chunk once its files are sorted out: what it loads, what it rejects before any SQL, what the ledger records. */
interface Batch {
  conn: DuckDBConnection;
  opts: ChunkOptions;
  kind: Kind | null;
  /** the files loaded by this chunk, in order (BatchItem.idx points here) */
  work: Item[];
  items: BatchItem[];
  /** files rejected with the problems found while reading, before any SQL */
  earlyItems: Item[];
  /** every file the ledger records this time (duplicates included) */
  ledgerItems: Item[];
  /** the submission id of each file, once numbered */
  idOf: Map<Item, number>;
  /** the one large file loaded by the fast plan, if so: it gives way to the exact plan at the first surprise */
  fastItem: Item | null;
}

/** The phases of a chunk, in order; each has one job. A file that waits (same committee-year) gets no result. */
export async function processChunk(wh: Warehouse, chunk: Item[], options: IngestOptions): Promise<void> {
  const conn = wh.conn;
  const opts: ChunkOptions = {...options, label: chunk.length === 1 ? basename(chunk[0].input.path) : `${basename(chunk[0].input.path)} … (${chunk.length})`};
  const inForce = await submissionsInForce(conn, chunk, opts);
  const work: Item[] = [];
  for (const it of chunk) {
    if (settleDuplicate(it, inForce)) continue;
    archiveOnce(wh, it, opts);
    if (await choosePlan(conn, it, opts)) work.push(it);
  }
  const kind = work[0]?.plan!.kind ?? null;
  if (kind && kind !== "don_vi") await deferSameCommitteeYears(conn, work);
  const waiting = new Set(chunk.filter((it) => !it.result && !it.early && !work.includes(it)));
  const earlyItems = chunk.filter((it) => it.early && !waiting.has(it));
  const ledgerItems = chunk.filter((it) => (it.result?.status === "duplicate" || it.early || work.includes(it)) && !waiting.has(it));
  if (opts.dryRun) settleDryRunEarly(chunk, earlyItems);
  if (!ledgerItems.length && !work.length) return;

  const items = await writeBatchTables(conn, work);
  const fastItem = items.length === 1 && items[0].plan.fast ? work[0] : null;
  const batch: Batch = {conn, opts, kind, work, items, earlyItems, ledgerItems, idOf: new Map(), fastItem};
  const unstage = await stageLargeFiles(batch);
  if (!unstage) return;

  let open = true;
  const ids = await beginTransaction(conn, opts.dryRun ? items.length : ledgerItems.length);
  try {
    await numberFiles(batch, ids);
    await addKnownProblems(batch);
    if (kind && !(await loadAndCheck(batch, kind))) return;
    const summaries = await summarise(conn);
    if (fastItem && (summaries.get(items[0].id)?.total ?? 0) > 0) {
      // a problem: the exact plan reports it exactly as it would have without the shortcut
      giveUpFastPlan(fastItem);
      return;
    }
    const decision = decideFiles(batch, summaries);
    settleEarly(batch, summaries);
    await dropRejectedRows(batch, decision);
    await setCoveredYears(batch, decision.kept);
    if (opts.dryRun) {
      await conn.run("ROLLBACK");
      open = false;
      return;
    }
    await replaceAndRecord(batch, decision.kept);
    open = false;
  } finally {
    if (open) await conn.run("ROLLBACK");
    await unstage();
  }
}

type InForce = {submission_id: number; kind: Kind; committee_code: string; years: number[] | null};

/** Duplicate lookup: the submissions in force with the same bytes as a file of the chunk (none for a dry run). */
async function submissionsInForce(conn: DuckDBConnection, chunk: Item[], opts: ChunkOptions): Promise<Map<string, InForce>> {
  const inForce = new Map<string, InForce>();
  if (opts.dryRun) return inForce;
  const rows = await queryRows<InForce & {sha256: string}>(
    conn,
    `SELECT sha256, submission_id, kind, committee_code, years FROM submissions
     WHERE sha256 IN (${chunk.map((it) => sqlString(it.src.sha256)).join(", ")}) AND status IN ('accepted', 'partial') ORDER BY submission_id`
  );
  for (const r of rows) inForce.set(r.sha256, r);
  return inForce;
}

/** An identical file already in force changes nothing; the ledger notes that it was seen again. */
function settleDuplicate(it: Item, inForce: Map<string, InForce>): boolean {
  const same = inForce.get(it.src.sha256);
  if (!same) return false;
  it.result = {...baseResult(it), kind: same.kind, committee: same.committee_code, years: same.years, status: "duplicate", message: MESSAGE.duplicate(same.submission_id)};
  return true;
}

/** Archive copy of the file's bytes, once (a file over the size limit is not copied: it would fill the disk the limit protects). */
function archiveOnce(wh: Warehouse, it: Item, opts: ChunkOptions): void {
  const oversize = it.src.fatal.some((p) => p.code === "E_FILE_TOO_LARGE");
  if (!opts.dryRun && !it.archivePath && !oversize) it.archivePath = archive(it.input.path, it.src.sha256, opts.archiveDir ?? join(dirname(wh.path), "archive"));
}

/**
 * Plan choice: the file is rejected early (unreadable, a header error, no data), or gets its plan and is loaded.
 * A large file whose first rows are all canonical is loaded optimistically (fastPlan); otherwise, or after a
 * surprise, every distinct value is collected first.
 */
async function choosePlan(conn: DuckDBConnection, it: Item, opts: ChunkOptions): Promise<boolean> {
  const layout = it.src.layout;
  if (it.src.fatal.length || !layout) it.early = it.src.fatal;
  else if (layout.problems.some((p) => p.severity === "error" && p.code !== "E_KIND_MISMATCH")) it.early = layout.problems;
  if (it.early || !layout) return false;
  const fast = !it.collected && !it.triedFast && it.src.mode === "direct" && it.src.headSample ? fastPlan(layout.kind, it.src.headSample) : null;
  if (fast) {
    it.plan = fast;
    const n = it.src.expectedRows ?? 0;
    it.collected = {rawRows: n, rows: n, extras: 0, distinct: it.src.headSample!.distinct, filled: new Map()};
  }
  if (!it.collected) it.collected = await collectChecked(conn, it.src, opts);
  if (it.src.fatal.length) it.early = it.src.fatal;
  else if (it.collected.rows === 0) it.early = [...layout.problems, problem("E_NO_DATA", {line: layout.headerLine})];
  else it.plan ??= plan(layout.kind, it.collected);
  return !it.early;
}

/**
 * Scheduling: the committees of meeting logs and ratings; a file touching a committee-year of an earlier file of
 * the chunk waits for the next chunk, and so do the files after it.
 */
async function deferSameCommitteeYears(conn: DuckDBConnection, work: Item[]): Promise<void> {
  const need = work.filter((it) => !it.committees);
  if (need.length) {
    const found = await committeesOf(conn, need.map((it) => ({idx: work.indexOf(it), plan: it.plan!})));
    for (const it of need) it.committees = found.get(work.indexOf(it)) ?? [];
  }
  const taken = new Set<string>();
  for (let j = 0; j < work.length; j++) {
    const it = work[j];
    const keys = yearsOfPlan(it.plan!).map((y) => `${it.committees![0]?.committee ?? ""}|${y}`);
    if (j > 0 && keys.some((k) => taken.has(k))) {
      work.splice(j);
      return;
    }
    for (const k of keys) taken.add(k);
  }
}

/** A dry run decides early rejections here (no ledger), and a duplicate has no submission of its own. */
function settleDryRunEarly(chunk: Item[], earlyItems: Item[]): void {
  for (const it of earlyItems) it.result = {...baseResult(it), problems: it.early!, problemCount: it.early!.length, message: MESSAGE.rejected(it.early!.length)};
  for (const it of chunk) if (it.result?.status === "duplicate") it.result.submissionId = 0;
}

/** The batch tables the SQL passes read: one row per loaded file, and the value maps of its plan. */
async function writeBatchTables(conn: DuckDBConnection, work: Item[]): Promise<BatchItem[]> {
  await resetBatchTables(conn);
  const items: BatchItem[] = work.map((it, idx) => ({
    idx,
    src: it.src,
    plan: it.plan!,
    collected: it.collected!,
    id: 0,
    committee: it.committees?.[0]?.committee ?? null,
    today: it.today,
    hasPre: it.plan!.badCount > 0 || it.collected!.extras > 0 || it.src.problems.some((p) => p.line !== null && p.severity === "error")
  }));
  await writeMaps(conn, items);
  return items;
}

/**
 * A large file read by DuckDB directly is first copied into a temp table, before the transaction: DuckDB then
 * reads it on every core and numbers its rows by rowid, and the insert inside the transaction only copies rows
 * (npm run bench:ingest: 19.7 s instead of 30.0 s for 10 million rows). Returns how to drop the copies, or null
 * when DuckDB's typed parser refused a value of a fast-planned file (the exact plan reads it again).
 */
async function stageLargeFiles(b: Batch): Promise<(() => Promise<void>) | null> {
  const staged = b.items.filter((x) => x.src.mode === "direct" && x.src.stage);
  const unstage = async () => {
    for (const x of staged) await x.src.unstage!(b.conn).catch(() => {});
  };
  try {
    if (staged.length)
      await progress(b.conn, "stage", b.opts, async () => {
        for (const x of staged) await x.src.stage!(b.conn, x.plan.types);
      });
  } catch (e) {
    await unstage();
    if (b.fastItem && /Conversion|CSV|Invalid Input|Could not convert/i.test(String((e as Error).message))) {
      giveUpFastPlan(b.fastItem);
      return null;
    }
    throw e;
  }
  return unstage;
}

/** The transaction begins, and with it the submission ids of the chunk (one per ledger row; a dry run numbers its loaded files). */
async function beginTransaction(conn: DuckDBConnection, n: number): Promise<number[]> {
  const rows = await queryRows<{id: number}>(conn, `BEGIN TRANSACTION; SELECT nextval('submission_seq')::INTEGER AS id FROM range(${Math.max(1, n)}) ORDER BY id`);
  return rows.map((r) => r.id);
}

/** Each file gets its id, and the batch table its files. */
async function numberFiles(b: Batch, ids: number[]): Promise<void> {
  (b.opts.dryRun ? b.work : b.ledgerItems).forEach((it, i) => b.idOf.set(it, ids[i]));
  for (const x of b.items) x.id = b.idOf.get(b.work[x.idx])!;
  if (b.items.length) await writeBatch(b.conn, b.items);
}

/** Problems known before the insert: the header's, a truncated last row, several committees, none. */
async function addKnownProblems(b: Batch): Promise<void> {
  const {conn, opts} = b;
  for (const it of b.earlyItems) if (!opts.dryRun) await addProblems(conn, b.idOf.get(it)!, it.early!);
  for (const x of b.items) {
    const it = b.work[x.idx];
    const fileProblems = [...it.src.layout!.problems, ...it.src.problems, ...mixed(it.committees ?? [])];
    if (b.kind !== "don_vi" && x.committee === null) fileProblems.push(problem("E_NO_COMMITTEE"));
    await addProblems(conn, x.id, fileProblems);
    const lines = it.src.problems.filter((p) => p.line !== null && p.severity === "error").map((p) => `(${x.id}, ${p.line}, '__row')`);
    if (lines.length) await conn.run(`INSERT INTO temp.pre VALUES ${lines.join(", ")}`);
    if (x.plan.badCount || x.collected.extras) await progress(conn, "locate", opts, () => locateValueProblems(conn, x));
  }
}

/** Rows into the raw table, then every check on them. False when the fast plan gave way (the caller rolls back). */
async function loadAndCheck(b: Batch, kind: Kind): Promise<boolean> {
  const {conn, opts, items} = b;
  let inserted: number;
  try {
    inserted = await progress(conn, "load", opts, () => insertRows(conn, kind, items));
  } catch (e) {
    if (b.fastItem && /chibo-unexpected|Conversion|CSV|Invalid Input|Could not convert/i.test(String((e as Error).message))) {
      giveUpFastPlan(b.fastItem);
      return false;
    }
    throw e;
  }
  if (b.fastItem) {
    const f = await fastSurprises(conn, kind, items[0].id);
    if (f.surprises > 0 || inserted !== items[0].src.expectedRows || f.maxLine !== items[0].src.lastRecordLine) {
      giveUpFastPlan(b.fastItem);
      return false;
    }
  }
  // the direct path counts blank rows only now
  if (items.length === 1 && items[0].src.mode === "direct") {
    items[0].collected.rows = inserted;
    if (inserted === 0) await addProblems(conn, items[0].id, [problem("E_NO_DATA", {line: items[0].src.layout!.headerLine})]);
  }
  if (kind === "don_vi") await setRegistryCommittee(b);
  await progress(conn, "check", opts, () => checkRows(conn, kind, items));
  for (const x of items) if (x.src.totals.length) await addProblems(conn, x.id, await checkTotals(conn, x.id, x.src.layout!, x.src.totals));
  await placeWorkbookColumns(conn, items);
  return true;
}

/** Registries go one per chunk: the committee comes from the file's own tree. */
async function setRegistryCommittee(b: Batch): Promise<void> {
  const x = b.items[0];
  const cs = await registryCommittees(b.conn, x.id);
  x.committee = cs[0]?.committee ?? null;
  b.work[0].committees = cs;
  await addProblems(b.conn, x.id, [...mixed(cs), ...(x.committee === null ? [problem("E_NO_COMMITTEE")] : [])]);
  if (x.committee !== null)
    await b.conn.run(`UPDATE raw_units SET committee_code = ${sqlString(x.committee)} WHERE submission_id = ${x.id}; UPDATE temp.batch SET committee = ${sqlString(x.committee)}`);
}

interface Decision {
  rejectedIds: number[];
  partialIds: number[];
  kept: BatchItem[];
}

/** Each loaded file's fate from its problems: accepted, partly loaded (--partial) or rejected. */
function decideFiles(b: Batch, summaries: Map<number, ProblemSummary>): Decision {
  const out: Decision = {rejectedIds: [], partialIds: [], kept: []};
  for (const x of b.items) {
    const it = b.work[x.idx];
    const s = summaries.get(x.id) ?? EMPTY_SUMMARY;
    const rowsRead = x.collected.rows;
    const usable = rowsRead - s.errorLines;
    const rejected = s.fileLevelErrors > 0 || x.committee === null || usable <= 0 || (s.errors > 0 && !b.opts.partial);
    const status = rejected ? "rejected" : s.errors > 0 ? "partial" : "accepted";
    const rowsLoaded = rejected ? 0 : usable;
    it.result = {
      ...baseResult(it),
      fastPath: x.plan.fast === true,
      submissionId: b.opts.dryRun ? 0 : x.id,
      kind: x.plan.kind,
      committee: x.committee,
      status,
      rowsRead,
      rowsLoaded,
      rowsRejected: rowsRead - rowsLoaded,
      problems: s.shown,
      problemCount: s.total,
      warningCount: s.warnings,
      message: rejected ? MESSAGE.rejected(s.errors) : status === "partial" ? MESSAGE.partial(usable, s.errorLines) : MESSAGE.accepted(usable)
    };
    if (rejected) out.rejectedIds.push(x.id);
    else {
      out.kept.push(x);
      if (status === "partial") out.partialIds.push(x.id);
    }
  }
  return out;
}

/** The results of the files rejected before any SQL, with their problems as stored. */
function settleEarly(b: Batch, summaries: Map<number, ProblemSummary>): void {
  for (const it of b.earlyItems) {
    const id = b.opts.dryRun ? 0 : b.idOf.get(it)!;
    const s = summaries.get(id);
    it.result = {...baseResult(it), submissionId: id, problems: s?.shown ?? it.early!, problemCount: s?.total ?? it.early!.length, message: MESSAGE.rejected(it.early!.length)};
  }
}

/** A rejected file's rows leave the raw table; a partly loaded file's rows with errors too. */
async function dropRejectedRows(b: Batch, d: Decision): Promise<void> {
  const table = b.kind ? RAW_TABLE[b.kind] : null;
  if (!table) return;
  const statements: string[] = [];
  if (d.rejectedIds.length) statements.push(`DELETE FROM ${table} WHERE submission_id IN (${d.rejectedIds.join(", ")})`);
  if (d.partialIds.length)
    statements.push(
      `DELETE FROM ${table} x USING (SELECT DISTINCT submission_id, line FROM temp.probs WHERE severity = 'error' AND line IS NOT NULL AND submission_id IN (${d.partialIds.join(", ")})) p
       WHERE x.submission_id = p.submission_id AND x.line = p.line`
    );
  if (statements.length) await b.conn.run(statements.join(";\n"));
}

const yearExpr = (kind: Kind) => (kind === "sinh_hoat" ? "year(ngay)" : "nam");

/** The years each kept file covers, after its rows with errors are gone. */
async function setCoveredYears(b: Batch, kept: BatchItem[]): Promise<void> {
  if (!b.kind || b.kind === "don_vi" || !kept.length) return;
  const expr = yearExpr(b.kind);
  const rows = await queryRows<{id: number; years: number[]}>(
    b.conn,
    `SELECT submission_id AS id, list(DISTINCT ${expr}::INTEGER ORDER BY ${expr}::INTEGER) AS years FROM ${RAW_TABLE[b.kind]}
     WHERE submission_id IN (${kept.map((x) => x.id).join(", ")}) AND ${expr} IS NOT NULL GROUP BY 1`
  );
  const byId = new Map(rows.map((r) => [r.id, r.years]));
  for (const x of kept) b.work[x.idx].result!.years = byId.get(x.id) ?? [];
}

/**
 * Replace and record, then commit: each kept file's committee × kind × years replaces the rows of earlier
 * submissions (one DELETE for the chunk), which are marked superseded; the ledger gets a row per file and
 * rejected_rows every problem.
 */
async function replaceAndRecord(b: Batch, kept: BatchItem[]): Promise<void> {
  const {conn, kind} = b;
  const statements: string[] = [];
  const table = kind ? RAW_TABLE[kind] : null;
  const batchIds = b.items.map((x) => x.id).join(", ");
  if (kept.length && kind === "don_vi")
    statements.push(`DELETE FROM ${table} WHERE submission_id NOT IN (${batchIds}) AND committee_code IN (${kept.map((x) => sqlString(x.committee!)).join(", ")})`);
  else if (kept.length && kind) {
    const pairs = kept.flatMap((x) => (b.work[x.idx].result!.years ?? []).map((y) => `(${sqlString(x.committee!)}, ${y})`));
    if (pairs.length)
      statements.push(`DELETE FROM ${table} WHERE submission_id NOT IN (${batchIds}) AND (committee_code, ${yearExpr(kind)}) IN (SELECT c, y FROM (VALUES ${pairs.join(", ")}) v(c, y))`);
  }
  for (const x of kept) {
    const r = b.work[x.idx].result!;
    const yearList = r.years ? `[${r.years.join(",")}]::INTEGER[]` : "NULL::INTEGER[]";
    statements.push(
      `UPDATE submissions SET status = 'superseded'
       WHERE kind = '${kind}' AND committee_code = ${sqlString(x.committee!)} AND status IN ('accepted', 'partial') AND (${yearList} IS NULL OR list_has_all(${yearList}, years))`
    );
  }
  const ledger = b.ledgerItems.map((it) => ledgerRow(it.result!, b.idOf.get(it)!, it.receivedAt, it.archivePath));
  for (const it of b.ledgerItems) if (it.result!.status === "duplicate") it.result!.submissionId = b.idOf.get(it)!;
  // the period a meeting log declares it covers, recorded with its ledger entry
  const periods = b.ledgerItems
    .filter((it) => it.input.periodTo && it.result!.kind === "sinh_hoat" && (it.result!.status === "accepted" || it.result!.status === "partial"))
    .map((it) => `(${b.idOf.get(it)!}, DATE ${lit(it.input.periodTo!)})`);
  if (periods.length) statements.push(`INSERT INTO submission_periods VALUES ${periods.join(", ")}`);
  statements.push(
    `INSERT INTO submissions VALUES ${ledger.join(",\n")}`,
    `INSERT INTO rejected_rows (submission_id, line, column_name, value, code, message_vi, message_en, severity)
     SELECT submission_id, line, column_name, value, code, message_vi, message_en, severity FROM temp.probs`,
    "COMMIT"
  );
  await progress(conn, "replace", b.opts, () => conn.run(statements.join(";\n")));
}

function mixed(cs: {committee: string; units: number}[]): Problem[] {
  if (cs.length <= 1) return [];
  return [
    problem(
      "E_MIXED_COMMITTEES",
      {value: cs.map((c) => `${c.committee} (${c.units})`).join(", ")},
      {vi: `tệp này có ${cs.map((c) => `${c.committee} (${c.units} đơn vị)`).join(", ")}`, en: `this one has ${cs.map((c) => `${c.committee} (${c.units} units)`).join(", ")}`}
    )
  ];
}

/** The years a file's rows cover, from its distinct values (before any row is dropped). */
function yearsOfPlan(p: Plan): number[] {
  const key = p.kind === "sinh_hoat" ? "ngay" : p.kind === "danh_gia" ? "nam" : null;
  if (!key) return [];
  const years = new Set<number>();
  for (const v of p.columns.find((c) => c.spec.key === key)!.values.values()) {
    if (typeof v === "string") years.add(Number(v.slice(0, 4)));
    else if (typeof v === "number") years.add(v);
  }
  return [...years];
}

/** Pass 1, with the safety net of the direct path: if DuckDB reads the file differently from the scanner, rewrite. */
async function collectChecked(conn: DuckDBConnection, src: Source, opts: IngestOptions & {label?: string}): Promise<Collected> {
  if (src.mode === "direct") {
    try {
      const c = await progress(conn, "read", opts, () => collect(conn, src));
      if (c.rawRows === src.expectedRows) return c;
    } catch (e) {
      if (!/CSV|csv|Invalid Input|Conversion/i.test(String((e as Error).message))) throw e;
    }
    await src.rewrite();
    if (src.fatal.length) return {rawRows: 0, rows: 0, extras: 0, distinct: new Map(), filled: new Map()};
  }
  return collect(conn, src);
}

const progressOn = new WeakSet<DuckDBConnection>();
/** Runs a DuckDB step, reporting its progress (percent) every 250 ms while it runs. */
async function progress<T>(conn: DuckDBConnection, phase: string, opts: IngestOptions & {label?: string}, fn: () => Promise<T>): Promise<T> {
  if (!opts.onProgress) return fn();
  const report = opts.onProgress;
  if (!progressOn.has(conn)) {
    await conn.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
    progressOn.add(conn);
  }
  const timer = setInterval(() => {
    report(phase, Math.max(0, conn.progress.percentage), 100, opts.label ?? "");
  }, 250);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    report(phase, 100, 100, opts.label ?? "");
  }
}

const lit = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : sqlString(v));

function ledgerRow(r: FileResult, id: number, receivedAt: string, archivePath: string | null): string {
  return `(${id}, ${lit(r.file)}, ${lit(r.sha256)}, ${lit(r.kind)}, ${lit(r.committee)},
    ${r.years ? `[${r.years.join(",")}]` : "NULL"}::INTEGER[], ${r.rowsRead}, ${r.rowsLoaded}, ${r.rowsRejected}, ${lit(r.status)},
    CAST(${lit(receivedAt)} AS TIMESTAMP), now()::TIMESTAMP, ${lit(archivePath)}, ${lit(r.message)})`;
}
