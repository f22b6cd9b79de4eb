// Which units have a page under /don-vi/<code>: the province, its committees and every grassroots organisation
// (đảng bộ cơ sở, chi bộ cơ sở). Cells below a grassroots organisation appear on their organisation's page.
// Shared by the data loader (src/data/units.zip.ts) and the site configuration (dynamicPaths).

export const PAGE_LEVELS = ["tinh", "tren_co_so", "dang_bo_co_so", "chi_bo_co_so"];

export function unitPageCodes(units: {code: string; level: string}[]): string[] {
  return units.filter((u) => PAGE_LEVELS.includes(u.level)).map((u) => u.code);
}

/** The path of a unit's page relative to the site root ("don-vi/HU-CH"). */
export function unitPath(code: string): string {
  return `don-vi/${encodeURIComponent(code)}`;
}
