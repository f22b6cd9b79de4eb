// npm run serve: the published data beside the pages (cache headers), old unit links redirected, and with
// --users FILE nothing served without a valid sign-in and each committee's staff kept to their committee:
// other committees' files and unit pages refused, and no other committee's unit names through the manifest or
// the search index.
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {locatorName, locatorShard, PROVINCE, type Manifest} from "../src/components/data-layout.ts";
import {serveSite, type RunningServer} from "../scripts/serve.ts";
import {writeRichSiteFixture} from "./helpers/site-fixture.ts";
import {publishedSite} from "./helpers/site.ts";

const ROOT = join(import.meta.dirname, "..");
let dir: string;
let site: Awaited<ReturnType<typeof publishedSite>>;
let usersFile: string;

function addUser(name: string, scope: string, password: string) {
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["scripts/users.ts", "add", name, "--scope", scope, "--file", usersFile], {cwd: ROOT, input: `${password}\n`, encoding: "utf8"});
  expect(r.status, r.stderr).toBe(0);
}

const basic = (user: string, password: string) => ({Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chibo-serve-"));
  await writeRichSiteFixture(join(dir, "warehouse.duckdb"));
  site = await publishedSite(join(dir, "warehouse.duckdb"));
  usersFile = join(dir, "users.json");
  addUser("tinh", "tinh", "mat-khau-tinh");
  addUser("lambinh", "HU-LB", "mat-khau-lam-binh");
}, 300_000);

afterAll(() => {
  site?.dispose();
  rmSync(dir, {recursive: true, force: true});
});

describe("npm run serve", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serveSite({dir: site.dir, port: 0});
  });
  afterAll(() => server?.close());

  it("serves the manifest uncached and the hashed data files for ever; redirects old unit links", async () => {
    const m = await fetch(`${server.url}/data/manifest.json`);
    expect(m.status).toBe(200);
    expect(m.headers.get("cache-control")).toBe("no-cache");
    const manifest = (await m.json()) as Manifest;
    const f = await fetch(`${server.url}/data/${manifest.files["tong-hop/site.json"].path}`);
    expect(f.status).toBe(200);
    expect(f.headers.get("cache-control")).toContain("immutable");
    for (const old of ["/don-vi/HU-LB", "/don-vi/HU-LB.03.html"]) {
      const r = await fetch(`${server.url}${old}`, {redirect: "manual"});
      expect(r.status, old).toBe(301);
      expect(r.headers.get("location")).toBe(`/don-vi/?ma=${old.includes(".03") ? "HU-LB.03" : "HU-LB"}`);
    }
    expect((await fetch(`${server.url}/don-vi/`)).status).toBe(200);
  });
});

describe("npm run serve -- --users FILE", () => {
  let server: RunningServer;
  let all: Manifest;
  beforeAll(async () => {
    server = await serveSite({dir: site.dir, port: 0, usersFile});
    all = site.published.manifest;
  });
  afterAll(() => server?.close());
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, {headers, redirect: "manual"});
  const otherCommittee = () => Object.keys(all.committees).find((c) => c !== "HU-LB")!;

  it("serves nothing without a sign-in, and refuses a wrong password or an unknown user", async () => {
    for (const path of ["/", "/don-vi/", "/data/manifest.json", `/data/${all.files["tong-hop/site.json"].path}`]) {
      const r = await get(path);
      expect(r.status, path).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    }
    expect((await get("/", basic("tinh", "sai-mat-khau"))).status).toBe(401);
    expect((await get("/", basic("khong-co", "mat-khau-tinh"))).status).toBe(401);
    expect((await get("/", basic("tinh", "mat-khau-tinh"))).status).toBe(200);
  });

  it("a province user reads everything", async () => {
    const h = basic("tinh", "mat-khau-tinh");
    const m = (await (await get("/data/manifest.json", h)).json()) as Manifest;
    expect(Object.keys(m.files).sort()).toEqual(Object.keys(all.files).sort());
    for (const name of [PROVINCE.search, "dang-bo/HU-LB/don-vi.json", `dang-bo/${otherCommittee()}/don-vi.json`]) expect((await get(`/data/${all.files[name].path}`, h)).status, name).toBe(200);
  });

  it("a committee user reads its committee and the summaries, and gets 403 for any other committee's files and unit pages", async () => {
    const h = basic("lambinh", "mat-khau-lam-binh");
    const res = await get("/data/manifest.json", h);
    expect(res.status).toBe(200);
    const m = (await res.json()) as Manifest;
    expect(m.scope).toEqual({kind: "committee", code: "HU-LB"});
    const names = Object.keys(m.files);
    expect(names.some((n) => n.startsWith("toan-tinh/"))).toBe(false);
    expect(names.filter((n) => n.startsWith("dang-bo/")).every((n) => n.startsWith("dang-bo/HU-LB/"))).toBe(true);
    expect(names).toContain("tong-hop/site.json");
    expect((await get(`/data/${all.files["dang-bo/HU-LB/don-vi.json"].path}`, h)).status).toBe(200);
    expect((await get(`/data/${all.files["tong-hop/chuoi.json"].path}`, h)).status).toBe(200);
    const other = otherCommittee();
    expect((await get(`/data/${all.files[`dang-bo/${other}/don-vi.json`].path}`, h)).status).toBe(403);
    expect((await get(`/data/${all.files[PROVINCE.search].path}`, h)).status).toBe(403);
    expect((await get(`/data/${all.files[locatorName(locatorShard("HU-LB.03"))].path}`, h)).status).toBe(403);
    // unit pages: its own units, not another committee's (the committee itself or one of its units)
    expect((await get("/don-vi/?ma=HU-LB.03", h)).status).toBe(200);
    expect((await get(`/don-vi/?ma=${other}`, h)).status).toBe(403);
    const otherUnit = (await (await get(`/data/${all.files[`dang-bo/${other}/don-vi.json`].path}`, basic("tinh", "mat-khau-tinh"))).json()).units[0].code;
    expect((await get(`/don-vi/?ma=${encodeURIComponent(otherUnit)}`, h)).status).toBe(403);
    // nothing the committee user can read names another committee's units
    const readable = await Promise.all(names.filter((n) => n.endsWith(".json")).map(async (n) => (await get(`/data/${m.files[n].path}`, h)).text()));
    expect(readable.some((text) => text.includes(otherUnit))).toBe(false);
  });

  it("a users file that cannot be read stops the server with exit 2 and a clear message", () => {
    const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["scripts/serve.ts", "--dir", site.dir, "--port", "0", "--users", join(dir, "missing.json")], {cwd: ROOT, encoding: "utf8", timeout: 30_000});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Không đọc được tệp người dùng/);
  });
});
