// Observable Framework configuration for Chi bộ Analytics.
// Offline by design (see shared notes "offline-framework"): no Google Fonts (globalStylesheets), no DuckDB-WASM
// extension download (duckdb.extensions), no implicit/npm: imports in pages (they are fetched from a CDN).
// Pages are code: they read the published data (dist/data/, npm run publish) at run time, so nothing here reads
// the warehouse and the build is the same whatever the data.
const today = new Intl.DateTimeFormat("vi-VN", {day: "2-digit", month: "2-digit", year: "numeric"}).format(new Date());

export default {
  title: "Chi bộ Analytics",
  // Framework 1.13 has no `lang` option: <html lang="vi"> is set by src/components/fonts.ts at run time and
  // written into the built HTML by scripts/build-site.ts.
  root: "src",
  output: process.env.CHIBO_SITE_OUT || "dist",

  pages: [
    {name: "Tổng quan", path: "/"},
    {name: "So sánh đơn vị", path: "/so-sanh"},
    {name: "Đơn vị", path: "/don-vi/"},
    {name: "Chất lượng dữ liệu", path: "/chat-luong-du-lieu"},
    {name: "Trình chiếu", path: "/trinh-chieu"},
    {name: "Xuất dữ liệu", path: "/xuat-du-lieu"},
    {name: "Kiểm tra tệp", path: "/kiem-tra"},
    {name: "Phương pháp", path: "/phuong-phap"}
  ],

  // Own stylesheet (Framework's default + the air/alt themes + project styles); nothing from fonts.googleapis.com.
  // inputs.css styles @observablehq/inputs when it is imported from node_modules.
  style: "style.css",
  globalStylesheets: ["observablehq:stdlib/inputs.css"],

  // Loaded on every page: self-hosted Be Vietnam Pro (woff2 from @fontsource, copied into dist/_node/) and lang="vi".
  head: `<script type="module" src="/components/fonts.js"></script>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<meta name="description" content="Chi bộ Analytics — chất lượng sinh hoạt chi bộ (dữ liệu mô phỏng)">`,

  // The short names of the rating indicators use the abbreviations of the annual reports: spelled out on every page.
  footer: `<div class="site-footer">Chi bộ Analytics · Ban Tổ chức · <strong>Dữ liệu mô phỏng</strong>, không phải số liệu thật của tổ chức đảng nào. Bản dựng ngày ${today}.</div>
<div class="site-footer abbreviations"><strong>Viết tắt:</strong> TCCS đảng — tổ chức cơ sở đảng; ĐB — đảng bộ; CB — chi bộ; HTXSNV — hoàn thành xuất sắc nhiệm vụ; HTTNV — hoàn thành tốt nhiệm vụ; HTNV — hoàn thành nhiệm vụ; KHTNV — không hoàn thành nhiệm vụ.</div>`,

  sidebar: true,
  toc: false,
  pager: false,
  search: false,

  // DuckDB-WASM would otherwise download its json/parquet extensions at build time.
  duckdb: {extensions: {json: null, parquet: null}}
};
