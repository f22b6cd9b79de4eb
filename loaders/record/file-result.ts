// What ingesting takes and gives back: the files and options of a run, and each file's result (its ledger row,
// status, counts and first problems).
import type {Problem} from "../format/codes.ts";
import type {Limits} from "../format/limits.ts";
import type {Kind} from "../format/schemas.ts";

export type Status = "accepted" | "partial" | "rejected" | "superseded" | "duplicate";

export interface FileResult {
  file: string;
  sha256: string;
  /** the ledger row (0 for a dry run) */
  submissionId: number;
  kind: Kind | null;
  committee: string | null;
  years: number[] | null;
  status: Status;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** the first problems (file-level first, then by line); all are stored in rejected_rows */
  problems: Problem[];
  /** how many problems in all, and how many of them are warnings */
  problemCount: number;
  warningCount: number;
  message: string;
  /** how the file was read: DuckDB directly, or rewritten first (small files, Excel, other encodings, ...) */
  readPath?: "direct" | "rewrite";
  /** a large canonical file loaded by the fast plan (no distinct-value pass) */
  fastPath?: boolean;
}

export interface IngestOptions {
  /** load the valid rows of a file with errors (default: reject the whole file) */
  partial?: boolean;
  /** when the file was received (ISO date or timestamp); default now */
  receivedAt?: string;
  /** folder for the original bytes; default <warehouse dir>/archive */
  archiveDir?: string;
  /** the day of submission for the no-meetings-after-submission rule; default the received date, else today */
  today?: string;
  /** check only: nothing is written to the warehouse, the result says what ingesting would do */
  dryRun?: boolean;
  /** read through the rewrite path even when DuckDB could read the file directly (tests) */
  forceRewrite?: boolean;
  /** read a small file through the direct path when it qualifies (tests) */
  forceDirect?: boolean;
  /** input limits (file size, record and cell length, workbook size); unset ones keep the defaults of loaders/limits.ts */
  limits?: Partial<Limits>;
  /** progress of the long steps: phase, done, total (bytes, or percent of a DuckDB step), and the file */
  onProgress?: (phase: string, done: number, total: number, file: string) => void;
}

/** One file to ingest and, optionally, when it was received and the last day its meeting log covers. */
export interface IngestInput {
  path: string;
  receivedAt?: string;
  /** ISO date: a meeting log of a year in progress declares the last day it covers (months after it are not due) */
  periodTo?: string;
}
