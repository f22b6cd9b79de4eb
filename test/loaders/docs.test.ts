// docs/submission-format.md documents every column, label, value and problem code the loaders use; the
// crosswalk documents every old-scheme rating label.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {CODES} from "../../loaders/format/codes.ts";
import {HEADER_SYNONYMS} from "../../loaders/format/header-synonyms.ts";
import {COLUMNS, ENUMS, KINDS, LEGACY_RATINGS} from "../../loaders/format/schemas.ts";

const doc = readFileSync(join(import.meta.dirname, "..", "..", "docs", "submission-format.md"), "utf8");
const crosswalk = readFileSync(join(import.meta.dirname, "..", "..", "docs", "rating-crosswalk.md"), "utf8");

describe("docs/submission-format.md", () => {
  it.each(Object.entries(CODES))("documents %s with its severity, scope and both reasons", (code, info) => {
    const line = doc.split("\n").find((l) => l.startsWith(`| \`${code}\` |`));
    expect(line, `${code} is missing from the table of codes`).toBeDefined();
    const cells = line!.split("|").map((c) => c.trim());
    expect(cells.slice(2, 6)).toEqual([info.severity, info.scope, info.vi, info.en]);
  });

  it("lists no code the loaders do not use", () => {
    const documented = [...doc.matchAll(/^\| `([EW]_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(CODES).sort());
  });

  it.each(KINDS)("documents every column of %s with its key, label and whether it is required", (kind) => {
    for (const c of COLUMNS[kind]) {
      const line = doc.split("\n").find((l) => l.startsWith(`| \`${c.key}\` | ${c.label} |`));
      expect(line, `${kind}.${c.key}`).toBeDefined();
      expect(line!.split("|")[3].trim().startsWith(c.required ? "yes" : "no")).toBe(true);
    }
  });

  it.each(KINDS)("lists every header synonym of %s under its column", (kind) => {
    const section = doc.slice(doc.indexOf(`(\`${kind}\`)`, doc.indexOf("## Header synonyms")));
    for (const c of COLUMNS[kind]) {
      const names = HEADER_SYNONYMS[kind][c.key] ?? [];
      if (!names.length) continue;
      const line = section.split("\n").find((l) => l.startsWith(`| ${c.label} (\`${c.key}\`) |`));
      expect(line, `${kind}.${c.key}`).toBeDefined();
      expect(line!.split("|")[2].trim().split("; ")).toEqual(names);
    }
  });

  it("documents every allowed value with its label", () => {
    for (const values of Object.values(ENUMS)) for (const [key, label] of Object.entries(values)) expect(doc).toContain(`\`${key}\` (${label}`);
  });

  it("the crosswalk documents every old-scheme label", () => {
    for (const {key, label} of Object.values(LEGACY_RATINGS)) {
      expect(crosswalk).toContain(label);
      expect(crosswalk).toMatch(new RegExp(`${label}[^\\n]*\`${key}\``));
    }
  });
});
