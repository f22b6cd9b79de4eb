// npm run csp -- [--dir dist] [--nginx]
// The Content-Security-Policy for the built site: only its own origin. Framework pages carry a few inline
// <script> blocks (page module, sidebar state); instead of allowing every inline script, the policy lists the
// SHA-256 of each one found in the built HTML, so it must be regenerated after each build (docs/security.md).
// Styles need 'unsafe-inline': Plot writes <style> elements and style attributes into its SVG figures.
import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {parseArgs} from "node:util";

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith(".html") ? [join(dir, e.name)] : []
  );
}

/** SHA-256 sources ('sha256-…') of every inline script in the built pages. */
export function inlineScriptHashes(distDir: string): string[] {
  const hashes = new Set<string>();
  for (const file of htmlFiles(distDir)) {
    const html = readFileSync(file, "utf8");
    for (const m of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi))
      hashes.add(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
  }
  return [...hashes].sort();
}

export function contentSecurityPolicy(distDir: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(distDir).join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'"
  ].join("; ");
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const {values} = parseArgs({options: {dir: {type: "string", default: "dist"}, nginx: {type: "boolean", default: false}}});
  const policy = contentSecurityPolicy(values.dir);
  console.log(values.nginx ? `add_header Content-Security-Policy "${policy}" always;` : policy);
}
