/**
 * Matching alone on the synthetic export (default 1M persons; BENCH_SIZES-style first argument):
 * the two bench cases of compare.ts, with CPU time and the fingerprints of the matches, so a speed
 * change that alters who is matched to whom shows. MATCH_REPEAT=n repeats each case n times.
 * MATCH_POPULATION=1 also matches on the export's MatchPopulation (the digests must be the same)
 * and prints the bytes of the population against the export's.
 * Standalone: node --expose-gc --max-old-space-size=8192 --import tsx tests/bench/matching.ts 1000000
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { CbsExport } from '../../src/index.js';
import { loadCbsExport, synthesizeCbsExport, syntheticTables } from '../../src/index.js';
import { matchControls, type MatchResult } from '../../src/compare/matchControls.js';
import { matchPopulationFromExport, type MatchPopulation } from '../../src/compare/matchPopulation.js';

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

const MB = 1024 * 1024;
/** Bytes of the typed arrays of an object, nested objects included (strings and plain arrays not counted). */
function typedBytes(x: object, seen = new Set<object>()): number {
  if (seen.has(x)) return 0;
  seen.add(x);
  let bytes = 0;
  for (const v of Object.values(x)) {
    if (ArrayBuffer.isView(v)) bytes += seen.has(v) ? 0 : (seen.add(v), v.byteLength);
    else if (typeof v === 'object' && v !== null) bytes += typedBytes(v, seen);
  }
  return bytes;
}
let population: MatchPopulation | undefined;
if (process.env.MATCH_POPULATION) {
  const cpu = process.cpuUsage();
  population = matchPopulationFromExport(exp);
  const used = process.cpuUsage(cpu);
  const personBytes = typedBytes(exp.persons);
  const own = typedBytes({ ...population, persons: {} });
  console.log(
    `population   built in cpu ${(used.user / 1e6).toFixed(2)} s; typed arrays: export ${(typedBytes(exp) / MB).toFixed(1)} MB, population ${((personBytes + own) / MB).toFixed(1)} MB` +
      ` (persons table ${(personBytes / MB).toFixed(1)} MB shared + ${(own / MB).toFixed(1)} MB: ${(own / exp.persons.length).toFixed(1)} B/person); person keys (strings) are in both`,
  );
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
    if (!population) continue;
    const cpuP = process.cpuUsage();
    const mp = matchControls(population, options);
    const usedP = process.cpuUsage(cpuP);
    const same = resultDigest(mp) === resultDigest(m) ? 'same' : 'DIFFERENT';
    console.log(`${(label + ' pop').padEnd(12)} cpu ${(usedP.user / 1e6).toFixed(2)} s   ${matchFingerprint(mp)}, result ${resultDigest(mp)} (${same} as the export's)`);
  }
}
