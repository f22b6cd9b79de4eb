// The conference deck (Trình chiếu) as data: which slides to show for a unit and a year, each with one headline
// number and one chart. Pure (no DOM), so the choice of slides and their figures are tested under Node;
// slide-render.ts draws them.
import {direction, formatDelta, formatValue, meetsTarget, rankRows, Series} from "./series.js";
import type {IndicatorMeta, RankRow, SeriesUnit} from "./series.js";
import {formatNumber, formatTerm} from "./format.js";
import {indicatorFinding, rankingFinding, targetsFinding, termsFinding} from "./slide-findings.js";

export const MAX_INDICATOR_SLIDES = 6;

export type SlideSpec =
  | {kind: "title"; title: string; subtitle: string; unit: SeriesUnit; year: number}
  | {
      kind: "indicator";
      /** The finding, made from the figures (slide-findings.ts). */
      title: string;
      /** What the slide is about (the indicator's name and the year), above the finding. */
      kicker: string;
      indicator: IndicatorMeta;
      headline: string;
      caption: string;
      tone: "good" | "bad" | "neutral";
      unit: SeriesUnit;
      reference: SeriesUnit | null;
      province: SeriesUnit | null;
      year: number;
    }
  | {kind: "ranking"; title: string; kicker: string; indicator: IndicatorMeta; headline: string; caption: string; rows: RankRow[]; unit: SeriesUnit; year: number; highlight: string | null; reference: {label: string; value: number | null} | null}
  | {kind: "terms"; title: string; kicker: string; headline: string; caption: string; unit: SeriesUnit; indicators: IndicatorMeta[]; terms: string[]}
  | {kind: "summary"; title: string; kicker: string; headline: string; caption: string; unit: SeriesUnit; reference: SeriesUnit | null; indicators: IndicatorMeta[]; year: number};

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

const GRASSROOTS = ["dang_bo_co_so", "chi_bo_co_so"];

/** The units one level down that a finding counts ("3/10 đảng bộ chưa đạt …"), with their noun. */
function partsOf(series: Series, unit: SeriesUnit): {noun: string; units: SeriesUnit[]} | null {
  if (unit.level === "tinh") return {noun: "đảng bộ", units: series.children(unit.code).filter((u) => u.level === "tren_co_so")};
  if (unit.level === "tren_co_so") {
    const units = series.children(unit.code).filter((u) => GRASSROOTS.includes(u.level));
    return units.length ? {noun: "tổ chức cơ sở đảng", units} : null;
  }
  return null;
}

/**
 * Slides for a unit and a year: a title slide, one slide per key indicator with a value (catalog order, at most
 * MAX_INDICATOR_SLIDES), the unit's rank among its siblings (or, for the province, its committees ranked), the
 * two terms side by side, and a summary against the targets. Between 6 and 10 slides in all when data allow.
 * Each slide's title is its finding; a target, a status against it or a count of units meeting it is stated
 * only for an indicator that has a target.
 */
export function deckSpec({series, indicators, unit: code, year, province}: DeckInput): SlideSpec[] {
  const unit = series.unit(code);
  if (!unit) return [];
  const parentCode = unit.level === "tinh" ? null : unit.parent ?? province;
  const reference = parentCode ? series.unit(parentCode) ?? null : null;
  const provinceUnit = unit.level === "tinh" ? null : series.unit(province) ?? null;
  const prev = series.years.filter((y) => y < year).at(-1) ?? null;
  const first = series.years[0];
  const parts = partsOf(series, unit);
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
    const v = series.value(ind.indicator, unit.code, year)!;
    const p = prev == null ? null : series.value(ind.indicator, unit.code, prev);
    const f = series.value(ind.indicator, unit.code, first);
    const r = reference ? series.value(ind.indicator, reference.code, year) : null;
    const meets = meetsTarget(v, ind);
    const captionParts = [
      p != null ? `${formatDelta(v - p, ind.kind)} so với ${prev}` : null,
      f != null && first !== year ? `${formatDelta(v - f, ind.kind)} so với ${first}` : null,
      reference && r != null ? `${shortName(reference)}: ${formatValue(r, ind.kind)}` : null,
      ind.target != null ? `mục tiêu ${ind.higherIsBetter ? "≥" : "≤"} ${formatValue(ind.target, ind.kind, 0)}: ${meets ? "đạt" : "chưa đạt"}` : null
    ].filter(Boolean);
    const d = p != null ? direction(v - p, ind) : 0;
    slides.push({
      kind: "indicator",
      title: indicatorFinding({
        indicator: ind,
        value: v,
        base: first !== year ? {year: first, value: f} : null,
        parts: parts ? {noun: parts.noun, values: parts.units.map((u) => ({name: u.name, value: series.value(ind.indicator, u.code, year)}))} : null,
        reference: reference && !parts ? {label: reference.name, value: r} : null
      }),
      kicker: `${ind.name} · năm ${year}`,
      indicator: ind,
      headline: formatValue(v, ind.kind),
      caption: captionParts.join(" · "),
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
    const peers = siblings.filter((s) => s.level === unit.level || unit.level === "tinh" || GRASSROOTS.includes(s.level));
    const ownValue = series.value(rankIndicator.indicator, unit.code, year);
    if (peers.length >= 2 && (unit.level === "tinh" || ownValue != null)) {
      const rows = rankRows(series, {indicator: rankIndicator, units: peers, from: first, to: year, measure: "value", mode: "reported"});
      const ranked = rows.filter((r) => r.value != null);
      const own = rows.find((r) => r.code === unit.code);
      const isProvince = unit.level === "tinh";
      const noun = isProvince || unit.level === "tren_co_so" ? "đảng bộ" : "tổ chức cơ sở đảng";
      const among = isProvince ? "" : reference?.level === "tinh" ? "trực thuộc tỉnh" : `của ${reference?.name ?? ""}`;
      const hasTarget = rankIndicator.target != null;
      const metCount = ranked.filter((r) => meetsTarget(r.value, rankIndicator)).length;
      const referenceUnit = isProvince ? unit : reference!;
      const referenceValue = series.value(rankIndicator.indicator, referenceUnit.code, year);
      if (ranked.length >= 2) slides.push({
        kind: "ranking",
        title: rankingFinding({indicator: rankIndicator, year, rows, own: isProvince ? null : {code: unit.code, name: unit.name}, noun, among}),
        kicker: isProvince ? `${rankIndicator.name} · các đảng bộ trực thuộc · năm ${year}` : `${rankIndicator.name} · xếp hạng ${among} · năm ${year}`,
        indicator: rankIndicator,
        // The province has no rank: with a target, how many committees meet it; without one, its own level.
        headline: !isProvince ? (own?.rank != null ? `Hạng ${own.rank}/${ranked.length}` : "–") : hasTarget ? `${metCount}/${ranked.length}` : formatValue(referenceValue, rankIndicator.kind),
        caption: !isProvince
          ? `${unit.name}: ${formatValue(own?.value ?? null, rankIndicator.kind)} năm ${year}`
          : hasTarget
            ? `đảng bộ đạt mục tiêu ${formatValue(rankIndicator.target, rankIndicator.kind, 0)} năm ${year}`
            : `toàn tỉnh năm ${year}; ${formatNumber(ranked.length)} đảng bộ có số liệu`,
        rows,
        unit,
        year,
        highlight: isProvince ? null : unit.code,
        reference: {label: isProvince ? "Toàn tỉnh" : shortName(reference!), value: referenceValue}
      });
    }
  }
  // The two terms side by side.
  const terms = series.terms.slice(-2);
  if (terms.length === 2) {
    // Shares only (one axis); the chart shows the first eight, the headline counts them all.
    const both = withValue.filter((ind) => ind.kind === "share" && terms.every((t) => series.term(ind.indicator, unit.code, t) != null));
    if (both.length) {
      const rows = both.map((ind) => ({indicator: ind, before: series.term(ind.indicator, unit.code, terms[0])!, after: series.term(ind.indicator, unit.code, terms[1])!}));
      const better = rows.filter((r) => direction(r.after - r.before, r.indicator) > 0).length;
      slides.push({
        kind: "terms",
        title: termsFinding({rows, before: formatTerm(terms[0])}),
        kicker: `Hai nhiệm kỳ: ${formatTerm(terms[0])} và ${formatTerm(terms[1])}`,
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
  // Summary against the targets: only the indicators that have one.
  const withTarget = withValue.filter((ind) => ind.target != null && ind.kind === "share");
  if (withTarget.length) {
    const met = withTarget.filter((ind) => meetsTarget(series.value(ind.indicator, unit.code, year), ind)).length;
    slides.push({
      kind: "summary",
      title: targetsFinding(withTarget.map((ind) => ({indicator: ind, value: series.value(ind.indicator, unit.code, year)})), year)!,
      kicker: `Tổng hợp năm ${year}: so với mục tiêu${reference ? ` và ${shortName(reference)}` : ""}`,
      headline: `${met}/${withTarget.length}`,
      caption: `chỉ tiêu có mục tiêu đã đạt năm ${year}${withValue.length > withTarget.length ? ` (${formatNumber(withValue.length - withTarget.length)} chỉ tiêu khác không có mục tiêu)` : ""}`,
      unit,
      reference,
      indicators: withTarget,
      year
    });
  }
  return slides;
}

export {Series};
