// Cuts of tong-hop/chuoi.json (the province and every committee) for the unit page, so that the page of one unit
// fetches what it shows. At national scale (640 committees) chuoi.json is ~1.1 MB compressed, over the page
// budget; its cuts are:
//   tong-hop/chuoi-tinh.json           the province's page: every row's values, but counts only of the province
//   tong-hop/chuoi-dang-bo/NN.json     a committee's page and its grassroots organisations' pages: the province and
//                                      the committees of shard NN (locatorShard), with their counts and ranks
import {LOCATOR_SHARDS, locatorShard} from "../../src/components/data-layout.ts";
import type {UpperSeries} from "../../src/components/unit-data.ts";

type Grid = Record<string, Record<string, unknown>>;

function only(grid: Grid | undefined, keep: (code: string) => boolean): Grid {
  const out: Grid = {};
  for (const [indicator, byUnit] of Object.entries(grid ?? {})) {
    const picked = Object.entries(byUnit).filter(([code]) => keep(code));
    if (picked.length) out[indicator] = Object.fromEntries(picked);
  }
  return out;
}

/** The province page's cut: values and term values of every row; counts and coverage of the province only. */
export function provinceCut(full: UpperSeries): UpperSeries {
  const province = full.units.find((u) => u.level === "tinh")?.code;
  const isProvince = (code: string) => code === province;
  return {...full, n: only(full.n, isProvince) as UpperSeries["n"], d: only(full.d, isProvince) as UpperSeries["d"], ranks: undefined};
}

/** The shard cuts, by shard number: the province and the committees whose code falls in the shard. */
export function committeeCuts(full: UpperSeries): UpperSeries[] {
  const province = full.units.find((u) => u.level === "tinh")?.code;
  return Array.from({length: LOCATOR_SHARDS}, (_, shard) => {
    const keep = (code: string) => code === province || locatorShard(code) === shard;
    return {
      ...full,
      units: full.units.filter((u) => keep(u.code)),
      v: only(full.v, keep) as UpperSeries["v"],
      t: only(full.t, keep) as UpperSeries["t"],
      n: only(full.n, keep) as UpperSeries["n"],
      d: only(full.d, keep) as UpperSeries["d"],
      c: only(full.c, keep) as UpperSeries["c"],
      // ranks are by unit, then indicator
      ranks: Object.fromEntries(Object.entries(full.ranks ?? {}).filter(([code]) => keep(code)))
    };
  });
}
