import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {generateSample, type SampleSummary} from "../scripts/sample/generate.ts";

// ---------------------------------------------------------------------------------------------
// A small, independent reader for the submission format (labels → keys, Vietnamese values → keys,
// dd/mm/yyyy → ISO), so the test checks the files as a loader would see them.

const LABELS: Record<string, string> = {
  "Mã đơn vị": "ma_don_vi", "Tên đơn vị": "ten_don_vi", "Cấp": "cap", "Mã đơn vị cấp trên": "ma_cap_tren",
  "Loại hình": "loai_hinh", "Hiệu lực từ": "hieu_luc_tu", "Hiệu lực đến": "hieu_luc_den", "Sáp nhập vào": "sap_nhap_vao",
  "Mã chi bộ": "ma_chi_bo", "Ngày sinh hoạt": "ngay", "Loại sinh hoạt": "loai", "Số đảng viên": "dang_vien",
  "Miễn sinh hoạt": "mien", "Có mặt": "co_mat", "Vắng có lý do": "vang_co_ly_do", "Vắng không lý do": "vang_khong_ly_do",
  "Thời lượng (phút)": "thoi_luong", "Số đảng viên phát biểu": "so_phat_bieu", "Cấp ủy cấp trên dự": "cap_tren_du",
  "Hình thức": "hinh_thuc", "Đúng ngày quy định": "dung_ngay", "Xếp loại buổi sinh hoạt": "xep_loai", "Điểm": "diem",
  "Chủ đề": "chu_de", "Ghi chú": "ghi_chu", "Năm": "nam", "Xếp loại": "xep_loai", "Đảng viên HTXSNV": "dv_htxs",
  "Đảng viên HTTNV": "dv_htt", "Đảng viên HTNV": "dv_ht", "Đảng viên KHTNV": "dv_kht",
  "Bí thư được bồi dưỡng": "bi_thu_boi_duong"
};
const ENUMS: Record<string, Record<string, string>> = {
  cap: {"Tỉnh": "tinh", "Trên cơ sở": "tren_co_so", "Đảng bộ cơ sở": "dang_bo_co_so", "Chi bộ cơ sở": "chi_bo_co_so", "Chi bộ": "chi_bo"},
  loai_hinh: {
    "Nông thôn": "nong_thon", "Đô thị": "do_thi", "Cơ quan": "co_quan", "Sự nghiệp": "su_nghiep",
    "Doanh nghiệp": "doanh_nghiep", "Lực lượng vũ trang": "luc_luong_vu_trang", "Khác": "khac"
  },
  loai: {"Thường kỳ": "thuong_ky", "Chuyên đề": "chuyen_de", "Kết hợp": "ket_hop"},
  hinh_thuc: {"Trực tiếp": "truc_tiep", "Trực tuyến": "truc_tuyen", "Kết hợp": "ket_hop"},
  xep_loai: {
    "Tốt": "tot", "Khá": "kha", "Trung bình": "trung_binh", "Kém": "kem",
    "Hoàn thành xuất sắc nhiệm vụ": "htxs", "Hoàn thành tốt nhiệm vụ": "htt", "Hoàn thành nhiệm vụ": "ht",
    "Không hoàn thành nhiệm vụ": "kht"
  }
};
const BOOLS = new Set(["cap_tren_du", "dung_ngay", "bi_thu_boi_duong"]);
const DATES = new Set(["ngay", "hieu_luc_tu", "hieu_luc_den", "ngay_nhan"]);

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  const text = readFileSync(path, "utf8");
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0]!;
  const delimiter = header.includes(";") ? ";" : header.includes("\t") ? "\t" : ",";
  const rows = parse(text, {
    bom: true,
    delimiter,
    skip_empty_lines: true,
    columns: (h: string[]) => h.map((x) => LABELS[x.normalize("NFC")] ?? x)
  }) as Row[];
  for (const r of rows) {
    for (const [k, v0] of Object.entries(r)) {
      let v = v0;
      if (ENUMS[k]?.[v] !== undefined) v = ENUMS[k]![v]!;
      if (BOOLS.has(k)) v = v === "có" ? "1" : v === "không" ? "0" : v;
      if (DATES.has(k)) {
        const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
        if (m) v = `${m[3]}-${m[2]}-${m[1]}`;
      }
      r[k] = v;
    }
  }
  return rows;
}

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) out.set(f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex"));
  return out;
}

const COMMITTEES = ["TP-TQ", "HU-YS", "HU-SD", "HU-HY", "HU-CH", "HU-NH", "HU-LB", "DU-KCQ", "DU-CA", "DU-QS"];
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
const SEED = 20160101;

let root: string;
let dirA: string;
let summaryA: SampleSummary;
let dirA2: string;
let dirB: string;

interface Unit extends Row {
  committee: string;
}
let units: Map<string, Unit>;
let cells: Unit[];
/** Meeting rows by file year, with the file's committee. */
let meetings: {year: number; committee: string; row: Row}[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "chibo-sample-"));
  dirA = join(root, "a");
  dirA2 = join(root, "a2");
  dirB = join(root, "b");
  summaryA = await generateSample({outDir: dirA, seed: SEED, scale: 1});
  await generateSample({outDir: dirA2, seed: SEED, scale: 1});
  await generateSample({outDir: dirB, seed: SEED + 1, scale: 1});

  units = new Map();
  for (const c of COMMITTEES) for (const r of readCsv(join(dirA, `don_vi_${c}.csv`))) units.set(r.ma_don_vi!, {...r, committee: c});
  cells = [...units.values()].filter((u) => u.cap === "chi_bo" || u.cap === "chi_bo_co_so");
  meetings = [];
  for (const c of COMMITTEES)
    for (const y of YEARS) {
      if (c === "HU-LB" && y === 2018) continue;
      for (const row of readCsv(join(dirA, `sinh_hoat_${c}_${y}.csv`))) meetings.push({year: y, committee: c, row});
    }
}, 60_000);

afterAll(() => {
  if (root) rmSync(root, {recursive: true, force: true});
});

/** The bundled sample (default seed, scale 1, 2016–2022), as generated before the generator learnt `--through`. */
const DEFAULT_SAMPLE_DIGEST = "61ea54fdbde5d9fa74cf91fc945a3bfb2ac4a93c420c3a330bcbef37b316618a";

describe("sample generator", () => {
  it("writes the bundled sample unchanged: one digest over every file's name and content", () => {
    const digest = createHash("sha256");
    for (const [f, h] of hashes(dirA)) digest.update(`${f} ${h}\n`);
    expect(digest.digest("hex")).toBe(DEFAULT_SAMPLE_DIGEST);
  });

  it("is deterministic: same seed and scale → byte-identical files", () => {
    const a = hashes(dirA);
    const a2 = hashes(dirA2);
    expect([...a2.keys()]).toEqual([...a.keys()]);
    for (const [f, h] of a) expect(a2.get(f), f).toBe(h);
  });

  it("a different seed gives different meeting files", () => {
    const a = hashes(dirA);
    const b = hashes(dirB);
    const meetingFiles = [...a.keys()].filter((f) => f.startsWith("sinh_hoat_"));
    expect(meetingFiles.length).toBeGreaterThan(0);
    for (const f of meetingFiles) expect(b.get(f), f).not.toBe(a.get(f));
  });

  it("writes the expected set of files (HU-LB missed 2018) and ngay_nhan.csv covers them", () => {
    const expected = new Set<string>(["don_vi_TQ.csv", "ngay_nhan.csv", "README.txt"]);
    for (const c of COMMITTEES) {
      expected.add(`don_vi_${c}.csv`);
      for (const y of YEARS) {
        if (c === "HU-LB" && y === 2018) continue;
        expected.add(`sinh_hoat_${c}_${y}.csv`);
        expected.add(`danh_gia_${c}_${y}.csv`);
      }
    }
    const files = readdirSync(dirA);
    expect(new Set(files)).toEqual(expected);
    expect(files).not.toContain("sinh_hoat_HU-LB_2018.csv");
    expect(files).not.toContain("danh_gia_HU-LB_2018.csv");
    expect(summaryA.files).toBe(expected.size);
    expect(readFileSync(join(dirA, "README.txt"), "utf8")).toMatch(/SYNTHETIC/);

    const received = readCsv(join(dirA, "ngay_nhan.csv"));
    const names = received.map((r) => r.tep!);
    expect(new Set(names)).toEqual(new Set(files.filter((f) => f.endsWith(".csv") && f !== "ngay_nhan.csv")));
    for (const {tep, ngay_nhan} of received) {
      expect(ngay_nhan, tep).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const m = /_(\d{4})\.csv$/.exec(tep!);
      if (!m) continue;
      const next = String(Number(m[1]) + 1);
      if (tep!.includes("HU-NH")) expect(ngay_nhan! >= `${next}-03-01` && ngay_nhan! <= `${next}-04-30`, `${tep} ${ngay_nhan}`).toBe(true);
      else if (!tep!.includes("HU-HY_2020")) expect(ngay_nhan! >= `${next}-01-03` && ngay_nhan! <= `${next}-01-14`, `${tep} ${ngay_nhan}`).toBe(true);
    }
    const hy2020 = received.find((r) => r.tep === "sinh_hoat_HU-HY_2020.csv")!;
    expect(hy2020.ngay_nhan! > "2021-01-31").toBe(true);
  });

  it("uses both dialects: ASCII/comma and Vietnamese labels/BOM/semicolon", () => {
    const ys = readFileSync(join(dirA, "sinh_hoat_HU-YS_2019.csv"), "utf8");
    expect(ys.startsWith("ma_chi_bo,ngay,loai,")).toBe(true);
    for (const c of ["HU-SD", "HU-CH", "DU-KCQ"]) {
      const text = readFileSync(join(dirA, `sinh_hoat_${c}_2019.csv`), "utf8");
      expect(text.startsWith("\uFEFFMã chi bộ;Ngày sinh hoạt;Loại sinh hoạt;"), c).toBe(true);
      expect(text).toMatch(/;\d{2}\/\d{2}\/2019;/);
    }
  });

  it("has a registry of 1,000–2,000 cells with valid structure and NFC names", () => {
    const province = readCsv(join(dirA, "don_vi_TQ.csv"));
    expect(province.map((r) => r.ma_don_vi)).toEqual(["TQ", ...COMMITTEES]);
    expect(province[0]).toMatchObject({cap: "tinh", loai_hinh: "khac", ten_don_vi: "Đảng bộ tỉnh Tuyên Quang"});
    expect(cells.length).toBeGreaterThanOrEqual(1000);
    expect(cells.length).toBeLessThanOrEqual(2000);
    expect(summaryA.cells).toBe(cells.length);
    for (const u of units.values()) {
      expect(u.ten_don_vi, u.ma_don_vi).toBe(u.ten_don_vi!.normalize("NFC"));
      if (u.cap === "chi_bo") {
        expect(u.ma_don_vi).toMatch(/^[A-Z-]+\.\d{3}\.\d{2}$/);
        expect(units.get(u.ma_cap_tren!)?.cap).toBe("dang_bo_co_so");
        expect(u.hieu_luc_tu! >= units.get(u.ma_cap_tren!)!.hieu_luc_tu!).toBe(true);
      } else {
        expect(u.ma_don_vi).toMatch(/^[A-Z-]+\.\d{3}$/);
        expect(u.ma_cap_tren).toBe(u.committee);
      }
    }
  });

  it("merges 5–10% of rural hamlet cells in the district committees into a neighbour", () => {
    const hamlets = cells.filter((c) => c.committee.startsWith("HU-") && c.cap === "chi_bo" && c.loai_hinh === "nong_thon");
    const merged = hamlets.filter((c) => c.sap_nhap_vao);
    const share = merged.length / hamlets.length;
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.12);
    for (const m of merged) {
      const successor = units.get(m.sap_nhap_vao!)!;
      expect(successor.ma_cap_tren).toBe(m.ma_cap_tren);
      expect(successor.sap_nhap_vao).toBe("");
      expect(m.hieu_luc_den! >= "2019-01-01" && m.hieu_luc_den! <= "2020-12-31").toBe(true);
    }
    expect(cells.some((c) => c.hieu_luc_tu! >= "2017-01-01")).toBe(true);
  });

  it("every meeting row is consistent and inside its year and the cell's validity", () => {
    expect(meetings.length).toBe(summaryA.meetings);
    // Plain checks collected into a list: 140k rows × many expect() calls would be far too slow.
    const errors: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && errors.length < 20) errors.push(what);
    };
    let prevKey = "";
    let prevFile = "";
    for (const {year, committee, row: r} of meetings) {
      const ctx = `${committee} ${r.ma_chi_bo} ${r.ngay}`;
      const cell = units.get(r.ma_chi_bo!);
      if (!cell) {
        check(false, `${ctx}: unknown cell`);
        continue;
      }
      const n = (k: string) => Number(r[k]);
      check(cell.committee === committee, `${ctx}: cell of another committee`);
      check(cell.cap === "chi_bo" || cell.cap === "chi_bo_co_so", `${ctx}: not a cell`);
      check(/^\d{4}-\d{2}-\d{2}$/.test(r.ngay!) && !Number.isNaN(Date.parse(r.ngay!)), `${ctx}: bad date`);
      check(r.ngay!.slice(0, 4) === String(year), `${ctx}: outside the file's year`);
      check(r.ngay! >= cell.hieu_luc_tu!, `${ctx}: before hieu_luc_tu ${cell.hieu_luc_tu}`);
      check(!cell.hieu_luc_den || r.ngay! <= cell.hieu_luc_den, `${ctx}: after hieu_luc_den ${cell.hieu_luc_den}`);
      check(["thuong_ky", "chuyen_de", "ket_hop"].includes(r.loai!), `${ctx}: loai ${r.loai}`);
      check(["truc_tiep", "truc_tuyen", "ket_hop"].includes(r.hinh_thuc!), `${ctx}: hinh_thuc ${r.hinh_thuc}`);
      check(n("mien") >= 0 && n("mien") <= n("dang_vien"), `${ctx}: mien`);
      check(Math.min(n("co_mat"), n("vang_co_ly_do"), n("vang_khong_ly_do")) >= 0, `${ctx}: negative count`);
      check(n("co_mat") + n("vang_co_ly_do") + n("vang_khong_ly_do") === n("dang_vien") - n("mien"), `${ctx}: attendance sum`);
      check(!r.so_phat_bieu || n("so_phat_bieu") <= n("co_mat"), `${ctx}: so_phat_bieu > co_mat`);
      check(!r.thoi_luong || (n("thoi_luong") >= 60 && n("thoi_luong") <= 180), `${ctx}: thoi_luong ${r.thoi_luong}`);
      check(!r.xep_loai || ["tot", "kha", "trung_binh", "kem"].includes(r.xep_loai), `${ctx}: xep_loai ${r.xep_loai}`);
      if (r.diem) {
        const d = n("diem");
        const band = d >= 90 ? "tot" : d >= 70 ? "kha" : d >= 50 ? "trung_binh" : "kem";
        check(r.xep_loai === band && d >= 0 && d <= 100, `${ctx}: diem ${d} vs xep_loai ${r.xep_loai}`);
      }
      check(["", "0", "1"].includes(r.cap_tren_du!) && ["", "0", "1"].includes(r.dung_ngay!), `${ctx}: boolean`);
      // sorted by cell code, then date, within each file
      const file = `${committee}_${year}`;
      const key = `${r.ma_chi_bo}\u0000${r.ngay}`;
      if (file === prevFile) check(key >= prevKey, `${ctx}: out of order`);
      prevFile = file;
      prevKey = key;
    }
    expect(errors).toEqual([]);
  });

  it("merged cells stop meeting and their successor takes the members", () => {
    const byCell = new Map<string, Row[]>();
    for (const {row} of meetings) {
      const list = byCell.get(row.ma_chi_bo!);
      if (list) list.push(row);
      else byCell.set(row.ma_chi_bo!, [row]);
    }
    let absorbed = 0;
    let gained = 0;
    for (const m of cells.filter((c) => c.sap_nhap_vao)) {
      const own = byCell.get(m.ma_don_vi!) ?? [];
      expect(own.every((r) => r.ngay! <= m.hieu_luc_den!), m.ma_don_vi).toBe(true);
      const succ = byCell.get(m.sap_nhap_vao!) ?? [];
      const lastOwn = own.at(-1);
      const before = succ.filter((r) => r.ngay! <= m.hieu_luc_den!).at(-1);
      const after = succ.find((r) => r.ngay! > m.hieu_luc_den!);
      if (!lastOwn || !before || !after) continue;
      absorbed += Number(lastOwn.dang_vien);
      gained += Number(after.dang_vien) - Number(before.dang_vien);
    }
    expect(absorbed).toBeGreaterThan(0);
    expect(gained).toBeGreaterThan(0.8 * absorbed);
  });

  it("annual ratings add up", () => {
    const errors: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && errors.length < 20) errors.push(what);
    };
    let rows = 0;
    for (const c of COMMITTEES)
      for (const y of YEARS) {
        if (c === "HU-LB" && y === 2018) continue;
        for (const r of readCsv(join(dirA, `danh_gia_${c}_${y}.csv`))) {
          rows++;
          const ctx = `${c} ${y} ${r.ma_don_vi}`;
          const u = units.get(r.ma_don_vi!);
          check(u !== undefined && u.cap !== "tren_co_so", `${ctx}: unknown unit`);
          check(r.nam === String(y), `${ctx}: nam ${r.nam}`);
          check(["htxs", "htt", "ht", "kht"].includes(r.xep_loai!), `${ctx}: xep_loai ${r.xep_loai}`);
          check(["0", "1"].includes(r.bi_thu_boi_duong!), `${ctx}: bi_thu_boi_duong`);
          const [dv, x, t, h, k] = ["dang_vien", "dv_htxs", "dv_htt", "dv_ht", "dv_kht"].map((f) => Number(r[f]));
          check(x! + t! + h! + k! === dv, `${ctx}: members do not add up`);
          check(x! <= 0.2 * t! + 1, `${ctx}: too many htxs members`);
          check(!u?.hieu_luc_den || u.hieu_luc_den >= `${y}-12-31`, `${ctx}: rated after it ceased`);
        }
      }
    expect(errors).toEqual([]);
    expect(rows).toBe(summaryA.ratings);
  });

  it("keeps Hướng dẫn 21-HD/BTCTW's rating rules: no excellent cell with a failed member, excellent ≤ 20 % of good", () => {
    const errors: string[] = [];
    let excellent = 0;
    for (const c of COMMITTEES)
      for (const y of YEARS) {
        if (c === "HU-LB" && y === 2018) continue;
        const rows = readCsv(join(dirA, `danh_gia_${c}_${y}.csv`));
        const groups = new Map<string, {htxs: number; htt: number}>();
        for (const r of rows) {
          const u = units.get(r.ma_don_vi!)!;
          if (r.xep_loai === "htxs") excellent++;
          if (u.cap !== "dang_bo_co_so" && r.xep_loai === "htxs" && Number(r.dv_kht) > 0) errors.push(`${c} ${y} ${r.ma_don_vi}: htxs with ${r.dv_kht} kht members`);
          // cells are rated among their grassroots organisation's cells, grassroots organisations among the committee's
          const g = groups.get(u.ma_cap_tren!) ?? {htxs: 0, htt: 0};
          if (r.xep_loai === "htxs") g.htxs++;
          if (r.xep_loai === "htt") g.htt++;
          groups.set(u.ma_cap_tren!, g);
        }
        for (const [parent, g] of groups) if (g.htxs * 5 > g.htt) errors.push(`${c} ${y} under ${parent}: ${g.htxs} htxs, ${g.htt} htt`);
      }
    expect(errors.slice(0, 20)).toEqual([]);
    expect(excellent).toBeGreaterThan(100);
  });

  it("shows COVID-era online meetings and the post-2016 improvement", () => {
    const online = (y: number) => {
      const rows = meetings.filter((m) => m.year === y);
      return rows.filter((m) => m.row.hinh_thuc !== "truc_tiep").length / rows.length;
    };
    expect(online(2018)).toBeLessThan(0.005);
    expect(online(2020)).toBeGreaterThan(0.03);
    expect(online(2021)).toBeGreaterThan(0.03);

    // Share of active cell-months with a regular (thuong_ky or ket_hop) meeting.
    const regularShare = (y: number) => {
      const held = new Set<string>();
      for (const m of meetings) if (m.year === y && m.row.loai !== "chuyen_de") held.add(m.row.ma_chi_bo! + m.row.ngay!.slice(0, 7));
      let active = 0;
      for (const c of cells) {
        if (c.committee === "HU-LB" && y === 2018) continue;
        for (let mo = 1; mo <= 12; mo++) {
          const ym = `${y}-${String(mo).padStart(2, "0")}`;
          if (c.hieu_luc_tu!.slice(0, 7) <= ym && (!c.hieu_luc_den || c.hieu_luc_den.slice(0, 7) >= ym)) active++;
        }
      }
      return held.size / active;
    };
    const s2016 = regularShare(2016);
    const s2019 = regularShare(2019);
    expect(s2016).toBeGreaterThan(0.85);
    expect(s2016).toBeLessThan(0.94);
    expect(s2019).toBeGreaterThan(s2016 + 0.04);
  });
});

describe("sample generator, national shape (--copies)", () => {
  // The national-scale benchmark repeats the province's committees instead of growing each one: a committee
  // then holds a realistic share of the country's cells, which is what one committee's resubmission recomputes.
  let dir: string;
  let summary: SampleSummary;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chibo-sample-copies-"));
    summary = await generateSample({outDir: dir, seed: SEED, scale: 2, copies: 2});
  }, 60_000);
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("lists every committee twice under the province, each copy with its own registry and yearly files", () => {
    const copies = COMMITTEES.flatMap((c) => [`${c}-01`, `${c}-02`]);
    const province = readCsv(join(dir, "don_vi_TQ.csv"));
    expect(new Set(province.slice(1).map((r) => r.ma_don_vi))).toEqual(new Set(copies));
    expect(province.slice(1).every((r) => r.ma_cap_tren === "TQ" && r.cap === "tren_co_so")).toBe(true);
    expect(summary.committees).toBe(copies.length);
    const files = new Set(readdirSync(dir));
    for (const c of copies) {
      expect(files.has(`don_vi_${c}.csv`), c).toBe(true);
      // both copies of HU-LB keep its habit of not reporting 2018
      for (const y of YEARS) expect(files.has(`sinh_hoat_${c}_${y}.csv`), `${c} ${y}`).toBe(!(c.startsWith("HU-LB-") && y === 2018));
    }
    expect(readFileSync(join(dir, "README.txt"), "utf8")).toMatch(/--scale 2 --copies 2/);
  });

  it("keeps each copy at the template committee's size, so the cells still grow with the scale", () => {
    const cellsOf = (c: string) => readCsv(join(dir, `don_vi_${c}.csv`)).filter((u) => u.cap === "chi_bo" || u.cap === "chi_bo_co_so");
    const codes = new Set<string>();
    let total = 0;
    for (const c of COMMITTEES) {
      const template = cells.filter((u) => u.committee === c).length;
      for (const copy of [`${c}-01`, `${c}-02`]) {
        const own = cellsOf(copy);
        total += own.length;
        for (const u of own) {
          expect(u.ma_don_vi!.startsWith(`${copy}.`), u.ma_don_vi).toBe(true);
          codes.add(u.ma_don_vi!);
        }
        expect(own.length, copy).toBeGreaterThan(template * 0.7);
        expect(own.length, copy).toBeLessThan(template * 1.3);
      }
    }
    expect(codes.size).toBe(total);
    expect(summary.cells).toBe(total);
    // the copies are simulated apart: different meetings, not the template's rows under new codes
    expect(readFileSync(join(dir, "sinh_hoat_HU-YS-01_2019.csv"), "utf8")).not.toBe(readFileSync(join(dir, "sinh_hoat_HU-YS-02_2019.csv"), "utf8"));
  });
});
