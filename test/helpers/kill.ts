// Crash tests: run a command in a child process and kill it with SIGKILL at a chosen point of its own progress.
// A kill that came after the process had ended proves nothing, so each run tells whether the signal ended it
// (`signal === "SIGKILL"`), and the tests require that most of their kill points did.
//
// Kill points are placed on what the child prints: an uninterrupted reference run records when each line came;
// a kill point is a moment of that run, found again in a later run by counting the child's progress lines up to
// the reference's last one before that moment, then waiting the time that was left (at the pace the later run
// has kept up to that line, so that a run slower or faster than the reference is killed at the same point of its
// work). The same works for any command that prints its progress (ingest, pipeline, a refresh or publish run).
import {spawn} from "node:child_process";
import {copyFileSync} from "node:fs";

/** One line the child printed (a progress bar's redraws, separated by \r, count as lines), ANSI codes removed. */
export interface OutputLine {
  /** milliseconds after the start */
  ms: number;
  stream: "stdout" | "stderr";
  text: string;
}

/**
 * When to kill: a delay after the start, or `afterMs` after the first line for which `line` holds (it also gets
 * every line so far, this one the last). With `lineAtMs`, when that line came in the reference run, the delay is
 * taken at the pace the run has kept so far: a run that reached the line in half the reference's time waits half
 * as long (within a factor of two either way).
 */
export type KillAt = {afterMs: number; line?: undefined} | {line: (l: OutputLine, seen: readonly OutputLine[]) => boolean; afterMs?: number; lineAtMs?: number};

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  lines: OutputLine[];
  /** milliseconds after the start when SIGKILL was sent; null: the process had ended before the kill point */
  killedAt: number | null;
  /** milliseconds from the start to the end of the process */
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs `command args…` to its end (nothing is killed), recording when each line came. */
export function timedRun(command: string, args: string[], opts: RunOptions = {}): Promise<Run> {
  return run(command, args, opts, null);
}

/**
 * Starts `command args…`, sends SIGKILL at `at` (unless the process has ended by then) and waits until it is
 * gone. The process was killed mid-run exactly when `signal === "SIGKILL"`.
 */
export function runAndKill(command: string, args: string[], opts: RunOptions & {at: KillAt}): Promise<Run> {
  return run(command, args, opts, opts.at);
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** How much slower (> 1) or faster this run reached a line than the reference did, within a factor of two. */
const pace = (ms: number, lineAtMs: number | undefined) => (lineAtMs ? Math.min(2, Math.max(0.5, ms / Math.max(1, lineAtMs))) : 1);

function run(command: string, args: string[], opts: RunOptions, at: KillAt | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, {cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"]});
    const out = {stdout: "", stderr: ""};
    const lines: OutputLine[] = [];
    let killedAt: number | null = null;
    let timer: NodeJS.Timeout | undefined;
    let armed = false;
    const kill = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killedAt = Math.round(performance.now() - t0);
      child.kill("SIGKILL");
    };
    const arm = (afterMs: number) => {
      armed = true;
      if (afterMs <= 0) kill();
      else timer = setTimeout(kill, afterMs);
    };
    if (at && !at.line) arm(at.afterMs);
    for (const stream of ["stdout", "stderr"] as const) {
      let partial = "";
      child[stream].setEncoding("utf8");
      child[stream].on("data", (chunk: string) => {
        out[stream] += chunk;
        const parts = (partial + chunk).split(/[\r\n]/);
        partial = parts.pop()!;
        const ms = Math.round(performance.now() - t0);
        for (const part of parts) {
          const text = part.replace(ANSI, "").trim();
          if (!text) continue;
          const line = {ms, stream, text};
          lines.push(line);
          if (at?.line && !armed && at.line(line, lines)) arm(Math.round((at.afterMs ?? 0) * pace(ms, at.lineAtMs)));
        }
      });
    }
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({code, signal, ...out, lines, killedAt, ms: Math.round(performance.now() - t0)});
    });
  });
}

export interface KillPoint {
  at: KillAt;
  /** the moment of the reference run it stands for, milliseconds after its start */
  targetMs: number;
  /** for messages: the line it waits for and the delay after it */
  label: string;
}

/**
 * `n` kill points over the reference run `ref`, from its first progress line to its last line: one at a random
 * moment of each of n equal slices (over many runs, every moment gets its turn). `progress` measures how far a
 * line shows the child to be (null: not a progress line); it must not decrease along a run. The reference's last
 * progress line before the moment is the j-th that got at least as far as it (a progress bar redraws the same
 * percentage while a step runs): the kill point waits for the j-th such line, then for the time that remained
 * until the moment in the reference run. A run faster than the reference reaches later steps sooner, whose
 * lines count too, so the kill still lands while it runs.
 */
export function killPoints(ref: Run, n: number, progress: (l: OutputLine) => number | null, random = Math.random): KillPoint[] {
  const marks = progressMarks(ref, progress);
  const start = marks[0].ms;
  const end = ref.lines[ref.lines.length - 1].ms;
  return Array.from({length: n}, (_, k) => pointAt(marks, Math.round(start + ((k + random()) / n) * (end - start)), progress));
}

function progressMarks(ref: Run, progress: (l: OutputLine) => number | null): {ms: number; p: number; text: string}[] {
  const marks = ref.lines.flatMap((l) => {
    const p = progress(l);
    return p === null ? [] : [{ms: l.ms, p, text: l.text}];
  });
  if (!marks.length) throw new Error(`the reference run printed no progress line:\n${ref.stdout}${ref.stderr}`);
  return marks;
}

/** The kill point for the moment `targetMs` of the reference run (see killPoints). */
function pointAt(marks: {ms: number; p: number; text: string}[], targetMs: number, progress: (l: OutputLine) => number | null): KillPoint {
  let i = 0;
  while (i + 1 < marks.length && marks[i + 1].ms <= targetMs) i++;
  const anchor = marks[i];
  const j = i - marks.findIndex((m) => m.p >= anchor.p) + 1;
  const afterMs = Math.max(0, targetMs - anchor.ms);
  const reached = (l: OutputLine) => (progress(l) ?? -Infinity) >= anchor.p;
  return {
    at: {line: (l: OutputLine, seen: readonly OutputLine[]) => reached(l) && seen.filter(reached).length >= j, afterMs, lineAtMs: anchor.ms},
    targetMs,
    label: `${afterMs} ms (at the reference's pace) after progress line #${j} at or past «${anchor.text.slice(0, 90)}»`
  };
}

/**
 * A kill point while a step that prints nothing until it is done runs (e.g. a commit): midway, in the reference
 * run, between the progress line before the first line for which `done` holds and that line.
 */
export function killPointDuring(ref: Run, progress: (l: OutputLine) => number | null, done: (l: OutputLine) => boolean): KillPoint {
  const end = ref.lines.findIndex(done);
  if (end < 0) throw new Error(`the reference run printed no such line:\n${ref.stdout}${ref.stderr}`);
  const marks = progressMarks(ref, progress).filter((m) => m.ms <= ref.lines[end].ms);
  const before = ref.lines.slice(0, end).reverse().find((l) => progress(l) !== null);
  if (!before) throw new Error(`no progress line before «${ref.lines[end].text}» in the reference run`);
  const point = pointAt(marks, Math.round((before.ms + ref.lines[end].ms) / 2), progress);
  return {...point, label: `${point.label}, while «${ref.lines[end].text.slice(0, 60)}» runs`};
}

/**
 * A kill point on the first line matching `line`, at once: e.g. the line a command prints right after its commit,
 * to check that what it reported done survives a kill while it still finishes up.
 */
export function killPointAt(ref: Run, line: (l: OutputLine) => boolean): KillPoint {
  const l = ref.lines.find(line);
  if (!l) throw new Error(`the reference run printed no such line:\n${ref.stdout}${ref.stderr}`);
  return {at: {line}, targetMs: l.ms, label: `at «${l.text.slice(0, 90)}»`};
}

/**
 * A progress measure read off the reference run: a line's `key` (null: not a progress line) ranks it by the
 * first appearance of that key in the reference, and `within` (0–999, e.g. a percentage) orders the lines of
 * one key. Keys the reference never printed are not progress lines.
 */
export function progressByKey(ref: Run, key: (l: OutputLine) => string | null, within: (l: OutputLine) => number = () => 0): (l: OutputLine) => number | null {
  const order = new Map<string, number>();
  for (const l of ref.lines) {
    const k = key(l);
    if (k !== null && !order.has(k)) order.set(k, order.size);
  }
  return (l) => {
    const k = key(l);
    const rank = k === null ? undefined : order.get(k);
    return rank === undefined ? null : rank * 1000 + Math.max(0, Math.min(999, within(l)));
  };
}

/** At least this share of a test's kill points must have ended a running process. */
export const MID_RUN_SHARE = 0.8;

/**
 * The uninterrupted run the kill points are compared with: copies the warehouse `base` to `ref`, runs
 * `node args(ref)…` to the end (it must succeed) and returns the run (its lines place the kill points) and the
 * resulting state.
 */
export async function referenceRun(
  base: string,
  ref: string,
  args: (db: string) => string[],
  opts: RunOptions,
  state: (db: string) => Promise<string>
): Promise<{run: Run; state: string}> {
  copyFileSync(base, ref);
  const run = await timedRun(process.execPath, args(ref), opts);
  if (run.code !== 0) throw new Error(`the reference run failed (${run.code} ${run.signal}):\n${run.stdout}${run.stderr}`);
  return {run, state: await state(ref)};
}
