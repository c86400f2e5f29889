/**
 * CBS date text: parsing `YYYYMMDD` into day numbers and formatting them back. The calendar
 * arithmetic itself (day and month numbers) lives in the core stage.
 */
import { civilFromDay, dayNumber } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';

/**
 * Parse a CBS 8-character `YYYYMMDD` date into a day number; `undefined` when it is not a valid date.
 *
 * @example
 * parseCbsDate('20190131'); // 17927
 * parseCbsDate('20190231'); // undefined (no 31 February)
 */
export function parseCbsDate(text: string): number | undefined {
  if (typeof text !== 'string') throw new SpecificationError(`parseCbsDate expects the date as text (YYYYMMDD); got ${describeValue(text)}`);
  if (text.length !== 8) return undefined;
  for (let i = 0; i < 8; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return undefined;
  const dn = dayNumber(year, month, day);
  const back = civilFromDay(dn);
  if (back.month !== month || back.day !== day) return undefined;
  return dn;
}

/**
 * Format a day number as CBS `YYYYMMDD`.
 *
 * @example
 * formatCbsDate(17927); // '20190131'
 */
export function formatCbsDate(dayNum: number): string {
  const { year, month, day } = civilFromDay(dayNum);
  return `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/**
 * Format a day number as ISO `YYYY-MM-DD`.
 *
 * @example
 * formatIsoDate(17927); // '2019-01-31'
 */
export function formatIsoDate(dayNum: number): string {
  const { year, month, day } = civilFromDay(dayNum);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Parse a date given as `YYYYMMDD`, `YYYY-MM-DD` or a day number into a day number.
 * Used for user-facing options such as reference dates. Anything else is a
 * `SpecificationError`, including a number that looks like `YYYYMMDD` (as a day number,
 * 20190101 would be the year 57248): write it in quotes.
 *
 * @example
 * toDayNumber('2019-01-01') === toDayNumber('20190101'); // true
 * toDayNumber(17897); // 17897
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => toDayNumber(20190101)); // "not a date: got the number 20190101, which would be read as a day number (the year 57248); write '20190101' in quotes"
 */
export function toDayNumber(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new SpecificationError(`not a date: expected a date as 'YYYYMMDD' or 'YYYY-MM-DD', or an integer day number; got ${describeValue(value)}`);
    if (value >= 10_000_000 && value <= 99_999_999) {
      throw new SpecificationError(`not a date: got the number ${value}, which would be read as a day number (the year ${civilFromDay(value).year}); write '${value}' in quotes`);
    }
    return value;
  }
  if (typeof value !== 'string') throw new SpecificationError(`not a date: expected a date as 'YYYYMMDD' or 'YYYY-MM-DD', or an integer day number; got ${describeValue(value)}`);
  const compact = value.length === 10 && value[4] === '-' && value[7] === '-' ? value.replace(/-/g, '') : value;
  const dn = parseCbsDate(compact);
  if (dn === undefined) throw new SpecificationError(`Not a date (expected YYYYMMDD or YYYY-MM-DD): ${JSON.stringify(value)}`);
  return dn;
}
