// What a submission's bytes are: an Excel workbook, an old .xls, binary junk, or text — and then which encoding:
// UTF-8 (with or without BOM), UTF-16 LE/BE (Excel "Unicode text"), or Windows-1258 (Excel "CSV" on Vietnamese
// Windows) when the bytes are not valid UTF-8. Text typed with the legacy TCVN3 (.VnTime) or VNI fonts is
// recognised and refused with a message saying how to convert it; a UTF-8 file mangled by a Windows-1252 round
// trip is repaired or named (mojibake.ts).
import {isUtf8} from "node:buffer";
import iconv from "iconv-lite";
import {FileFormatError} from "../format/codes.ts";
import {checkMojibake, repairMojibake} from "./mojibake.ts";

export type Container = "xlsx" | "xls" | "text";
export type Encoding = "utf8" | "utf16le" | "utf16be" | "windows1258";

export const ENCODING_LABEL: Record<Encoding, string> = {
  utf8: "UTF-8",
  utf16le: "UTF-16 LE",
  utf16be: "UTF-16 BE",
  windows1258: "Windows-1258"
};

export function sniffContainer(head: Uint8Array): Container {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "xlsx";
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return "xls";
  return "text";
}

/** The encoding from the BOM, or from the NUL pattern of BOM-less UTF-16; null when it must be guessed. */
export function encodingFromBom(head: Uint8Array): {encoding: Encoding; bom: number} | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return {encoding: "utf8", bom: 3};
  if (head[0] === 0xff && head[1] === 0xfe) return {encoding: "utf16le", bom: 2};
  if (head[0] === 0xfe && head[1] === 0xff) return {encoding: "utf16be", bom: 2};
  // UTF-16 without a BOM: ASCII text has a NUL in every other byte
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    const pairs = n / 2;
    if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return {encoding: "utf16le", bom: 0};
    if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return {encoding: "utf16be", bom: 0};
  }
  return null;
}

/** Whole-buffer decoding (small files and the head of large ones). Not NFC-normalised. */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding, bom: number): string {
  const body = bytes.subarray(bom);
  switch (encoding) {
    case "utf8":
      return new TextDecoder("utf-8").decode(body);
    case "utf16le":
      return new TextDecoder("utf-16le").decode(body);
    case "utf16be":
      return new TextDecoder("utf-16be").decode(body);
    case "windows1258":
      return iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), "windows1258");
  }
}

/** A streaming decoder for the same encodings (chunks may split characters). */
export function streamDecoder(encoding: Encoding): {write(chunk: Uint8Array): string; end(): string} {
  if (encoding === "windows1258") {
    const d = iconv.getDecoder("windows1258");
    return {write: (c) => d.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength)), end: () => d.end() ?? ""};
  }
  const d = new TextDecoder(encoding === "utf8" ? "utf-8" : encoding === "utf16le" ? "utf-16le" : "utf-16be");
  return {write: (c) => d.decode(c, {stream: true}), end: () => d.decode()};
}

/** Picks the encoding of a text file from its bytes (all of them for small files, the head for large ones). */
export function detectEncoding(bytes: Uint8Array, complete: boolean): {encoding: Encoding; bom: number} {
  const fromBom = encodingFromBom(bytes);
  if (fromBom) return fromBom;
  // validate up to the last line break when only the head is given (a character may be cut at the end)
  let end = bytes.length;
  if (!complete) {
    const lf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf(10);
    if (lf > 0) end = lf + 1;
  }
  return {encoding: isUtf8(bytes.subarray(0, end)) ? "utf8" : "windows1258", bom: 0};
}

/** Refuses binary content: NUL bytes or many control characters are not a CSV a person typed. */
export function checkNotBinary(text: string): void {
  // any NUL: the byte scanner refuses a UTF-8 file with one, so every read path does (a small file was let through)
  if (text.indexOf("\u0000") !== -1) throw new FileFormatError("E_BINARY");
  let control = 0;
  const n = Math.min(text.length, 1 << 16);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || c === 0x7f) control++;
  }
  if (control > 0 && (control >= 8 || control > n / 200)) throw new FileFormatError("E_BINARY");
}

// Text typed with the old Vietnamese fonts, read as Unicode (or as Windows-1258), shows tell-tale characters:
// TCVN3 (ABC) puts à ả ã á ạ â ê ô ơ ư đ ... on the code points ¡–¿ ("§¶ng bé" for "Đảng bộ");
// VNI writes a vowel followed by a tone character, some of which never occur in Vietnamese ("Ñaûng boä").
const TCVN3_CHARS = /[\u00a1-\u00bf]/g;
const VNI_CHARS = /[\u00f8\u00fb\u00ef\u00e5\u00e4\u00eb\u00fc\u00f1\u00d1\u00f6\u00d6\u00d8\u00db\u00cf\u00c5\u00c4\u00cb\u00dc]/g;
const NON_ASCII = /[^\u0000-\u007f]/g;

export function detectLegacyFont(text: string): "tcvn3" | "vni" | null {
  const sample = text.length > 1 << 18 ? text.slice(0, 1 << 18) : text;
  const nonAscii = sample.match(NON_ASCII)?.length ?? 0;
  if (nonAscii < 3) return null;
  const tcvn3 = sample.match(TCVN3_CHARS)?.length ?? 0;
  if (tcvn3 >= 3 && tcvn3 >= nonAscii * 0.2) return "tcvn3";
  const vni = sample.match(VNI_CHARS)?.length ?? 0;
  if (vni >= 3 && vni >= nonAscii * 0.1) return "vni";
  return null;
}

export function refuseLegacyFont(text: string): void {
  const legacy = detectLegacyFont(text);
  if (legacy === "tcvn3") throw new FileFormatError("E_LEGACY_TCVN3");
  if (legacy === "vni") throw new FileFormatError("E_LEGACY_VNI");
}

/**
 * Repairs UTF-8 text mangled by a Windows-1252 round trip (loaders/mojibake.ts) — checked before the binary test,
 * which would count its "�" — then refuses binary content and the legacy fonts (whose characters mangled text
 * also shows, so it is recognised first).
 */
export function checkDecoded(raw: string): {text: string; repaired: boolean} {
  const repaired = raw.indexOf("\u0000") === -1 && checkMojibake(raw);
  const text = repaired ? repairMojibake(raw) : raw;
  checkNotBinary(text);
  refuseLegacyFont(text);
  return {text, repaired};
}

/** Decodes a whole (small) text file: encoding, NFC, mangled text, binary and legacy-font checks. */
export function decodeText(bytes: Uint8Array): {text: string; encoding: Encoding; repaired: boolean} {
  if (bytes.length === 0) throw new FileFormatError("E_EMPTY_FILE");
  const {encoding, bom} = detectEncoding(bytes, true);
  const checked = checkDecoded(decodeBytes(bytes, encoding, bom));
  const text = checked.text.normalize("NFC");
  if (text.trim() === "") throw new FileFormatError("E_EMPTY_FILE");
  return {text, encoding, repaired: checked.repaired};
}
