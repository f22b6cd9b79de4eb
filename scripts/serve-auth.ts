// Who sees what, for `npm run serve -- --users FILE`: HTTP Basic sign-in against a users file (scrypt-hashed
// passwords) and each user's scope — the province (everything) or one committee (the province summaries and its
// own committee's files and unit pages). The published layout (src/components/data-layout.ts) puts each
// committee's files under one path prefix, so the checks are on paths; docs/security.md gives the nginx
// equivalent.
import {randomBytes, scrypt as scryptCb, timingSafeEqual, createHash} from "node:crypto";
import {existsSync, readFileSync, writeFileSync, mkdirSync} from "node:fs";
import {dirname} from "node:path";
import {promisify} from "node:util";
import {SAFE_CODE, type Scope} from "../src/components/data-layout.ts";

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: {N: number; r: number; p: number; maxmem: number}) => Promise<Buffer>;

export interface UserEntry {
  name: string;
  /** scrypt$N$r$p$<salt, base64>$<hash, base64> */
  password: string;
  scope: "province" | {committee: string};
}

export interface UsersFile {
  users: UserEntry[];
}

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, {N, r: R, p: P, maxmem: 64 * 1024 * 1024});
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], "base64");
  const expected = Buffer.from(parts[5], "base64");
  if (!n || !r || !p || !expected.length) return false;
  const got = await scrypt(password, salt, expected.length, {N: n, r, p, maxmem: 256 * 1024 * 1024});
  return got.length === expected.length && timingSafeEqual(got, expected);
}

export class UsersFileError extends Error {}

export function readUsers(path: string): UsersFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsersFileError(`Không đọc được tệp người dùng ${path}: ${(e as Error).message}\nCannot read the users file ${path}.`);
  }
  const users = (parsed as UsersFile)?.users;
  const problem = !Array.isArray(users)
    ? `thiếu mảng "users" / no "users" array`
    : users.map((u, i) => (entryProblem(u) ? `người dùng thứ ${i + 1} / user ${i + 1}: ${entryProblem(u)}` : null)).find((p) => p) ??
      users.map((u) => u.name).find((name, i, names) => names.indexOf(name) !== i)?.replace(/^/, "tên trùng / duplicate name: ");
  if (problem) {
    throw new UsersFileError(
      `Tệp người dùng ${path} không đúng mẫu (${problem}): {"users": [{"name": "…", "password": "scrypt$…", "scope": "province" hoặc {"committee": "MÃ"}}]} — tạo bằng "npm run users -- add TÊN --scope …".\n` +
        `The users file ${path} is not in the expected form; create it with "npm run users -- add NAME --scope …".`
    );
  }
  return {users};
}

/** What is wrong with one entry of a users file, or null. */
function entryProblem(u: UserEntry): string | null {
  if (!u || typeof u !== "object") return "không phải đối tượng / not an object";
  if (typeof u.name !== "string" || !u.name || u.name.includes(":")) return "tên trống hoặc có dấu hai chấm / empty name or a colon in it";
  const parts = typeof u.password === "string" ? u.password.split("$") : [];
  if (parts.length !== 6 || parts[0] !== "scrypt" || !parts.slice(1, 4).every((x) => /^[1-9]\d*$/.test(x)) || !parts[4] || !parts[5]) {
    return `mật khẩu không ở dạng scrypt$N$r$p$salt$hash / password not scrypt$N$r$p$salt$hash`;
  }
  if (u.scope === "province") return null;
  if (typeof u.scope === "object" && u.scope && typeof u.scope.committee === "string" && SAFE_CODE.test(u.scope.committee)) return null;
  return `phạm vi phải là "province" hoặc {"committee": "MÃ"} / scope must be "province" or {"committee": "CODE"}`;
}

export function writeUsers(path: string, file: UsersFile): void {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, JSON.stringify(file, null, 2) + "\n", {mode: 0o600});
}

export function loadOrEmpty(path: string): UsersFile {
  return existsSync(path) ? readUsers(path) : {users: []};
}

export function scopeOf(u: UserEntry): Scope {
  return u.scope === "province" ? {kind: "province"} : {kind: "committee", code: u.scope.committee};
}

/** Checks Basic credentials; remembers successful checks (scrypt is slow on purpose) by a hash of the password. */
export class Authenticator {
  private readonly ok = new Map<string, Scope>();
  constructor(private readonly file: UsersFile) {}

  /** How many users may sign in. */
  get count(): number {
    return this.file.users.length;
  }

  async check(header: string | undefined): Promise<{name: string; scope: Scope} | null> {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
    if (!m) return null;
    const decoded = Buffer.from(m[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const key = `${name}\u0000${createHash("sha256").update(password).digest("hex")}`;
    const known = this.ok.get(key);
    if (known) return {name, scope: known};
    const user = this.file.users.find((u) => u.name === name);
    // an unknown name costs the same time as a wrong password
    const valid = await verifyPassword(password, user?.password ?? `scrypt$${N}$${R}$${P}$${randomBytes(16).toString("base64")}$${randomBytes(KEYLEN).toString("base64")}`);
    if (!user || !valid) return null;
    const scope = scopeOf(user);
    this.ok.set(key, scope);
    return {name, scope};
  }
}
