/**
 * CBS date text: parsing `YYYYMMDD` into day numbers and formatting them back. The calendar
 * arithmetic itself (day and month numbers) lives in the core stage.
 */
import { civilFromDay, dayNumber } from '../core/calendar.js';

/**
 * Parse a CBS 8-character `YYYYMMDD` date into a day number; `undefined` when it is not a valid date.
 *
 * @example
 * parseCbsDate('20190131'); // 17927
 * parseCbsDate('20190231'); // undefined (no 31 February)
 */
export function parseCbsDate(text: string): number | undefined {
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
 * Used for user-facing options such as reference dates.
 *
 * @example
 * toDayNumber('2019-01-01') === toDayNumber('20190101'); // true
 */
export function toDayNumber(value: string | number): number {
  if (typeof value === 'number') return value;
  const compact = value.length === 10 && value[4] === '-' && value[7] === '-' ? value.replace(/-/g, '') : value;
  const dn = parseCbsDate(compact);
  if (dn === undefined) throw new RangeError(`Not a date (expected YYYYMMDD or YYYY-MM-DD): ${JSON.stringify(value)}`);
  return dn;
}
