/**
 * Matching on a population larger than any export in memory: the 1M synthetic export's
 * MatchPopulation with its never-supported persons copied `copies` more times under new keys
 * (default 9: 1M persons → about 10M, with the same supported persons), matched 1:1 and 2:1 with
 * caliper. Prints CPU, wall time and the heap; the export is dropped before matching.
 * Standalone: node --expose-gc --max-old-space-size=12000 --import tsx tests/bench/matchPopulationScale.ts 1000000 9
 */
import { loadCbsExport, synthesizeCbsExport, syntheticTables } from '../../src/index.js';
import type { Categorical } from '../../src/io/types.js';
import { matchControls } from '../../src/compare/matchControls.js';
import { matchPopulationFromExport, type MatchPopulation } from '../../src/compare/matchPopulation.js';
import { monthStride } from '../../src/compare/employmentMonths.js';

const persons = Number(process.argv[2] ?? 1_000_000);
const copies = Number(process.argv[3] ?? 9);
const observation = { start: '20160101', end: '20251231' };
const MB = 1024 * 1024;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function grown(base: MatchPopulation): MatchPopulation {
  const b = base.persons;
  const extra: number[] = [];
  for (let p = 0; p < b.length; p++) if (!base.supported[p]) extra.push(p);
  const n = b.length + copies * extra.length;
  const from = new Int32Array(n);
  for (let p = 0; p < b.length; p++) from[p] = p;
  for (let c = 0, i = b.length; c < copies; c++) for (const p of extra) from[i++] = p;
  const take = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
    const out = make(n);
    for (let i = 0; i < n; i++) out[i] = a[from[i]];
    return out;
  };
  const cat = (c: Categorical): Categorical => ({ codes: take(c.codes, (k) => new Int32Array(k)), levels: c.levels });
  const covariates = Object.fromEntries(Object.entries(b.covariates).map(([k, v]) => [k, v instanceof Float64Array ? take(v, (m) => new Float64Array(m)) : cat(v)]));
  const rinpersoon = Array.from({ length: n }, (_, i) => (i < b.length ? b.rinpersoon[i] : String(900_000_000 + i).padStart(9, '0')));
  const stride = monthStride(base.employment.months);
  const bits = new Int32Array(n * stride);
  for (let i = 0; i < n; i++) bits.set(base.employment.bits.subarray(from[i] * stride, from[i] * stride + stride), i * stride);
  return {
    ...base,
    persons: { length: n, rinpersoons: Array.from({ length: n }, () => 'R'), rinpersoon, birthYear: take(b.birthYear, (m) => new Float64Array(m)), sex: cat(b.sex), covariates, sourceRow: Int32Array.from({ length: n }, (_, i) => i + 1) },
    supported: take(base.supported, (m) => new Uint8Array(m)),
    supportStart: take(base.supportStart, (m) => new Int32Array(m)),
    supportEnd: take(base.supportEnd, (m) => new Int32Array(m)),
    employment: { ...base.employment, bits },
  };
}

let pop: MatchPopulation;
{
  const exp = await loadCbsExport(syntheticTables(synthesizeCbsExport({ seed: 1, scale: persons / 36_000, observation })), { observation });
  pop = grown(matchPopulationFromExport(exp));
}
gc();
const supported = pop.supported.reduce((s, v) => s + v, 0);
console.log(`population ${pop.persons.length} persons (${supported} supported), heap ${(process.memoryUsage().heapUsed / MB).toFixed(0)} MB, array buffers ${(process.memoryUsage().arrayBuffers / MB).toFixed(0)} MB`);
for (const [label, options] of [
  ['1:1', {}],
  ['2:1 caliper', { ratio: 2, replace: true, caliper: 0.2 }],
] as const) {
  gc();
  const cpu = process.cpuUsage();
  const t = performance.now();
  const m = matchControls(pop, options);
  const used = process.cpuUsage(cpu);
  console.log(`${label.padEnd(12)} ${((performance.now() - t) / 1000).toFixed(1)} s wall, cpu ${(used.user / 1e6).toFixed(1)} s (+sys ${(used.system / 1e6).toFixed(1)}); ${m.n_matched_supported} of ${m.n_supported} matched, ${m.n_candidates} candidates; rss ${(process.memoryUsage().rss / MB).toFixed(0)} MB`);
}
