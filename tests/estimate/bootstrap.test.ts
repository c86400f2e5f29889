import { describe, expect, it } from 'vitest';
import { clusterBootstrapPhaseMeans, percentileInterval } from '../../src/estimate/clusterBootstrap.js';
import { phaseAverages } from '../../src/estimate/phaseAverages.js';
import { SpecificationError } from '../../src/core/errors.js';
import { createRandom, simulatePanel } from './simulate.js';
import { makePanel } from './makePanel.js';

// Two clusters: c1 has before 1 of 2 months, after 2 of 2; c2 before 0 of 1, after 1 of 2.
const TWO = Float64Array.of(1, 2, 0, 0, 2, 2, 0, 1, 0, 0, 1, 2);

function frequencies(x: Float64Array): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of x) {
    const k = Number.isNaN(v) ? 'NaN' : v.toFixed(6);
    m.set(k, (m.get(k) ?? 0) + 1 / x.length);
  }
  return m;
}

describe('clusterBootstrapPhaseMeans', () => {
  it('multinomial: draws (c1,c1), (c2,c2), (c1,c2) with probabilities 1/4, 1/4, 1/2', () => {
    const reps = clusterBootstrapPhaseMeans(TWO, 2, 20000, 11);
    const f = frequencies(reps.before);
    // before mean: c1 twice 2/4 = 0.5; c2 twice 0/2 = 0; one each 1/3.
    expect(f.get('0.500000')).toBeCloseTo(0.25, 1);
    expect(f.get('0.000000')).toBeCloseTo(0.25, 1);
    expect(f.get('0.333333')).toBeCloseTo(0.5, 1);
    expect(Math.abs(f.get('0.333333')! - 0.5)).toBeLessThan(0.02); // sd of the share ≈ 0.0035
    // after − before per draw: (1 − 0.5), (0.5 − 0), (0.75 − 1/3)
    expect([...frequencies(reps.change).keys()].sort()).toEqual(['0.416667', '0.500000']);
    expect(reps.during.every((v) => Number.isNaN(v))).toBe(true); // no during months at all
  });
  it('poisson: independent Poisson(1) multiplicities', () => {
    const reps = clusterBootstrapPhaseMeans(TWO, 2, 40000, 5, 'poisson');
    const f = frequencies(reps.before);
    expect(Math.abs(f.get('NaN')! - Math.exp(-2))).toBeLessThan(0.01); // both clusters get 0
    expect(Math.abs(f.get('0.000000')! - Math.exp(-1) * (1 - Math.exp(-1)))).toBeLessThan(0.01); // only c2 drawn
  });
  it('is reproducible by seed', () => {
    const a = clusterBootstrapPhaseMeans(TWO, 2, 50, 3);
    expect(Array.from(clusterBootstrapPhaseMeans(TWO, 2, 50, 3).before)).toEqual(Array.from(a.before));
    expect(Array.from(clusterBootstrapPhaseMeans(TWO, 2, 50, 4).before)).not.toEqual(Array.from(a.before));
    expect(() => clusterBootstrapPhaseMeans(TWO, 2, 0, 3)).toThrow(SpecificationError);
    expect(() => clusterBootstrapPhaseMeans(TWO, 3, 10, 3)).toThrow(SpecificationError);
  });
});

describe('percentileInterval', () => {
  it('type-7 quantiles and SD, NaN replicates left out', () => {
    // 11 values 0, 10, …, 100: the 2.5 % quantile is at h = 0.25 → 2.5; the 97.5 % at h = 9.75 → 97.5.
    const x = Float64Array.from({ length: 11 }, (_, i) => 10 * (10 - i));
    const pi = percentileInterval(Float64Array.from([...x, NaN]), 0.95);
    expect(pi.low).toBeCloseTo(2.5, 12);
    expect(pi.high).toBeCloseTo(97.5, 12);
    expect(pi.valid).toBe(11);
    expect(pi.sd).toBeCloseTo(Math.sqrt(1100), 12); // Σ(x−50)²/10 = 11000/10
  });
});

describe('phaseAverages with bootstrap', () => {
  const panel = simulatePanel(createRandom(77), 400);
  it('bootstrap SEs agree with CR1 SEs (within 10 %), both schemes', () => {
    for (const scheme of ['multinomial', 'poisson'] as const) {
      const res = phaseAverages(panel, { bootstrap: { replications: 999, seed: 1, scheme } });
      for (let i = 0; i < 3; i++) {
        const boot = res.rows[i];
        const cr1 = res.analytic[i];
        expect(boot.estimate).toBe(cr1.estimate);
        expect(boot.se! / cr1.se!).toBeGreaterThan(0.9);
        expect(boot.se! / cr1.se!).toBeLessThan(1.1);
        expect(boot.ci_low!).toBeLessThan(boot.estimate!);
        expect(boot.ci_high!).toBeGreaterThan(boot.estimate!);
        expect(Math.abs((boot.ci_high! - boot.ci_low!) / (cr1.ci_high! - cr1.ci_low!) - 1)).toBeLessThan(0.12);
      }
      expect(res.rows[0].method).toBe(scheme === 'poisson' ? 'cluster-bootstrap-poisson-percentile' : 'cluster-bootstrap-percentile');
    }
  });
  it('reports dropped replicates and null rows honestly', () => {
    const tiny = makePanel([{ before: [1], after: [0] }, { after: [1] }]);
    const res = phaseAverages(tiny, { bootstrap: { replications: 200, seed: 9 } });
    // A replicate drawing the second person twice has no before months.
    expect(res.rows[0].note).toMatch(/of 200 replicates had no person-months in a phase/);
    const none = phaseAverages(makePanel([{ before: [1] }, { before: [0] }]), { bootstrap: { replications: 50, seed: 1 } });
    expect(none.rows[1]).toMatchObject({ quantity: 'after', estimate: null, note: 'no person-months in phase after' });
  });
});
