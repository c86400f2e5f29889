import type { EstimateFields } from '../estimate/types.js';
import type { CbsExport } from '../io/types.js';
import { formatIsoDate } from '../io/dates.js';
import { firstDayOfMonth, formatMonth, lastDayOfMonth, monthOfDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { createResult, type Result, type ResultColumn } from '../core/result.js';
import { checkExport } from './checkExport.js';
import { tenureContext, TenureTally } from './engine.js';
import { parseDateOption, type GroupBy, type Population } from './population.js';
import type { RelationshipPick } from './tenure.js';
import { resolveTenureCommon, TENURE_COMMON_KEYS, type TenureCommonOptions } from './tenureOptions.js';
import { tallyTenureOnDays } from './tenureOnDays.js';
import { shareWithWilson } from './wilson.js';

/** A month given as `YYYY-MM`, or any date in it (`YYYYMMDD`, `YYYY-MM-DD`, day number). */
export type MonthLike = string | number;

/** Options of {@link tenureShareSeries}. */
export interface TenureShareSeriesOptions extends TenureCommonOptions {
  /** First and last month of the series (inclusive). */
  readonly from: MonthLike;
  readonly to: MonthLike;
  /** Tenure threshold in completed months (default 24: "more than two years"). */
  readonly threshold?: number;
  /** Reference day of each month: `last` (default; e.g. 31 December 2023) or `first`. */
  readonly day?: 'first' | 'last';
  readonly population?: Population;
  readonly scheme?: string | readonly string[];
  readonly group?: GroupBy;
  readonly pick?: RelationshipPick;
}

/** The share of persons whose current relationship has lasted at least `threshold` months, on one reference day. */
export interface TenureShareRow extends EstimateFields {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Reference day, ISO. */
  readonly date: string;
  readonly group: string;
  /** Persons at or above the threshold. */
  readonly count: number;
  /** Persons with a relationship whose tenure is known relative to the threshold. */
  readonly n: number;
  /** Same as `estimate`, under the name figures use. */
  readonly share: number | null;
  /** Of `count`, persons whose tenure is a lower bound (left-censored, already past the threshold). */
  readonly n_left_censored: number;
  /** Left-censored persons below the threshold: cannot be classified, outside `n`. */
  readonly n_unknown: number;
  readonly n_no_relationship: number;
  readonly n_population: number;
}

/** The options as resolved, kept on the result (`spec`). */
export interface TenureShareSeriesSpec {
  /** First and last month, `YYYY-MM`. */
  readonly from: string;
  readonly to: string;
  readonly threshold: number;
  readonly day: 'first' | 'last';
  readonly population: Population;
  readonly scheme: readonly string[] | null;
  readonly group: GroupBy | null;
  readonly pick: RelationshipPick;
  readonly level: number;
  readonly gapDays: number;
}

/** Result of {@link tenureShareSeries}: the result protocol, one row per month and group. */
export type TenureShareSeriesResult = Result<TenureShareRow, TenureShareSeriesSpec>;

const COLUMNS: readonly ResultColumn[] = [
  { key: 'month', label: 'month' },
  { key: 'date' },
  { key: 'group', label: 'group' },
  { key: 'count', label: 'count' },
  { key: 'n', label: 'n' },
  { key: 'share', label: 'share', digits: 3 },
  { key: 'estimate' },
  { key: 'se' },
  { key: 'ci_low', label: 'ci_low', digits: 3 },
  { key: 'ci_high', label: 'ci_high', digits: 3 },
  { key: 'level' },
  { key: 'method' },
  { key: 'n_persons' },
  { key: 'n_person_months' },
  { key: 'n_left_censored' },
  { key: 'n_unknown' },
  { key: 'n_no_relationship' },
  { key: 'n_population' },
  { key: 'note' },
];

/** Month number of a {@link MonthLike}. */
export function parseMonthOption(value: MonthLike, option: string): number {
  if (typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)) {
    const m = Number(value.slice(5, 7));
    if (m < 1 || m > 12) throw new SpecificationError(`${option}: not a month: ${JSON.stringify(value)}`);
    return Number(value.slice(0, 4)) * 12 + m - 1;
  }
  return monthOfDay(parseDateOption(value, option));
}

/**
 * Monthly series of the share of persons (default: in support) whose current employment
 * relationship has lasted at least `threshold` completed months (default 24, the report's
 * "more than two years": 27 % in January 2019 → 52 % in December 2023), per group, with Wilson
 * intervals. Each month is measured on its last day (or first, `day: 'first'`). Persons without
 * a relationship and left-censored persons still below the threshold are reported, not counted in `n`.
 *
 * @example
 * import { tenureShareSeries } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or synthesizeCbsExport
 * const s = tenureShareSeries(exp, { from: '2019-01', to: '2023-12' });
 * s.rows.map((r) => [r.month, r.share]); // 60 months
 */
export function tenureShareSeries(cbsExport: CbsExport, options: TenureShareSeriesOptions): TenureShareSeriesResult {
  checkExport('tenureShareSeries', cbsExport);
  if (!isPlainObject(options)) throw new SpecificationError(`tenureShareSeries: options { from, to, … } are required, got ${describeValue(options)}`);
  checkOptions('tenureShareSeries', options, { ...TENURE_COMMON_KEYS, from: true, to: true, threshold: true, day: true });
  if (options.from === undefined || options.to === undefined) throw new SpecificationError('tenureShareSeries: options "from" and "to" (first and last month) are required');
  const first = parseMonthOption(options.from, 'tenureShareSeries: from');
  const last = parseMonthOption(options.to, 'tenureShareSeries: to');
  if (last < first) throw new SpecificationError(`tenureShareSeries: to (${formatMonth(last)}) is before from (${formatMonth(first)})`);
  const threshold = options.threshold ?? 24;
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold <= 0) throw new SpecificationError(`tenureShareSeries: threshold must be a positive whole number of months, got ${describeValue(threshold)}`);
  const which = options.day ?? 'last';
  if (which !== 'first' && which !== 'last') throw new SpecificationError(`tenureShareSeries: day must be 'first' or 'last', got ${describeValue(which)}`);
  const common = resolveTenureCommon('tenureShareSeries', cbsExport, options);
  const months: number[] = [];
  for (let m = first; m <= last; m++) months.push(m);
  const days = months.map((m) => (which === 'last' ? lastDayOfMonth(m) : firstDayOfMonth(m)));
  const tally = new TenureTally(2, days.length);
  const ctx = tenureContext(common.rel, [threshold], common.pick);
  tallyTenureOnDays(cbsExport, { days, population: common.population, rel: common.rel, ctx, groups: common.groups, mask: common.mask, tally });
  const rows = seriesRows(tally, months, days, common.groups.labels, common.level);
  const obs = cbsExport.observation;
  const notes = [
    `Each month is measured on its ${which} day; tenure in completed calendar months; share = persons with tenure ≥ ${threshold} months among persons with a relationship whose tenure is known relative to the threshold.`,
    'Left-censored relationships (running when the data begin, no start reported) count as ≥ threshold once their lower bound passes it (n_left_censored); before that they are n_unknown, outside the denominator.',
  ];
  if (days[0] < obs.start || days[days.length - 1] > obs.end) notes.push('Some months lie outside the observation period: their counts are incomplete or empty.');
  const spec: TenureShareSeriesSpec = {
    from: formatMonth(first),
    to: formatMonth(last),
    threshold,
    day: which,
    population: common.population,
    scheme: common.scheme,
    group: options.group ?? null,
    pick: common.pick,
    level: common.level,
    gapDays: common.rel.gapDays,
  };
  return createResult({ kind: 'tenureShareSeries', title: `Share with a relationship of at least ${threshold} months`, rows, spec, columns: COLUMNS, notes });
}

/** One row per month and group from the tally (bins: 0 below, 1 at or above the threshold). */
function seriesRows(tally: TenureTally, months: readonly number[], days: readonly number[], labels: readonly string[], level: number): TenureShareRow[] {
  const rows: TenureShareRow[] = [];
  const empty = new Int32Array(tally.stride);
  const used = tally.groupsUsed();
  days.forEach((day, di) => {
    for (const g of used) {
      const c = tally.get(di, g) ?? empty;
      const n = c[0] + c[1];
      const s = shareWithWilson(c[1], n, level);
      rows.push({
        month: formatMonth(months[di]),
        date: formatIsoDate(day),
        group: labels[g],
        count: c[1],
        n,
        ...s,
        share: s.estimate,
        level,
        method: 'wilson',
        n_persons: n,
        n_person_months: n,
        n_left_censored: c[4],
        n_unknown: c[2],
        n_no_relationship: c[3],
        n_population: c[5],
        ...(n === 0 ? { note: 'nobody with a classifiable tenure in this group this month' } : {}),
      });
    }
  });
  return rows;
}
