/**
 * Matching on the embedded data (35k persons) with one cohort per start month,
 * `exact: ['startMonth']`: one propensity model with about 120 cohort intercepts (311 s when the
 * intercepts were dummy columns of one IRLS fit; the grouped fit profiles them out). Prints wall and
 * CPU seconds (the bench machine may be shared) and a fingerprint of the matches, so a change that
 * alters who is matched to whom shows.
 * Standalone: node --import tsx tests/bench/embeddedMatching.ts
 */
import { matchControls } from '../../src/compare/matchControls.js';
import { readEmbeddedExport } from '../../src/node/embedded.js';

const exp = await readEmbeddedExport();
for (const exact of [['startMonth'], ['GBAGESLACHT', 'birthYearBand', 'startMonth']]) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const m = matchControls(exp, { exact, covariates: ['birthYear', 'preParticipation'] });
  const used = process.cpuUsage(cpu);
  let h = 0;
  for (let i = 0; i < m.pairs.treated.length; i++) h = (Math.imul(h, 31) + m.pairs.treated[i] * 7 + m.pairs.control[i]) | 0;
  const label = `embedded   matchControls exact [${exact.join(', ')}]`;
  console.log(
    `${label.padEnd(71)} ${((performance.now() - t) / 1000).toFixed(3).padStart(9)} s   cpu ${(used.user / 1e6).toFixed(2)} s   matched ${m.n_matched_supported}, matches ${(h >>> 0).toString(16)}`,
  );
}
