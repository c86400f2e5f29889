/**
 * Employed months as bits: per person one bit per observation month (any day of the month in an
 * employment spell), the only part of the employment spells that matching reads (the
 * `preParticipation` covariate). 1M persons × 10 years take 16 MB.
 */
import { firstDayOfMonth } from '../core/calendar.js';
import type { CbsExport } from '../io/types.js';

/**
 * Employed months of every person over the observation months `firstMonth … firstMonth + months − 1`
 * (month numbers as `monthNumber` in core/calendar): person p was employed in observation month i
 * when bit `i & 31` of word `bits[p × stride + (i >> 5)]` is set, `stride = ⌈months / 32⌉`.
 */
export interface EmploymentMonths {
  /** Month number of observation month 0. */
  readonly firstMonth: number;
  /** Number of observation months. */
  readonly months: number;
  /** `stride` words per person, in person order. */
  readonly bits: Int32Array;
}

/**
 * Words per person of {@link EmploymentMonths.bits} for `months` months.
 *
 * @example
 * [monthStride(0), monthStride(32), monthStride(120)]; // [0, 1, 4]
 */
export function monthStride(months: number): number {
  return (months + 31) >>> 5;
}

/**
 * The employed months of the export's persons over months `firstMonth…lastMonth` (inclusive; none
 * when lastMonth < firstMonth). A spell counts in every month it touches.
 *
 * @example
 * import { loadSynthetic } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 1, scale: 0.002 });
 * const jan2016 = 2016 * 12; // month numbers count months from year 0
 * const e = employmentMonths(exp, jan2016, jan2016 + 119);
 * [e.months, e.bits.length === exp.persons.length * 4]; // [120, true]
 */
export function employmentMonths(exp: CbsExport, firstMonth: number, lastMonth: number): EmploymentMonths {
  const L = Math.max(0, lastMonth - firstMonth + 1);
  const stride = monthStride(L);
  const monthFirstDay = new Int32Array(L + 1);
  for (let i = 0; i <= L; i++) monthFirstDay[i] = firstDayOfMonth(firstMonth + i);
  const n = exp.persons.length;
  const employed = new Int32Array(n * stride);
  const { offsets, start, end } = exp.employment;
  const first = monthFirstDay[0];
  const last = monthFirstDay[L] - 1;
  // Observation month index of each day of the period (a table lookup per spell end).
  const monthOf = new Int16Array(Math.max(0, last - first + 1));
  for (let i = 0; i < L; i++) monthOf.fill(i, monthFirstDay[i] - first, monthFirstDay[i + 1] - first);
  if (L > 0)
    for (let p = 0, base = 0; p < n; p++, base += stride) {
      for (let r = offsets[p]; r < offsets[p + 1]; r++) {
        const s = start[r];
        const e = end[r];
        if (e < first || s > last) continue;
        // Months touched by the spell (any day in the month counts).
        setBits(employed, base, s <= first ? 0 : monthOf[s - first], e >= last ? L - 1 : monthOf[e - first]);
      }
    }
  return { firstMonth, months: L, bits: employed };
}

/** Set bits lo…hi (inclusive; none when hi < lo) of the bit row starting at word `base`. */
export function setBits(e: Int32Array, base: number, lo: number, hi: number): void {
  if (hi < lo) return;
  const w0 = lo >>> 5;
  const w1 = hi >>> 5;
  if (w0 === w1) {
    e[base + w0] |= wordMask(lo & 31, hi & 31);
    return;
  }
  e[base + w0] |= wordMask(lo & 31, 31);
  for (let w = w0 + 1; w < w1; w++) e[base + w] = -1;
  e[base + w1] |= wordMask(0, hi & 31);
}

/**
 * Bits `from…to` (inclusive, 0…31) of a word.
 *
 * @example
 * [wordMask(0, 2), wordMask(1, 1), wordMask(0, 31)]; // [7, 2, -1]
 */
export function wordMask(from: number, to: number): number {
  return (to === 31 ? -1 : (1 << (to + 1)) - 1) & (-1 << from);
}
