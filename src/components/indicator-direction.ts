// Which way is better for each indicator: up, down, or neither. The catalog's higher_is_better says up (true) or
// down (false); a catalog without an answer (null) means neither. Some shares are a middle category of a rating
// scale: their fall can be an improvement (Khá → Tốt) as well as a decline (Khá → Trung bình), so a change of them
// is shown without good/bad colours. That list is kept here, in one place.
import type {IndicatorMeta} from "./series.js";

export type Direction = "higher" | "lower" | "neutral";

/** Middle categories of a rating scale (meetings: Tốt > Khá > Trung bình > Kém; annual: HTXS > HTT > HT > KHT). */
export const NEUTRAL_INDICATORS: ReadonlySet<string> = new Set([
  "meeting_rating_fair_share",
  "meeting_rating_average_share",
  "org_rating_htt_share",
  "org_rating_ht_share",
  "cell_rating_htt_share",
  "cell_rating_ht_share"
]);

type DirectionMeta = Pick<IndicatorMeta, "indicator"> & {higherIsBetter?: boolean | null; direction?: string | null};

export function indicatorDirection(ind: DirectionMeta): Direction {
  if (ind.direction === "higher" || ind.direction === "lower" || ind.direction === "neutral") return ind.direction;
  if (NEUTRAL_INDICATORS.has(ind.indicator) || ind.higherIsBetter == null) return "neutral";
  return ind.higherIsBetter ? "higher" : "lower";
}

export type Tone = "good" | "bad" | "neutral" | "flat";

/** How a change reads: good or bad by the indicator's direction, "neutral" when it has none, "flat" for ~0. */
export function changeTone(delta: number | null | undefined, ind: DirectionMeta & Partial<Pick<IndicatorMeta, "kind">>): Tone | null {
  if (delta == null || !Number.isFinite(delta)) return null;
  const eps = (ind.kind ?? "share") === "share" ? 0.0005 : 0.05;
  if (Math.abs(delta) < eps) return "flat";
  const d = indicatorDirection(ind);
  if (d === "neutral") return "neutral";
  return (delta > 0) === (d === "higher") ? "good" : "bad";
}
