// Who is ranked: a share resting on few cases (a one-cell organisation at 0 % or 100 %) is not ranked with the
// others. A unit whose denominator is below the minimum is shown as "ít dữ liệu" and left out of the ranking
// unless the reader asks for it. The minimum comes from the published indicator catalog (minDenominator) when it
// has one; otherwise MIN_DENOMINATOR below. Pure: no DOM.
import type {IndicatorMeta, RankRow} from "./series.js";

/**
 * Default minimum denominator for ranking a share: with fewer than 20 cases (cell-months, meetings, members…)
 * one case moves the share by 5 points or more. Applies to shares only (scores have no case count).
 */
export const MIN_DENOMINATOR = 20;

type RuleMeta = Pick<IndicatorMeta, "kind"> & {minDenominator?: number | null};

/** The minimum for an indicator, or null when the rule does not apply (not a share). */
export function minDenominator(ind: RuleMeta, site?: {minDenominator?: number | null} | null): number | null {
  if (ind.kind !== "share") return null;
  const fromCatalog = ind.minDenominator ?? site?.minDenominator;
  return fromCatalog != null && Number.isFinite(fromCatalog) && fromCatalog > 0 ? fromCatalog : MIN_DENOMINATOR;
}

export interface RuledRow extends RankRow {
  /** The denominator behind the figure (in change mode the smaller of the two years'). */
  denominator: number | null;
  /** Below the minimum denominator: "ít dữ liệu". */
  thin: boolean;
}

export interface RuleOptions {
  min: number | null;
  /** Rank the thin units with the others (they stay marked). */
  includeThin?: boolean;
  /** Change mode: the denominator of both years counts. */
  change?: boolean;
  year: number;
}

/**
 * The rows of rankRows (best first) with denominators, thin units marked and, unless included, moved after the
 * ranked ones without a rank; ranks (1, 2, 2, 4 on the values as shown) counted among the ranked units only.
 */
export function applyRankingRule(rows: RankRow[], denominatorOf: (code: string, year: number) => number | null, opts: RuleOptions): RuledRow[] {
  const ruled: RuledRow[] = rows.map((r) => {
    const years = opts.change && r.baseYear != null ? [r.baseYear, opts.year] : [opts.year];
    const ds = years.map((y) => denominatorOf(r.code, y));
    const denominator = ds.some((d) => d == null) ? null : Math.min(...(ds as number[]));
    const thin = opts.min != null && r.value != null && denominator != null && denominator < opts.min;
    return {...r, denominator, thin, rank: null};
  });
  const ranked = ruled.filter((r) => r.value != null && (!r.thin || opts.includeThin));
  const thinOut = ruled.filter((r) => r.value != null && r.thin && !opts.includeThin);
  const missing = ruled.filter((r) => r.value == null);
  let prev: number | null = null;
  let prevRank = 0;
  ranked.forEach((r, i) => {
    const shown = Math.round((r.value as number) * 1e4);
    r.rank = prev != null && shown === prev ? prevRank : i + 1;
    prev = shown;
    prevRank = r.rank;
  });
  return [...ranked, ...thinOut, ...missing];
}

/** Denominators from a published export file (units × periods, `d[indicator][unit][i]` aligned with `periods`). */
export function exportDenominators(file: {periods: string[]; d: Record<string, Record<string, (number | null)[]>>} | null | undefined, indicator: string) {
  const byUnit = file?.d?.[indicator] ?? {};
  const index = new Map((file?.periods ?? []).map((p, i) => [p, i]));
  return (code: string, year: number): number | null => {
    const i = index.get(String(year));
    return i == null ? null : (byUnit[code]?.[i] ?? null);
  };
}
