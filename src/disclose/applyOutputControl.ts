import { from, type ColumnTable } from 'arquero';
import { SpecificationError } from '../core/errors.js';
import { createResult, type Result } from '../core/result.js';
import { OUTPUT_CONTROLLED } from './brand.js';
import { checkRules } from './checkRules.js';
import { disclosingMargins, resolveMargins } from './margins.js';
import { applyPrimarySuppression } from './primarySuppression.js';
import type { OutputControlHit, OutputControlReport } from './report.js';
import { resolveRules, type ResolvedRules } from './resolveRules.js';
import { applyRounding, type RoundingSummary } from './rounding.js';
import type { OutputControlRules } from './rules.js';
import { additiveLines, applySecondarySuppression } from './secondarySuppression.js';
import { newSuppressionState, type SuppressionReason, type SuppressionState } from './suppressionState.js';
import { tableRows, type TableInput, type TableRow } from './tableInput.js';

/** A row of a controlled table: the published values (withheld ones are `null`) plus why anything was withheld. */
export type ControlledRow = TableRow & {
  /** True when any value of the row was withheld. */
  readonly suppressed: boolean;
  /** The rules that withheld values, joined by `; ` (e.g. `primary:min-persons`), or null. */
  readonly suppression_reason: string | null;
};

/**
 * A table that has passed output control, in the one result protocol (`rows`, `toTable()`, `summary()`,
 * `spec` = the rules as applied, `notes`) plus the column order and the report. Rows are frozen.
 */
export interface ControlledTable extends Result<ControlledRow, ResolvedRules> {
  readonly [OUTPUT_CONTROLLED]: true;
  readonly controlled: true;
  readonly columns: readonly string[];
  readonly report: OutputControlReport;
}

const WHOLE_ROW_REASONS: ReadonlySet<SuppressionReason> = new Set([
  'primary:min-persons',
  'primary:min-count',
  'primary:min-count-complement',
  'primary:count-unknown',
  'primary:implied-count',
  'primary:implied-count-complement',
  'secondary:total', 'secondary:complement', 'secondary:linked-totals', 'secondary:withheld-sum']);

/**
 * Make a result table safe to leave a secured microdata environment (statistical disclosure control):
 * 1. check the table (an array of rows, an arquero table or a result) and the rule names (a misspelt
 *    rule is refused with the nearest valid name); refuse a table without a person-count column;
 * 2. drop minimum/maximum columns;
 * 3. primary suppression: withhold rows with fewer than `minPersons` persons, a count below `minCount`
 *    (or a rate's complement below it), a share whose implied count (`share × n`, or its complement) is
 *    below it, or an unknown (missing) person count or count; and percentiles without enough persons on each side;
 * 4. secondary suppression: in tables with totals (total rows, distributions whose counts add up to a
 *    denominator published on every row, or margins published elsewhere and passed as `rules.margins`),
 *    withhold further cells until no withheld cell can be recovered by subtraction from a total (this
 *    includes the complement of a two-group table), and the withheld cells of every line together hold 0
 *    or at least the threshold;
 * 5. optional rounding of counts, with derived rates (and their intervals) recomputed from the rounded counts.
 *
 * Withheld values become `null`; each row gets `suppressed` and `suppression_reason`. The result follows the
 * result protocol (`rows`, `toTable()`, `summary()`, `spec` = the rules as applied, `notes`) and carries a
 * report (`formatOutputControlReport` renders it) and a mark that the writers check.
 *
 * @example
 * const result = applyOutputControl([
 *   { group: 'A', n: 6, count: 3, estimate: 0.5 },
 *   { group: 'B', n: 120, count: 36, estimate: 0.3 },
 * ]);
 * result.rows[0]; // { group: 'A', n: null, count: null, estimate: null, suppressed: true, suppression_reason: 'primary:min-persons; primary:min-count; primary:min-count-complement' }
 * result.rows[1].estimate; // 0.3
 * // A share with its n implies a count: 0.015 × 200 = 3 persons.
 * applyOutputControl([{ g: 'a', n: 200, estimate: 0.015 }, { g: 'b', n: 200, estimate: 0.4 }]).rows.map((r) => r.suppression_reason); // ['primary:implied-count', null]
 * applyOutputControl([{ g: 'a', n: 200, count: null, estimate: 0.4 }]).rows[0].suppression_reason; // 'primary:count-unknown'
 */
export function applyOutputControl(table: TableInput, rules: OutputControlRules = {}): ControlledTable {
  checkRules(rules);
  const { rows, columns } = tableRows(table, 'applyOutputControl');
  for (const c of ['suppressed', 'suppression_reason'])
    if (columns.includes(c)) throw new SpecificationError(`output control: the table already has a "${c}" column; control the original result table, not an already controlled one`);
  const resolved = resolveRules(columns, rows, rules);
  const margins = resolveMargins(rules.margins, columns.filter((c) => !resolved.minMaxColumns.includes(c)), [resolved.personsColumn, ...resolved.countColumns]).rows.flat();
  const state = newSuppressionState(rows, margins);
  applyPrimarySuppression(state, resolved);
  applySecondarySuppression(state, resolved);
  const roundingSummary = applyRounding(state, resolved);
  const published = publishRows(state, columns, resolved);
  const disclosing = resolved.margins.length > 0 ? disclosingMargins(additiveLines(state, resolved), state.rows, resolved.personsColumn, resolved.minPersons) : 0;
  const report = buildReport(rows, columns, resolved, published, roundingSummary, disclosing);
  const frozenRows = Object.freeze(published.rows);
  const title = `Output-controlled table (${report.rowsWithheld} of ${report.rows} rows withheld, ${report.rowsPartlyWithheld} partly)`;
  const result = createResult({
    kind: 'applyOutputControl',
    title,
    rows: frozenRows,
    spec: resolved,
    columns: published.columns.map((key) => ({ key, label: key })),
    notes: report.notes,
  });
  return Object.freeze({
    ...result,
    [OUTPUT_CONTROLLED]: true as const,
    controlled: true as const,
    columns: Object.freeze(published.columns),
    report,
    toTable: (): ColumnTable => from([...frozenRows], published.columns),
  });
}

/** What publishing the rows gives: the rows, where values were withheld, and the tallies for the report. */
interface Published {
  readonly rows: ControlledRow[];
  readonly columns: string[];
  readonly hits: OutputControlHit[];
  readonly byReason: Record<string, { rows: number; cells: number }>;
  readonly valueCellsBefore: number;
  readonly valueCellsAfter: number;
  readonly rowsWithheld: number;
  readonly rowsPartlyWithheld: number;
}

const nonEmpty = (v: unknown): boolean => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v));

/** The table's rows as published: withheld values null, min/max columns dropped, reasons per row. */
function publishRows(state: SuppressionState, columns: readonly string[], resolved: ResolvedRules): Published {
  const original = state.rows.slice(0, state.tableRows);
  const removed = new Set(resolved.minMaxColumns);
  const hits: OutputControlHit[] = [];
  const byReason: Record<string, { rows: number; cells: number }> = {};
  const tally = (reason: string, cells: number): void => {
    const t = (byReason[reason] ??= { rows: 0, cells: 0 });
    t.rows++;
    t.cells += cells;
  };
  let valueCellsBefore = 0;
  let minMaxCells = 0;
  for (const row of original) {
    for (const c of resolved.valueColumns) if (nonEmpty(row[c])) valueCellsBefore++;
    for (const c of resolved.minMaxColumns) if (nonEmpty(row[c])) minMaxCells++;
  }
  let valueCellsAfter = 0;
  let rowsWithheld = 0;
  let rowsPartlyWithheld = 0;
  const rows = original.map((row, i) => {
    const labels: Record<string, unknown> = {};
    for (const c of resolved.labelColumns) labels[c] = row[c];
    const out: Record<string, unknown> = {};
    for (const c of columns) if (!removed.has(c)) out[c] = row[c];
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
        out[c] = null;
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
          out[c] = null;
        }
        for (const [reason, n] of perReason) tally(reason, n);
      }
      for (const c of resolved.valueColumns) if (nonEmpty(out[c])) valueCellsAfter++;
    }
    out.suppressed = reasons.length > 0;
    out.suppression_reason = reasons.length > 0 ? reasons.join('; ') : null;
    return Object.freeze(out) as ControlledRow;
  });
  if (minMaxCells > 0) byReason['primary:min-max'] = { rows: 0, cells: minMaxCells };
  const columnsOut = [...columns.filter((c) => !removed.has(c)), 'suppressed', 'suppression_reason'];
  return { rows, columns: columnsOut, hits, byReason, valueCellsBefore: valueCellsBefore + minMaxCells, valueCellsAfter, rowsWithheld, rowsPartlyWithheld };
}

/** The report: rules as applied, what was withheld where and why, and notes (never a withheld value). */
function buildReport(rows: readonly object[], columns: readonly string[], resolved: ResolvedRules, p: Published, roundingSummary: RoundingSummary, disclosingMargins: number): OutputControlReport {
  const notes: string[] = [];
  if (disclosingMargins > 0)
    notes.push(`${disclosingMargins} margin row(s) published elsewhere total a single cell of this table or fewer than ${resolved.minPersons} persons: they disclose by themselves, whatever this table withholds.`);
  if (!resolved.secondary && resolved.margins.length === 0)
    notes.push('No total row or column found, so no secondary suppression was needed within this table. If totals of these cells are published elsewhere, pass them as rules.margins (or rules.secondary with the table structure).');
  if (resolved.margins.length > 0)
    notes.push(`Margins published elsewhere (${resolved.margins.map((m) => `by ${m.by.join(', ')}`).join('; ')}) were checked: no withheld cell, and no small sum of withheld cells, follows from a margin minus the published cells.`);
  if (resolved.impliedCounts.length > 0)
    notes.push(`Shares published with their number of persons imply a count (${resolved.impliedCounts.map((r) => `${r.column} × ${r.denominator}${r.scale !== 1 ? ` / ${r.scale}` : ''}`).join('; ')}): it was checked like a count.`);
  if (p.byReason['primary:count-unknown'])
    notes.push(`Rows with a missing person count or count (${resolved.countColumns.join(', ') || resolved.personsColumn}) were withheld: an unknown count cannot be shown to be safe. If a column carries no counts (e.g. the mean of a continuous outcome), leave it out with rules.countColumns.`);
  if (resolved.rounding)
    notes.push(`Counts are rounded to base ${resolved.rounding.base} independently, so published totals need not equal the sum of published cells; derived rates were recomputed from the rounded counts.`);
  notes.push('This report lists where values were withheld, never the withheld values or sums of them.');
  return Object.freeze({
    controlled: true as const,
    rules: resolved,
    rows: rows.length,
    columnsIn: [...columns],
    columnsOut: p.columns,
    removedColumns: resolved.minMaxColumns,
    valueCellsBefore: p.valueCellsBefore,
    valueCellsAfter: p.valueCellsAfter,
    rowsPublished: rows.length - p.rowsWithheld - p.rowsPartlyWithheld,
    rowsWithheld: p.rowsWithheld,
    rowsPartlyWithheld: p.rowsPartlyWithheld,
    cellsWithheld: p.hits.length,
    byReason: p.byReason,
    hits: p.hits,
    rounding: resolved.rounding ? { ...roundingSummary, base: resolved.rounding.base, columns: resolved.rounding.columns, intervals: resolved.rounding.intervals } : null,
    notes,
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
