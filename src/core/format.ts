import { table, type ColumnTable } from 'arquero';

/** Plain-text table for `summary()` methods: right-aligned numbers, fixed decimals, `—` for null. */
export function formatRows(columns: readonly { key: string; label: string; digits?: number }[], rows: readonly Record<string, unknown>[]): string {
  const cells = rows.map((r) =>
    columns.map(({ key, digits }) => {
      const v = r[key];
      if (v === null || v === undefined) return '—';
      if (typeof v === 'number') return digits === undefined ? String(v) : v.toFixed(digits);
      return String(v);
    }),
  );
  const widths = columns.map((c, j) => Math.max(c.label.length, ...cells.map((row) => row[j].length)));
  const line = (vals: string[]) => vals.map((v, j) => (j === 0 ? v.padEnd(widths[j]) : v.padStart(widths[j]))).join('  ');
  return [line(columns.map((c) => c.label)), ...cells.map(line)].join('\n');
}

/** Rows as an arquero table with the same columns in every row (absent optional fields become null, `note` last). */
export function tidyTable(rows: readonly object[]): ColumnTable {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  const ordered = [...names.filter((k) => k !== 'note'), 'note'];
  const columns: Record<string, unknown[]> = {};
  for (const k of ordered) columns[k] = rows.map((r) => (r as Record<string, unknown>)[k] ?? null);
  return table(columns);
}
