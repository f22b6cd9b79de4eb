// What the loaders take from Node, for the file checker that runs them in the browser (scripts/bundle-checker.ts
// maps every `node:` import here). The checker reads one file's bytes in memory: the text and workbook paths it
// uses need only names, UTF-8 checks, Buffer and raw inflate; the file-system paths of ingest are never reached,
// and fail loudly if they ever are.
import {Buffer} from "buffer";
import {inflateSync} from "fflate";

export {Buffer};

function unavailable(name: string): never {
  throw new Error(`${name} không dùng được trong trình duyệt / not available in the browser`);
}

// node:path (POSIX names are enough for a dropped file's name)
export const basename = (p: string, ext?: string): string => {
  const base = p.replace(/\/+$/, "").split(/[\\/]/).pop() ?? "";
  return ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
};
export const dirname = (p: string): string => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) || "/" : ".");
export const extname = (p: string): string => {
  const b = basename(p);
  const i = b.lastIndexOf(".");
  return i > 0 ? b.slice(i) : "";
};
export const join = (...parts: string[]): string => parts.filter(Boolean).join("/").replace(/\/+/g, "/");
export const resolve = join;
export const sep = "/";
export const posix = {basename, dirname, extname, join, resolve, sep};

// node:buffer
const strict = new TextDecoder("utf-8", {fatal: true});
export function isUtf8(bytes: ArrayBufferView | ArrayBuffer): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
export function isAscii(bytes: ArrayBufferView | ArrayBuffer): boolean {
  const b = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < b.length; i++) if (b[i]! > 0x7f) return false;
  return true;
}

// node:zlib: raw inflate with a cap on the output (the workbook's zip-bomb guard)
export function inflateRawSync(data: Uint8Array, opts: {maxOutputLength?: number} = {}): Buffer {
  const out = inflateSync(data);
  if (opts.maxOutputLength != null && out.length > opts.maxOutputLength) {
    throw Object.assign(new RangeError("Cannot create a Buffer larger than maxOutputLength"), {code: "ERR_BUFFER_TOO_LARGE"});
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

// node:fs, node:os, node:crypto: ingest only
export const existsSync = (): boolean => false;
export const readFileSync = () => unavailable("readFileSync");
export const openSync = () => unavailable("openSync");
export const readSync = () => unavailable("readSync");
export const writeSync = () => unavailable("writeSync");
export const closeSync = () => unavailable("closeSync");
export const statSync = () => unavailable("statSync");
export const mkdtempSync = () => unavailable("mkdtempSync");
export const mkdirSync = () => unavailable("mkdirSync");
export const rmSync = () => unavailable("rmSync");
export const renameSync = () => unavailable("renameSync");
export const fsyncSync = () => unavailable("fsyncSync");
export const createReadStream = () => unavailable("createReadStream");
export const tmpdir = (): string => "/tmp";
export const createHash = () => unavailable("createHash");
export default {};
