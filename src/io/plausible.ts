/**
 * Plausibility of dates and birth years, and dates given in options. A single date of 1900 or
 * 9999 among millions would otherwise stretch the derived observation period and move results.
 */
import { dayNumber } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { toDayNumber } from './dates.js';

/** A date in an option: `'YYYY-MM-DD'`, `'YYYYMMDD'` or a `Date` (its UTC calendar date). */
export type OptionDate = string | Date;

/**
 * Day number of a date given in an option. Numbers are refused: `20150101` would otherwise be
 * read as a day number (the year 57139).
 *
 * @example
 * optionDay('observation.start', '2015-01-01', 'loadCbsExport'); // 16436
 * optionDay('observation.start', new Date(Date.UTC(2015, 0, 1)), 'loadCbsExport'); // 16436
 */
export function optionDay(name: string, value: unknown, fn: string): number {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new SpecificationError(`${fn}: ${name} is an invalid Date`);
    return dayNumber(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    throw new SpecificationError(`${fn}: ${name} must be a date as a string ('YYYY-MM-DD' or 'YYYYMMDD') or a Date, got the number ${value}; write '${String(value)}' in quotes`);
  }
  if (typeof value !== 'string') throw new SpecificationError(`${fn}: ${name} must be a date as a string ('YYYY-MM-DD' or 'YYYYMMDD') or a Date, got ${value === null ? 'null' : typeof value}`);
  try {
    return toDayNumber(value.trim());
  } catch {
    throw new SpecificationError(`${fn}: ${name} is not a calendar date (expected 'YYYY-MM-DD' or 'YYYYMMDD'), got ${JSON.stringify(value)}`);
  }
}

/** Default window of plausible spell dates (inclusive). */
export const DEFAULT_PLAUSIBLE_DATES = { start: '1950-01-01', end: '2100-12-31' } as const;

/** Default range of plausible birth years (inclusive). */
export const DEFAULT_PLAUSIBLE_BIRTH_YEARS = { min: 1900, max: 2100 } as const;

/** The plausible-date window as day numbers. */
export function plausibleWindow(option: { readonly start: OptionDate; readonly end: OptionDate } | undefined): { lo: number; hi: number } {
  const w = option ?? DEFAULT_PLAUSIBLE_DATES;
  if (typeof w !== 'object' || w === null) throw new SpecificationError('loadCbsExport: plausibleDates must be { start, end }');
  const lo = optionDay('plausibleDates.start', w.start, 'loadCbsExport');
  const hi = optionDay('plausibleDates.end', w.end, 'loadCbsExport');
  if (hi < lo) throw new SpecificationError(`loadCbsExport: plausibleDates.end is before plausibleDates.start`);
  return { lo, hi };
}
