// Finding a unit among tens of thousands (Đơn vị, without ?ma=): a search by name or code that ignores
// diacritics and case, and the unit tree loaded level by level — the committees come with the summary; a
// committee's grassroots organisations and cells are fetched when it is opened. Lists are capped, so a page
// never draws tens of thousands of rows.
import {shortUnitName} from "./format.js";
import type {Published} from "./published.js";
import {foldSearch} from "./series.js";
import type {SiteInfo} from "./unit-page.js";
import {searchUnits, withKeys, type CommitteeUnits, type SearchUnit} from "./unit-data.js";

const SHOWN = 200;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null | undefined | false)[]) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c != null && c !== false) e.append(c);
  return e;
}

const nf = new Intl.NumberFormat("vi-VN");
const pageLink = (code: string, name: string) => h("a", {href: `./?ma=${encodeURIComponent(code)}`}, name);

/** The units a search looks through: every committee and grassroots organisation (province), or one committee's units. */
async function searchList(pub: Published, site: SiteInfo): Promise<SearchUnit[]> {
  if (pub.has("toan-tinh/tim-kiem.json")) {
    const index = await pub.json<{units: [string, string, string, string][]}>("toan-tinh/tim-kiem.json");
    return withKeys(index.units.map(([code, name, level, committee]) => ({code, name, level, committee})), foldSearch);
  }
  const own = pub.scope.kind === "committee" ? pub.scope.code : null;
  const committees: SearchUnit[] = site.committees.map((c) => ({code: c.code, name: c.name, level: "tren_co_so", committee: c.code}));
  if (!own) return withKeys(committees, foldSearch);
  const file = await pub.committee<CommitteeUnits>(own, "units");
  return withKeys([...committees, ...file.units.map((u) => ({code: u.code, name: u.name, level: u.level, committee: own}))], foldSearch);
}

export function unitSearch(pub: Published, site: SiteInfo): HTMLElement {
  const input = h("input", {type: "search", id: "unit-search", placeholder: "Tên hoặc mã, ví dụ: son duong, HU-SD.002…", autocomplete: "off", "aria-controls": "unit-search-results"}) as HTMLInputElement;
  const status = h("p", {class: "view-summary", "aria-live": "polite"});
  const results = h("ul", {class: "search-results", id: "unit-search-results"});
  const committeeName = new Map(site.committees.map((c) => [c.code, shortUnitName(c.name)]));
  let list: Promise<SearchUnit[]> | null = null;
  let asked = 0;
  const update = async () => {
    const query = input.value;
    const mine = ++asked;
    if (!query.trim()) {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    list ??= searchList(pub, site);
    status.textContent = "Đang tìm…";
    const units = await list;
    if (mine !== asked) return; // a later keystroke won
    const {found, total} = searchUnits(units, query, foldSearch, SHOWN);
    results.replaceChildren(
      ...found.map((u) =>
        h(
          "li",
          {},
          pageLink(u.code, u.name),
          h("span", {class: "muted"}, ` · ${u.code} · ${site.levels[u.level] ?? u.level}${u.committee && u.committee !== u.code ? ` · ${committeeName.get(u.committee) ?? u.committee}` : ""}`)
        )
      )
    );
    status.textContent = total === 0 ? `Không tìm thấy đơn vị nào khớp với “${query}”.` : total > found.length ? `${nf.format(total)} đơn vị khớp; hiện ${nf.format(found.length)} đơn vị đầu — gõ thêm để thu hẹp.` : `${nf.format(total)} đơn vị khớp.`;
  };
  input.addEventListener("input", () => void update());
  const scopeNote = pub.has("toan-tinh/tim-kiem.json") ? "mọi đảng bộ trực thuộc tỉnh và tổ chức cơ sở đảng" : pub.scope.kind === "committee" ? "các đơn vị của đảng bộ mình" : "các đảng bộ trực thuộc tỉnh";
  return h("div", {class: "card unit-search", role: "search"}, h("label", {for: "unit-search"}, "Tìm đơn vị"), input, h("p", {class: "control-note"}, `Tìm trong ${scopeNote}, không phân biệt dấu và chữ hoa.`), status, results);
}

/** One committee's subtree: its grassroots organisations, each with its cells (capped lists). */
function committeeBranch(file: CommitteeUnits): HTMLElement {
  const byParent = new Map<string, CommitteeUnits["units"]>();
  for (const u of file.units) {
    const key = u.parent ?? "";
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key)!.push(u);
  }
  const list = (parent: string): HTMLElement => {
    const kids = (byParent.get(parent) ?? []).slice().sort((a, b) => a.name.localeCompare(b.name, "vi"));
    const ul = h("ul", {class: "unit-tree-level"});
    for (const u of kids.slice(0, SHOWN)) {
      const sub = byParent.get(u.code);
      const label = u.level === "chi_bo" ? h("span", {}, u.name) : pageLink(u.code, u.name);
      const closed = u.to ? h("span", {class: "muted"}, " (đã kết thúc)") : null;
      if (sub?.length) {
        const d = h("details", {}, h("summary", {}, label, closed, h("span", {class: "muted"}, ` · ${nf.format(sub.length)} chi bộ`)));
        d.addEventListener("toggle", () => d.open && d.childElementCount === 1 && d.append(list(u.code)), {once: false});
        ul.append(h("li", {}, d));
      } else ul.append(h("li", {}, label, closed));
    }
    if (kids.length > SHOWN) ul.append(h("li", {class: "muted"}, `… và ${nf.format(kids.length - SHOWN)} đơn vị nữa (dùng ô tìm kiếm)`));
    return ul;
  };
  return list(file.committee);
}

export function unitTree(pub: Published, site: SiteInfo): HTMLElement {
  const root = h("ul", {class: "unit-tree", role: "tree"});
  const province = h("li", {}, pageLink(site.province.code, site.province.name));
  const committees = h("ul", {class: "unit-tree-level"});
  for (const c of site.committees) {
    const summary = h("summary", {}, pageLink(c.code, c.name), h("span", {class: "muted"}, ` · ${nf.format(c.grassroots)} tổ chức cơ sở đảng`));
    if (!pub.canRead(c.code)) {
      committees.append(h("li", {}, pageLink(c.code, c.name)));
      continue;
    }
    const d = h("details", {"data-committee": c.code}, summary);
    d.addEventListener("toggle", async () => {
      if (!d.open || d.querySelector(".unit-tree-level, .pending-note")) return;
      const wait = h("p", {class: "pending-note"}, "Đang tải…");
      d.append(wait);
      try {
        const file = await pub.committee<CommitteeUnits>(c.code, "units");
        wait.replaceWith(committeeBranch(file));
      } catch (e) {
        wait.textContent = `Không tải được các đơn vị của ${c.name}: ${(e as Error).message}`;
      }
    });
    committees.append(h("li", {}, d));
  }
  province.append(committees);
  root.append(province);
  return h("div", {class: "card unit-tree-card"}, h("h2", {}, "Cây đơn vị"), h("p", {class: "section-lede"}, "Mở một đảng bộ để xem các tổ chức cơ sở đảng và chi bộ của đảng bộ đó."), root);
}
