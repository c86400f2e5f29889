import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/inference/wilsonInterval.js';
import { clopperPearsonInterval } from '../../src/inference/clopperPearsonInterval.js';
import { waldInterval } from '../../src/inference/waldInterval.js';
import { normalCritical } from '../../src/core/critical.js';
import { tCritical } from '../../src/core/tCritical.js';
import { SpecificationError } from '../../src/core/errors.js';

const Z = 1.959963984540054; // qnorm(0.975)

describe('critical values', () => {
  it('normal and t quantiles', () => {
    expect(normalCritical(0.95)).toBeCloseTo(Z, 12);
    expect(normalCritical(0.9)).toBeCloseTo(1.6448536269514722, 12);
    expect(tCritical(0.95, 10)).toBeCloseTo(2.228138851986274, 10); // qt(0.975, 10)
    expect(tCritical(0.95, 1)).toBeCloseTo(12.706204736174698, 8);
    expect(() => normalCritical(1)).toThrow(SpecificationError);
  });
});

describe('wilsonInterval', () => {
  it('matches R prop.test(3, 10, correct = FALSE)', () => {
    const ci = wilsonInterval(3, 10);
    expect(ci.ci_low).toBeCloseTo(0.1077913, 7);
    expect(ci.ci_high).toBeCloseTo(0.6032219, 7);
    expect(ci.estimate).toBe(0.3);
  });
  it('closed forms at the edges: count 0 gives [0, z²/(n+z²)], count n gives [n/(n+z²), 1]', () => {
    for (const n of [1, 2, 7, 50]) {
      const zero = wilsonInterval(0, n);
      expect(zero.ci_low).toBe(0);
      expect(zero.ci_high).toBeCloseTo((Z * Z) / (n + Z * Z), 12);
      const all = wilsonInterval(n, n);
      expect(all.ci_high).toBe(1);
      expect(all.ci_low).toBeCloseTo(n / (n + Z * Z), 12);
    }
  });
  it('is the set of p not rejected by the score test', () => {
    for (const [x, n] of [[4, 9], [17, 40], [1, 3]]) {
      const ci = wilsonInterval(x, n, 0.9);
      const z = normalCritical(0.9);
      for (const p of [ci.ci_low, ci.ci_high]) expect(Math.abs(x / n - p) / Math.sqrt((p * (1 - p)) / n)).toBeCloseTo(z, 9);
    }
  });
  it('rejects impossible arguments', () => {
    expect(() => wilsonInterval(3, 0)).toThrow(SpecificationError);
    expect(() => wilsonInterval(4, 3)).toThrow(SpecificationError);
    expect(() => wilsonInterval(-1, 3)).toThrow(SpecificationError);
    expect(() => wilsonInterval(1, 3, 95)).toThrow(SpecificationError);
  });
});

function binomialTailAtLeast(x: number, n: number, p: number): number {
  let s = 0;
  for (let k = x; k <= n; k++) {
    let c = 1;
    for (let j = 0; j < k; j++) c = (c * (n - j)) / (j + 1);
    s += c * p ** k * (1 - p) ** (n - k);
  }
  return s;
}

describe('clopperPearsonInterval', () => {
  it('matches R binom.test(3, 10)', () => {
    const ci = clopperPearsonInterval(3, 10);
    expect(ci.ci_low).toBeCloseTo(0.06673951, 8);
    expect(ci.ci_high).toBeCloseTo(0.65245285, 8);
  });
  it('edges as R: count 0 gives [0, 1 − (α/2)^(1/n)], count n gives [(α/2)^(1/n), 1]', () => {
    for (const n of [1, 3, 20]) {
      const zero = clopperPearsonInterval(0, n);
      expect(zero.ci_low).toBe(0);
      expect(zero.ci_high).toBeCloseTo(1 - 0.025 ** (1 / n), 12);
      const all = clopperPearsonInterval(n, n);
      expect(all.ci_high).toBe(1);
      expect(all.ci_low).toBeCloseTo(0.025 ** (1 / n), 12);
    }
    expect(clopperPearsonInterval(0, 1).ci_high).toBeCloseTo(0.975, 12);
  });
  it('ends are where the binomial tails equal α/2', () => {
    for (const [x, n] of [[2, 9], [11, 25], [1, 2]]) {
      const ci = clopperPearsonInterval(x, n);
      expect(binomialTailAtLeast(x, n, ci.ci_low)).toBeCloseTo(0.025, 10);
      expect(1 - binomialTailAtLeast(x + 1, n, ci.ci_high)).toBeCloseTo(0.025, 10);
    }
  });
});

describe('waldInterval', () => {
  it('p ± z√(p(1−p)/n), truncated to [0, 1]', () => {
    const ci = waldInterval(30, 100);
    expect(ci.ci_low).toBeCloseTo(0.3 - Z * Math.sqrt(0.0021), 12);
    expect(ci.ci_high).toBeCloseTo(0.3 + Z * Math.sqrt(0.0021), 12);
    expect(waldInterval(0, 5)).toMatchObject({ ci_low: 0, ci_high: 0 });
    expect(waldInterval(1, 1)).toMatchObject({ ci_low: 1, ci_high: 1 });
    expect(waldInterval(1, 2).ci_low).toBe(0); // 0.5 − 1.96·0.354 < 0
  });
});
