import type { ColumnTable } from 'arquero';
import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';

/** One row of a result table: column name → value (number, string, boolean, null, …). */
export type TableRow = Readonly<Record<string, unknown>>;

/**
 * A result table as the other stages produce it: an arquero table, an array of plain row objects,
 * or a result (anything with `rows`; its `toTable()` is used when it has one, so every column is there).
 * Typed as `object` rows so the library's own row interfaces (which have no index signature) are accepted as they are.
 */
export type TableInput = ColumnTable | readonly object[] | { readonly rows: readonly object[]; toTable?(): ColumnTable };

const EXPECTED = 'a result table: an array of row objects, an arquero table, or a result with rows (e.g. phaseAverages(panel))';

/**
 * The rows (as fresh, mutable copies) and the column names of a result table, in column order.
 * For an array of objects the columns are the union of the rows' keys, in order of first appearance.
 * Anything else is a `SpecificationError` naming `fn`, what it expected and what it got.
 *
 * @example
 * tableRows([{ group: 'A', n: 12 }, { group: 'B', n: 3, note: 'small' }]).columns; // ['group', 'n', 'note']
 * tableRows({ rows: [{ group: 'A', n: 12 }] }).rows; // [{ group: 'A', n: 12 }]
 */
export function tableRows(table: TableInput, fn = 'output control'): { rows: Record<string, unknown>[]; columns: string[] } {
  if (isArquero(table)) return { rows: table.objects() as Record<string, unknown>[], columns: table.columnNames() };
  if (!Array.isArray(table)) {
    const result = table as { rows?: unknown; toTable?: unknown } | null;
    if (typeof result === 'object' && result !== null && Array.isArray(result.rows)) {
      if (typeof result.toTable === 'function') {
        const t = (result.toTable as () => unknown)();
        if (isArquero(t as TableInput)) return tableRows(t as ColumnTable, fn);
      }
      return tableRows(result.rows as readonly object[], fn);
    }
    throw new SpecificationError(`${fn} expects ${EXPECTED}; got ${describeValue(table)}`);
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows = (table as readonly unknown[]).map((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new SpecificationError(`${fn} expects ${EXPECTED}; row ${i + 1} is ${describeValue(row)}`);
    const record = row as TableRow;
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
    return { ...record } as Record<string, unknown>;
  });
  // Missing keys become null so every row has every column (as in an arquero table).
  for (const row of rows) for (const c of columns) if (!(c in row)) row[c] = null;
  return { rows, columns };
}

/** Duck-typed so that a second copy of arquero (e.g. ESM and CJS builds side by side) is recognised too. */
function isArquero(table: TableInput): table is ColumnTable {
  return typeof table === 'object' && table !== null && !Array.isArray(table) && typeof (table as ColumnTable).objects === 'function' && typeof (table as ColumnTable).columnNames === 'function';
}
