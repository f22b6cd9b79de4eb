// How a published value is written in an export: shares as percentages (98.5, the unit "%" in the header),
// scores as they are, ranks as whole numbers with the number of units ranked. The quality index is a score, not
// a ratio: it has no numerator and denominator to show. Pure (no DOM).
import type {IndicatorMeta} from "./series.js";

export function round(x: number | null | undefined, digits: number): number | null {
  if (x == null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  // Math.round(1.005 * 100) is 100: nudge by the float's own error before rounding.
  return Math.round((x + Math.sign(x) * Number.EPSILON * Math.abs(x)) * f) / f;
}

/** The unit of an indicator's figures, as a header suffix: "(%)", "(điểm)", or nothing for a rank. */
export function unitSuffix(ind: IndicatorMeta): string {
  return ind.kind === "share" ? " (%)" : ind.kind === "score" ? " (điểm)" : "";
}

/** The unit in words, for the long table's "Đơn vị tính" column. */
export function unitWord(ind: IndicatorMeta): string {
  return ind.kind === "share" ? "%" : ind.kind === "score" ? "điểm (0–100)" : ind.kind === "rank" ? "thứ hạng" : "";
}

export interface Figure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/**
 * The figure of one unit × period × indicator: a share's value in percent (rounded to `digits`); a score's value
 * without numerator or denominator; a rank's value is the rank itself (whole) and its denominator the units ranked.
 */
export function exportFigure(ind: IndicatorMeta, numerator: number | null, denominator: number | null, value: number | null, digits = 1): Figure {
  if (ind.kind === "share") return {value: round(value == null ? null : value * 100, digits), numerator, denominator};
  if (ind.kind === "rank") return {value: numerator == null ? null : Math.round(numerator), numerator: null, denominator: denominator == null ? null : Math.round(denominator)};
  if (ind.kind === "score") return {value: round(value, digits), numerator: null, denominator: null};
  return {value: round(value, digits), numerator, denominator};
}

/** Change from one period to another: percentage points for shares, points for scores; none for ranks. */
export function exportChange(ind: IndicatorMeta, now: number | null | undefined, before: number | null | undefined, digits = 1): number | null {
  if (ind.kind === "rank" || now == null || before == null) return null;
  return round((now - before) * (ind.kind === "share" ? 100 : 1), digits);
}
