/**
 * The library against DuckDB on the same CBS-style CSV export: (a) `readCbsExport` → `eventPanel`
 * → `phaseAverages`, (b) one DuckDB SQL query doing the same job (read the three files, first
 * support trajectory per person, 48-month windows before the start and after the end month,
 * any-day participation, phase means with CR1 standard errors clustered by person). Both must
 * give the same figures; prints times, read throughput, peak memory and the ratio.
 * (c) The panel's sufficient statistics: in memory (`readCbsExport` → `eventPanel`, each
 * person-month a cell) against the DuckDB engine (`duckdbPanelStatistics` on the files); both must
 * give the same cells (counts and sums printed, and compared person by person).
 *
 * Usage: node --expose-gc --import tsx tests/bench/duckdb.ts [persons=1000000]
 * (`BENCH_ENGINE=0` leaves out (c), which takes minutes at 1M persons.)
 * The export (1 supported person in 5, ≈ 4.1 employment spells per person, `;`-separated,
 * 10 years 2016–2025) is written once to out/bench-cbs-<persons>/ and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { eventPanel, loadSynthetic, phaseAverages } from '../../src/index.js';
import { readCbsExport } from '../../src/node/readCbsExport.js';
import { parallelSettings } from '../../src/node/parallelRead.js';
import { duckdbPanelStatistics } from '../../src/node/duckdb/duckdbPanelStatistics.js';
import type { EventPanel, PanelStatistics } from '../../src/index.js';
import { statisticsDiff } from '../support/panelCells.js';
import type { PhaseAverageRow } from '../../src/estimate/phaseAverages.js';
import { writeCbsCsv } from './cbsFiles.js';

/** Persons per unit of the generator's `scale` with 4 controls per supported person (measured). */
const PERSONS_PER_SCALE = 46_570;
const OBSERVATION = { start: '20160101', end: '20251231' } as const;

const persons = Number(process.argv[2] ?? 1_000_000);
const dir = resolve(fileURLToPath(new URL('../../out/', import.meta.url)), `bench-cbs-${persons}`);
const paths = { persons: join(dir, 'persons.csv'), support: join(dir, 'support.csv'), employment: join(dir, 'employment.csv') };

if (process.argv.includes('--write')) {
  mkdirSync(dir, { recursive: true });
  const exp = await loadSynthetic({ seed: 11, scale: persons / PERSONS_PER_SCALE, controlsPerSupported: 4, observation: OBSERVATION });
  writeCbsCsv(exp, dir);
  console.log(`wrote ${dir}: ${exp.persons.length} persons, ${exp.support.length} support spells, ${exp.employment.length} employment spells`);
  process.exit(0);
}

if (!Object.values(paths).every((p) => existsSync(p))) {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--max-old-space-size=12000', '--import', 'tsx', fileURLToPath(import.meta.url), String(persons), '--write'], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`writing the export failed (status ${run.status})`);
  console.log(`(export written in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
const bytes = Object.values(paths).reduce((s, p) => s + statSync(p).size, 0);
const mb = (b: number) => b / 1e6;
const peakMB = () => process.resourceUsage().maxRSS / 1024;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

interface Phase {
  readonly estimate: number;
  readonly se: number;
  readonly persons: number;
  readonly months: number;
}
type Phases = Record<'before' | 'after' | 'change', Phase>;

/** Wall time and CPU time (user + system, all threads of this process) of one step. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; seconds: number; cpu: number }> {
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

// Start the parallel reader's worker threads once, on the small fixture export: from the sources
// they are first bundled (esbuild), which a built package does not need. The worker pool is then
// ready, as in a session that has read before; the big read below is the first of its size.
{
  const fixtures = fileURLToPath(new URL('../io/fixtures/', import.meta.url));
  const saved = parallelSettings.minBytes;
  parallelSettings.minBytes = 1;
  await readCbsExport({ persons: join(fixtures, 'persons.csv'), support: join(fixtures, 'support.csv'), employment: join(fixtures, 'employment.csv') });
  parallelSettings.minBytes = saved;
}

// (a) the library
const read = await timed(() => readCbsExport(paths, { observation: OBSERVATION }));
const peakAfterRead = peakMB();
const panel = await timed(() => eventPanel(read.value));
const phases = await timed(() => phaseAverages(panel.value));
const peakLibrary = peakMB();
const lib = fromRows(phases.value.rows);
const libSeconds = read.seconds + panel.seconds + phases.seconds;
const libCpu = read.cpu + panel.cpu + phases.cpu;
const exp = read.value;
const counts = `${exp.persons.length} persons, ${exp.support.length} support spells, ${exp.employment.length} employment spells`;

// (b) DuckDB, same process, after the library (so its memory does not count in the library's peak)
const duck = await timed(() => duckdbPhases());

const s = (x: number) => `${x.toFixed(2)} s`;
const rows: [string, string, string, string][] = [
  ['read (readCbsExport)', s(read.seconds), s(read.cpu), `${mb(bytes / read.seconds).toFixed(0)} MB/s of CSV (${mb(bytes / read.cpu).toFixed(0)} MB/s of CPU time)`],
  ['eventPanel', s(panel.seconds), s(panel.cpu), `${panel.value.length} person-months`],
  ['phaseAverages (CR1)', s(phases.seconds), s(phases.cpu), ''],
  ['library total', s(libSeconds), s(libCpu), `peak RSS ${peakLibrary.toFixed(0)} MB (after reading ${peakAfterRead.toFixed(0)} MB)`],
  ['DuckDB SQL, same job', s(duck.seconds), s(duck.cpu), `${(duck.cpu / duck.seconds).toFixed(1)} cores busy on average`],
  ['ratio library / DuckDB', (libSeconds / duck.seconds).toFixed(2), (libCpu / duck.cpu).toFixed(2), libSeconds <= duck.seconds ? 'library as fast or faster (wall)' : 'library slower (wall)'],
];
console.log(`\nlibrary vs DuckDB ${await duckVersion()} — ${counts}; CSV ${mb(bytes).toFixed(0)} MB; node ${process.version}, ${cpus().length} cores`);
console.log(`  ${'step'.padEnd(26)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)}`);
for (const [a, b, c, d] of rows) console.log(`  ${a.padEnd(26)} ${b.padStart(9)} ${c.padStart(9)}   ${d}`);
console.log('  phase        library estimate (se)            DuckDB estimate (se)             persons / person-months');
let worst = 0;
for (const q of ['before', 'after', 'change'] as const) {
  const a = lib[q];
  const b = duck.value[q];
  worst = Math.max(worst, Math.abs(a.estimate - b.estimate), Math.abs(a.se - b.se));
  const same = a.persons === b.persons && a.months === b.months ? '' : `  ≠ DuckDB ${b.persons} / ${b.months}`;
  console.log(`  ${q.padEnd(8)} ${a.estimate.toFixed(12)} (${a.se.toFixed(12)})   ${b.estimate.toFixed(12)} (${b.se.toFixed(12)})   ${a.persons} / ${a.months}${same}`);
  if (same) worst = Infinity;
}
console.log(`  largest difference in estimates and SEs: ${worst.toExponential(2)} ${worst <= 1e-9 ? '(same results)' : '— RESULTS DIFFER'}`);

// (c) the panel's sufficient statistics: in memory (read + eventPanel, as measured above) vs the DuckDB engine
if (process.env.BENCH_ENGINE === '0') process.exit(0);
const engine = await timed(() => duckdbPanelStatistics(paths, { read: { observation: OBSERVATION } }));
const memSeconds = read.seconds + panel.seconds;
const memCpu = read.cpu + panel.cpu;
console.log(`\npanel statistics (cells person × phase × event time), load average ${loadAverage()}`);
console.log(`  ${'path'.padEnd(42)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)}   persons / cells / Σn / Σy / Σw / Σwy`);
console.log(`  ${'in memory: readCbsExport + eventPanel'.padEnd(42)} ${s(memSeconds).padStart(9)} ${s(memCpu).padStart(9)}   ${totals(panel.value)}`);
console.log(`  ${'duckdbPanelStatistics (files → cells)'.padEnd(42)} ${s(engine.seconds).padStart(9)} ${s(engine.cpu).padStart(9)}   ${totals(engine.value)}`);
const differences = statisticsDiff(engine.value, panel.value);
console.log(`  ${differences.length === 0 && totals(panel.value) === totals(engine.value) ? 'same cells (compared person by person)' : `CELLS DIFFER: ${differences.join('; ')}`}; ratio engine / in memory: wall ${(engine.seconds / memSeconds).toFixed(2)}, CPU ${(engine.cpu / memCpu).toFixed(2)}`);

/** Persons, cells and the sums Σn, Σy, Σw, Σwy of a panel (each row a cell) or of statistics. */
function totals(x: EventPanel | PanelStatistics): string {
  let n = 0;
  let y = 0;
  let w = 0;
  let wy = 0;
  for (let r = 0; r < x.length; r++) {
    if ('kind' in x) {
      n += x.n[r]!;
      y += x.sumY[r]!;
      w += x.sumW[r]!;
      wy += x.sumWY[r]!;
    } else {
      const weight = x.persons.weight[x.person[r]!]!;
      n += 1;
      y += x.outcome[r]!;
      w += weight;
      wy += weight * x.outcome[r]!;
    }
  }
  return `${x.persons.length} / ${x.length} / ${n} / ${y} / ${w} / ${wy}`;
}

function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(1)).join(' ');
}

function fromRows(rows: readonly PhaseAverageRow[]): Phases {
  const pick = (q: string): Phase => {
    const r = rows.find((x) => x.quantity === q)!;
    return { estimate: r.estimate!, se: r.se!, persons: r.n_persons, months: r.n_person_months };
  };
  return { before: pick('before'), after: pick('after'), change: pick('change') };
}

async function duckVersion(): Promise<string> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const r = await con.runAndReadAll('SELECT version() AS v');
  return String(r.getRowObjects()[0]!['v']);
}

/**
 * The whole job as one query. Dates are read as YYYYMMDD integers: any-day participation only
 * needs months (a spell covers month m when its start month ≤ m ≤ its end month).
 */
async function duckdbPhases(): Promise<Phases> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  // Types by column name (all other columns are read as text).
  const csv = (path: string, types: string) => `read_csv('${path}', delim=';', header=true, all_varchar=false, types={${types}})`;
  const key = `'RINPERSOONS': 'VARCHAR', 'RINPERSOON': 'VARCHAR'`;
  const spell = `${key}, 'AANVBUS': 'INTEGER', 'EINDBUS': 'INTEGER'`;
  const sql = `
  WITH
  persons AS (SELECT DISTINCT RINPERSOONS AS s, RINPERSOON AS n FROM ${csv(paths.persons, key)}),
  support AS (
    SELECT RINPERSOONS AS s, RINPERSOON AS n, greatest(AANVBUS, 20160101) AS a,
           CASE WHEN EINDBUS IS NULL OR EINDBUS IN (88888888, 99999999, 99991231) OR EINDBUS > 20251231 THEN 99999999 ELSE EINDBUS END AS e
    FROM ${csv(paths.support, spell)} r
    SEMI JOIN persons p ON r.RINPERSOONS = p.s AND r.RINPERSOON = p.n
    WHERE AANVBUS <= 20251231 AND coalesce(EINDBUS, 99999999) >= 20160101 AND (EINDBUS IS NULL OR EINDBUS IN (88888888, 99999999, 99991231) OR EINDBUS >= AANVBUS)
),
  first AS (SELECT s, n, min({'a': a, 'e': e}) AS t FROM support GROUP BY s, n),
  anchors AS (
    SELECT s, n, (t.a // 10000) * 12 + (t.a // 100) % 100 - 1 AS sm,
           CASE WHEN t.e = 99999999 THEN NULL ELSE (t.e // 10000) * 12 + (t.e // 100) % 100 - 1 END AS em
    FROM first),
  months AS (SELECT 2016 * 12 AS lo, 2025 * 12 + 11 AS hi),
  pm AS (
    SELECT s, n, 0 AS phase, unnest(range(greatest(sm - 48, lo), least(sm - 1, hi) + 1)) AS m FROM anchors, months
    UNION ALL
    SELECT s, n, 2 AS phase, unnest(range(greatest(em + 1, lo), least(em + 48, hi) + 1)) AS m FROM anchors, months WHERE em IS NOT NULL),
  jobs AS (
    SELECT RINPERSOONS AS s, RINPERSOON AS n, (AANVBUS // 10000) * 12 + (AANVBUS // 100) % 100 - 1 AS ms,
           CASE WHEN EINDBUS IS NULL OR EINDBUS IN (88888888, 99999999, 99991231) OR EINDBUS > 20251231 THEN 2025 * 12 + 11
                ELSE (EINDBUS // 10000) * 12 + (EINDBUS // 100) % 100 - 1 END AS me
    FROM ${csv(paths.employment, spell)} r
    SEMI JOIN anchors a ON r.RINPERSOONS = a.s AND r.RINPERSOON = a.n
    WHERE AANVBUS <= 20251231 AND coalesce(EINDBUS, 99999999) >= 20160101 AND (EINDBUS IS NULL OR EINDBUS IN (88888888, 99999999, 99991231) OR EINDBUS >= AANVBUS)
),
  -- Months worked within each person's windows, then matched to the panel months by equality.
  worked AS (
    SELECT DISTINCT j.s, j.n, unnest(range(greatest(j.ms, a.sm - 48, lo), least(j.me, coalesce(a.em + 48, a.sm - 1), hi) + 1)) AS m
    FROM jobs j JOIN anchors a ON j.s = a.s AND j.n = a.n, months),
  outcome AS (
    SELECT pm.s, pm.n, pm.phase, pm.m, (w.m IS NOT NULL)::INTEGER AS y FROM pm LEFT JOIN worked w ON pm.s = w.s AND pm.n = w.n AND pm.m = w.m),
  per AS (
    SELECT s, n, sum(y) FILTER (phase = 0) AS yb, count(*) FILTER (phase = 0) AS nb, sum(y) FILTER (phase = 2) AS ya, count(*) FILTER (phase = 2) AS na
    FROM outcome GROUP BY s, n),
  tot AS (
    SELECT sum(yb) / sum(nb) AS mb, sum(ya) / sum(na) AS ma, sum(nb) AS wb, sum(na) AS wa,
           count(*) FILTER (nb > 0) AS gb, count(*) FILTER (na > 0) AS ga, count(*) AS gc FROM per),
  scores AS (
    SELECT sum(CASE WHEN nb > 0 THEN ((yb - mb * nb) / wb) ^ 2 ELSE 0 END) AS qb,
           sum(CASE WHEN na > 0 THEN ((ya - ma * na) / wa) ^ 2 ELSE 0 END) AS qa,
           sum((coalesce((ya - ma * na) / wa, 0) - coalesce((yb - mb * nb) / wb, 0)) ^ 2) AS qc
    FROM per, tot)
  SELECT mb, ma, ma - mb AS change, sqrt(gb / (gb - 1) * qb) AS se_b, sqrt(ga / (ga - 1) * qa) AS se_a,
         sqrt(gc / (gc - 1) * (wb + wa - 1) / (wb + wa - 2) * qc) AS se_c, gb, ga, gc, wb, wa
  FROM tot, scores`;
  const result = await con.runAndReadAll(sql);
  const r = result.getRowObjects()[0]!;
  const num = (k: string) => Number(r[k]);
  return {
    before: { estimate: num('mb'), se: num('se_b'), persons: num('gb'), months: num('wb') },
    after: { estimate: num('ma'), se: num('se_a'), persons: num('ga'), months: num('wa') },
    change: { estimate: num('change'), se: num('se_c'), persons: num('gc'), months: num('wb') + num('wa') },
  };
}
