/**
 * Monthly amounts from per-spell values (earnings from wages, hours): each spell contributes its
 * value pro-rated by the days it covers in the month, and concurrent spells add up
 * (docs/methods/outcomes.md). A spell whose value is missing makes every month it touches missing.
 */
import { OPEN_END } from '../core/calendar.js';
import { monthIndex } from './participation.js';

/**
 * What a spell's value is per: `month` (an amount per full calendar month of the spell, pro-rated
 * by days in the month), `day` (per calendar day of the spell), or `spell` (the total over the
 * spell, spread evenly over its days; open-ended spells give missing months).
 */
export type AmountBasis = 'month' | 'day' | 'spell';

/** The spells of one kind with a value per spell, sorted by person then start, CSR offsets by person. */
export interface ValuedSpells {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly offsets: Int32Array;
  readonly value: Float64Array;
  /** Start as reported before clipping (used by basis `spell`); default `start`. */
  readonly reportedStart?: Int32Array;
}

/**
 * Sets `out[m]` (months `lo..hi`, first days in `monthFirstDay`) to the sum over the person's
 * spells `a..b-1` of value × share: `month` → days covered / days in month, `day` → days covered,
 * `spell` → days covered / days of the spell. Months without spells get 0.
 *
 * @example
 * const firstDay = Int32Array.of(0, 31, 59); // January, February (28 days)
 * const spells = { start: Int32Array.of(15), end: Int32Array.of(44), offsets: Int32Array.of(0, 1), value: Float64Array.of(2800) };
 * const out = new Float64Array(2);
 * monthlyAmounts(spells, 0, 1, 0, 1, firstDay, 'month', out);
 * [...out]; // [1445.1612903225807, 1400] (16/31 of January, 14/28 of February)
 */
export function monthlyAmounts(spells: ValuedSpells, a: number, b: number, lo: number, hi: number, monthFirstDay: Int32Array, basis: AmountBasis, out: Float64Array): void {
  out.fill(0, lo, hi + 1);
  if (hi < lo) return;
  const rangeFirst = monthFirstDay[lo];
  const rangeLast = monthFirstDay[hi + 1] - 1;
  const { start, end, value } = spells;
  const reported = spells.reportedStart ?? start;
  for (let r = a; r < b; r++) {
    const s = start[r];
    const e = end[r];
    if (e < rangeFirst || s > rangeLast) continue;
    const s0 = s < rangeFirst ? rangeFirst : s;
    const e0 = e > rangeLast ? rangeLast : e;
    const ms = monthIndex(monthFirstDay, s0);
    const me = monthIndex(monthFirstDay, e0);
    // Per-day amount for bases that do not depend on the month.
    const perDay = basis === 'day' ? value[r] : basis === 'spell' ? (e >= OPEN_END ? NaN : value[r] / (e - reported[r] + 1)) : 0;
    for (let m = ms; m <= me; m++) {
      const f = monthFirstDay[m];
      const l = monthFirstDay[m + 1] - 1;
      const d = (e0 < l ? e0 : l) - (s0 > f ? s0 : f) + 1;
      out[m] += basis === 'month' ? (value[r] * d) / (l - f + 1) : perDay * d;
    }
  }
}
