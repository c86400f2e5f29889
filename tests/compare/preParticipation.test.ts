import { describe, expect, it } from 'vitest';
import { dayNumber, OPEN_END, firstDayOfMonth, firstFullMonth, lastDayOfMonth, lastFullMonth, monthNumber } from '../../src/core/calendar.js';
import { PreParticipation } from '../../src/compare/matchCovariates.js';
import { createRandom } from '../../src/core/random.js';
import { handExport, type HandPerson } from './exportHelper.js';

describe('PreParticipation', () => {
  // Random job spells over 2010–2024 (180 observation months: the bit rows span six words).
  const rng = createRandom(7);
  const start = dayNumber(2010, 1, 1);
  const end = dayNumber(2024, 12, 31);
  const people: HandPerson[] = Array.from({ length: 60 }, (_, i) => {
    const jobs = Array.from({ length: i % 4 }, () => {
      const s = start - 200 + Math.floor(rng.uniform() * (end - start + 400));
      return { start: s, end: s + Math.floor(rng.uniform() * 900) };
    }).sort((a, b) => a.start - b.start);
    return { sex: '1', birthYear: 1980, jobs };
  });
  // Spells over whole words of months: open-ended from before the period, and five years inside it.
  people.push({ sex: '2', birthYear: 1970, jobs: [{ start: start - 50, end: OPEN_END }] });
  people.push({ sex: '2', birthYear: 1970, jobs: [{ start: dayNumber(2012, 3, 31), end: dayNumber(2017, 4, 1) }] });
  const exp = handExport(people);
  const obs0 = firstFullMonth(exp.observation.start);
  const obs1 = lastFullMonth(exp.observation.end);

  /** Brute force: months of the window inside the observation period, employed any day of the month. */
  function bruteShare(p: HandPerson, anchor: number, window: number): number {
    let months = 0;
    let employed = 0;
    for (let m = anchor - window; m < anchor; m++) {
      if (m < obs0 || m > obs1) continue;
      months++;
      const a = firstDayOfMonth(m);
      const b = lastDayOfMonth(m);
      if ((p.jobs ?? []).some((j) => j.start <= b && j.end >= a)) employed++;
    }
    return months === 0 ? NaN : employed / months;
  }

  it('equals a month-by-month count at anchors across the observation period, for several windows', () => {
    expect(obs1 - obs0 + 1).toBe(180);
    for (const window of [1, 12, 24, 31, 32, 33, 70]) {
      const pre = new PreParticipation(exp, window, obs0, obs1);
      const out = new Float64Array(people.length);
      const everyone = Int32Array.from(people, (_, i) => i);
      // Gathered rows in reverse person order, read from row 1 into out2[2…): person n−2−j at j + 2.
      const reversed = everyone.slice().reverse();
      const gathered = pre.gatherRows(reversed);
      const out2 = new Float64Array(people.length + 1);
      for (let anchor = obs0 - 2; anchor <= obs1 + 3; anchor += 1) {
        pre.sharesOf(anchor, everyone, 0, people.length, out);
        pre.sharesOfRows(anchor, gathered, 1, 2, people.length + 1, out2);
        // Row 1 + j of the gathered rows is person n − 2 − j.
        expect(Array.from(out2.subarray(2))).toEqual(Array.from({ length: people.length - 1 }, (_, j) => bruteShare(people[people.length - 2 - j], anchor, window)));
        people.forEach((p, i) => {
          const want = bruteShare(p, anchor, window);
          expect(pre.share(i, anchor)).toBe(want);
          expect(out[i]).toBe(want);
          const one = new Float64Array(people.length);
          pre.sharesOf(anchor, Int32Array.of(-1, i), 1, 2, one);
          expect(one[1]).toBe(want);
        });
      }
    }
    // The fixture is not trivial: some shares strictly between 0 and 1.
    const pre = new PreParticipation(exp, 24, obs0, obs1);
    const mid = monthNumber(2016, 6);
    expect(people.some((_, i) => pre.share(i, mid) > 0 && pre.share(i, mid) < 1)).toBe(true);
  }, 60_000); // ≈ 10⁵ assertions: over 5 s on a shared machine
});
