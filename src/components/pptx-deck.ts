// The conference deck as a PowerPoint file (16:9, 13,33 × 7,5 in): every slide's words as real text in Arial (on
// any conference laptop, with Vietnamese letters), each chart as a high-resolution PNG drawn from the slide's own
// SVG with the site's font embedded. pptxgenjs is bundled from node_modules: nothing is fetched.
import PptxGenJS from "pptxgenjs";
import {embeddedFontCss, svgToPng} from "./download.js";
import {headingSize, headlineSize} from "./slide-render.js";
import type {SlideSpec} from "./slides.js";

/** 1920 px slide → 13,333 in: 144 px per inch; text sizes in points (1 px of the slide = 0,5 pt). */
const PX = 1 / 144;
const PT = 0.5;
const FONT = "Arial";
const FONT_STACK = `'Be Vietnam Pro', 'Segoe UI', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif`;

export interface PptxSlide {
  spec: SlideSpec;
  /** The rendered slide (its chart's SVG is rasterised). */
  element: HTMLElement;
}

export interface PptxOptions {
  /** Footer text of every slide (source, date). */
  footer: string;
  /** Pixel ratio of the chart images (2: a 1180 px chart becomes 2360 px wide). */
  scale?: number;
}

/** A standalone SVG of a slide chart at its drawn size, with the site's font embedded for rasterising. */
export function standaloneSvg(svg: SVGSVGElement, fontCss = ""): {svg: string; width: number; height: number} {
  const width = Number(svg.getAttribute("width")) || svg.viewBox.baseVal?.width || 1180;
  const height = Number(svg.getAttribute("height")) || svg.viewBox.baseVal?.height || 700;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.removeAttribute("role");
  const style = (clone.getAttribute("style") ?? "").replace(/var\(--sans-serif\)/g, FONT_STACK);
  clone.setAttribute("style", `${style};color:#1b1e23;background:white`);
  clone.setAttribute("font-family", FONT_STACK);
  const css = document.createElementNS("http://www.w3.org/2000/svg", "style");
  css.textContent = `text,tspan{white-space:pre}${fontCss}`;
  clone.insertBefore(css, clone.firstChild);
  return {svg: new XMLSerializer().serializeToString(clone), width, height};
}

async function pngDataUrl(svg: SVGSVGElement, fontCss: string, scale: number): Promise<{data: string; width: number; height: number}> {
  const s = standaloneSvg(svg, fontCss);
  const blob = await svgToPng(s.svg, s.width, s.height, scale);
  const data = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  return {data, width: s.width, height: s.height};
}

type Box = {x: number; y: number; w: number; h: number};
const box = (x: number, y: number, w: number, h: number): Box => ({x: x * PX, y: y * PX, w: w * PX, h: h * PX});

/** Builds the .pptx: one PowerPoint slide per slide of the deck, in order. */
export async function deckToPptx(slides: PptxSlide[], {footer, scale = 2}: PptxOptions): Promise<Blob> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.author = "Chi bộ Analytics";
  pptx.title = slides[0]?.spec.kind === "title" ? `${slides[0].spec.title} — ${slides[0].spec.subtitle}` : "Trình chiếu";
  const fontCss = await embeddedFontCss();
  const count = slides.length;
  for (const [i, {spec, element}] of slides.entries()) {
    const slide = pptx.addSlide();
    const dark = spec.kind === "title";
    slide.background = {color: dark ? "0B2A4A" : "FFFFFF"};
    const foot = {fontFace: FONT, fontSize: 22 * PT, color: dark ? "C8D6E6" : "4B535C", valign: "middle" as const};
    slide.addText(footer, {...box(80, 1010, 1400, 50), ...foot});
    slide.addText(`${i + 1}/${count}`, {...box(1640, 1010, 200, 50), ...foot, align: "right"});
    if (spec.kind === "title") {
      slide.addText("Hội nghị đánh giá chất lượng sinh hoạt chi bộ", {...box(80, 250, 1760, 60), fontFace: FONT, fontSize: 36 * PT, color: "9EC5EA"});
      slide.addText(spec.subtitle, {...box(80, 330, 1760, 230), fontFace: FONT, fontSize: 96 * PT, bold: true, color: "FFFFFF", valign: "top", fit: "shrink"});
      slide.addText(spec.title, {...box(80, 580, 1760, 80), fontFace: FONT, fontSize: 56 * PT, color: "FFFFFF"});
      slide.addText("Số liệu mô phỏng, sinh tự động để minh họa — không phải số liệu thật của đơn vị nào.", {
        ...box(80, 720, 1760, 60),
        fontFace: FONT,
        fontSize: 28 * PT,
        color: "FFD27A"
      });
      continue;
    }
    slide.addText(spec.kicker, {...box(80, 40, 1760, 44), fontFace: FONT, fontSize: 26 * PT, bold: true, color: "4B535C"});
    slide.addText(spec.title, {...box(80, 88, 1760, 130), fontFace: FONT, fontSize: headingSize(spec.title) * PT, bold: true, color: "0B2A4A", valign: "top", fit: "shrink"});
    const tone = spec.kind === "indicator" ? spec.tone : "neutral";
    const accent = tone === "good" ? "0B5FA5" : tone === "bad" ? "B84A00" : "6B7580";
    slide.addShape(pptx.ShapeType.rect, {...box(80, 250, 14, 700), fill: {color: accent}, line: {color: accent}});
    slide.addText(spec.headline, {...box(130, 300, 460, 200), fontFace: FONT, fontSize: headlineSize(spec.headline) * PT, bold: true, color: tone === "bad" ? "8F3900" : "0B2A4A", fit: "shrink"});
    slide.addText(spec.caption, {...box(130, 520, 460, 420), fontFace: FONT, fontSize: 30 * PT, color: "1B1E23", valign: "top", fit: "shrink"});
    const svg = element.querySelector<SVGSVGElement>(".slide-chart svg[role=img]");
    if (svg) {
      const png = await pngDataUrl(svg, fontCss, scale);
      // The chart keeps its proportions inside the chart area (1180 × 720 px of the slide).
      const k = Math.min(1180 / png.width, 720 / png.height);
      slide.addImage({data: png.data, ...box(656, 240, png.width * k, png.height * k), altText: svg.getAttribute("aria-description") ?? svg.getAttribute("aria-label") ?? ""});
      const note = svg.getAttribute("aria-description");
      if (note) slide.addNotes(note);
    }
  }
  return (await pptx.write({outputType: "blob", compression: true})) as Blob;
}
