// npm run verify -- [--db FILE] [--archive DIR]
// Checks the warehouse against the archive of original submissions, in plain words:
//  1. every submission in force (and every superseded one) has its archived file, and it hashes to the ledger;
//  2. no orphan rows: every raw row belongs to a submission in force, of its committee;
//  3. reloading the archived files in force into an EMPTY warehouse and running the pipeline reproduces
//     exactly the same indicator values.
// Exit code 0 when all holds, 1 on any discrepancy, 2 on usage errors, 3 when the warehouse is busy.
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {ingestFiles} from "../loaders/record/ingest.ts";
import {DEFAULT_DB, openWarehouse, queryRows, WarehouseBusyError} from "../loaders/record/warehouse.ts";
import {sqlString} from "../warehouse/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {sha256File} from "./lib/fingerprint.ts";

export interface VerifyReport {
  ok: boolean;
  checks: {name: string; ok: boolean; detail: string[]}[];
}

interface LedgerRow {
  submission_id: number;
  file_name: string;
  sha256: string;
  status: string;
  archive_path: string | null;
  received_at: string;
  committee_code: string | null;
  /** the last day a meeting log declared it covers */
  period_to: string | null;
}


export async function verifyWarehouse(db: string, opts: {archiveDir?: string; log?: (m: string) => void} = {}): Promise<VerifyReport> {
  const log = opts.log ?? (() => {});
  const checks: VerifyReport["checks"] = [];
  const dbPath = resolve(db);
  if (!existsSync(dbPath)) throw new Error(`Không có kho dữ liệu ${db} / warehouse not found: ${db}`);
  const archiveDir = opts.archiveDir ?? join(dirname(dbPath), "archive");

  const work = mkdtempSync(join(tmpdir(), "chibo-verify-"));
  const fresh = await openWarehouse(join(work, "reloaded.duckdb"));
  try {
    const c = fresh.conn;
    await c.run(`ATTACH ${sqlString(dbPath)} AS orig (READ_ONLY)`);

    // 1. archive ↔ ledger
    log("1/3 Kiểm tra tệp lưu trữ / checking the archive");
    // (a warehouse written before declared periods existed has no table for them)
    const [{periods}] = await queryRows<{periods: boolean}>(c, "SELECT count(*) > 0 AS periods FROM duckdb_tables() WHERE database_name = 'orig' AND table_name = 'submission_periods'");
    const ledger = await queryRows<LedgerRow>(
      c,
      `SELECT submission_id, file_name, sha256, status, archive_path, strftime(received_at, '%Y-%m-%dT%H:%M:%S') AS received_at, committee_code,
              ${periods ? "(SELECT strftime(max(p.period_to), '%Y-%m-%d') FROM orig.submission_periods p WHERE p.submission_id = s.submission_id)" : "NULL"} AS period_to
       FROM orig.submissions s WHERE status IN ('accepted', 'partial', 'superseded') ORDER BY submission_id`
    );
    const archiveProblems: string[] = [];
    for (const s of ledger) {
      const path = join(archiveDir, s.sha256);
      if (!existsSync(path)) archiveProblems.push(`#${s.submission_id} ${s.file_name}: thiếu tệp lưu trữ / archived file missing (${path})`);
      else if (sha256File(path) !== s.sha256) archiveProblems.push(`#${s.submission_id} ${s.file_name}: tệp lưu trữ bị thay đổi (mã băm khác) / archived file does not hash to the ledger`);
    }
    checks.push({name: "Tệp lưu trữ khớp sổ nhận hồ sơ / archive matches the ledger", ok: archiveProblems.length === 0, detail: archiveProblems.length ? archiveProblems : [`${ledger.length} tệp đều có và đúng mã băm / files present and intact`]});

    // 2. orphan rows
    log("2/3 Tìm dòng mồ côi / looking for orphan rows");
    const orphans = await queryRows<{tbl: string; n: number}>(
      c,
      ["raw_units", "raw_meetings", "raw_ratings"]
        .map(
          (t) => `SELECT '${t}' AS tbl, count(*)::INTEGER AS n FROM orig.${t} r
                  LEFT JOIN orig.submissions s ON s.submission_id = r.submission_id AND s.status IN ('accepted', 'partial')
                  WHERE s.submission_id IS NULL OR s.committee_code IS DISTINCT FROM r.committee_code`
        )
        .join(" UNION ALL ")
    );
    const orphanProblems = orphans.filter((o) => o.n > 0).map((o) => `${o.tbl}: ${o.n} dòng không thuộc hồ sơ nào đang có hiệu lực / rows without a submission in force`);
    checks.push({name: "Không có dòng mồ côi / no orphan rows", ok: orphanProblems.length === 0, detail: orphanProblems.length ? orphanProblems : ["mọi dòng đều thuộc một hồ sơ đang có hiệu lực / every row belongs to a submission in force"]});

    // 3. reload the archive into an empty warehouse and compare the marts
    log("3/3 Nạp lại từ lưu trữ và so sánh chỉ tiêu / reloading the archive and comparing indicators");
    // Every file in the order it came, superseded ones too: a later file replaces an earlier one as it did, and
    // the timeliness of a year counts its first log (a correction sent after the deadline does not make it late).
    const staging = join(work, "files");
    mkdirSync(staging);
    const reloadProblems: string[] = [];
    for (const s of ledger) {
      const src = join(archiveDir, s.sha256);
      if (!existsSync(src)) continue;
      // the original file name matters (kind detection, ledger); keep each in its own folder
      const dir = join(staging, String(s.submission_id));
      mkdirSync(dir);
      const file = join(dir, s.file_name.replace(/[\\/]/g, "_"));
      copyFileSync(src, file);
      const r = (await ingestFiles(fresh, [{path: file, receivedAt: s.received_at, periodTo: s.period_to ?? undefined}], {partial: s.status === "partial", archiveDir: join(work, "archive")}))[0];
      const expected = s.status === "superseded" ? ["accepted", "partial"] : [s.status];
      if (!expected.includes(r.status)) reloadProblems.push(`#${s.submission_id} ${s.file_name}: nạp lại cho kết quả "${r.status}" thay vì "${s.status}" / reloading gave ${r.status}, ledger says ${s.status}`);
    }
    await runPipeline(c);
    const [diff] = await queryRows<{missing: number; extra: number}>(
      c,
      `SELECT
         (SELECT count(*) FROM (SELECT unit_code, period_type, period, indicator, numerator, denominator FROM orig.indicator_values
                                EXCEPT SELECT unit_code, period_type, period, indicator, numerator, denominator FROM main.indicator_values))::INTEGER AS missing,
         (SELECT count(*) FROM (SELECT unit_code, period_type, period, indicator, numerator, denominator FROM main.indicator_values
                                EXCEPT SELECT unit_code, period_type, period, indicator, numerator, denominator FROM orig.indicator_values))::INTEGER AS extra`
    );
    if (diff.missing || diff.extra)
      reloadProblems.push(
        `${diff.missing} giá trị chỉ tiêu trong kho không tái tạo được và ${diff.extra} giá trị mới xuất hiện khi nạp lại (kho chưa chạy lại pipeline sau lần nạp cuối? hãy chạy npm run pipeline) / ` +
          `${diff.missing} indicator values not reproduced, ${diff.extra} new ones after reloading (pipeline not rerun since the last ingest?)`
      );
    const [{n}] = await queryRows<{n: number}>(c, "SELECT count(*)::INTEGER AS n FROM main.indicator_values");
    checks.push({
      name: "Nạp lại từ lưu trữ tái tạo đúng chỉ tiêu / reloading the archive reproduces the indicators",
      ok: reloadProblems.length === 0,
      detail: reloadProblems.length ? reloadProblems : [`${ledger.length} tệp nạp lại, ${n.toLocaleString("vi-VN")} giá trị chỉ tiêu trùng khớp / files reloaded, indicator values identical`]
    });
  } catch (e) {
    if (/no such table|does not exist/i.test((e as Error).message))
      throw new Error(`Kho dữ liệu chưa có bảng cần thiết (chưa nạp hoặc chưa chạy pipeline?) / the warehouse lacks tables: ${(e as Error).message}`);
    throw e;
  } finally {
    fresh.close();
    rmSync(work, {recursive: true, force: true});
  }
  return {ok: checks.every((c) => c.ok), checks};
}

async function main(): Promise<number> {
  let values;
  try {
    ({values} = parseArgs({options: {db: {type: "string", default: DEFAULT_DB}, archive: {type: "string"}}}));
  } catch (e) {
    console.error(`${(e as Error).message}\nCách dùng / usage: npm run verify -- [--db FILE] [--archive DIR]`);
    return 2;
  }
  console.log(`Kiểm tra kho dữ liệu ${values.db} / verifying the warehouse`);
  const report = await verifyWarehouse(values.db, {archiveDir: values.archive, log: (m) => console.log(`  ${m}`)});
  for (const c of report.checks) {
    console.log(`${c.ok ? "✓" : "✗"} ${c.name}`);
    for (const d of c.detail.slice(0, 20)) console.log(`    ${d}`);
    if (c.detail.length > 20) console.log(`    … và ${c.detail.length - 20} mục khác / and ${c.detail.length - 20} more`);
  }
  console.log(report.ok ? "Kho dữ liệu khớp với lưu trữ. / The warehouse matches its archive." : "CÓ SAI LỆCH — xem trên. / DISCREPANCIES found — see above.");
  return report.ok ? 0 : 1;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain)
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof WarehouseBusyError ? e.message : `Lỗi / error: ${(e as Error).message}`);
      process.exit(e instanceof WarehouseBusyError ? 3 : 1);
    }
  );
