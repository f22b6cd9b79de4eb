// Site bootstrap, loaded on every page through the `head` option of observablehq.config.ts.
//
// 1. Self-hosted Be Vietnam Pro. Framework 1.13 bundles the custom stylesheet with esbuild, which rejects
//    url() references to font files (no loader for .woff2: observablehq/framework#1573), so the @font-face rules cannot
//    live in style.css. Instead each face is registered here with the CSS Font Loading API. The URLs come from
//    import.meta.resolve() on the @fontsource package: Framework copies each resolved file from node_modules
//    into dist/_node/@fontsource/be-vietnam-pro@<version>/files/ — local, versioned, no Google Fonts.
//    Faces are registered, not loaded: the browser fetches only the weights and unicode subsets a page uses.
// 2. <html lang="vi"> (Framework 1.13 has no lang option; scripts/build-site.ts also writes it into the HTML).
document.documentElement.lang = "vi";

const VIETNAMESE =
  "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB";
const LATIN =
  "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD";

// Each import.meta.resolve must be a string literal so that Framework sees it and copies the file.
export const FONT_FACES: [weight: string, style: string, unicodeRange: string, url: string][] = [
  ["400", "normal", VIETNAMESE, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-400-normal.woff2")],
  ["400", "normal", LATIN, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-400-normal.woff2")],
  ["400", "italic", VIETNAMESE, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-400-italic.woff2")],
  ["400", "italic", LATIN, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-400-italic.woff2")],
  ["500", "normal", VIETNAMESE, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-500-normal.woff2")],
  ["500", "normal", LATIN, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-500-normal.woff2")],
  ["600", "normal", VIETNAMESE, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-600-normal.woff2")],
  ["600", "normal", LATIN, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-600-normal.woff2")],
  ["700", "normal", VIETNAMESE, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-700-normal.woff2")],
  ["700", "normal", LATIN, import.meta.resolve("@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-700-normal.woff2")]
];

if (typeof FontFace === "function" && document.fonts) {
  for (const [weight, style, unicodeRange, url] of FONT_FACES) {
    document.fonts.add(
      new FontFace("Be Vietnam Pro", `url("${url}") format("woff2")`, {weight, style, unicodeRange, display: "swap"})
    );
  }
}
