import type { EstimateFields } from '../estimate/types.js';
import type { CbsExport } from '../io/types.js';
import { formatIsoDate } from '../io/dates.js';
import { dayNumber, monthOfDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { createResult, type Result, type ResultColumn } from '../core/result.js';
import { checkExport } from './checkExport.js';
import { levelOption } from './levelOption.js';
import { activeSupportRowOf, MISSING_LABEL, schemeMask, type DateLike } from './population.js';
import { resolveDates } from './tenureOptions.js';
import { shareWithWilson } from './wilson.js';

/** Options of {@link employerTypeShares}. */
export interface EmployerTypeShareOptions {
  /** Reference date(s). */
  readonly at: DateLike | readonly DateLike[];
  /** Only trajectories of these schemes (e.g. `Participatiewet`); default all. */
  readonly scheme?: string | readonly string[];
  readonly level?: number;
}

/** Share of one employer type among persons in support on a date. */
export interface EmployerTypeShareRow extends EstimateFields {
  readonly date: string;
  /** Scheme filter as given, or `all`. */
  readonly scheme: string;
  readonly employer_type: string;
  readonly count: number;
  /** Persons in support with a known employer type. */
  readonly n: number;
  readonly share: number | null;
  /** Persons in support whose employer type is missing (outside `n`). */
  readonly n_missing: number;
}

/** The options as resolved, kept on the result (`spec`). */
export interface EmployerTypeShareSpec {
  readonly at: readonly string[];
  readonly scheme: readonly string[] | null;
  readonly level: number;
}

/** Result of {@link employerTypeShares}: the result protocol, one row per date and employer type. */
export type EmployerTypeShareResult = Result<EmployerTypeShareRow, EmployerTypeShareSpec>;

const SHARE_COLUMNS: readonly ResultColumn[] = [
  { key: 'date', label: 'date' },
  { key: 'scheme' },
  { key: 'employer_type', label: 'employer type' },
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
  { key: 'n_missing' },
  { key: 'note' },
];

/** Counts of persons in support per employer type on one day (and those with a missing type). */
function employerTypeCounts(cbsExport: CbsExport, day: number, mask: Uint8Array | undefined): { counts: Int32Array; missing: number } {
  const support = cbsExport.support;
  const counts = new Int32Array(support.employerType.levels.length);
  let missing = 0;
  for (let p = 0; p < cbsExport.persons.length; p++) {
    const s = activeSupportRowOf(support, p, day, mask);
    if (s < 0) continue;
    const c = support.employerType.codes[s];
    if (c < 0) missing++;
    else counts[c]++;
  }
  return { counts, missing };
}

/**
 * Where people in support work: shares of employer types (`regulier` / `sociale firma` /
 * `Pantar`) among persons in a support trajectory on each date, with Wilson intervals. A person
 * with several trajectories in force counts once, with the latest-starting one.
 *
 * @example
 * import { employerTypeShares } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or synthesizeCbsExport
 * const res = employerTypeShares(exp, { at: ['2021-12-31', '2024-12-31'], scheme: 'Participatiewet' });
 * res.rows.filter((r) => r.employer_type === 'regulier').map((r) => r.share);
 */
export function employerTypeShares(cbsExport: CbsExport, options: EmployerTypeShareOptions): EmployerTypeShareResult {
  checkExport('employerTypeShares', cbsExport);
  if (!isPlainObject(options)) throw new SpecificationError(`employerTypeShares: options { at, … } are required (at least the reference date "at"), got ${describeValue(options)}`);
  checkOptions('employerTypeShares', options, { at: true, scheme: true, level: true });
  const days = resolveDates('employerTypeShares', options.at);
  const level = levelOption('employerTypeShares', options.level);
  const mask = schemeMask(cbsExport.support, options.scheme);
  const levels = cbsExport.support.employerType.levels;
  const scheme = options.scheme === undefined ? null : typeof options.scheme === 'string' ? [options.scheme] : [...options.scheme];
  const schemeLabel = scheme === null ? 'all' : scheme.join(' + ');
  const rows: EmployerTypeShareRow[] = [];
  for (const day of days) {
    const { counts, missing } = employerTypeCounts(cbsExport, day, mask);
    let n = 0;
    for (const c of counts) n += c;
    levels.forEach((type, i) => {
      const s = shareWithWilson(counts[i], n, level);
      rows.push({
        date: formatIsoDate(day),
        scheme: schemeLabel,
        employer_type: type,
        count: counts[i],
        n,
        ...s,
        share: s.estimate,
        level,
        method: 'wilson',
        n_persons: n,
        n_person_months: n,
        n_missing: missing,
        ...(n === 0 ? { note: 'nobody in support with a known employer type on this date' } : {}),
      });
    });
  }
  const spec: EmployerTypeShareSpec = { at: days.map(formatIsoDate), scheme, level };
  const notes = [`Shares among persons in support on the date with a known employer type; persons with a missing employer type are counted in n_missing (${MISSING_LABEL}).`];
  return createResult({ kind: 'employerTypeShares', title: 'Employer type of persons in support', rows, spec, columns: SHARE_COLUMNS, notes });
}

/** Persons in support on 1 January of a year in one scheme (figure 1.1). */
export interface SchemeCountRow {
  readonly year: number;
  /** ISO date of the 1 January. */
  readonly date: string;
  readonly scheme: string;
  readonly count: number;
  /** The same as `count` (the persons behind the row, for output control). */
  readonly n_persons: number;
}

/** Distinct persons in support on 1 January (all schemes together). */
export interface SupportTotalRow {
  readonly year: number;
  readonly date: string;
  readonly count: number;
  readonly n_persons: number;
}

/** The options as resolved, kept on the result (`spec`). */
export interface SupportCountsSpec {
  readonly years: readonly number[];
}

/** Result of {@link supportCountsOnJanuaryFirst}: rows per year and scheme, plus distinct totals per year. */
export interface SupportCountsResult extends Result<SchemeCountRow, SupportCountsSpec> {
  /** Distinct persons per year (a person in two schemes that day counts once). */
  readonly totals: readonly SupportTotalRow[];
}

const COUNT_COLUMNS: readonly ResultColumn[] = [
  { key: 'year', label: 'year' },
  { key: 'date' },
  { key: 'scheme', label: 'scheme' },
  { key: 'count', label: 'count' },
  { key: 'n_persons' },
];

/** Default years: every year whose 1 January lies in the observation period. */
function yearsInObservation(cbsExport: CbsExport): number[] {
  const obs = cbsExport.observation;
  const years: number[] = [];
  for (let y = Math.floor(monthOfDay(obs.start) / 12); y <= Math.floor(monthOfDay(obs.end) / 12); y++) if (dayNumber(y, 1, 1) >= obs.start) years.push(y);
  return years;
}

/** Persons in support on `day` per scheme (last slot: missing scheme), and distinct persons. */
function schemeCountsOn(cbsExport: CbsExport, day: number): { counts: Int32Array; total: number } {
  const support = cbsExport.support;
  const nSchemes = support.scheme.levels.length;
  const counts = new Int32Array(nSchemes + 1);
  const seen = new Uint8Array(nSchemes + 1);
  let total = 0;
  for (let p = 0; p < cbsExport.persons.length; p++) {
    seen.fill(0);
    let any = false;
    for (let i = support.offsets[p]; i < support.offsets[p + 1]; i++) {
      if (support.start[i] > day) break;
      if (support.end[i] < day) continue;
      const c = support.scheme.codes[i] < 0 ? nSchemes : support.scheme.codes[i];
      if (!seen[c]) {
        seen[c] = 1;
        counts[c]++;
      }
      any = true;
    }
    if (any) total++;
  }
  return { counts, total };
}

/**
 * Persons in a support trajectory on 1 January of each year, by scheme (`Wsw`,
 * `Participatiewet`): the data behind the report's figure 1.1 (4,082 in 2016 → 4,253 in 2025).
 * Default years: every year whose 1 January lies in the observation period.
 *
 * @example
 * import { supportCountsOnJanuaryFirst } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or loadSynthetic
 * const res = supportCountsOnJanuaryFirst(exp, { years: [2016, 2019] });
 * res.totals.map((t) => [t.year, t.count]); // [[2016, 9], [2019, 8]]
 * res.rows.map((r) => [r.year, r.scheme, r.count]); // [[2016, 'Participatiewet', 8], [2016, 'Wsw', 1], [2019, 'Participatiewet', 7], [2019, 'Wsw', 1]]
 */
export function supportCountsOnJanuaryFirst(cbsExport: CbsExport, options: { readonly years?: readonly number[] } = {}): SupportCountsResult {
  checkExport('supportCountsOnJanuaryFirst', cbsExport);
  checkOptions('supportCountsOnJanuaryFirst', options, { years: true });
  if (options.years !== undefined && !Array.isArray(options.years)) throw new SpecificationError(`supportCountsOnJanuaryFirst: years must be an array of whole years, got ${describeValue(options.years)}`);
  const years = [...(options.years ?? yearsInObservation(cbsExport))];
  for (const y of years) if (typeof y !== 'number' || !Number.isInteger(y)) throw new SpecificationError(`supportCountsOnJanuaryFirst: years must be whole numbers, got ${describeValue(y)}`);
  years.sort((a, b) => a - b);
  const schemes = cbsExport.support.scheme.levels;
  const rows: SchemeCountRow[] = [];
  const totals: SupportTotalRow[] = [];
  for (const year of years) {
    const day = dayNumber(year, 1, 1);
    const { counts, total } = schemeCountsOn(cbsExport, day);
    const date = formatIsoDate(day);
    schemes.forEach((scheme, i) => rows.push({ year, date, scheme, count: counts[i], n_persons: counts[i] }));
    if (counts[schemes.length] > 0) rows.push({ year, date, scheme: MISSING_LABEL, count: counts[schemes.length], n_persons: counts[schemes.length] });
    totals.push({ year, date, count: total, n_persons: total });
  }
  const notes = ['A person in two schemes on the same 1 January counts in both rows of that year; `totals` counts distinct persons.'];
  const result = createResult({ kind: 'supportCountsOnJanuaryFirst', title: 'Persons in support on 1 January', rows, spec: { years }, columns: COUNT_COLUMNS, notes });
  return { ...result, totals };
}
