/**
 * Benchmarks of the contracts stage on an in-memory export: building employment relationships,
 * a 60-month tenure-share series, contract lengths at two dates, Kaplan–Meier with log-rank of
 * relationship durations, and KM on one million plain durations. Called by the bench harness.
 */
import type { CbsExport } from '../../src/io/types.js';
import { employmentRelationships, type EmploymentRelationships } from '../../src/contracts/relationships.js';
import { tenureShareSeries } from '../../src/contracts/tenureShareSeries.js';
import { contractLengths } from '../../src/contracts/contractLengths.js';
import { relationshipSurvival } from '../../src/contracts/relationshipSurvival.js';
import { kaplanMeier } from '../../src/contracts/kaplanMeier.js';
import { logRankTest } from '../../src/contracts/logRank.js';

export async function benchContracts(exp: CbsExport, measure: (label: string, fn: () => unknown) => Promise<unknown>): Promise<void> {
  let rel: EmploymentRelationships | undefined;
  await measure('contracts: employmentRelationships', () => {
    rel = employmentRelationships(exp);
    return rel.length;
  });
  const relationships = rel!;
  const end = exp.observation.end;
  const lastYear = Math.floor((end / 365.2425) + 1970);
  const from = `${lastYear - 5}-01`;
  const to = `${lastYear - 1}-12`;
  await measure(`contracts: tenureShareSeries, 60 months (${from}..${to}), by scheme`, () => tenureShareSeries(exp, { from, to, relationships, group: 'scheme' }).rows.length);
  await measure('contracts: contractLengths at 2 dates', () => contractLengths(exp, { at: [`${lastYear - 5}0101`, `${lastYear - 1}1231`], relationships }).rows.length);
  await measure('contracts: relationshipSurvival (KM + log-rank by employer type)', () => relationshipSurvival(exp, { relationships, group: 'employer-type' }).fit.curves.length);
  // One million plain durations (two groups, ~30 % censored) for KM and the log-rank test alone.
  const n = 1_000_000;
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const group = new Array<string>(n);
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  for (let i = 0; i < n; i++) {
    time[i] = Math.ceil(-Math.log(1 - rand()) * 900);
    event[i] = rand() < 0.7 ? 1 : 0;
    group[i] = i % 2 ? 'a' : 'b';
  }
  await measure('contracts: kaplanMeier, 1M durations, 2 groups', () => kaplanMeier({ time, event, group }).curves.length);
  await measure('contracts: logRankTest, 1M durations, 2 groups', () => logRankTest({ time, event, group }).test.statistic);
}
