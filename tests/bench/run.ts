/**
 * `npm run bench`: synthetic exports at 10k, 100k and 1M persons over 10 years; per size the
 * time and memory of every pipeline step. Prints figures; never fails on a slow step.
 * Sizes can be set with BENCH_SIZES=10000,100000; steps with BENCH_STEPS=staggered,survival.
 * Then the library against DuckDB on CSV files (BENCH_DUCKDB=100000,1000000 persons; empty to
 * skip), the SQL validation next to the loader on the same files, matching's MatchPopulation built
 * by DuckDB at those sizes, the memory of a ~700 MB employment file and of a 4M-spell Arrow
 * employment file read batch by batch.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const script = fileURLToPath(new URL('./size.ts', import.meta.url));
const embedded = fileURLToPath(new URL('./embeddedMatching.ts', import.meta.url));
console.log(`participation-effects bench — node ${process.version}, ${new Date().toISOString()}`);
console.log('size       step                                                  time         live memory        rss         peak rss');
for (const n of sizes) {
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', script, String(n)], { stdio: 'inherit' });
  if (run.status !== 0) console.log(`size ${n}: exited with status ${run.status}`);
}
spawnSync(process.execPath, ['--import', 'tsx', embedded], { stdio: 'inherit' });

const duckSizes = (process.env.BENCH_DUCKDB ?? '100000,1000000').split(',').filter((x) => x.trim() !== '');
for (const n of duckSizes) {
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(new URL('./duckdb.ts', import.meta.url)), n], { stdio: 'inherit' });
  if (run.status !== 0) console.log(`duckdb bench ${n}: exited with status ${run.status}`);
}
// The SQL validation (createViews + quality report) next to the loader, on the same CSV exports.
for (const n of duckSizes) {
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(new URL('./duckdbQuality.ts', import.meta.url)), n], { stdio: 'inherit' });
  if (run.status !== 0) console.log(`duckdb quality bench ${n}: exited with status ${run.status}`);
}
// The MatchPopulation of matching built by DuckDB against the export's (bytes, time, same match digests).
for (const n of duckSizes) {
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(new URL('./matchPopulationDuckdb.ts', import.meta.url)), n], { stdio: 'inherit' });
  if (run.status !== 0) console.log(`match population bench ${n}: exited with status ${run.status}`);
}
if (duckSizes.includes('1000000')) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./largeFile.ts', import.meta.url)), '1000000', '4'], { stdio: 'inherit' });
  if (run.status !== 0) console.log(`large file bench: exited with status ${run.status}`);
  // An Arrow IPC employment file of 4M spells read batch by batch, against decoding it whole and against CSV.
  const arrow = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./arrowFile.ts', import.meta.url)), '4000000'], { stdio: 'inherit' });
  if (arrow.status !== 0) console.log(`arrow file bench: exited with status ${arrow.status}`);
}

// The 10M-person case (ten copies of the 1M export, ≈ 2.3 GB of CSV; about 5 minutes): opt in with BENCH_10M=1.
if (process.env.BENCH_10M === '1') {
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16000', '--import', 'tsx', fileURLToPath(new URL('./replicated.ts', import.meta.url)), '1000000', '10'], { stdio: 'inherit' });
  if (run.status !== 0) console.log(`10M bench: exited with status ${run.status}`);
}
