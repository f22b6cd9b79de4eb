/**
 * The 2025 reform in the synthetic province (`--through 2025` and later): two-level local government (Nghị quyết
 * 60-NQ/TW of 12/4/2025; Hướng dẫn 31-HD/BTCTW of 23/4/2025).
 *
 * - The city and district committees end on 30/06/2025. New commune and ward committees, directly under the
 *   province, start on 01/07/2025, each taking over a few neighbouring old communes or wards of one old committee.
 * - The old commune and ward organisations end on 30/06/2025, merged into their new committee (`sap_nhap_vao`).
 *   Their cells continue from 01/07/2025 under new codes naming the old one (`ma_cu`), as grassroots cells
 *   (chi_bo_co_so) of the new committee — one large cell of each old committee is split in two (both name it).
 * - The old committee's other grassroots organisations (agencies, schools) and their cells go, under new codes with
 *   `ma_cu`, to the committee of the old seat (the town's, else the first).
 * - The bloc, police and military committees go on. In the bloc, the planning department merged into the finance
 *   department on 01/03/2025: its cells change parent without a new code (`ma_cap_tren_cu`, `cap_tren_tu`), or merge
 *   into the finance department's cell of the same name.
 *
 * New committee codes start with `XA-` (cấp xã: communes and wards alike) so that they sort after the old
 * committees': a folder of files is loaded registry by registry in name order, and every unit a `ma_cu` or a
 * `sap_nhap_vao` names is then already known.
 */
import {compareYmd, monthIndex, REFORM_FIRST_DAY, REFORM_LAST_OLD_DAY} from "./calendar.ts";
import type {Ymd} from "./csv.ts";
import {clamp, rngFor} from "./prng.ts";
import type {Rolls} from "./simulate.ts";
import {byCode, committeeSlots, templateOf, validity, type Cell, type CommitteeDef, type CommitteeStructure, type Slot, type Unit} from "./structure.ts";

export interface NewCommittee {
  def: CommitteeDef;
  /** Codes of the old committee's commune and ward organisations it takes over, in order. */
  members: string[];
  /** The committee of the old seat: it also takes over the old committee's other grassroots units. */
  seat: boolean;
}

export interface ReformPlan {
  /** Old committee code → the new committees taking over its units, in code order. */
  successors: Map<string, NewCommittee[]>;
  /** Every new committee, in code order. */
  all: NewCommittee[];
}

/** What the reform did, counted over the whole province. */
export interface ReformSummary {
  /** committees ended on 30/06/2025 (city, districts) */
  committeesEnded: number;
  /** commune and ward committees started on 01/07/2025 */
  committeesCreated: number;
  /** old commune and ward organisations merged into a new committee */
  organisationsMerged: number;
  /** units under a new code naming their old one (`ma_cu`), splits included */
  unitsRecoded: number;
  /** old cells split into two new ones */
  splits: number;
  /** units moved to another parent of their committee without a new code */
  parentChanges: number;
  /** cells merged into a namesake in the bloc's department merger */
  cellsMerged: number;
}

export const emptyReformSummary = (): ReformSummary => ({
  committeesEnded: 0,
  committeesCreated: 0,
  organisationsMerged: 0,
  unitsRecoded: 0,
  splits: 0,
  parentChanges: 0,
  cellsMerged: 0
});

/** The committees the reform ends: the city's and the districts'. */
export const isReformed = (c: CommitteeDef): boolean => /^(HU|TP)-/.test(templateOf(c));

const isTerritorial = (slot: Slot | undefined): boolean => slot?.kind.k === "commune" || slot?.kind.k === "ward";
const isTown = (slot: Slot): boolean => slot.kind.k === "ward" && slot.kind.prefix === "thị trấn";
const isCityWard = (slot: Slot): boolean => slot.kind.k === "ward" && slot.kind.prefix === "phường";
const placeOf = (slot: Slot): string => (slot.kind.k === "commune" || slot.kind.k === "ward" ? slot.kind.place : "");
const prefixOf = (slot: Slot): string => (slot.kind.k === "ward" ? slot.kind.prefix : "xã");

/** The old committee's last day for the units it has on 30/06/2025. */
export function endedByReform(c: CommitteeDef): CommitteeDef {
  return isReformed(c) ? {...c, to: REFORM_LAST_OLD_DAY} : c;
}

/**
 * Which old communes and wards each new committee takes over: runs of neighbours (in the order of the old
 * committee's list) of 1–4, mostly 2–3, wards apart from communes; a district's town goes with the communes
 * before it and names its new commune.
 */
export function planReform(seed: number, scale: number, committees: readonly CommitteeDef[]): ReformPlan {
  const drafts: {old: CommitteeDef; members: {code: string; slot: Slot}[]; seat: boolean}[] = [];
  for (const c of committees) {
    if (!isReformed(c)) continue;
    const territorial = committeeSlots(seed, scale, c).filter((s) => isTerritorial(s.slot));
    const rng = rngFor(seed, "reform", c.code);
    const runs: (typeof territorial)[] = [];
    for (const s of territorial) {
      const last = runs.at(-1);
      if (last && isCityWard(last[0]!.slot) === isCityWard(s.slot)) last.push(s);
      else runs.push([s]);
    }
    const groups: (typeof territorial)[] = [];
    for (const run of runs) {
      for (let i = 0; i < run.length; ) {
        const size = rng.weighted([1, 2, 3, 4], [0.06, 0.34, 0.44, 0.16]);
        groups.push(run.slice(i, i + size));
        i += size;
      }
    }
    const town = groups.findIndex((g) => g.some((s) => isTown(s.slot)));
    groups.forEach((members, i) => drafts.push({old: c, members, seat: i === (town >= 0 ? town : 0)}));
  }
  const width = Math.max(2, String(drafts.length).length);
  const successors = new Map<string, NewCommittee[]>();
  const all = drafts.map(({old, members, seat}, i): NewCommittee => {
    const town = members.find((s) => isTown(s.slot));
    const ward = isCityWard(members[0]!.slot);
    const place = placeOf((town ?? members[0]!).slot);
    const copy = / \(bản \d+\)$/.exec(old.name)?.[0] ?? "";
    const def: CommitteeDef = {
      code: `XA-${String(i + 1).padStart(width, "0")}`,
      name: `Đảng bộ ${ward ? "phường" : "xã"} ${place}${copy}`,
      loai: ward ? "do_thi" : "nong_thon",
      from: REFORM_FIRST_DAY,
      dialect: old.dialect,
      effect: old.effect,
      predecessor: old
    };
    const nc = {def, members: members.map((s) => s.code), seat};
    const list = successors.get(old.code);
    if (list) list.push(nc);
    else successors.set(old.code, [nc]);
    return nc;
  });
  return {successors, all};
}

const isOpen = (u: {to: Ymd | null}) => u.to === null;

/** End every unit the old committee still has on 30/06/2025; its commune and ward organisations merge into their new committee. */
export function closeOldCommittee(s: CommitteeStructure, successors: readonly NewCommittee[], months: number, summary: ReformSummary): void {
  const newOf = new Map(successors.flatMap((nc) => nc.members.map((m) => [m, nc.def.code] as const)));
  for (const u of s.units) {
    if (!isOpen(u)) continue;
    u.to = REFORM_LAST_OLD_DAY;
    const into = u.cap === "dang_bo_co_so" ? newOf.get(u.code) : undefined;
    if (into) {
      u.mergedInto = into;
      summary.organisationsMerged++;
    }
  }
  for (const cell of s.cells) if (isOpen(cell)) Object.assign(cell, {to: REFORM_LAST_OLD_DAY}, validity(cell.from, REFORM_LAST_OLD_DAY, months));
  summary.committeesEnded++;
}

const DEPARTMENT_MERGED: Ymd = [2025, 2, 28];
const DEPARTMENT_MERGED_NEXT: Ymd = [2025, 3, 1];

/**
 * The bloc's department merger: the planning department's organisation ends on 28/02/2025, merged into the finance
 * department's; each of its cells merges into the finance department's cell of the same name or, without one, moves
 * under the finance department from 01/03/2025 keeping its code. Returns whether the committee changed.
 */
export function mergeDepartments(s: CommitteeStructure, months: number, summary: ReformSummary): boolean {
  if (templateOf(s.committee) !== "DU-KCQ") return false;
  const cellOf = new Map(s.cells.map((c) => [c.code, c]));
  let changed = false;
  for (const org of s.orgs) {
    if (org.name !== "Đảng bộ Sở Kế hoạch và Đầu tư" || !isOpen(org)) continue;
    const into = s.orgs.filter((o) => o.name === "Đảng bộ Sở Tài chính" && o.code < org.code && isOpen(o)).at(-1);
    if (!into) continue;
    changed = true;
    org.to = DEPARTMENT_MERGED;
    org.mergedInto = into.code;
    const namesakes = new Map(s.units.filter((u) => u.parent === into.code && isOpen(u)).map((u) => [u.name, u.code]));
    for (const unit of s.units) {
      if (unit.parent !== org.code || !isOpen(unit)) continue;
      const cell = cellOf.get(unit.code)!;
      const twin = namesakes.get(unit.name);
      if (twin) {
        for (const u of [unit, cell]) Object.assign(u, {to: DEPARTMENT_MERGED, mergedInto: twin});
        Object.assign(cell, validity(cell.from, DEPARTMENT_MERGED, months));
        summary.cellsMerged++;
      } else {
        for (const u of [unit, cell]) Object.assign(u, {parent: into.code, formerParent: org.code, parentFrom: DEPARTMENT_MERGED_NEXT});
        Object.assign(cell, {org: into.code, formerOrg: org.code, orgFromYear: DEPARTMENT_MERGED_NEXT[0]});
        summary.parentChanges++;
      }
    }
  }
  return changed;
}

/** An old committee's units on 30/06/2025, indexed once for all the committees taking them over. */
export interface OldCommittee {
  s: CommitteeStructure;
  rolls: Rolls;
  /** the old cell split in two on 01/07/2025 */
  split: string | null;
  /** index of each cell in `s.cells` (and its rolls) */
  indexOf: Map<string, number>;
  /** the cells still there on 30/06/2025, by parent */
  cellsUnder: Map<string, Cell[]>;
}

export function prepareOldCommittee(seed: number, s: CommitteeStructure, rolls: Rolls): OldCommittee {
  const cellsUnder = new Map<string, Cell[]>();
  for (const c of s.cells) {
    if (!c.to || compareYmd(c.to, REFORM_LAST_OLD_DAY) !== 0) continue;
    const list = cellsUnder.get(c.parent);
    if (list) list.push(c);
    else cellsUnder.set(c.parent, [c]);
  }
  return {s, rolls, split: chooseSplit(seed, s, rolls), indexOf: new Map(s.cells.map((c, i) => [c.code, i])), cellsUnder};
}

/** The old cell split in two on 01/07/2025 (a large commune or ward cell of the old committee), if any is large enough. */
function chooseSplit(seed: number, s: CommitteeStructure, rolls: Rolls): string | null {
  const last = monthIndex(REFORM_LAST_OLD_DAY);
  const candidates: {code: string; roll: number}[] = [];
  s.cells.forEach((cell, i) => {
    if (cell.cap !== "chi_bo" || !isTerritorial(s.slots.get(cell.parent)) || (cell.loai !== "nong_thon" && cell.loai !== "do_thi")) return;
    if (!cell.to || compareYmd(cell.to, REFORM_LAST_OLD_DAY) !== 0) return;
    candidates.push({code: cell.code, roll: rolls.roll[i * rolls.months + last]!});
  });
  const large = candidates.filter((c) => c.roll >= 24);
  if (large.length) return rngFor(seed, "split", s.committee.code).pick(large).code;
  const largest = candidates.sort((a, b) => b.roll - a.roll)[0];
  return largest && largest.roll >= 8 ? largest.code : null;
}

function splitNames(name: string): [string, string] {
  return /\d$/.test(name) ? [`${name}A`, `${name}B`] : [`${name} Trên`, `${name} Dưới`];
}

type Entry =
  | {kind: "cell"; old: Cell; name: string; roll: number; mien: number}
  | {kind: "org"; old: Unit; cells: {old: Cell; roll: number; mien: number}[]};

/**
 * A new committee's units, continuing the old committee's units it takes over (all from 01/07/2025, under new codes
 * with `ma_cu`): its communes' and wards' cells as grassroots cells, and at the seat the other grassroots units.
 * `rolls` are the old committee's; the continued cells start with the members the old ones had in June 2025.
 */
export function buildSuccessor(seed: number, nc: NewCommittee, from: OldCommittee, months: number, summary: ReformSummary): CommitteeStructure {
  const {s: old, rolls, split} = from;
  const last = monthIndex(REFORM_LAST_OLD_DAY);
  const endsAtReform = (u: Unit) => u.to !== null && compareYmd(u.to, REFORM_LAST_OLD_DAY) === 0;
  const continued = (cell: Cell) => {
    const i = from.indexOf.get(cell.code)!;
    return {old: cell, roll: rolls.roll[i * rolls.months + last]!, mien: rolls.mien[i * rolls.months + last]!};
  };
  const cellsUnder = (parent: string) => from.cellsUnder.get(parent) ?? [];

  const entries: Entry[] = [];
  for (const member of nc.members) {
    for (const cell of cellsUnder(member)) {
      const c = continued(cell);
      if (cell.code !== split) {
        entries.push({kind: "cell", name: cell.name, ...c});
        continue;
      }
      // a split: the members go to one part or the other, the excused ones in proportion
      const rng = rngFor(seed, "split-roll", cell.code);
      const a = clamp(rng.binomial(c.roll, 0.5), Math.min(3, c.roll), Math.max(0, c.roll - 3));
      const mienA = Math.round((c.mien * a) / Math.max(1, c.roll));
      const [nameA, nameB] = splitNames(cell.name);
      entries.push({kind: "cell", old: cell, name: nameA, roll: a, mien: mienA}, {kind: "cell", old: cell, name: nameB, roll: c.roll - a, mien: c.mien - mienA});
      summary.splits++;
    }
  }
  // two old communes' cells of the same name: each says which old commune it comes from
  const names = new Map<string, number>();
  for (const e of entries) if (e.kind === "cell") names.set(e.name, (names.get(e.name) ?? 0) + 1);
  for (const e of entries) {
    if (e.kind !== "cell" || names.get(e.name)! < 2) continue;
    const slot = old.slots.get(e.old.parent)!;
    e.name = `${e.name} (${prefixOf(slot)} ${placeOf(slot)} cũ)`;
  }
  if (nc.seat) {
    for (const u of old.units) {
      if (u.parent !== old.committee.code || !endsAtReform(u) || isTerritorial(old.slots.get(u.code))) continue;
      if (u.cap === "chi_bo_co_so") {
        const cell = old.cells[from.indexOf.get(u.code)!]!;
        entries.push({kind: "cell", name: cell.name, ...continued(cell)});
      } else entries.push({kind: "org", old: u, cells: cellsUnder(u.code).map(continued)});
    }
  }

  const width = Math.max(3, String(entries.length).length);
  const units: Unit[] = [];
  const cells: Cell[] = [];
  const orgs: Unit[] = [];
  const start = REFORM_FIRST_DAY;
  const addCell = (unit: Unit, org: string, c: {old: Cell; roll: number; mien: number}) => {
    units.push(unit);
    cells.push({
      ...unit,
      ...validity(start, null, months),
      org,
      quality: c.old.quality,
      preferredDay: c.old.preferredDay,
      onlineAffinity: c.old.onlineAffinity,
      recordsScore: c.old.recordsScore,
      fillRate: c.old.fillRate,
      initialRoll: c.roll,
      mienShare: c.old.mienShare,
      startRoll: c.roll,
      startMien: c.mien
    });
    summary.unitsRecoded++;
  };
  entries.forEach((e, i) => {
    const code = `${nc.def.code}.${String(i + 1).padStart(width, "0")}`;
    if (e.kind === "cell") {
      const unit: Unit = {code, name: e.name, cap: "chi_bo_co_so", parent: nc.def.code, loai: e.old.loai, from: start, to: null, mergedInto: null, formerCode: e.old.code};
      addCell(unit, code, e);
      return;
    }
    const org: Unit = {code, name: e.old.name, cap: "dang_bo_co_so", parent: nc.def.code, loai: e.old.loai, from: start, to: null, mergedInto: null, formerCode: e.old.code};
    units.push(org);
    orgs.push(org);
    summary.unitsRecoded++;
    const cw = Math.max(2, String(e.cells.length).length);
    e.cells.forEach((c, k) => {
      const unit: Unit = {code: `${code}.${String(k + 1).padStart(cw, "0")}`, name: c.old.name, cap: "chi_bo", parent: code, loai: c.old.loai, from: start, to: null, mergedInto: null, formerCode: c.old.code};
      addCell(unit, code, c);
    });
  });
  units.sort(byCode);
  cells.sort(byCode);
  summary.committeesCreated++;
  return {committee: nc.def, units, cells, orgs, slots: new Map()};
}
