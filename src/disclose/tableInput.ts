import type { ColumnTable } from 'arquero';

/** One row of a result table: column name → value (number, string, boolean, null, …). */
export type TableRow = Readonly<Record<string, unknown>>;

/**
 * A result table as the other stages produce it: an arquero table or an array of plain row objects.
 * Typed as `object` rows so the library's own row interfaces (which have no index signature) are accepted as they are.
 */
export type TableInput = ColumnTable | readonly object[];

/**
 * The rows (as fresh, mutable copies) and the column names of a result table, in column order.
 * For an array of objects the columns are the union of the rows' keys, in order of first appearance.
 *
 * @example
 * tableRows([{ group: 'A', n: 12 }, { group: 'B', n: 3, note: 'small' }]).columns; // ['group', 'n', 'note']
 */
export function tableRows(table: TableInput): { rows: Record<string, unknown>[]; columns: string[] } {
  if (isArquero(table)) {
    return { rows: table.objects() as Record<string, unknown>[], columns: table.columnNames() };
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows = table.map((row) => {
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
  return !Array.isArray(table) && typeof (table as ColumnTable).objects === 'function' && typeof (table as ColumnTable).columnNames === 'function';
}
