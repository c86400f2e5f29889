/** Node-only: load a CBS-style export from file paths, streaming each file from disk. */
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../core/errors.js';
import type { ByteSource } from '../io/byteStream.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { LOAD_KEYS, loadCbsExportWith, type LoadCbsOptions } from '../io/load.js';
import { defaultThreads, parallelSpellReader } from './parallelRead.js';
import type { SourceFormat } from '../io/magic.js';
import type { ReadProgress } from '../io/readInputs.js';
import type { CbsExport } from '../io/types.js';

/** File paths of the inputs: a file, a list of files read as one table, or a directory (its data files, by name). */
export interface CbsPaths {
  readonly persons: string | readonly string[];
  readonly support: string | readonly string[];
  readonly employment: string | readonly string[];
  /** Benefit spells (optional fourth input). */
  readonly benefits?: string | readonly string[];
}

/** Options of {@link readCbsExport}: those of `loadCbsExport`, and the threads to read with. */
export interface ReadCbsOptions extends LoadCbsOptions {
  /**
   * Threads reading large spell CSV files, the main thread included: `threads - 1` worker threads
   * read chunks of them while the main thread reads the persons, then the main thread reads the
   * chunks left. Default the cores available; `1` reads everything on the main thread. The result
   * is the same for every value.
   */
  readonly threads?: number;
}

/**
 * Format of a file from its extension (`.csv`/`.tsv`/`.txt`, `.csv.gz`, `.arrow`/`.arrows`/`.feather`/`.ipc`,
 * `.parquet`/`.pq`); `'auto'` (magic number) otherwise, including other `.gz` files.
 *
 * @example
 * formatFromPath('data/persons.csv.gz'); // 'csv.gz'
 * formatFromPath('spolis.parquet'); // 'parquet'
 * formatFromPath('spolis.gz'); // 'auto'
 * formatFromPath('spolis.arrows'); // 'arrow'
 */
export function formatFromPath(path: string): SourceFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.csv.gz') || p.endsWith('.tsv.gz') || p.endsWith('.txt.gz')) return 'csv.gz';
  if (p.endsWith('.gz')) return 'auto'; // gzip may wrap Arrow or Parquet too: look inside
  if (p.endsWith('.csv') || p.endsWith('.txt') || p.endsWith('.tsv')) return 'csv';
  if (p.endsWith('.arrow') || p.endsWith('.arrows') || p.endsWith('.feather') || p.endsWith('.ipc')) return 'arrow';
  if (p.endsWith('.parquet') || p.endsWith('.pq')) return 'parquet';
  if (p.endsWith('.sav') || p.endsWith('.zsav')) return 'sav';
  return 'auto';
}

const DATA_FILE = /\.(csv|tsv|txt|gz|arrow|arrows|feather|ipc|parquet|pq|sav|zsav)$/i;

/**
 * Read a CBS-style export from files and load it with `loadCbsExport` (same options, and
 * `threads`: large spell CSV files are read in parallel on worker threads). Each input
 * may be one file, a list of files (e.g. one per year) or a directory, read as one table; files
 * are streamed, never read whole (Arrow record batch by record batch, Parquet row group by row
 * group; SPSS files are read whole). The format follows the file
 * extension, else the file's first bytes; errors name the file path. Reads that take more than
 * two seconds show a progress line on stderr when it is a terminal (pass `onProgress` to take over).
 *
 * @example
 * import { readCbsExport } from 'participation-effects/node';
 * const exp = await readCbsExport({
 *   persons: 'tests/io/fixtures/persons.csv',
 *   support: 'tests/io/fixtures/support.csv',
 *   employment: ['tests/io/fixtures/employment.csv'],
 * });
 * exp.persons.length; // 3
 */
export async function readCbsExport(paths: CbsPaths, options: ReadCbsOptions = {}): Promise<CbsExport> {
  const tables = (!isPlainObject(paths) || paths.benefits === undefined ? ['persons', 'support', 'employment'] : ['persons', 'support', 'employment', 'benefits']) as readonly ('persons' | 'support' | 'employment' | 'benefits')[];
  checkOptions('readCbsExport', options, { ...LOAD_KEYS, threads: true });
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new SpecificationError(`readCbsExport: threads must be a whole number >= 1, got ${describeValue(options.threads)}`);
  const isPaths = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
  if (!isPlainObject(paths) || !tables.every((t) => isPaths(paths[t]))) {
    throw new SpecificationError(`readCbsExport expects file paths { persons, support, employment } and optionally benefits (each a path, a list of paths or a folder); got ${describeValue(paths)}`);
  }
  checkOptions('readCbsExport', paths, { persons: true, support: true, employment: true, benefits: true }, 'paths.');
  const files = await Promise.all(tables.map((t) => expand(paths[t]!, t)));
  const sources = await Promise.all(files.map((list) => Promise.all(list.map(fileSource))));
  const format: Partial<Record<(typeof tables)[number], SourceFormat>> = {};
  tables.forEach((t, k) => {
    const kinds = new Set(files[k]!.map(formatFromPath));
    format[t] = options.format?.[t] ?? (kinds.size === 1 ? [...kinds][0]! : 'auto');
  });
  const names = Object.fromEntries(tables.map((t, k) => [t, options.names?.[t] ?? files[k]!]));
  const progress = options.onProgress ?? terminalProgress();
  try {
    const { threads: _, ...loadOptions } = options;
    const given = { persons: sources[0]!, support: sources[1]!, employment: sources[2]!, ...(sources[3] ? { benefits: sources[3] } : {}) };
    return await loadCbsExportWith(given, { ...loadOptions, format, names, ...(progress ? { onProgress: progress } : {}) }, threads > 1 ? parallelSpellReader(threads) : undefined);
  } finally {
    if (!options.onProgress && progress) process.stderr.write('\r\x1b[K');
  }
}

/** A path, a list of paths, or a directory → the list of files. */
async function expand(given: string | readonly string[], table: string): Promise<string[]> {
  const list = typeof given === 'string' ? [given] : [...given];
  if (list.length === 0) throw new DataError({ file: table, expected: 'at least one file path' });
  const out: string[] = [];
  for (const path of list) {
    const info = await statOf(path);
    if (!info.isDirectory()) {
      out.push(path);
      continue;
    }
    const inside = (await readdir(path)).filter((f) => DATA_FILE.test(f)).sort();
    if (inside.length === 0) throw new DataError({ file: path, expected: 'a directory holding data files (.csv, .csv.gz, .parquet, .arrow)' });
    out.push(...inside.map((f) => join(path, f)));
  }
  return out;
}

async function statOf(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError({ file: path, value: code ?? (err as Error).message, expected: code === 'ENOENT' ? 'an existing file (file not found)' : 'a readable file' });
  }
}

async function fileSource(path: string): Promise<ByteSource> {
  const info = await statOf(path);
  return {
    name: path,
    size: info.size,
    chunks: () => readChunks(path),
    read: (offset, length) => readAt(path, offset, length),
  };
}

/** `length` bytes of a file from `offset` (random access, for Parquet footers and column chunks). */
async function readAt(path: string, offset: number, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(out, done, length - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === length ? out : out.subarray(0, done);
  } finally {
    await handle.close();
  }
}

async function* readChunks(path: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError({ file: path, value: code ?? (err as Error).message, expected: 'a readable file' });
  } finally {
    stream.destroy();
  }
}

/** A progress line on stderr for long reads, when stderr is a terminal. */
function terminalProgress(): ((p: ReadProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const began = Date.now();
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - began < 2000 || now - last < 250) return;
    last = now;
    const mb = (b: number) => (b / 1e6).toFixed(0);
    const total = p.bytesTotal ? ` of ${mb(p.bytesTotal)} MB (${((100 * p.bytesRead) / p.bytesTotal).toFixed(0)}%)` : ' MB';
    process.stderr.write(`\r\x1b[Kreading ${p.input}: ${mb(p.bytesRead)}${total}, ${p.rows.toLocaleString('en')} rows`);
  };
}
