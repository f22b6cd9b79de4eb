// Rank of each unit among its siblings (same parent), per indicator and year: competition ranking on the value
// rounded to 4 decimals, best first in the indicator's direction. The unit pages show them as "h/n".
import {num, type Marts} from "./marts.ts";

export type Ranks = Record<string, Record<string, {rank: (number | null)[]; of: (number | null)[]}>>;

/** Ranks of the units whose siblings `siblings` selects as a whole (a condition on `u`, dim_units). */
export async function siblingRanks(m: Marts, siblings: string, years: number[]): Promise<Ranks> {
  const rows = await m.query(
    `WITH v AS (
       SELECT iv.unit_code, iv.period, iv.indicator, round(iv.value, 4) AS value, u.parent_code,
              coalesce(c.higher_is_better, TRUE) AS hib
       FROM wh.indicator_values iv
       JOIN wh.dim_units u ON u.unit_code = iv.unit_code
       LEFT JOIN wh.indicator_catalog c ON c.indicator = iv.indicator
       WHERE iv.period_type = 'year' AND u.parent_code IS NOT NULL AND u.level IN ('tren_co_so', 'dang_bo_co_so', 'chi_bo_co_so', 'chi_bo')
         AND (${siblings})
     )
     SELECT unit_code, period, indicator,
            rank() OVER (PARTITION BY parent_code, period, indicator ORDER BY CASE WHEN hib THEN -value ELSE value END) AS rnk,
            count(*) OVER (PARTITION BY parent_code, period, indicator) AS n
     FROM v ORDER BY unit_code, indicator, period`
  );
  const ranks: Ranks = {};
  const yearIndex = new Map(years.map((y, i) => [String(y), i]));
  for (const r of rows) {
    const i = yearIndex.get(String(r.period));
    if (i == null) continue;
    const byInd = (ranks[String(r.unit_code)] ??= {});
    const e = (byInd[String(r.indicator)] ??= {rank: new Array(years.length).fill(null), of: new Array(years.length).fill(null)});
    e.rank[i] = num(r.rnk);
    e.of[i] = num(r.n);
  }
  return ranks;
}
