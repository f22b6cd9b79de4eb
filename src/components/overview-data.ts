// Shape of the published tong-hop/overview.json (written by pipelines/publish/summary.ts) and small helpers over it.

export interface Unit {
  code: string;
  name: string;
  type?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  mergedInto?: string | null;
}

export interface Indicator {
  indicator: string;
  name: string;
  short: string;
  nameEn?: string | null;
  target: number | null;
  higherIsBetter: boolean;
  sortOrder: number | null;
}

export interface YearValue {
  unit: string;
  indicator: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface TermValue {
  unit: string;
  indicator: string;
  term: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface Overview {
  province: Unit;
  committees: Unit[];
  indicators: Indicator[];
  years: number[];
  firstYear: number | null;
  latestYear: number | null;
  yearly: YearValue[];
  terms: string[];
  termValues: TermValue[];
  source: {
    warehouse: string;
    warehouseModified: string;
    firstYear: number | null;
    latestYear: number | null;
    committees: number;
    cells: number;
    activeCells: number;
    /** committees and cells in force on 31 December of the latest year */
    committeesAtYearEnd: number;
    cellsAtYearEnd: number;
    grassrootsCommittees: number;
    grassrootsCells: number;
    subordinateCells: number;
  };
}

export function getIndicator(data: Overview, indicator: string): Indicator {
  const found = data.indicators.find((d) => d.indicator === indicator);
  if (!found) throw new Error(`unknown indicator: ${indicator}`);
  return found;
}

/** The yearly value of one unit for one indicator, or undefined when the unit did not report that year. */
export function yearValue(data: Overview, unit: string, indicator: string, year: number | null): YearValue | undefined {
  if (year == null) return undefined;
  return data.yearly.find((d) => d.unit === unit && d.indicator === indicator && d.year === year);
}

export function termValue(data: Overview, unit: string, indicator: string, term: string): TermValue | undefined {
  return data.termValues.find((d) => d.unit === unit && d.indicator === indicator && d.term === term);
}

/** Units (province first) with their display names. */
export function allUnits(data: Overview): Unit[] {
  return [data.province, ...data.committees];
}

/** Committee-years with no value for the indicator (did not report): shown as gaps, never as zero. */
export function missingReports(data: Overview, indicator: string): {unit: Unit; year: number}[] {
  const have = new Set(
    data.yearly.filter((d) => d.indicator === indicator && d.value != null).map((d) => `${d.unit}|${d.year}`)
  );
  const missing: {unit: Unit; year: number}[] = [];
  for (const unit of data.committees) {
    for (const year of data.years) {
      if (!have.has(`${unit.code}|${year}`)) missing.push({unit, year});
    }
  }
  return missing;
}
