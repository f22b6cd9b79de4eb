// Text normalisation shared by header matching, enum matching and value cleaning.
// Excel on Windows and macOS produce decomposed (NFD) Vietnamese; everything is stored as NFC.

/** NFC, trimmed, inner whitespace collapsed. */
export function cleanText(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
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
