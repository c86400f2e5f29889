/** Reading CSV fields from bytes: trimming, dates, comparisons. No strings are made here. */
import { dayNumber } from '../core/calendar.js';

/** Whether a byte is ASCII whitespace (what `String.prototype.trim` removes among ASCII). */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** Start of `buf[from, to)` after leading whitespace. */
export function trimStart(buf: Uint8Array, from: number, to: number): number {
  while (from < to && isSpace(buf[from]!)) from++;
  return from;
}

/** End of `buf[from, to)` before trailing whitespace. */
export function trimEnd(buf: Uint8Array, from: number, to: number): number {
  while (to > from && isSpace(buf[to - 1]!)) to--;
  return to;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Day number of a trimmed date field, `YYYYMMDD` or `YYYY-MM-DD`; NaN when it is not a calendar date.
 *
 * @example
 * const b = new TextEncoder().encode('20190131;2019-01-31;20190230');
 * [dateBytes(b, 0, 8), dateBytes(b, 9, 19), dateBytes(b, 20, 28)]; // [17927, 17927, NaN]
 */
export function dateBytes(buf: Uint8Array, from: number, to: number): number {
  let m: number;
  let d: number;
  if (to - from === 8) {
    m = from + 4;
    d = from + 6;
  } else if (to - from === 10 && buf[from + 4] === 45 && buf[from + 7] === 45) {
    m = from + 5;
    d = from + 8;
  } else return NaN;
  const y0 = buf[from]! - 48, y1 = buf[from + 1]! - 48, y2 = buf[from + 2]! - 48, y3 = buf[from + 3]! - 48;
  const m0 = buf[m]! - 48, m1 = buf[m + 1]! - 48, d0 = buf[d]! - 48, d1 = buf[d + 1]! - 48;
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > MONTH_DAYS[month - 1]! + (leap ? 1 : 0)) return NaN;
  return dayNumber(year, month, day);
}

/** Whether `buf[from, to)` equals `bytes`. */
export function bytesEqual(buf: Uint8Array, from: number, to: number, bytes: Uint8Array): boolean {
  if (to - from !== bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[from + i] !== bytes[i]) return false;
  return true;
}

/** Whether every byte of `buf[from, to)` is ASCII. */
export function isAscii(buf: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i]! >= 0x80) return false;
  return true;
}
