import { describe, expect, it } from 'vitest';
import { applyOutputControl, formatOutputControlReport } from '../../src/disclose/index.js';
import { lineRemainders, shareRemainders } from './recover.js';

/** A tenure distribution as `contractLengths(...).rows` publishes it: bins of one date share n. */
function distribution(counts: readonly number[]): { date: string; bin: string; bin_index: number; n: number; count: number; share: number }[] {
  const n = counts.reduce((a, b) => a + b, 0);
  return counts.map((count, i) => ({ date: '2016-01-01', bin: `bin ${i}`, bin_index: i, n, count, share: count / n }));
}

describe('withheld cells of a distribution over a shared n', () => {
  // Bins 30, 12, 1, x with n = 43 + x. Primary suppression withholds the bins of 1 and x persons
  // (count < 10). Then n − 30 − 12 = 1 + x: with x = 0 that is the 1 person of bin 2.
  for (const x of [0, 3]) {
    const rows = distribution([30, 12, 1, x]);

    it(`without secondary suppression n minus the published counts gives the withheld ${1 + x} (the leak; x = ${x})`, () => {
      const result = applyOutputControl(rows, { secondary: false });
      expect(result.rows.map((r) => r.count)).toEqual([30, 12, null, null]);
      expect(shareRemainders(result.rows, ['date'])).toEqual([{ withheld: 2, remainder: 1 + x }]);
    });

    it(`withholds the next-smallest bin too, so the withheld bins hold ${13 + x} ≥ 10 persons together (x = ${x})`, () => {
      const result = applyOutputControl(rows);
      expect(result.rows.map((r) => r.count)).toEqual([30, null, null, null]);
      expect(result.rows[1].suppression_reason).toBe('secondary:withheld-sum');
      // The attacker's computation: n (published on bin 0) minus the published counts.
      expect(shareRemainders(result.rows, ['date'])).toEqual([{ withheld: 3, remainder: 13 + x }]);
    });
  }

  it('finds the distribution in the data and says so in the report', () => {
    const result = applyOutputControl(distribution([30, 12, 1, 0]));
    expect(result.report.rules.secondary?.shares).toEqual([{ category: 'bin', by: [], count: 'count', total: 'n', detected: true, lines: 1 }]);
    expect(formatOutputControlReport(result.report)).toContain('distribution over a shared total: count per bin adds up to n (by (none)); 1 line(s), found in the data');
  });

  it('treats a bin outside the denominator (unknown) as not part of the line', () => {
    // Bins 30 + 12 + 1 + 0 = 43 = n; the unknown row (15 persons) is outside n.
    const rows = [...distribution([30, 12, 1, 0]), { date: '2016-01-01', bin: 'unknown', bin_index: 4, n: 43, count: 15, share: 15 / 43 }];
    const result = applyOutputControl(rows);
    expect(result.rows.map((r) => r.count)).toEqual([30, null, null, null, 15]);
  });

  it('leaves a withheld sum of 0 (nobody in the withheld bins) as it is', () => {
    const result = applyOutputControl(distribution([30, 12, 0, 0]));
    expect(result.rows.map((r) => r.count)).toEqual([30, 12, null, null]);
  });

  it('protects each group of a grouped distribution, configured explicitly, and ignores groups that do not add up', () => {
    const grouped = [
      ...distribution([30, 12, 1, 0]).map((r) => ({ ...r, group: 'A' })),
      ...distribution([20, 25, 2, 9]).map((r) => ({ ...r, group: 'B' })),
      // Group C's counts do not add up to its n (persons outside the bins shown): not a line.
      ...distribution([30, 12, 1, 0]).map((r) => ({ ...r, group: 'C', n: 50, share: r.count / 50 })),
    ];
    const result = applyOutputControl(grouped, { secondary: { dimensions: [], shares: { category: 'bin' } } });
    expect(result.report.rules.secondary?.shares).toEqual([{ category: 'bin', by: ['group'], count: 'count', total: 'n', detected: false, lines: 2 }]);
    // A: 1 + 0 withheld → bin 1 (12) too. B: 2 + 9 = 11 ≥ 10 already. C: not additive, primary only.
    expect(result.rows.map((r) => r.count)).toEqual([30, null, null, null, 20, 25, null, null, 30, 12, null, null]);
    for (const line of shareRemainders(result.rows.slice(0, 8), ['group'])) expect(line.withheld === 0 || line.remainder === 0 || line.remainder >= 10).toBe(true);
  });
});

describe('withheld cells of a line with a total row', () => {
  // Groups of 1, 3, 12 and 40 persons with their total 56. Primary: a and b (n < 10). Two withheld cells
  // pass the one-subtraction rule, but 56 − 12 − 40 = 4 persons, a and b together.
  const rows = [
    { group: 'a', n: 1 },
    { group: 'b', n: 3 },
    { group: 'c', n: 12 },
    { group: 'd', n: 40 },
    { group: 'Totaal', n: 56 },
  ];

  it('without secondary suppression the total gives away the 4 persons of a and b together', () => {
    const result = applyOutputControl(rows, { secondary: false });
    expect(lineRemainders(rows, result.rows, ['group'], 'Totaal', 'n')).toEqual([{ withheld: 2, remainder: 4 }]);
  });

  it('withholds c (the smallest published group), so the withheld groups hold 16 persons', () => {
    const result = applyOutputControl(rows);
    expect(result.rows.map((r) => r.n)).toEqual([null, null, null, 40, 56]);
    expect(result.rows.map((r) => r.suppression_reason)).toEqual(['primary:min-persons', 'primary:min-persons', 'secondary:withheld-sum', null, null]);
    expect(lineRemainders(rows, result.rows, ['group'], 'Totaal', 'n')).toEqual([{ withheld: 3, remainder: 16 }]);
    expect(result.report.byReason['secondary:withheld-sum']).toEqual({ rows: 1, cells: 1 });
  });

  it('checks counts on the line too: withheld counts of 0 and 3 must not show through the total count', () => {
    // Every group has ≥ 10 persons, but counts 0 and 3 are withheld (min-count); 38 − 20 − 15 = 3.
    const counts = [
      { group: 'a', n: 20, count: 0 },
      { group: 'b', n: 25, count: 3 },
      { group: 'c', n: 40, count: 15 },
      { group: 'd', n: 45, count: 20 },
      { group: 'Totaal', n: 130, count: 38 },
    ];
    const result = applyOutputControl(counts);
    expect(result.rows.map((r) => r.count)).toEqual([null, null, null, 20, 38]);
    expect(lineRemainders(counts, result.rows, ['group'], 'Totaal', 'count')).toEqual([{ withheld: 3, remainder: 18 }]);
  });
});
