// One-sentence findings for slide titles and the overview's opening line, made from the figures themselves
// ("Sinh hoạt thường kỳ đạt 98,5 %, tăng 8,4 điểm % so với 2016; 3 đảng bộ chưa đạt mục tiêu 100 %"). Pure: no
// DOM, so every sentence is tested under Node. A target is mentioned only for an indicator that has one.
import {formatNumber} from "./format.js";
import {direction, formatValue, meetsTarget} from "./series.js";
import type {IndicatorMeta, IndicatorKind} from "./series.js";

type Ind = Pick<IndicatorMeta, "short" | "kind" | "target" | "higherIsBetter">;

export interface NamedValue {
  name: string;
  value: number | null;
}

/** A change without its sign, worded: "tăng 8,4 điểm %", "giảm 1,0 điểm", "không đổi". */
export function changeWords(delta: number, kind: IndicatorKind): string {
  const size = kind === "share" ? Math.abs(delta) * 100 : Math.abs(delta);
  const text = formatNumber(size, 1);
  if (!/[1-9]/.test(text)) return "không đổi";
  const unit = kind === "share" ? "điểm\u00a0%" : "điểm";
  return `${delta > 0 ? "tăng" : "giảm"} ${text}\u00a0${unit}`;
}

/** "Sinh hoạt thường kỳ đạt 98,5 %" (higher is better) or "Vắng không lý do ở mức 2,1 %". */
function level(ind: Ind, value: number): string {
  return `${ind.short} ${ind.higherIsBetter ? "đạt" : "ở mức"} ${formatValue(value, ind.kind)}`;
}

function targetText(ind: Ind): string {
  return `mục tiêu ${ind.higherIsBetter ? "" : "≤\u00a0"}${formatValue(ind.target, ind.kind, 0)}`;
}

/** "thấp nhất: Huyện ủy Lâm Bình 96,1 %" ("cao nhất" when lower is better: the weakest unit either way). */
function weakest(ind: Ind, values: {name: string; value: number}[]): string {
  const worst = [...values].sort((a, b) => (ind.higherIsBetter ? a.value - b.value : b.value - a.value))[0];
  return `${ind.higherIsBetter ? "thấp nhất" : "cao nhất"}: ${worst.name} ${formatValue(worst.value, ind.kind)}`;
}

export interface IndicatorFindingInput {
  indicator: Ind;
  value: number;
  /** The earlier year the change is counted from (the first year of the series), with its value. */
  base?: {year: number; value: number | null} | null;
  /** The units one level down (province → its committees, committee → its grassroots organisations). */
  parts?: {noun: string; values: NamedValue[]} | null;
  /** For a unit without parts shown: the level above it ("Huyện ủy Lâm Bình"). */
  reference?: {label: string; value: number | null} | null;
}

/**
 * The finding of an indicator slide: the level, the change since the base year, then what stands out below it
 * (units short of the target, or the lowest unit when there is no target), or the gap to the level above.
 */
export function indicatorFinding({indicator: ind, value, base = null, parts = null, reference = null}: IndicatorFindingInput): string {
  let first = level(ind, value);
  if (base && base.value != null) first += `, ${changeWords(value - base.value, ind.kind)} so với ${base.year}`;
  const rest: string[] = [];
  const shown = parts?.values.filter((p): p is {name: string; value: number} => p.value != null) ?? [];
  if (parts && shown.length >= 2) {
    if (ind.target != null) {
      const short = shown.filter((p) => meetsTarget(p.value, ind) === false).length;
      if (short === 0) rest.push(`mọi ${parts.noun} đạt ${targetText(ind)}`);
      else if (short < shown.length) rest.push(`${formatNumber(short)}/${formatNumber(shown.length)} ${parts.noun} chưa đạt ${targetText(ind)}`);
      else rest.push(`chưa ${parts.noun} nào đạt ${targetText(ind)}, ${weakest(ind, shown)}`);
    } else {
      rest.push(weakest(ind, shown));
    }
  } else {
    if (reference && reference.value != null) {
      const d = direction(value - reference.value, {...ind, higherIsBetter: true});
      const gap = changeWords(value - reference.value, ind.kind).replace(/^(tăng|giảm) /, "");
      rest.push(d === 0 ? `ngang mức ${reference.label}` : `${d > 0 ? "cao hơn" : "thấp hơn"} ${reference.label} ${gap}`);
    }
    const meets = meetsTarget(value, ind);
    if (meets != null) rest.push(`${meets ? "đạt" : "chưa đạt"} ${targetText(ind)}`);
  }
  return [first, ...rest].join("; ");
}

export interface RankingFindingInput {
  indicator: Ind;
  year: number;
  /** Ranked rows, best first (rank null: no value). */
  rows: (NamedValue & {rank: number | null; code: string})[];
  /** The unit presenting, when it is one of the rows (a grassroots organisation among its siblings). */
  own?: {code: string; name: string} | null;
  /** "đảng bộ", "tổ chức cơ sở đảng". */
  noun: string;
  /** "trong Huyện ủy Lâm Bình". */
  among?: string;
}

/** The finding of a ranking slide: the unit's rank, or the spread from the best to the lowest unit. */
export function rankingFinding({indicator: ind, year, rows, own = null, noun, among = ""}: RankingFindingInput): string {
  const ranked = rows.filter((r): r is NamedValue & {rank: number; code: string; value: number} => r.value != null && r.rank != null);
  if (!ranked.length) return `${ind.short} năm ${year}: chưa có ${noun} nào có số liệu`;
  const mine = own ? ranked.find((r) => r.code === own.code) : undefined;
  const where = among ? ` ${among}` : "";
  if (own) {
    if (!mine) return `${own.name} chưa có số liệu ${ind.short.toLowerCase()} năm ${year}`;
    return `${own.name} xếp thứ ${formatNumber(mine.rank)}/${formatNumber(ranked.length)} ${noun}${where} về ${ind.short.toLowerCase()} (${formatValue(mine.value, ind.kind)})`;
  }
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  let text = `${ind.short} năm ${year}: cao nhất ${best.name} ${formatValue(best.value, ind.kind)}, thấp nhất ${worst.name} ${formatValue(worst.value, ind.kind)}`;
  if (ind.target != null) {
    const met = ranked.filter((r) => meetsTarget(r.value, ind)).length;
    text += `; ${formatNumber(met)}/${formatNumber(ranked.length)} ${noun} đạt ${targetText(ind)}`;
  }
  return text;
}

export interface TermsFindingInput {
  /** Each indicator with its value in the earlier and in the later term. */
  rows: {indicator: Ind; before: number; after: number}[];
  /** The earlier term, formatted ("2015–2020"). */
  before: string;
}

/** The finding of the two-terms slide: how many indicators improved, and the largest move. */
export function termsFinding({rows, before}: TermsFindingInput): string {
  const better = rows.filter((r) => direction(r.after - r.before, r.indicator) > 0).length;
  let text = `${formatNumber(better)}/${formatNumber(rows.length)} tỷ lệ tốt lên so với nhiệm kỳ ${before}`;
  const moved = rows.filter((r) => direction(r.after - r.before, r.indicator) !== 0);
  if (moved.length) {
    const top = [...moved].sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before))[0];
    text += `; thay đổi lớn nhất: ${top.indicator.short} ${changeWords(top.after - top.before, top.indicator.kind)}`;
  }
  return text;
}

/**
 * How many indicators that have a target meet it, and which do not: "6/8 chỉ tiêu có mục tiêu đã đạt năm 2022;
 * chưa đạt: Sinh hoạt chuyên đề, Vắng không lý do". Indicators without a target or without a value are left out.
 */
export function targetsFinding(rows: {indicator: Ind; value: number | null}[], year: number): string | null {
  const judged = rows.filter((r) => r.indicator.target != null && r.value != null);
  if (!judged.length) return null;
  const missed = judged.filter((r) => meetsTarget(r.value, r.indicator) === false);
  const head = `${formatNumber(judged.length - missed.length)}/${formatNumber(judged.length)} chỉ tiêu có mục tiêu đã đạt năm ${year}`;
  if (!missed.length) return head;
  // At most three names, so that the sentence stays a title.
  const names = missed.slice(0, 3).map((r) => r.indicator.short).join(", ");
  return `${head}; chưa đạt: ${names}${missed.length > 3 ? ` và ${formatNumber(missed.length - 3)} chỉ tiêu khác` : ""}`;
}
