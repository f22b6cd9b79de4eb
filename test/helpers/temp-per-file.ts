// Vitest setup file: each test file gets a temp folder of its own (TMPDIR, for it and the programs it starts),
// removed when the file is done, so that whatever the file, the code under test or a child process leaves in the
// temp folder goes with it. What test files share (test/helpers/cache.ts) and what is kept for a person to look
// at stay in the machine's temp folder, `sharedTmp()`.
import {mkdirSync, mkdtempSync, rmSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll} from "vitest";
import {sharedTmp, sweepTestFileTmp, TEST_FILE_TMP} from "./cache.ts";

const shared = sharedTmp();
process.env.CHIBO_SHARED_TMP = shared;
// the folder of an earlier file of this worker whose end hooks did not run (all its tests skipped), and those of
// workers that have ended
sweepTestFileTmp({pid: process.pid});

const dir = mkdtempSync(join(shared, `${TEST_FILE_TMP}${process.pid}-`));
// tsx keeps its compile cache in the temp folder: the programs the tests start keep using the machine's (a cold
// cache would make the first run of each file slower than the next, and the crash tests time kills on a first run)
const tsxCache = `tsx-${process.getuid?.() ?? 0}`;
mkdirSync(join(shared, tsxCache), {recursive: true});
symlinkSync(join(shared, tsxCache), join(dir, tsxCache));
const before = process.env.TMPDIR;
process.env.TMPDIR = dir;
if (tmpdir() !== dir) throw new Error(`TMPDIR is not followed: ${tmpdir()}`);
const remove = () => rmSync(dir, {recursive: true, force: true});
process.once("exit", remove);

afterAll(() => {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  process.off("exit", remove);
  remove();
});
