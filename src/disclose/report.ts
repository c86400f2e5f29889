import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import type { ResolvedRules } from './resolveRules.js';
import type { RoundingSummary } from './rounding.js';
import type { SuppressionReason } from './suppressionState.js';

/** One withheld cell: where it is (1-based row, column, the row's labels) and which rule withheld it. Never its value. */
export interface OutputControlHit {
  readonly row: number;
  readonly column: string;
  readonly reason: SuppressionReason;
  /** The row's label columns (e.g. group, year), so a reader can find the cell. */
  readonly labels: Readonly<Record<string, unknown>>;
}

/**
 * What output control did to one table, for the researcher and the output checker. It deliberately holds
 * no withheld value and no sum over withheld values (either would undo the suppression).
 */
export interface OutputControlReport {
  readonly controlled: true;
  readonly rules: ResolvedRules;
  readonly rows: number;
  readonly columnsIn: readonly string[];
  readonly columnsOut: readonly string[];
  /** Min/max columns dropped from the output. */
  readonly removedColumns: readonly string[];
  /** Non-empty value cells before control (including those of removed columns). */
  readonly valueCellsBefore: number;
  /** Non-empty value cells published after control. */
  readonly valueCellsAfter: number;
  /** Rows published without any change by suppression. */
  readonly rowsPublished: number;
  /** Rows with every value withheld. */
  readonly rowsWithheld: number;
  /** Rows with some values withheld (e.g. a median without enough persons on each side). */
  readonly rowsPartlyWithheld: number;
  /** Value cells withheld (not counting removed min/max columns). */
  readonly cellsWithheld: number;
  /** Rows and cells per rule; `primary:min-max` counts the cells of removed columns. */
  readonly byReason: Readonly<Record<string, { readonly rows: number; readonly cells: number }>>;
  readonly hits: readonly OutputControlHit[];
  readonly rounding: (RoundingSummary & { readonly base: number; readonly columns: readonly string[]; readonly intervals: string }) | null;
  readonly notes: readonly string[];
}

/**
 * The report as plain text, to attach to an export request.
 *
 * @example
 * import { applyOutputControl } from './applyOutputControl.js';
 * const result = applyOutputControl([{ group: 'A', n: 4, estimate: 0.5 }, { group: 'B', n: 40, estimate: 0.3 }]);
 * formatOutputControlReport(result.report).split('\n')[0]; // 'Output control report (participation-effects)'
 */
export function formatOutputControlReport(report: OutputControlReport): string {
  if (typeof report !== 'object' || report === null || (report as { controlled?: unknown }).controlled !== true || typeof (report as { rules?: unknown }).rules !== 'object')
    throw new SpecificationError(`formatOutputControlReport expects the report of a controlled table (applyOutputControl(table).report); got ${describeValue(report)}`);
  const r = report.rules;
  const list = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : '(none)');
  const lines: string[] = [
    'Output control report (participation-effects)',
    '',
    'Rules',
    `  minimum persons per row: ${r.minPersons} (column ${r.personsColumn})`,
    `  minimum per count column: ${r.minCount} (${list(r.countColumns)})${r.complementCounts && r.rates.length ? '; also for denominator minus count of each rate' : ''}`,
    `  minima/maxima: not published; removed columns: ${list(report.removedColumns)}`,
    `  percentiles: ${r.percentiles.length ? r.percentiles.map((p) => `${p.columns.join(', ')} need >= ${p.minEachSide} persons below (${p.below}) and above (${p.above})`).join('; ') : '(none)'}`,
    `  implied counts of shares: ${r.impliedCounts.length ? r.impliedCounts.map((x) => `${x.column} x ${x.denominator}${x.scale !== 1 ? ` / ${x.scale}` : ''} (${x.detected ? 'found in the data' : 'as configured'})`).join('; ') : '(none)'}; missing counts are unknown and withheld`,
    `  margins published elsewhere: ${r.margins.length ? r.margins.map((m) => `${m.rows} row(s) by ${m.by.join(', ')} (${m.columns.join(', ')})`).join('; ') : '(none)'}`,
    `  derived rates: ${r.rates.length ? r.rates.map((x) => `${x.rate} = ${x.count} / ${x.denominator}${x.scale !== 1 ? ` x ${x.scale}` : ''}`).join('; ') : '(none)'}`,
    `  rounding: ${report.rounding ? `to base ${report.rounding.base} (${list(report.rounding.columns)}); intervals: ${report.rounding.intervals}` : 'none'}`,
    `  secondary suppression: ${r.secondary ? `dimensions ${r.secondary.dimensions.length ? r.secondary.dimensions.map((d) => `${d.column} (total "${d.total}")`).join(', ') : '(none)'}; by ${list(r.secondary.by)}` : 'not applied (no totals)'}`,
    ...(r.secondary?.shares ?? []).map(
      (s) => `  distribution over a shared total: ${s.count} per ${s.category} adds up to ${s.total} (by ${list(s.by)}); ${s.lines} line(s), ${s.detected ? 'found in the data' : 'as configured'}`,
    ),
    `  withheld cells of each additive line: together 0 or at least the threshold${r.secondary ? '' : ' (no lines)'}`,
    `  value columns: ${list(r.valueColumns)}`,
    `  label columns: ${list(r.labelColumns)}`,
    '',
    'Result',
    `  rows: ${report.rows} (published unchanged ${report.rowsPublished}, withheld ${report.rowsWithheld}, partly withheld ${report.rowsPartlyWithheld})`,
    `  value cells: ${report.valueCellsBefore} before, ${report.valueCellsAfter} published; ${report.cellsWithheld} withheld`,
  ];
  for (const [reason, c] of Object.entries(report.byReason)) lines.push(`  ${reason}: ${c.rows} rows, ${c.cells} cells`);
  if (report.rounding) {
    const x = report.rounding;
    lines.push(`  rounding: ${x.valuesChanged} counts changed, ${x.ratesRecomputed} rates recomputed, ${x.intervalsRecomputed} intervals recomputed, ${x.intervalsWithheld} intervals withheld`);
  }
  if (report.hits.length) {
    lines.push('', 'Withheld cells (row, column, rule, labels)');
    for (const h of report.hits) lines.push(`  ${h.row}\t${h.column}\t${h.reason}\t${Object.entries(h.labels).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
  }
  if (report.notes.length) {
    lines.push('', 'Notes');
    for (const n of report.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n') + '\n';
}
