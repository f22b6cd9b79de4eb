// The conference deck (Trình chiếu) as data: which slides to show for a unit and a year, each with one headline
// number and one chart. Pure (no DOM), so the choice of slides and their figures are tested under Node;
// slide-render.ts draws them.
import {direction, formatDelta, formatValue, meetsTarget, rankRows, Series} from "./series.js";
import type {IndicatorMeta, RankRow, SeriesUnit} from "./series.js";
import {formatNumber, formatTerm} from "./format.js";

export const MAX_INDICATOR_SLIDES = 6;

export type SlideSpec =
  | {kind: "title"; title: string; subtitle: string; unit: SeriesUnit; year: number}
  | {
      kind: "indicator";
      title: string;
      indicator: IndicatorMeta;
      headline: string;
      caption: string;
      tone: "good" | "bad" | "neutral";
      unit: SeriesUnit;
      reference: SeriesUnit | null;
      province: SeriesUnit | null;
      year: number;
    }
  | {kind: "ranking"; title: string; indicator: IndicatorMeta; headline: string; caption: string; rows: RankRow[]; unit: SeriesUnit; year: number; highlight: string | null; reference: {label: string; value: number | null} | null}
  | {kind: "terms"; title: string; headline: string; caption: string; unit: SeriesUnit; indicators: IndicatorMeta[]; terms: string[]}
  | {kind: "summary"; title: string; headline: string; caption: string; unit: SeriesUnit; reference: SeriesUnit | null; indicators: IndicatorMeta[]; year: number};

export interface DeckInput {
  series: Series;
  indicators: IndicatorMeta[];
  unit: string;
  year: number;
  /** The province code (the reference of committees). */
  province: string;
}

function shortName(u: SeriesUnit): string {
  return u.level === "tinh" ? "toàn tỉnh" : u.name;
}

/**
 * Slides for a unit and a year: a title slide, one slide per key indicator with a value (catalog order, at most
 * MAX_INDICATOR_SLIDES), the unit's rank among its siblings (or, for the province, its committees ranked), the
 * two terms side by side, and a summary against the targets. Between 6 and 10 slides in all when data allow.
 */
export function deckSpec({series, indicators, unit: code, year, province}: DeckInput): SlideSpec[] {
  const unit = series.unit(code);
  if (!unit) return [];
  const parentCode = unit.level === "tinh" ? null : unit.parent ?? province;
  const reference = parentCode ? series.unit(parentCode) ?? null : null;
  const provinceUnit = unit.level === "tinh" ? null : series.unit(province) ?? null;
  const prev = series.years.filter((y) => y < year).at(-1) ?? null;
  const first = series.years[0];
  const slides: SlideSpec[] = [
    {
      kind: "title",
      title: `Chất lượng sinh hoạt chi bộ năm ${year}`,
      subtitle: unit.name,
      unit,
      year
    }
  ];
  const withValue = indicators.filter((ind) => series.value(ind.indicator, unit.code, year) != null);
  for (const ind of withValue.slice(0, MAX_INDICATOR_SLIDES)) {
    const v = series.value(ind.indicator, unit.code, year);
    const p = prev == null ? null : series.value(ind.indicator, unit.code, prev);
    const f = series.value(ind.indicator, unit.code, first);
    const r = reference ? series.value(ind.indicator, reference.code, year) : null;
    const meets = meetsTarget(v, ind);
    const parts = [
      p != null && v != null ? `${formatDelta(v - p, ind.kind)} so với ${prev}` : null,
      f != null && v != null && first !== year ? `${formatDelta(v - f, ind.kind)} so với ${first}` : null,
      reference && r != null ? `${shortName(reference)}: ${formatValue(r, ind.kind)}` : null,
      ind.target != null ? `mục tiêu ${ind.higherIsBetter ? "≥" : "≤"} ${formatValue(ind.target, ind.kind, 0)}: ${meets ? "đạt" : "chưa đạt"}` : null
    ].filter(Boolean);
    const d = p != null && v != null ? direction(v - p, ind) : 0;
    slides.push({
      kind: "indicator",
      title: ind.name,
      indicator: ind,
      headline: formatValue(v, ind.kind),
      caption: parts.join(" · "),
      tone: meets === false ? "bad" : d < 0 ? "bad" : d > 0 || meets ? "good" : "neutral",
      unit,
      reference,
      province: provinceUnit && provinceUnit.code !== reference?.code ? provinceUnit : null,
      year
    });
  }
  // Ranking: the unit among its siblings, or the province's committees.
  const rankIndicator =
    indicators.find((d) => d.kind === "score" && series.value(d.indicator, unit.code, year) != null) ?? withValue[0] ?? indicators[0];
  if (rankIndicator) {
    const siblings = unit.level === "tinh" ? series.children(unit.code) : reference ? series.children(reference.code) : [];
    const peers = siblings.filter((s) => s.level === unit.level || unit.level === "tinh" || ["dang_bo_co_so", "chi_bo_co_so"].includes(s.level));
    const ownValue = series.value(rankIndicator.indicator, unit.code, year);
    if (peers.length >= 2 && (unit.level === "tinh" || ownValue != null)) {
      const rows = rankRows(series, {indicator: rankIndicator, units: peers, from: first, to: year, measure: "value", mode: "reported"});
      const ranked = rows.filter((r) => r.value != null);
      const own = rows.find((r) => r.code === unit.code);
      const metCount = ranked.filter((r) => meetsTarget(r.value, rankIndicator)).length;
      if (ranked.length >= 2) slides.push({
        kind: "ranking",
        title:
          unit.level === "tinh"
            ? `${rankIndicator.short}: các đảng bộ trực thuộc năm ${year}`
            : `${rankIndicator.short}: xếp hạng trong ${reference?.level === "tinh" ? "các đảng bộ trực thuộc tỉnh" : `các đơn vị của ${reference?.name ?? ""}`}`,
        indicator: rankIndicator,
        headline: unit.level === "tinh" ? `${metCount}/${ranked.length}` : own?.rank != null ? `Hạng ${own.rank}/${ranked.length}` : "–",
        caption:
          unit.level === "tinh"
            ? `đảng bộ đạt mục tiêu ${rankIndicator.target != null ? formatValue(rankIndicator.target, rankIndicator.kind, 0) : ""} năm ${year}`.replace(/\s+năm/, " năm")
            : `${unit.name}: ${formatValue(own?.value ?? null, rankIndicator.kind)} năm ${year}`,
        rows,
        unit,
        year,
        highlight: unit.level === "tinh" ? null : unit.code,
        reference: {label: unit.level === "tinh" ? "Toàn tỉnh" : shortName(reference!), value: series.value(rankIndicator.indicator, (unit.level === "tinh" ? unit : reference!).code, year)}
      });
    }
  }
  // The two terms side by side.
  const terms = series.terms.slice(-2);
  if (terms.length === 2) {
    // Shares only (one axis); the chart shows the first eight, the headline counts them all.
    const both = withValue.filter((ind) => ind.kind === "share" && terms.every((t) => series.term(ind.indicator, unit.code, t) != null));
    if (both.length) {
      const better = both.filter((ind) => direction(series.term(ind.indicator, unit.code, terms[1])! - series.term(ind.indicator, unit.code, terms[0])!, ind) > 0).length;
      slides.push({
        kind: "terms",
        title: `Hai nhiệm kỳ: ${formatTerm(terms[0])} và ${formatTerm(terms[1])}`,
        headline: `${better}/${both.length}`,
        caption:
          `tỷ lệ tốt lên so với nhiệm kỳ trước (nhiệm kỳ ${formatTerm(terms[1])} tính đến hết năm ${series.years.at(-1)})` +
          (both.length > 8 ? `; biểu đồ: 8 tỷ lệ đầu danh mục` : ""),
        unit,
        indicators: both.slice(0, 8),
        terms
      });
    }
  }
  // Summary against the targets.
  const withTarget = withValue.filter((ind) => ind.target != null && ind.kind === "share");
  if (withTarget.length) {
    const met = withTarget.filter((ind) => meetsTarget(series.value(ind.indicator, unit.code, year), ind)).length;
    slides.push({
      kind: "summary",
      title: `Tổng hợp năm ${year}: so với ${reference ? shortName(reference) : "mục tiêu"}`,
      headline: `${met}/${withTarget.length}`,
      caption: `chỉ tiêu đạt mục tiêu năm ${year}${withValue.length > withTarget.length ? ` (${formatNumber(withValue.length - withTarget.length)} chỉ tiêu khác không có mục tiêu)` : ""}`,
      unit,
      reference,
      indicators: withTarget,
      year
    });
  }
  return slides;
}

export {Series};
