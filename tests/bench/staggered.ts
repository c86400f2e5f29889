/**
 * Benchmarks of the staggered-adoption stage: the person × month panel from the export (cohorts
 * by support-start quarter), attGt with not-yet-treated comparison (cohort engine), the dynamic
 * aggregation with a simultaneous band, and the same on a directly generated 0/1 panel of the
 * export's size over 120 months (so the estimator's cost is visible without the export).
 */
import type { CbsExport } from '../../src/io/types.js';
import { aggregate, attGt, createRandom, staggeredPanelFromExport, type AttGtResult, type StaggeredPanel } from '../../src/index.js';

/** A 0/1 panel of n persons over T months with quarterly cohorts (60 % never treated), persistent participation. */
export function binaryPanel(n: number, T: number, seed: number): StaggeredPanel {
  const rng = createRandom(seed);
  const outcome = new Uint8Array(n * T);
  const cohort = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cohort[i] = rng.uniform() < 0.4 ? 3 * (1 + rng.int(Math.floor(T / 3) - 1)) : Infinity;
    let y = rng.uniform() < 0.3 ? 1 : 0;
    for (let s = 0; s < T; s++) {
      const up = s >= cohort[i] ? 0.1 : 0.03;
      y = y === 1 ? (rng.uniform() < 0.05 ? 0 : 1) : rng.uniform() < up ? 1 : 0;
      outcome[i * T + s] = y;
    }
  }
  return {
    n,
    ids: [],
    periods: Float64Array.from({ length: T }, (_, s) => s),
    outcome,
    cohort,
    weight: new Float64Array(n).fill(1),
    cluster: Int32Array.from({ length: n }, (_, i) => i),
    clusters: n,
    covariateNames: [],
    covariates: new Float64Array(0),
    dropped: { unbalanced: 0, treatedAtStart: 0 },
    treatedAfterEnd: 0,
  };
}

export async function benchStaggered(exp: CbsExport, measure: (label: string, fn: () => unknown) => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  let panel: StaggeredPanel | undefined;
  await measure('staggered: panel from export (months, cohorts by start quarter)', () => {
    panel = staggeredPanelFromExport(exp, { period: 'month', cohorts: 'quarter' });
    return panel.n;
  });
  let att: AttGtResult | undefined;
  await measure(`staggered: attGt not-yet, ${panel!.periods.length} months (cohort engine)`, () => {
    att = attGt(panel!, { control: 'not-yet' });
    return att.rows.length;
  });
  await measure('staggered: aggregate dynamic, analytic SEs', () => aggregate(att!, { type: 'dynamic' }).rows.length);
  console.log(`staggered: export path total (panel from export + attGt + dynamic aggregate): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await measure('staggered: aggregate dynamic, 999-draw simultaneous band', () => aggregate(att!, { type: 'dynamic', bootstrap: { replications: 999, seed: 1 } }).spec.critical);
  panel = undefined;
  att = undefined;
  const n = exp.persons.length;
  let direct: StaggeredPanel | undefined;
  await measure(`staggered: generate 0/1 panel, ${n} persons × 120 months`, () => {
    direct = binaryPanel(n, 120, 1);
    return direct.n;
  });
  await measure('staggered: attGt + aggregate dynamic on it (never treated, analytic)', () => {
    const a = attGt(direct!);
    return aggregate(a, { type: 'dynamic' }).rows.length;
  });
  direct = undefined;
  // allowUnbalanced keeps a per-person influence function for every cell (persons × cells numbers), so it is measured on a smaller panel.
  const m = Math.min(n, 20_000);
  await measure(`staggered: attGt allowUnbalanced (reg) + dynamic, ${m} persons × 24 quarters, 10 % missing`, () => {
    const p = binaryPanel(m, 24, 2);
    const outcome = Float64Array.from(p.outcome, (y, r) => ((r * 2654435761) % 1000 < 100 ? NaN : y));
    const a = attGt({ ...p, outcome }, { allowUnbalanced: true });
    return aggregate(a, { type: 'dynamic' }).rows.length;
  });
}
