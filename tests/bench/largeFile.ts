/**
 * Memory of reading a large employment file: four copies of the bench export's employment spells
 * (employer numbers prefixed 1–4, so no row is a duplicate) in one CSV of about 700 MB, read with
 * `readCbsExport`; prints time and peak RSS. Needs the export of tests/bench/duckdb.ts (run it first).
 *
 * Usage: node --expose-gc --import tsx tests/bench/largeFile.ts [persons=1000000] [copies=4]
 */
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCbsExport } from '../../src/node/readCbsExport.js';

const persons = Number(process.argv[2] ?? 1_000_000);
const copies = Number(process.argv[3] ?? 4);
const dir = resolve(fileURLToPath(new URL('../../out/', import.meta.url)), `bench-cbs-${persons}`);
const source = join(dir, 'employment.csv');
const big = join(dir, `employment-x${copies}.csv`);
if (!existsSync(source)) throw new Error(`${source} is missing: run tests/bench/duckdb.ts ${persons} first`);

if (!existsSync(big)) {
  const out = createWriteStream(big);
  for (let k = 1; k <= copies; k++) {
    let header = k > 1;
    let rest = '';
    for await (const chunk of createReadStream(source, { encoding: 'latin1', highWaterMark: 1 << 22 })) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      // RINPERSOONS;RINPERSOON;SBEID;… → the employer number gets the copy number in front.
      const text = lines
        .filter((line) => (header ? ((header = false), false) : true))
        .map((line, i) => (k === 1 && i === 0 && line.startsWith('RINPERSOONS') ? line : line.replace(/^([^;]*;[^;]*;)/, `$1${k}`)))
        .join('\n');
      if (text.length > 0 && !out.write(text + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    if (rest.length > 0) out.write(rest.replace(/^([^;]*;[^;]*;)/, `$1${k}`) + '\n');
  }
  await new Promise<void>((r) => out.end(r));
}

const mb = (b: number) => (b / 1e6).toFixed(0);
const c0 = process.cpuUsage();
const t0 = performance.now();
// Threads: the default (one per core), or BENCH_THREADS=1 for the one-thread read.
const threads = process.env.BENCH_THREADS ? Number(process.env.BENCH_THREADS) : undefined;
const exp = await readCbsExport({ persons: join(dir, 'persons.csv'), support: join(dir, 'support.csv'), employment: big }, { observation: { start: '20160101', end: '20251231' }, ...(threads ? { threads } : {}) });
const c = process.cpuUsage(c0);
const seconds = (performance.now() - t0) / 1000;
const cpu = (c.user + c.system) / 1e6;
const bytes = statSync(big).size;
console.log(
  `large employment file (threads: ${threads ?? 'default'}): ${mb(bytes)} MB, ${exp.employment.length.toLocaleString('en')} spells kept; read in ${seconds.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU (${mb(bytes / cpu)} MB/s); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
