// Seeded staggered-adoption panels with known group-time effects, for coverage and bias checks.
import { createRandom, type StaggeredPanel } from '../../src/index.js';

export interface SimulationOptions {
  readonly n: number;
  /** Periods 1 … T. */
  readonly T: number;
  /** Cohorts (first treated period); persons not in one are never treated. */
  readonly cohorts: readonly number[];
  /** Share of persons in each cohort (the rest never treated). */
  readonly share: number;
  /**
   * Conditional parallel trends: the outcome trend is `trendX` × x per period and the chance of
   * being in an (earlier) cohort rises with x, so trends are parallel only given x.
   */
  readonly trendX?: number;
}

/** True ATT(g,t) of the simulation: heterogeneous by cohort and growing with exposure. */
export function trueAtt(g: number, t: number): number {
  return t < g ? 0 : 0.5 + 0.1 * g + 0.3 * (t - g);
}

export function simulatePanel(seed: number, o: SimulationOptions): StaggeredPanel {
  const rng = createRandom(seed);
  const { n, T } = o;
  const periods = Float64Array.from({ length: T }, (_, s) => s + 1);
  const cohort = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n * T);
  const trendX = o.trendX ?? 0;
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    // With a covariate trend, persons with high x are more often treated.
    const pTreated = trendX === 0 ? o.share : 1 / (1 + Math.exp(-(Math.log(o.share / (1 - o.share)) + 1.2 * x[i])));
    cohort[i] = rng.uniform() < pTreated ? o.cohorts[rng.int(o.cohorts.length)] : Infinity;
    const alpha = rng.normal() + 0.5 * x[i];
    // Person-level effect heterogeneity around the cohort's ATT (mean 1).
    const scale = 1 + 0.5 * rng.normal();
    let e = 0;
    for (let s = 0; s < T; s++) {
      e = 0.5 * e + rng.normal(); // serially correlated errors
      const t = periods[s];
      y[i * T + s] = alpha + 0.2 * t + trendX * x[i] * t + scale * trueAtt(cohort[i], t) + e;
    }
  }
  return {
    n,
    ids: Array.from({ length: n }, (_, i) => String(i)),
    periods,
    outcome: y,
    cohort,
    weight: new Float64Array(n).fill(1),
    cluster: Int32Array.from({ length: n }, (_, i) => i),
    clusters: n,
    covariateNames: ['x'],
    covariates: x,
    dropped: { unbalanced: 0, treatedAtStart: 0 },
    treatedAfterEnd: 0,
  };
}

/** The same panel without its covariate. */
export function withoutCovariates(p: StaggeredPanel): StaggeredPanel {
  return { ...p, covariateNames: [], covariates: new Float64Array(0) };
}

/** The panel with each person-period missing (NaN outcome) with probability `missing`, at random. */
export function unbalance(panel: StaggeredPanel, missing: number, seed: number): StaggeredPanel {
  const rng = createRandom(seed);
  const outcome = Float64Array.from(panel.outcome, (y) => (rng.uniform() < missing ? NaN : y));
  return { ...panel, outcome };
}
