import { describe, expect, it } from 'vitest';
import { applyOutputControl, roundToBase } from '../../src/disclose/index.js';

/** Wilson score interval written out independently (z for 95 %). */
function wilson(x: number, n: number, z = 1.959963984540054): [number, number] {
  const p = x / n;
  const centre = (x + (z * z) / 2) / (n + z * z);
  const half = ((z * Math.sqrt(n)) / (n + z * z)) * Math.sqrt(p * (1 - p) + (z * z) / (4 * n));
  return [centre - half, centre + half];
}

/** P(X ≥ x) for X ~ Binomial(n, p), by direct summation. */
function upperTail(x: number, n: number, p: number): number {
  let s = 0;
  for (let k = x; k <= n; k++) {
    let logC = 0;
    for (let j = 1; j <= k; j++) logC += Math.log(n - k + j) - Math.log(j);
    s += Math.exp(logC + k * Math.log(p) + (n - k) * Math.log(1 - p));
  }
  return s;
}

describe('rounding to base 5', () => {
  it('rounds to the nearest multiple, halves up', () => {
    expect([0, 2, 3, 7, 12, 12.5, 13, 102].map((v) => roundToBase(v, 5))).toEqual([0, 0, 5, 5, 10, 15, 15, 100]);
    expect(roundToBase(17, 10)).toBe(20);
  });

  it('recomputes published rates from the published (rounded) counts, and their Wilson intervals', () => {
    const rows = [
      { phase: 'before', n: 123, count: 37, estimate: 37 / 123, se: 0.04, ci_low: 0.22, ci_high: 0.38, level: 0.95, method: 'wilson' },
      { phase: 'after', n: 118, count: 56, estimate: 56 / 118, se: 0.05, ci_low: 0.38, ci_high: 0.56, level: 0.95, method: 'wilson' },
    ];
    const result = applyOutputControl(rows, { rounding: { base: 5 } });
    expect(result.rows.map((r) => [r.n, r.count])).toEqual([
      [125, 35],
      [120, 55],
    ]);
    for (const r of result.rows) {
      const n = r.n as number;
      const x = r.count as number;
      expect(r.estimate).toBeCloseTo(x / n, 12);
      const [lo, hi] = wilson(x, n);
      expect(r.ci_low as number).toBeCloseTo(lo, 12);
      expect(r.ci_high as number).toBeCloseTo(hi, 12);
      expect(r.se as number).toBeCloseTo(Math.sqrt(((x / n) * (1 - x / n)) / n), 12);
      expect(r.method).toBe('wilson, from counts rounded to base 5');
      expect(r.suppressed).toBe(false);
    }
    expect(result.report.rounding).toMatchObject({ base: 5, valuesChanged: 4, ratesRecomputed: 2, intervalsRecomputed: 2, intervalsWithheld: 0 });
  });

  it('recomputes percentages and Clopper–Pearson intervals (each tail holds 2.5 %)', () => {
    const rows = [{ group: 'A', n: 48, count: 21, rate: (21 / 48) * 100, rate_ci_low: 0, rate_ci_high: 100, method: 'clopper-pearson' }];
    const result = applyOutputControl(rows, { rounding: { base: 5 } });
    const r = result.rows[0];
    expect([r.n, r.count]).toEqual([50, 20]);
    expect(r.rate).toBeCloseTo(40, 10);
    const lo = (r.rate_ci_low as number) / 100;
    const hi = (r.rate_ci_high as number) / 100;
    expect(upperTail(20, 50, lo)).toBeCloseTo(0.025, 9);
    expect(1 - upperTail(21, 50, hi)).toBeCloseTo(0.025, 9);
  });

  it('withholds intervals it cannot recompute from counts, or all of them when asked', () => {
    const rows = [{ group: 'A', n: 48, count: 21, estimate: 21 / 48, ci_low: 0.3, ci_high: 0.6, se: 0.07, method: 'cr1-cluster-person' }];
    const r = applyOutputControl(rows, { rounding: { base: 5 } }).rows[0];
    expect([r.estimate, r.ci_low, r.ci_high, r.se]).toEqual([0.4, null, null, null]);
    expect(r.suppression_reason).toBe('rounding:interval-not-recomputable');
    const s = applyOutputControl([{ ...rows[0], method: 'wilson' }], { rounding: { base: 5, intervals: 'suppress' } }).rows[0];
    expect([s.ci_low, s.ci_high, s.se]).toEqual([null, null, null]);
    const w = applyOutputControl(rows, { rounding: { base: 5, intervals: 'wald' } }).rows[0];
    expect(w.ci_low as number).toBeCloseTo(0.4 - 1.959963984540054 * Math.sqrt(0.24 / 50), 12);
  });

  it('checks thresholds on the exact counts, before rounding', () => {
    const rows = [
      { group: 'A', n: 9, count: 0, estimate: 0 },
      { group: 'B', n: 40, count: 10, estimate: 0.25 },
    ];
    const result = applyOutputControl(rows, { rounding: { base: 5 }, complementCounts: false });
    expect(result.rows.map((r) => r.n)).toEqual([null, 40]);
  });
});
