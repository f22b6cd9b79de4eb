// Data loader: data/methods.json — for Phương pháp and the definitions sheet of the Excel export: the indicator
// catalog (with any descriptive columns the pipeline adds) and, for each indicator, its section of
// docs/indicators.md (numerator, denominator, target, source, periods), read from the document so that the site
// and the documentation cannot drift apart.
import {existsSync, readFileSync} from "node:fs";
import {openContext} from "./_lib/context.ts";
import {firstTable, findComparable, isShadow} from "./_lib/warehouse.ts";
import {ABSORBED_TABLES, COMPLETENESS_TABLES} from "./_lib/marts.ts";
import {parseIndicatorDoc} from "../components/indicator-doc.ts";

const ctx = await openContext();
const {wh, catalog, years, terms} = ctx;
const comparable = await findComparable(wh);
const completeness = await firstTable(wh, COMPLETENESS_TABLES);
const absorbed = await firstTable(wh, ABSORBED_TABLES);
const tables = (await wh.query(`SELECT DISTINCT table_name FROM duckdb_tables() WHERE database_name = 'wh' ORDER BY 1`)).map((r) => String(r.table_name)).filter((t) => !isShadow(t));
wh.close();

const docPath = "docs/indicators.md";
const doc = existsSync(docPath) ? parseIndicatorDoc(readFileSync(docPath, "utf8")) : [];
const sections = new Map(doc.map((s) => [s.indicator, s]));

process.stdout.write(
  JSON.stringify({
    years,
    terms,
    indicators: catalog.map((c) => {
      const s = sections.get(c.indicator);
      return {
        indicator: c.indicator,
        name: c.name,
        short: c.short,
        nameEn: c.nameEn,
        target: c.target,
        higherIsBetter: c.higherIsBetter,
        grain: c.grain,
        kind: c.kind,
        group: c.group,
        description: c.description,
        formula: c.formula,
        levels: c.levels,
        numerator: c.numerator ?? s?.numerator ?? null,
        denominator: c.denominator ?? s?.denominator ?? null,
        targetText: s?.target ?? null,
        source: c.source ?? s?.source ?? null,
        periods: s?.periods ?? null,
        docText: s?.text ?? null,
        extra: c.extra
      };
    }),
    marts: {comparable: comparable?.table ?? null, completeness: completeness?.table ?? null, absorbed: absorbed?.table ?? null},
    tables
  })
);
