// The ingestion folder follows the stages a file goes through: format/ (what a submission is) → read/ (bytes to
// a table) → check/ (problems, row by row) → record/ (into the warehouse), with the commands on top. A stage
// may import the stages before it, never one after it, and no file imports itself back through others (type
// imports count: a type loop is still a loop to the reader).
import {readdirSync, readFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const LOADERS = join(ROOT, "loaders");
const ORDER = ["format", "read", "check", "record"];

/** Every loaders/ source file, relative to loaders/ ("read/decode.ts", "cli.ts"). */
function loaderFiles(): string[] {
  return readdirSync(LOADERS, {recursive: true, encoding: "utf8"})
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.split("\\").join("/"))
    .sort();
}

/** The loaders/ files a file imports (static, dynamic, type-only and re-exports), relative to loaders/. */
export function importsOf(text: string, file: string): string[] {
  const out = new Set<string>();
  const re = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;
  for (const m of text.matchAll(re)) {
    const target = relative(LOADERS, resolve(LOADERS, dirname(file), m[1])).split("\\").join("/");
    if (!target.startsWith("..")) out.add(target);
  }
  return [...out].sort();
}

function graph(): Map<string, string[]> {
  return new Map(loaderFiles().map((f) => [f, importsOf(readFileSync(join(LOADERS, f), "utf8"), f)]));
}

/** One import loop as a path a → b → … → a, or null. */
export function findCycle(g: Map<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === "done") return null;
    if (state.get(n) === "open") return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, "open");
    stack.push(n);
    for (const m of g.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, "done");
    return null;
  };
  for (const n of g.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

const stageOf = (f: string) => (f.includes("/") ? f.split("/")[0] : "commands");

describe("loaders/ layout", () => {
  const g = graph();

  it("finds the imports it checks (the parser is not blind)", () => {
    expect(importsOf('import type {A} from "../format/codes.ts";\nexport {b} from "./x.ts";\nawait import("../record/load.ts");', "read/y.ts")).toEqual(["format/codes.ts", "read/x.ts", "record/load.ts"]);
    expect(findCycle(new Map([["a", ["b"]], ["b", ["a"]]]))).toEqual(["a", "b", "a"]);
    expect(g.get("cli.ts")!.length).toBeGreaterThan(0);
  });

  it("has every source file in a stage folder or among the commands on top", () => {
    const stages = new Set(loaderFiles().map(stageOf));
    expect([...stages].sort()).toEqual(["browser", "check", "commands", "format", "read", "record"]);
    const top = loaderFiles().filter((f) => stageOf(f) === "commands");
    for (const f of ["cli.ts", "validate.ts", "template.ts"]) expect(top).toContain(f);
  });

  it("imports only what exists", () => {
    for (const [f, deps] of g) for (const d of deps) expect(g.has(d), `${f} imports ${d}`).toBe(true);
  });

  it("has no import loop", () => {
    expect(findCycle(g)).toBeNull();
  });

  it("never imports a later stage: format → read → check → record", () => {
    const bad: string[] = [];
    for (const [f, deps] of g) {
      const from = ORDER.indexOf(stageOf(f));
      if (from < 0) continue;
      for (const d of deps) {
        const to = ORDER.indexOf(stageOf(d));
        if (to < 0 || to > from) bad.push(`${f} → ${d}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("keeps the browser checker off the warehouse and the commands", () => {
    const bad = [...g].filter(([f]) => stageOf(f) === "browser").flatMap(([f, deps]) => deps.filter((d) => ["record", "commands"].includes(stageOf(d))).map((d) => `${f} → ${d}`));
    expect(bad).toEqual([]);
  });
});
