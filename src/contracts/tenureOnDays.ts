import type { CbsExport } from '../io/types.js';
import { classifyTenure, isEmployedOn, refDay, tenureContext, TenureTally } from './engine.js';
import { activeSupportRowOf, GroupResolver, type Population } from './population.js';
import type { EmploymentRelationships } from './relationships.js';

/**
 * Count, on each reference day, the tenure class of every person in the population into `tally`
 * (per day × group × bin). Shared by the distributions and the monthly series; internal (not
 * re-exported from the package).
 */
export function tallyTenureOnDays(
  cbsExport: CbsExport,
  args: {
    readonly days: readonly number[];
    readonly population: Population;
    readonly rel: EmploymentRelationships;
    readonly ctx: ReturnType<typeof tenureContext>;
    readonly groups: GroupResolver;
    readonly mask: Uint8Array | undefined;
    readonly tally: TenureTally;
  },
): void {
  const { days, population, rel, ctx, groups, mask, tally } = args;
  const support = cbsExport.support;
  const candidates = candidatePersons(cbsExport, population, rel);
  days.forEach((day, di) => {
    const ref = refDay(day);
    for (let i = 0; i < candidates.length; i++) {
      const p = candidates[i];
      const s = activeSupportRowOf(support, p, day, mask);
      if (!inPopulation(population, p, day, s, rel)) continue;
      tally.add(di, groups.groupOf(p, s), classifyTenure(ctx, p, ref));
    }
  });
}

/** Persons who can be in the population on some date: with a support trajectory, with a relationship, or everyone. */
export function candidatePersons(cbsExport: CbsExport, population: Population, rel: EmploymentRelationships): Int32Array {
  const n = cbsExport.persons.length;
  const offsets = population === 'in-support' ? cbsExport.support.offsets : population === 'employed' ? rel.offsets : undefined;
  if (!offsets) return Int32Array.from({ length: n }, (_, p) => p);
  let k = 0;
  for (let p = 0; p < n; p++) if (offsets[p + 1] > offsets[p]) k++;
  const out = new Int32Array(k);
  k = 0;
  for (let p = 0; p < n; p++) if (offsets[p + 1] > offsets[p]) out[k++] = p;
  return out;
}

/** Whether person `p` (support trajectory in force `s`, -1 none) is in the population on `day`. */
export function inPopulation(population: Population, p: number, day: number, s: number, rel: EmploymentRelationships): boolean {
  if (population === 'in-support') return s >= 0;
  if (population === 'employed') return isEmployedOn(rel, p, day);
  if (population instanceof Uint8Array) return population[p] === 1;
  return population(p, day);
}

/** Notes shared by every tenure-distribution result. */
export function tenureNotes(includeNoRelationship: boolean): string[] {
  return [
    'Tenure = reference date − start of the relationship in force, in completed calendar months (from the start the source reports, also when it precedes the data).',
    includeNoRelationship
      ? 'Bin shares are among persons in the population with a binnable tenure or without a relationship; row "unknown" is outside the denominator.'
      : 'Bin shares are among persons in the population with a relationship whose tenure can be binned; rows "unknown" and "no relationship" are outside that denominator.',
    'Left-censored relationships (running when the data begin, no start reported) have a lower-bound tenure: binned only when the lower bound reaches the top bin (n_left_censored), otherwise counted in row "unknown", never guessed.',
  ];
}
