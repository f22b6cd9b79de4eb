// Fitting text into a chart: year ticks thinned so that their labels never run together on a narrow screen, and
// line-end labels kept only as many as fit one per line (the rest dropped, most important first). Pure: no DOM.

/** Approximate width in px of a text in the site's font (digits and Vietnamese letters ≈ 0,6 em). */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.6;
}

/**
 * Every k-th of `values` (always the last one), k as small as lets labels of `labelWidth` px sit `spacing` px
 * apart with at least `gap` px between them.
 */
export function thinTicks<T>(values: T[], spacing: number, labelWidth: number, gap = 8): T[] {
  if (values.length <= 1 || !(spacing > 0)) return values.slice(-1);
  const step = Math.max(1, Math.ceil((labelWidth + gap) / spacing));
  const out: T[] = [];
  for (let i = values.length - 1; i >= 0; i -= step) out.unshift(values[i]);
  return out;
}

/** Year ticks for a continuous year axis of `span` px (first to last year). */
export function yearTicks(years: number[], span: number, fontSize: number): number[] {
  const spacing = years.length > 1 ? span / (years.length - 1) : span;
  return thinTicks(years, spacing, textWidth("2000", fontSize));
}

/**
 * Labels (in order of importance) spread vertically in [min, max] at least `gap` apart; those beyond what fits
 * are dropped rather than drawn over each other.
 */
export function fitLabels<T extends {py: number}>(labels: T[], gap: number, min: number, max: number): T[] {
  const capacity = Math.max(1, Math.floor((max - min) / gap) + 1);
  return spreadLabels(labels.slice(0, capacity), gap, min, max);
}

/** Spreads labels vertically (pixel positions) so that none is closer than `gap` to its neighbour. */
export function spreadLabels<T extends {py: number}>(labels: T[], gap: number, min: number, max: number): T[] {
  const sorted = [...labels].sort((a, b) => a.py - b.py);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].py - sorted[i - 1].py < gap) sorted[i].py = sorted[i - 1].py + gap;
  }
  const overflow = sorted.length ? sorted[sorted.length - 1].py - max : 0;
  if (overflow > 0) for (const l of sorted) l.py -= overflow;
  for (let i = sorted.length - 2; i >= 0; i--) {
    if (sorted[i + 1].py - sorted[i].py < gap) sorted[i].py = sorted[i + 1].py - gap;
  }
  for (const l of sorted) l.py = Math.max(min, l.py);
  return sorted;
}

/**
 * Round tick values between lo and hi (steps of 1, 2 or 5 × 10^k) as many as fit in `span` px with labels
 * of `labelWidth` px and `gap` px between them; at least one.
 */
export function fitTicks(lo: number, hi: number, span: number, labelWidth: number, gap = 10): number[] {
  if (!(hi > lo) || !(span > 0)) return [lo];
  const minStep = ((labelWidth + gap) / span) * (hi - lo);
  const power = 10 ** Math.floor(Math.log10(minStep));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= minStep - 1e-12) ?? 10 * power;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out.length ? out : [lo];
}
