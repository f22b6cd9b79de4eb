// Serves the built site (dist/) and its published data (dist/data/) with clean URLs (/ → index.html).
//
//   npm run serve                              # http://127.0.0.1:3000, or the next free port
//   npm run serve -- --port 8080 --host 0.0.0.0
//   npm run serve -- --users data/users.json   # only signed-in users, each seeing its scope (docs/security.md)
//
// The published files are looked up on every request (a refresh publishes while the site is served): the
// manifest is never cached, every other data file carries its content hash in its name and is cached for ever
// ("private" behind a sign-in). With --users, a committee's staff get a manifest filtered to their committee and
// 403 for other committees' files and unit pages (src/components/data-layout.ts, docs/security.md).
// Old links to a unit's page, /don-vi/<code>, are redirected to the one unit page /don-vi/?ma=<code>.
import {createReadStream, existsSync, readFileSync} from "node:fs";
import {createServer, type IncomingMessage, type ServerResponse} from "node:http";
import type {AddressInfo} from "node:net";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {gzipSync} from "node:zlib";
import sirv from "sirv";
import {DATA_DIR, locatorName, locatorShard, manifestFor, MANIFEST, mayRead, type Manifest, type Scope} from "../src/components/data-layout.ts";
import {Authenticator, readUsers, UsersFileError} from "./serve-auth.ts";
import {given, readFlags, UsageError} from "./lib/command-line.ts";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface ServeOptions {
  /** Directory to serve (default dist/ of the project). */
  dir?: string;
  /** First port to try (default 3000); the next free ports are tried when it is busy. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: only this machine). */
  host?: string;
  /** How many successive ports to try (default 20). */
  attempts?: number;
  /** A users file: nothing is served without a valid sign-in, and each user sees its scope. */
  usersFile?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The folder served. */
  dir: string;
  /** Whether data/manifest.json existed at start. */
  published: boolean;
  /** How many users may sign in; null when no sign-in is required. */
  users: number | null;
  close(): Promise<void>;
}

/**
 * The one unit page for an old per-unit link: /don-vi/<code> and /don-vi/<code>.html (code URL-decoded) →
 * /don-vi/?ma=<code>; null for any other path (/don-vi/ and /don-vi/index.html are the page itself).
 */
export function unitRedirect(decodedPath: string): string | null {
  const old = /^\/don-vi\/([^/]+?)(?:\.html)?$/.exec(decodedPath);
  if (!old || old[1] === "index") return null;
  return `/don-vi/?ma=${encodeURIComponent(old[1])}`;
}

/** Cache-Control of a file under the site root (URL path): long for content-hashed names, else revalidated. */
export function cacheControl(pathname: string, signedIn = false): string {
  const hashed = /^\/_(file|import|node|npm|observablehq)\//.test(pathname) || (pathname.startsWith(`/${DATA_DIR}/`) && pathname !== `/${DATA_DIR}/${MANIFEST}`);
  // Behind a sign-in, "private": a shared cache must not hand one user's files to another.
  if (hashed) return `${signedIn ? "private" : "public"}, max-age=31536000, immutable`;
  return signedIn ? "private, no-cache" : "no-cache";
}

/**
 * A request path as the server and the static files both see it: repeated slashes collapsed, dot segments
 * resolved, each segment decoded once. null when a segment cannot be decoded or decodes to a separator or a
 * dot segment (answered 404: no real file has such a name).
 */
function requestPath(rawUrl: string): {path: string; segments: string[]; search: URLSearchParams; url: string} | null {
  const url = new URL(`http://localhost/${rawUrl.replace(/^\/+/, "")}`);
  const pathname = url.pathname.replace(/\/{2,}/g, "/");
  const raw = pathname.split("/").slice(1);
  const segments: string[] = [];
  for (const part of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (segment === "." || segment === ".." || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return {path: `/${segments.join("/")}`, segments, search: url.searchParams, url: pathname + url.search};
}

export async function serveSite(opts: ServeOptions = {}): Promise<RunningServer> {
  const dir = resolve(opts.dir ?? join(PROJECT_ROOT, "dist"));
  const host = opts.host ?? "127.0.0.1";
  const firstPort = opts.port != null && Number.isInteger(opts.port) && opts.port >= 0 ? opts.port : 3000;
  const attempts = opts.attempts ?? 20;
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(
      `Chưa có trang đã dựng trong ${dir}: hãy chạy "npm run build".\nNo built site in ${dir}: run "npm run build".`
    );
  }
  // Read before listening: a users file that cannot be read stops the server at start (UsersFileError).
  const auth = opts.usersFile ? new Authenticator(readUsers(opts.usersFile)) : null;
  const assets = sirv(dir, {
    extensions: ["html"],
    // Look files up on every request: a rebuild or a publish while serving (new hashed file names) must not 404.
    dev: true,
    etag: true,
    // scripts/build-site.ts and the publish step write <file>.gz beside text files: sent when the browser accepts gzip.
    gzip: true,
    setHeaders(res, pathname) {
      res.setHeader("Cache-Control", cacheControl(pathname, auth != null));
    }
  });
  const notFound = existsSync(join(dir, "404.html")) ? join(dir, "404.html") : null;

  const dataDir = join(dir, DATA_DIR);
  const readManifest = (): Manifest | null => {
    try {
      return JSON.parse(readFileSync(join(dataDir, MANIFEST), "utf8")) as Manifest;
    } catch {
      return null;
    }
  };
  // Locator shards by published path: content-hashed, so a path's content never changes.
  const shards = new Map<string, Record<string, string>>();
  const committeeOf = (code: string): string | null => {
    const manifest = readManifest();
    if (!manifest) return null;
    if (Object.hasOwn(manifest.committees ?? {}, code)) return code;
    const entry = manifest.files?.[locatorName(locatorShard(code))];
    if (!entry) return null;
    let shard = shards.get(entry.path);
    if (!shard) {
      try {
        shard = JSON.parse(readFileSync(join(dataDir, entry.path), "utf8")) as Record<string, string>;
      } catch {
        return null;
      }
      shards.set(entry.path, shard);
    }
    return Object.hasOwn(shard, code) && typeof shard[code] === "string" ? shard[code] : null;
  };

  const page = (res: ServerResponse, status: number, title: string, body: string) => {
    res.statusCode = status;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.end(`<!doctype html><html lang="vi"><meta charset="utf-8"><title>${title}</title><p>${body}</p><p><a href="/">Về trang Tổng quan / Home</a></p>\n`);
  };
  const refuse = (res: ServerResponse, status: 401 | 403) => {
    if (status === 401) {
      res.setHeader("WWW-Authenticate", 'Basic realm="Chi bo Analytics", charset="UTF-8"');
      return page(res, 401, "Cần đăng nhập", "Cần đăng nhập để xem bảng điều khiển. / Sign-in required.");
    }
    return page(res, 403, "Không có quyền xem", "Tài khoản này không được xem nội dung này: nó nằm ngoài phạm vi đảng bộ của tài khoản. / This is outside your account's scope.");
  };
  const missing = (req: IncomingMessage, res: ServerResponse) => {
    if (notFound) {
      // Framework's 404 page, when the site has one.
      res.statusCode = 404;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("Cache-Control", "no-cache");
      createReadStream(notFound).pipe(res);
    } else {
      page(res, 404, "Không tìm thấy", `Không tìm thấy trang ${escapeHtml(req.url ?? "")}. / Not found.`);
    }
  };

  /** Redirects old unit links and applies the reader's scope; true when the request was answered here. */
  const route = (req: IncomingMessage, res: ServerResponse, scope: Scope, at: NonNullable<ReturnType<typeof requestPath>>): boolean => {
    const redirect = unitRedirect(at.path);
    if (redirect) {
      res.statusCode = 301;
      res.setHeader("Location", redirect);
      res.setHeader("Cache-Control", "no-cache");
      res.end();
      return true;
    }
    if (scope.kind === "province") return false;
    if (at.segments[0] === DATA_DIR) {
      const rel = at.segments.slice(1);
      if (rel.length === 1 && rel[0] === MANIFEST) {
        const manifest = readManifest();
        if (!manifest) return false; // the 404 of an unpublished site
        res.statusCode = 200;
        res.setHeader("Content-Type", "application/json; charset=utf-8");
        res.setHeader("Cache-Control", cacheControl(`/${DATA_DIR}/${MANIFEST}`, true));
        const body = Buffer.from(JSON.stringify(manifestFor(manifest, scope)), "utf8");
        res.setHeader("Vary", "Accept-Encoding");
        if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) && body.length > 1024) {
          res.setHeader("Content-Encoding", "gzip");
          res.end(gzipSync(body));
        } else res.end(body);
        return true;
      }
      // pathScope decodes the committee segment: give it the segments encoded again.
      if (!mayRead(scope, rel.map(encodeURIComponent).join("/"))) {
        refuse(res, 403);
        return true;
      }
      return false;
    }
    if (/^\/don-vi(\/(index(\.html)?)?)?$/.test(at.path)) {
      const code = at.search.get("ma");
      const committee = code ? committeeOf(code) : null;
      if (committee && committee !== scope.code) {
        refuse(res, 403);
        return true;
      }
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let scope: Scope = {kind: "province"};
    if (auth) {
      const user = await auth.check(req.headers.authorization);
      if (!user) return refuse(res, 401);
      scope = user.scope;
    }
    const at = requestPath(req.url ?? "/");
    if (!at) return missing(req, res);
    // The static files see exactly the path that was checked.
    req.url = at.url;
    if (route(req, res, scope, at)) return;
    assets(req, res, () => missing(req, res));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error(`Lỗi khi trả lời ${req.url} / error answering: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) page(res, 500, "Lỗi máy chủ", "Lỗi máy chủ. / Server error.");
      else res.destroy();
    });
  });

  let port = firstPort;
  for (let i = 0; ; i++) {
    try {
      await new Promise<void>((ok, fail) => {
        const onError = (error: NodeJS.ErrnoException) => {
          server.off("listening", onListening);
          fail(error);
        };
        const onListening = () => {
          server.off("error", onError);
          ok();
        };
        server.once("error", onError);
        server.once("listening", onListening);
        server.listen(port, host);
      });
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" && firstPort !== 0 && i + 1 < attempts) {
        port += 1;
        continue;
      }
      throw error;
    }
  }
  const address = server.address() as AddressInfo;
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${shownHost}:${address.port}`;
  return {
    url,
    port: address.port,
    dir,
    published: existsSync(join(dataDir, MANIFEST)),
    users: auth?.count ?? null,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? fail(error) : ok()));
      })
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]!);
}

function parseArgs(argv: string[]): ServeOptions & {help?: boolean} {
  const v = readFlags(argv, {port: {type: "string", short: "p"}, host: {type: "string"}, dir: {type: "string"}, users: {type: "string"}, help: {type: "boolean", short: "h"}});
  if (v.port !== undefined) {
    const port = Number(v.port);
    if (v.port.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Cổng không hợp lệ / invalid port: ${v.port}`, "--port");
  }
  if (v.users === "") throw new UsageError("--users cần tên tệp / --users needs a file name", "--users");
  return given({port: v.port === undefined ? undefined : Number(v.port), host: v.host, dir: v.dir, usersFile: v.users, help: v.help});
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log("npm run serve -- [--port N] [--host 127.0.0.1] [--dir dist] [--users FILE]\n  --users FILE: chỉ người dùng trong TỆP được xem (tạo bằng npm run users) / sign-in required, see docs/security.md");
    } else {
      const server = await serveSite(opts);
      const wanted = opts.port ?? 3000;
      if (wanted !== 0 && server.port !== wanted) {
        console.log(`Cổng ${wanted} đang bận, dùng cổng ${server.port} / port ${wanted} is busy, using ${server.port}`);
      }
      console.log(`Bảng điều khiển đang chạy tại ${server.url} (Ctrl+C để dừng) / dashboard served at ${server.url}`);
      console.log(`  trang / pages: ${server.dir}`);
      console.log(
        server.published
          ? `  dữ liệu / data: ${join(server.dir, DATA_DIR)} (manifest.json không lưu đệm, tệp khác lưu đệm lâu dài / manifest uncached, hashed files cached for ever)`
          : `  chưa có dữ liệu công bố trong ${join(server.dir, DATA_DIR)}: chạy "npm run publish" / no published data yet`
      );
      const local = server.url.startsWith("http://127.") || server.url.startsWith("http://[::1]") || server.url.startsWith("http://localhost");
      console.log(
        opts.usersFile
          ? `  cần đăng nhập: ${server.users} người dùng trong ${opts.usersFile}, mỗi người xem trong phạm vi của mình / sign-in required (${server.users} users)`
          : local
            ? "  không cần đăng nhập (chỉ máy này truy cập được) / no sign-in required (this machine only)"
            : `  ⚠ không cần đăng nhập và mọi máy trong mạng đều truy cập được: dùng --users TỆP / no sign-in required and reachable from the network: use --users FILE`
      );
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    }
  } catch (error) {
    console.error(`Lỗi / error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsersFileError || error instanceof UsageError ? 2 : 1);
  }
}
