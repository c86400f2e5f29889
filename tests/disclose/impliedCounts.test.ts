import { from } from 'arquero';
import { describe, expect, it } from 'vitest';
import { applyOutputControl } from '../../src/disclose/index.js';

describe('a share published with its n implies a count', () => {
  it('withholds 0.015 of 200 persons: it implies a count of 3', () => {
    const result = applyOutputControl([
      { g: 'a', n: 200, estimate: 0.015 },
      { g: 'b', n: 200, estimate: 0.4 },
      { g: 'c', n: 200, estimate: 0.96 },
    ]);
    expect(result.rows.map((r) => r.estimate)).toEqual([null, 0.4, null]);
    // 0.96 × 200 = 192 persons with the property, 8 without: the complement is below 10.
    expect(result.rows.map((r) => r.suppression_reason)).toEqual(['primary:implied-count', null, 'primary:implied-count-complement']);
    expect(result.report.rules.impliedCounts).toEqual([{ column: 'estimate', denominator: 'n', scale: 1, detected: true }]);
    expect(result.notes.join(' ')).toMatch(/Shares published with their number of persons imply a count \(estimate × n\)/);
  });

  it('the boundary: exactly minCount implied persons is published, just below is not (floating point tolerated)', () => {
    const result = applyOutputControl([
      { g: 'a', n: 200, share: 0.05 }, // 10.000000000000002 in floating point: 10 persons
      { g: 'b', n: 200, share: 0.0499 }, // 9.98
    ]);
    expect(result.rows.map((r) => r.share)).toEqual([0.05, null]);
  });

  it('reads percentages on a 0–100 scale and takes n_persons when there is no n', () => {
    const result = applyOutputControl([
      { g: 'a', n_persons: 300, percentage: 2.5 }, // 7.5 persons
      { g: 'b', n_persons: 300, percentage: 25 },
    ]);
    expect(result.rows.map((r) => r.percentage)).toEqual([null, 25]);
    expect(result.report.rules.impliedCounts).toEqual([{ column: 'percentage', denominator: 'n_persons', scale: 100, detected: true }]);
  });

  it('does not treat differences as shares: a column with negative values, or rows labelled as a change or DiD', () => {
    const did = applyOutputControl([
      { quantity: 'before', n_persons: 500, estimate: 0.3 },
      { quantity: 'change', n_persons: 500, estimate: 0.004 },
      { quantity: 'difference-in-differences', n_persons: 500, estimate: 0.01, method: 'wls-did-cr1-cluster-person' },
    ]);
    expect(did.rows.map((r) => r.estimate)).toEqual([0.3, 0.004, 0.01]);
    const eventStudy = applyOutputControl([
      { event_time: -2, n_persons: 300, estimate: -0.01 },
      { event_time: -1, n_persons: 300, estimate: 0.002 },
    ]);
    expect(eventStudy.report.rules.impliedCounts).toEqual([]);
    expect(eventStudy.rows.map((r) => r.estimate)).toEqual([-0.01, 0.002]);
  });

  it('a rate derived from a count column is checked through the count, not twice', () => {
    const result = applyOutputControl([{ g: 'a', n: 100, count: 40, estimate: 0.4 }]);
    expect(result.report.rules.rates.map((r) => r.rate)).toEqual(['estimate']);
    expect(result.report.rules.impliedCounts).toEqual([]);
  });

  it('explicit rules name the columns and denominators; false turns the check off', () => {
    const rows = [{ g: 'a', persons: 200, employed: 40, fraction: 0.015 }];
    const result = applyOutputControl(rows, { personsColumn: 'persons', impliedCounts: [{ column: 'fraction', denominator: 'persons' }] });
    expect(result.rows[0].fraction).toBeNull();
    expect(applyOutputControl(rows, { personsColumn: 'persons', impliedCounts: false }).rows[0].fraction).toBe(0.015);
    expect(() => applyOutputControl(rows, { personsColumn: 'persons', impliedCounts: ['fractoin'] })).toThrow(/no column "fractoin" \(rules.impliedCounts\)/);
  });

  it('means of a 0/1 variable (phase averages) are checked against the persons behind them', () => {
    const rows = [
      { group: 'supported', quantity: 'before', estimate: 0.02, n_persons: 300, n_person_months: 3600 },
      { group: 'supported', quantity: 'after', estimate: 0.47, n_persons: 300, n_person_months: 3600 },
    ];
    expect(applyOutputControl(from(rows)).rows.map((r) => r.suppression_reason)).toEqual(['primary:implied-count', null]);
  });
});

describe('a missing count is unknown, and an unknown count is withheld', () => {
  it('withholds a row whose count is null, and one whose person count is missing', () => {
    const result = applyOutputControl([
      { g: 'a', n: 200, count: null, estimate: 0.4 },
      { g: 'b', n: null, count: 50, estimate: 0.25 },
      { g: 'c', n: 200, count: 80, estimate: 0.4 },
    ]);
    expect(result.rows.map((r) => r.suppression_reason)).toEqual(['primary:count-unknown', 'primary:count-unknown', null]);
    expect(result.rows[0].estimate).toBeNull();
    expect(result.notes.join(' ')).toMatch(/an unknown count cannot be shown to be safe/);
  });

  it('withholds a share whose denominator is missing', () => {
    const result = applyOutputControl([
      { g: 'a', n_persons: 40, n: null, share: 0.5 },
      { g: 'b', n_persons: 40, n: 40, share: 0.5 },
    ]);
    expect(result.rows.map((r) => r.suppression_reason)).toEqual(['primary:count-unknown', null]);
  });

  it('a column that carries no counts is left out explicitly', () => {
    const rows = [{ g: 'a', n: 40, count: null, mean: 3.2 }];
    expect(applyOutputControl(rows).rows[0].mean).toBeNull();
    expect(applyOutputControl(rows, { countColumns: [] }).rows[0].mean).toBe(3.2);
  });
});
