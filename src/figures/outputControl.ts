import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';
import { checkRows, type OutputControlFields } from './inputs.js';

/** Rows split by output control: the ones to draw, and how many were held back and why. */
export interface ShownRows<T> {
  readonly shown: T[];
  readonly suppressed: number;
  readonly reasons: string[];
}

/**
 * Splits rows into those that may be drawn and those output control suppressed
 * (`suppressed: true`), collecting the distinct reasons for the caption. Given the column a
 * figure draws, a suppressed row whose value in it was kept (output control withheld only
 * other columns) is still drawn.
 *
 * @example
 * const r = splitSuppressed([{ x: 1 }, { x: null, suppressed: true, reason: 'n < 10' }], 'x');
 * r.shown.length; // 1
 * r.suppressed; // 1
 * r.reasons; // ['n < 10']
 */
export function splitSuppressed<T extends OutputControlFields>(rows: readonly T[], valueColumn?: keyof T & string): ShownRows<T> {
  if (!Array.isArray(rows)) throw new SpecificationError(`splitSuppressed expects an array of result rows, got ${describeValue(rows)}`);
  checkRows('splitSuppressed', rows, []);
  const shown: T[] = [];
  const reasons = new Set<string>();
  let suppressed = 0;
  for (const row of rows) {
    const withheld = valueColumn === undefined || row[valueColumn] === null || row[valueColumn] === undefined;
    if (row.suppressed === true && withheld) {
      suppressed += 1;
      const reason = row.reason ?? row.suppression_reason;
      if (reason !== undefined && reason !== '') reasons.add(reason);
    } else {
      shown.push(row);
    }
  }
  return { shown, suppressed, reasons: [...reasons] };
}
