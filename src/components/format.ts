// Vietnamese (vi-VN) number, percent and date formats shared by the pages and the charts.
// Pure functions: no DOM, no Framework globals, so they also run under Node (tests).

const NBSP = "\u00a0";
const MINUS = "\u2212"; // typographic minus sign

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${minimumFractionDigits}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("vi-VN", {minimumFractionDigits, maximumFractionDigits});
    numberFormats.set(key, format);
  }
  return format;
}

function isMissing(x: number | null | undefined): x is null | undefined {
  return x == null || !Number.isFinite(x);
}

/** Text shown for a missing value (no report, no denominator). */
export const MISSING = "–";

/** A number in vi-VN style: `1.234`, `1.234,5` (at most `digits` decimals, default 0). */
export function formatNumber(x: number | null | undefined, digits = 0): string {
  if (isMissing(x)) return MISSING;
  const text = numberFormat(0, digits).format(Math.abs(x));
  return x < 0 && text !== "0" ? MINUS + text : text;
}

/** A share 0–1 as a vi-VN percentage with a space before the sign: `93,8 %` (fixed `digits`, default 1). */
export function formatPercent(x: number | null | undefined, digits = 1): string {
  if (isMissing(x)) return MISSING;
  const text = numberFormat(digits, digits).format(Math.abs(x * 100));
  return (x < 0 && /[1-9]/.test(text) ? MINUS : "") + text + NBSP + "%";
}

/** Axis tick for a share: `80 %`, `92,5 %` (no trailing zeros). */
export function formatPercentTick(x: number): string {
  return numberFormat(0, 1).format(x * 100) + NBSP + "%";
}

/**
 * Difference of two shares in percentage points, always signed: `+6,2 điểm %`, `−1,0 điểm %`, `0,0 điểm %`;
 * with `unit: false` only the signed number (`+6,2`), for table columns headed "điểm %".
 */
export function formatPointChange(delta: number | null | undefined, digits = 1, {unit = true}: {unit?: boolean} = {}): string {
  if (isMissing(delta)) return MISSING;
  const text = numberFormat(digits, digits).format(Math.abs(delta * 100));
  const zero = !/[1-9]/.test(text);
  const sign = zero ? "" : delta > 0 ? "+" : MINUS;
  return unit ? `${sign}${text}${NBSP}điểm${NBSP}%` : `${sign}${text}`;
}

/** A year as a plain integer label (never `2.016`). */
export function formatYear(year: number | string): string {
  return String(year);
}

/** A term "2015-2020" as "2015–2020". */
export function formatTerm(term: string): string {
  return term.replace(/-/g, "–");
}

/** A date (Date, ISO `YYYY-MM-DD` or ISO timestamp) as `15/01/2022`. */
export function formatDate(date: Date | string | null | undefined): string {
  if (date == null || date === "") return MISSING;
  if (typeof date === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const d = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return MISSING;
  const dd = String(d.getDate()).padStart(2, "0");
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${d.getFullYear()}`;
}

/**
 * A short label for a committee, for chart legends and axes:
 * "Huyện ủy Yên Sơn" → "Yên Sơn", "Thành ủy Tuyên Quang" → "TP Tuyên Quang",
 * "Đảng ủy Công an tỉnh" → "Công an tỉnh", "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh" → "Khối CQ & DN tỉnh".
 */
export function shortUnitName(name: string): string {
  const n = name.normalize("NFC").trim();
  const rules: [RegExp, string][] = [
    [/^Đảng ủy Khối các cơ quan và doanh nghiệp\s*/i, "Khối CQ & DN "],
    [/^Đảng ủy Khối\s+/i, "Khối "],
    [/^Thành ủy\s+/i, "TP "],
    [/^Thị ủy\s+/i, "TX "],
    [/^Huyện ủy\s+/i, ""],
    [/^Đảng ủy\s+/i, ""],
    [/^Đảng bộ tỉnh\s+/i, "Toàn tỉnh "]
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(n)) return n.replace(pattern, replacement).trim();
  }
  return n;
}

const LABEL_RULES: [RegExp, string][] = [
  [/Ngân hàng Nông nghiệp và Phát triển nông thôn/gi, "NHNo&PTNT"],
  [/Giáo dục nghề nghiệp\s*[–-]\s*Giáo dục thường xuyên/gi, "GDNN–GDTX"],
  [/Công ty cổ phần/gi, "CTCP"],
  [/Công ty trách nhiệm hữu hạn/gi, "Công ty TNHH"],
  [/\bchi nhánh\b/gi, "CN"],
  [/Phòng cháy, chữa cháy và cứu nạn, cứu hộ/gi, "PCCC & CNCH"],
  [/Văn hóa, (Thông tin|Truyền thông) và Thể thao/gi, "VH-TT-TT"],
  [/Ban Quản lý dự án đầu tư xây dựng/gi, "BQLDA ĐTXD"]
];

/**
 * A label for a unit of any level that fits an axis: committees as in `shortUnitName`, grassroots organisations
 * without "Đảng bộ" ("Đảng bộ xã Trung Hà" → "Xã Trung Hà"), long names abbreviated and cut at `max` characters.
 * The full name stays in tooltips and tables.
 */
export function unitLabel(name: string, max = 30): string {
  let n = shortUnitName(name);
  if (n === name.normalize("NFC").trim()) {
    n = n.replace(/^Đảng bộ\s+(xã|phường|thị trấn)\s+/i, (_, w: string) => `${w[0].toUpperCase()}${w.slice(1)} `);
    n = n.replace(/^Đảng bộ\s+/i, "ĐB ").replace(/^Chi bộ\s+/i, "CB ");
    for (const [pattern, replacement] of LABEL_RULES) n = n.replace(pattern, replacement);
  }
  return n.length > max ? `${n.slice(0, max - 1).trimEnd()}…` : n;
}
