import type { ColumnTable } from 'arquero';
import type { EstimateFields } from '../estimate/types.js';
import type { CbsExport } from '../io/types.js';
import { formatIsoDate } from '../io/dates.js';
import { firstDayOfMonth, formatMonth, lastDayOfMonth, monthOfDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { checkLevel, tallyTenureOnDays } from './contractLengths.js';
import { tenureContext, TenureTally } from './engine.js';
import { checkPopulation, GroupResolver, parseDateOption, schemeMask, type GroupBy, type Population } from './population.js';
import { employmentRelationships, type EmploymentRelationships } from './relationships.js';
import { rowsToTable } from './rows.js';
import type { RelationshipPick } from './tenure.js';
import { shareWithWilson } from './wilson.js';

/** A month given as `YYYY-MM`, or any date in it (`YYYYMMDD`, `YYYY-MM-DD`, day number). */
export type MonthLike = string | number;

/** Options of {@link tenureShareSeries}. */
export interface TenureShareSeriesOptions {
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
  readonly level?: number;
  readonly relationships?: EmploymentRelationships;
  readonly gapDays?: number;
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

/** Result of {@link tenureShareSeries}. */
export interface TenureShareSeriesResult {
  readonly rows: readonly TenureShareRow[];
  readonly threshold: number;
  readonly level: number;
  readonly notes: readonly string[];
  toTable(): ColumnTable;
}

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
  const first = parseMonthOption(options.from, 'from');
  const last = parseMonthOption(options.to, 'to');
  if (last < first) throw new SpecificationError(`to (${formatMonth(last)}) is before from (${formatMonth(first)})`);
  const threshold = options.threshold ?? 24;
  if (!Number.isInteger(threshold) || threshold <= 0) throw new SpecificationError(`threshold must be a positive whole number of months, got ${threshold}`);
  const which = options.day ?? 'last';
  if (which !== 'first' && which !== 'last') throw new SpecificationError(`day must be 'first' or 'last', got ${JSON.stringify(which)}`);
  const level = checkLevel(options.level ?? 0.95);
  const population = options.population ?? 'in-support';
  const nPersons = cbsExport.persons.length;
  checkPopulation(population, nPersons);
  const rel = options.relationships ?? employmentRelationships(cbsExport, { gapDays: options.gapDays });
  const ctx = tenureContext(rel, [threshold], options.pick ?? 'longest');
  const groups = new GroupResolver(cbsExport, options.group);
  const mask = schemeMask(cbsExport.support, options.scheme);
  const months: number[] = [];
  for (let m = first; m <= last; m++) months.push(m);
  const days = months.map((m) => (which === 'last' ? lastDayOfMonth(m) : firstDayOfMonth(m)));
  const tally = new TenureTally(2, days.length);
  tallyTenureOnDays(cbsExport, { days, population, rel, ctx, groups, mask, tally });
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
        group: groups.labels[g],
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
  const obs = cbsExport.observation;
  const notes = [
    `Each month is measured on its ${which} day; tenure in completed calendar months; share = persons with tenure ≥ ${threshold} months among persons with a relationship whose tenure is known relative to the threshold.`,
    'Left-censored relationships (running when the data begin) count as ≥ threshold once their lower bound passes it (n_left_censored); before that they are n_unknown, outside the denominator.',
  ];
  if (days[0] < obs.start || days[days.length - 1] > obs.end) notes.push('Some months lie outside the observation period: their counts are incomplete or empty.');
  return { rows, threshold, level, notes, toTable: () => rowsToTable(rows) };
}
