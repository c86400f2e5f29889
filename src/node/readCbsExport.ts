/** Node-only: load a CBS-style export from file paths. */
import { readFile } from 'node:fs/promises';
import { DataError } from '../core/errors.js';
import { loadCbsExport, type LoadCbsOptions } from '../io/load.js';
import type { SourceFormat } from '../io/magic.js';
import type { CbsExport } from '../io/types.js';

/** File paths of the three inputs. */
export interface CbsPaths {
  readonly persons: string;
  readonly support: string;
  readonly employment: string;
}

/**
 * Format of a file from its extension (`.csv`/`.tsv`/`.txt`, `.csv.gz`, `.arrow`/`.feather`/`.ipc`,
 * `.parquet`/`.pq`); `'auto'` (magic number) otherwise, including other `.gz` files.
 *
 * @example
 * formatFromPath('data/persons.csv.gz'); // 'csv.gz'
 * formatFromPath('spolis.parquet'); // 'parquet'
 * formatFromPath('spolis.gz'); // 'auto'
 */
export function formatFromPath(path: string): SourceFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.csv.gz') || p.endsWith('.tsv.gz') || p.endsWith('.txt.gz')) return 'csv.gz';
  if (p.endsWith('.gz')) return 'auto'; // gzip may wrap Arrow or Parquet too: look inside
  if (p.endsWith('.csv') || p.endsWith('.txt') || p.endsWith('.tsv')) return 'csv';
  if (p.endsWith('.arrow') || p.endsWith('.feather') || p.endsWith('.ipc')) return 'arrow';
  if (p.endsWith('.parquet') || p.endsWith('.pq')) return 'parquet';
  return 'auto';
}

/**
 * Read a CBS-style export from files and load it with `loadCbsExport` (same options). The format
 * follows the file extension, else the file's first bytes; errors name the file path.
 *
 * @example
 * import { readCbsExport } from 'participation-effects/node';
 * const exp = await readCbsExport({
 *   persons: 'tests/io/fixtures/persons.csv',
 *   support: 'tests/io/fixtures/support.csv',
 *   employment: 'tests/io/fixtures/employment.csv',
 * });
 * exp.persons.length; // 3
 */
export async function readCbsExport(paths: CbsPaths, options: LoadCbsOptions = {}): Promise<CbsExport> {
  const tables = ['persons', 'support', 'employment'] as const;
  const bytes = await Promise.all(tables.map((t) => readBytes(paths[t])));
  const format = Object.fromEntries(tables.map((t) => [t, options.format?.[t] ?? formatFromPath(paths[t])]));
  const names = Object.fromEntries(tables.map((t) => [t, options.names?.[t] ?? paths[t]]));
  return loadCbsExport({ persons: bytes[0]!, support: bytes[1]!, employment: bytes[2]! }, { ...options, format, names });
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError({ file: path, value: code ?? (err as Error).message, expected: code === 'ENOENT' ? 'an existing file (file not found)' : 'a readable file' });
  }
}
