/**
 * Long coverage run of attGt / aggregate (the unit tests run a short version):
 * node --import tsx tests/bench/staggeredCoverage.ts [replications]
 * Prints the coverage of pointwise ATT(g,t) and dynamic intervals and of the simultaneous band
 * over the dynamic profile (Gaussian multipliers, cohort engine) and over all ATT(g,t) (Mammen
 * multipliers, person engine).
 */
import { aggregate, attGt } from '../../src/index.js';
import { simulatePanel, trueAtt, withoutCovariates } from '../staggered/simulate.js';

const reps = Number(process.argv[2] ?? 2000);
const design = { n: 300, T: 5, cohorts: [3, 4, 5], share: 0.6 };
const trueDynamic = (e: number) => {
  const gs = design.cohorts.filter((g) => g + e >= 1 && g + e <= design.T);
  return gs.reduce((s, g) => s + trueAtt(g, g + e), 0) / gs.length;
};
let cells = 0;
let cellHits = 0;
let dyn = 0;
let dynHits = 0;
let band = 0;
let cellBand = 0;
const t0 = performance.now();
for (let rep = 0; rep < reps; rep++) {
  const panel = withoutCovariates(simulatePanel(100_000 + rep, design));
  const att = attGt(panel);
  for (const r of att.rows) {
    cells++;
    if (r.ci_low! <= trueAtt(r.group, r.time) && trueAtt(r.group, r.time) <= r.ci_high!) cellHits++;
  }
  const d = aggregate(att, { type: 'dynamic', bootstrap: { replications: 999, seed: rep } }).rows.filter((r) => r.term === 'event_time');
  for (const r of d) {
    dyn++;
    if (r.ci_low! <= trueDynamic(r.event_time!) && trueDynamic(r.event_time!) <= r.ci_high!) dynHits++;
  }
  if (d.every((r) => r.band_low! <= trueDynamic(r.event_time!) && trueDynamic(r.event_time!) <= r.band_high!)) band++;
  const boot = attGt(panel, { engine: 'person', bootstrap: { replications: 999, seed: rep } });
  if (boot.rows.every((r) => r.band_low! <= trueAtt(r.group, r.time) && trueAtt(r.group, r.time) <= r.band_high!)) cellBand++;
}
const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)} %`;
console.log(`staggered coverage, ${reps} replications (${((performance.now() - t0) / 1000).toFixed(0)} s):`);
console.log(`  ATT(g,t) pointwise 95 % intervals: ${pct(cellHits, cells)}`);
console.log(`  dynamic pointwise 95 % intervals:  ${pct(dynHits, dyn)}`);
console.log(`  simultaneous band, whole dynamic profile (Gaussian): ${pct(band, reps)}`);
console.log(`  simultaneous band, all ATT(g,t) (Mammen, person engine): ${pct(cellBand, reps)}`);
