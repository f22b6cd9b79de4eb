// Merged cells seen through a CSV: a spreadsheet exports a merged block of unit codes as the code on its first
// row and blank cells below. A blank code right below a filled one (or below such blanks) is reported as that,
// not as a bare missing value. A workbook's merged cells are filled down when it is read, so this is CSV only.
import {problem, type Problem} from "../format/codes.ts";

/** The unit-code column that merged blocks hide. */
export const MERGED_KEYS = new Set(["ma_chi_bo", "ma_don_vi"]);

export const mergedDetail = (above: string) => ({vi: `ô trống dưới mã ${above}`, en: `blank below the code ${above}`});

export function mergedCellProblem(line: number, column: string, above: string): Problem {
  return problem("E_MERGED_CELLS", {line, column}, mergedDetail(above));
}
