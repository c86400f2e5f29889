import type { ColumnTable } from 'arquero';
import type { CbsExport } from '../io/types.js';
import { formatIsoDate } from '../io/dates.js';
import { SpecificationError } from '../core/errors.js';
import { resolveBins, type TenureBins } from './bins.js';
import { classifyTenure, isEmployedOn, refDay, tenureContext, TenureTally } from './engine.js';
import { activeSupportRowOf, checkPopulation, GroupResolver, parseDateOption, schemeMask, type DateLike, type GroupBy, type Population } from './population.js';
import { employmentRelationships, type EmploymentRelationships } from './relationships.js';
import { rowsToTable, tallyRows, type ContractLengthSummary, type TenureBinRow } from './rows.js';
import type { RelationshipPick } from './tenure.js';

/** Options of {@link contractLengths}. */
export interface ContractLengthsOptions {
  /** Reference date(s): `YYYYMMDD`, `YYYY-MM-DD` or day numbers. */
  readonly at: DateLike | readonly DateLike[];
  /** Who is counted (default `in-support`: persons in a support trajectory on the date). */
  readonly population?: Population;
  /** Only support trajectories of these schemes count (for `in-support` and support-based groups). */
  readonly scheme?: string | readonly string[];
  /** Month edges (default 6, 12, 24) or bins with labels. */
  readonly bins?: readonly number[] | TenureBins;
  /** Split by support attribute or person covariate. */
  readonly group?: GroupBy;
  /** Which of several active relationships counts (default `longest`). */
  readonly pick?: RelationshipPick;
  /**
   * Count persons without a relationship in the denominator of the bin shares (default false:
   * shares are among persons with a binnable relationship; the `no relationship` row reports the rest).
   */
  readonly includeNoRelationship?: boolean;
  readonly level?: number;
  /** Relationships already built (else built with `gapDays`). */
  readonly relationships?: EmploymentRelationships;
  readonly gapDays?: number;
}

/** Result of {@link contractLengths}. */
export interface ContractLengthsResult {
  readonly rows: readonly TenureBinRow[];
  readonly summaries: readonly ContractLengthSummary[];
  readonly bins: TenureBins;
  readonly level: number;
  /** How the numbers are to be read (denominators, left censoring). */
  readonly notes: readonly string[];
  /** Tidy arquero table of `rows`. */
  toTable(): ColumnTable;
}

/** Notes shared by every tenure-distribution result. */
export function tenureNotes(includeNoRelationship: boolean): string[] {
  return [
    'Tenure = reference date − start of the relationship in force, in completed calendar months.',
    includeNoRelationship
      ? 'Bin shares are among persons in the population with a binnable tenure or without a relationship; row "unknown" is outside the denominator.'
      : 'Bin shares are among persons in the population with a relationship whose tenure can be binned; rows "unknown" and "no relationship" are outside that denominator.',
    'Left-censored relationships (running when the data begin) have a lower-bound tenure: binned only when the lower bound reaches the top bin (n_left_censored), otherwise counted in row "unknown", never guessed.',
  ];
}

/** Resolve the `at` option into sorted-as-given day numbers. */
export function resolveDates(at: DateLike | readonly DateLike[]): number[] {
  const list = Array.isArray(at) ? (at as readonly DateLike[]) : [at as DateLike];
  if (list.length === 0) throw new SpecificationError('at: give at least one reference date');
  return list.map((d) => parseDateOption(d, 'at'));
}

/**
 * The distribution of current tenure (contract length) at reference dates: per date, group and
 * bin the count, the share with a Wilson interval, and the denominator. Persons with several
 * active relationships count with the longest (or the most recent, `pick`). Left-censored tenures
 * whose lower bound is below the top edge go to row `unknown`; those at or above it are binned in
 * the top bin (the lower bound suffices) and counted in `n_left_censored`.
 *
 * @example
 * import { contractLengths } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or synthesizeCbsExport
 * const res = contractLengths(exp, { at: ['2019-01-31', '2023-12-31'], group: 'scheme' });
 * res.rows.filter((r) => r.bin === '> 2 years').map((r) => [r.date, r.group, r.estimate]);
 */
export function contractLengths(cbsExport: CbsExport, options: ContractLengthsOptions): ContractLengthsResult {
  const days = resolveDates(options.at);
  const level = checkLevel(options.level ?? 0.95);
  const bins = resolveBins(options.bins);
  const population = options.population ?? 'in-support';
  const nPersons = cbsExport.persons.length;
  checkPopulation(population, nPersons);
  const rel = options.relationships ?? employmentRelationships(cbsExport, { gapDays: options.gapDays });
  const ctx = tenureContext(rel, bins.edges, options.pick ?? 'longest');
  const groups = new GroupResolver(cbsExport, options.group);
  const mask = schemeMask(cbsExport.support, options.scheme);
  const tally = new TenureTally(bins.labels.length, days.length);
  tallyTenureOnDays(cbsExport, { days, population, rel, ctx, groups, mask, tally });
  const refs = days.map((d) => ({ date: formatIsoDate(d) }));
  const { rows, summaries } = tallyRows(tally, refs, groups.labels, bins, level, options.includeNoRelationship ?? false);
  const notes = tenureNotes(options.includeNoRelationship ?? false);
  const outside = days.filter((d) => d < cbsExport.observation.start || d > cbsExport.observation.end);
  if (outside.length) notes.push(`Outside the observation period (counts incomplete or empty): ${outside.map(formatIsoDate).join(', ')}.`);
  return { rows, summaries, bins, level, notes, toTable: () => rowsToTable(rows) };
}

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

/** Validate a confidence level. */
export function checkLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new SpecificationError(`level must be between 0 and 1, got ${level}`);
  return level;
}
