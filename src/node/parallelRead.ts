/**
 * Parallel reading of large spell CSV files in Node: each file is cut into byte ranges at record
 * boundaries, and worker threads read the ranges (while the main thread reads the persons). The
 * loader merges the ranges into exactly the rows, codes and quality report of the one-thread read.
 *
 * When a range boundary is safe: a boundary is put just after a line feed, which ends a record
 * unless it lies inside a quoted field. The quoting state is known only without quotes, so every
 * range checks that its bytes hold no quote character (`"`); if any holds one, or anything else
 * is unusual (an error, a key that is not ASCII, bytes that are not UTF-8, a header line with
 * quotes), the file is read again on the main thread, whose errors and messages are then the usual ones.
 * Files of other formats (gzip, Arrow, Parquet, UTF-16) and small files are always read on the main thread.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, open } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isByteSource } from '../io/byteStream.js';
import { detectFormat, foreignFormat } from '../io/magic.js';
import type { ParallelSpellReader, SpellReadAhead, SpellReadPlan } from '../io/readInputs.js';
import { SPELL_RANGE, SPELL_READY, type SpellRangeResult, type SpellRangeTask } from '../io/spellRange.js';
import type { SpellTable } from '../io/spells.js';
import type { SpellWorkerData } from './spellWorker.js';

/**
 * Sizes that decide the split (bytes): files smaller than `minBytes` are read on the main
 * thread; a file gets one range per `rangeBytes`, at most one per thread. Tests lower both.
 */
export const parallelSettings: { minBytes: number; rangeBytes: number; onFile?: ((file: string, merged: boolean, why: string | undefined) => void) | undefined } = { minBytes: 4 << 20, rangeBytes: 16 << 20 };

/** Default number of threads: the cores available to this process. */
export const defaultThreads = (): number => availableParallelism();

const LF = 10;
const CR = 13;

/** The worker script next to this module; undefined when it cannot be located (CommonJS bundle). */
function workerScript(): Promise<URL> | undefined {
  const here = (import.meta as { url?: string }).url;
  if (typeof here !== 'string') return undefined;
  if (!here.endsWith('.ts')) return Promise.resolve(new URL('./spellWorker.js', here));
  return bundledWorker(here);
}

let bundled: Promise<URL> | undefined;

/**
 * Running from the TypeScript sources (tests, benchmarks): the worker bundled to one plain
 * JavaScript file, once per thread, with esbuild (a development dependency). Workers then start
 * like the built package's, with no module loader of their own (a loader registered in each
 * worker costs start-up time and, under a loaded test run, could stall a read).
 */
function bundledWorker(here: string): Promise<URL> {
  bundled ??= (async () => {
    const name = 'esbuild';
    const esbuild = (await import(/* @vite-ignore */ name)) as { build(options: Record<string, unknown>): Promise<unknown> };
    const dir = await mkdtemp(join(tmpdir(), 'pe-spell-worker-'));
    const outfile = join(dir, 'spellWorker.mjs');
    await esbuild.build({ entryPoints: [fileURLToPath(new URL('./spellWorker.ts', here))], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'silent' });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return pathToFileURL(outfile);
  })();
  return bundled;
}

/** `length` bytes of an open file from `offset` (fewer at its end). */
async function readAt(handle: Awaited<ReturnType<typeof open>>, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  const { bytesRead } = await handle.read(out, 0, length, offset);
  return out.subarray(0, bytesRead);
}

/** Header bytes and range boundaries of a CSV file, or undefined when it is not split (not plain CSV, quotes in the header). */
async function plan(path: string, size: number, ranges: number): Promise<{ header: Uint8Array; bom: number; bounds: number[] } | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = await readAt(handle, 0, Math.min(size, 1 << 16));
    if (head.length < 4 || detectFormat(head) !== 'csv' || foreignFormat(head) !== undefined) return undefined;
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return undefined; // UTF-16
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    let end = bom;
    while (end < head.length && head[end] !== LF && head[end] !== CR) end++;
    if (end === head.length) return undefined;
    end += head[end] === CR && head[end + 1] === LF ? 2 : 1;
    const header = head.slice(bom, end);
    if (header.includes(34)) return undefined;
    const bounds = [end];
    for (let j = 1; j < ranges; j++) {
      const target = end + Math.floor(((size - end) * j) / ranges);
      const window = await readAt(handle, target, 1 << 16);
      const lf = window.indexOf(LF);
      const at = target + lf + 1;
      if (lf >= 0 && at > bounds[bounds.length - 1]! && at < size) bounds.push(at);
    }
    bounds.push(size);
    return { header, bom, bounds };
  } finally {
    await handle.close();
  }
}

/**
 * A {@link ParallelSpellReader} for `readCbsExport`: spell CSV files of at least
 * `parallelSettings.minBytes` are read in up to `threads` ranges on worker threads.
 *
 * @example
 * const reader = parallelSpellReader(2);
 * const ahead = reader.start([]);
 * ahead.take('employment', 0); // undefined
 * ahead.close();
 */
export function parallelSpellReader(threads: number): ParallelSpellReader {
  return {
    start(plans: readonly SpellReadPlan[]): SpellReadAhead {
      const script = workerScript();
      const workers = new Set<Worker>();
      const pending = new Map<string, Promise<readonly SpellRangeResult[]>>();
      if (script && threads > 1) {
        for (const p of plans) {
          p.sources.forEach((source, k) => {
            const path = isByteSource(source) ? source.name : undefined;
            const size = isByteSource(source) ? source.size : undefined;
            if (path === undefined || size === undefined || size < parallelSettings.minBytes) return;
            if (p.format !== 'csv' && p.format !== 'auto') return;
            if (p.encoding === 'utf-16le' || p.encoding === 'utf-16be') return;
            const ranges = Math.max(1, Math.min(threads, Math.floor(size / parallelSettings.rangeBytes)));
            pending.set(`${p.table}\u0000${k}`, readAhead(p, k, path, size, ranges, script, workers));
          });
        }
      }
      return {
        take: (table: SpellTable, k: number) => pending.get(`${table}\u0000${k}`),
        merged: (file, merged, why) => parallelSettings.onFile?.(file, merged, why),
        close: () => {
          for (const w of workers) stop(w);
          workers.clear();
        },
      };
    },
  };
}

/** Read file `k` of a spell input in ranges on workers; never rejects (problems give a fallback result). */
async function readAhead(p: SpellReadPlan, k: number, path: string, size: number, ranges: number, script: Promise<URL>, workers: Set<Worker>): Promise<readonly SpellRangeResult[]> {
  const fallback = (why: string): SpellRangeResult[] => [{ fallback: why } as SpellRangeResult];
  try {
    const split = await plan(path, size, ranges);
    if (!split) return fallback('not a plain CSV file');
    const encoding = split.bom === 3 ? 'utf-8' : p.encoding === 'utf-8' || p.encoding === 'windows-1252' ? p.encoding : 'auto';
    const task: SpellRangeTask = { file: p.names[k]!, delimiter: p.csv.delimiter, decimal: p.csv.decimal, encoding, columns: p.columns, sentinels: [...p.checks.sentinels], lo: p.checks.lo, hi: p.checks.hi };
    const url = await script;
    const runs: Promise<SpellRangeResult>[] = [];
    for (let j = 0; j + 1 < split.bounds.length; j++) {
      const data: SpellWorkerData = { tag: SPELL_RANGE, task, path, header: split.header, from: split.bounds[j]!, to: split.bounds[j + 1]! };
      runs.push(runWorker(url, data, workers));
    }
    return await Promise.all(runs);
  } catch (err) {
    return fallback(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Idle workers kept for the next read (unreferenced: they never keep the process alive); at most
 * as many as ran at once (a read runs up to `threads` ranges for each spell input).
 */
const idle: Worker[] = [];

/**
 * Workers told to stop. A stopped worker can still deliver the result it had just posted; it must
 * not then go back to the pool, where the next read would post its task to a thread that has
 * ended and wait for an answer forever.
 */
const stopped = new WeakSet<Worker>();

function stop(worker: Worker): void {
  stopped.add(worker);
  void worker.terminate();
}

/** A pooled worker (ready: it already listens), or a new one that says when it listens. */
function acquire(script: URL): { worker: Worker; ready: boolean } {
  let pooled = idle.pop();
  while (pooled !== undefined && (stopped.has(pooled) || pooled.threadId < 0)) pooled = idle.pop();
  const worker = pooled ?? new Worker(script);
  worker.ref();
  return { worker, ready: pooled !== undefined };
}

function release(worker: Worker): void {
  worker.unref();
  if (!stopped.has(worker)) idle.push(worker);
}

/** Read one range on a pooled worker; a worker that fails gives a fallback result and is dropped. */
function runWorker(script: URL, data: SpellWorkerData, workers: Set<Worker>): Promise<SpellRangeResult> {
  return new Promise((resolve) => {
    const { worker, ready } = acquire(script);
    workers.add(worker);
    const off = () => {
      workers.delete(worker);
      worker.off('message', message).off('error', error).off('exit', exit);
    };
    const message = (m: { tag?: unknown; result?: SpellRangeResult }) => {
      // A new worker's first message says it listens: only then is the task posted (posted earlier,
      // a module loader's listener in the worker could take it and the read would wait forever).
      if (m?.tag === SPELL_READY) return void worker.postMessage(data);
      if (m?.tag !== SPELL_RANGE || !m.result) return;
      const r = m.result;
      off();
      release(worker);
      resolve(r);
    };
    const failed = (why: string) => {
      off();
      stop(worker);
      resolve({ fallback: why } as SpellRangeResult);
    };
    const error = (err: unknown) => failed(`the worker failed: ${err instanceof Error && err.message ? err.message : String(err)}`);
    const exit = () => failed('the worker stopped');
    worker.on('message', message).on('error', error).on('exit', exit);
    if (ready) worker.postMessage(data);
  });
}
