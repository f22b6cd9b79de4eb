// Data loader: the yearly and term values of every catalog indicator, in the compact format of
// src/components/series.ts, packed in one archive that Framework unpacks at build time:
//   data/series/upper.json   the province and its committees
//   data/series/g00.json …   the grassroots organisations of the committees in bucket 00 … (see BUCKETS)
// Pages reference members by literal names only (Framework needs static file names), so the grassroots
// organisations are split into a fixed number of buckets by committee; site.json says which bucket holds which
// committee. A page loads a bucket only when the reader asks for that committee.
import {openContext} from "./_lib/context.ts";
import {buildSeries} from "./_lib/series.ts";
import {findComparable} from "./_lib/warehouse.ts";
import {BUCKETS, bucketName, committeeBuckets} from "../components/buckets.ts";
import {zip} from "../components/zip.ts";

const ctx = await openContext();
const comparable = await findComparable(ctx.wh);
const common = {catalog: ctx.catalog, years: ctx.years, terms: ctx.terms, comparable};
// Numerators and denominators (tooltips) for the province and committees only: the buckets stay small.
const entries = [
  {name: "upper.json", data: JSON.stringify(await buildSeries(ctx.wh, {...common, units: [ctx.province, ...ctx.committees], counts: true}))}
];
const buckets = committeeBuckets(ctx.committees.map((c) => c.code));
for (let b = 0; b < BUCKETS; b++) {
  const committees = new Set(Object.entries(buckets).filter(([, i]) => i === b).map(([code]) => code));
  const units = ctx.grassroots.filter((u) => committees.has(u.committee!));
  entries.push({name: `${bucketName(b)}.json`, data: JSON.stringify(await buildSeries(ctx.wh, {...common, units}))});
}
ctx.wh.close();
process.stdout.write(zip(entries));
