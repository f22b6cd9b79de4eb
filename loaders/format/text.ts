// Text normalisation shared by header matching, enum matching and value cleaning.
// Excel on Windows and macOS produce decomposed (NFD) Vietnamese; everything is stored as NFC.

/** NFC, trimmed, inner whitespace collapsed (labels, enum values, codes). */
export function cleanText(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Characters stripped from both ends of a free-text value (space, tab, CR, LF, no-break space). */
export const TRIM_CHARS = " \t\r\n\u00a0";
const EDGE = /^[ \t\r\n\u00a0]+|[ \t\r\n\u00a0]+$/g;

/**
 * A free-text value as stored: NFC and trimmed at both ends. Inner line breaks and spacing are kept —
 * a note typed on two lines in Excel stays on two lines. The SQL path uses `trim(x, TRIM_CHARS)`.
 */
export function cleanFreeText(value: string): string {
  return value.normalize("NFC").replace(EDGE, "");
}

/**
 * A matching key: lower case, diacritics removed (đ → d), runs of non-alphanumerics → "_".
 * "Mã đơn vị", "MA DON VI" and "ma_don_vi" all fold to "ma_don_vi".
 */
export function foldKey(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

export {sqlString} from "../../warehouse/warehouse.ts";
