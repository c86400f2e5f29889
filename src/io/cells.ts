/**
 * Reading single cells of an input column, whatever the source format stored them as:
 * CSV gives strings, Arrow and Parquet may give numbers, bigints or `Date`s.
 */
import { dayNumber, parseCbsDate } from './dates.js';

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
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
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
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return dayNumber(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return Number.isNaN(value) ? null : undefined;
  const text = cellText(value);
  if (text === '') return null;
  if (text.length === 10 && text[4] === '-' && text[7] === '-') return parseCbsDate(text.slice(0, 4) + text.slice(5, 7) + text.slice(8, 10));
  return parseCbsDate(text);
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
