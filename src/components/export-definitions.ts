// The "Định nghĩa" sheet of every Excel download: each indicator's numerator and denominator in plain
// Vietnamese words, the way a staff member would explain them in a report. The published method texts are
// written for analysts (English, code names); these are for readers of the workbook. Pure (no DOM).
import type {IndicatorMeta} from "./series.js";
import type {XlsxSheet, XlsxStyle} from "./xlsx.js";

interface PlainDefinition {
  numerator: string;
  denominator: string;
  /** A sentence for readers, when the name alone does not say enough. */
  note?: string;
}

const GOOD = "hoàn thành tốt nhiệm vụ hoặc hoàn thành xuất sắc nhiệm vụ";
const FAIL = "không hoàn thành nhiệm vụ";

/** Plain-word definitions by indicator code. */
export const PLAIN_DEFINITIONS: Record<string, PlainDefinition> = {
  regular_meeting_rate: {
    numerator: "Số tháng có sinh hoạt thường kỳ (hoặc sinh hoạt kết hợp), cộng qua các chi bộ",
    denominator: "Số tháng các chi bộ phải sinh hoạt, cộng qua các chi bộ"
  },
  thematic_quarter_rate: {
    numerator: "Số quý có sinh hoạt chuyên đề (hoặc sinh hoạt kết hợp), cộng qua các chi bộ",
    denominator: "Số quý các chi bộ phải sinh hoạt, cộng qua các chi bộ"
  },
  attendance_rate: {
    numerator: "Tổng số lượt đảng viên có mặt ở các buổi sinh hoạt",
    denominator: "Tổng số đảng viên phải dự ở các buổi đó (đảng viên của chi bộ trừ người được miễn sinh hoạt)"
  },
  cells_every_month_rate: {
    numerator: "Số chi bộ sinh hoạt thường kỳ đủ 12 tháng trong năm",
    denominator: "Số chi bộ hoạt động cả năm"
  },
  attendance90_meeting_rate: {
    numerator: "Số buổi sinh hoạt có từ 90% số đảng viên phải dự trở lên có mặt",
    denominator: "Số buổi sinh hoạt"
  },
  unexcused_absence_rate: {
    numerator: "Tổng số lượt đảng viên vắng không có lý do",
    denominator: "Tổng số đảng viên phải dự ở các buổi có ghi số người vắng"
  },
  prescribed_day_rate: {
    numerator: "Số buổi sinh hoạt thường kỳ (hoặc kết hợp) họp đúng ngày quy định",
    denominator: "Số buổi sinh hoạt thường kỳ (hoặc kết hợp) có ghi ngày họp"
  },
  full_length_rate: {
    numerator: "Số buổi sinh hoạt đủ thời lượng: từ 90 phút trở lên, từ 120 phút trở lên nếu sinh hoạt kết hợp",
    denominator: "Số buổi sinh hoạt có ghi thời lượng"
  },
  speaking_rate: {
    numerator: "Tổng số ý kiến phát biểu của đảng viên",
    denominator: "Tổng số lượt đảng viên có mặt ở các buổi có ghi số ý kiến phát biểu"
  },
  superior_attended_rate: {
    numerator: "Số buổi sinh hoạt có cấp ủy viên cấp trên dự",
    denominator: "Số buổi sinh hoạt có ghi việc cấp trên dự"
  },
  online_meeting_rate: {
    numerator: "Số buổi sinh hoạt trực tuyến hoặc kết hợp trực tiếp với trực tuyến",
    denominator: "Số buổi sinh hoạt"
  },
  meeting_rating_good_share: {numerator: "Số buổi sinh hoạt được xếp loại Tốt", denominator: "Số buổi sinh hoạt được xếp loại"},
  meeting_rating_fair_share: {numerator: "Số buổi sinh hoạt được xếp loại Khá", denominator: "Số buổi sinh hoạt được xếp loại"},
  meeting_rating_average_share: {numerator: "Số buổi sinh hoạt được xếp loại Trung bình", denominator: "Số buổi sinh hoạt được xếp loại"},
  meeting_rating_poor_share: {numerator: "Số buổi sinh hoạt được xếp loại Kém", denominator: "Số buổi sinh hoạt được xếp loại"},
  meeting_rating_coverage: {numerator: "Số buổi sinh hoạt được xếp loại", denominator: "Số buổi sinh hoạt"},
  org_rating_good_share: {
    numerator: `Số tổ chức cơ sở đảng được xếp loại ${GOOD}`,
    denominator: "Số tổ chức cơ sở đảng được xếp loại trong năm"
  },
  org_rating_fail_share: {
    numerator: `Số tổ chức cơ sở đảng được xếp loại ${FAIL}`,
    denominator: "Số tổ chức cơ sở đảng được xếp loại trong năm"
  },
  cell_rating_good_share: {
    numerator: `Số chi bộ trực thuộc đảng ủy cơ sở được xếp loại ${GOOD}`,
    denominator: "Số chi bộ trực thuộc được xếp loại trong năm"
  },
  cell_rating_fail_share: {
    numerator: `Số chi bộ trực thuộc đảng ủy cơ sở được xếp loại ${FAIL}`,
    denominator: "Số chi bộ trực thuộc được xếp loại trong năm"
  },
  member_rating_good_share: {numerator: `Số đảng viên được xếp loại ${GOOD}`, denominator: "Số đảng viên được xếp loại trong năm"},
  member_rating_fail_share: {numerator: `Số đảng viên được xếp loại ${FAIL}`, denominator: "Số đảng viên được xếp loại trong năm"},
  secretary_trained_rate: {
    numerator: "Số chi bộ có bí thư được bồi dưỡng nghiệp vụ trong năm",
    denominator: "Số chi bộ có ghi việc bồi dưỡng bí thư"
  },
  reporting_completeness: {
    numerator: "Số tháng của các chi bộ đã có sổ sinh hoạt được nộp",
    denominator: "Số tháng của các chi bộ phải báo cáo"
  },
  committee_reporting_rate: {
    numerator: "Số năm các đảng bộ đã nộp sổ sinh hoạt (bản đang có hiệu lực)",
    denominator: "Số năm các đảng bộ phải báo cáo (đảng bộ tồn tại cả năm)"
  },
  reporting_timeliness: {
    numerator: "Số năm các đảng bộ nộp sổ sinh hoạt đúng hạn (trước ngày 15 tháng 1 năm sau, nếu không có quy định khác)",
    denominator: "Số năm các đảng bộ phải báo cáo"
  },
  quality_index: {
    numerator: "Không có: chỉ số là điểm tổng hợp, không phải một phép chia",
    denominator: "Không có",
    note:
      "Điểm từ 0 đến 100 tổng hợp các chỉ tiêu thành phần (sinh hoạt thường kỳ, chuyên đề, dự sinh hoạt, vắng không lý do, đúng ngày, đủ thời lượng, cấp trên dự, buổi xếp loại Tốt, kết quả xếp loại tổ chức đảng và đảng viên) theo trọng số do Ban Tổ chức quyết định; chỉ tiêu càng thấp càng tốt được tính ngược lại. Cách tính chi tiết ở trang Phương pháp."
  },
  quality_index_rank: {
    numerator: "Thứ hạng của đơn vị theo chỉ số chất lượng (1 = cao nhất; đơn vị bằng điểm cùng hạng)",
    denominator: "Số đơn vị cùng nhóm được xếp hạng",
    note: "Ghi là số nguyên, kèm số đơn vị được xếp hạng (ví dụ hạng 3 trên 10 đơn vị). Cấp tỉnh không có thứ hạng."
  }
};

/** Abbreviations of the rating categories, spelled out where a text uses them. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bHTXSNV\b/g, "hoàn thành xuất sắc nhiệm vụ"],
  [/\bHTTNV\b/g, "hoàn thành tốt nhiệm vụ"],
  [/\bKHTNV\b/g, "không hoàn thành nhiệm vụ"],
  [/\bHTNV\b/g, "hoàn thành nhiệm vụ"],
  [/\bTCCS\b/g, "tổ chức cơ sở"]
];

/** What the published method text gives, when an indicator has no plain definition above. */
export interface MethodText {
  indicator: string;
  description?: string | null;
  formula?: string | null;
  source?: string | null;
}

/** Removes what only a developer would read: code in backticks, file paths, "as in …" references. */
export function plainText(s: string | null | undefined): string | null {
  if (!s) return null;
  const out = ABBREVIATIONS.reduce((t, [re, words]) => t.replace(re, words), s)
    .replace(/\s*\([^()]*(?:\/[\w.-]+\.\w+|`)[^()]*\)/g, "") // a parenthesis with a path or code
    .replace(/`[^`]*`/g, "")
    .replace(/\b[\w-]+(?:\/[\w.-]+)+\.\w+\b/g, "")
    .replace(/\s*\(?(?:as in|như ở|xem) \d+\.?\)?/gi, "")
    .replace(/\s{2,}/g, " ")
    .replace(/\s+([,.;:])/g, "$1")
    .replace(/[,;:]\s*$/, "")
    .trim();
  return out || null;
}

export const KIND_LABEL: Record<string, string> = {share: "Tỷ lệ (%)", score: "Điểm (0–100)", rank: "Thứ hạng (số nguyên)"};

export interface DefinitionEntry {
  indicator: IndicatorMeta;
  numerator: string;
  denominator: string;
  description: string | null;
  /** The published formula in plain words. */
  formula: string | null;
  source: string | null;
}

/** One entry per indicator: the plain definitions, else the published formula split at its "/". */
export function definitionEntries(indicators: IndicatorMeta[], methods: MethodText[] = []): DefinitionEntry[] {
  return indicators.map((indicator) => {
    const m = methods.find((x) => x.indicator === indicator.indicator);
    const plain = PLAIN_DEFINITIONS[indicator.indicator];
    const formula = plainText(m?.formula);
    const [num, den] = (formula ?? "").split(" / ");
    return {
      indicator,
      numerator: plain?.numerator ?? num ?? "",
      denominator: plain?.denominator ?? den ?? "",
      description: plain?.note ?? plainText(m?.description),
      formula,
      source: plainText(m?.source)
    };
  });
}

function direction(ind: IndicatorMeta): string {
  return ind.higherIsBetter ? "Càng cao càng tốt" : "Càng thấp càng tốt";
}

/** The "Định nghĩa" sheet. Targets of shares are written as percentages, like the values. */
export function definitionsSheet(entries: DefinitionEntry[]): XlsxSheet {
  return {
    name: "Định nghĩa",
    columns: [
      {header: "Tên chỉ tiêu", width: 44},
      {header: "Tên ngắn", width: 24},
      {header: "Loại giá trị", width: 18},
      {header: "Mục tiêu", width: 10},
      {header: "Chiều tốt", width: 18},
      {header: "Tử số", width: 50, style: "wrap"},
      {header: "Mẫu số", width: 50, style: "wrap"},
      {header: "Giải thích", width: 60, style: "wrap"},
      {header: "Cách tính", width: 60, style: "wrap"},
      {header: "Căn cứ", width: 40, style: "wrap"}
    ],
    rows: entries.map((d) => [
      d.indicator.name,
      d.indicator.short,
      KIND_LABEL[d.indicator.kind] ?? "Số",
      d.indicator.target == null ? "Không có" : d.indicator.kind === "share" ? Math.round(d.indicator.target * 1000) / 10 : d.indicator.target,
      direction(d.indicator),
      d.numerator,
      d.denominator,
      d.description,
      d.formula,
      d.source
    ]),
    styles: entries.map(() => {
      const s: (XlsxStyle | undefined)[] = [];
      s[3] = "fixed1";
      return s;
    })
  };
}
