// Downloads: every chart as PNG or SVG (with its title, legend and source written in), tables as CSV (UTF-8 with
// BOM, so that Excel shows Vietnamese correctly) and XLSX. Browser only (Blob, canvas); the CSV text itself is
// built by the pure `toCsv` in ./csv.js.
import {FONT_FACES} from "./fonts.js";
import {formatDate} from "./format.js";

export const SOURCE_NOTE = "Nguồn: Chi bộ Analytics — dữ liệu mô phỏng, không phải số liệu thật";
const FONT_STACK = "'Be Vietnam Pro', 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif";
const SVG_NS = "http://www.w3.org/2000/svg";

/** Offers a Blob for download under `filename` (a temporary object URL, revoked afterwards). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: ASCII, lower case, words joined by "-" ("Tỷ lệ dự sinh hoạt 2022" → "ty-le-du-sinh-hoat-2022"). */
export function fileSlug(title: string): string {
  return (
    title
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "bieu-do"
  );
}

interface LegendEntry {
  color: string;
  label: string;
  dash: boolean;
  shape: "line" | "box" | "dot";
}

function legendEntries(figure: Element): LegendEntry[] {
  return [...figure.querySelectorAll(".legend-item")].map((item) => {
    const line = item.querySelector("line");
    const box = item.querySelector<HTMLElement>(".legend-dot, .legend-box, .legend-ring, .legend-tick");
    let color = "#6b7580";
    let shape: LegendEntry["shape"] = "line";
    if (line) color = line.getAttribute("stroke") ?? color;
    else if (box) {
      const cs = getComputedStyle(box);
      color = box.classList.contains("legend-ring") ? cs.borderTopColor : cs.backgroundColor;
      shape = box.classList.contains("legend-dot") || box.classList.contains("legend-ring") ? "dot" : "box";
    } else shape = "box";
    return {color, label: item.textContent?.trim() ?? "", dash: !!line?.getAttribute("stroke-dasharray"), shape: line || box ? shape : "box"};
  });
}

function textWidth(text: string, size: number, weight = 400): number {
  const canvas = (textWidth as unknown as {canvas?: HTMLCanvasElement}).canvas ?? ((textWidth as unknown as {canvas?: HTMLCanvasElement}).canvas = document.createElement("canvas"));
  const ctx = canvas.getContext("2d");
  if (!ctx) return text.length * size * 0.55;
  ctx.font = `${weight} ${size}px ${FONT_STACK}`;
  return ctx.measureText(text).width;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Wraps text into lines of at most `width` pixels. */
function wrap(text: string, width: number, size: number, weight = 400): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && textWidth(next, size, weight) > width) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export interface SvgExportOptions {
  title?: string | null;
  subtitle?: string | null;
  source?: string;
  /** Embed the Be Vietnam Pro faces as data URLs (needed to rasterise to PNG with the right font). */
  fontCss?: string;
}

/**
 * A standalone SVG of a chart: title, legend entries and source line written in, the Plot SVG(s) nested below.
 * Works on the figure Plot returns (or any element containing it).
 */
export function chartToSvg(root: Element, opts: SvgExportOptions = {}): {svg: string; width: number; height: number} {
  const figure = root.matches("figure") ? root : root.querySelector("figure") ?? root;
  const svgs = (figure.matches("svg") ? [figure] : [...figure.querySelectorAll(":scope > svg")]) as SVGSVGElement[];
  if (!svgs.length) {
    const any = figure.querySelector("svg");
    if (any) svgs.push(any as SVGSVGElement);
  }
  const width = Math.ceil(Math.max(320, ...svgs.map((s) => s.getBoundingClientRect().width || Number(s.getAttribute("width")) || 0)));
  const pad = 16;
  const parts: string[] = [];
  let y = pad;
  const title = opts.title ?? figure.querySelector(":scope > h2")?.textContent?.trim() ?? "";
  for (const line of wrap(title, width - 2 * pad, 18, 700)) {
    y += 22;
    parts.push(`<text x="${pad}" y="${y}" font-size="18" font-weight="700" fill="#1b1e23">${esc(line)}</text>`);
  }
  if (opts.subtitle) {
    for (const line of wrap(opts.subtitle, width - 2 * pad, 13)) {
      y += 18;
      parts.push(`<text x="${pad}" y="${y}" font-size="13" fill="#555d66">${esc(line)}</text>`);
    }
  }
  // Legend entries, flowing left to right.
  const legend = legendEntries(figure);
  if (legend.length) {
    y += 10;
    let x = pad;
    let rowY = y + 14;
    for (const e of legend) {
      const w = 26 + textWidth(e.label, 13) + 18;
      if (x + w > width - pad && x > pad) {
        x = pad;
        rowY += 20;
      }
      if (e.shape === "line") {
        parts.push(
          `<line x1="${x}" x2="${x + 20}" y1="${rowY - 4}" y2="${rowY - 4}" stroke="${esc(e.color)}" stroke-width="3" stroke-linecap="round"${e.dash ? ' stroke-dasharray="4 3"' : ""}/>`
        );
      } else if (e.shape === "dot") {
        parts.push(`<circle cx="${x + 10}" cy="${rowY - 4}" r="5" fill="${esc(e.color)}"/>`);
      } else {
        parts.push(`<rect x="${x + 4}" y="${rowY - 10}" width="12" height="12" fill="${esc(e.color)}"/>`);
      }
      parts.push(`<text x="${x + 26}" y="${rowY}" font-size="13" fill="#1b1e23">${esc(e.label)}</text>`);
      x += w;
    }
    y = rowY + 6;
  }
  y += 8;
  const serializer = new XMLSerializer();
  for (const s of svgs) {
    const clone = s.cloneNode(true) as SVGSVGElement;
    clone.querySelectorAll('[aria-label="tip"]').forEach((t) => t.remove());
    const h = Math.ceil(s.getBoundingClientRect().height || Number(s.getAttribute("height")) || 0);
    const w = Math.ceil(s.getBoundingClientRect().width || Number(s.getAttribute("width")) || width);
    clone.setAttribute("x", String(Math.max(0, Math.round((width - w) / 2))));
    clone.setAttribute("y", String(y));
    clone.setAttribute("width", String(w));
    clone.setAttribute("height", String(h));
    clone.removeAttribute("role");
    const style = clone.getAttribute("style");
    if (style) clone.setAttribute("style", style.replace(/var\(--sans-serif\)/g, FONT_STACK));
    parts.push(serializer.serializeToString(clone).replace(/ xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, ""));
    y += h + 6;
  }
  y += 8;
  const source = opts.source ?? `${SOURCE_NOTE} · ${formatDate(new Date())}`;
  parts.push(`<text x="${pad}" y="${y + 12}" font-size="11" fill="#6b7580">${esc(source)}</text>`);
  const height = Math.ceil(y + 12 + pad);
  // The page's rules for chart text (see style.css), and the embedded fonts for PNG.
  const fontStyle = `<style>text,tspan{white-space:pre}${opts.fontCss ?? ""}</style>`;
  const svg =
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${esc(FONT_STACK)}" style="color:#1b1e23;font-family:${esc(FONT_STACK)}">${fontStyle}` +
    `<rect width="100%" height="100%" fill="white"/>${parts.join("")}</svg>`;
  return {svg, width, height};
}

let fontCssPromise: Promise<string> | null = null;

/** @font-face rules with the self-hosted woff2 files inlined as data URLs (fetched once, same origin). */
export function embeddedFontCss(): Promise<string> {
  fontCssPromise ??= Promise.all(
    FONT_FACES.filter(([, style]) => style === "normal").map(async ([weight, style, range, url]) => {
      const blob = await (await fetch(url)).blob();
      const dataUrl = await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(new Blob([blob], {type: "font/woff2"}));
      });
      return `@font-face{font-family:'Be Vietnam Pro';font-weight:${weight};font-style:${style};font-display:swap;unicode-range:${range};src:url(${dataUrl}) format('woff2')}`;
    })
  )
    .then((rules) => rules.join(""))
    .catch(() => "");
  return fontCssPromise;
}

/** Rasterises an SVG string to a PNG Blob at `scale` × its size, on white. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], {type: "image/svg+xml;charset=utf-8"}));
  try {
    const img = new Image();
    img.decoding = "sync";
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d")!;
    const draw = () => {
      ctx.fillStyle = "white";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    };
    // The fonts embedded in the SVG load asynchronously inside the image: draw once to start them, give them a
    // moment, and draw again.
    draw();
    await new Promise((r) => setTimeout(r, 300));
    draw();
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("toBlob"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadChart(root: Element, format: "svg" | "png", opts: SvgExportOptions & {filename: string}): Promise<void> {
  if (format === "svg") {
    const {svg} = chartToSvg(root, opts);
    downloadBlob(new Blob([svg], {type: "image/svg+xml;charset=utf-8"}), `${opts.filename}.svg`);
  } else {
    const fontCss = await embeddedFontCss();
    const {svg, width, height} = chartToSvg(root, {...opts, fontCss});
    downloadBlob(await svgToPng(svg, width, height, 2), `${opts.filename}.png`);
  }
}

function button(label: string, title: string, onClick: (b: HTMLButtonElement) => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "tool-button";
  b.textContent = label;
  b.title = title;
  b.setAttribute("aria-label", title);
  b.addEventListener("click", () => onClick(b));
  return b;
}

export interface ChartBoxOptions {
  /** Base of the downloaded file names (without extension); default from the title. */
  filename?: string;
  /** Title written into the downloaded image (default: the figure's own title). */
  title?: string | null;
  /** A line under the title in the downloaded image (e.g. the filters applied). */
  subtitle?: string | null;
  /** The same figures as a table (chart/table tabs). Called when the table tab is opened. */
  table?: (() => Node) | null;
  /** A CSV of the table, offered beside the PNG and SVG buttons. */
  csv?: (() => {filename: string; text: string}) | null;
  className?: string;
}

let boxCount = 0;

/**
 * A chart with its tools: "Biểu đồ | Bảng" tabs (when a table is given) and PNG / SVG (/ CSV) download buttons.
 * `content` may be re-rendered by Framework's resize(): the figure is looked up at click time.
 */
export function chartBox(content: Node, opts: ChartBoxOptions = {}): HTMLElement {
  const id = `chart-box-${++boxCount}`;
  const box = document.createElement("div");
  box.className = `chart-box ${opts.className ?? ""}`.trim();
  const tools = document.createElement("div");
  tools.className = "chart-tools";
  const chartPanel = document.createElement("div");
  chartPanel.className = "chart-panel";
  chartPanel.id = `${id}-chart`;
  chartPanel.append(content);
  const titleOf = () => opts.title ?? chartPanel.querySelector("figure > h2")?.textContent?.trim() ?? "Biểu đồ";
  const filename = () => opts.filename ?? fileSlug(titleOf());
  const left = document.createElement("div");
  left.className = "chart-tabs";
  const right = document.createElement("div");
  right.className = "chart-downloads";
  right.setAttribute("role", "group");
  right.setAttribute("aria-label", "Tải xuống");
  let tablePanel: HTMLElement | null = null;
  if (opts.table) {
    left.setAttribute("role", "tablist");
    left.setAttribute("aria-label", "Cách xem");
    tablePanel = document.createElement("div");
    tablePanel.className = "table-panel";
    tablePanel.id = `${id}-table`;
    tablePanel.hidden = true;
    const tabs = ["Biểu đồ", "Bảng số liệu"].map((label, i) => {
      const t = document.createElement("button");
      t.type = "button";
      t.className = "chart-tab";
      t.textContent = label;
      t.setAttribute("role", "tab");
      t.setAttribute("aria-selected", String(i === 0));
      t.setAttribute("aria-controls", i === 0 ? chartPanel.id : tablePanel!.id);
      t.tabIndex = i === 0 ? 0 : -1;
      return t;
    });
    const select = (i: number) => {
      tabs.forEach((t, j) => {
        t.setAttribute("aria-selected", String(i === j));
        t.tabIndex = i === j ? 0 : -1;
      });
      chartPanel.hidden = i !== 0;
      tablePanel!.hidden = i !== 1;
      if (i === 1) tablePanel!.replaceChildren(opts.table!());
      pngButton.disabled = svgButton.disabled = i === 1;
    };
    tabs.forEach((t, i) => {
      t.addEventListener("click", () => select(i));
      t.addEventListener("keydown", (e) => {
        if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
          const j = (i + 1) % 2;
          select(j);
          tabs[j].focus();
          e.preventDefault();
        }
      });
    });
    left.append(...tabs);
  }
  const busy = async (b: HTMLButtonElement, job: () => Promise<void>) => {
    b.disabled = true;
    b.setAttribute("aria-busy", "true");
    try {
      await job();
    } finally {
      b.disabled = false;
      b.removeAttribute("aria-busy");
    }
  };
  const pngButton = button("PNG", "Tải biểu đồ dạng ảnh PNG", (b) =>
    busy(b, () => downloadChart(chartPanel, "png", {filename: filename(), title: titleOf(), subtitle: opts.subtitle}))
  );
  const svgButton = button("SVG", "Tải biểu đồ dạng SVG (ảnh vectơ)", (b) =>
    busy(b, () => downloadChart(chartPanel, "svg", {filename: filename(), title: titleOf(), subtitle: opts.subtitle}))
  );
  pngButton.dataset.download = "png";
  svgButton.dataset.download = "svg";
  const label = document.createElement("span");
  label.className = "tools-label";
  label.textContent = "Tải:";
  label.setAttribute("aria-hidden", "true");
  right.append(label, pngButton, svgButton);
  if (opts.csv) {
    const csvButton = button("CSV", "Tải số liệu của biểu đồ dạng CSV", () => {
      const {filename: name, text} = opts.csv!();
      downloadBlob(csvBlob(text), name);
    });
    csvButton.dataset.download = "csv";
    right.append(csvButton);
  }
  tools.append(left, right);
  box.append(tools, chartPanel);
  if (tablePanel) box.append(tablePanel);
  return box;
}

/** CSV text as a Blob with a UTF-8 byte order mark (Excel then reads Vietnamese correctly). */
export function csvBlob(text: string): Blob {
  return new Blob(["\ufeff", text], {type: "text/csv;charset=utf-8"});
}

export function xlsxBlob(bytes: Uint8Array): Blob {
  return new Blob([bytes as BlobPart], {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
}
