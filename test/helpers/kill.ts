// Crash tests: run a command in a child process and kill it with SIGKILL after a delay. A kill point that came
// after the process had ended proves nothing, so each run says whether the signal ended it, and the tests
// require that most of their kill points did.
import {spawn, spawnSync} from "node:child_process";
import {copyFileSync} from "node:fs";

/** Kill point k of n, spread over a run of `fullMs` (start-up included), up to `upTo` of it. */
export function killDelay(k: number, n: number, fullMs: number, upTo = 0.95): number {
  return Math.round(((k + 0.5) / n) * fullMs * upTo);
}

/**
 * Starts `node args…` in `cwd`, kills it with SIGKILL after `delayMs`, and waits until it is gone. `killed`:
 * the signal ended it (it was still running), not an exit of its own.
 */
export async function runAndKill(args: string[], cwd: string, delayMs: number): Promise<{killed: boolean; code: number | null}> {
  const child = spawn(process.execPath, args, {cwd, stdio: "ignore"});
  // listen now: a late kill point finds it already gone
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((r) => child.once("exit", (code, signal) => r({code, signal})));
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill("SIGKILL");
  const {code, signal} = await exited;
  return {killed: signal === "SIGKILL", code};
}

/** At least this share of a test's kill points must have ended a running process. */
export const MID_RUN_SHARE = 0.75;

/**
 * The uninterrupted run the kill points are compared with: copies the warehouse `base` to `ref`, runs
 * `node args(ref)…` to the end (it must succeed) and returns how long it took and the resulting state.
 */
export async function referenceRun(
  base: string,
  ref: string,
  args: (db: string) => string[],
  cwd: string,
  state: (db: string) => Promise<string>
): Promise<{ms: number; state: string}> {
  copyFileSync(base, ref);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, args(ref), {cwd, encoding: "utf8"});
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`the reference run failed (${run.status}):\n${run.stdout}${run.stderr}`);
  return {ms, state: await state(ref)};
}
