import type { CbsExport } from '../io/types.js';
import { formatIsoDate } from '../io/dates.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { createResult, type Result } from '../core/result.js';
import { resolveBins, type TenureBins } from './bins.js';
import { checkExport } from './checkExport.js';
import { tenureContext, TenureTally } from './engine.js';
import type { DateLike, GroupBy, Population } from './population.js';
import { binColumns, tallyRows, type ContractLengthSummary, type TenureBinRow } from './rows.js';
import type { RelationshipPick } from './tenure.js';
import { resolveDates, resolveTenureCommon, TENURE_COMMON_KEYS, type TenureCommonOptions } from './tenureOptions.js';
import { tallyTenureOnDays, tenureNotes } from './tenureOnDays.js';

/** Options of {@link contractLengths}. */
export interface ContractLengthsOptions extends TenureCommonOptions {
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
}

/** The options as resolved, kept on the result (`spec`). */
export interface ContractLengthsSpec {
  /** Reference dates, ISO. */
  readonly at: readonly string[];
  readonly population: Population;
  readonly scheme: readonly string[] | null;
  readonly bins: TenureBins;
  readonly group: GroupBy | null;
  readonly pick: RelationshipPick;
  readonly includeNoRelationship: boolean;
  readonly level: number;
  readonly gapDays: number;
}

/** Result of {@link contractLengths}: the result protocol plus the head counts per date and group. */
export interface ContractLengthsResult extends Result<TenureBinRow, ContractLengthsSpec> {
  readonly summaries: readonly ContractLengthSummary[];
}

/** Check a boolean option. */
export function booleanOption(fn: string, name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new SpecificationError(`${fn}: ${name} must be true or false, got ${describeValue(value)}`);
  return value;
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
 * // `exp` is a CbsExport, e.g. from loadCbsExport or loadSynthetic
 * const res = contractLengths(exp, { at: ['2019-01-31', '2023-12-31'], group: 'scheme' });
 * res.rows.filter((r) => r.bin === '> 2 years').map((r) => [r.date, r.group, r.count]); // [['2019-01-31', 'Participatiewet', 3], ['2019-01-31', 'Wsw', 0], ['2023-12-31', 'Participatiewet', 6], ['2023-12-31', 'Wsw', 1]]
 * res.toTable().columnNames().includes('note'); // true
 */
export function contractLengths(cbsExport: CbsExport, options: ContractLengthsOptions): ContractLengthsResult {
  checkExport('contractLengths', cbsExport);
  if (!isPlainObject(options)) throw new SpecificationError(`contractLengths: options { at, … } are required (at least the reference date "at"), got ${describeValue(options)}`);
  checkOptions('contractLengths', options, { ...TENURE_COMMON_KEYS, at: true, bins: { edges: true, labels: true }, includeNoRelationship: true });
  const days = resolveDates('contractLengths', options.at);
  const common = resolveTenureCommon('contractLengths', cbsExport, options);
  const bins = resolveBins(options.bins);
  const includeNoRelationship = booleanOption('contractLengths', 'includeNoRelationship', options.includeNoRelationship);
  const ctx = tenureContext(common.rel, bins.edges, common.pick);
  const tally = new TenureTally(bins.labels.length, days.length);
  tallyTenureOnDays(cbsExport, { days, population: common.population, rel: common.rel, ctx, groups: common.groups, mask: common.mask, tally });
  const refs = days.map((d) => ({ date: formatIsoDate(d) }));
  const { rows, summaries } = tallyRows(tally, refs, common.groups.labels, bins, common.level, includeNoRelationship);
  const notes = tenureNotes(includeNoRelationship);
  const outside = days.filter((d) => d < cbsExport.observation.start || d > cbsExport.observation.end);
  if (outside.length) notes.push(`Outside the observation period (counts incomplete or empty): ${outside.map(formatIsoDate).join(', ')}.`);
  const spec: ContractLengthsSpec = {
    at: refs.map((r) => r.date),
    population: common.population,
    scheme: common.scheme,
    bins,
    group: options.group ?? null,
    pick: common.pick,
    includeNoRelationship,
    level: common.level,
    gapDays: common.rel.gapDays,
  };
  const result = createResult({ kind: 'contractLengths', title: 'Tenure of the current employment relationship', rows, spec, columns: binColumns([{ key: 'date', label: 'date' }]), notes });
  return { ...result, summaries };
}
