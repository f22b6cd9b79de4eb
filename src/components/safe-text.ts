// Text published in files people open in Excel or LibreOffice (CSV, XLSX, Parquet): a cell that begins with
// = + - @, a tab or a carriage return can be taken for a formula ("CSV injection", OWASP). Such text gets a
// leading apostrophe, which spreadsheets show as plain text. Numbers are never touched (−0,5 stays a number).
// Pure: runs in the browser, in the publish step and in tests.

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The same rule as SQL, for text columns DuckDB writes itself (Parquet). */
export function neutralizeFormulaSql(expr: string): string {
  return `CASE WHEN regexp_matches(${expr}, '^[=+\\-@\\t\\r]') THEN '''' || ${expr} ELSE ${expr} END`;
}
