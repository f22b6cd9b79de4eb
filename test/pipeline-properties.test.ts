// Properties of the pipeline over random valid submission sequences (fast-check): registries, meeting logs and
// annual ratings, resubmitted corrections, in random order, loaded through the loaders' ingest API.
// - whatever the loader accepts, a pipeline run (full, then incremental after more files) passes every data test;
// - a resubmitted ratings file replaces exactly the ratings of its committee and year, and nothing else.
// Default size runs in about a minute; CHIBO_LONG=1 tries many more sequences.
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {ingestFile} from "../loaders/record/ingest.ts";
import {queryRows} from "../loaders/record/warehouse.ts";
import {runPipeline} from "../pipelines/runner.ts";
import {tempWarehouse} from "./helpers/warehouse.ts";

const RUNS = process.env.CHIBO_LONG ? 200 : 15;
const COMMITTEES = ["HU-A", "HU-B"] as const;
const YEARS = [2020, 2021] as const;

interface Unit {
  code: string;
  level: "dang_bo_co_so" | "chi_bo_co_so" | "chi_bo";
  parent: string;
  validFrom: string;
}
interface Meeting {
  cell: string;
  month: number;
  day: number;
  kind: "thuong_ky" | "chuyen_de" | "ket_hop";
  members: number;
  excused: number;
  present: number;
}
interface Rating {
  unit: string;
  rating: "htxs" | "htt" | "ht" | "kht";
  htt: number;
  ht: number;
  kht: number;
}
type Event = {kind: "sinh_hoat"; committee: string; year: number; meetings: Meeting[]} | {kind: "danh_gia"; committee: string; year: number; ratings: Rating[]};

/** A committee's grassroots organisations: grassroots cells, or party committees with 1–2 cells. */
const committeeUnits = (committee: string) =>
  fc.array(fc.record({hasCells: fc.boolean(), cells: fc.integer({min: 1, max: 2}), late: fc.boolean()}), {minLength: 1, maxLength: 3}).map((orgs) =>
    orgs.flatMap((o, i): Unit[] => {
      const code = `${committee}.${String(i + 1).padStart(3, "0")}`;
      const validFrom = o.late ? "2020-04-15" : "2015-01-01";
      if (!o.hasCells) return [{code, level: "chi_bo_co_so", parent: committee, validFrom}];
      return [
        {code, level: "dang_bo_co_so", parent: committee, validFrom},
        ...Array.from({length: o.cells}, (_, j): Unit => ({code: `${code}.0${j + 1}`, level: "chi_bo", parent: code, validFrom}))
      ];
    })
  );

const meetingsOf = (cells: Unit[], year: number) =>
  fc
    .array(
      fc.record({
        cell: fc.constantFrom(...cells),
        month: fc.integer({min: 1, max: 12}),
        day: fc.integer({min: 1, max: 28}),
        kind: fc.constantFrom("thuong_ky", "chuyen_de", "ket_hop") as fc.Arbitrary<Meeting["kind"]>,
        members: fc.integer({min: 3, max: 30}),
        excused: fc.integer({min: 0, max: 2}),
        absent: fc.integer({min: 0, max: 3})
      }),
      {minLength: 1, maxLength: 20}
    )
    .map((ms) => {
      const seen = new Set<string>();
      return ms
        .map((m) => ({...m, month: m.cell.validFrom > `${year}-${String(m.month).padStart(2, "0")}-${String(m.day).padStart(2, "0")}` ? 12 : m.month}))
        .filter((m) => !seen.has(`${m.cell.code} ${m.month} ${m.day} ${m.kind}`) && seen.add(`${m.cell.code} ${m.month} ${m.day} ${m.kind}`))
        .map((m): Meeting => ({cell: m.cell.code, month: m.month, day: m.day, kind: m.kind, members: m.members, excused: m.excused, present: Math.max(0, m.members - m.excused - m.absent)}));
    });

const ratingsOf = (units: Unit[]) =>
  fc.subarray(units, {minLength: 1}).chain((rated) =>
    fc.tuple(
      ...rated.map((u) =>
        fc.record({
          unit: fc.constant(u.code),
          rating: fc.constantFrom("htxs", "htt", "ht", "kht") as fc.Arbitrary<Rating["rating"]>,
          htt: fc.integer({min: 0, max: 20}),
          ht: fc.integer({min: 0, max: 5}),
          kht: fc.integer({min: 0, max: 2})
        })
      )
    )
  );

/** A scenario: each committee's registry, then logs and ratings (some sent twice) in random order. */
const scenario = fc
  .tuple(committeeUnits("HU-A"), committeeUnits("HU-B"))
  .chain(([a, b]) => {
    const units: Record<string, Unit[]> = {"HU-A": a, "HU-B": b};
    const event = fc.oneof(
      ...COMMITTEES.flatMap((c) =>
        YEARS.flatMap((y) => {
          const cells = units[c].filter((u) => u.level !== "dang_bo_co_so");
          return [
            meetingsOf(cells, y).map((meetings): Event => ({kind: "sinh_hoat", committee: c, year: y, meetings})),
            ratingsOf(units[c].filter((u) => u.validFrom <= `${y}-12-31`)).map((ratings): Event => ({kind: "danh_gia", committee: c, year: y, ratings}))
          ];
        })
      )
    );
    return fc.record({units: fc.constant(units), events: fc.array(event, {minLength: 1, maxLength: 7}), runAfter: fc.nat()});
  });

const csv = (header: string, rows: (string | number)[][]) => [header, ...rows.map((r) => r.join(","))].join("\n") + "\n";

function registryFile(dir: string, committee: string, units: Unit[]): string {
  const path = join(dir, `don_vi_${committee}.csv`);
  writeFileSync(
    path,
    csv(
      "ma_don_vi,ten_don_vi,cap,ma_cap_tren,loai_hinh,hieu_luc_tu,hieu_luc_den,sap_nhap_vao",
      units.map((u) => [u.code, `Đơn vị ${u.code}`, u.level, u.parent, "nong_thon", u.validFrom, "", ""])
    )
  );
  return path;
}

function eventFile(dir: string, e: Event): string {
  const path = join(dir, `${e.kind}_${e.committee}_${e.year}.csv`);
  if (e.kind === "sinh_hoat") {
    const rows = e.meetings.map((m) => {
      const date = `${e.year}-${String(m.month).padStart(2, "0")}-${String(m.day).padStart(2, "0")}`;
      return [m.cell, date, m.kind, m.members, m.excused, m.present, 0, m.members - m.excused - m.present, 90, 0, 0, "truc_tiep", 1, "", "", "", ""];
    });
    writeFileSync(path, csv("ma_chi_bo,ngay,loai,dang_vien,mien,co_mat,vang_co_ly_do,vang_khong_ly_do,thoi_luong,so_phat_bieu,cap_tren_du,hinh_thuc,dung_ngay,xep_loai,diem,chu_de,ghi_chu", rows));
  } else {
    const rows = e.ratings.map((r) => [r.unit, e.year, r.rating, r.htt + r.ht + r.kht, 0, r.htt, r.ht, r.kht, 1]);
    writeFileSync(path, csv("ma_don_vi,nam,xep_loai,dang_vien,dv_htxs,dv_htt,dv_ht,dv_kht,bi_thu_boi_duong", rows));
  }
  return path;
}

describe("random valid submission sequences", () => {
  it("always give a pipeline run whose data tests pass, and ratings files replace exactly their committee-year", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({units, events, runAfter}) => {
        const {wh, dir, dispose} = await tempWarehouse();
        try {
          const files = join(dir, "files");
          mkdirSync(files);
          const registries = [join(import.meta.dirname, "fixtures", "pipeline", "don_vi_TQ.csv"), ...COMMITTEES.map((c) => registryFile(files, c, units[c]))];
          for (const path of registries) expect((await ingestFile(wh, path, {receivedAt: "2020-01-02"})).status).toBe("accepted");
          const latest = new Map<string, Event>();
          for (const [i, e] of events.entries()) {
            const folder = join(files, `v${i}`);
            mkdirSync(folder);
            const r = await ingestFile(wh, eventFile(folder, e), {receivedAt: `${e.year + 1}-01-${String(10 + i).padStart(2, "0")}`});
            expect([r.status, r.problems.filter((p) => p.severity === "error")]).toEqual(["accepted", []]);
            latest.set(`${e.kind} ${e.committee} ${e.year}`, e);
            // one pipeline run partway through: the next one is incremental
            if (i === runAfter % events.length && i < events.length - 1) await runPipeline(wh.conn, {countRows: false});
          }
          await runPipeline(wh.conn, {countRows: false}); // throws a DataTestFailure naming the files if a data test fails

          // the ratings in force are exactly those of the last file sent for each committee and year
          const expected = [...latest.values()]
            .flatMap((e) => (e.kind === "danh_gia" ? e.ratings.map((r) => ({unit_code: r.unit, year: e.year, rating: r.rating, members_rated: r.htt + r.ht + r.kht})) : []))
            .sort((x, y) => (x.unit_code + x.year < y.unit_code + y.year ? -1 : 1));
          const actual = await queryRows(wh.conn, "SELECT unit_code, year::INTEGER AS year, rating, members_rated::INTEGER AS members_rated FROM stg_ratings ORDER BY unit_code || year");
          expect(actual).toEqual(expected);
          // ... and the province's count of rated grassroots organisations sums them
          for (const y of YEARS) {
            const orgs = expected.filter((r) => r.year === y && !/\.\d{3}\.\d{2}$/.test(r.unit_code)).length;
            const [row] = await queryRows<{d: number}>(
              wh.conn,
              `SELECT denominator::INTEGER AS d FROM indicator_values WHERE unit_code = 'TQ' AND indicator = 'org_rating_good_share' AND period_type = 'year' AND period = '${y}'`
            );
            expect(row?.d ?? 0).toBe(orgs);
          }
        } finally {
          dispose();
        }
      }),
      {numRuns: RUNS}
    );
  }, process.env.CHIBO_LONG ? 3_600_000 : 240_000);
});
