// Finding a unit among tens of thousands: the search index of committees and grassroots organisations
// (toan-tinh/tim-kiem.json, fetched when a province user searches) and the locator shards that give the
// committee of any unit code (toan-tinh/tra-cuu/NN.json), so that /don-vi/?ma=<code> fetches one small shard,
// then the committee's files. Both are province-only: they name every committee's units.
import {LOCATOR_SHARDS, locatorShard} from "../../src/components/data-layout.ts";
import type {Context} from "./marts.ts";

export function searchIndex(ctx: Context): {units: [string, string, string, string][]} {
  const committees = new Set(ctx.committees.map((c) => c.code));
  const units: [string, string, string, string][] = [];
  for (const c of ctx.committees) units.push([c.code, c.name, c.level, c.code]);
  for (const g of ctx.grassroots) if (g.committee && committees.has(g.committee)) units.push([g.code, g.name, g.level, g.committee]);
  return {units};
}

export function locatorShards(ctx: Context): Record<string, string>[] {
  const shards: Record<string, string>[] = Array.from({length: LOCATOR_SHARDS}, () => ({}));
  for (const u of ctx.units) {
    const committee = u.level === "tren_co_so" ? u.code : u.committee;
    if (u.level === "tinh" || !committee) continue;
    shards[locatorShard(u.code)][u.code] = committee;
  }
  return shards;
}
