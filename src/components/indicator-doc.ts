// Reads the per-indicator sections of docs/indicators.md ("## 1. `regular_meeting_rate` — name" followed by
// bullets "- **Numerator:** …"). Tolerant: any heading with a code in backticks starts a section; labelled
// bullets are picked up in English or Vietnamese; the whole section text is kept too. Pure.

export interface IndicatorDoc {
  indicator: string;
  title: string;
  numerator: string | null;
  denominator: string | null;
  target: string | null;
  source: string | null;
  periods: string | null;
  /** The section's Markdown, without its heading. */
  text: string;
}

const LABELS: [keyof Omit<IndicatorDoc, "indicator" | "title" | "text">, RegExp][] = [
  ["numerator", /^(numerator|tử số)$/i],
  ["denominator", /^(denominator|mẫu số)$/i],
  ["target", /^(target|mục tiêu)$/i],
  ["source", /^(source|regulation|căn cứ|nguồn)$/i],
  ["periods", /^(periods?|kỳ)$/i]
];

export function parseIndicatorDoc(markdown: string): IndicatorDoc[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: IndicatorDoc[] = [];
  let current: {doc: IndicatorDoc; level: number; body: string[]} | null = null;
  const close = () => {
    if (!current) return;
    current.doc.text = current.body.join("\n").trim();
    // Bullets may wrap onto indented continuation lines.
    const bullets: string[] = [];
    for (const line of current.body) {
      if (/^\s*[-*]\s+/.test(line)) bullets.push(line.replace(/^\s*[-*]\s+/, ""));
      else if (/^\s{2,}\S/.test(line) && bullets.length) bullets[bullets.length - 1] += ` ${line.trim()}`;
    }
    for (const b of bullets) {
      // "**Target:** 100 %. **Source:** …" holds two labelled parts; "Periods: …" a plain label.
      const parts: [string, string][] = [];
      const re = /\*\*([^*]+?):?\*\*:?/g;
      const marks = [...b.matchAll(re)];
      if (marks.length && marks[0].index === 0) {
        marks.forEach((m, i) => {
          const end = i + 1 < marks.length ? marks[i + 1].index! : b.length;
          parts.push([m[1].replace(/:$/, "").trim(), b.slice(m.index! + m[0].length, end).trim()]);
        });
      } else {
        const m = /^([A-Za-zÀ-ỹ ]+):\s*(.*)$/.exec(b);
        if (m) parts.push([m[1].trim(), m[2].trim()]);
      }
      for (const [label, text] of parts) {
        for (const [key, pattern] of LABELS) {
          if (pattern.test(label) && current.doc[key] == null) current.doc[key] = text;
        }
      }
    }
    out.push(current.doc);
    current = null;
  };
  for (const line of lines) {
    const heading = /^(#{2,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      if (current && level <= current.level) close();
      const code = /`([a-z][a-z0-9_]*)`/.exec(heading[2]);
      if (code && !current) {
        current = {
          level,
          body: [],
          doc: {
            indicator: code[1],
            title: heading[2].replace(/^\d+\.\s*/, "").replace(/`[^`]*`\s*[—–-]\s*/, "").trim(),
            numerator: null,
            denominator: null,
            target: null,
            source: null,
            periods: null,
            text: ""
          }
        };
        continue;
      }
    }
    current?.body.push(line);
  }
  close();
  return out;
}
