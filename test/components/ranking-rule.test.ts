// Who is ranked: units whose share rests on fewer cases than the minimum are "ít dữ liệu" and not ranked unless
// the reader asks; the minimum is read from the published catalog when it has one. Also the direction of each
// indicator (a middle rating category is neither better up nor down).
import {describe, expect, it} from "vitest";
import {MIN_DENOMINATOR, applyRankingRule, exportDenominators, minDenominator} from "../../src/components/ranking-rule.ts";
import {changeTone, indicatorDirection} from "../../src/components/indicator-direction.ts";
import {Series, rankRows, type IndicatorMeta, type SeriesFile} from "../../src/components/series.ts";

const rate: IndicatorMeta = {indicator: "rate", name: "Tỷ lệ", short: "Tỷ lệ", target: null, higherIsBetter: true, kind: "share"};
// Seven one-cell units at 100 % or 0 % (denominator 12) among larger ones: the shape of the complaint.
const big = ["A", "B", "C", "D"];
const small = ["S1", "S2", "S3", "S4", "S5", "S6", "S7"];
const file: SeriesFile = {
  years: [2021, 2022],
  terms: [],
  scale: {rate: 10000},
  units: [...big, ...small].map((code) => ({code, name: `Đơn vị ${code}`, level: "chi_bo_co_so"})),
  v: {rate: {A: [9000, 9600], B: [9100, 9400], C: [8800, 9000], D: [9300, 9300], S1: [0, 10000], S2: [10000, 10000], S3: [10000, 10000], S4: [5000, 10000], S5: [10000, 10000], S6: [10000, 0], S7: [10000, 10000]}}
};
const series = new Series(file);
const counts = {periods: ["2021", "2022", "2020-2025"], d: {rate: Object.fromEntries([...big.map((c) => [c, [120, 130, 500]]), ...small.map((c) => [c, [12, 12, 48]])])}};
const denom = exportDenominators(counts, "rate");
const q = {indicator: rate, units: series.units, from: 2021, to: 2022, mode: "reported" as const};

describe("ranking rule", () => {
  it("leaves units below the minimum denominator out of the ranking by default, after the ranked ones, with their denominators", () => {
    const rows = applyRankingRule(rankRows(series, {...q, measure: "value"}), denom, {min: MIN_DENOMINATOR, year: 2022});
    expect(rows.slice(0, 4).map((r) => [r.code, r.rank, r.denominator])).toEqual([["A", 1, 130], ["B", 2, 130], ["D", 3, 130], ["C", 4, 130]]);
    expect(rows.slice(4).every((r) => r.thin && r.rank == null && r.denominator === 12)).toBe(true);
  });

  it("in change mode no one-cell unit tops the ranking with +100; asked for, they are ranked and stay marked", () => {
    const base = rankRows(series, {...q, measure: "change"});
    expect(base[0].value).toBeCloseTo(1); // without the rule a one-cell unit is first with +100 points
    const rows = applyRankingRule(base, denom, {min: MIN_DENOMINATOR, change: true, year: 2022});
    expect(rows[0].code).toBe("A");
    expect(rows.filter((r) => r.rank != null)).toHaveLength(4);
    const all = applyRankingRule(base, denom, {min: MIN_DENOMINATOR, change: true, year: 2022, includeThin: true});
    expect(all[0]).toMatchObject({code: "S1", rank: 1, thin: true});
    expect(all.filter((r) => r.rank != null)).toHaveLength(11);
  });

  it("ties share a rank counted among the ranked units only (1, 2, 2, 4)", () => {
    const tied = {...file, v: {rate: {...file.v.rate, B: [9100, 9600]}}};
    const rows = applyRankingRule(rankRows(new Series(tied), {...q, measure: "value"}), denom, {min: 20, year: 2022});
    expect(rows.slice(0, 4).map((r) => r.rank)).toEqual([1, 1, 3, 4]);
  });

  it("takes the minimum from the published catalog when present, else the documented default; shares only", () => {
    expect(minDenominator(rate)).toBe(MIN_DENOMINATOR);
    expect(minDenominator({...rate, minDenominator: 30} as IndicatorMeta)).toBe(30);
    expect(minDenominator(rate, {minDenominator: 50})).toBe(50);
    expect(minDenominator({...rate, kind: "score"})).toBeNull();
    const rows = applyRankingRule(rankRows(series, {...q, measure: "value"}), denom, {min: minDenominator({...rate, kind: "score"}), year: 2022});
    expect(rows.some((r) => r.thin)).toBe(false);
  });

  it("unknown denominators are not called thin", () => {
    const rows = applyRankingRule(rankRows(series, {...q, measure: "value"}), () => null, {min: 20, year: 2022});
    expect(rows.filter((r) => r.rank != null)).toHaveLength(11);
  });
});

describe("indicator direction", () => {
  it("a middle rating category is neutral: its fall is neither good nor bad; others follow higher_is_better", () => {
    const fair = {indicator: "meeting_rating_fair_share", higherIsBetter: true, kind: "share" as const};
    expect(indicatorDirection(fair)).toBe("neutral");
    expect(changeTone(-0.05, fair)).toBe("neutral");
    expect(changeTone(-0.05, {indicator: "meeting_rating_good_share", higherIsBetter: true, kind: "share"})).toBe("bad");
    expect(changeTone(-0.05, {indicator: "unexcused_absence_rate", higherIsBetter: false, kind: "share"})).toBe("good");
    expect(changeTone(0.0001, rate)).toBe("flat");
    expect(indicatorDirection({indicator: "x", higherIsBetter: null})).toBe("neutral");
  });
});
