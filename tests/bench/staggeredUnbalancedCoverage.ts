/**
 * Long coverage run of attGt with allowUnbalanced (the unit test runs a short version):
 * node --import tsx tests/bench/staggeredUnbalancedCoverage.ts [replications]
 * Simulated staggered panels (300 persons, 5 periods, cohorts 3/4/5, heterogeneous dynamic
 * effects) with 20 % of person-periods missing at random; prints the coverage of the pointwise
 * ATT(g,t) and dynamic 95 % intervals for `reg` without the covariate and `dr` with it.
 */
import { aggregate, attGt, type AttGtMethod } from '../../src/index.js';
import { simulatePanel, trueAtt, unbalance, withoutCovariates } from '../staggered/simulate.js';

const reps = Number(process.argv[2] ?? 2000);
const design = { n: 300, T: 5, cohorts: [3, 4, 5], share: 0.6 };
const trueDynamic = (e: number) => {
  const gs = design.cohorts.filter((g) => g + e >= 1 && g + e <= design.T);
  return gs.reduce((s, g) => s + trueAtt(g, g + e), 0) / gs.length;
};
const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)} %`;
const t0 = performance.now();
for (const method of ['reg', 'dr'] as AttGtMethod[]) {
  let cells = 0;
  let cellHits = 0;
  let dyn = 0;
  let dynHits = 0;
  for (let rep = 0; rep < reps; rep++) {
    const full = unbalance(simulatePanel(200_000 + rep, design), 0.2, rep);
    const att = attGt(method === 'reg' ? withoutCovariates(full) : full, { method, allowUnbalanced: true });
    for (const r of att.rows) {
      cells++;
      if (r.ci_low! <= trueAtt(r.group, r.time) && trueAtt(r.group, r.time) <= r.ci_high!) cellHits++;
    }
    for (const r of aggregate(att, { type: 'dynamic' }).rows) {
      if (r.term !== 'event_time') continue;
      dyn++;
      if (r.ci_low! <= trueDynamic(r.event_time!) && trueDynamic(r.event_time!) <= r.ci_high!) dynHits++;
    }
  }
  console.log(`allowUnbalanced coverage, ${method}, ${reps} replications, 20 % of person-periods missing:`);
  console.log(`  ATT(g,t) pointwise 95 % intervals: ${pct(cellHits, cells)}`);
  console.log(`  dynamic pointwise 95 % intervals:  ${pct(dynHits, dyn)}`);
}
console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
