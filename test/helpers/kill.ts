// Crash tests: run a command in a child process and kill it with SIGKILL after a delay (it may have finished).
import {spawn} from "node:child_process";

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
