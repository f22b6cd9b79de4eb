// Framework only ships files that pages name literally, so data split by committee goes into a fixed number of
// bucket files (data/series/g00.json … g15.json); each committee is in exactly one bucket.

export const BUCKETS = 16;

export function bucketName(i: number, prefix = "g"): string {
  return `${prefix}${String(i).padStart(2, "0")}`;
}

/** Committee code → bucket: committees in display order, round robin. */
export function committeeBuckets(committees: string[]): Record<string, number> {
  return Object.fromEntries(committees.map((code, i) => [code, i % BUCKETS]));
}
