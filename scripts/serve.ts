// Serves the built site (dist/) and its published data (dist/data/) with clean URLs (/ → index.html).
//
//   npm run serve                              # http://127.0.0.1:3000, or the next free port
//   npm run serve -- --port 8080 --host 0.0.0.0
//   npm run serve -- --users data/users.json   # only signed-in users, each seeing its scope (docs/security.md)
//
// The published files are looked up on every request (a refresh publishes while the site is served): the
// manifest is never cached, every other data file carries its content hash in its name and is cached for ever.
// Old links to a unit's page, /don-vi/<code>, are redirected to the one unit page /don-vi/?ma=<code>.
import {existsSync, readFileSync} from "node:fs";
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import sirv from "sirv";
import {DATA_DIR, locatorName, locatorShard, manifestFor, MANIFEST, mayRead, type Manifest, type Scope} from "../src/components/data-layout.ts";
import {Authenticator, readUsers, UsersFileError} from "./serve-auth.ts";

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
  close(): Promise<void>;
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
  const assets = sirv(dir, {
    extensions: ["html"],
    // Look files up on every request: a rebuild while serving (new hashed file names) must not 404.
    dev: true,
    etag: true,
    // scripts/build-site.ts writes <file>.gz beside the text files: sent when the browser accepts gzip.
    gzip: true,
    setHeaders(res, pathname) {
      // Hashed assets (Framework puts a content hash in every file name under _*/, the publish step in every data
      // file but the manifest) can be cached for long.
      if (/^\/_(file|import|node|npm|observablehq)\//.test(pathname) || (pathname.startsWith(`/${DATA_DIR}/`) && !pathname.endsWith(`/${MANIFEST}`))) {
        res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      } else {
        res.setHeader("Cache-Control", "no-cache");
      }
    }
  });
  const notFound = existsSync(join(dir, "404.html")) ? join(dir, "404.html") : null;

  const auth = opts.usersFile ? new Authenticator(readUsers(opts.usersFile)) : null;
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
    if (manifest.committees[code]) return code;
    const entry = manifest.files[locatorName(locatorShard(code))];
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
    return shard[code] ?? null;
  };
  const refuse = (res: import("node:http").ServerResponse, status: 401 | 403) => {
    res.statusCode = status;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    if (status === 401) res.setHeader("WWW-Authenticate", 'Basic realm="Chi bo Analytics", charset="UTF-8"');
    res.end(
      status === 401
        ? `<!doctype html><meta charset="utf-8"><title>Cần đăng nhập</title><p>Cần đăng nhập để xem bảng điều khiển. / Sign-in required.</p>`
        : `<!doctype html><meta charset="utf-8"><title>Không có quyền xem</title><p>Tài khoản này không được xem nội dung này (ngoài phạm vi đảng bộ của mình). / Outside this account's scope.</p><p><a href="/">Về trang Tổng quan</a></p>`
    );
  };

  /** Redirects old unit links, applies the reader's scope; true when the request was answered here. */
  const route = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, scope: Scope): boolean => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = url.pathname;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      // a malformed escape: answered by the static files (404), never a crash
    }
    const old = /^\/don-vi\/([^/]+?)(?:\.html)?$/.exec(path);
    if (old && old[1] !== "index") {
      res.statusCode = 301;
      res.setHeader("Location", `/don-vi/?ma=${encodeURIComponent(old[1])}`);
      res.end();
      return true;
    }
    if (scope.kind === "province") return false;
    if (path.startsWith(`/${DATA_DIR}/`)) {
      const rel = path.slice(DATA_DIR.length + 2);
      if (rel === MANIFEST) {
        const manifest = readManifest();
        if (!manifest) return false; // the 404 of an unpublished site
        res.setHeader("Content-Type", "application/json; charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.end(JSON.stringify(manifestFor(manifest, scope)));
        return true;
      }
      if (!mayRead(scope, rel)) {
        refuse(res, 403);
        return true;
      }
      return false;
    }
    if (/^\/don-vi\/(index(\.html)?)?$/.test(path)) {
      const code = url.searchParams.get("ma");
      const committee = code ? committeeOf(code) : null;
      if (committee && committee !== scope.code) {
        refuse(res, 403);
        return true;
      }
    }
    return false;
  };

  const server = createServer(async (req, res) => {
    let scope: Scope = {kind: "province"};
    if (auth) {
      const user = await auth.check(req.headers.authorization);
      if (!user) return refuse(res, 401);
      scope = user.scope;
      res.setHeader("Vary", "Authorization");
    }
    if (route(req, res, scope)) return;
    assets(req, res, () => {
      res.statusCode = 404;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      if (notFound) {
        // Framework's 404 page, when the site has one.
        import("node:fs").then(({createReadStream}) => createReadStream(notFound).pipe(res));
      } else {
        res.end(`<!doctype html><meta charset="utf-8"><title>Không tìm thấy</title><p>Không tìm thấy trang ${escapeHtml(req.url ?? "")}. <a href="/">Về trang Tổng quan</a></p>`);
      }
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
  const opts: ServeOptions & {help?: boolean} = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (key === "--port" || key === "-p") {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Cổng không hợp lệ / invalid port: ${arg}`);
      opts.port = port;
    } else if (key === "--host") opts.host = value();
    else if (key === "--dir") opts.dir = value();
    else if (key === "--users") opts.usersFile = value();
    else if (key === "-h" || key === "--help") opts.help = true;
    else throw new Error(`Tham số không hợp lệ / unknown argument: ${arg}`);
  }
  return opts;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log("npm run serve -- [--port N] [--host 127.0.0.1] [--dir dist] [--users FILE]");
    } else {
      const server = await serveSite(opts);
      const wanted = opts.port ?? 3000;
      if (wanted !== 0 && server.port !== wanted) {
        console.log(`Cổng ${wanted} đang bận, dùng cổng ${server.port} / port ${wanted} is busy, using ${server.port}`);
      }
      console.log(`Bảng điều khiển đang chạy tại ${server.url} (Ctrl+C để dừng)`);
      console.log(opts.usersFile ? `Chỉ người dùng trong ${opts.usersFile} được xem, mỗi người trong phạm vi của mình / sign-in required (${opts.usersFile})` : "Không yêu cầu đăng nhập (chỉ máy này: 127.0.0.1) / no sign-in required");
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    }
  } catch (error) {
    console.error(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsersFileError ? 2 : 1);
  }
}
