/**
 * Matching alone on the synthetic export (default 1M persons; BENCH_SIZES-style first argument):
 * the two bench cases of compare.ts, with CPU time and the fingerprints of the matches, so a speed
 * change that alters who is matched to whom shows. MATCH_REPEAT=n repeats each case n times.
 * Standalone: node --expose-gc --max-old-space-size=8192 --import tsx tests/bench/matching.ts 1000000
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { CbsExport } from '../../src/index.js';
import { loadCbsExport, synthesizeCbsExport, syntheticTables } from '../../src/index.js';
import { matchControls, type MatchResult } from '../../src/compare/matchControls.js';

const PERSONS_AT_SCALE_1 = 36_000;
const persons = Number(process.argv[2] ?? 1_000_000);
const repeat = Number(process.env.MATCH_REPEAT ?? 1);
const observation = { start: '20160101', end: '20251231' };
/** MATCH_CACHE=file keeps the generated export there (v8 serialized) for the next run. */
async function load(): Promise<CbsExport> {
  const cache = process.env.MATCH_CACHE;
  if (cache && existsSync(cache)) return deserialize(readFileSync(cache)) as CbsExport;
  const exp = await loadCbsExport(syntheticTables(synthesizeCbsExport({ seed: 1, scale: persons / PERSONS_AT_SCALE_1, observation })), { observation });
  if (cache) writeFileSync(cache, serialize(exp));
  return exp;
}
const exp = await load();

/** Hash of the (supported, control) pairs in order (as compare.ts prints it). */
function matchFingerprint(m: MatchResult): string {
  let h = 0;
  for (let i = 0; i < m.pairs.treated.length; i++) h = (Math.imul(h, 31) + m.pairs.treated[i] * 7 + m.pairs.control[i]) | 0;
  return `${m.pairs.treated.length} pairs ${(h >>> 0).toString(16)}`;
}

/** Hash of the whole result (pairs, anchors, weights, matched values, unmatched, balance table, propensity fit), so a change in any digit shows. */
function resultDigest(m: MatchResult): string {
  const h = createHash('sha256');
  const typed = (a: ArrayBufferView): void => void h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  for (const part of [m.anchors, m.pairs, m.weights]) for (const v of Object.values(part)) if (ArrayBuffer.isView(v)) typed(v);
  for (const v of m.matchedValues.values) typed(v);
  h.update(JSON.stringify([m.matchedValues.names, m.unmatched, m.emptyStrata, m.balance, m.propensityModels.map((p) => [p.cohort, p.fit]), m.n_candidates, m.n_matched_controls, m.controlsReused]));
  return h.digest('hex').slice(0, 12);
}

const cases = [
  ['1:1', { covariates: ['birthYear', 'preParticipation'] }],
  ['2:1 caliper', { covariates: ['birthYear', 'preParticipation'], ratio: 2, replace: true, caliper: 0.2 }],
] as const;
// MATCH_CASES=all adds options that take other paths (many cohorts, categorical covariates, k:1 without replacement, Mahalanobis).
const more = [
  ['startMonth', { exact: ['startMonth'] }],
  ['3:1 cat rnd', { covariates: ['birthYear', 'preParticipation', 'OPLNIVEAU', 'HERKOMST'], ratio: 3, order: 'random', preWindow: 12 }],
  ['quarter cal', { exact: ['GBAGESLACHT', 'startQuarter'], caliper: 0.1, order: 'smallest' }],
  ['mahalanobis', { exact: ['GBAGESLACHT', 'birthYear', 'startYear'], distance: 'mahalanobis', ratio: 2 }],
] as const;
for (const [label, options] of process.env.MATCH_CASES === 'all' ? [...cases, ...more] : cases) {
  if (process.env.MATCH_ONLY && !label.startsWith(process.env.MATCH_ONLY)) continue; // MATCH_ONLY=1:1 profiles one case
  for (let i = 0; i < repeat; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    const t = performance.now();
    const m = matchControls(exp, options);
    const used = process.cpuUsage(cpu);
    console.log(`${label.padEnd(12)} ${((performance.now() - t) / 1000).toFixed(3)} s   cpu ${(used.user / 1e6).toFixed(2)} s (+sys ${(used.system / 1e6).toFixed(2)})   ${matchFingerprint(m)}, result ${resultDigest(m)}`);
  }
}
