/**
 * The 10M-person case: the bench export of tests/bench/duckdb.ts copied `copies` times (person
 * numbers prefixed with the copy number, so every copy is a new set of persons) into one
 * persons, support and employment CSV each, then read → eventPanel → phaseAverages with time and
 * peak RSS. A copied export has the same pooled phase means as the original (checked here, to
 * 1e-12), so the run also shows that nothing is lost or doubled at this size.
 *
 * The copied files (several GB) are deleted afterwards unless --keep is given.
 *
 * Usage: node --expose-gc --max-old-space-size=16000 --import tsx tests/bench/replicated.ts [persons=1000000] [copies=10]
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventPanel, phaseAverages } from '../../src/index.js';
import { readCbsExport } from '../../src/node/readCbsExport.js';

const persons = Number(process.argv[2] ?? 1_000_000);
const copies = Number(process.argv[3] ?? 10);
const out = resolve(fileURLToPath(new URL('../../out/', import.meta.url)));
const dir = join(out, `bench-cbs-${persons}`);
const big = join(out, `bench-cbs-${persons}-x${copies}`);
const files = ['persons', 'support', 'employment'] as const;
if (!existsSync(join(dir, 'employment.csv'))) throw new Error(`${dir} is missing: run tests/bench/duckdb.ts ${persons} first`);

/** Copy `source` `copies` times into `target`, the person number (second field) prefixed with the copy number. */
async function replicate(source: string, target: string): Promise<void> {
  const w = createWriteStream(target);
  for (let k = 0; k < copies; k++) {
    let first = true;
    let rest = '';
    const emit = async (lines: string[]) => {
      const text = lines
        .filter((line) => {
          if (!first) return line.length > 0;
          first = false;
          return k === 0; // the header once
        })
        .map((line) => (line.startsWith('RINPERSOONS') ? line : line.replace(/^([^;]*;)/, `$1${k}`)))
        .join('\n');
      if (text.length > 0 && !w.write(text + '\n')) await new Promise<void>((r) => w.once('drain', () => r()));
    };
    for await (const chunk of createReadStream(source, { encoding: 'latin1', highWaterMark: 1 << 22 })) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      await emit(lines);
    }
    await emit([rest]);
  }
  await new Promise<void>((r) => w.end(r));
}

mkdirSync(big, { recursive: true });
for (const f of files) if (!existsSync(join(big, `${f}.csv`))) await replicate(join(dir, `${f}.csv`), join(big, `${f}.csv`));

const gc = () => (globalThis as { gc?: () => void }).gc?.();
async function timed<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  console.log(`  ${label.padEnd(16)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s wall ${((c.user + c.system) / 1e6).toFixed(1).padStart(6)} s CPU  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  return value;
}
const paths = (d: string) => Object.fromEntries(files.map((f) => [f, join(d, `${f}.csv`)])) as Record<(typeof files)[number], string>;
const bytes = files.reduce((s, f) => s + statSync(join(big, `${f}.csv`)).size, 0);
const observation = { start: '20160101', end: '20251231' } as const;

console.log(`replicated export: ${copies} × ${persons.toLocaleString('en')} persons, ${(bytes / 1e6).toFixed(0)} MB of CSV`);
const exp = await timed('readCbsExport', () => readCbsExport(paths(big), { observation }));
console.log(`  ${exp.persons.length.toLocaleString('en')} persons, ${exp.employment.length.toLocaleString('en')} employment spells`);
const panel = await timed('eventPanel', () => eventPanel(exp, { before: 48, after: 48 }));
const big3 = await timed('phaseAverages', () => phaseAverages(panel).rows);

// The original export's pooled means must come out identical.
const small = phaseAverages(eventPanel(await readCbsExport(paths(dir), { observation }), { before: 48, after: 48 })).rows;
for (const q of ['before', 'after', 'change']) {
  const a = big3.find((r) => r.quantity === q)!;
  const b = small.find((r) => r.quantity === q)!;
  const ok = a.estimate !== null && b.estimate !== null && Math.abs(a.estimate - b.estimate) < 1e-12 && a.n_persons === copies * b.n_persons;
  console.log(`  ${q.padEnd(7)} ${a.estimate?.toFixed(6)} (original ${b.estimate?.toFixed(6)}), persons ${a.n_persons} = ${copies} × ${b.n_persons}: ${ok ? 'same' : 'DIFFERENT'}`);
}

if (!process.argv.includes('--keep')) rmSync(big, { recursive: true, force: true });
