/**
 * The SQL validation against the JS loader on the same CBS-style CSV export: time of
 * `createViews` (read every cell as text, validate in SQL, build the views and the quality
 * report) next to `readCbsExport`, and whether the two quality reports are equal.
 *
 * Usage: node --expose-gc --import tsx tests/bench/duckdbQuality.ts [persons=1000000] [dir]
 * The export is the one tests/bench/duckdb.ts writes (out/bench-cbs-<persons>/, written first
 * when missing); pass `dir` to read another copy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uptime, loadavg } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { readCbsExport } from '../../src/node/readCbsExport.js';
import { createViews } from '../../src/node/duckdb/cleanViews.js';

const persons = Number(process.argv[2] ?? 1_000_000);
const dir = process.argv[3] ?? resolve(fileURLToPath(new URL('../../out/', import.meta.url)), `bench-cbs-${persons}`);
const paths = { persons: join(dir, 'persons.csv'), support: join(dir, 'support.csv'), employment: join(dir, 'employment.csv') };
if (!Object.values(paths).every((p) => existsSync(p))) {
  const write = spawnSync(process.execPath, ['--max-old-space-size=12000', '--import', 'tsx', fileURLToPath(new URL('./duckdb.ts', import.meta.url)), String(persons), '--write'], { stdio: 'inherit' });
  if (write.status !== 0) throw new Error(`writing the export failed (status ${write.status})`);
}
const bytes = Object.values(paths).reduce((s, p) => s + statSync(p).size, 0);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Wall and CPU seconds (user + system, all threads of this process, DuckDB's included). */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1e6 };
}

console.log(`SQL validation vs loader — ${persons} persons, ${(bytes / 1e6).toFixed(0)} MB of CSV (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}, up ${(uptime() / 60).toFixed(0)} min)`);
const js = await timed(() => readCbsExport(paths, { onProgress: () => {} }));
console.log(`readCbsExport                 ${js.wall.toFixed(1).padStart(6)} s wall ${js.cpu.toFixed(1).padStart(6)} s CPU`);
const quality = js.value.quality;
(js as { value?: unknown }).value = undefined;
gc();
const connection = await (await DuckDBInstance.create(':memory:')).connect();
const sql = await timed(() => createViews(connection, paths));
console.log(`createViews + quality (SQL)   ${sql.wall.toFixed(1).padStart(6)} s wall ${sql.cpu.toFixed(1).padStart(6)} s CPU   peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(`quality reports equal: ${isDeepStrictEqual(sql.value, quality)}; rows kept: ${JSON.stringify(sql.value.counts)}`);
