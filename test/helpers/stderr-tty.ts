// Preload (`node --import tsx --import ./test/helpers/stderr-tty.ts …`) for the crash tests: stderr claims to be a
// terminal, so the ingest command draws its progress bar (a redraw at least every quarter second of a DuckDB step,
// one per 100 ms of reading) into the pipe the test reads, for inputs that are far below the size at which it
// writes progress lines to a log. Nothing else changes: the bar is the same one a user sees.
Object.defineProperty(process.stderr, "isTTY", {value: true, configurable: true});
