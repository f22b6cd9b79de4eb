// WCAG 2.x contrast: relative luminance of sRGB colours and the ratio between two of them. Used to check the
// palette (test/components/palette.test.ts) and to write a figure inside a coloured cell in the colour that
// reads best on it (heat map). Pure: no DOM.

/** [r, g, b] in 0–255 from "#rgb", "#rrggbb" or "rgb(r, g, b)"; null when the text is not one of these. */
export function parseColor(color: string): [number, number, number] | null {
  const c = color.trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(c);
  if (m) return [...m[1]].map((h) => parseInt(h + h, 16)) as [number, number, number];
  m = /^#([0-9a-f]{6})$/.exec(c);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1].slice(i, i + 2), 16)) as [number, number, number];
  const r = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(c);
  if (r) return [Number(r[1]), Number(r[2]), Number(r[3])];
  if (c === "white") return [255, 255, 255];
  if (c === "black") return [0, 0, 0];
  return null;
}

/** WCAG relative luminance (0 black – 1 white). */
export function relativeLuminance(color: string): number {
  const rgb = parseColor(color);
  if (!rgb) throw new Error(`Not a colour: ${color}`);
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1–21 (≥ 4.5 for text, ≥ 3 for graphics and large text). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * A text colour for `background`: the first candidate that reaches `min` (4.5:1), else the one with the highest
 * contrast (black or white always reaches 4.5:1 on any colour; the site's near-black and white do not on mid-tones).
 */
export function readableOn(background: string, candidates: string[] = ["#1b1e23", "#ffffff", "#000000"], min = 4.5): string {
  return (
    candidates.find((c) => contrastRatio(c, background) >= min) ??
    candidates.reduce((best, c) => (contrastRatio(c, background) > contrastRatio(best, background) ? c : best))
  );
}
