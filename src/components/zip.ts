// A minimal ZIP writer for the browser and Node alike: the XLSX export builds its workbook with it. Entries are
// compressed with DEFLATE by the platform's CompressionStream("deflate-raw") (browsers, Node ≥ 20), which turns a
// 24 MB workbook of XML into about 1 MB; an entry that would not shrink is stored. No dependency, no DOM.

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** Modification time (default: 1 January 2022 00:00, so that archives are reproducible). */
  date?: Date;
}

let crcTable: Uint32Array | null = null;

export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function dosTime(d: Date): [time: number, date: number] {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2);
  const date = (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return [time, date];
}

/** Raw DEFLATE (no zlib header), as ZIP method 8 wants it; null where the platform cannot (an old browser). */
export async function deflateRaw(data: Uint8Array): Promise<Uint8Array | null> {
  let compressor: CompressionStream;
  try {
    compressor = new CompressionStream("deflate-raw");
  } catch {
    return null; // no CompressionStream, or no "deflate-raw": the entry is stored, the file is only larger
  }
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(compressor);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface ZipOptions {
  /** Compress the entries with DEFLATE (default true); false: store them as they are. */
  compress?: boolean;
}

/** Packs the entries into a ZIP archive (UTF-8 names; DEFLATE unless told to store). */
export async function zip(entries: ZipEntry[], {compress = true}: ZipOptions = {}): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const raw = typeof entry.data === "string" ? encoder.encode(entry.data) : entry.data;
    const crc = crc32(raw);
    const packed = compress ? await deflateRaw(raw) : null;
    const method = packed && packed.length < raw.length ? 8 : 0;
    const data = method === 8 ? packed! : raw;
    const [time, date] = dosTime(entry.date ?? new Date(2022, 0, 1));
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true); // version needed
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, method, true); // 8 = deflate, 0 = stored
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true); // compressed size
    lv.setUint32(22, raw.length, true); // uncompressed size
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true);
    local.set(name, 30);
    const header = new Uint8Array(46 + name.length);
    const cv = new DataView(header.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true); // version made by
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, raw.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    header.set(name, 46);
    parts.push(local, data);
    central.push(header);
    offset += local.length + data.length;
  }
  const centralSize = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + end.length);
  let p = 0;
  for (const part of [...parts, ...central, end]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
