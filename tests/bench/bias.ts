/**
 * Long version of tests/compare/bias.test.ts: the matched DiD's mean error (± Monte-Carlo SE)
 * against the generator's truth, over many seeded replicates, for the library defaults, for
 * matching without the pre-support outcome, and with a four times larger candidate pool; each
 * also with the regression bias correction (`diffInDiff(panel, { biasCorrection: m.matchedValues })`).
 *
 *   npx tsx tests/bench/bias.ts [replicates = 2000] [scale = 0.02]
 *
 * Prints one line per design; never fails. The numbers are in docs/methods/simulation-audit.md.
 */
import { meanMcse, simulateMatchedDid, type BiasDesign } from '../compare/biasSimulation.js';

const reps = Number(process.argv[2] ?? 2000);
const scale = Number(process.argv[3] ?? 0.02);
const designs: { label: string; design: BiasDesign }[] = [
  { label: 'defaults (propensity: birthYear + preParticipation)', design: { match: {}, truth: 'observedBefore' } },
  { label: 'propensity: birthYear only', design: { match: { covariates: ['birthYear'] }, truth: 'all' } },
];
const fmt = (x: { mean: number; mcse: number }) => `${x.mean.toFixed(4)} ± ${x.mcse.toFixed(4)}`;
const t0 = Date.now();
for (const controlsPerSupported of [3, 12]) {
  const r = await simulateMatchedDid(designs.map((d) => d.design), reps, 1, { scale, controlsPerSupported });
  designs.forEach((d, i) => {
    const gap = r.preGap[i].some(Number.isNaN) ? '' : `; pre-participation gap (supported − control) ${fmt(meanMcse(r.preGap[i]))}`;
    console.log(`scale ${scale}, ${controlsPerSupported} candidates per supported, ${reps} replicates, ${d.label}: DiD error ${fmt(meanMcse(r.error[i]))}, bias-corrected ${fmt(meanMcse(r.errorCorrected[i]))}${gap}`);
  });
}
console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
