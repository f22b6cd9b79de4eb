/**
 * The organisational tree of the fictional province: committees (fixed), and for each committee its
 * grassroots organisations and cells, generated from the seed. Built one committee at a time so large
 * scales never hold the whole province in memory.
 */
import {clamp, rngFor, type Rng} from "./prng.ts";
import {compareYmd, fromDayNumber, monthIndex, MONTHS, toDayNumber} from "./calendar.ts";
import {ASCII, VIETNAMESE, type Cap, type Dialect, type LoaiHinh, type Ymd} from "./csv.ts";
import * as N from "./names.ts";

export interface Unit {
  code: string;
  name: string;
  cap: Cap;
  parent: string;
  loai: LoaiHinh;
  from: Ymd;
  to: Ymd | null;
  mergedInto: string | null;
  /** The unit this one continues under a new code (`ma_cu`; the 2025 reform only). */
  formerCode?: string;
  /** The parent before `parentFrom` (`ma_cap_tren_cu`, `cap_tren_tu`; the 2025 reform only). */
  formerParent?: string;
  parentFrom?: Ymd;
}

/** A meeting-holding unit (cap `chi_bo` or `chi_bo_co_so`) with its hidden simulation traits. */
export interface Cell extends Unit {
  /** Latent quality (≈ N(0,1) scale); committee + type + organisation + own effect. */
  quality: number;
  /** Prescribed meeting day of the month. */
  preferredDay: number;
  /** Propensity to move meetings online when needed (0–1). */
  onlineAffinity: number;
  /** Whether the cell records a numeric score (diem) for its meetings. */
  recordsScore: boolean;
  /** Probability that optional counts (thoi_luong, so_phat_bieu, cap_tren_du) are filled. */
  fillRate: number;
  /** Size at creation and typical share of excused members. */
  initialRoll: number;
  mienShare: number;
  /** Validity in simulated months (inclusive) and the first/last valid day inside those months. */
  startMonth: number;
  endMonth: number;
  startDay: number;
  endDay: number;
  /** Code of the grassroots organisation it belongs to, or its own code for `chi_bo_co_so`. */
  org: string;
  /** Before `orgFromYear` (rated at the end of an earlier year) it belonged to `formerOrg` (a dated parent change). */
  formerOrg?: string;
  orgFromYear?: number;
  /** Roll and excused members in its first month, when it continues a cell of the same members. */
  startRoll?: number;
  startMien?: number;
}

export interface CommitteeDef {
  code: string;
  name: string;
  loai: LoaiHinh;
  from: Ymd;
  dialect: Dialect;
  /** Committee effect on quality. */
  effect: number;
  /** District definition for HU-* committees. */
  district?: N.DistrictDef;
  /**
   * Code of the committee of the template province this one copies (the national-scale benchmark repeats the
   * province's committees, see `committeesFor`); absent for the template's own committees.
   */
  template?: string;
  /** Last day (the district and town committees with the 2025 reform). */
  to?: Ymd;
  /** The committee whose units a new commune committee of the 2025 reform took over (and its reporting habits). */
  predecessor?: CommitteeDef;
}

export const PROVINCE: Unit = {
  code: "TQ",
  name: "Đảng bộ tỉnh Tuyên Quang",
  cap: "tinh",
  parent: "",
  loai: "khac",
  from: [1991, 4, 1],
  to: null,
  mergedInto: null
};

const district = (code: string) => N.DISTRICTS.find((d) => d.code === code)!;

export const COMMITTEES: readonly CommitteeDef[] = [
  {code: "TP-TQ", name: "Thành ủy Tuyên Quang", loai: "do_thi", from: [1991, 4, 1], dialect: ASCII, effect: 0.25},
  {code: "HU-YS", name: "Huyện ủy Yên Sơn", loai: "nong_thon", from: [1991, 4, 1], dialect: ASCII, effect: 0.05, district: district("YS")},
  {code: "HU-SD", name: "Huyện ủy Sơn Dương", loai: "nong_thon", from: [1991, 4, 1], dialect: VIETNAMESE, effect: 0.0, district: district("SD")},
  {code: "HU-HY", name: "Huyện ủy Hàm Yên", loai: "nong_thon", from: [1991, 4, 1], dialect: ASCII, effect: -0.1, district: district("HY")},
  {code: "HU-CH", name: "Huyện ủy Chiêm Hóa", loai: "nong_thon", from: [1991, 4, 1], dialect: VIETNAMESE, effect: -0.2, district: district("CH")},
  {code: "HU-NH", name: "Huyện ủy Na Hang", loai: "nong_thon", from: [1991, 4, 1], dialect: ASCII, effect: -0.55, district: district("NH")},
  {code: "HU-LB", name: "Huyện ủy Lâm Bình", loai: "nong_thon", from: [2011, 4, 1], dialect: ASCII, effect: -0.7, district: district("LB")},
  {code: "DU-KCQ", name: "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh", loai: "khac", from: [2008, 4, 1], dialect: VIETNAMESE, effect: 0.35},
  {code: "DU-CA", name: "Đảng ủy Công an tỉnh", loai: "luc_luong_vu_trang", from: [1991, 4, 1], dialect: ASCII, effect: 0.9},
  {code: "DU-QS", name: "Đảng ủy Quân sự tỉnh", loai: "luc_luong_vu_trang", from: [1991, 4, 1], dialect: ASCII, effect: 0.85}
];

/** Code of the template committee whose structure (and reporting habits) `c` has. */
export const templateOf = (c: CommitteeDef): string => c.template ?? c.code;

/**
 * The committees of a log with `copies` copies of the template province's committees: the committees themselves
 * for 1; otherwise each one `copies` times, as `HU-SD-01` … (code) and "Huyện ủy Sơn Dương (bản 1)" … (name),
 * all under the one top unit. A national log has several hundred committees of a few hundred cells each, not ten
 * committees of tens of thousands: copies keep each committee's size and share of the whole realistic.
 */
export function committeesFor(copies: number): readonly CommitteeDef[] {
  if (!(Number.isInteger(copies) && copies >= 1)) throw new Error(`copies must be a positive integer, got ${copies}`);
  if (copies === 1) return COMMITTEES;
  const width = Math.max(2, String(copies).length);
  return COMMITTEES.flatMap((c) =>
    Array.from({length: copies}, (_, i) => ({...c, code: `${c.code}-${String(i + 1).padStart(width, "0")}`, name: `${c.name} (bản ${i + 1})`, template: c.code}))
  );
}

export function committeeUnit(c: CommitteeDef): Unit {
  return {code: c.code, name: c.name, cap: "tren_co_so", parent: PROVINCE.code, loai: c.loai, from: c.from, to: c.to ?? null, mergedInto: null};
}

/** The committee whose reporting habits (late files, a missed year) `c` has. */
export const habitsOf = (c: CommitteeDef): string => templateOf(c.predecessor ?? c);

const TYPE_EFFECT: Record<LoaiHinh, number> = {
  luc_luong_vu_trang: 0.5,
  co_quan: 0.35,
  su_nghiep: 0.2,
  do_thi: 0.05,
  nong_thon: -0.25,
  doanh_nghiep: -0.4,
  khac: 0
};
const ONLINE_AFFINITY: Record<LoaiHinh, number> = {
  co_quan: 1,
  su_nghiep: 0.9,
  doanh_nghiep: 0.6,
  do_thi: 0.65,
  luc_luong_vu_trang: 0.55,
  nong_thon: 0.3,
  khac: 0.5
};
/** [median size, log-sd, min, max, typical share excused]. */
const SIZE: Record<LoaiHinh, readonly [number, number, number, number, number]> = {
  nong_thon: [27, 0.35, 15, 60, 0.07],
  do_thi: [26, 0.4, 12, 55, 0.13],
  co_quan: [12, 0.45, 5, 30, 0.004],
  su_nghiep: [14, 0.45, 5, 30, 0.006],
  doanh_nghiep: [11, 0.45, 5, 25, 0.01],
  luc_luong_vu_trang: [18, 0.35, 10, 40, 0],
  khac: [15, 0.4, 5, 30, 0.02]
};

/** One grassroots slot: a dang_bo_co_so with its cells, or a standalone chi_bo_co_so. */
export type SlotKind =
  | {k: "commune"; place: string; region: N.Region; highland: boolean}
  | {k: "ward"; place: string; prefix: "phường" | "thị trấn"}
  | {k: "offices"; list: readonly string[]; min: number; max: number; loai: LoaiHinh}
  | {k: "standalone"; loai: LoaiHinh; from?: Ymd; to?: Ymd};
export interface Slot {
  name: string;
  loai: LoaiHinh;
  kind: SlotKind;
}

function templateSlots(seed: number, c: CommitteeDef): Slot[] {
  const rng = rngFor(seed, "template", c.code);
  const template = templateOf(c);
  const slots: Slot[] = [];
  const offices = (name: string, list: readonly string[], min: number, max: number, loai: LoaiHinh) =>
    slots.push({name, loai, kind: {k: "offices", list, min, max, loai}});
  const standalone = (name: string, loai: LoaiHinh, from?: Ymd, to?: Ymd) =>
    slots.push({name, loai, kind: {k: "standalone", loai, ...(from ? {from} : {}), ...(to ? {to} : {})}});

  if (template === "TP-TQ") {
    for (const w of N.CITY_WARDS) slots.push({name: `Đảng bộ phường ${w}`, loai: "do_thi", kind: {k: "ward", place: w, prefix: "phường"}});
    for (const x of N.CITY_COMMUNES)
      slots.push({name: `Đảng bộ xã ${x}`, loai: "nong_thon", kind: {k: "commune", place: x, region: "lowland", highland: false}});
    offices("Đảng bộ Cơ quan Chính quyền thành phố", N.CITY_GOV_OFFICES, 6, 9, "co_quan");
    offices("Đảng bộ các cơ quan Đảng – đoàn thể thành phố", N.CITY_PARTY_OFFICES, 5, 8, "co_quan");
    const extra: [string, LoaiHinh][] = [
      ["Chi bộ Trung tâm Y tế thành phố", "su_nghiep"],
      ["Chi bộ Chi cục Thuế thành phố", "co_quan"],
      ["Chi bộ Bảo hiểm xã hội thành phố", "co_quan"],
      ["Chi bộ Trung tâm Văn hóa, Thông tin và Thể thao thành phố", "su_nghiep"],
      ["Chi bộ Ban Quản lý dự án đầu tư xây dựng thành phố", "su_nghiep"],
      ["Chi bộ Công ty cổ phần Môi trường và Dịch vụ đô thị Tuyên Quang", "doanh_nghiep"],
      ["Chi bộ Ban Quản lý chợ thành phố", "su_nghiep"],
      ["Chi bộ Trường THCS Tân Quang", "su_nghiep"],
      ["Chi bộ Trường THCS Minh Xuân", "su_nghiep"]
    ];
    for (const [name, loai] of rng.sample(extra, rng.int(6, 9))) standalone(name, loai);
  } else if (c.district) {
    const d = c.district;
    for (const x of d.communes)
      slots.push({name: `Đảng bộ xã ${x}`, loai: "nong_thon", kind: {k: "commune", place: x, region: d.region, highland: d.region === "highland"}});
    if (d.town) slots.push({name: `Đảng bộ thị trấn ${d.town}`, loai: "do_thi", kind: {k: "ward", place: d.town, prefix: "thị trấn"}});
    offices(`Đảng bộ Cơ quan Chính quyền huyện ${d.name}`, N.DISTRICT_GOV_OFFICES, 5, 8, "co_quan");
    offices(`Đảng bộ các cơ quan Đảng – đoàn thể huyện ${d.name}`, N.DISTRICT_PARTY_OFFICES, 4, 7, "co_quan");
    for (const s of d.highSchools) standalone(`Chi bộ ${s}`, "su_nghiep");
    for (const [name, loai] of rng.sample(N.DISTRICT_STANDALONE, rng.int(5, 8))) standalone(`Chi bộ ${name.replace("<D>", d.name)}`, loai);
  } else if (template === "DU-KCQ") {
    for (const dep of N.PROVINCE_DEPARTMENTS) offices(`Đảng bộ ${dep}`, N.DEPARTMENT_UNITS, 3, 6, "co_quan");
    for (const [name, loai, units] of N.PROVINCE_BIG_ORGS) {
      const list = units === "hospital" ? N.HOSPITAL_UNITS : units === "university" ? N.UNIVERSITY_UNITS : units === "enterprise" ? N.ENTERPRISE_UNITS : N.DEPARTMENT_UNITS;
      const [min, max] = units === "hospital" ? [7, 10] : units === "university" ? [5, 8] : [3, 6];
      offices(`Đảng bộ ${name}`, list, min, max, loai);
    }
    for (const [name, loai] of N.PROVINCE_STANDALONE) {
      if (name.startsWith("Công ty cổ phần Khoáng sản")) standalone(`Chi bộ ${name}`, loai, undefined, [2018, 12, 31]);
      else standalone(`Chi bộ ${name}`, loai);
    }
    standalone("Chi bộ Trung tâm Phục vụ hành chính công tỉnh", "co_quan", [2019, 4, 1]);
    standalone("Chi bộ Công ty cổ phần Phát triển du lịch sinh thái", "doanh_nghiep", [2017, 7, 1]);
  } else if (template === "DU-CA") {
    offices("Đảng bộ Công an thành phố Tuyên Quang", N.POLICE_DISTRICT_UNITS.slice(0, 7), 5, 7, "luc_luong_vu_trang");
    for (const d of N.DISTRICTS) offices(`Đảng bộ Công an huyện ${d.name}`, N.POLICE_DISTRICT_UNITS, 5, 8, "luc_luong_vu_trang");
    for (const o of N.POLICE_PROVINCE_ORGS) offices(`Đảng bộ ${o}`, N.POLICE_PROVINCE_ORG_UNITS, 3, 5, "luc_luong_vu_trang");
    for (const s of N.POLICE_STANDALONE) standalone(`Chi bộ ${s}`, "luc_luong_vu_trang");
  } else if (template === "DU-QS") {
    offices("Đảng bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh", N.MILITARY_HQ_UNITS, 5, 7, "luc_luong_vu_trang");
    offices("Đảng bộ Quân sự thành phố Tuyên Quang", N.MILITARY_DISTRICT_UNITS, 3, 3, "luc_luong_vu_trang");
    for (const d of N.DISTRICTS) offices(`Đảng bộ Quân sự huyện ${d.name}`, N.MILITARY_DISTRICT_UNITS, 3, 3, "luc_luong_vu_trang");
    for (const s of N.MILITARY_STANDALONE) standalone(`Chi bộ ${s}`, "luc_luong_vu_trang");
  }
  return slots;
}

const END_OF_HISTORY: Ymd = [2015, 12, 31];

/** A random establishment date between `after` and the end of 2015, skewed towards older dates. */
function establishedAfter(rng: Rng, after: Ymd): Ymd {
  const a = toDayNumber(after);
  const b = toDayNumber(END_OF_HISTORY);
  if (b <= a) return after;
  const u = rng.next();
  return fromDayNumber(a + Math.floor(u * u * (b - a)));
}

function hamletName(rng: Rng, region: N.Region, highland: boolean): string {
  const tay = region === "highland" ? 0.8 : region === "midland" ? 0.45 : 0.12;
  if (rng.chance(tay)) {
    const first: string = rng.pick(N.TAY_FIRST);
    const second: string = rng.pick(N.TAY_SECOND);
    return `${highland && rng.chance(0.45) ? "bản" : "thôn"} ${first} ${second}`;
  }
  return `thôn ${rng.pick(N.KINH_HAMLETS)}`;
}

interface CellSpec {
  name: string;
  loai: LoaiHinh;
  from?: Ymd;
  /** Index (in the spec list) of the hamlet this one is merged into, and the merge date. */
  mergeInto?: number;
  to?: Ymd;
  sizeBoost?: number;
}

function cellSpecs(rng: Rng, slot: Slot, isDistrict: boolean): CellSpec[] {
  const kind = slot.kind;
  const specs: CellSpec[] = [];
  if (kind.k === "commune") {
    const n = kind.highland ? rng.int(4, 8) : rng.int(4, 9);
    const used = new Set<string>();
    let numbered = kind.region === "lowland" && rng.chance(0.15);
    for (let i = 0; i < n; i++) {
      let name = "";
      for (let t = 0; t < 20 && (name === "" || used.has(name)); t++) name = hamletName(rng, kind.region, kind.highland);
      if (numbered || used.has(name)) {
        numbered = true;
        name = `thôn ${i + 1}`;
      }
      used.add(name);
      specs.push({name: `Chi bộ ${name}`, loai: "nong_thon"});
    }
    // Hamlet mergers (district committees, 2019–2020): absorbed into a neighbouring hamlet.
    if (isDistrict) {
      const mergeDate = rng.pick<Ymd>([[2019, 9, 30], [2019, 12, 31], [2019, 12, 31], [2020, 6, 30]]);
      const absorbed = new Set<number>();
      for (let i = 0; i < n; i++) {
        if (!rng.chance(0.08)) continue;
        const cand = [i - 1, i + 1].filter((j) => j >= 0 && j < n && !absorbed.has(j));
        if (cand.length === 0) continue;
        const j = rng.pick(cand);
        if (specs[j]!.mergeInto !== undefined) continue;
        // successor j must itself stay; i must not already be someone's successor
        if (specs.some((s) => s.mergeInto === i)) continue;
        absorbed.add(i);
        specs[i]!.mergeInto = j;
        specs[i]!.to = mergeDate;
      }
    }
    if (rng.chance(0.9)) specs.push({name: "Chi bộ Cơ quan Ủy ban nhân dân xã", loai: "co_quan"});
    if (rng.chance(0.4)) specs.push({name: `Chi bộ Trường Tiểu học ${kind.place}`, loai: "su_nghiep"});
    if (rng.chance(0.3)) specs.push({name: `Chi bộ Trường THCS ${kind.place}`, loai: "su_nghiep"});
    if (rng.chance(0.2)) specs.push({name: `Chi bộ Trường Mầm non ${kind.place}`, loai: "su_nghiep"});
    if (rng.chance(0.25)) specs.push({name: "Chi bộ Trạm Y tế xã", loai: "su_nghiep"});
    // A hamlet split off before the merger wave.
    if (rng.chance(0.05)) {
      const name = `Chi bộ thôn ${rng.pick(N.KINH_HAMLETS)} ${rng.int(2, 3)}`;
      if (!specs.some((s) => s.name === name)) specs.push({name, loai: "nong_thon", from: rng.pick<Ymd>([[2017, 1, 1], [2018, 7, 1]]), sizeBoost: 0.6});
    }
  } else if (kind.k === "ward") {
    const n = kind.prefix === "phường" ? rng.int(8, 14) : rng.int(7, 12);
    for (let i = 1; i <= n; i++) specs.push({name: `Chi bộ tổ dân phố ${i}`, loai: "do_thi"});
    if (rng.chance(0.35)) specs.push({name: `Chi bộ tổ dân phố ${n + 1}`, loai: "do_thi", from: [2018, 7, 1], sizeBoost: 0.6});
    if (rng.chance(0.9)) specs.push({name: `Chi bộ Cơ quan ${kind.prefix}`, loai: "co_quan"});
    if (rng.chance(0.4)) specs.push({name: `Chi bộ Trường Tiểu học ${kind.place}`, loai: "su_nghiep"});
    if (rng.chance(0.3)) specs.push({name: `Chi bộ Trường THCS ${kind.place}`, loai: "su_nghiep"});
  } else if (kind.k === "offices") {
    for (const name of rng.sample(kind.list, rng.int(kind.min, kind.max))) specs.push({name: `Chi bộ ${name}`, loai: kind.loai});
  }
  return specs;
}

export interface CommitteeStructure {
  committee: CommitteeDef;
  /** All units below the committee (orgs and cells), sorted by code. */
  units: Unit[];
  /** Meeting-holding cells, sorted by code. */
  cells: Cell[];
  /** Grassroots organisations (dang_bo_co_so), sorted by code. */
  orgs: Unit[];
  /** The template slot of each grassroots unit (by code), for a committee built from the template. */
  slots: Map<string, Slot>;
}

export const byCode = (a: {code: string}, b: {code: string}) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** A unit's validity in simulated months (of `months` simulated). */
export function validity(from: Ymd, to: Ymd | null, months: number): Pick<Cell, "startMonth" | "endMonth" | "startDay" | "endDay"> {
  const s = monthIndex(from);
  const startMonth = Math.max(0, s);
  const startDay = s >= 0 ? from[2] : 1;
  let endMonth = months - 1;
  let endDay = 31;
  if (to) {
    endMonth = Math.min(months - 1, monthIndex(to));
    if (monthIndex(to) <= months - 1) endDay = to[2];
  }
  return {startMonth, endMonth, startDay, endDay};
}

function makeCell(seed: number, c: CommitteeDef, unit: Unit, orgCode: string, orgEffect: number, months: number, sizeBoost = 1): Cell {
  const rng = rngFor(seed, "cell", unit.code);
  const [median, sd, min, max, mien] = SIZE[unit.loai];
  const initialRoll = clamp(Math.round(median * sizeBoost * Math.exp(sd * rng.normal())), sizeBoost < 1 ? Math.min(min, 8) : min, max);
  const quality = c.effect + TYPE_EFFECT[unit.loai] + orgEffect + 0.5 * rng.normal();
  // Many cells meet on a fixed early day (3rd–5th), some on another day of the first decade, a few mid-month.
  const r = rng.next();
  const preferredDay = r < 0.55 ? rng.int(3, 5) : r < 0.9 ? rng.int(1, 10) : rng.pick([15, 18, 20, 25]);
  const weakReporting = templateOf(c) === "HU-NH" || templateOf(c) === "HU-LB";
  return {
    ...unit,
    ...validity(unit.from, unit.to, months),
    org: orgCode,
    quality,
    preferredDay,
    onlineAffinity: clamp(ONLINE_AFFINITY[unit.loai] * (weakReporting ? 0.5 : 1) * rng.uniform(0.6, 1.4), 0, 1),
    recordsScore: rng.chance(c.dialect === VIETNAMESE ? 0.6 : 0.8),
    fillRate: weakReporting ? 0.85 : 0.985,
    initialRoll,
    mienShare: mien * rng.uniform(0.4, 1.6)
  };
}

/** Number of grassroots slots at a scale: the template repeated (or truncated) to `round(T × scale)`. */
function slotCount(templateCount: number, scale: number): number {
  return Math.max(1, Math.round(templateCount * scale));
}

/** A committee's grassroots slots at a scale, with the code each one's unit gets. */
export function committeeSlots(seed: number, scale: number, c: CommitteeDef): {code: string; slot: Slot}[] {
  const template = templateSlots(seed, c);
  const count = slotCount(template.length, scale);
  const orgWidth = Math.max(3, String(count).length);
  return Array.from({length: count}, (_, j) => ({code: `${c.code}.${String(j + 1).padStart(orgWidth, "0")}`, slot: template[j % template.length]!}));
}

/** Build one committee's grassroots organisations and cells, simulated over `months` months from January 2016. */
export function buildCommittee(seed: number, scale: number, c: CommitteeDef, months = MONTHS): CommitteeStructure {
  const slots = committeeSlots(seed, scale, c);
  const units: Unit[] = [];
  const cells: Cell[] = [];
  const orgs: Unit[] = [];
  const isDistrict = templateOf(c).startsWith("HU-");
  for (let j = 0; j < slots.length; j++) {
    const {slot, code} = slots[j]!;
    const rng = rngFor(seed, "slot", c.code, j);
    const orgEffect = 0.3 * rng.normal();
    if (slot.kind.k === "standalone") {
      const from = slot.kind.from ?? establishedAfter(rng, c.from);
      const unit: Unit = {code, name: slot.name, cap: "chi_bo_co_so", parent: c.code, loai: slot.loai, from, to: slot.kind.to ?? null, mergedInto: null};
      units.push(unit);
      cells.push(makeCell(seed, c, unit, code, orgEffect, months));
      continue;
    }
    const org: Unit = {code, name: slot.name, cap: "dang_bo_co_so", parent: c.code, loai: slot.loai, from: establishedAfter(rng, c.from), to: null, mergedInto: null};
    units.push(org);
    orgs.push(org);
    const specs = cellSpecs(rng, slot, isDistrict);
    const width = Math.max(2, String(specs.length).length);
    const codes = specs.map((_, i) => `${code}.${String(i + 1).padStart(width, "0")}`);
    specs.forEach((s, i) => {
      let from = s.from ?? establishedAfter(rng, org.from);
      if (compareYmd(from, org.from) < 0) from = org.from;
      const unit: Unit = {
        code: codes[i]!,
        name: s.name,
        cap: "chi_bo",
        parent: code,
        loai: s.loai,
        from,
        to: s.to ?? null,
        mergedInto: s.mergeInto !== undefined ? codes[s.mergeInto]! : null
      };
      units.push(unit);
      cells.push(makeCell(seed, c, unit, code, orgEffect, months, s.sizeBoost));
    });
  }
  units.sort(byCode);
  cells.sort(byCode);
  orgs.sort(byCode);
  return {committee: c, units, cells, orgs, slots: new Map(slots.map((s) => [s.code, s.slot]))};
}

