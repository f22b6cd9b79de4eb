// Measures the built site in Chromium: bytes transferred before each page's first chart (empty cache), and the
// time from a control change to the charts being redrawn and painted (median and worst of several runs).
//
//   npm run build && npm run publish && npx tsx test/browser/measure.ts                       # serves dist/
//   npx tsx test/browser/measure.ts --url http://127.0.0.1:3000 [--runs 7]
import {resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {Page} from "playwright-core";
import {serveSite} from "../../scripts/serve.ts";
import {bytesBeforeFirstChart, CHART, launch, timeReaction} from "./harness.ts";

export interface Measures {
  pages: {path: string; bytes: number; requests: number; ms: number}[];
  reactions: {name: string; median: number; max: number; runs: number[]}[];
  problems: unknown;
}

const PAGES = ["/", "/so-sanh", "/don-vi/", "/don-vi/?ma=HU-CH", "/don-vi/?ma=HU-CH.001", "/chat-luong-du-lieu", "/trinh-chieu", "/xuat-du-lieu", "/phuong-phap"];

/** In-page code selecting, in the Inputs form labelled `label`, the option whose text starts with `text`. */
function selectByLabel(label: string, text: string): string {
  return (
    `const f=[...document.querySelectorAll("form")].find((f)=>f.querySelector("label")?.textContent.trim()===${JSON.stringify(label)});` +
    `const s=f.querySelector("select");s.selectedIndex=[...s.options].findIndex((o)=>o.textContent.startsWith(${JSON.stringify(text)}));` +
    `s.dispatchEvent(new Event("input",{bubbles:true}));`
  );
}

function radioByLabel(label: string, index: number): string {
  return (
    `const f=[...document.querySelectorAll("form")].find((f)=>f.querySelector("label")?.textContent.trim()===${JSON.stringify(label)});` +
    `const r=f.querySelectorAll("input[type=radio]")[${index}];r.checked=true;r.dispatchEvent(new Event("input",{bubbles:true}));`
  );
}

async function firstOption(page: Page, label: string, nth: number): Promise<string> {
  return page.evaluate(
    `[...document.querySelectorAll("form")].find((f) => f.querySelector("label")?.textContent?.trim() === ${JSON.stringify(label)}).querySelector("select").options[${nth}].textContent`
  ) as Promise<string>;
}

export async function measure(url: string, runs = 5): Promise<Measures> {
  const h = await launch();
  const out: Measures = {pages: [], reactions: [], problems: null};
  try {
    const page = await h.newPage();
    for (const path of PAGES) {
      const selector = path === "/don-vi/" ? "#unit-search" : path === "/xuat-du-lieu" || path === "/phuong-phap" ? "#observablehq-main table, .method-card" : CHART;
      const r = await bytesBeforeFirstChart(page, `${url}${path}`, selector);
      out.pages.push({path, ...r});
    }
    const time = async (name: string, path: string, ready: string, changes: [string, string[]][]) => {
      await page.goto(`${url}${path}`, {waitUntil: "networkidle"});
      await page.waitForSelector(ready, {state: "attached"});
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const [change, charts] = changes[i % changes.length];
        samples.push(await timeReaction(page, change, charts));
      }
      const sorted = [...samples].sort((a, b) => a - b);
      out.reactions.push({name, median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], runs: samples.map((x) => Math.round(x))});
    };
    const compareCharts = [".compare-trend figure", ".compare-grid .card:nth-child(1) figure", ".compare-grid .card:nth-child(2) figure"];
    await page.goto(`${url}/so-sanh`, {waitUntil: "networkidle"});
    const ind = [await firstOption(page, "Chỉ tiêu", 2), await firstOption(page, "Chỉ tiêu", 0)];
    await time("So sánh: đổi chỉ tiêu (10 đảng bộ)", "/so-sanh", ".compare-grid " + CHART, [
      [selectByLabel("Chỉ tiêu", ind[0]), compareCharts],
      [selectByLabel("Chỉ tiêu", ind[1]), compareCharts]
    ]);
    await time("So sánh: giá trị ↔ thay đổi (10 đảng bộ)", "/so-sanh", ".compare-grid " + CHART, [
      [radioByLabel("Hiển thị", 1), compareCharts],
      [radioByLabel("Hiển thị", 0), compareCharts]
    ]);
    await page.goto(`${url}/so-sanh`, {waitUntil: "networkidle"});
    const levels = [await firstOption(page, "Cấp so sánh", 6), await firstOption(page, "Cấp so sánh", 0)];
    await time("So sánh: đổi cấp (tải tệp tổ chức cơ sở đảng lần đầu)", "/so-sanh", ".compare-grid " + CHART, [
      [selectByLabel("Cấp so sánh", levels[0]), compareCharts],
      [selectByLabel("Cấp so sánh", levels[1]), compareCharts]
    ]);
    await page.goto(`${url}/so-sanh?cap=HU-SD`, {waitUntil: "networkidle"});
    await time("So sánh: đổi chỉ tiêu (46 tổ chức cơ sở đảng)", "/so-sanh?cap=HU-SD", ".compare-grid " + CHART, [
      [selectByLabel("Chỉ tiêu", ind[0]), compareCharts],
      [selectByLabel("Chỉ tiêu", ind[1]), compareCharts]
    ]);
    const unitCharts = ["#sec-kpi ~ * figure, #sec-kpi + * figure", "#sec-children + .card figure"];
    await time("Đơn vị HU-CH: đổi năm", "/don-vi/HU-CH", "#sec-children + .card " + CHART, [
      [selectByLabel("Năm", "2021"), unitCharts],
      [selectByLabel("Năm", "2022"), unitCharts]
    ]);
    await time("Trình chiếu: trang sau", "/trinh-chieu?don-vi=HU-CH", ".deck", [
      [`document.querySelectorAll(".deck-nav .deck-button")[1].click();`, [".slide-frame.active"]],
      [`document.querySelectorAll(".deck-nav .deck-button")[0].click();`, [".slide-frame.active"]]
    ]);
    await time("Trình chiếu: đổi năm (dựng lại bộ trang)", "/trinh-chieu?don-vi=HU-CH", ".deck", [
      [selectByLabel("Năm", "2021"), [".slide-frame"]],
      [selectByLabel("Năm", "2022"), [".slide-frame"]]
    ]);
    out.problems = h.take();
  } finally {
    await h.close();
  }
  return out;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const server = arg("--url") ? null : await serveSite({port: 0, dir: arg("--dir")});
  const url = arg("--url") ?? server!.url;
  try {
    const m = await measure(url, Number(arg("--runs") ?? 5));
    console.log("Dữ liệu và mã tải về trước biểu đồ đầu tiên (bộ nhớ đệm trống) / bytes before the first chart:");
    for (const p of m.pages) console.log(`  ${p.path.padEnd(22)} ${(p.bytes / 1024).toFixed(0).padStart(5)} kB  ${String(p.requests).padStart(3)} yêu cầu  ${p.ms} ms`);
    console.log("Thời gian phản hồi khi đổi điều khiển (đến khi vẽ xong) / control change → charts redrawn:");
    for (const r of m.reactions) console.log(`  ${r.name.padEnd(58)} trung vị ${r.median.toFixed(0).padStart(4)} ms, lâu nhất ${r.max.toFixed(0).padStart(4)} ms  [${r.runs.join(", ")}]`);
    console.log("Lỗi / problems:", JSON.stringify(m.problems));
  } finally {
    await server?.close();
  }
}
