// The scripts read their command lines one way: a mistake is said in both languages and exits with code 2,
// a well-formed command line gives the options it names.
import {spawnSync} from "node:child_process";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {given, intFlag, readFlags, UsageError} from "../scripts/lib/command-line.ts";

const ROOT = join(import.meta.dirname, "..");
const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", join(ROOT, script), ...args], {cwd: ROOT, encoding: "utf8"});

describe("command lines", () => {
  it("reads flags in both spellings and leaves out those not given", () => {
    const v = readFlags(["--out=dist2", "--width", "800", "-h"], {out: {type: "string"}, width: {type: "string"}, help: {type: "boolean", short: "h"}, dir: {type: "string"}});
    expect(given({...v})).toEqual({out: "dist2", width: "800", help: true});
    expect(intFlag("800", "--width", 1)).toBe(800);
  });

  it("says what is wrong with a bad flag", () => {
    expect(() => readFlags(["--bogus"], {out: {type: "string"}})).toThrow(/Tham số không hợp lệ \/ unknown argument: --bogus/);
    expect(() => readFlags(["--out"], {out: {type: "string"}})).toThrow(/Thiếu giá trị cho --out \/ missing value for --out/);
    expect(() => intFlag("abc", "--width", 1)).toThrow(UsageError);
    expect(() => intFlag("0", "--width", 1)).toThrow(/--width/);
  });

  it("exits with code 2 and the usage on a bad command line", () => {
    const sample = run("scripts/sample/cli.ts", "--bogus");
    expect(sample.status).toBe(2);
    expect(sample.stderr).toContain('unknown option "--bogus"');
    expect(sample.stderr).toContain("Usage: npm run sample");
    const build = run("scripts/build-site.ts", "--nope");
    expect(build.status).toBe(2);
    expect(build.stderr).toContain("Tham số không hợp lệ / unknown argument: --nope");
    const serve = run("scripts/serve.ts", "--port", "70000");
    expect(serve.status).toBe(2);
    expect(serve.stderr).toContain("Cổng không hợp lệ / invalid port: 70000");
    const refresh = run("pipelines/refresh.ts", "--out=", "data");
    expect(refresh.status).toBe(2);
    expect(refresh.stderr).toContain("npm run refresh");
  });
});
