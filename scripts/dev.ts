// npm run dev -- [--port N]
// Framework's live preview while editing pages, with the published data: the preview serves the pages from
// src/, and a small front server on the same origin serves /data/* from dist/data/ (written by npm run publish
// or refresh) and passes everything else — WebSocket live reload included — to the preview. Framework's
// telemetry is off: nothing is sent anywhere.
import {spawn} from "node:child_process";
import {createServer, request} from "node:http";
import {connect, createServer as createNetServer, type AddressInfo} from "node:net";
import {join, resolve} from "node:path";
import sirv from "sirv";
import {DATA_DIR} from "../src/components/data-layout.ts";
import {cacheControl, unitRedirect} from "./serve.ts";
import {bundleChecker} from "./bundle-checker.ts";
import {readFlags, UsageError} from "./lib/command-line.ts";

const ROOT = resolve(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => ok(port));
    });
  });
}

async function main() {
  const given = readFlags(process.argv.slice(2), {port: {type: "string", short: "p", default: "3000"}}).port;
  const wanted = Number(given);
  if (given.trim() === "" || !Number.isInteger(wanted) || wanted < 1 || wanted > 65535) throw new UsageError(`Cổng không hợp lệ / invalid port: ${given}`, "--port");
  await bundleChecker({log: (s) => console.log(s)}); // the check page's loader bundle (src/components/generated/)
  const inner = await freePort();
  const preview = spawn(join(ROOT, "node_modules/.bin/observable"), ["preview", "--no-open", "--port", String(inner)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1"}
  });
  preview.stdout.on("data", (b: Buffer) => process.stdout.write(b.toString("utf8").replace(new RegExp(`127\\.0\\.0\\.1:${inner}`, "g"), "(preview)")));
  const data = sirv(join(ROOT, "dist", DATA_DIR), {
    dev: true,
    gzip: true,
    setHeaders: (res, pathname) => res.setHeader("Cache-Control", cacheControl(`/${DATA_DIR}${pathname}`))
  });
  const server = createServer((req, res) => {
    let decoded: string | null = null;
    try {
      decoded = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      // a malformed escape: the preview answers it
    }
    const redirect = decoded ? unitRedirect(decoded) : null;
    if (redirect) {
      res.writeHead(301, {Location: redirect, "Cache-Control": "no-cache"});
      return res.end();
    }
    if (req.url?.startsWith(`/${DATA_DIR}/`)) {
      req.url = req.url.slice(DATA_DIR.length + 1);
      return data(req, res, () => {
        res.statusCode = 404;
        res.end(`Chưa có dữ liệu công bố trong dist/${DATA_DIR}/: chạy "npm run publish" / no published data yet`);
      });
    }
    const upstream = request({host: "127.0.0.1", port: inner, path: req.url, method: req.method, headers: req.headers}, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, {"Content-Type": "text/plain; charset=utf-8"});
      res.end("Bản xem trước chưa sẵn sàng, thử lại sau giây lát / preview not ready yet");
    });
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  // Live reload: the preview's WebSocket, passed through as raw bytes.
  server.on("upgrade", (req, socket, head) => {
    const up = connect(inner, "127.0.0.1", () => {
      const headers: string[] = [];
      for (let h = 0; h < req.rawHeaders.length; h += 2) headers.push(`${req.rawHeaders[h]}: ${req.rawHeaders[h + 1]}\r\n`);
      up.write(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n${headers.join("")}\r\n`);
      if (head.length) up.write(head);
      socket.pipe(up).pipe(socket);
    });
    up.on("error", () => socket.destroy());
    socket.on("error", () => up.destroy());
  });
  let port = wanted;
  for (;;) {
    try {
      await new Promise<void>((ok, fail) => {
        server.once("error", fail);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", fail);
          ok();
        });
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || port > wanted + 20) throw e;
      port += 1;
    }
  }
  console.log(`Xem trước khi sửa trang / live preview: http://127.0.0.1:${port}  (dữ liệu từ dist/${DATA_DIR}/; Ctrl+C để dừng)`);
  const stop = () => {
    preview.kill();
    server.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  preview.on("error", (e) => {
    console.error(`Không chạy được Framework preview / cannot start the preview: ${e.message} (npm install?)`);
    server.close();
    process.exit(1);
  });
  preview.on("exit", (code) => {
    console.error(`Framework preview dừng (mã ${code}) / preview stopped`);
    server.close();
    process.exit(code ?? 1);
  });
}

main().catch((e) => {
  console.error(`Lỗi / error: ${(e as Error).message}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
