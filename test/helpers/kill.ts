// Crash tests: run a command in a child process and kill it with SIGKILL after a delay (it may have finished).
import {spawn, spawnSync} from "node:child_process";
import {copyFileSync} from "node:fs";

/** Kill point k of n, spread over a run of `fullMs` (start-up included) and a little past its end. */
export function killDelay(k: number, n: number, fullMs: number, past = 1.2): number {
  return Math.round(((k + 0.5) / n) * fullMs * past);
}

/** Starts `node args…` in `cwd`, kills it with SIGKILL after `delayMs`, and waits until it is gone. */
export async function runAndKill(args: string[], cwd: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, args, {cwd, stdio: "ignore"});
  const exited = new Promise((r) => child.once("exit", r)); // listen now: a late kill point finds it already gone
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill("SIGKILL");
  await exited;
}

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
