// The publish step (marts → dist/data): a manifest naming every file by content hash, files split by committee,
// only changed files written, a corrected committee-year rewriting only that committee's files and the
// summaries, files no longer named removed by a later publish, and a publish killed at any point leaving the
// previous publication whole.
import {spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {COMMITTEE_FILES, committeeName, locatorName, locatorShard, LOCATOR_SHARDS, SUMMARY, PROVINCE, upperShardName, type Manifest} from "../src/components/data-layout.ts";
import {assembleUnitPage} from "../src/components/unit-data.ts";
import {builtWarehouse} from "./helpers/warehouse.ts";
import {publish} from "../pipelines/publish/publish.ts";
import {refresh} from "../pipelines/refresh.ts";

const FIXTURE = join(import.meta.dirname, "fixtures", "pipeline");
const ROOT = join(import.meta.dirname, "..");
let dir: string;
let db: string;

const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
const readJson = (out: string, m: Manifest, name: string) => JSON.parse(readFileSync(join(out, m.files[name].path), "utf8"));

/** Every file the manifest names exists, with the size the manifest gives and the hash its name carries. */
function whole(out: string): string[] {
  const m = manifestOf(out);
  const problems: string[] = [];
  for (const [name, f] of Object.entries(m.files)) {
    const path = join(out, f.path);
    if (!existsSync(path)) problems.push(`${name}: missing`);
    else {
      const data = readFileSync(path);
      const stem = name.replace(/\.[^/]+$/, "");
      const hash = createHash("sha256").update(data).digest("hex").slice(0, 16);
      if (!f.path.startsWith(`${stem}.${hash}.`)) problems.push(`${name}: hash differs`);
      if (data.length !== f.bytes) problems.push(`${name}: size differs`);
    }
  }
  // The compressed manifest is the same manifest.
  if (!existsSync(join(out, "manifest.json.gz")) || gunzipSync(readFileSync(join(out, "manifest.json.gz"))).toString("utf8") !== readFileSync(join(out, "manifest.json"), "utf8")) problems.push("manifest.json.gz differs");
  return problems;
}

function walk(d: string, rel = ""): string[] {
  return readdirSync(join(d, rel), {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? walk(d, `${rel}${e.name}/`) : [`${rel}${e.name}`]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-publish-"));
  db = await builtWarehouse(dir, FIXTURE);
}, 120_000);

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("a publication", () => {
  let out: string;
  let m: Manifest;
  beforeAll(async () => {
    out = join(dir, "data-a");
    await publish({db, out});
    m = manifestOf(out);
  }, 120_000);

  it("names every file with its content hash, in its name and in the manifest", () => {
    expect(whole(out)).toEqual([]);
    expect(m.years.slice(-2)).toEqual([2020, 2021]);
    expect(m.pipeline.fingerprint).toMatch(/^[0-9a-f]{16,}$/);
    expect(m.province?.code).toBe("TQ");
  });

  it("splits the data by committee: the summaries, the province's files and one folder per committee", () => {
    for (const name of [...Object.values(SUMMARY), ...Object.values(PROVINCE)]) expect(m.files[name], name).toBeDefined();
    for (const c of ["HU-A", "HU-B", "HU-C"]) for (const f of Object.keys(COMMITTEE_FILES)) expect(m.files[committeeName(c, f as keyof typeof COMMITTEE_FILES)], `${c} ${f}`).toBeDefined();
    // a committee's unit file holds its own units and no other committee's
    const a = readJson(out, m, committeeName("HU-A", "units"));
    expect(a.units.map((u: {code: string}) => u.code).sort()).toEqual(["HU-A.001", "HU-A.001.01", "HU-A.001.02", "HU-A.002"]);
    expect(JSON.stringify(a)).not.toContain("HU-B.001");
    // no summary names a grassroots organisation or a cell
    for (const name of Object.values(SUMMARY).filter((n) => n.endsWith(".json"))) expect(readFileSync(join(out, m.files[name].path), "utf8"), name).not.toMatch(/HU-[ABC]\.\d{3}/);
  });

  it("locates every unit's committee through its locator shard, and the search index lists committees and grassroots organisations", () => {
    expect(Object.keys(m.files).filter((n) => n.includes("/tra-cuu/")).length).toBe(LOCATOR_SHARDS);
    for (const [code, committee] of [["HU-A.001.01", "HU-A"], ["HU-C.02", "HU-C"], ["HU-B", "HU-B"]]) {
      expect(readJson(out, m, locatorName(locatorShard(code)))[code], code).toBe(committee);
    }
    const search = readJson(out, m, PROVINCE.search).units.map((u: string[]) => u[0]).sort();
    expect(search).toContain("HU-A.001");
    expect(search).toContain("HU-C");
    expect(search).not.toContain("HU-A.001.01"); // cells are found through their committee
  });

  it("the unit page's cuts of the province series give every unit the same page as the whole series", () => {
    const site = readJson(out, m, SUMMARY.site);
    const full = readJson(out, m, SUMMARY.series);
    const codes = ["TQ", "HU-A", "HU-B", "HU-C", "HU-A.001", "HU-A.002", "HU-C.02"];
    for (const code of codes) {
      const committee = code === "TQ" ? null : code.split(".")[0];
      const file = committee ? readJson(out, m, committeeName(committee, "units")) : null;
      const cut = readJson(out, m, committee ? upperShardName(committee) : SUMMARY.provinceSeries);
      const page = assembleUnitPage(code, {site, upper: cut, committee: file});
      expect(page, code).not.toBeNull();
      expect(page, code).toEqual(assembleUnitPage(code, {site, upper: full, committee: file}));
    }
    // A shard holds the province and its own committees only.
    const shard = readJson(out, m, upperShardName("HU-B"));
    expect(shard.units.map((u: {code: string}) => u.code)).toEqual(["TQ", ...["HU-A", "HU-B", "HU-C"].filter((c) => upperShardName(c) === upperShardName("HU-B"))]);
  });

  it("ranks only units with enough data, and committees among their peer group", () => {
    const full = readJson(out, m, SUMMARY.series);
    const at2020 = (x: {rank: (number | null)[]; of: (number | null)[]} | undefined) => x && {rank: x.rank[4], of: x.of[4]};
    // 2020, regular meetings: HU-A (26 cell-months) and HU-C (24) are district committees (nong_thon) ranked
    // between them; HU-B (12, below the minimum of 20) is the police and military group's only member and unranked.
    expect(full.d.regular_meeting_rate["HU-B"][4]).toBeLessThan(20);
    const a = at2020(full.ranks["HU-A"].regular_meeting_rate);
    const c = at2020(full.ranks["HU-C"].regular_meeting_rate);
    expect([a?.of, c?.of]).toEqual([2, 2]);
    expect([a?.rank, c?.rank].sort()).toEqual(full.v.regular_meeting_rate["HU-A"][4] === full.v.regular_meeting_rate["HU-C"][4] ? [1, 1] : [1, 2]);
    expect(full.ranks["HU-B"]?.regular_meeting_rate?.rank?.[4] ?? null).toBeNull();
    // a grassroots organisation with 18 cell-months is not ranked on the share; the quality index follows the pipeline's ranks
    const units = readJson(out, m, committeeName("HU-A", "units"));
    expect(units.series.d.regular_meeting_rate["HU-A.001"][4]).toBe(18);
    expect(units.ranks["HU-A.001"].regular_meeting_rate?.rank?.[4] ?? null).toBeNull();
    // the catalog carries the minimum, for the pages' "ít dữ liệu"
    const site = readJson(out, m, SUMMARY.site);
    const catalog = site.indicators;
    expect(catalog.find((c: {indicator: string}) => c.indicator === "regular_meeting_rate").minDenominator).toBe(20);
  });

  it("a second publish with nothing changed writes no file", async () => {
    const again = await publish({db, out});
    expect(again.stats.written).toEqual([]);
    expect(again.built).toEqual([]);
    expect(again.kept.sort()).toEqual(["HU-A", "HU-B", "HU-C"]);
    expect(whole(out)).toEqual([]);
  });
});

describe("a corrected committee-year", () => {
  it("rewrites only that committee's files and the summaries; a later publish removes the files no longer named", async () => {
    const out = join(dir, "data-b");
    await publish({db, out});
    const before = manifestOf(out);
    // HU-B resends its 2020 log with two regular meetings fewer
    const corrected = join(dir, "fix", "sinh_hoat_HU-B_2020.csv");
    const lines = readFileSync(join(FIXTURE, "sinh_hoat_HU-B_2020.csv"), "utf8").trimEnd().split("\n");
    rmSync(join(dir, "fix"), {recursive: true, force: true});
    cpSync(join(FIXTURE, "ngay_nhan.csv"), join(dir, "fix", "ngay_nhan.csv"));
    writeFileSync(corrected, [lines[0], ...lines.slice(3)].join("\n") + "\n");
    const r = await refresh([corrected], {db, out});
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    expect(r.pipeline?.partitions.map((p) => `${p.committee_code} ${p.year}`)).toEqual(["HU-B 2020"]);
    expect(r.published?.built).toEqual(["HU-B"]);
    const after = manifestOf(out);
    const written = r.published!.stats.written;
    expect(written).toContain(committeeName("HU-B", "units"));
    expect(written).toContain(SUMMARY.series);
    for (const name of written) expect(name, `rewritten: ${name}`).toMatch(/^(tong-hop|toan-tinh)\/|^dang-bo\/HU-B\//);
    for (const name of Object.keys(before.files).filter((n) => /^dang-bo\/HU-[AC]\//.test(n))) expect(after.files[name], name).toEqual(before.files[name]);
    // the committee's figure changed in its file and in the summary
    const share = (m: Manifest) => {
      const s = readJson(out, m, SUMMARY.series);
      return s.v.regular_meeting_rate["HU-B"][s.years.indexOf(2020)];
    };
    expect(share(after)).toBeLessThan(share(before));
    // the replaced files stay one publication (pages that read the old manifest a moment ago), then go
    const old = before.files[committeeName("HU-B", "units")].path;
    expect(existsSync(join(out, old))).toBe(true);
    await publish({db, out, full: true});
    await publish({db, out});
    expect(existsSync(join(out, old))).toBe(false);
    const named = new Set(Object.values(manifestOf(out).files).flatMap((f) => [f.path, `${f.path}.gz`]));
    const previous = walk(out).filter((p) => p !== "manifest.json" && !named.has(p));
    // what is left besides the current files is at most the previous publication's
    expect(previous.length).toBeLessThanOrEqual(Object.keys(after.files).length * 2);
    expect(whole(out)).toEqual([]);
  }, 120_000);
});

describe("a publish killed at any point", () => {
  it("leaves the previous manifest and its files whole; the next run completes", async () => {
    const out = join(dir, "data-c");
    await publish({db, out});
    const first = manifestOf(out);
    const kills: {line: number; signal: string | null}[] = [];
    const points = [1, 2, 3, 4, 5, 6];
    for (const k of points) {
      // --full rebuilds every committee, so every step writes files; killed on the k-th progress line
      const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["pipelines/publish/cli.ts", "--db", db, "--out", out, "--full"], {cwd: ROOT, stdio: ["ignore", "pipe", "pipe"]});
      let seen = 0;
      let buffer = "";
      child.stdout.on("data", (chunk: Buffer) => {
        buffer += chunk.toString("utf8");
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        seen += lines.length;
        if (seen >= k && child.exitCode === null) child.kill("SIGKILL");
      });
      const signal = await new Promise<string | null>((ok) => child.on("exit", (_code, sig) => ok(sig)));
      kills.push({line: k, signal});
      expect(whole(out), `after a kill on line ${k}`).toEqual([]);
      const m = manifestOf(out);
      expect([first.published, m.published]).toContain(m.published);
    }
    const midRun = kills.filter((k) => k.signal === "SIGKILL").length;
    console.log(`publish killed mid-run at ${midRun} of ${kills.length} kill points`);
    expect(midRun).toBeGreaterThanOrEqual(Math.ceil(points.length * 0.8));
    const done = await publish({db, out});
    expect(whole(out)).toEqual([]);
    expect(walk(out).some((p) => p.includes(".tmp-"))).toBe(false);
    expect(Object.keys(done.manifest.files).length).toBe(Object.keys(first.files).length);
  }, 300_000);
});
