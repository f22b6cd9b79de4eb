// Implausible values (outliers) among peer units, with a documented method (shown on Chất lượng dữ liệu and
// Phương pháp). Pure functions: the statement of the method, tested under Node; the publish step computes the same
// in SQL over every grassroots organisation at once (pipelines/publish/quality.ts).
//
// Method, per indicator and year, among the grassroots organisations of the province that have a value and a
// denominator of at least MIN_DENOMINATOR:
//   1. Robust z-score (Iglewicz & Hoaglin's "modified z-score"): M = 0.6745 · (x − median) / MAD, where MAD is the
//      median absolute deviation from the median. When MAD = 0 (more than half the units share one value, often
//      100 %), M = (x − median) / (1.253314 · MeanAD) with the mean absolute deviation instead. A value with
//      |M| > Z_LIMIT (3.5) is flagged, provided it is at least MIN_GAP (6 points) away from the median (so that a spread of a
//      fraction of a point is not called implausible).
//   2. A change unlike the others' that year: among the units with a value in the year and the year before, the
//      unit's change minus the median change of those peers, as a robust z-score of the changes (the same
//      formula, on the changes). Flagged when |M| > Z_LIMIT and the change differs from the peers' median change by
//      at least JUMP_LIMIT (15 points). When the whole province rises by 20 points, a unit that rose by 20 is
//      not flagged; one that fell while the others rose is.
// A flag is a prompt to check the submission, not a verdict: a small organisation can legitimately be far from
// the others.

export const Z_LIMIT = 3.5;
export const MIN_DENOMINATOR = 24;
export const JUMP_LIMIT = {share: 0.15, score: 15, number: Infinity} as const;
export const MIN_GAP = {share: 0.06, score: 6, number: 0} as const;

export interface Observation {
  unit: string;
  year: number;
  value: number | null;
  denominator?: number | null;
}

export interface Summary {
  year: number;
  n: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
}

export interface Flag {
  unit: string;
  year: number;
  value: number;
  median: number;
  /** Robust z-score of the value (rule "z") or of the change (rule "jump") among the peers that year. */
  score: number | null;
  previous: number | null;
  /** Rule "jump": the median change of the peers that year. */
  peerChange: number | null;
  rule: "z" | "jump";
}

export function quantile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

export function median(values: number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/** Modified z-scores of the values (NaN for all when they are all equal). */
export function robustZ(values: number[]): number[] {
  const med = median(values);
  const dev = values.map((x) => Math.abs(x - med));
  const mad = median(dev);
  if (mad > 0) return values.map((x) => (0.6745 * (x - med)) / mad);
  const meanAD = dev.reduce((s, d) => s + d, 0) / (dev.length || 1);
  if (meanAD > 0) return values.map((x) => (x - med) / (1.253314 * meanAD));
  return values.map(() => NaN);
}

export type Kind = keyof typeof JUMP_LIMIT;

/** Per-year distribution summaries and flags for one indicator. */
export function findOutliers(observations: Observation[], kind: Kind): {summaries: Summary[]; flags: Flag[]} {
  const eligible = observations.filter(
    (o): o is Observation & {value: number} => o.value != null && Number.isFinite(o.value) && (o.denominator == null || o.denominator >= MIN_DENOMINATOR)
  );
  const years = [...new Set(eligible.map((o) => o.year))].sort((a, b) => a - b);
  const summaries: Summary[] = [];
  const flags: Flag[] = [];
  const medians = new Map<number, number>();
  for (const year of years) {
    const obs = eligible.filter((o) => o.year === year);
    const sorted = obs.map((o) => o.value).sort((a, b) => a - b);
    const med = quantile(sorted, 0.5);
    medians.set(year, med);
    summaries.push({
      year,
      n: sorted.length,
      p10: quantile(sorted, 0.1),
      p25: quantile(sorted, 0.25),
      median: med,
      p75: quantile(sorted, 0.75),
      p90: quantile(sorted, 0.9)
    });
    if (obs.length < 5) continue; // too few peers to call anything implausible
    const z = robustZ(obs.map((o) => o.value));
    obs.forEach((o, i) => {
      if (Number.isFinite(z[i]) && Math.abs(z[i]) > Z_LIMIT && Math.abs(o.value - med) >= MIN_GAP[kind]) {
        flags.push({unit: o.unit, year, value: o.value, median: med, score: z[i], previous: null, peerChange: null, rule: "z"});
      }
    });
  }
  // Changes from the previous year (consecutive years only), each year against the peers' changes that year.
  const byUnit = new Map<string, (Observation & {value: number})[]>();
  for (const o of eligible) byUnit.set(o.unit, [...(byUnit.get(o.unit) ?? []), o]);
  const changes = new Map<number, {unit: string; value: number; previous: number; change: number}[]>();
  for (const [unit, obs] of byUnit) {
    obs.sort((a, b) => a.year - b.year);
    for (let i = 1; i < obs.length; i++) {
      const prev = obs[i - 1];
      const cur = obs[i];
      if (cur.year !== prev.year + 1) continue;
      changes.set(cur.year, [...(changes.get(cur.year) ?? []), {unit, value: cur.value, previous: prev.value, change: cur.value - prev.value}]);
    }
  }
  for (const [year, cs] of changes) {
    if (cs.length < 5) continue; // too few peers to say what a usual change is
    const medChange = median(cs.map((c) => c.change));
    const z = robustZ(cs.map((c) => c.change));
    cs.forEach((c, i) => {
      if (Number.isFinite(z[i]) && Math.abs(z[i]) > Z_LIMIT && Math.abs(c.change - medChange) >= JUMP_LIMIT[kind]) {
        flags.push({unit: c.unit, year, value: c.value, median: medians.get(year) ?? NaN, score: z[i], previous: c.previous, peerChange: medChange, rule: "jump"});
      }
    });
  }
  flags.sort((a, b) => a.year - b.year || a.unit.localeCompare(b.unit) || (a.rule === b.rule ? 0 : a.rule === "z" ? -1 : 1));
  return {summaries, flags};
}
