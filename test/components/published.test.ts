// @vitest-environment jsdom
// How the pages read the published data (a fake fetch stands for the server): the manifest once and never from
// the cache, then only the hashed files it names, each fetched once; a clear message when nothing is published;
// a unit's committee through the locator shard, or the own committee's file for a committee's staff. And the
// Đơn vị page's finders: the search index fetched on the first keystroke only, the tree fetching a committee's
// units when it is opened.
import {describe, expect, it} from "vitest";
import {committeeName, locatorName, locatorShard, type Manifest} from "../../src/components/data-layout.ts";
import {dataProblem, loadPublished, openPublished, PublishedDataError} from "../../src/components/published.ts";
import type {SiteInfo} from "../../src/components/unit-page.ts";
import {unitSearch, unitTree} from "../../src/components/unit-directory.ts";

/** A fake server: logical name → content, published under a hashed path; records every request. */
function server(contents: Record<string, unknown>, extra: Partial<Manifest> = {}) {
  const files: Manifest["files"] = {};
  const byPath = new Map<string, unknown>();
  for (const [name, content] of Object.entries(contents)) {
    const path = name.replace(/\.(json|parquet)$/, `.abc123.$1`);
    files[name] = {path, bytes: JSON.stringify(content).length};
    byPath.set(`/data/${path}`, content);
  }
  const manifest: Manifest = {
    format: 1,
    published: "2023-01-05T00:00:00Z",
    pipeline: {fingerprint: null, finishedAt: null},
    province: {code: "P", name: "Đảng bộ tỉnh P"},
    years: [2022],
    terms: [],
    files,
    committees: {A: {source: "a"}, B: {source: "b"}},
    ...extra
  };
  const requests: {url: string; cache?: RequestCache}[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push({url, cache: init?.cache});
    const body = url === "/data/manifest.json" ? manifest : byPath.get(url);
    if (body === undefined) return new Response("", {status: 404});
    return new Response(JSON.stringify(body), {status: 200, headers: {"content-type": "application/json"}});
  }) as typeof fetch;
  return {fetcher, requests, manifest};
}

const unitsA = {
  committee: "A",
  units: [
    {code: "A.1", name: "Đảng bộ xã An Khang", level: "dang_bo_co_so", parent: "A", committee: "A"},
    {code: "A.1.1", name: "Chi bộ thôn An", level: "chi_bo", parent: "A.1", committee: "A"},
    {code: "A.2", name: "Chi bộ Trường THPT Sơn Dương", level: "chi_bo_co_so", parent: "A", committee: "A"}
  ],
  series: {years: [2022], terms: [], scale: {}, units: [], v: {}},
  ranks: {},
  ledger: null,
  absorbed: [],
  absorbedSource: "unit_absorptions"
};
const shardOf = (code: string) => locatorName(locatorShard(code));
const locator: Record<string, Record<string, string>> = {};
for (const [code, committee] of [["A.1", "A"], ["A.1.1", "A"], ["A.2", "A"], ["B.1", "B"]]) (locator[shardOf(code)] ??= {})[code] = committee;

const site: SiteInfo = {
  province: {code: "P", name: "Đảng bộ tỉnh P"},
  committees: [
    {code: "A", name: "Huyện ủy Sơn Dương", type: null, grassroots: 2},
    {code: "B", name: "Huyện ủy Bình Ca", type: null, grassroots: 1}
  ],
  indicators: [],
  years: [2022],
  terms: [],
  levels: {tinh: "Tỉnh", tren_co_so: "Trên cơ sở", dang_bo_co_so: "Đảng bộ cơ sở", chi_bo_co_so: "Chi bộ cơ sở"},
  types: {},
  marts: {comparable: null, completeness: null, absorbed: null, ledger: false},
  source: {warehouse: "w", modified: "2023-01-01"}
};
const provinceFiles = {
  "tong-hop/site.json": site,
  "toan-tinh/tim-kiem.json": {
    units: [
      ["A", "Huyện ủy Sơn Dương", "tren_co_so", "A"],
      ["B", "Huyện ủy Bình Ca", "tren_co_so", "B"],
      ["A.1", "Đảng bộ xã An Khang", "dang_bo_co_so", "A"],
      ["A.2", "Chi bộ Trường THPT Sơn Dương", "chi_bo_co_so", "A"]
    ]
  },
  [committeeName("A", "units")]: unitsA,
  [committeeName("B", "units")]: {...unitsA, committee: "B", units: [{code: "B.1", name: "Chi bộ B", level: "chi_bo_co_so", parent: "B", committee: "B"}]},
  ...locator
};

const settle = () => new Promise((r) => setTimeout(r, 0));
const type = async (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event("input"));
  for (let i = 0; i < 5; i++) await settle();
};
const open = async (details: HTMLDetailsElement) => {
  details.open = true;
  details.dispatchEvent(new Event("toggle"));
  for (let i = 0; i < 5; i++) await settle();
};

describe("openPublished", () => {
  it("reads the manifest without the cache, then each named file once, by its hashed path", async () => {
    const s = server(provinceFiles);
    const pub = await openPublished(s.fetcher);
    expect(s.requests).toEqual([{url: "/data/manifest.json", cache: "no-store"}]);
    expect(pub.scope).toEqual({kind: "province"});
    expect(pub.has("tong-hop/site.json")).toBe(true);
    expect(pub.has("tong-hop/overview.json")).toBe(false);
    expect(pub.url("tong-hop/site.json")).toBe("/data/tong-hop/site.abc123.json");
    expect(pub.url("tong-hop/overview.json")).toBeNull();
    const [a, b] = await Promise.all([pub.json("tong-hop/site.json"), pub.json("tong-hop/site.json")]);
    expect(a).toBe(b);
    expect((await pub.json("tong-hop/site.json")).province.code).toBe("P");
    expect(s.requests.map((r) => r.url)).toEqual(["/data/manifest.json", "/data/tong-hop/site.abc123.json"]);
    expect(s.requests[1].cache).toBeUndefined();
  });

  it("says in Vietnamese that nothing is published yet, and which file is missing", async () => {
    const none = (async () => new Response("", {status: 404})) as typeof fetch;
    const error = await openPublished(none).catch((e) => e);
    expect(error).toBeInstanceOf(PublishedDataError);
    expect(error.message).toContain("Chưa có dữ liệu công bố");
    expect(error.message).toContain("Ban Tổ chức"); // what to wait for, in words a reader knows (no command)
    const note = dataProblem(error);
    expect(note.getAttribute("role")).toBe("alert");
    expect(note.textContent).toBe(error.message);

    const pub = await openPublished(server(provinceFiles).fetcher);
    const missing = await pub.json("tong-hop/overview.json").catch((e) => e);
    expect(missing).toBeInstanceOf(PublishedDataError);
    expect(missing.message).toContain("tong-hop/overview.json");
  });

  it("a page without published data: its title and one message instead of its content, and cells that wait", async () => {
    document.body.innerHTML = `<main id="observablehq-main"><h1>Tổng quan</h1><p>Văn bản</p><div class="observablehq">…</div></main>`;
    let settled = false;
    void loadPublished((async () => new Response("", {status: 404})) as typeof fetch).finally(() => (settled = true));
    for (let i = 0; i < 5; i++) await settle();
    const main = document.getElementById("observablehq-main")!;
    expect([...main.children].map((e) => e.tagName)).toEqual(["H1", "P"]);
    expect(main.querySelector("h1")!.textContent).toBe("Tổng quan");
    expect(main.querySelector(".warning")!.textContent).toContain("Chưa có dữ liệu công bố");
    expect(settled).toBe(false);
    // With data, nothing is touched.
    document.body.innerHTML = `<main id="observablehq-main"><h1>Tổng quan</h1><p>Văn bản</p></main>`;
    const pub = await loadPublished(server(provinceFiles).fetcher);
    expect(pub.has("tong-hop/site.json")).toBe(true);
    expect(document.querySelector(".warning")).toBeNull();
  });

  it("finds a unit's committee through its locator shard (province readers)", async () => {
    const s = server(provinceFiles);
    const pub = await openPublished(s.fetcher);
    expect(await pub.committeeOf("A")).toBe("A"); // a committee: no request
    expect(s.requests).toHaveLength(1);
    expect(await pub.committeeOf("A.1.1")).toBe("A");
    expect(s.requests.at(-1)!.url).toBe(`/data/${shardOf("A.1.1").replace(".json", ".abc123.json")}`);
    expect(await pub.committeeOf("B.1")).toBe("B");
    expect(await pub.committeeOf("KHONG-CO")).toBeNull();
    // Only shard files were read for that: never a committee's units file.
    expect(s.requests.filter((r) => r.url.includes("/dang-bo/"))).toEqual([]);
    expect(pub.canRead("A")).toBe(true);
    expect(pub.canRead("C")).toBe(false); // not published
  });

  it("a committee's staff: their own committee only, found in their own units file", async () => {
    const scoped = Object.fromEntries(Object.entries(provinceFiles).filter(([n]) => n.startsWith("tong-hop/") || n.startsWith("dang-bo/A/")));
    const s = server(scoped, {scope: {kind: "committee", code: "A"}, committees: {A: {source: "a"}}});
    const pub = await openPublished(s.fetcher);
    expect(pub.scope).toEqual({kind: "committee", code: "A"});
    expect(pub.canRead("A")).toBe(true);
    expect(pub.canRead("B")).toBe(false);
    expect(await pub.committeeOf("A.2")).toBe("A");
    expect(await pub.committeeOf("B.1")).toBeNull();
    expect(s.requests.some((r) => r.url.includes("tra-cuu"))).toBe(false);
    const error = await pub.committee("B", "units").catch((e) => e);
    expect(error.message).toContain("ngoài phạm vi");
  });
});

describe("the Đơn vị finders", () => {
  it("search: the index is fetched on the first keystroke, results link to ?ma=, no diacritics needed", async () => {
    const s = server(provinceFiles);
    const pub = await openPublished(s.fetcher);
    const box = unitSearch(pub, site);
    expect(s.requests.some((r) => r.url.includes("tim-kiem"))).toBe(false);
    const input = box.querySelector("input")!;
    await type(input, "son duong");
    const links = [...box.querySelectorAll<HTMLAnchorElement>(".search-results a")];
    expect(links.map((a) => a.textContent)).toEqual(["Huyện ủy Sơn Dương", "Chi bộ Trường THPT Sơn Dương"]);
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["./?ma=A", "./?ma=A.2"]);
    expect(box.textContent).toContain("2 đơn vị khớp");
    await type(input, "an khang");
    expect(box.querySelectorAll(".search-results li")).toHaveLength(1);
    await type(input, "khong co");
    expect(box.querySelectorAll(".search-results li")).toHaveLength(0);
    expect(box.textContent).toContain("Không tìm thấy đơn vị nào");
    await type(input, "");
    expect(box.querySelectorAll(".search-results li")).toHaveLength(0);
    expect(s.requests.filter((r) => r.url.includes("tim-kiem"))).toHaveLength(1);
  });

  it("search for a committee's staff: the committees and their own committee's units", async () => {
    const scoped = Object.fromEntries(Object.entries(provinceFiles).filter(([n]) => n.startsWith("tong-hop/") || n.startsWith("dang-bo/A/")));
    const pub = await openPublished(server(scoped, {scope: {kind: "committee", code: "A"}}).fetcher);
    const box = unitSearch(pub, site);
    await type(box.querySelector("input")!, "thon an");
    expect([...box.querySelectorAll(".search-results a")].map((a) => a.getAttribute("href"))).toEqual(["./?ma=A.1.1"]);
    await type(box.querySelector("input")!, "binh ca");
    expect([...box.querySelectorAll(".search-results a")].map((a) => a.textContent)).toEqual(["Huyện ủy Bình Ca"]);
  });

  it("tree: committees from the summary; a committee's units fetched when it is opened, its cells when a grassroots organisation is", async () => {
    const s = server(provinceFiles);
    const pub = await openPublished(s.fetcher);
    const tree = unitTree(pub, site);
    expect([...tree.querySelectorAll("details[data-committee] > summary a")].map((a) => a.textContent)).toEqual(["Huyện ủy Sơn Dương", "Huyện ủy Bình Ca"]);
    expect(s.requests.some((r) => r.url.includes("/dang-bo/"))).toBe(false);
    const a = tree.querySelector<HTMLDetailsElement>('details[data-committee="A"]')!;
    await open(a);
    expect(s.requests.filter((r) => r.url.includes("/dang-bo/")).map((r) => r.url)).toEqual(["/data/dang-bo/A/don-vi.abc123.json"]);
    // Grassroots organisations by name, linked to their page; cells not drawn until their organisation is opened.
    const level = a.querySelector(".unit-tree-level")!;
    expect([...level.querySelectorAll(":scope > li")].map((li) => li.querySelector("a")?.textContent)).toEqual(["Chi bộ Trường THPT Sơn Dương", "Đảng bộ xã An Khang"]);
    expect(a.textContent).not.toContain("Chi bộ thôn An");
    const party = level.querySelector<HTMLDetailsElement>("details")!;
    await open(party);
    expect(party.textContent).toContain("Chi bộ thôn An");
    // Closing and opening again fetches nothing more and draws the level once.
    a.open = false;
    await open(a);
    expect(a.querySelectorAll(":scope > .unit-tree-level")).toHaveLength(1);
    expect(s.requests.filter((r) => r.url.includes("/dang-bo/"))).toHaveLength(1);
  });

  it("tree: a committee out of the reader's scope is a plain link, not a branch", async () => {
    const scoped = Object.fromEntries(Object.entries(provinceFiles).filter(([n]) => n.startsWith("tong-hop/") || n.startsWith("dang-bo/A/")));
    const pub = await openPublished(server(scoped, {scope: {kind: "committee", code: "A"}}).fetcher);
    const tree = unitTree(pub, site);
    expect(tree.querySelectorAll("details[data-committee]")).toHaveLength(1);
    expect([...tree.querySelectorAll("a")].map((x) => x.getAttribute("href"))).toContain("./?ma=B");
  });

  it("tree: a level of a national-size committee shows 200 units and says how many more", async () => {
    const big = {
      ...unitsA,
      units: Array.from({length: 1234}, (_, i) => ({code: `A.${i}`, name: `Chi bộ ${String(i).padStart(4, "0")}`, level: "chi_bo_co_so", parent: "A", committee: "A"}))
    };
    const pub = await openPublished(server({...provinceFiles, [committeeName("A", "units")]: big}).fetcher);
    const tree = unitTree(pub, site);
    const a = tree.querySelector<HTMLDetailsElement>('details[data-committee="A"]')!;
    await open(a);
    const items = a.querySelectorAll(".unit-tree-level > li");
    expect(items).toHaveLength(201);
    expect(items[200].textContent).toBe("… và 1.034 đơn vị nữa (dùng ô tìm kiếm)");
  });
});
