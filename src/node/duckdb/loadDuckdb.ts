/** Node only: `@duckdb/node-api`, an optional peer dependency, loaded when first needed. */
import { SpecificationError } from '../../core/errors.js';

/** The module `@duckdb/node-api`. */
export type DuckdbModule = typeof import('@duckdb/node-api');

let loaded: Promise<DuckdbModule> | undefined;

/**
 * The DuckDB module, imported on first use; a clear error when it is not installed.
 *
 * @example
 * const duckdb = await loadDuckdb();
 * typeof duckdb.DuckDBInstance.create; // 'function'
 */
export function loadDuckdb(): Promise<DuckdbModule> {
  loaded ??= import('@duckdb/node-api').catch((e: unknown) => {
    loaded = undefined;
    throw new SpecificationError(`the DuckDB engine needs the optional package @duckdb/node-api: install it with \`npm install @duckdb/node-api\` (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  });
  return loaded;
}
