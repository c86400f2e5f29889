import type { ColumnTable } from 'arquero';
import type { EstimateFields } from '../estimate/types.js';
import type { CbsExport } from '../io/types.js';
import { formatIsoDate } from '../io/dates.js';
import { dayNumber, monthOfDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { checkLevel, resolveDates } from './contractLengths.js';
import { activeSupportRowOf, MISSING_LABEL, schemeMask, type DateLike } from './population.js';
import { rowsToTable } from './rows.js';
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

/** Result of {@link employerTypeShares}. */
export interface EmployerTypeShareResult {
  readonly rows: readonly EmployerTypeShareRow[];
  readonly level: number;
  readonly notes: readonly string[];
  toTable(): ColumnTable;
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
  const days = resolveDates(options.at);
  const level = checkLevel(options.level ?? 0.95);
  const support = cbsExport.support;
  const mask = schemeMask(support, options.scheme);
  const levels = support.employerType.levels;
  const schemeLabel = options.scheme === undefined ? 'all' : typeof options.scheme === 'string' ? options.scheme : options.scheme.join(' + ');
  const nPersons = cbsExport.persons.length;
  const rows: EmployerTypeShareRow[] = [];
  for (const day of days) {
    const counts = new Int32Array(levels.length);
    let missing = 0;
    for (let p = 0; p < nPersons; p++) {
      const s = activeSupportRowOf(support, p, day, mask);
      if (s < 0) continue;
      const c = support.employerType.codes[s];
      if (c < 0) missing++;
      else counts[c]++;
    }
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
  return {
    rows,
    level,
    notes: [`Shares among persons in support on the date with a known employer type; persons with a missing employer type are counted in n_missing (${MISSING_LABEL}).`],
    toTable: () => rowsToTable(rows),
  };
}

/** Persons in support on 1 January of a year in one scheme (figure 1.1). */
export interface SchemeCountRow {
  readonly year: number;
  /** ISO date of the 1 January. */
  readonly date: string;
  readonly scheme: string;
  readonly count: number;
}

/** Distinct persons in support on 1 January (all schemes together). */
export interface SupportTotalRow {
  readonly year: number;
  readonly date: string;
  readonly count: number;
}

/** Result of {@link supportCountsOnJanuaryFirst}. */
export interface SupportCountsResult {
  /** One row per year and scheme (a person in two schemes that day counts in both). */
  readonly rows: readonly SchemeCountRow[];
  /** Distinct persons per year. */
  readonly totals: readonly SupportTotalRow[];
  toTable(): ColumnTable;
}

/**
 * Persons in a support trajectory on 1 January of each year, by scheme (`Wsw`,
 * `Participatiewet`): the data behind the report's figure 1.1 (4,082 in 2016 → 4,253 in 2025).
 * Default years: every year whose 1 January lies in the observation period.
 *
 * @example
 * import { supportCountsOnJanuaryFirst } from 'participation-effects';
 * // `exp` is a CbsExport, e.g. from loadCbsExport or synthesizeCbsExport
 * const res = supportCountsOnJanuaryFirst(exp, { years: [2016, 2025] });
 * res.totals.map((t) => [t.year, t.count]);
 */
export function supportCountsOnJanuaryFirst(cbsExport: CbsExport, options: { years?: readonly number[] } = {}): SupportCountsResult {
  const obs = cbsExport.observation;
  let years = options.years ? [...options.years] : [];
  if (!options.years) {
    const firstYear = Math.floor(monthOfDay(obs.start) / 12);
    const lastYear = Math.floor(monthOfDay(obs.end) / 12);
    for (let y = firstYear; y <= lastYear; y++) if (dayNumber(y, 1, 1) >= obs.start) years.push(y);
  }
  for (const y of years) if (!Number.isInteger(y)) throw new SpecificationError(`years must be whole numbers, got ${y}`);
  years = years.sort((a, b) => a - b);
  const support = cbsExport.support;
  const schemes = support.scheme.levels;
  const nPersons = cbsExport.persons.length;
  const rows: SchemeCountRow[] = [];
  const totals: SupportTotalRow[] = [];
  const seen = new Uint8Array(schemes.length + 1);
  for (const year of years) {
    const day = dayNumber(year, 1, 1);
    const counts = new Int32Array(schemes.length + 1); // last slot: missing scheme
    let total = 0;
    for (let p = 0; p < nPersons; p++) {
      seen.fill(0);
      let any = false;
      for (let i = support.offsets[p]; i < support.offsets[p + 1]; i++) {
        if (support.start[i] > day) break;
        if (support.end[i] < day) continue;
        const c = support.scheme.codes[i] < 0 ? schemes.length : support.scheme.codes[i];
        if (!seen[c]) {
          seen[c] = 1;
          counts[c]++;
        }
        any = true;
      }
      if (any) total++;
    }
    const date = formatIsoDate(day);
    schemes.forEach((scheme, i) => rows.push({ year, date, scheme, count: counts[i] }));
    if (counts[schemes.length] > 0) rows.push({ year, date, scheme: MISSING_LABEL, count: counts[schemes.length] });
    totals.push({ year, date, count: total });
  }
  return { rows, totals, toTable: () => rowsToTable(rows) };
}
