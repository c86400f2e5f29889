import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';
import type { MarginRule } from './rules.js';
import type { TableLine } from './secondarySuppression.js';
import { tableRows, type TableInput } from './tableInput.js';

/** Published margins as applied to one table: their rows (additive columns only) and the columns tying them to it. */
export interface ResolvedMargin {
  readonly by: readonly string[];
  readonly columns: readonly string[];
  /** Margin rows found (each becomes one additive line of the table rows it totals). */
  readonly rows: number;
}

/**
 * Check `rules.margins` against the table and keep, of each margin row, the `by` columns and the
 * additive columns (default: the table's person-count and count columns that the margins carry).
 */
export function resolveMargins(
  margins: unknown,
  columns: readonly string[],
  additive: readonly string[],
): { resolved: ResolvedMargin[]; rows: Record<string, unknown>[][] } {
  if (margins === undefined) return { resolved: [], rows: [] };
  if (!Array.isArray(margins)) throw new SpecificationError(`output control: rules.margins must be a list of { rows, by, columns? }, got ${describeValue(margins)}`);
  const resolved: ResolvedMargin[] = [];
  const rows: Record<string, unknown>[][] = [];
  margins.forEach((m: MarginRule, k) => {
    const where = `rules.margins[${k}]`;
    if (!isPlainObject(m) || !Array.isArray(m.by) || m.by.length === 0) throw new SpecificationError(`output control: ${where} must be { rows, by, columns? } with at least one "by" column, got ${describeValue(m)}`);
    if (!Array.isArray(m.rows) && !(typeof m.rows === 'object' && m.rows !== null && typeof (m.rows as { objects?: unknown }).objects === 'function'))
      throw new SpecificationError(`output control: ${where}.rows must be an array of row objects or an arquero table, got ${describeValue(m.rows)}`);
    const margin = tableRows(m.rows as TableInput);
    for (const c of m.by) {
      if (!columns.includes(c)) throw new SpecificationError(`output control: ${where}.by names "${c}", which the table does not have; columns are ${columns.map((x) => `"${x}"`).join(', ')}`);
      if (!margin.columns.includes(c)) throw new SpecificationError(`output control: ${where}.by names "${c}", which the margins do not have; their columns are ${margin.columns.map((x) => `"${x}"`).join(', ')}`);
    }
    const wanted = m.columns ?? additive.filter((c) => margin.columns.includes(c));
    for (const c of wanted)
      if (!margin.columns.includes(c) || !columns.includes(c)) throw new SpecificationError(`output control: ${where}.columns names "${c}", which the table and the margins must both have`);
    if (wanted.length === 0) throw new SpecificationError(`output control: ${where}: the margins carry none of the table's counts (${additive.join(', ')}); name them in ${where}.columns`);
    rows.push(margin.rows.map((r) => Object.fromEntries([...m.by, ...wanted].map((c) => [c, r[c]]))));
    resolved.push({ by: [...m.by], columns: wanted, rows: margin.rows.length });
  });
  return { resolved, rows };
}

/**
 * The additive lines the margins add: margin row `first + k` is the total of the table rows (before
 * index `tableRows`, leaving out the table's own total rows) that agree with it on `by`.
 *
 * @example
 * const rows = [{ g: 'a', s: 'x', n: 4 }, { g: 'a', s: 'y', n: 30 }, { g: 'a', n: 34 }];
 * marginLines(rows, 2, [{ by: ['g'], columns: ['n'], rows: 1 }], () => false); // [{ dimension: 'margin by g', total: 2, cells: [0, 1] }]
 */
export function marginLines(rows: readonly Record<string, unknown>[], tableRows: number, margins: readonly ResolvedMargin[], isTotalRow: (i: number) => boolean): TableLine[] {
  const lines: TableLine[] = [];
  let next = tableRows;
  for (const m of margins) {
    const index = new Map<string, number[]>();
    for (let i = 0; i < tableRows; i++) {
      if (isTotalRow(i)) continue;
      const key = JSON.stringify(m.by.map((c) => rows[i][c] ?? null));
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
    for (let k = 0; k < m.rows; k++) {
      const total = next++;
      const cells = index.get(JSON.stringify(m.by.map((c) => rows[total][c] ?? null)));
      if (cells && cells.length > 0) lines.push({ dimension: `margin by ${m.by.join(', ')}`, total, cells });
    }
  }
  return lines;
}

/**
 * Margin lines that disclose by themselves, whatever the table withholds: a margin that totals a
 * single cell (it is that cell), or one holding more than 0 but fewer than `minPersons` persons.
 *
 * @example
 * disclosingMargins([{ dimension: 'margin by g', total: 2, cells: [0] }], [{ n: 4 }, { n: 40 }, { n: 4 }], 'n', 10); // 1
 */
export function disclosingMargins(lines: readonly TableLine[], rows: readonly Record<string, unknown>[], personsColumn: string, minPersons: number): number {
  let n = 0;
  for (const line of lines) {
    if (!line.dimension.startsWith('margin by ') || line.total === null) continue;
    const v = rows[line.total][personsColumn];
    if (line.cells.length === 1 || (typeof v === 'number' && v > 0 && v < minPersons)) n++;
  }
  return n;
}
