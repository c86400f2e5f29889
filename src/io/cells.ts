/**
 * Reading single cells of an input column, whatever the source format stored them as:
 * CSV gives strings, Arrow and Parquet may give numbers, bigints or `Date`s.
 */
import { dayNumber } from '../core/calendar.js';

/** One value as a reader produced it. */
export type Cell = string | number | bigint | boolean | Date | null | undefined;

/**
 * Text of a cell, trimmed; `''` for missing values. Numbers are written without exponent
 * where they are integers, so `20190131` stays `'20190131'`.
 *
 * @example
 * cellText('  R '); // 'R'
 * cellText(null); // ''
 * cellText(20190131); // '20190131'
 */
export function cellText(value: Cell): string {
  if (typeof value === 'string') return value.length > 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32) ? value.trim() : value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * A CBS person number (`RINPERSOON`) as text. Strings are kept exactly as read (trimmed);
 * numbers, which a columnar writer may have produced, are zero-padded to the 9 digits CBS uses,
 * which restores the leading zeros the numeric type dropped.
 *
 * @example
 * personNumberText('000123456'); // '000123456'
 * personNumberText(123456); // '000123456'
 */
export function personNumberText(value: Cell): string {
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = cellText(value);
    return text.startsWith('-') ? text : text.padStart(9, '0');
  }
  return cellText(value);
}

/**
 * Day number of a date cell; `null` when the cell is empty, `undefined` when it is not a date.
 * Accepts `YYYYMMDD` (text or an 8-digit integer), ISO `YYYY-MM-DD`, and `Date` values
 * (their UTC calendar date, as Arrow and Parquet date columns decode).
 *
 * @example
 * dateCell('20190131'); // 17927
 * dateCell(20190131); // 17927
 * dateCell('2019-01-31'); // 17927
 * dateCell(''); // null
 * dateCell('31-01-2019'); // undefined
 */
export function dateCell(value: Cell): number | null | undefined {
  if (typeof value === 'string' && value.length === 8) return ymdDay(value, 0, 4, 6);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return dayNumber(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return Number.isNaN(value) ? null : undefined;
  const text = cellText(value);
  if (text === '') return null;
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) return ymdDay(text, 0, 5, 8);
  return text.length === 8 ? ymdDay(text, 0, 4, 6) : undefined;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Day number of the digits year `text[y..y+3]`, month `text[m..m+1]`, day `text[d..d+1]`, or
 * `undefined` when they are not digits or not a calendar date. Reads character codes only:
 * this runs once per date cell of inputs with millions of rows.
 */
function ymdDay(text: string, y: number, m: number, d: number): number | undefined {
  const y0 = text.charCodeAt(y) - 48, y1 = text.charCodeAt(y + 1) - 48, y2 = text.charCodeAt(y + 2) - 48, y3 = text.charCodeAt(y + 3) - 48;
  const m0 = text.charCodeAt(m) - 48, m1 = text.charCodeAt(m + 1) - 48, d0 = text.charCodeAt(d) - 48, d1 = text.charCodeAt(d + 1) - 48;
  // `x >>> 0 > 9` is true for any non-digit (negative values wrap to large unsigned ones).
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > MONTH_DAYS[month - 1]! + (leap ? 1 : 0)) return undefined;
  return dayNumber(year, month, day);
}

/**
 * Number in a cell; `null` when empty, `undefined` when the text is not a number.
 * `decimal` is the decimal separator of text values (`','` in many Dutch exports);
 * no thousands separators are accepted, so `'1.234,5'` is not a number.
 *
 * @example
 * numberCell('1,5', ','); // 1.5
 * numberCell('1.5', ','); // undefined
 * numberCell(' ', '.'); // null
 * numberCell(1984, '.'); // 1984
 */
export function numberCell(value: Cell, decimal: string): number | null | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean' || value instanceof Date) return undefined;
  const text = cellText(value);
  if (text === '') return null;
  const normal = decimal === '.' ? text : text.includes('.') ? '' : text.replace(decimal, '.');
  return NUMBER.test(normal) ? Number(normal) : undefined;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
