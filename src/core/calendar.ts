/**
 * Calendar arithmetic on plain integers, so hot loops never allocate `Date` objects.
 *
 * - A **day number** is the number of days since 1970-01-01 (UTC), as an integer.
 * - A **month number** is `year * 12 + (month - 1)`, so consecutive months differ by 1.
 */

/**
 * Day number used for spells that have not ended ("ongoing"). Larger than any real date.
 *
 * @example
 * OPEN_END > dayNumber(9999, 12, 31); // true
 */
export const OPEN_END = 2_147_483_647;

/**
 * Days since 1970-01-01 for a calendar date (proleptic Gregorian, no time zone).
 *
 * @example
 * dayNumber(1970, 1, 1); // 0
 * dayNumber(2019, 1, 1); // 17897
 */
export function dayNumber(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: exact integer arithmetic for any year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Calendar date of a day number.
 *
 * @example
 * civilFromDay(17897); // { year: 2019, month: 1, day: 1 }
 */
export function civilFromDay(dayNum: number): { year: number; month: number; day: number } {
  const z = dayNum + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * Month number (`year * 12 + month - 1`) of a calendar month.
 *
 * @example
 * monthNumber(2019, 1) - monthNumber(2018, 12); // 1
 */
export function monthNumber(year: number, month: number): number {
  return year * 12 + (month - 1);
}

/**
 * Month number containing a day number.
 *
 * @example
 * monthOfDay(dayNumber(2019, 3, 31)) === monthNumber(2019, 3); // true
 */
export function monthOfDay(dayNum: number): number {
  const { year, month } = civilFromDay(dayNum);
  return monthNumber(year, month);
}

/**
 * Day number of the first day of a month number.
 *
 * @example
 * firstDayOfMonth(monthNumber(2019, 1)) === dayNumber(2019, 1, 1); // true
 */
export function firstDayOfMonth(monthNum: number): number {
  const year = Math.floor(monthNum / 12);
  return dayNumber(year, monthNum - year * 12 + 1, 1);
}

/**
 * Day number of the last day of a month number.
 *
 * @example
 * lastDayOfMonth(monthNumber(2020, 2)) === dayNumber(2020, 2, 29); // true
 */
export function lastDayOfMonth(monthNum: number): number {
  return firstDayOfMonth(monthNum + 1) - 1;
}

/**
 * First month lying entirely on or after a day (the month itself when the day is its first day).
 *
 * @example
 * firstFullMonth(dayNumber(2019, 1, 1)) === monthNumber(2019, 1); // true
 * firstFullMonth(dayNumber(2019, 1, 2)) === monthNumber(2019, 2); // true
 */
export function firstFullMonth(day: number): number {
  const m = monthOfDay(day);
  return firstDayOfMonth(m) < day ? m + 1 : m;
}

/**
 * Last month lying entirely on or before a day (the month itself when the day is its last day).
 *
 * @example
 * lastFullMonth(dayNumber(2019, 1, 31)) === monthNumber(2019, 1); // true
 * lastFullMonth(dayNumber(2019, 1, 30)) === monthNumber(2018, 12); // true
 */
export function lastFullMonth(day: number): number {
  const m = monthOfDay(day);
  return lastDayOfMonth(m) > day ? m - 1 : m;
}

/**
 * Format a month number as `YYYY-MM`.
 *
 * @example
 * formatMonth(monthNumber(2019, 1)); // '2019-01'
 */
export function formatMonth(monthNum: number): string {
  const year = Math.floor(monthNum / 12);
  return `${String(year).padStart(4, '0')}-${String(monthNum - year * 12 + 1).padStart(2, '0')}`;
}
