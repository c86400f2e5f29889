/** Node only: the tables `pe_anchors` and `pe_bounds` of the panel SQL, from columns in memory or from files. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { OPEN_END } from '../../core/calendar.js';
import { DataError, SpecificationError } from '../../core/errors.js';
import type { AnchorColumns, BoundColumns } from '../../panel/sql/anchorColumns.js';

const COLUMNS = {
  anchors: 'rinpersoons VARCHAR, rinpersoon VARCHAR, start_day INTEGER, end_day INTEGER, grp VARCHAR, weight DOUBLE, cluster BIGINT',
  bounds: 'rinpersoons VARCHAR, rinpersoon VARCHAR, start_day INTEGER, end_day INTEGER',
} as const;

/** A day number checked (a DataError names the row). */
function dayAt(values: ArrayLike<number>, i: number, file: string, column: string): number {
  const d = values[i]!;
  if (!Number.isInteger(d) || d < -719468 || d > OPEN_END) throw new DataError({ file, row: i + 1, column, value: d, expected: 'a day number (days since 1970-01-01), or OPEN_END' });
  return d;
}

/**
 * Create `table` from anchor or bound columns with an appender, checking rows as `eventPanel` does.
 *
 * @example
 * import { DuckDBInstance } from '@duckdb/node-api';
 * const con = await (await DuckDBInstance.create(':memory:')).connect();
 * await tableFromColumns(con, 'pe_bounds', { rinpersoons: ['R'], rinpersoon: ['000000001'], start: [17000], end: [18000] }, 'bounds');
 * Number((await con.runAndReadAll('SELECT end_day FROM pe_bounds')).getRowObjects()[0]!['end_day']); // 18000
 */
export async function tableFromColumns(con: DuckDBConnection, table: string, columns: AnchorColumns | BoundColumns, kind: 'anchors' | 'bounds'): Promise<void> {
  const file = kind === 'anchors' ? 'anchors' : 'observationBounds';
  const n = columns.rinpersoon.length;
  const lists: [string, ArrayLike<unknown> | undefined][] = [['rinpersoons', columns.rinpersoons], ['start', columns.start], ['end', columns.end]];
  if (kind === 'anchors') lists.push(['group', (columns as AnchorColumns).group], ['weight', (columns as AnchorColumns).weight], ['cluster', (columns as AnchorColumns).cluster]);
  for (const [name, values] of lists) if (values !== undefined && values.length !== n) throw new SpecificationError(`${file}.${name} has ${values.length} rows, ${file}.rinpersoon has ${n}`);
  await con.run(`CREATE OR REPLACE TEMP TABLE ${table} (${COLUMNS[kind]})`);
  const appender = await con.createAppender(table);
  for (let i = 0; i < n; i++) {
    const start = dayAt(columns.start, i, file, 'start');
    const end = dayAt(columns.end, i, file, 'end');
    if (end < start) throw new DataError({ file, row: i + 1, column: 'end', value: end, expected: `an end on or after the start (${start})` });
    appender.appendVarchar(columns.rinpersoons[i]!);
    appender.appendVarchar(columns.rinpersoon[i]!);
    appender.appendInteger(start);
    appender.appendInteger(end);
    if (kind === 'anchors') {
      const a = columns as AnchorColumns;
      appender.appendVarchar(a.group[i]!);
      const w = a.weight ? a.weight[i]! : 1;
      if (!(w >= 0) || !Number.isFinite(w)) throw new DataError({ file, row: i + 1, column: 'weight', value: w, expected: 'a finite weight ≥ 0' });
      appender.appendDouble(w);
      if (a.cluster) appender.appendBigInt(BigInt(a.cluster[i]!));
      else appender.appendNull();
    }
    appender.endRow();
  }
  appender.closeSync();
}

/** Create `table` from CSV or Parquet files with its columns (by name). */
export async function tableFromFiles(con: DuckDBConnection, table: string, path: string, kind: 'anchors' | 'bounds'): Promise<void> {
  const from = /\.parquet$/i.test(path) ? `read_parquet('${path.replace(/'/g, "''")}')` : `read_csv('${path.replace(/'/g, "''")}', header = true, columns = {${COLUMNS[kind].split(', ').map((c) => { const [name, type] = c.split(' '); return `'${name}': '${type}'`; }).join(', ')}})`;
  await con.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${COLUMNS[kind].split(', ').map((c) => { const [name, type] = c.split(' '); return `CAST(${name} AS ${type}) AS ${name}`; }).join(', ')} FROM ${from}`);
}
