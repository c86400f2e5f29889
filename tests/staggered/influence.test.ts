// Brute force: the influence function of every estimate is n × the derivative of the estimate
// with respect to a person's weight (at unit weights). Finite differences of the whole
// computation (propensity score, outcome regression, cohort shares included) must reproduce the
// analytic standard errors sqrt(Σ_c (Σ_{i∈c} IF_i)²) / n, for clusters by perturbing a whole cluster.
import { describe, expect, it } from 'vitest';
import { aggregate, attGt, createRandom, type StaggeredPanel } from '../../src/index.js';

function tinyPanel(seed: number, clusters: number | null): StaggeredPanel {
  const rng = createRandom(seed);
  const n = 36;
  const periods = Float64Array.from([1, 2, 3, 4]);
  const T = periods.length;
  const cohorts = [2, 3, 4, Infinity];
  const cohort = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n * T);
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    cohort[i] = cohorts[i % 4];
    const a = rng.normal() + 0.5 * x[i];
    for (let s = 0; s < T; s++) {
      const treated = periods[s] >= cohort[i];
      y[i * T + s] = a + 0.3 * s * x[i] + (treated ? 1 + 0.5 * (periods[s] - cohort[i]) : 0) + rng.normal();
    }
  }
  const cluster = Int32Array.from({ length: n }, (_, i) => (clusters === null ? i : i % clusters));
  return {
    n,
    ids: Array.from({ length: n }, (_, i) => `p${i}`),
    periods,
    outcome: y,
    cohort,
    weight: new Float64Array(n).fill(1),
    cluster,
    clusters: clusters ?? n,
    covariateNames: ['x'],
    covariates: x,
    dropped: { unbalanced: 0, treatedAtStart: 0 },
    treatedAfterEnd: 0,
  };
}

type Options = Parameters<typeof attGt>[1];

function estimates(panel: StaggeredPanel, options: Options): { est: number[]; se: (number | null)[] } {
  const att = attGt(panel, options);
  const est: number[] = [];
  const se: (number | null)[] = [];
  for (const r of att.rows) {
    est.push(r.estimate!);
    se.push(r.se);
  }
  for (const type of ['simple', 'dynamic', 'group', 'calendar'] as const) {
    for (const r of aggregate(att, { type }).rows) {
      est.push(r.estimate);
      se.push(r.se);
    }
  }
  return { est, se };
}

function bruteForceSe(panel: StaggeredPanel, options: Options): number[] {
  const h = 1e-5;
  const { est } = estimates(panel, options);
  const ss = new Float64Array(est.length);
  for (let c = 0; c < panel.clusters; c++) {
    const at = (delta: number) => {
      const weight = Float64Array.from(panel.weight, (w, i) => (panel.cluster[i] === c ? w + delta : w));
      return estimates({ ...panel, weight }, options).est;
    };
    const up = at(h);
    const down = at(-h);
    for (let k = 0; k < est.length; k++) ss[k] += ((panel.n * (up[k] - down[k])) / (2 * h)) ** 2;
  }
  return Array.from(ss, (s) => Math.sqrt(s) / panel.n);
}

describe('analytic SEs equal finite-difference influence functions', () => {
  const cases: [string, Options, number | null][] = [
    ['reg, no covariate', { method: 'reg' }, null],
    ['reg with covariate, not-yet', { method: 'reg', control: 'not-yet' }, null],
    ['ipw with covariate', { method: 'ipw' }, null],
    ['dr with covariate, universal base', { method: 'dr', basePeriod: 'universal' }, null],
    ['dr with covariate, 9 clusters', { method: 'dr', control: 'not-yet' }, 9],
  ];
  for (const [name, options, clusters] of cases) {
    it(name, () => {
      let panel = tinyPanel(7, clusters);
      if (name.includes('no covariate')) panel = { ...panel, covariateNames: [], covariates: new Float64Array(0) };
      const { se } = estimates(panel, options);
      const bf = bruteForceSe(panel, options);
      expect(se.length).toBeGreaterThan(15);
      let compared = 0;
      se.forEach((s, k) => {
        // A null SE (an estimate normalised to 0 at the base period) must have no variation either.
        if (s === null) expect(bf[k], `estimate ${k}`).toBeLessThan(1e-8);
        else {
          expect(Math.abs(s - bf[k]) / bf[k], `estimate ${k}: analytic ${s}, brute force ${bf[k]}`).toBeLessThan(1e-6);
          compared++;
        }
      });
      expect(se.filter((s) => s === null).length).toBe(name.includes('universal') ? 4 : 0);
      expect(compared).toBe(se.length - (name.includes('universal') ? 4 : 0));
    });
  }
});
