/**
 * National scale out of core: the Parquet export of tests/bench/nationalData.ts (the 1M-person
 * bench export plus copies of its unsupported persons: about 19M persons and 130M employment
 * spells split by calendar year) → `duckdbPanelStatistics` (DuckDB reads the files, builds the
 * panel of the supported persons and their matched controls, and hands back the cells) → phase
 * averages, difference-in-differences and event study (Gaussian multiplier band) on the cells,
 * with the Node process's peak RSS and DuckDB's memory limit.
 *
 * The controls are matched once on the 1M export in memory (a separate process, so its memory
 * is not counted) and handed to the engine as a file of anchors; the same process computes the
 * estimates on the in-memory panel, and the national run must reproduce them: the copies add
 * persons and spells but no supported person and no control.
 *
 * Usage: node --expose-gc --import tsx tests/bench/national.ts [copies=22] [memoryLimit=4GB]
 * (writes the Parquet parts once, ≈ 30 min; `--delete` removes them afterwards).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffInDiff, eventPanel, eventStudy, matchControls, phaseAverages, type EventPanel, type PanelStatistics } from '../../src/index.js';
import { anchorColumns } from '../../src/panel/sql/anchorColumns.js';
import { duckdbPanelStatistics } from '../../src/node/duckdb/duckdbPanelStatistics.js';
import { readCbsExport } from '../../src/node/readCbsExport.js';
import { nationalDir, writeNational } from './nationalData.js';

const OBSERVATION = { start: '20160101', end: '20251231' } as const;
const copies = Number(process.argv[2] ?? 22);
const memoryLimit = process.argv[3] ?? '4GB';
const out = resolve(fileURLToPath(new URL('../../out/', import.meta.url)));
const base = join(out, 'bench-cbs-1000000');
const anchorsFile = join(out, 'national-anchors.csv');
const referenceFile = join(out, 'national-reference.json');

/** The estimates compared between the two runs. */
function estimates(input: EventPanel | PanelStatistics): Record<string, number | null> {
  const pa = phaseAverages(input);
  const did = diffInDiff(input);
  const es = eventStudy(input, { bootstrap: { weights: 'gaussian', replications: 999, seed: 1 } });
  const out: Record<string, number | null> = {};
  for (const r of pa.rows) (out[`${r.group} ${r.quantity}`] = r.estimate), (out[`${r.group} ${r.quantity} se`] = r.se);
  out['did'] = did.effect.estimate;
  out['did se'] = did.effect.se;
  for (const r of es.rows) if (r.event_time === -24 || r.event_time === 12 || r.event_time === 48) (out[`att(${r.event_time})`] = r.estimate), (out[`att(${r.event_time}) se`] = r.se);
  out['uniform critical'] = es.uniform_critical;
  return out;
}

if (process.argv.includes('--reference')) {
  // In memory on the 1M export: the match, its anchors as a file, and the reference estimates.
  const exp = await readCbsExport({ persons: join(base, 'persons.csv'), support: join(base, 'support.csv'), employment: join(base, 'employment.csv') }, { observation: OBSERVATION });
  const match = matchControls(exp);
  const a = anchorColumns(exp.persons, match.anchors);
  const lines = ['rinpersoons,rinpersoon,start_day,end_day,grp,weight,cluster'];
  for (let i = 0; i < a.rinpersoon.length; i++) lines.push(`${a.rinpersoons[i]},${a.rinpersoon[i]},${a.start[i]},${a.end[i]},${a.group[i]},${a.weight?.[i] ?? 1},${a.cluster?.[i] ?? -1}`);
  writeFileSync(anchorsFile, lines.join('\n') + '\n');
  const panel = eventPanel(exp, { anchors: match.anchors });
  writeFileSync(referenceFile, JSON.stringify({ persons: panel.persons.length, months: panel.length, estimates: estimates(panel) }));
  process.exit(0);
}

if (!existsSync(join(base, 'employment.csv'))) throw new Error(`${base} is missing: run tests/bench/duckdb.ts 1000000 first`);
const t0 = performance.now();
const sizes = await writeNational(copies, base);
console.log(`national export: ${sizes.persons.toLocaleString('en')} persons, ${sizes.support.toLocaleString('en')} support spells, ${sizes.employment.toLocaleString('en')} employment spells, ${(sizes.bytes / 1e9).toFixed(2)} GB Parquet (${((performance.now() - t0) / 1000).toFixed(0)} s to write or find)`);
if (!existsSync(referenceFile) || !existsSync(anchorsFile)) {
  const run = spawnSync(process.execPath, ['--max-old-space-size=12000', '--import', 'tsx', fileURLToPath(import.meta.url), String(copies), memoryLimit, '--reference'], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`the in-memory reference failed (status ${run.status})`);
}
const reference = JSON.parse(readFileSync(referenceFile, 'utf8')) as { persons: number; months: number; estimates: Record<string, number | null> };

const dir = nationalDir(copies);
const c0 = process.cpuUsage();
const t1 = performance.now();
const stats = await duckdbPanelStatistics(
  { persons: join(dir, 'persons', '*.parquet'), support: join(dir, 'support', '*.parquet'), employment: join(dir, 'employment', '*.parquet') },
  { anchors: anchorsFile, read: { observation: OBSERVATION }, memoryLimit, tempDirectory: join(out, 'duckdb-tmp'), check: 'fast' },
);
const tStats = (performance.now() - t1) / 1000;
const t2 = performance.now();
const national = estimates(stats);
const tEst = (performance.now() - t2) / 1000;
const cpu = process.cpuUsage(c0);
console.log(`engine: ${stats.persons.length.toLocaleString('en')} panel persons, ${stats.length.toLocaleString('en')} cells in ${tStats.toFixed(1)} s; estimates in ${tEst.toFixed(1)} s; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB (DuckDB memory_limit ${memoryLimit})`);
let worst = 0;
for (const [k, v] of Object.entries(reference.estimates)) {
  const w = national[k];
  const d = v === null || w === null || w === undefined ? (v === w ? 0 : Infinity) : Math.abs(v - w);
  worst = Math.max(worst, d);
  console.log(`  ${k.padEnd(28)} ${String(v).padEnd(24)} ${String(w)}`);
}
console.log(`same panel as the 1M run: ${stats.persons.length === reference.persons && stats.length === reference.months ? 'yes' : `NO (${reference.persons} persons, ${reference.months} person-months in memory)`}; largest difference ${worst.toExponential(2)}`);
if (process.argv.includes('--delete')) rmSync(dir, { recursive: true, force: true });
