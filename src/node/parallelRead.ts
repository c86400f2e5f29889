/**
 * Parallel reading of large spell CSV files in Node: each file is cut into chunks (byte ranges) at
 * record boundaries; worker threads read chunks while the main thread reads the persons, and the
 * main thread then reads the chunks no worker has taken yet. The loader merges the chunks into
 * exactly the rows, codes and quality report of the one-thread read.
 *
 * When a range boundary is safe: a boundary is put just after a line feed, which ends a record
 * unless it lies inside a quoted field. The quoting state is known only without quotes, so every
 * range checks that its bytes hold no quote character (`"`); if any holds one, or anything else
 * is unusual (an error, a key that is not ASCII, bytes that are not UTF-8, a header line with
 * quotes), the file is read again on the main thread, whose errors and messages are then the usual ones.
 * Files of other formats (gzip, Arrow, Parquet, UTF-16) and small files are always read on the main thread.
 */
import { createReadStream, rmSync } from 'node:fs';
import { mkdtemp, open } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isByteSource } from '../io/byteStream.js';
import { detectFormat, foreignFormat } from '../io/magic.js';
import type { ParallelSpellReader, SpellReadAhead, SpellReadPlan } from '../io/readInputs.js';
import { readSpellRange, SPELL_RANGE, SPELL_READY, type SpellRangeResult, type SpellRangeTask } from '../io/spellRange.js';
import type { SpellTable } from '../io/spells.js';
import type { SpellChunk, SpellWorkerData } from './spellWorker.js';

/**
 * Sizes that decide the split: files smaller than `minBytes` bytes are read on the main thread; a
 * file gets one chunk per `rangeBytes` bytes, at most `chunksPerThread` per thread. Tests lower them.
 */
export const parallelSettings: {
  minBytes: number;
  rangeBytes: number;
  chunksPerThread: number;
  onFile?: ((file: string, merged: boolean, why: string | undefined) => void) | undefined;
  /** Told which thread read each chunk (tests check that both do). */
  onChunk?: ((file: string, thread: 'worker' | 'main') => void) | undefined;
} = { minBytes: 4 << 20, rangeBytes: 8 << 20, chunksPerThread: 8 };

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

/** One byte range of a file, read by a worker or by the main thread, whichever claims it first. */
interface Chunk {
  readonly file: FileAhead;
  readonly data: SpellChunk;
  readonly done: Promise<SpellRangeResult>;
  /** Settle the chunk (only its first result counts). */
  finish(result: SpellRangeResult): void;
}

/** A spell file read ahead in chunks. */
interface FileAhead {
  readonly plan: SpellReadPlan;
  readonly k: number;
  readonly path: string;
  readonly size: number;
  chunks: Chunk[];
  /** Why the file is read again on the main thread (set when planning fails or a chunk falls back). */
  fallback?: string;
}

/**
 * The chunks of one read, in order (files in input order), and a counter shared with the workers:
 * a thread claims the next chunk by incrementing it atomically, so workers go from chunk to chunk
 * without waiting for the main thread, which may be busy reading the persons.
 */
class ChunkQueue {
  readonly chunks: Chunk[] = [];
  readonly counter = new Int32Array(new SharedArrayBuffer(4));

  /** The next unclaimed chunk, or undefined when all are claimed. */
  claim(): Chunk | undefined {
    const j = Atomics.add(this.counter, 0, 1);
    return this.chunks[j];
  }

  /** Claim whatever is left, and settle every chunk that is not yet settled with a fallback result. */
  stop(why: string): void {
    Atomics.store(this.counter, 0, this.chunks.length);
    for (const c of this.chunks) c.finish(fallbackResult(why));
  }
}

/**
 * A {@link ParallelSpellReader} for `readCbsExport`: spell CSV files of at least
 * `parallelSettings.minBytes` are cut into chunks of about `parallelSettings.rangeBytes`, which
 * `threads - 1` worker threads read while the main thread reads the persons; the main thread
 * then reads the chunks no worker has taken yet, so that both cores stay busy to the end.
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
      const files = new Map<string, FileAhead>();
      if (script && threads > 1) {
        for (const p of plans) {
          p.sources.forEach((source, k) => {
            const path = isByteSource(source) ? source.name : undefined;
            const size = isByteSource(source) ? source.size : undefined;
            if (path === undefined || size === undefined || size < parallelSettings.minBytes) return;
            if (p.format !== 'csv' && p.format !== 'auto') return;
            if (p.encoding === 'utf-16le' || p.encoding === 'utf-16be') return;
            files.set(`${p.table}\u0000${k}`, { plan: p, k, path, size, chunks: [] });
          });
        }
      }
      const queue = new ChunkQueue();
      const planned = (async () => {
        for (const f of files.values()) queue.chunks.push(...(await chunksOf(f, threads)));
        if (queue.chunks.length === 0) return;
        const url = await script!;
        for (let w = 0; w < Math.max(1, threads - 1); w++) runWorker(url, queue, workers);
      })();
      planned.catch(() => {}); // a failure is reported by `take` (a fallback), or not at all when nothing is taken
      return {
        take: (table: SpellTable, k: number) => {
          const f = files.get(`${table}\u0000${k}`);
          return f && joinIn(f, queue, planned);
        },
        merged: (file, merged, why) => parallelSettings.onFile?.(file, merged, why),
        close: () => {
          queue.stop('the read was closed');
          for (const w of workers) stop(w);
          workers.clear();
        },
      };
    },
  };
}

const fallbackResult = (why: string): SpellRangeResult => ({ fallback: why }) as SpellRangeResult;

/**
 * The main thread's part, once it needs file `f`: read the unclaimed chunks (in queue order) until
 * all of `f`'s are taken, then wait for the workers' chunks of `f`.
 */
async function joinIn(f: FileAhead, queue: ChunkQueue, planned: Promise<void>): Promise<readonly SpellRangeResult[]> {
  try {
    await planned;
  } catch (err) {
    return [fallbackResult(err instanceof Error ? err.message : String(err))];
  }
  if (f.chunks.length === 0) return [fallbackResult(f.fallback ?? 'not a plain CSV file')];
  const last = queue.chunks.indexOf(f.chunks[f.chunks.length - 1]!);
  while (Atomics.load(queue.counter, 0) <= last) {
    const c = queue.claim();
    if (!c) break;
    // Chunks of a file that already fell back are not read: the file is read again on this thread.
    if (c.file.fallback !== undefined) {
      c.finish(fallbackResult(c.file.fallback));
      continue;
    }
    const result = await readHere(c.data);
    parallelSettings.onChunk?.(c.data.path, 'main');
    c.finish(result);
  }
  return Promise.all(f.chunks.map((c) => c.done));
}

/** Read one chunk on this thread. */
async function readHere(data: SpellChunk): Promise<SpellRangeResult> {
  try {
    return await readSpellRange(data.task, data.header, createReadStream(data.path, { start: data.from, end: data.to - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>, data.to - data.from);
  } catch (err) {
    return fallbackResult(err instanceof Error ? err.message : String(err));
  }
}

/** Cut file `f` into chunks (none when it is not a plain CSV file: it is then read on the main thread). */
async function chunksOf(f: FileAhead, threads: number): Promise<Chunk[]> {
  const { plan: p, k, path, size } = f;
  const count = Math.max(1, Math.min(parallelSettings.chunksPerThread * threads, Math.floor(size / parallelSettings.rangeBytes)));
  let split: Awaited<ReturnType<typeof plan>>;
  try {
    split = await plan(path, size, count);
  } catch (err) {
    f.fallback = err instanceof Error ? err.message : String(err);
    return [];
  }
  if (!split) {
    f.fallback = 'not a plain CSV file';
    return [];
  }
  const encoding = split.bom === 3 ? 'utf-8' : p.encoding === 'utf-8' || p.encoding === 'windows-1252' ? p.encoding : 'auto';
  const task: SpellRangeTask = { file: p.names[k]!, delimiter: p.csv.delimiter, decimal: p.csv.decimal, encoding, columns: p.columns, sentinels: [...p.checks.sentinels], lo: p.checks.lo, hi: p.checks.hi };
  for (let j = 0; j + 1 < split.bounds.length; j++) {
    let resolve!: (r: SpellRangeResult) => void;
    let settled = false;
    const done = new Promise<SpellRangeResult>((r) => (resolve = r));
    f.chunks.push({
      file: f,
      data: { task, path, header: split.header, from: split.bounds[j]!, to: split.bounds[j + 1]! },
      done,
      finish: (r) => {
        if (settled) return;
        settled = true;
        // A chunk that falls back makes the whole file fall back: its other chunks need not be read.
        if ('fallback' in r && f.fallback === undefined) f.fallback = r.fallback;
        resolve(r);
      },
    });
  }
  return f.chunks;
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

/**
 * Let a pooled worker read chunks of `queue` until none is left: it claims them through the shared
 * counter and posts each result as it is done. A worker that fails stops the whole queue (every
 * unsettled chunk falls back, so the files are read again on the main thread) and is dropped.
 */
function runWorker(script: URL, queue: ChunkQueue, workers: Set<Worker>): void {
  const { worker, ready } = acquire(script);
  workers.add(worker);
  const data: SpellWorkerData = { tag: SPELL_RANGE, chunks: queue.chunks.map((c) => c.data), counter: queue.counter.buffer as SharedArrayBuffer };
  const off = () => {
    workers.delete(worker);
    worker.off('message', message).off('error', error).off('exit', exit);
  };
  const message = (m: { tag?: unknown; index?: number; result?: SpellRangeResult; finished?: boolean }) => {
    // A new worker's first message says it listens: only then is the task posted (posted earlier,
    // a module loader's listener in the worker could take it and the read would wait forever).
    if (m?.tag === SPELL_READY) return void worker.postMessage(data);
    if (m?.tag !== SPELL_RANGE) return;
    if (m.finished) {
      off();
      release(worker);
      return;
    }
    const c = queue.chunks[m.index ?? -1];
    if (!c || !m.result) return failed('the worker sent an unknown chunk');
    parallelSettings.onChunk?.(c.data.path, 'worker');
    c.finish(m.result);
  };
  const failed = (why: string) => {
    off();
    stop(worker);
    queue.stop(why);
  };
  const error = (err: unknown) => failed(`the worker failed: ${err instanceof Error && err.message ? err.message : String(err)}`);
  const exit = () => failed('the worker stopped');
  worker.on('message', message).on('error', error).on('exit', exit);
  if (ready) worker.postMessage(data);
}
