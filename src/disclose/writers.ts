import { from, toCSV } from 'arquero';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { isControlled } from './applyOutputControl.js';
import { tableRows, type TableInput } from './tableInput.js';
import type { ControlledTable } from './applyOutputControl.js';

/** Options of the controlled writers. */
export interface ControlledWriteOptions {
  /** Write a table that has not passed output control; the output is then marked "NOT OUTPUT-CONTROLLED". */
  readonly force?: boolean;
  /** CSV delimiter (default `,`; CBS exports often use `;`). */
  readonly delimiter?: string;
}

/**
 * First line of a forced CSV, and the flag of a forced JSON document.
 *
 * @example
 * toControlledCsv([{ n_persons: 3, estimate: 0.5 }], { force: true }).includes(NOT_CONTROLLED_MARK); // true
 */
export const NOT_CONTROLLED_MARK = 'NOT OUTPUT-CONTROLLED: this table has not passed output control and may not leave the secure environment';

function checkWriteOptions(fn: string, options: unknown): void {
  checkOptions(fn, options, { force: true, delimiter: true });
  const o = (options ?? {}) as ControlledWriteOptions;
  if (o.force !== undefined && typeof o.force !== 'boolean') throw new SpecificationError(`${fn}: force must be true or false, got ${describeValue(o.force)}`);
  if (o.delimiter !== undefined && (typeof o.delimiter !== 'string' || o.delimiter.length !== 1)) throw new SpecificationError(`${fn}: delimiter must be one character, got ${describeValue(o.delimiter)}`);
}

function refuse(format: string): never {
  throw new SpecificationError(
    `refusing to write ${format}: the table has not passed output control; pass it through applyOutputControl first, or pass { force: true } to write it marked "NOT OUTPUT-CONTROLLED"`,
  );
}

/**
 * A controlled table as CSV (withheld values are empty). An unchecked table is refused unless
 * `{ force: true }`; forced output starts with a `# NOT OUTPUT-CONTROLLED…` comment line.
 *
 * @example
 * import { applyOutputControl } from './applyOutputControl.js';
 * toControlledCsv(applyOutputControl([{ group: 'A', n: 4 }, { group: 'B', n: 12 }]));
 * // 'group,n,suppressed,suppression_reason\nA,,true,primary:min-persons\nB,12,false,\n'
 */
export function toControlledCsv(result: ControlledTable | TableInput, options: ControlledWriteOptions = {}): string {
  checkWriteOptions('toControlledCsv', options);
  const delimiter = options.delimiter ?? ',';
  if (isControlled(result)) return toCSV(result.toTable(), { delimiter });
  if (!options.force) refuse('CSV');
  const { rows, columns } = tableRows(result, 'toControlledCsv');
  return `# ${NOT_CONTROLLED_MARK}\n${toCSV(from(rows, columns), { delimiter })}`;
}

/**
 * A controlled table as a JSON document `{ output_control, columns, rows }`, where `output_control`
 * is the report (with `controlled: true`). An unchecked table is refused unless `{ force: true }`;
 * then `output_control` is `{ controlled: false, warning: NOT_CONTROLLED_MARK }`.
 *
 * @example
 * import { applyOutputControl } from './applyOutputControl.js';
 * JSON.parse(toControlledJson(applyOutputControl([{ group: 'B', n: 12 }]))).rows;
 * // [{ group: 'B', n: 12, suppressed: false, suppression_reason: null }]
 */
export function toControlledJson(result: ControlledTable | TableInput, options: ControlledWriteOptions = {}): string {
  checkWriteOptions('toControlledJson', options);
  if (isControlled(result)) return JSON.stringify({ output_control: result.report, columns: result.columns, rows: result.rows }, null, 2) + '\n';
  if (!options.force) refuse('JSON');
  const { rows, columns } = tableRows(result, 'toControlledJson');
  return JSON.stringify({ output_control: { controlled: false, warning: NOT_CONTROLLED_MARK }, columns, rows }, null, 2) + '\n';
}
