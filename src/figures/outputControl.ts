import type { OutputControlFields } from './inputs.js';

/** Rows split by output control: the ones to draw, and how many were held back and why. */
export interface ShownRows<T> {
  readonly shown: T[];
  readonly suppressed: number;
  readonly reasons: string[];
}

/**
 * Splits rows into those that may be drawn and those output control suppressed
 * (`suppressed: true`), collecting the distinct reasons for the caption.
 *
 * @example
 * const r = splitSuppressed([{ x: 1 }, { x: 2, suppressed: true, reason: 'n < 10' }]);
 * r.shown.length; // 1
 * r.suppressed; // 1
 * r.reasons; // ['n < 10']
 */
export function splitSuppressed<T extends OutputControlFields>(rows: readonly T[]): ShownRows<T> {
  const shown: T[] = [];
  const reasons = new Set<string>();
  let suppressed = 0;
  for (const row of rows) {
    if (row.suppressed === true) {
      suppressed += 1;
      const reason = row.reason ?? row.suppression_reason;
      if (reason !== undefined && reason !== '') reasons.add(reason);
    } else {
      shown.push(row);
    }
  }
  return { shown, suppressed, reasons: [...reasons] };
}
