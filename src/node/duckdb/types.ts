/**
 * Inputs and options of the DuckDB views (`pe_persons`, `pe_support`, `pe_employment`,
 * `pe_benefits`, `pe_observation`) that the SQL panel engine reads.
 */
import type { LoadCbsOptions } from '../../io/load.js';

/**
 * The files of an export for DuckDB: per input one path, a glob (`data/spolis_*.csv`) or a list
 * of paths/globs, read as one table in the order given (a glob's files sorted by name). CSV,
 * gzip-compressed CSV (`.csv.gz`) and Parquet files are read.
 *
 * @example
 * const inputs: DuckdbInputs = { persons: 'persons.csv', support: 'support.csv', employment: ['spolis_2019.csv', 'spolis_2020.csv'] };
 * Array.isArray(inputs.employment); // true
 */
export interface DuckdbInputs {
  readonly persons: string | readonly string[];
  readonly support: string | readonly string[];
  readonly employment: string | readonly string[];
  /** Benefit spells (optional fourth input). */
  readonly benefits?: string | readonly string[];
}

/**
 * Read options of the DuckDB views: the options of `loadCbsExport` that apply to files read by
 * DuckDB, with the same meaning and defaults (column mapping, CSV delimiter and decimal
 * separator, open-end sentinels, observation period, plausible dates and birth years, covariate
 * types, strict mode, text encoding).
 *
 * @example
 * const options: DuckdbReadOptions = { csv: { delimiter: ';' }, observation: { start: '2016-01-01', end: '2025-12-31' }, strict: false };
 * options.csv?.delimiter; // ';'
 */
export type DuckdbReadOptions = Pick<LoadCbsOptions, 'columns' | 'csv' | 'openEndSentinels' | 'observation' | 'plausibleDates' | 'plausibleBirthYears' | 'covariateTypes' | 'strict' | 'encoding'>;

/**
 * What the views need of a DuckDB connection: `run` and `runAndReadAll` as `@duckdb/node-api`'s
 * `DuckDBConnection` has them. Declared here so that the package's types do not require that
 * optional package to be installed.
 *
 * @example
 * const seen: string[] = [];
 * const connection: DuckdbConnection = {
 *   run: async (sql: string) => { seen.push(sql); },
 *   runAndReadAll: async () => ({ getRowObjects: () => [{ n: 1 }] }),
 * };
 * await connection.run('SELECT 1');
 * seen; // ['SELECT 1']
 */
export interface DuckdbConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjects(): readonly Record<string, unknown>[] }>;
}
