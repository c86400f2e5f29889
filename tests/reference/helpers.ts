import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromCSV, type ColumnTable } from 'arquero';
import { expect } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

/** A committed input dataset of tests/reference/data as an arquero table (numbers parsed). */
export function readData(name: string): ColumnTable {
  return fromCSV(readFileSync(`${here}data/${name}.csv`, 'utf8'));
}

/** R's JSON reference output; "Inf"/"-Inf" strings become ±Infinity, null stays null (R's NA). */
export function readExpected<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(`${here}expected/${name}.json`, 'utf8'), (_key, v: unknown) =>
    v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : v,
  ) as T;
}

/** R writes NA where the library writes NaN, null or omits a value: all mean "not available". */
function missing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * |actual − expected| ≤ tol · max(1, |expected|): relative for large numbers, absolute near 0.
 * Missing values must be missing on both sides, infinities equal.
 */
export function expectClose(actual: number | null | undefined, expected: number | null, tol: number, label: string): void {
  expect(mismatch(actual, expected, tol), label).toBeNull();
}

/** Why `actual` is not close to `expected` (see {@link expectClose}), or null when it is. */
function mismatch(actual: number | null | undefined, expected: number | null, tol: number): string | null {
  if (missing(expected)) return missing(actual) ? null : `R has NA, library ${actual}`;
  const e = expected as number;
  if (typeof actual !== 'number' || Number.isNaN(actual)) return `R ${e}, library ${actual}`;
  if (!Number.isFinite(e)) return Object.is(actual, e) ? null : `R ${e}, library ${actual}`;
  const err = Math.abs(actual - e);
  return err <= tol * Math.max(1, Math.abs(e)) ? null : `R ${e}, library ${actual} (difference ${err})`;
}

/** {@link expectClose} elementwise, with equal lengths. */
export function expectAllClose(actual: ArrayLike<number | null>, expected: readonly (number | null)[], tol: number, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], tol, `${label}[${i}]`);
}

/** A committed input file of tests/reference/data as text (for loaders that parse it themselves). */
export function readDataText(name: string): string {
  return readFileSync(`${here}data/${name}.csv`, 'utf8');
}
