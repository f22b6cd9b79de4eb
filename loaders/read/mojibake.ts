// A UTF-8 file opened as Western European (Windows-1252, or ISO-8859-1) in an English-locale spreadsheet and
// saved again: every byte of a Vietnamese letter became a character of its own ("Mã chi bộ" → "MÃ£ chi bá»™").
// Read back as those bytes, such text is valid UTF-8 again — that is the repair. When the spreadsheet replaced the
// five bytes Windows-1252 does not define (0x81 0x8D 0x8F 0x90 0x9D, in "Đ" and "ờ") by "?" or "�", the text
// still shows the tell-tale pairs but cannot be restored with certainty: it is named, not repaired.
// No Node-only module: the same check runs wherever the loader does.
import {FileFormatError} from "../format/codes.ts";

/** Windows-1252's characters on 0x80–0x9F above U+00FF (its five undefined bytes pass through as C1 controls). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const TO_BYTE = new Map<number, number>();
[...CP1252_HIGH].forEach((c, i) => {
  if (c.charCodeAt(0) >= 0x100) TO_BYTE.set(c.charCodeAt(0), 0x80 + i);
});

const utf8 = new TextDecoder("utf-8", {fatal: true});

/** The text read back as Windows-1252 bytes and decoded as UTF-8; null when it is not such a text. */
function unmangle(text: string): {text: string; sequences: number} | null {
  const bytes = new Uint8Array(text.length);
  let sequences = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // up to U+00FF a character is its byte: Latin-1 (ISO-8859-1) puts control characters on 0x80–0x9F, where
    // Windows-1252 has € ‚ … ™ (above U+00FF), so both readings map back unambiguously
    let b: number | undefined = c;
    if (c >= 0x100) b = TO_BYTE.get(c);
    if (b === undefined) return null; // a character Windows-1252 cannot hold: not (only) mangled text
    if (b >= 0xc2 && b <= 0xf4) sequences++;
    bytes[i] = b;
  }
  try {
    return {text: utf8.decode(bytes), sequences};
  } catch {
    return null;
  }
}

// a UTF-8 lead byte of Vietnamese (Ã Ä Å Æ á; á before º or » is the 3-byte block of U+1Exx) followed by what a
// continuation byte shows as in Windows-1252, "?" or "�"
const MANGLED_PAIR = /[ÃÄÅÆ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122?\ufffd]|á[º»][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122?\ufffd]/g;
const NON_ASCII = /[^\u0000-\u007f]/g;

/** "repairable" when the whole text decodes back, "broken" when it shows many mangled letters but does not, else null. */
export function detectMojibake(text: string): "repairable" | "broken" | null {
  const sample = text.length > 1 << 20 ? text.slice(0, 1 << 20) : text;
  if (!/[ÃÄÅÆá]/.test(sample)) return null;
  const back = unmangle(sample);
  if (back && back.sequences >= 2 && back.text !== sample) return "repairable";
  const pairs = sample.match(MANGLED_PAIR)?.length ?? 0;
  if (pairs < 3) return null;
  const nonAscii = sample.match(NON_ASCII)?.length ?? 0;
  return pairs * 2 >= nonAscii * 0.3 ? "broken" : null;
}

/** The repaired text; E_MOJIBAKE when a part of it does not decode back (a later part of a large file). */
export function repairMojibake(text: string): string {
  if (!/[^\u0000-\u007f]/.test(text)) return text;
  const back = unmangle(text);
  if (!back) throw new FileFormatError("E_MOJIBAKE");
  return back.text;
}

/** Refuses text that is mangled beyond repair; says whether it is to be repaired. */
export function checkMojibake(text: string): boolean {
  const m = detectMojibake(text);
  if (m === "broken") throw new FileFormatError("E_MOJIBAKE");
  return m === "repairable";
}

/** The same for the cells of a workbook: repairs every cell in place when the sheet is mangled; says whether it was. */
export function repairCells(records: {cells: string[]}[]): boolean {
  const sample = records
    .slice(0, 2000)
    .map((r) => r.cells.join(" "))
    .join("\n");
  if (!checkMojibake(sample)) return false;
  for (const r of records) r.cells = r.cells.map(repairMojibake);
  return true;
}
