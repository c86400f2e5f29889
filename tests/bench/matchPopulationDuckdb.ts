/**
 * A MatchPopulation built by DuckDB from the clean views against the one from the export: time and
 * CPU of the two queries (DuckDB's threads are in the process's CPU time), bytes, and the digest of
 * the match on each (they must agree: the synthetic persons are in key order).
 * Standalone: node --expose-gc --max-old-space-size=8192 --import tsx tests/bench/matchPopulationDuckdb.ts 1000000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadCbsExport, synthesizeCbsExport, syntheticTables } from '../../src/index.js';
import { matchControls, type MatchResult } from '../../src/compare/matchControls.js';
import { createViews, duckdbPopulation } from '../compare/populationViews.js';

const persons = Number(process.argv[2] ?? 1_000_000);
const observation = { start: '20160101', end: '20251231' };
const exp = await loadCbsExport(syntheticTables(synthesizeCbsExport({ seed: 1, scale: persons / 36_000, observation })), { observation });
const dir = mkdtempSync(join(tmpdir(), 'pe-population-bench-'));
const con = await (await DuckDBInstance.create(':memory:')).connect();
await createViews(con, exp, dir);

function digest(m: MatchResult): string {
  const h = createHash('sha256');
  const typed = (a: ArrayBufferView): void => void h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  for (const part of [m.anchors, m.pairs, m.weights]) for (const v of Object.values(part)) if (ArrayBuffer.isView(v)) typed(v);
  for (const v of m.matchedValues.values) typed(v);
  h.update(JSON.stringify([m.matchedValues.names, m.unmatched, m.emptyStrata, m.balance, m.propensityModels.map((p) => [p.cohort, p.fit]), m.n_candidates, m.n_matched_controls, m.controlsReused]));
  return h.digest('hex').slice(0, 12);
}

const cpu = process.cpuUsage();
const t = performance.now();
const pop = await duckdbPopulation(con, 'first');
const used = process.cpuUsage(cpu);
const own = pop.supported.byteLength + pop.supportStart.byteLength + pop.supportEnd.byteLength + pop.employment.bits.byteLength;
/** Bytes of the typed arrays of an object and the objects in it (strings not counted). */
const typedBytes = (x: object): number => Object.values(x).reduce<number>((b, v) => b + (ArrayBuffer.isView(v) ? v.byteLength : typeof v === 'object' && v !== null ? typedBytes(v) : 0), 0);
const MB = 1024 * 1024;
console.log(
  `duckdb population ${persons} persons: ${((performance.now() - t) / 1000).toFixed(2)} s wall, cpu ${(used.user / 1e6).toFixed(2)} s (+sys ${(used.system / 1e6).toFixed(2)}); ` +
    `typed arrays besides the persons table (${(typedBytes(exp.persons) / MB).toFixed(1)} MB): population ${(own / MB).toFixed(1)} MB, export's spells ${((typedBytes(exp.support) + typedBytes(exp.employment) + (exp.benefits ? typedBytes(exp.benefits) : 0)) / MB).toFixed(1)} MB`,
);
for (const [label, options] of [
  ['1:1', {}],
  ['2:1 caliper', { ratio: 2, replace: true, caliper: 0.2 }],
] as const) {
  const a = digest(matchControls(exp, options));
  const b = digest(matchControls(pop, options));
  console.log(`${label.padEnd(12)} export ${a}, duckdb population ${b} (${a === b ? 'same' : 'DIFFERENT'})`);
}
con.closeSync();
rmSync(dir, { recursive: true, force: true });
