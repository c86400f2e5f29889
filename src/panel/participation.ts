/**
 * Marking the months in which a person participates, from their employment spells, into a
 * reusable buffer. Months are indices into a month range whose first days are given by
 * `monthFirstDay` (length = months + 1, so the last entry is the day after the range).
 */

import { SpecificationError } from '../core/errors.js';
import type { MonthlyOutcome } from './monthlyOutcome.js';
import type { ObservationMonths } from './observationMonths.js';

/** How a month counts as participating (docs/methods/README.md). */
export type ParticipationDefinition = 'any-day' | 'reference-day' | { readonly minDays: number };

/** Spells of some kind (employment, benefits), sorted by person then start, with CSR offsets by person. */
export interface PersonSpells {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly offsets: Int32Array;
}

/**
 * A participation definition as the `minDays` code of {@link markParticipation} (0 any day,
 * -1 reference day, N at least N days) and its label.
 *
 * @example
 * resolveDefinition({ minDays: 10 }); // { minDays: 10, label: 'min-days:10' }
 */
export function resolveDefinition(def: ParticipationDefinition): { minDays: number; label: string } {
  if (def === 'any-day') return { minDays: 0, label: 'any-day' };
  if (def === 'reference-day') return { minDays: -1, label: 'reference-day' };
  if (typeof def === 'object' && def !== null && 'minDays' in def) {
    const n = def.minDays;
    if (!Number.isInteger(n) || n < 1 || n > 31) throw new SpecificationError(`participation.minDays must be a whole number of days between 1 and 31, got ${n}`);
    return { minDays: n, label: `min-days:${n}` };
  }
  throw new SpecificationError(`participation must be 'any-day', 'reference-day' or { minDays: N }, got ${JSON.stringify(def)}`);
}

/**
 * Being in at least one of `spells` in a month, by `definition`, as a 0/1 outcome: participation
 * from employment spells, or benefit receipt from benefit spells.
 *
 * @example
 * import { observationMonths } from './observationMonths.js';
 * const months = observationMonths({ start: toDayNumber('20200101'), end: toDayNumber('20200331') });
 * const jobs = { start: Int32Array.of(toDayNumber('20200210')), end: Int32Array.of(toDayNumber('20200229')), offsets: Int32Array.of(0, 1) };
 * const v = new Float64Array(3);
 * spellPresence(jobs, months, 'any-day').fill(0, 0, 2, v);
 * [...v]; // [0, 1, 0]
 * spellPresence(jobs, months, { minDays: 21 }).fill(0, 0, 2, v);
 * [...v]; // [0, 0, 0]
 */
export function spellPresence(spells: PersonSpells, months: ObservationMonths, definition: ParticipationDefinition, label?: string): MonthlyOutcome {
  const { minDays, label: defLabel } = resolveDefinition(definition);
  const flags = new Uint8Array(months.length);
  const days = new Int32Array(minDays > 0 ? months.length : 0);
  const { start, end, offsets } = spells;
  return {
    label: label ?? defLabel,
    indicator: true,
    fill(p, lo, hi, values) {
      markParticipation(start, end, offsets[p], offsets[p + 1], lo, hi, months.firstDay, minDays, flags, days);
      for (let m = lo; m <= hi; m++) values[m] = flags[m];
    },
  };
}

/**
 * Index of the month (into `monthFirstDay`) containing `day`; `day` must lie inside the range.
 *
 * @example
 * monthIndex(Int32Array.of(0, 31, 60, 91), 45); // 1
 */
export function monthIndex(monthFirstDay: Int32Array, day: number): number {
  let lo = 0;
  let hi = monthFirstDay.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (monthFirstDay[mid] <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Sets `flags[m] = 1` for every month m in `lo..hi` (inclusive indices) in which the spells
 * `rows a..b-1` make the person participate; other entries in `lo..hi` are set to 0.
 * `minDays` = 0 means any day, -1 means the reference (last) day, N > 0 at least N distinct days.
 * `days` is scratch space of the same length as `flags`.
 */
export function markParticipation(
  spellStart: Int32Array,
  spellEnd: Int32Array,
  a: number,
  b: number,
  lo: number,
  hi: number,
  monthFirstDay: Int32Array,
  minDays: number,
  flags: Uint8Array,
  days: Int32Array,
): void {
  flags.fill(0, lo, hi + 1);
  if (hi < lo) return;
  const rangeFirst = monthFirstDay[lo];
  const rangeLast = monthFirstDay[hi + 1] - 1;

  if (minDays <= 0) {
    for (let r = a; r < b; r++) {
      const s = spellStart[r];
      const e = spellEnd[r];
      if (e < rangeFirst || s > rangeLast) continue;
      const ms = s <= rangeFirst ? lo : monthIndex(monthFirstDay, s);
      let me: number;
      if (e >= rangeLast) me = hi;
      else {
        me = monthIndex(monthFirstDay, e);
        // Reference day: the spell must cover the month's last day.
        if (minDays < 0 && e < monthFirstDay[me + 1] - 1) me--;
      }
      for (let m = ms; m <= me; m++) flags[m] = 1;
    }
    return;
  }

  // At least N distinct days.
  countDays(spellStart, spellEnd, a, b, lo, hi, monthFirstDay, days);
  for (let m = lo; m <= hi; m++) flags[m] = days[m] >= minDays ? 1 : 0;
}

/**
 * Sets `days[m]` to the number of distinct days in month m (`lo..hi`) covered by the spells
 * `rows a..b-1` (sorted by start): overlapping spells are merged first, so a day covered by two
 * jobs counts once.
 *
 * @example
 * const firstDay = Int32Array.of(0, 31, 59); // January and February of a non-leap year
 * const days = new Int32Array(2);
 * countDays(Int32Array.of(10, 20), Int32Array.of(40, 35), 0, 2, 0, 1, firstDay, days);
 * [...days]; // [21, 10]
 */
export function countDays(spellStart: Int32Array, spellEnd: Int32Array, a: number, b: number, lo: number, hi: number, monthFirstDay: Int32Array, days: Int32Array): void {
  if (hi < lo) return;
  const rangeFirst = monthFirstDay[lo];
  const rangeLast = monthFirstDay[hi + 1] - 1;
  days.fill(0, lo, hi + 1);
  let cs = 0;
  let ce = -1;
  let open = false;
  for (let r = a; r <= b; r++) {
    const last = r === b;
    const s = last ? 0 : spellStart[r];
    const e = last ? 0 : spellEnd[r];
    if (!last && open && s <= ce + 1) {
      if (e > ce) ce = e;
      continue;
    }
    if (open && ce >= rangeFirst && cs <= rangeLast) {
      const s0 = cs < rangeFirst ? rangeFirst : cs;
      const e0 = ce > rangeLast ? rangeLast : ce;
      const ms = monthIndex(monthFirstDay, s0);
      const me = monthIndex(monthFirstDay, e0);
      for (let m = ms; m <= me; m++) {
        const f = monthFirstDay[m];
        const l = monthFirstDay[m + 1] - 1;
        days[m] += (e0 < l ? e0 : l) - (s0 > f ? s0 : f) + 1;
      }
    }
    cs = s;
    ce = e;
    open = !last;
  }
}
