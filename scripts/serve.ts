// Serves the built site (dist/) locally with clean URLs (/ → index.html, /units → units.html).
//
//   npm run serve                 # http://127.0.0.1:3000, or the next free port
//   npm run serve -- --port 8080 --host 0.0.0.0
import {existsSync} from "node:fs";
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import sirv from "sirv";

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
      // Hashed assets (Framework puts a content hash in every file name under _*/) can be cached for long.
      if (/^\/_(file|import|node|npm|observablehq)\//.test(pathname)) {
        res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      } else {
        res.setHeader("Cache-Control", "no-cache");
      }
    }
  });
  const notFound = existsSync(join(dir, "404.html")) ? join(dir, "404.html") : null;

  const server = createServer((req, res) => {
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
      console.log("npm run serve -- [--port N] [--host 127.0.0.1] [--dir dist]");
    } else {
      const server = await serveSite(opts);
      const wanted = opts.port ?? 3000;
      if (wanted !== 0 && server.port !== wanted) {
        console.log(`Cổng ${wanted} đang bận, dùng cổng ${server.port} / port ${wanted} is busy, using ${server.port}`);
      }
      console.log(`Bảng điều khiển đang chạy tại ${server.url} (Ctrl+C để dừng)`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    }
  } catch (error) {
    console.error(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
