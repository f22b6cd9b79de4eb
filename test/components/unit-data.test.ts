// The unit page assembled from the published files (province summary series + one committee's units file), and
// the unit search that ignores diacritics and case, on hand-made files.
import {describe, expect, it} from "vitest";
import {foldSearch, type SeriesFile} from "../../src/components/series.ts";
import type {LedgerEntry} from "../../src/components/unit-page.ts";
import {assembleUnitPage, searchUnits, withKeys, type AssembleOptions, type CommitteeUnits, type SearchUnit, type UpperSeries} from "../../src/components/unit-data.ts";

const ledgerEntry = (id: number, committee: string | null): LedgerEntry => ({
  id,
  file: `sinh_hoat_${committee}_2022.csv`,
  kind: "sinh_hoat",
  committee,
  years: [2022],
  read: 10,
  loaded: 10,
  rejected: 0,
  status: "loaded",
  received: "2023-01-05",
  loadedAt: "2023-01-05T08:00:00",
  message: null
});

const site: AssembleOptions["site"] = {
  province: {code: "P", name: "Đảng bộ tỉnh P"},
  committees: [
    {code: "A", name: "Huyện ủy Sơn Dương", type: "nong_thon", grassroots: 2, cells: 2},
    {code: "B", name: "Huyện ủy Bình Ca", type: "nong_thon", grassroots: 0, cells: 0}
  ],
  indicators: [],
  years: [2021, 2022],
  terms: ["2020-2025"],
  levels: {tinh: "Tỉnh", tren_co_so: "Trên cơ sở", dang_bo_co_so: "Đảng bộ cơ sở", chi_bo_co_so: "Chi bộ cơ sở", chi_bo: "Chi bộ"},
  types: {},
  marts: {comparable: null, completeness: null, absorbed: null, ledger: true},
  source: {warehouse: "w", modified: "2023-01-01"},
  absorbedCommittees: [{code: "X", name: "Huyện ủy cũ", level: "tren_co_so", into: "A", intoName: "Huyện ủy Sơn Dương", date: "2020-01-01"}]
};

// tong-hop/chuoi.json: the province and its committees, with counts and the committees' ranks.
const upper: UpperSeries = {
  years: [2021, 2022],
  terms: ["2020-2025"],
  scale: {rate: 1000},
  units: [
    {code: "P", name: "Đảng bộ tỉnh P", level: "tinh"},
    {code: "A", name: "Huyện ủy Sơn Dương", level: "tren_co_so", parent: "P"},
    {code: "B", name: "Huyện ủy Bình Ca", level: "tren_co_so", parent: "P"}
  ],
  v: {rate: {P: [800, 810], A: [820, 830], B: [700, null]}},
  t: {rate: {P: [805], A: [825], B: [700]}},
  n: {rate: {P: [80, 81], A: [82, 83], B: [70, null]}},
  d: {rate: {P: [100, 100], A: [100, 100], B: [100, null]}},
  c: {rate: {A: [821, 830]}},
  ranks: {A: {rate: {rank: [1, 1], of: [2, 1]}}, B: {rate: {rank: [2, null], of: [2, null]}}}
};

// dang-bo/A/don-vi.json: A's grassroots organisations (a party committee with two cells, a cell) and cells.
const series: SeriesFile = {
  years: [2021, 2022],
  terms: ["2020-2025"],
  scale: {rate: 1000},
  units: [],
  v: {rate: {"A.1": [900, 910], "A.1.1": [950, 960], "A.1.2": [850, null], "A.2": [600, 610]}},
  t: {rate: {"A.1": [905], "A.2": [605]}},
  n: {rate: {"A.1": [9, 10], "A.2": [6, 6]}},
  d: {rate: {"A.1": [10, 11], "A.2": [10, 10]}},
  c: {rate: {"A.1.1": [900, 960]}}
};
const committeeA: CommitteeUnits = {
  committee: "A",
  units: [
    {code: "A.2", name: "Chi bộ Trường THPT Sơn Dương", level: "chi_bo_co_so", parent: "A", committee: "A"},
    {code: "A.1", name: "Đảng bộ xã An Khang", level: "dang_bo_co_so", parent: "A", committee: "A"},
    {code: "A.1.2", name: "Chi bộ thôn Bắc", level: "chi_bo", parent: "A.1", committee: "A", to: "2021-12-31", merged: "A.1.1"},
    {code: "A.1.1", name: "Chi bộ thôn An", level: "chi_bo", parent: "A.1", committee: "A"}
  ],
  series,
  ranks: {"A.1": {rate: {rank: [1, 1], of: [2, 2]}}, "A.2": {rate: {rank: [2, 2], of: [2, 2]}}},
  ledger: [ledgerEntry(7, "A")],
  absorbed: [
    {code: "A.1.2", name: "Chi bộ thôn Bắc", level: "chi_bo", into: "A.1.1", intoName: "Chi bộ thôn An", date: "2021-12-31"},
    {code: "A.3", name: "Chi bộ cũ", level: "chi_bo_co_so", into: "A.2", intoName: "Chi bộ Trường THPT Sơn Dương", date: "2019-06-30"}
  ],
  absorbedSource: "unit_absorptions"
};

const codesOf = (grid: Record<string, Record<string, unknown>> | undefined) => [...new Set(Object.values(grid ?? {}).flatMap((byUnit) => Object.keys(byUnit)))].sort();

describe("assembleUnitPage", () => {
  it("a committee: its grassroots organisations as children, counts for itself, them and the province, its rank, ledger and absorptions", () => {
    const page = assembleUnitPage("A", {site, upper, committee: committeeA})!;
    expect(page.unit.name).toBe("Huyện ủy Sơn Dương");
    expect(page.ancestors).toEqual([{code: "P", name: "Đảng bộ tỉnh P", level: "tinh"}]);
    // Children by name in Vietnamese order ("Chi bộ" before "Đảng bộ"); both have a page.
    expect(page.children).toEqual(["A.2", "A.1"]);
    expect(page.pageChildren).toEqual(["A.2", "A.1"]);
    // Only the unit, its ancestors and its children: no sibling committee, no cell.
    expect(page.series.units.map((u) => u.code).sort()).toEqual(["A", "A.1", "A.2", "P"]);
    expect(codesOf(page.series.v)).toEqual(["A", "A.1", "A.2", "P"]);
    expect(page.series.v.rate.A).toEqual([820, 830]);
    expect(page.series.v.rate["A.1"]).toEqual([900, 910]);
    expect(codesOf(page.series.t)).toEqual(["A", "A.1", "A.2", "P"]);
    // Numerators and denominators of the children too: their denominators decide who is ranked ("ít dữ liệu").
    expect(codesOf(page.series.n)).toEqual(["A", "A.1", "A.2", "P"]);
    expect(codesOf(page.series.d)).toEqual(["A", "A.1", "A.2", "P"]);
    expect(codesOf(page.series.c)).toEqual(["A"]);
    expect(page.ranks).toEqual({rate: {rank: [1, 1], of: [2, 1]}});
    expect(page.ledger?.map((e) => e.id)).toEqual([7]);
    expect(page.ledgerScope).toBe("A");
    // Everything merged into the committee's units.
    expect(page.absorbed.map((a) => a.code).sort()).toEqual(["A.1.2", "A.3"]);
    expect(page.absorbedSource).toBe("unit_absorptions");
  });

  it("a grassroots organisation: the committee and the province above, its cells below (no page of their own)", () => {
    const page = assembleUnitPage("A.1", {site, upper, committee: committeeA})!;
    expect(page.ancestors.map((a) => a.code)).toEqual(["P", "A"]);
    expect(page.children).toEqual(["A.1.1", "A.1.2"]);
    expect(page.pageChildren).toEqual([]);
    expect(page.series.units.map((u) => u.code).sort()).toEqual(["A", "A.1", "A.1.1", "A.1.2", "P"]);
    expect(codesOf(page.series.v)).toEqual(["A", "A.1", "A.1.1", "A.1.2", "P"]);
    expect(codesOf(page.series.n)).toEqual(["A", "A.1", "P"]);
    expect(codesOf(page.series.c)).toEqual(["A", "A.1.1"]);
    // The rank among its siblings comes with the committee's file.
    expect(page.ranks).toEqual({rate: {rank: [1, 1], of: [2, 2]}});
    expect(page.ledgerScope).toBe("A");
    expect(page.ledger?.map((e) => e.id)).toEqual([7]);
    // Only what merged into it or below it: not the merger into its sibling A.2.
    expect(page.absorbed.map((a) => a.code)).toEqual(["A.1.2"]);
  });

  it("the province: committees as children, the whole ledger when given, the absorbed committees", () => {
    const ledger = [ledgerEntry(1, "A"), ledgerEntry(2, "B")];
    const page = assembleUnitPage("P", {site, upper, committee: null, provinceLedger: ledger})!;
    expect(page.ancestors).toEqual([]);
    expect(page.children).toEqual(["B", "A"]); // Bình Ca before Sơn Dương
    expect(page.pageChildren).toEqual(["B", "A"]);
    expect(codesOf(page.series.v)).toEqual(["A", "B", "P"]);
    expect(codesOf(page.series.n)).toEqual(["P"]);
    expect(page.ledger).toBe(ledger);
    expect(page.ledgerScope).toBe("province");
    expect(page.absorbed.map((a) => a.code)).toEqual(["X"]);
    expect(page.ranks).toEqual({});
  });

  it("the province for a committee's staff (no province ledger) and a committee whose file is out of reach", () => {
    expect(assembleUnitPage("P", {site, upper, committee: null})!.ledger).toBeNull();
    // B's staff cannot read A's file: A's page still has the summary figures, without grassroots organisations.
    const page = assembleUnitPage("A", {site, upper, committee: null})!;
    expect(page.children).toEqual([]);
    expect(codesOf(page.series.v)).toEqual(["A", "P"]);
    expect(page.ledger).toBeNull();
    expect(page.ranks).toEqual({rate: {rank: [1, 1], of: [2, 1]}});
  });

  it("an unknown code, or a grassroots organisation without its committee's file: null (the page says so)", () => {
    expect(assembleUnitPage("KHONG-CO", {site, upper, committee: committeeA})).toBeNull();
    expect(assembleUnitPage("A.1", {site, upper, committee: null})).toBeNull();
    expect(assembleUnitPage("", {site, upper, committee: committeeA})).toBeNull();
  });

  it("never carries a value of a unit it does not list", () => {
    for (const code of ["P", "A", "B", "A.1", "A.2"]) {
      const page = assembleUnitPage(code, {site, upper, committee: code === "B" || code === "P" ? null : committeeA})!;
      const listed = new Set(page.series.units.map((u) => u.code));
      for (const grid of [page.series.v, page.series.t, page.series.n, page.series.d, page.series.c]) {
        for (const c of codesOf(grid)) expect(listed.has(c), `${code}: ${c}`).toBe(true);
      }
    }
  });
});

describe("searchUnits", () => {
  const list: SearchUnit[] = withKeys(
    [
      {code: "HU-SD.033", name: "Đảng bộ thị trấn Sơn Dương", level: "dang_bo_co_so", committee: "HU-SD"},
      {code: "HU-SD", name: "Huyện ủy Sơn Dương", level: "tren_co_so", committee: "HU-SD"},
      {code: "HU-SD.036", name: "Chi bộ Trường THPT Sơn Dương", level: "chi_bo_co_so", committee: "HU-SD"},
      {code: "HU-LB.03", name: "Đảng bộ xã Thượng Lâm", level: "dang_bo_co_so", committee: "HU-LB"},
      {code: "HU-LB", name: "Huyện ủy Lâm Bình", level: "tren_co_so", committee: "HU-LB"},
      {code: "DU-CA.003", name: "Đảng bộ Công an huyện Sơn Dương", level: "dang_bo_co_so", committee: "DU-CA"}
    ],
    foldSearch
  );
  const names = (query: string, limit?: number) => searchUnits(list, query, foldSearch, limit).found.map((u) => u.name);

  it("ignores diacritics, đ and case; committees first, then by name", () => {
    expect(names("son duong")).toEqual(["Huyện ủy Sơn Dương", "Chi bộ Trường THPT Sơn Dương", "Đảng bộ Công an huyện Sơn Dương", "Đảng bộ thị trấn Sơn Dương"]);
    expect(names("SƠN DƯƠNG")).toEqual(names("son duong"));
    expect(names("  Sơn   Dương ")).toEqual(names("son duong"));
    expect(names("dang bo thuong lam")).toEqual(["Đảng bộ xã Thượng Lâm"]);
  });

  it("every word must match, in any order, in the name or the code", () => {
    expect(names("duong cong an")).toEqual(["Đảng bộ Công an huyện Sơn Dương"]);
    expect(names("hu-lb")).toEqual(["Huyện ủy Lâm Bình", "Đảng bộ xã Thượng Lâm"]);
    expect(names("HU-SD.036")).toEqual(["Chi bộ Trường THPT Sơn Dương"]);
    expect(names("son duongx")).toEqual([]);
    expect(names("lâm dương")).toEqual([]);
  });

  it("an empty query finds nothing; a capped list says how many matched", () => {
    expect(searchUnits(list, "   ", foldSearch)).toEqual({found: [], total: 0});
    const capped = searchUnits(list, "son duong", foldSearch, 2);
    expect(capped.total).toBe(4);
    expect(capped.found.map((u) => u.code)).toEqual(["HU-SD", "HU-SD.036"]);
  });

  it("works without precomputed keys, and at national scale within a keystroke", () => {
    const bare = list.map(({key: _key, ...u}) => u);
    expect(searchUnits(bare, "thuong lam", foldSearch).found.map((u) => u.code)).toEqual(["HU-LB.03"]);
    const many = withKeys(
      Array.from({length: 50_000}, (_, i) => ({code: `C${i % 640}.${i}`, name: i % 100 ? `Chi bộ thôn ${i}` : `Chi bộ xã Sơn Dương ${i}`, level: "chi_bo_co_so", committee: `C${i % 640}`})),
      foldSearch
    );
    const t0 = performance.now();
    const {found, total} = searchUnits(many, "xa son duong", foldSearch);
    expect(total).toBe(500);
    expect(found).toHaveLength(200);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
