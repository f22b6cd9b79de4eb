// npm run serve on a tiny fake site (pages, and a publication laid out by src/components/data-layout.ts): the
// published data beside the pages with their cache headers, looked up on every request; old unit links
// redirected; and with --users FILE nothing served without a valid sign-in, each committee's staff kept to
// their committee (other committees' files and unit pages refused, a manifest naming none of them).
import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {request} from "node:http";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  committeeName,
  DATA_DIR,
  locatorName,
  locatorShard,
  MANIFEST,
  MANIFEST_FORMAT,
  PROVINCE,
  SUMMARY,
  type Manifest
} from "../src/components/data-layout.ts";
import {serveSite, type RunningServer} from "../scripts/serve.ts";
import {Authenticator, readUsers, UsersFileError} from "../scripts/serve-auth.ts";

const ROOT = join(import.meta.dirname, "..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

const UNITS: Record<string, string[]> = {
  "HU-SD": ["HU-SD.001", "HU-SD.002"],
  "HU-LB": ["HU-LB.01", "HU-LB.02"]
};

let tmp: string;
let dist: string;
let usersFile: string;
let manifest: Manifest;

/** Writes `files` (logical name → content) under dist/data/ with content-hashed names, then the manifest, last. */
function publishFake(files: Record<string, string>): Manifest {
  const entries: Manifest["files"] = {};
  for (const [name, content] of Object.entries(files)) {
    const sha256 = createHash("sha256").update(content).digest("hex");
    const path = name.replace(/(\.[a-z]+)$/, `.${sha256.slice(0, 16)}$1`);
    mkdirSync(dirname(join(dist, DATA_DIR, path)), {recursive: true});
    writeFileSync(join(dist, DATA_DIR, path), content);
    entries[name] = {path, bytes: Buffer.byteLength(content)};
  }
  const m: Manifest = {
    format: MANIFEST_FORMAT,
    published: new Date().toISOString(),
    pipeline: {fingerprint: "test", finishedAt: null},
    province: {code: "TQ", name: "Tuyên Quang"},
    years: [2025],
    terms: ["2020-2025"],
    files: entries,
    committees: Object.fromEntries(Object.keys(UNITS).map((c) => [c, {source: `source-${c}`}]))
  };
  writeFileSync(join(dist, DATA_DIR, `${MANIFEST}.tmp`), JSON.stringify(m));
  renameSync(join(dist, DATA_DIR, `${MANIFEST}.tmp`), join(dist, DATA_DIR, MANIFEST));
  return m;
}

function publication(siteText = "Tổng quan toàn tỉnh"): Record<string, string> {
  const files: Record<string, string> = {
    [SUMMARY.site]: JSON.stringify({title: siteText, committees: Object.keys(UNITS).length}),
    [SUMMARY.series]: JSON.stringify({series: [1, 2, 3]}),
    [PROVINCE.search]: JSON.stringify(Object.values(UNITS).flat()),
    [PROVINCE.quality]: JSON.stringify({problems: 0})
  };
  const shards = new Map<number, Record<string, string>>();
  for (const [committee, units] of Object.entries(UNITS)) {
    files[committeeName(committee, "units")] = JSON.stringify({units: units.map((code) => ({code, name: `Chi bộ ${code}`}))});
    files[committeeName(committee, "series")] = JSON.stringify({committee, series: [4, 5]});
    for (const code of [committee, ...units]) {
      const shard = locatorShard(code);
      shards.set(shard, {...shards.get(shard), [code]: committee});
    }
  }
  for (const [shard, map] of shards) files[locatorName(shard)] = JSON.stringify(map);
  return files;
}

function users(...args: string[]) {
  return spawnSync(TSX, ["scripts/users.ts", ...args, "--file", usersFile], {cwd: ROOT, encoding: "utf8", input: ""});
}

function addUser(name: string, scope: string, password: string) {
  const r = spawnSync(TSX, ["scripts/users.ts", "add", name, "--scope", scope, "--file", usersFile], {cwd: ROOT, input: `${password}\n`, encoding: "utf8"});
  expect(r.status, r.stderr).toBe(0);
}

const basic = (user: string, password: string) => ({Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`});
const TINH = basic("tinh", "mật-khẩu-tỉnh");
const SD = basic("sonduong", "mat-khau-son-duong");

/** A GET with the path sent exactly as written (fetch would resolve dot segments first). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<{status: number; body: string}> {
  const {hostname, port} = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({host: hostname, port, path, headers}, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => ok({status: res.statusCode ?? 0, body}));
    });
    req.on("error", fail);
    req.end();
  });
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "chibo-serve-"));
  dist = join(tmp, "dist");
  mkdirSync(join(dist, "don-vi"), {recursive: true});
  mkdirSync(join(dist, "_import"), {recursive: true});
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Tổng quan</title><p>TRANG-TONG-QUAN</p>");
  writeFileSync(join(dist, "don-vi", "index.html"), "<!doctype html><title>Đơn vị</title><p>TRANG-DON-VI</p>");
  writeFileSync(join(dist, "_import", "app.0123456789abcdef.js"), "export const x = 1;");
  manifest = publishFake(publication());
  usersFile = join(tmp, "users.json");
  addUser("tinh", "tinh", "mật-khẩu-tỉnh");
  addUser("sonduong", "HU-SD", "mat-khau-son-duong");
}, 60_000);

afterAll(() => {
  rmSync(tmp, {recursive: true, force: true});
});

const file = (name: string) => `/${DATA_DIR}/${manifest.files[name].path}`;

describe("npm run serve (no users file)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serveSite({dir: dist, port: 0});
  });
  afterAll(() => server?.close());
  const get = (path: string) => fetch(`${server.url}${path}`, {redirect: "manual"});

  it("serves the pages and every data file, the manifest uncached and the hashed files for ever", async () => {
    expect(server.published).toBe(true);
    expect(server.users).toBe(null);
    const home = await get("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("TRANG-TONG-QUAN");
    expect(home.headers.get("cache-control")).toBe("no-cache");
    for (const path of ["/don-vi/", "/don-vi/index.html", "/don-vi", "/don-vi/?ma=HU-LB.01"]) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(await r.text()).toContain("TRANG-DON-VI");
    }
    const m = await get(`/${DATA_DIR}/${MANIFEST}`);
    expect(m.status).toBe(200);
    expect(m.headers.get("cache-control")).toBe("no-cache");
    expect(await m.json()).toEqual(manifest);
    for (const name of [SUMMARY.site, PROVINCE.search, committeeName("HU-SD", "units"), committeeName("HU-LB", "units")]) {
      const r = await get(file(name));
      expect(r.status, name).toBe(200);
      expect(r.headers.get("cache-control"), name).toBe("public, max-age=31536000, immutable");
      expect(await r.text()).toBe(readFileSync(join(dist, DATA_DIR, manifest.files[name].path), "utf8"));
    }
    expect((await get("/_import/app.0123456789abcdef.js")).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await get(`/${DATA_DIR}/tong-hop/khong-co.json`)).status).toBe(404);
  });

  it("redirects old unit links (301) to the one unit page, the code URL-decoded then encoded", async () => {
    const cases: [string, string][] = [
      ["/don-vi/HU-X", "/don-vi/?ma=HU-X"],
      ["/don-vi/HU-X.html", "/don-vi/?ma=HU-X"],
      ["/don-vi/HU-LB.01", "/don-vi/?ma=HU-LB.01"],
      ["/don-vi/HU-LB.01.html", "/don-vi/?ma=HU-LB.01"],
      ["/don-vi/S%C6%A0N%20D%C6%AF%C6%A0NG", `/don-vi/?ma=${encodeURIComponent("SƠN DƯƠNG")}`],
      ["/don-vi/a%26b%3Dc", "/don-vi/?ma=a%26b%3Dc"]
    ];
    for (const [from, to] of cases) {
      const r = await get(from);
      expect(r.status, from).toBe(301);
      expect(r.headers.get("location"), from).toBe(to);
    }
  });

  it("looks the published files up on every request: a publication made while serving is served at once", async () => {
    const before = manifest;
    manifest = publishFake(publication("Bản công bố mới"));
    expect(manifest.files[SUMMARY.site].path).not.toBe(before.files[SUMMARY.site].path);
    const m = (await (await get(`/${DATA_DIR}/${MANIFEST}`)).json()) as Manifest;
    expect(m.files[SUMMARY.site].path).toBe(manifest.files[SUMMARY.site].path);
    const site = await get(file(SUMMARY.site));
    expect(site.status).toBe(200);
    expect(await site.text()).toContain("Bản công bố mới");
  });

  it("answers malformed or odd paths without crashing", async () => {
    expect((await rawGet(server.url, "/%E0%A4%A")).status).toBe(404);
    expect((await rawGet(server.url, "/data/dang-bo/HU%25/x.json")).status).toBe(404);
    expect((await rawGet(server.url, "/data/../../etc/passwd")).status).toBe(404);
    expect((await get("/")).status).toBe(200);
  });
});

describe("npm run serve -- --users FILE", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serveSite({dir: dist, port: 0, usersFile});
  });
  afterAll(() => server?.close());
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, {headers, redirect: "manual"});

  it("serves nothing without a valid sign-in: 401 with a Basic challenge, the same for a wrong password and an unknown user", async () => {
    expect(server.users).toBe(2);
    const paths = ["/", "/don-vi/", "/don-vi/HU-X", "/_import/app.0123456789abcdef.js", `/${DATA_DIR}/${MANIFEST}`, file(SUMMARY.site), file(committeeName("HU-SD", "units"))];
    const bodies = new Set<string>();
    for (const headers of [{}, basic("tinh", "sai-mat-khau"), basic("khong-co-ai", "mật-khẩu-tỉnh"), basic("sonduong", "mật-khẩu-tỉnh"), {Authorization: "Basic !!!"}, {Authorization: "Bearer x"}]) {
      for (const path of paths) {
        const r = await get(path, headers);
        expect(r.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(r.headers.get("www-authenticate")).toBe('Basic realm="Chi bo Analytics", charset="UTF-8"');
        const body = await r.text();
        expect(body).not.toContain("TRANG-");
        expect(body).not.toContain("Tổng quan toàn tỉnh");
        bodies.add(body);
      }
    }
    expect(bodies.size).toBe(1); // never says whether the user exists
    expect([...bodies][0]).toContain("Cần đăng nhập");
  });

  it("a province user reads everything", async () => {
    const home = await get("/", TINH);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("TRANG-TONG-QUAN");
    const res = await get(`/${DATA_DIR}/${MANIFEST}`, TINH);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-cache");
    expect(Object.keys(((await res.json()) as Manifest).files).sort()).toEqual(Object.keys(manifest.files).sort());
    for (const name of Object.keys(manifest.files)) expect((await get(file(name), TINH)).status, name).toBe(200);
    for (const code of ["HU-LB.01", "HU-SD.002", "HU-LB"]) expect((await get(`/don-vi/?ma=${code}`, TINH)).status, code).toBe(200);
    const old = await get("/don-vi/HU-LB.01", TINH);
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe("/don-vi/?ma=HU-LB.01");
  });

  it("behind a sign-in, hashed files are cached privately (never by a shared cache)", async () => {
    const r = await get(file(SUMMARY.site), TINH);
    expect(r.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
  });

  it("a committee user gets a manifest filtered to its scope, generated and uncached", async () => {
    const res = await get(`/${DATA_DIR}/${MANIFEST}`, SD);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-cache");
    expect(res.headers.get("content-type")).toContain("application/json");
    const text = await res.text();
    const m = JSON.parse(text) as Manifest;
    expect(m.scope).toEqual({kind: "committee", code: "HU-SD"});
    expect(Object.keys(m.files).sort()).toEqual(Object.keys(manifest.files).filter((n) => n.startsWith("tong-hop/") || n.startsWith("dang-bo/HU-SD/")).sort());
    expect(Object.keys(m.committees)).toEqual(["HU-SD"]);
    expect(text).not.toContain("HU-LB");
    expect(text).not.toContain("toan-tinh/");
    expect(m.files[SUMMARY.site]).toEqual(manifest.files[SUMMARY.site]);
    // sent compressed to a browser that accepts it (a national manifest names thousands of files)
    if (text.length > 1024) expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toContain("Accept-Encoding");
  });

  it("a committee user reads its committee's files and the summaries, and gets 403 for anything else under data/", async () => {
    for (const name of [SUMMARY.site, SUMMARY.series, committeeName("HU-SD", "units"), committeeName("HU-SD", "series")]) {
      const r = await get(file(name), SD);
      expect(r.status, name).toBe(200);
      expect(await r.text()).toBe(readFileSync(join(dist, DATA_DIR, manifest.files[name].path), "utf8"));
    }
    const refused = [
      committeeName("HU-LB", "units"),
      committeeName("HU-LB", "series"),
      PROVINCE.search,
      PROVINCE.quality,
      locatorName(locatorShard("HU-SD.001")),
      locatorName(locatorShard("HU-LB.01"))
    ];
    for (const name of refused) {
      const r = await get(file(name), SD);
      expect(r.status, name).toBe(403);
      const body = await r.text();
      expect(body).toContain("Không có quyền xem");
      expect(body).not.toContain("HU-LB.01");
    }
    // the same files by paths written otherwise
    const lb = manifest.files[committeeName("HU-LB", "units")].path;
    for (const path of [
      `//data/${lb}`,
      `/data//${lb}`,
      `/data/dang-bo/HU-SD/../../data/${lb}`,
      `/data/dang-bo/HU-SD/%2e%2e/HU-LB/${lb.split("/").pop()}`,
      `/data/dang-bo/HU-SD/..%2F..%2F${lb.replace(/\//g, "%2F")}`,
      `/data/dang-bo/%48U-LB/${lb.split("/").pop()}`,
      `/data/%64ang-bo/HU-LB/${lb.split("/").pop()}`,
      `/data/${lb}.gz`
    ]) {
      const r = await rawGet(server.url, path, SD);
      expect([403, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain("Chi bộ HU-LB");
    }
    // an undecodable committee segment is refused, and the server keeps answering
    expect((await rawGet(server.url, "/data/dang-bo/HU%25/x.json", SD)).status).toBe(403);
    expect((await rawGet(server.url, "/data/dang-bo/%E0%A4%A/x.json", SD)).status).toBe(404);
    expect((await get(file(SUMMARY.site), SD)).status).toBe(200);
  });

  it("a committee user gets the unit page of its own units and unknown codes, and 403 for another committee's units", async () => {
    for (const code of ["HU-SD", "HU-SD.001", "HU-SD.002", "KHONG-CO", "constructor", "__proto__"]) {
      const r = await get(`/don-vi/?ma=${encodeURIComponent(code)}`, SD);
      expect(r.status, code).toBe(200);
      expect(await r.text()).toContain("TRANG-DON-VI");
    }
    for (const path of ["/don-vi/?ma=HU-LB.01", "/don-vi/?ma=HU-LB", "/don-vi/?ma=HU-LB.02&x=1", "/don-vi/index.html?ma=HU-LB.01", "/don-vi/index?ma=HU-LB.01", "/don-vi?ma=HU-LB.01", "//don-vi/?ma=HU-LB.01", "/don-vi//?ma=HU-LB.01", "/%64on-vi/?ma=HU-LB.01"]) {
      const r = await rawGet(server.url, path, SD);
      expect(r.status, path).toBe(403);
      expect(r.body).toContain("Không có quyền xem");
      expect(r.body).not.toContain("TRANG-DON-VI");
    }
    // the pages themselves are served to every signed-in user
    const home = await get("/", SD);
    expect(home.status).toBe(200);
    expect((await get("/_import/app.0123456789abcdef.js", SD)).status).toBe(200);
    // an old link redirects; the page it leads to is refused
    const old = await get("/don-vi/HU-LB.01.html", SD);
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe("/don-vi/?ma=HU-LB.01");
  });

  it("a wrong password after a good one is still refused (successful checks are remembered by user and password)", async () => {
    expect((await get("/", SD)).status).toBe(200);
    expect((await get("/", basic("sonduong", "mat-khau-son-duong-sai"))).status).toBe(401);
    expect((await get("/", basic("sonduong", "mat-khau-son-duon"))).status).toBe(401);
    expect((await get("/", SD)).status).toBe(200);
  });
});

describe("the users file and npm run users", () => {
  it("stores scrypt hashes, never the password; list and remove", () => {
    const text = readFileSync(usersFile, "utf8");
    expect(text).not.toContain("mật-khẩu-tỉnh");
    expect(text).not.toContain("mat-khau-son-duong");
    const parsed = JSON.parse(text);
    expect(parsed.users.map((u: {name: string; scope: unknown}) => [u.name, u.scope])).toEqual([
      ["tinh", "province"],
      ["sonduong", {committee: "HU-SD"}]
    ]);
    expect(parsed.users[0].password).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    const list = users("list");
    expect(list.status).toBe(0);
    expect(list.stdout).toBe("tinh\ttinh\nsonduong\tHU-SD\n");

    const copy = join(tmp, "users-copy.json");
    writeFileSync(copy, text);
    const removed = spawnSync(TSX, ["scripts/users.ts", "remove", "sonduong", "--file", copy], {cwd: ROOT, encoding: "utf8"});
    expect(removed.status, removed.stderr).toBe(0);
    expect(readUsers(copy).users.map((u) => u.name)).toEqual(["tinh"]);
    expect(spawnSync(TSX, ["scripts/users.ts", "remove", "khong-co", "--file", copy], {cwd: ROOT, encoding: "utf8"}).status).toBe(1);
  });

  it("refuses bad input: a short password, no scope, a bad committee code, a colon in the name", () => {
    const run = (args: string[], input: string) => spawnSync(TSX, ["scripts/users.ts", ...args, "--file", join(tmp, "bad-users.json")], {cwd: ROOT, encoding: "utf8", input});
    expect(run(["add", "a", "--scope", "tinh"], "ngan\n").status).toBe(2);
    expect(run(["add", "a"], "du-dai-roi\n").status).toBe(2);
    expect(run(["add", "a", "--scope", "../x"], "du-dai-roi\n").status).toBe(2);
    expect(run(["add", "a:b", "--scope", "tinh"], "du-dai-roi\n").status).toBe(2);
    expect(run(["xoa", "a"], "").status).toBe(2);
  });

  it("a users file that cannot be read or parsed stops the server at start, exit 2 from the command line", async () => {
    const broken = join(tmp, "broken.json");
    writeFileSync(broken, "{\"users\": [");
    const noHash = join(tmp, "no-hash.json");
    writeFileSync(noHash, JSON.stringify({users: [{name: "x", password: "plain", scope: "province"}]}));
    const twice = join(tmp, "twice.json");
    const one = readUsers(usersFile).users[0];
    writeFileSync(twice, JSON.stringify({users: [one, one]}));
    for (const bad of [join(tmp, "missing.json"), broken, noHash, twice]) {
      await expect(serveSite({dir: dist, port: 0, usersFile: bad}), bad).rejects.toBeInstanceOf(UsersFileError);
    }
    for (const [bad, message] of [
      [join(tmp, "missing.json"), /Không đọc được tệp người dùng[\s\S]*Cannot read the users file/],
      [broken, /Không đọc được tệp người dùng/],
      [noHash, /không đúng mẫu[\s\S]*not in the expected form/],
      [twice, /tên trùng/]
    ] as const) {
      const r = spawnSync(TSX, ["scripts/serve.ts", "--dir", dist, "--port", "0", "--users", bad], {cwd: ROOT, encoding: "utf8", timeout: 30_000});
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it("remembers a successful check, so a signed-in user does not pay scrypt on every request", async () => {
    const auth = new Authenticator(readUsers(usersFile));
    const header = SD.Authorization;
    let t = performance.now();
    expect(await auth.check(header)).toEqual({name: "sonduong", scope: {kind: "committee", code: "HU-SD"}});
    const first = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < 50; i++) expect((await auth.check(header))?.name).toBe("sonduong");
    const fifty = performance.now() - t;
    expect(fifty).toBeLessThan(first);
    expect(await auth.check(basic("sonduong", "sai").Authorization)).toBe(null);
    expect(await auth.check(TINH.Authorization)).toEqual({name: "tinh", scope: {kind: "province"}});
  });
});
