// The publish step computes the outliers of Chất lượng dữ liệu in SQL, over every grassroots organisation at
// once; src/components/outliers.ts states the method in plain code. Both must give the same summaries and flags.
// The fixture has a year (2020) when the whole province rises by 20 points: a unit is judged against the others'
// change that year, so riding the rise is not flagged, and the one unit that fell instead is.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {findOutliers, type Observation} from "../src/components/outliers.ts";
import {loadContext, openMarts} from "../pipelines/publish/marts.ts";
import {outliers} from "../pipelines/publish/quality.ts";

let dir: string;
let db: string;
const obs: Record<string, Observation[]> = {share_a: [], score_b: []};
/** The unit that falls a little in 2020 while the others rise. */
const FLAT = "HU-X.007";

/** A deterministic pseudo-random stream (no Math.random: the test must fail the same way every time). */
function stream(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-outliers-"));
  db = join(dir, "warehouse.duckdb");
  const instance = await DuckDBInstance.create(db);
  const c = await instance.connect();
  await c.run(`CREATE TABLE dim_units(unit_code VARCHAR, unit_name VARCHAR, level VARCHAR, parent_code VARCHAR, committee_code VARCHAR, unit_type VARCHAR, valid_from DATE, valid_to DATE, merged_into VARCHAR)`);
  await c.run(`CREATE TABLE indicator_catalog(indicator VARCHAR, name_vi VARCHAR, short_vi VARCHAR, name_en VARCHAR, target DOUBLE, higher_is_better BOOLEAN, sort_order INTEGER, grain VARCHAR, unit VARCHAR, levels VARCHAR)`);
  await c.run(`CREATE TABLE indicator_values(unit_code VARCHAR, period_type VARCHAR, period VARCHAR, indicator VARCHAR, numerator DOUBLE, denominator DOUBLE, value DOUBLE)`);
  await c.run(`INSERT INTO indicator_catalog VALUES ('share_a', 'A', 'A', 'A', NULL, true, 1, 'year', 'share', 'all'), ('score_b', 'B', 'B', 'B', NULL, true, 2, 'year', 'score', 'all'), ('rank_c', 'C', 'C', 'C', NULL, true, 3, 'year', 'rank', 'all')`);
  const units = ["('TQ', 'Tỉnh', 'tinh', NULL, NULL, NULL, NULL, NULL, NULL)", "('HU-X', 'Huyện X', 'tren_co_so', 'TQ', 'HU-X', NULL, NULL, NULL, NULL)"];
  const rows: string[] = [];
  const rnd = stream(7);
  for (let i = 0; i < 60; i++) {
    const code = `HU-X.${String(i).padStart(3, "0")}`;
    units.push(`('${code}', 'Cơ sở ${i}', '${i % 3 ? "chi_bo_co_so" : "dang_bo_co_so"}', 'HU-X', 'HU-X', NULL, NULL, NULL, NULL)`);
    for (let year = 2016; year <= 2021; year++) {
      const planted = code === FLAT;
      if (rnd() < 0.08 && !planted) continue; // a missing year breaks a run of consecutive years
      const den = rnd() < 0.1 && !planted ? 12 : 48; // some below the minimum denominator
      // mostly near 0.7, near 0.9 from 2020 (the whole province rises); a few far away, a few jumps, many
      // exactly 1 in 2017 (MAD = 0 in some years)
      const rise = year >= 2020 ? (planted ? -0.1 : 0.2) : 0;
      let a = Math.min(1, 0.65 + rise + rnd() * 0.1 + (rnd() < 0.05 && !planted ? -0.5 : 0));
      if (year === 2017 && rnd() < 0.6) a = 1;
      const b = 60 + rnd() * 20 + (rnd() < 0.04 ? 30 : 0);
      for (const [ind, v] of [["share_a", a], ["score_b", b], ["rank_c", rnd()]] as const) {
        rows.push(`('${code}', 'year', '${year}', '${ind}', ${v * den}, ${den}, ${v})`);
        if (ind !== "rank_c") obs[ind].push({unit: code, year, value: v, denominator: den});
      }
    }
  }
  await c.run(`INSERT INTO dim_units VALUES ${units.join(", ")}`);
  await c.run(`INSERT INTO indicator_values VALUES ${rows.join(", ")}`);
  c.closeSync();
  instance.closeSync();
});

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("outliers in SQL", () => {
  it("match findOutliers: the same summaries and the same flags, z-scores and jumps alike", async () => {
    const m = await openMarts(db);
    try {
      const found = await outliers(await loadContext(m));
      expect([...found.keys()].sort()).toEqual(["score_b", "share_a"]);
      for (const [ind, kind] of [["share_a", "share"], ["score_b", "score"]] as const) {
        const expected = findOutliers(obs[ind], kind);
        expect(expected.flags.length, `${ind}: the fixture has flags to find`).toBeGreaterThan(0);
        expect(expected.flags.some((f) => f.rule === "jump") || ind === "score_b").toBe(true);
        const close = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v)));
        expect(close(found.get(ind)!.summaries)).toEqual(close(expected.summaries));
        expect(close(found.get(ind)!.flags)).toEqual(close(expected.flags));
      }
      // Detrended: the rise of 2020 flags only the unit that did not rise.
      const jumps2020 = found.get("share_a")!.flags.filter((f) => f.rule === "jump" && f.year === 2020);
      expect(jumps2020.map((f) => f.unit)).toContain(FLAT);
      // Judged against their own previous year, most units would be flagged in 2020; against the others, few are.
      const prevOf = new Map(obs.share_a.filter((o) => o.year === 2019 && (o.denominator ?? 0) >= 24).map((o) => [o.unit, o.value as number]));
      const naive = obs.share_a.filter((o) => o.year === 2020 && (o.denominator ?? 0) >= 24 && prevOf.has(o.unit) && Math.abs((o.value as number) - prevOf.get(o.unit)!) >= 0.15);
      expect(naive.length).toBeGreaterThan(30);
      expect(jumps2020.length, "units that rose with the province are not flagged").toBeLessThan(naive.length / 3);
      const flat = jumps2020.find((f) => f.unit === FLAT)!;
      expect(flat.peerChange).toBeGreaterThan(0.15);
      expect(flat.score).toBeLessThan(0);
    } finally {
      m.close();
    }
  });
});
