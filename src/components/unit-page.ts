// The page of one unit (src/don-vi/index.md with ?ma=<code>): one page serves every unit, drawn here from the
// unit's published data (./unit-data.ts assembles it from the summaries and the committee's files).
import * as Inputs from "@observablehq/inputs";
import {COLORS} from "./charts.js";
import {linesChart, profileChart, rankingChart} from "./compare-charts.js";
import {toCsv} from "./csv.js";
import {crosswalkSection, crosswalkSentences, type CrosswalkRow, type SentencePart} from "./crosswalk-table.js";
import {chartBox} from "./download.js";
import {formatDate, formatNumber, shortUnitName} from "./format.js";
import {CHILD_NOUNS, statusLabel} from "./labels.js";
import {responsive} from "./responsive.js";
import {Series, chartable, direction, formatDelta, formatRank, formatValue, meetsTarget, rankRows, trendRows} from "./series.js";
import type {IndicatorMeta, SeriesFile, SeriesMode, SeriesUnit} from "./series.js";
import {dataTable} from "./tables.js";
import {applyRankingRule, minDenominator} from "./ranking-rule.js";
import {rowsNaming} from "./unit-data.js";

export interface SiteInfo {
  province: {code: string; name: string};
  committees: {code: string; name: string; type: string | null; grassroots: number; cells?: number}[];
  indicators: IndicatorMeta[];
  years: number[];
  terms: string[];
  levels: Record<string, string>;
  types: Record<string, string>;
  kinds?: Record<string, string>;
  marts: {comparable: string | null; completeness: string | null; absorbed: string | null; ledger: boolean};
  source: {warehouse: string; modified: string};
}

export interface LedgerEntry {
  id: number;
  file: string | null;
  kind: string | null;
  committee: string | null;
  years: number[];
  read: number | null;
  loaded: number | null;
  rejected: number | null;
  status: string;
  received: string | null;
  loadedAt: string | null;
  message: string | null;
}

export interface UnitPageData {
  unit: SeriesUnit;
  ancestors: {code: string; name: string; level: string}[];
  children: string[];
  pageChildren: string[];
  series: SeriesFile;
  ranks: Record<string, {rank: (number | null)[]; of: (number | null)[]}>;
  ledger: LedgerEntry[] | null;
  ledgerScope: string | null;
  absorbed: {code: string; name: string; level: string | null; into: string; intoName: string | null; date: string | null}[];
  absorbedSource: string;
  /** Old unit → new unit: the province's or the committee's rows, or those naming a unit below (none: no section). */
  crosswalk?: CrosswalkRow[];
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null | undefined | false)[]) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c != null && c !== false) e.append(c);
  return e;
}

function note(text: string): HTMLElement {
  return h("p", {class: "pending-note"}, text);
}

function link(code: string, text: string): HTMLAnchorElement {
  return h("a", {href: `./?ma=${encodeURIComponent(code)}`}, text);
}

/** Relative links from /don-vi/?ma=<code> to the other pages. */
const ROOT = "../";

export function renderUnitPage(site: SiteInfo, page: UnitPageData): HTMLElement {
  const series = new Series(page.series);
  const unit = page.unit;
  const parent = page.ancestors.at(-1) ?? null;
  const isProvince = unit.level === "tinh";
  const province = isProvince ? {code: unit.code, name: unit.name, level: unit.level} : page.ancestors[0] ?? null;
  // Indicators computed only for committees and the province are left out of grassroots pages.
  const upperLevel = unit.level === "tinh" || unit.level === "tren_co_so";
  const indicators = site.indicators.filter((d) => upperLevel || d.levels !== "committee");
  const byCode = new Map(indicators.map((d) => [d.indicator, d]));
  const years = series.years;
  const childUnits = page.children.map((c) => series.unit(c)).filter((u): u is SeriesUnit => !!u);
  const childNoun = CHILD_NOUNS[unit.level] ?? "đơn vị trực thuộc";
  const pageChildren = new Set(page.pageChildren);
  const short = (u: {name: string; level: string}) => (u.level === "tinh" ? "Toàn tỉnh" : shortUnitName(u.name));
  const reference = isProvince ? null : parent;
  const refLabel = reference ? short(reference) : null;
  document.title = `${unit.name} | Chi bộ Analytics`;

  const root = h("div", {class: "unit-page"});

  // Breadcrumb, title, description.
  const crumbs = h("nav", {class: "breadcrumb", "aria-label": "Vị trí"}, h("a", {href: "./"}, "Đơn vị"));
  for (const a of page.ancestors) crumbs.append(link(a.code, a.level === "tinh" ? "Toàn tỉnh" : a.name));
  crumbs.append(h("span", {"aria-current": "page"}, unit.name));
  const facts = [
    site.levels[unit.level] ?? unit.level,
    unit.type ? `loại hình ${(site.types[unit.type] ?? unit.type).toLowerCase()}` : null,
    `mã ${unit.code}`,
    unit.from ? `hiệu lực từ ${formatDate(unit.from)}${unit.to ? ` đến ${formatDate(unit.to)}` : ""}` : null,
    childUnits.length ? `${formatNumber(childUnits.length)} ${childNoun}` : null
  ].filter(Boolean);
  // What the unit continues and what continues it, in a sentence or two; the province's and a committee's whole
  // crosswalk is a table further down, their sentences only what names them as a unit.
  const crosswalk = page.crosswalk ?? [];
  const ownRows = rowsNaming(unit.code, crosswalk).filter((r) => !upperLevel || r.kind !== "chuyen_cap_tren" || r.movedCode === unit.code);
  const committeeNames = new Map(site.committees.map((c) => [c.code, c.name]));
  const sentences = crosswalkSentences(unit.code, ownRows, (c) => committeeNames.get(c) ?? null);
  const sentence = (parts: SentencePart[]) => h("p", {class: "crosswalk-note"}, ...parts.map((p) => (typeof p === "string" ? p : link(p.code, p.text))));
  // The crosswalk says how a unit that ended continues (a merger, a new code, a move, a split): the older note only without it.
  const continued = ownRows.some((r) => r.oldCode === unit.code && r.kind !== "chuyen_cap_tren");
  root.append(
    crumbs,
    h("h1", {id: "unit-title"}, unit.name),
    h("p", {class: "lede"}, facts.join(" · ")),
    ...sentences.map(sentence),
    ...(unit.merged && !continued
      ? [h("p", {class: "merged-note"}, `Đơn vị đã sáp nhập vào `, link(unit.merged, unit.merged), unit.to ? ` từ ${formatDate(unit.to)}.` : ".")]
      : []),
    h("div", {class: "synthetic-banner", role: "note"}, h("strong", {}, "Dữ liệu mô phỏng."), " ", h("span", {}, "Số liệu sinh tự động để minh họa, không phải số liệu thật của đơn vị nào."))
  );

  // Controls.
  const latest =
    [...years].reverse().find((y) => indicators.some((d) => series.value(d.indicator, unit.code, y) != null)) ?? years[years.length - 1];
  const yearInput = Inputs.select(years, {label: "Năm", value: latest, format: String}) as HTMLElement & {value: number};
  const indicatorInput = Inputs.select(
    indicators.filter(chartable).map((d) => d.indicator),
    {label: "Chỉ tiêu (diễn biến, xếp hạng đơn vị trực thuộc)", value: indicators[0]?.indicator, format: (c: string) => byCode.get(c)?.name ?? c}
  ) as HTMLElement & {value: string};
  const modeInput = Inputs.radio(["reported", "comparable"], {
    label: "Chuỗi số liệu",
    value: "reported",
    format: (m: string) => (m === "reported" ? "Như báo cáo" : "So sánh được"),
    disabled: series.hasComparable ? false : ["comparable"]
  }) as HTMLElement & {value: SeriesMode};
  root.append(
    h(
      "div",
      {class: "controls card unit-controls", role: "region", "aria-label": "Bộ lọc"},
      h("div", {}, yearInput),
      h("div", {class: "control-indicator"}, indicatorInput),
      h("div", {}, modeInput, series.hasComparable ? null : h("p", {class: "control-note"}, "Chuỗi so sánh được chưa có trong kho dữ liệu."))
    )
  );

  const kpiSection = h("section", {"aria-labelledby": "sec-kpi"});
  const trendSection = h("section", {"aria-labelledby": "sec-trend"});
  const childSection = h("section", {"aria-labelledby": "sec-children"});
  root.append(kpiSection, trendSection, childSection);

  const v = (ind: string, code: string, y: number | null, mode: SeriesMode) => (y == null ? null : series.value(ind, code, y, mode));

  function drawKpis() {
    const year = Number(yearInput.value);
    const mode = modeInput.value;
    const prevYear = years.filter((y) => y < year).at(-1) ?? null;
    const firstYear = years[0];
    const rankOf = (ind: string) => {
      const r = page.ranks[ind];
      const i = years.indexOf(year);
      return r && i >= 0 && r.rank[i] != null ? `${r.rank[i]}/${r.of[i]}` : null;
    };
    const kpis = indicators.map((ind) => {
      const value = v(ind.indicator, unit.code, year, mode);
      return {
        ind,
        value,
        prev: v(ind.indicator, unit.code, prevYear, mode),
        first: v(ind.indicator, unit.code, firstYear, mode),
        ref: reference ? v(ind.indicator, reference.code, year, mode) : null,
        province: province && reference && province.code !== reference.code ? v(ind.indicator, province.code, year, mode) : null,
        counts: series.counts(ind.indicator, unit.code, year),
        meets: meetsTarget(value, ind),
        rank: isProvince ? null : rankOf(ind.indicator)
      };
    });
    type Kpi = (typeof kpis)[number];
    const withValue = kpis.filter((k) => k.value != null);
    const met = withValue.filter((k) => k.meets === true).length;
    const withTarget = withValue.filter((k) => k.meets != null).length;
    const changeCell = (delta: number | null, ind: IndicatorMeta) => {
      const d = direction(delta, ind);
      return h("span", {class: d > 0 ? "up" : d < 0 ? "down" : ""}, formatDelta(delta, ind.kind, {unit: false}));
    };
    const table = dataTable<Kpi>(
      kpis,
      [
        {label: "Chỉ tiêu", value: (k) => k.ind.short, title: (k) => k.ind.name},
        {
          label: String(year),
          value: (k) => (k.ind.kind === "rank" ? formatRank(k.counts.numerator, k.counts.denominator) : formatValue(k.value, k.ind.kind)),
          numeric: true,
          title: (k) => (k.counts.denominator != null ? `${formatNumber(k.counts.numerator, 1)} / ${formatNumber(k.counts.denominator, 1)}` : null)
        },
        {label: prevYear ? `± ${prevYear}` : "± năm trước", value: (k) => (k.ind.kind === "rank" ? null : changeCell(k.value != null && k.prev != null ? k.value - k.prev : null, k.ind)), numeric: true},
        {label: `± ${firstYear}`, value: (k) => (k.ind.kind === "rank" ? null : changeCell(k.value != null && k.first != null && year !== firstYear ? k.value - k.first : null, k.ind)), numeric: true},
        ...(reference ? [{label: refLabel!, value: (k: Kpi) => (k.ind.kind === "rank" ? null : formatValue(k.ref, k.ind.kind)), numeric: true}] : []),
        ...(reference && province && province.code !== reference.code
          ? [{label: "Toàn tỉnh", value: (k: Kpi) => (k.ind.kind === "rank" ? null : formatValue(k.province, k.ind.kind)), numeric: true}]
          : []),
        {
          label: "Mục tiêu",
          value: (k) => (k.ind.target == null ? null : `${k.ind.higherIsBetter ? "≥" : "≤"} ${formatValue(k.ind.target, k.ind.kind, 0)}`),
          numeric: true
        },
        {label: "Đạt?", value: (k) => (k.meets == null ? null : k.meets ? "✓ đạt" : "◆ chưa"), className: (k) => (k.meets ? "up" : k.meets === false ? "down" : "")},
        ...(isProvince
          ? []
          : [{label: "Hạng", value: (k: Kpi) => k.rank, numeric: true, title: () => `Thứ hạng trong số các đơn vị cùng cấp trên (${refLabel}), năm ${year}`}])
      ],
      {caption: `Năm ${year}; cột ± là thay đổi (điểm % với các tỷ lệ); rê chuột lên giá trị để xem tử số / mẫu số.`, className: "kpi-table"}
    );
    const shares = kpis.filter((k) => k.ind.kind === "share" && (k.value != null || k.ref != null));
    const chart = shares.some((k) => k.value != null)
      ? chartBox(
          responsive((width) =>
            profileChart(
              shares.map((k) => ({indicator: k.ind, value: k.value, reference: isProvince ? null : k.ref})),
              {width, year, unitLabel: short(unit), referenceLabel: refLabel, referenceColor: reference?.level === "tinh" ? COLORS.province : COLORS.reference}
            )
          ),
          {filename: `chi-tieu-${unit.code}-${year}`, title: `Các tỷ lệ năm ${year}: ${unit.name}${refLabel ? ` so với ${refLabel.toLowerCase() === "toàn tỉnh" ? "toàn tỉnh" : refLabel}` : ""} và mục tiêu`}
        )
      : note(`Không có tỷ lệ nào có số liệu năm ${year}.`);
    kpiSection.replaceChildren(
      h("h2", {id: "sec-kpi"}, `Các chỉ tiêu năm ${year}`),
      h(
        "p",
        {class: "section-lede"},
        withValue.length
          ? `${unit.name} có số liệu ${withValue.length}/${indicators.length} chỉ tiêu năm ${year}; đạt mục tiêu ${met}/${withTarget} chỉ tiêu có mục tiêu.` +
              (reference ? ` So sánh với ${reference.level === "tinh" ? "toàn tỉnh" : reference.name}.` : "")
          : `${unit.name} không có số liệu năm ${year} (chưa báo cáo hoặc chưa hoạt động). Không báo cáo không được tính là 0.`
      ),
      h("div", {class: "card"}, chart),
      h("div", {class: "card table-card"}, table)
    );
  }

  function drawTrend() {
    const indicator = byCode.get(indicatorInput.value)!;
    const mode = modeInput.value;
    const trendUnits = [unit, ...(reference && reference.level !== "tinh" ? [series.unit(reference.code)] : [])].filter((u): u is SeriesUnit => !!u);
    const colors = new Map(trendUnits.map((u, i) => [u.code, i === 0 ? COLORS.highlight : COLORS.reference]));
    const q = {indicator, from: years[0], to: years[years.length - 1], measure: "value" as const, mode};
    const rows = trendRows(series, {...q, units: trendUnits});
    const provinceUnit = !isProvince && province ? series.unit(province.code) : undefined;
    const provinceRows = provinceUnit ? trendRows(series, {...q, units: [provinceUnit]}) : [];
    trendSection.replaceChildren(
      h("h2", {id: "sec-trend"}, `Diễn biến: ${indicator.name}`),
      h(
        "div",
        {class: "card"},
        chartBox(
          responsive((width) => linesChart(rows, {width, indicator, years, colors, reference: provinceRows.length ? {label: "Toàn tỉnh", rows: provinceRows, color: COLORS.province} : null})),
          {filename: `dien-bien-${unit.code}-${indicator.indicator}`, title: `${indicator.name}: ${unit.name}, ${years[0]}–${years[years.length - 1]}`}
        )
      )
    );
  }

  function drawChildren() {
    const indicator = byCode.get(indicatorInput.value)!;
    const mode = modeInput.value;
    const year = Number(yearInput.value);
    if (!childUnits.length) {
      childSection.replaceChildren(
        h("h2", {id: "sec-children"}, "Đơn vị trực thuộc"),
        note(unit.level === "chi_bo_co_so" ? "Chi bộ cơ sở là chi bộ sinh hoạt trực tiếp, không có đơn vị trực thuộc." : "Đơn vị này không có đơn vị trực thuộc.")
      );
      return;
    }
    // The ranking rule (ranking-rule.ts): a child whose denominator is below the minimum is "ít dữ liệu", unranked.
    const minN = minDenominator(indicator);
    const ranking = applyRankingRule(rankRows(series, {indicator, units: childUnits, from: years[0], to: year, measure: "value", mode}), (code, y) => series.counts(indicator.indicator, code, y).denominator, {min: minN, year});
    const title = `${indicator.name}: ${childNoun} của ${unit.name}, năm ${year}`;
    const box = h(
      "div",
      {class: "card"},
      chartBox(
        responsive((width) =>
          rankingChart(ranking, {
            width,
            indicator,
            year,
            reference: {label: short(unit), value: v(indicator.indicator, unit.code, year, mode), color: isProvince ? COLORS.province : COLORS.reference},
            href: (code) => (pageChildren.has(code) ? `./${encodeURIComponent(code)}` : null),
            labelLength: 36
          })
        ),
        {
          filename: `xep-hang-${unit.code}-${indicator.indicator}-${year}`,
          title,
          table: () =>
            dataTable(ranking, [
              {label: "Hạng", value: (r) => (r.rank == null ? null : String(r.rank)), numeric: true, header: false},
              {label: "Đơn vị", value: (r) => (pageChildren.has(r.code) ? link(r.code, r.name) : r.name), header: true},
              {label: "Mã", value: (r) => r.code, nowrap: true},
              {label: String(year), value: (r) => formatValue(r.value, indicator.kind), numeric: true},
              ...(minN != null ? [{label: "Mẫu số", value: (r: (typeof ranking)[number]) => (r.denominator == null ? null : formatNumber(r.denominator)), numeric: true}, {label: "Ghi chú", value: (r: (typeof ranking)[number]) => (r.thin ? "ít dữ liệu" : null)}] : [])
            ]),
          csv: () => ({
            filename: `xep-hang-${unit.code}-${indicator.indicator}-${year}.csv`,
            text: toCsv(["Hạng", "Mã đơn vị", "Tên đơn vị", "Chỉ tiêu", "Năm", "Giá trị", "Mẫu số", "Ít dữ liệu"], ranking.map((r) => [r.rank, r.code, r.name, indicator.indicator, year, r.value, r.denominator, r.thin ? "có" : ""]))
          })
        }
      )
    );
    if (pageChildren.size) box.append(h("p", {class: "table-note"}, "Bấm vào một điểm trên biểu đồ, hoặc vào tên trong bảng số liệu, để mở trang của đơn vị đó."));
    const cap = childNoun[0].toUpperCase() + childNoun.slice(1);
    childSection.replaceChildren(h("h2", {id: "sec-children"}, `${cap} xếp hạng năm ${year}`), box);
  }

  // Submissions ledger and absorbed units do not depend on the controls.
  const ledgerSection = h("section", {"aria-labelledby": "sec-ledger"}, h("h2", {id: "sec-ledger"}, "Báo cáo đã gửi"));
  if (page.ledger == null) ledgerSection.append(note("Chưa có sổ theo dõi tệp báo cáo cho đơn vị này."));
  else {
    const rows = [...page.ledger].reverse();
    const scope =
      page.ledgerScope === "province"
        ? "mọi đảng bộ trực thuộc"
        : page.ledgerScope === unit.code
          ? unit.name
          : `${parent?.name ?? page.ledgerScope} (đảng bộ cấp trên báo cáo cả số liệu của ${unit.name})`;
    ledgerSection.append(
      h(
        "div",
        {class: "card table-card"},
        h("p", {class: "section-lede"}, `${formatNumber(rows.length)} tệp của ${scope}, mới nhất trước. Toàn bộ sổ theo dõi ở trang `, h("a", {href: `${ROOT}chat-luong-du-lieu`}, "Chất lượng dữ liệu"), "."),
        dataTable(
          rows,
          [
            {label: "Ngày nhận", value: (e) => formatDate(e.received), header: true},
            {label: "Loại", value: (e) => (e.kind ? site.kinds?.[e.kind] ?? e.kind : null)},
            {label: "Năm", value: (e) => (e.years.length ? e.years.join(", ") : null)},
            ...(page.ledgerScope === "province" ? [{label: "Đảng bộ", value: (e: LedgerEntry) => e.committee}] : []),
            {label: "Tệp", value: (e) => e.file ?? "(tên tệp không theo mẫu)"},
            {label: "Dòng nạp", value: (e) => formatNumber(e.loaded), numeric: true},
            {label: "Dòng loại", value: (e) => formatNumber(e.rejected), numeric: true},
            {label: "Trạng thái", value: (e) => statusLabel(e.status), className: (e) => `status status-${e.status}`}
          ],
          {limit: 60}
        )
      )
    );
  }
  const absorbedSection = h("section", {"aria-labelledby": "sec-absorbed"}, h("h2", {id: "sec-absorbed"}, "Đơn vị đã sáp nhập"));
  if (!page.absorbed.length) absorbedSection.append(note(`Không có đơn vị nào sáp nhập vào ${unit.name} hoặc vào các đơn vị trực thuộc.`));
  else {
    const rows = [...page.absorbed].sort((a, b) => String(a.date).localeCompare(String(b.date)) || a.name.localeCompare(b.name, "vi"));
    absorbedSection.append(
      h(
        "div",
        {class: "card table-card"},
        dataTable(
          rows,
          [
            {label: "Đơn vị đã sáp nhập", value: (a) => a.name},
            {label: "Mã", value: (a) => a.code, nowrap: true},
            {label: "Cấp", value: (a) => (a.level ? site.levels[a.level] ?? a.level : null)},
            {label: "Sáp nhập vào", value: (a) => (a.into === unit.code ? `${a.intoName ?? a.into} (đơn vị này)` : a.intoName ?? a.into)},
            {label: "Hiệu lực đến", value: (a) => formatDate(a.date), numeric: true}
          ],
          {
            caption:
              `${formatNumber(rows.length)} đơn vị đã sáp nhập vào ${unit.name} hoặc vào các đơn vị trực thuộc. ` +
              `Chuỗi "như báo cáo" giữ số liệu của chúng trước khi sáp nhập cho riêng chúng; chuỗi "so sánh được" cộng vào đơn vị tiếp nhận.`
          }
        )
      )
    );
  }
  const compareHref = unit.level === "tren_co_so" ? `${ROOT}so-sanh?cap=${encodeURIComponent(unit.code)}` : `${ROOT}so-sanh`;
  root.append(
    ledgerSection,
    absorbedSection,
    ...(upperLevel && crosswalk.length ? [crosswalkSection(crosswalk, {code: unit.code, name: unit.name, province: isProvince, link})] : []),
    h(
      "p",
      {class: "page-links"},
      h("a", {href: compareHref}, unit.level === "tren_co_so" ? "So sánh các tổ chức cơ sở đảng của đơn vị này →" : "So sánh các đơn vị →"),
      " · ",
      h("a", {href: `${ROOT}trinh-chieu?don-vi=${encodeURIComponent(unit.code)}`}, "Trình chiếu cho đơn vị này →"),
      " · ",
      h("a", {href: `${ROOT}xuat-du-lieu`}, "Xuất dữ liệu →")
    )
  );

  drawKpis();
  drawTrend();
  drawChildren();
  yearInput.addEventListener("input", () => {
    drawKpis();
    drawChildren();
  });
  indicatorInput.addEventListener("input", () => {
    drawTrend();
    drawChildren();
  });
  modeInput.addEventListener("input", () => {
    drawKpis();
    drawTrend();
    drawChildren();
  });
  return root;
}
