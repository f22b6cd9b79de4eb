// The scripts' command lines, read one way (node:util parseArgs, as the loaders and the pipeline read theirs):
// a mistake becomes a UsageError with a bilingual message, and the command exits with code 2.
import {parseArgs, type ParseArgsOptionsConfig} from "node:util";

/** Bad usage: an unknown flag, a flag without its value, a value out of range. Exit code 2. */
export class UsageError extends Error {
  /** the argument at fault, as typed */
  constructor(message: string, readonly arg = "") {
    super(message);
  }
}

/** The flags of a command without positional arguments; parseArgs' own errors said in the scripts' words. */
export function readFlags<T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  try {
    return parseArgs({args: argv, options, strict: true, allowPositionals: false}).values;
  } catch (e) {
    const code = (e as {code?: string}).code;
    const quoted = /'([^']*)'/.exec((e as Error).message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const flag = quoted.split(" ")[0];
      throw new UsageError(`Thiếu giá trị cho ${flag} / missing value for ${flag}`, flag);
    }
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`Tham số không hợp lệ / unknown argument: ${quoted}`, quoted);
    throw e;
  }
}

/** A whole number within [min, max] for a flag, or a UsageError naming the flag. */
export function intFlag(value: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`Số không hợp lệ cho ${flag} / invalid number for ${flag}: ${value}`, flag);
  return n;
}

/** The options given, without the keys of flags left out (so that a spread keeps the defaults). */
export function given<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
