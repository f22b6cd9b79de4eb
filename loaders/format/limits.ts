// Input limits: what the loader refuses to read, so that a hostile or broken file (a huge file, a line of
// millions of characters, an unclosed quote swallowing the rest of the file, a zip bomb renamed .xlsx) is
// refused quickly with a located file-level problem instead of exhausting memory or time. Every limit has a
// default that the largest real submissions (and the 10-million-row benchmark, about 900 MB) stay far below;
// each can be changed through IngestOptions.limits and the command-line flags (docs/security.md).

export interface Limits {
  /** largest file read at all (bytes); default 2 GiB (`--max-file-mb`) */
  maxFileBytes: number;
  /** longest record: its cells' characters plus the delimiters, a quoted record spanning lines counted whole; default 65 536 (`--max-record-chars`) */
  maxRecordChars: number;
  /** longest cell (characters); default 10 000 (`--max-field-chars`) */
  maxFieldChars: number;
  /**
   * largest total of the uncompressed sizes of a workbook's zip entries (bytes); default 32 MiB (`--max-xlsx-mb`).
   * exceljs holds a whole workbook in memory, about 30 bytes of memory per byte of sheet XML (a 27 MB sheet of
   * 100 000 rows peaked at 780 MB): larger submissions should be CSV.
   */
  maxXlsxBytes: number;
  /** largest compression ratio of a workbook entry larger than 1 MiB uncompressed; default 200 (`--max-xlsx-ratio`) */
  maxXlsxRatio: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 2048 * 2 ** 20,
  maxRecordChars: 65_536,
  maxFieldChars: 10_000,
  maxXlsxBytes: 32 * 2 ** 20,
  maxXlsxRatio: 200
});

/** Entries smaller than this (uncompressed) are not held to the ratio: small XML parts compress very well. */
export const XLSX_RATIO_MIN_BYTES = 1 << 20;
/** Most entries a workbook may hold. */
export const XLSX_MAX_ENTRIES = 10_000;

/** The defaults with the given limits applied (undefined values keep the default). */
export function resolveLimits(given: Partial<Limits> = {}): Limits {
  const out: Limits = {...DEFAULT_LIMITS};
  for (const k of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const v = given[k];
    if (v !== undefined) {
      if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) throw new RangeError(`limit ${k} must be a positive number, not ${String(v)}`);
      out[k] = v;
    }
  }
  return out;
}

/** Readable sizes for the messages. */
export function formatBytes(n: number): string {
  if (n >= 2 ** 30 && n % 2 ** 30 === 0) return `${n / 2 ** 30} GiB`;
  if (n >= 2 ** 20) return `${Math.round((n / 2 ** 20) * 10) / 10} MiB`;
  if (n >= 2 ** 10) return `${Math.round((n / 2 ** 10) * 10) / 10} KiB`;
  return `${n} B`;
}

/** Parses a command-line limit: a positive number (MB flags may be fractional). */
export function parseLimitFlag(name: string, value: string | undefined, scale = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`--${name}: ${JSON.stringify(value)} is not a positive number`);
  return Math.floor(n * scale);
}

/** The command-line flags of the limits (shared by ingest and validate). */
export const LIMIT_FLAGS = {
  "max-file-mb": {type: "string"},
  "max-record-chars": {type: "string"},
  "max-field-chars": {type: "string"},
  "max-xlsx-mb": {type: "string"},
  "max-xlsx-ratio": {type: "string"}
} as const;

export const LIMIT_USAGE = `  --max-file-mb N       tệp lớn hơn N MB bị từ chối / refuse files over N MiB (default ${DEFAULT_LIMITS.maxFileBytes / 2 ** 20})
  --max-record-chars N  dòng dài hơn N ký tự bị từ chối / refuse rows over N characters (default ${DEFAULT_LIMITS.maxRecordChars})
  --max-field-chars N   ô dài hơn N ký tự bị từ chối / refuse cells over N characters (default ${DEFAULT_LIMITS.maxFieldChars})
  --max-xlsx-mb N       tệp Excel giải nén ra hơn N MB bị từ chối / refuse workbooks over N MiB uncompressed (default ${DEFAULT_LIMITS.maxXlsxBytes / 2 ** 20})
  --max-xlsx-ratio N    mục nén hơn N lần bị từ chối / refuse workbook entries compressed over N times (default ${DEFAULT_LIMITS.maxXlsxRatio})`;

/** The limits given on a command line (throws RangeError for a value that is not a positive number). */
export function limitsFromFlags(values: Partial<Record<keyof typeof LIMIT_FLAGS, string>>): Partial<Limits> {
  return {
    maxFileBytes: parseLimitFlag("max-file-mb", values["max-file-mb"], 2 ** 20),
    maxRecordChars: parseLimitFlag("max-record-chars", values["max-record-chars"]),
    maxFieldChars: parseLimitFlag("max-field-chars", values["max-field-chars"]),
    maxXlsxBytes: parseLimitFlag("max-xlsx-mb", values["max-xlsx-mb"], 2 ** 20),
    maxXlsxRatio: parseLimitFlag("max-xlsx-ratio", values["max-xlsx-ratio"])
  };
}
