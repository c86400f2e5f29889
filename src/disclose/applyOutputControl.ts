import { from, type ColumnTable } from 'arquero';
import { SpecificationError } from '../core/errors.js';
import { OUTPUT_CONTROLLED } from './brand.js';
import { applyPrimarySuppression } from './primarySuppression.js';
import type { OutputControlHit, OutputControlReport } from './report.js';
import { resolveRules } from './resolveRules.js';
import { applyRounding } from './rounding.js';
import type { OutputControlRules } from './rules.js';
import { applySecondarySuppression } from './secondarySuppression.js';
import { newSuppressionState, type SuppressionReason } from './suppressionState.js';
import { tableRows, type TableInput, type TableRow } from './tableInput.js';

/** A row of a controlled table: the published values (withheld ones are `null`) plus why anything was withheld. */
export type ControlledRow = TableRow & {
  /** True when any value of the row was withheld. */
  readonly suppressed: boolean;
  /** The rules that withheld values, joined by `; ` (e.g. `primary:min-persons`), or null. */
  readonly suppression_reason: string | null;
};

/** A table that has passed output control: safe values, per-row flags and the report. Rows are frozen. */
export interface ControlledTable {
  readonly [OUTPUT_CONTROLLED]: true;
  readonly controlled: true;
  readonly columns: readonly string[];
  readonly rows: readonly ControlledRow[];
  readonly report: OutputControlReport;
  /** The rows as an arquero table (same columns, same order). */
  toTable(): ColumnTable;
}

const WHOLE_ROW_REASONS: ReadonlySet<SuppressionReason> = new Set(['primary:min-persons', 'primary:min-count', 'primary:min-count-complement', 'secondary:total', 'secondary:complement', 'secondary:linked-totals', 'secondary:withheld-sum']);

/**
 * Make a result table safe to leave a secured microdata environment (statistical disclosure control):
 * 1. refuse a table without a person-count column (`SpecificationError` naming it);
 * 2. drop minimum/maximum columns;
 * 3. primary suppression: withhold rows with fewer than `minPersons` persons or a count below `minCount`,
 *    and percentiles without enough persons on each side;
 * 4. secondary suppression: in tables with totals (total rows, or distributions whose counts add up to a
 *    denominator published on every row), withhold further cells until no withheld cell can be recovered
 *    by subtraction from a total (this includes the complement of a two-group table), and the withheld
 *    cells of every line together hold 0 or at least the threshold;
 * 5. optional rounding of counts, with derived rates (and their intervals) recomputed from the rounded counts.
 *
 * Withheld values become `null`; each row gets `suppressed` and `suppression_reason`; the result carries
 * a report (`formatOutputControlReport` renders it) and a mark that the writers check.
 *
 * @example
 * const result = applyOutputControl([
 *   { group: 'A', n: 6, count: 3, estimate: 0.5 },
 *   { group: 'B', n: 120, count: 36, estimate: 0.3 },
 * ]);
 * result.rows[0]; // { group: 'A', n: null, count: null, estimate: null, suppressed: true, suppression_reason: 'primary:min-persons; primary:min-count; primary:min-count-complement' }
 * result.rows[1].estimate; // 0.3
 */
export function applyOutputControl(table: TableInput, rules: OutputControlRules = {}): ControlledTable {
  const { rows, columns } = tableRows(table);
  for (const c of ['suppressed', 'suppression_reason'])
    if (columns.includes(c)) throw new SpecificationError(`output control: the table already has a "${c}" column; control the original result table, not an already controlled one`);
  const resolved = resolveRules(columns, rows, rules);
  const state = newSuppressionState(rows);
  const nonEmpty = (v: unknown): boolean => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v));
  let valueCellsBefore = 0;
  let minMaxCells = 0;
  for (const row of rows) {
    for (const c of resolved.valueColumns) if (nonEmpty(row[c])) valueCellsBefore++;
    for (const c of resolved.minMaxColumns) if (nonEmpty(row[c])) minMaxCells++;
  }
  valueCellsBefore += minMaxCells;

  applyPrimarySuppression(state, resolved);
  applySecondarySuppression(state, resolved);
  const roundingSummary = applyRounding(state, resolved);

  const removed = new Set(resolved.minMaxColumns);
  const columnsOut = [...columns.filter((c) => !removed.has(c)), 'suppressed', 'suppression_reason'];
  const hits: OutputControlHit[] = [];
  const byReason: Record<string, { rows: number; cells: number }> = {};
  const tally = (reason: string, cells: number): void => {
    const t = (byReason[reason] ??= { rows: 0, cells: 0 });
    t.rows++;
    t.cells += cells;
  };
  let valueCellsAfter = 0;
  let rowsWithheld = 0;
  let rowsPartlyWithheld = 0;
  const out: ControlledRow[] = rows.map((row, i) => {
    const labels: Record<string, unknown> = {};
    for (const c of resolved.labelColumns) labels[c] = row[c];
    const published: Record<string, unknown> = {};
    for (const c of columns) if (!removed.has(c)) published[c] = row[c];
    const reasons = state.reasons[i];
    if (state.whole[i]) {
      rowsWithheld++;
      const reason = reasons.find((r) => WHOLE_ROW_REASONS.has(r))!;
      let cells = 0;
      for (const c of resolved.valueColumns) {
        if (nonEmpty(row[c])) {
          hits.push({ row: i + 1, column: c, reason, labels });
          cells++;
        }
        published[c] = null;
      }
      tally(reason, cells);
    } else {
      const cells = state.cells.get(i);
      if (cells && cells.size > 0) {
        rowsPartlyWithheld++;
        const perReason = new Map<SuppressionReason, number>();
        for (const [c, reason] of cells) {
          hits.push({ row: i + 1, column: c, reason, labels });
          perReason.set(reason, (perReason.get(reason) ?? 0) + 1);
          published[c] = null;
        }
        for (const [reason, n] of perReason) tally(reason, n);
      }
      for (const c of resolved.valueColumns) if (nonEmpty(published[c])) valueCellsAfter++;
    }
    published.suppressed = reasons.length > 0;
    published.suppression_reason = reasons.length > 0 ? reasons.join('; ') : null;
    return Object.freeze(published) as ControlledRow;
  });
  if (minMaxCells > 0) byReason['primary:min-max'] = { rows: 0, cells: minMaxCells };

  const notes: string[] = [];
  if (!resolved.secondary)
    notes.push('No total row or column found, so no secondary suppression was needed within this table. If totals of these cells are published elsewhere, pass rules.secondary with the table structure.');
  if (resolved.rounding)
    notes.push(`Counts are rounded to base ${resolved.rounding.base} independently, so published totals need not equal the sum of published cells; derived rates were recomputed from the rounded counts.`);
  notes.push('This report lists where values were withheld, never the withheld values or sums of them.');

  const report: OutputControlReport = Object.freeze({
    controlled: true as const,
    rules: resolved,
    rows: rows.length,
    columnsIn: columns,
    columnsOut,
    removedColumns: resolved.minMaxColumns,
    valueCellsBefore,
    valueCellsAfter,
    rowsPublished: rows.length - rowsWithheld - rowsPartlyWithheld,
    rowsWithheld,
    rowsPartlyWithheld,
    cellsWithheld: hits.length,
    byReason,
    hits,
    rounding: resolved.rounding ? { ...roundingSummary, base: resolved.rounding.base, columns: resolved.rounding.columns, intervals: resolved.rounding.intervals } : null,
    notes,
  });
  const frozenRows = Object.freeze(out);
  return Object.freeze({
    [OUTPUT_CONTROLLED]: true as const,
    controlled: true as const,
    columns: Object.freeze(columnsOut),
    rows: frozenRows,
    report,
    toTable: (): ColumnTable => from([...frozenRows], columnsOut),
  });
}

/**
 * Whether a value is a table that has passed `applyOutputControl` (checked by the writers).
 *
 * @example
 * isControlled(applyOutputControl([{ n: 12, estimate: 0.4 }])); // true
 * isControlled([{ n: 12, estimate: 0.4 }]); // false
 */
export function isControlled(value: unknown): value is ControlledTable {
  return typeof value === 'object' && value !== null && (value as Record<PropertyKey, unknown>)[OUTPUT_CONTROLLED] === true;
}
