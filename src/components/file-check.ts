// The check before sending (/kiem-tra): a clerk drops CSV or Excel files; each is read in this browser tab by the
// loaders' own code (bundled by scripts/bundle-checker.ts), nothing is uploaded, and every problem the province's
// loader would report is listed with its row and column, in Vietnamese. Unit codes are checked against the
// registry the province published for the committee. When every remaining problem was fixed automatically, the
// cleaned file (template headers, ISO dates, UTF-8 with BOM) can be downloaded.
import type {Published} from "./published.js";
import {downloadBlob} from "./download.js";
import {formatNumber} from "./format.js";

/** The loaders' checker, fetched when the first file is dropped (it holds the workbook reader: ~600 kB). */
type Checker = typeof import("../../loaders/browser/check.ts");
let checker: Promise<Checker> | null = null;
const loadChecker = (): Promise<Checker> =>
  // @ts-ignore: written by scripts/bundle-checker.ts before every build (not committed); typed as Checker
  (checker ??= import("./generated/loader-check.js") as unknown as Promise<Checker>);

interface SiteLike {
  province: {code: string; name: string};
  committees: {code: string; name: string}[];
}

interface RegistryUnit {
  code: string;
  level: string;
  committee?: string;
  from?: string;
  to?: string;
}

const KIND_VI: Record<string, string> = {don_vi: "Danh mục đơn vị", sinh_hoat: "Sổ sinh hoạt chi bộ", danh_gia: "Đánh giá, xếp loại hằng năm"};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

/** The committee a file is for, from its name (sinh_hoat_HU-SD_2022.csv), when the name holds a committee's code. */
export function committeeFromName(fileName: string, committees: string[]): string | null {
  const upper = fileName.toUpperCase();
  const hits = committees.filter((c) => new RegExp(`(^|[_\\-. ])${c.toUpperCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[_\\-. ])`).test(upper));
  return hits.sort((a, b) => b.length - a.length)[0] ?? null;
}

/** The registry units of committees (their units files), with the committees themselves. */
async function registryOf(pub: Published, site: SiteLike, codes: string[]): Promise<RegistryUnit[]> {
  const units: RegistryUnit[] = site.committees.map((c) => ({code: c.code, level: "tren_co_so"}));
  for (const code of codes) {
    if (!pub.canRead(code)) continue;
    const file = await pub.committee<{units: RegistryUnit[]}>(code, "units");
    for (const u of file.units) units.push({code: u.code, level: u.level, committee: u.committee ?? code, from: u.from, to: u.to});
  }
  return units;
}

const UNKNOWN = new Set(["E_UNKNOWN_CELL", "E_UNKNOWN_UNIT"]);

/** One file checked: against its committee's registry, then (province users) the committees of unknown codes. */
async function checkOne(pub: Published, site: SiteLike, file: File, committee: string | null) {
  const {checkFile} = await loadChecker();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const today = new Date().toISOString().slice(0, 10);
  const mine = committee ? [committee] : [];
  let registry = mine.length ? await registryOf(pub, site, mine) : null;
  let result = await checkFile(file.name, bytes, {registry, today});
  // Codes outside the committee: find their committee (province users may read every committee's registry).
  const unknown = [...new Set(result.problems.filter((p) => UNKNOWN.has(p.code) && p.value).map((p) => p.value!))].slice(0, 200);
  if (registry && unknown.length && pub.scope.kind === "province") {
    const others = new Set<string>();
    for (const code of unknown) {
      const c = await pub.committeeOf(code);
      if (c && !mine.includes(c)) others.add(c);
    }
    if (others.size) {
      registry = await registryOf(pub, site, [...mine, ...others].slice(0, 20));
      result = await checkFile(file.name, bytes, {registry, today});
    }
  }
  return result;
}

type Result = Awaited<ReturnType<typeof checkOne>>;

/** One file's card: its verdict, its problems, the cleaned file. */
export function resultCard(result: Result, committeeName: string | null): HTMLElement {
  const errors = result.problems.filter((p) => p.severity === "error");
  const warnings = result.problems.filter((p) => p.severity === "warning");
  const verdict = errors.length
    ? {cls: "check-bad", text: `Chưa gửi được: ${formatNumber(errors.length)} lỗi${warnings.length ? `, ${formatNumber(warnings.length)} cảnh báo` : ""}`}
    : warnings.length
      ? {cls: "check-warn", text: `Gửi được, có ${formatNumber(warnings.length)} cảnh báo`}
      : {cls: "check-ok", text: "Gửi được: không có lỗi"};
  const facts = [
    result.kind ? KIND_VI[result.kind] : "Không nhận ra loại tệp",
    `${formatNumber(result.rowsRead)} dòng số liệu`,
    result.kind === "don_vi"
      ? "danh mục: mã cấp trên được kiểm tra khi nạp"
      : result.registryChecked
        ? `mã đơn vị đối chiếu với danh mục${committeeName ? ` của ${committeeName}` : ""}`
        : "chưa đối chiếu mã đơn vị (chọn đảng bộ gửi tệp)"
  ];
  const card = el("section", {className: "card check-result"});
  card.dataset.file = result.fileName;
  card.append(el("h3", {className: "check-file"}, result.fileName), el("p", {className: `check-verdict ${verdict.cls}`, role: "status"}, verdict.text), el("p", {className: "check-facts"}, facts.join(" · ")));
  if (result.problems.length) {
    const shown = result.problems.slice(0, 500);
    const table = el("table", {className: "check-problems"});
    table.append(
      el("thead", {}, el("tr", {}, ...["Dòng", "Cột", "Giá trị", "Vấn đề", "Mã"].map((h) => el("th", {scope: "col"}, h)))),
      el(
        "tbody",
        {},
        ...shown.map((p) => {
          const tr = el(
            "tr",
            {className: p.severity === "error" ? "is-error" : "is-warning"},
            el("td", {className: "num"}, p.line == null ? "cả tệp" : formatNumber(p.line)),
            el("td", {}, p.column ?? ""),
            el("td", {className: "check-value"}, p.value ?? ""),
            el("td", {title: p.en}, `${p.severity === "warning" ? "Cảnh báo: " : ""}${p.vi}`),
            el("td", {className: "check-code"}, p.code)
          );
          tr.dataset.code = p.code;
          return tr;
        })
      )
    );
    card.append(el("div", {className: "table-scroll"}, table));
    if (result.problems.length > shown.length) card.append(el("p", {className: "pending-note"}, `Chỉ hiện ${formatNumber(shown.length)} trên ${formatNumber(result.problems.length)} vấn đề.`));
  }
  if (result.cleaned) {
    const cleaned = result.cleaned;
    const b = el("button", {type: "button", className: "tool-button check-download"}, "Tải tệp đã chuẩn hóa (CSV UTF-8)");
    b.addEventListener("click", () => downloadBlob(new Blob([cleaned.text], {type: "text/csv;charset=utf-8"}), cleaned.name));
    card.append(el("p", {className: "check-cleaned"}, b, " tiêu đề đúng mẫu, ngày dạng năm-tháng-ngày, bảng mã UTF-8: gửi tệp này thay cho tệp gốc."));
  }
  return card;
}

/** The page's checker: committee choice, the drop zone, and one card per file checked. */
export function fileChecker(pub: Published, site: SiteLike): HTMLElement {
  const root = el("div", {className: "file-checker"});
  const fixed = pub.scope.kind === "committee" ? pub.scope.code : null;
  const select = el("select", {id: "check-committee", disabled: Boolean(fixed)});
  select.append(el("option", {value: ""}, "— theo tên tệp —"), ...site.committees.map((c) => el("option", {value: c.code, selected: c.code === fixed}, `${c.name} (${c.code})`)));
  const label = el("label", {htmlFor: "check-committee"}, "Đảng bộ gửi tệp");
  const input = el("input", {type: "file", id: "check-files", multiple: true, accept: ".csv,.tsv,.txt,.xlsx,text/csv"});
  const zone = el(
    "div",
    {className: "drop-zone", tabIndex: 0, role: "button", ariaLabel: "Chọn hoặc thả tệp để kiểm tra"},
    el("strong", {}, "Thả tệp CSV hoặc Excel vào đây"),
    el("span", {}, " hoặc "),
    el("label", {htmlFor: "check-files", className: "tool-button"}, "chọn tệp…"),
    input
  );
  const results = el("div", {className: "check-results", ariaLive: "polite"});
  const status = el("p", {className: "check-status", role: "status"});
  const committees = site.committees.map((c) => c.code);
  const nameOf = new Map(site.committees.map((c) => [c.code, c.name]));

  const run = async (files: File[]) => {
    if (!files.length) return;
    results.replaceChildren();
    status.textContent = `Đang đọc ${formatNumber(files.length)} tệp… (không tệp nào rời khỏi máy này)`;
    for (const [i, file] of files.entries()) {
      status.textContent = `Đang kiểm tra ${file.name} (${i + 1}/${files.length})…`;
      const committee = fixed ?? (select.value || committeeFromName(file.name, committees));
      try {
        const result = await checkOne(pub, site, file, committee);
        results.append(resultCard(result, committee ? (nameOf.get(committee) ?? committee) : null));
      } catch (e) {
        results.append(el("section", {className: "card check-result"}, el("h3", {}, file.name), el("p", {className: "check-verdict check-bad", role: "alert"}, `Không kiểm tra được tệp: ${(e as Error).message}`)));
      }
    }
    status.textContent = `Đã kiểm tra ${formatNumber(files.length)} tệp.`;
  };
  input.addEventListener("change", () => void run([...(input.files ?? [])]));
  zone.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      input.click();
    }
  });
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("is-over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("is-over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("is-over");
    void run([...(e.dataTransfer?.files ?? [])]);
  });
  root.append(el("div", {className: "check-controls"}, label, select), zone, status, results);
  return root;
}
