// The units of the compact series files the pages read (src/components/series.ts): how a unit is described, and
// the scale of each indicator's shipped integers. The value grids themselves are written by grids.ts.
import type {CatalogEntry, UnitRow} from "./marts.ts";
import {SCALES} from "../../src/components/series.ts";
import type {SeriesUnit} from "../../src/components/series.ts";

export function scaleOf(kind: CatalogEntry["kind"]): number {
  return SCALES[kind];
}

export function seriesUnit(u: UnitRow): SeriesUnit {
  const out: SeriesUnit = {code: u.code, name: u.name, level: u.level};
  if (u.parent) out.parent = u.parent;
  if (u.committee && u.committee !== u.code) out.committee = u.committee;
  if (u.type) out.type = u.type;
  if (u.validFrom) out.from = u.validFrom;
  if (u.validTo) out.to = u.validTo;
  if (u.mergedInto) out.merged = u.mergedInto;
  return out;
}
