/**
 * The observation period as whole months, and each person's observed month range within it
 * (docs/methods/README.md: a month counts as observed only when it lies entirely inside the
 * period and the person's own bounds).
 */
import { toDayNumber } from '../io/dates.js';
import { firstDayOfMonth, firstFullMonth, lastFullMonth, OPEN_END } from '../core/calendar.js';
import { DataError, SpecificationError } from '../core/errors.js';
import type { ObservationPeriod } from '../io/types.js';
import type { ObservationBounds } from './eventPanelOptions.js';

/** The whole months of an observation period. */
export interface ObservationMonths {
  /** First and last whole month (month numbers, inclusive). */
  readonly start: number;
  readonly end: number;
  /** Number of months, `end − start + 1`. */
  readonly length: number;
  /** First day of each month index 0 … length (the last entry is the day after the period). */
  readonly firstDay: Int32Array;
}

/**
 * The whole months of the observation period (the export's, or `override`).
 *
 * @example
 * const m = observationMonths({ start: toDayNumber('20200115'), end: toDayNumber('20200430') });
 * [m.length, m.start === monthOfDay(toDayNumber('20200201'))]; // [3, true]
 */
export function observationMonths(period: ObservationPeriod, override?: { readonly start: number | string; readonly end: number | string }): ObservationMonths {
  const startDay = override ? toDayNumber(override.start) : period.start;
  const endDay = override ? toDayNumber(override.end) : period.end;
  const start = firstFullMonth(startDay);
  const end = lastFullMonth(endDay);
  if (end < start) throw new SpecificationError(`observation period ${startDay}…${endDay} contains no whole month`);
  const length = end - start + 1;
  const firstDay = new Int32Array(length + 1);
  for (let i = 0; i <= length; i++) firstDay[i] = firstDayOfMonth(start + i);
  return { start, end, length, firstDay };
}

/**
 * Per export person, the observed month-index range `[lo, hi]` within the period: the whole
 * period, narrowed by every bound given for that person; undefined without bounds.
 *
 * @example
 * const m = observationMonths({ start: toDayNumber('20200101'), end: toDayNumber('20201231') });
 * const b = personMonthRanges(m, 2, { person: Int32Array.of(1), start: Int32Array.of(toDayNumber('20200315')), end: Int32Array.of(toDayNumber('20200930')) });
 * [b.lo[0], b.hi[0], b.lo[1], b.hi[1]]; // [0, 11, 3, 8]
 */
export function personMonthRanges(months: ObservationMonths, persons: number, bounds: ObservationBounds): { lo: Int32Array; hi: Int32Array } {
  const L = months.length;
  const lo = new Int32Array(persons);
  const hi = new Int32Array(persons).fill(L - 1);
  for (let r = 0; r < bounds.person.length; r++) {
    const p = bounds.person[r];
    if (p < 0 || p >= persons) throw new DataError({ file: 'observationBounds', row: r + 1, column: 'person', value: p, expected: `a person index 0…${persons - 1}` });
    if (bounds.end[r] < bounds.start[r]) throw new DataError({ file: 'observationBounds', row: r + 1, column: 'end', value: bounds.end[r], expected: 'an end on or after the start' });
    const a = firstFullMonth(bounds.start[r]) - months.start;
    const b = bounds.end[r] >= OPEN_END ? L - 1 : lastFullMonth(bounds.end[r]) - months.start;
    if (a > lo[p]) lo[p] = a;
    if (b < hi[p]) hi[p] = b;
  }
  return { lo, hi };
}
