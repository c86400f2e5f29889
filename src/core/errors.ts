/** Where and what went wrong while reading an input. */
export interface DataErrorDetails {
  /** Input name (`persons`, `support`, `employment`) or file path. */
  file: string;
  /** 1-based data row (header excluded); `undefined` when the problem is not tied to a row. */
  row?: number;
  /** Column name as it appears in the input. */
  column?: string;
  /** The offending value, as read. */
  value?: unknown;
  /** What was expected instead. */
  expected: string;
}

/**
 * Input that cannot be read: a missing column, a malformed date, an empty key.
 * Carries the file, row, column and offending value so the user can fix the source.
 *
 * @example
 * const err = new DataError({ file: 'support.csv', row: 3, column: 'begindatum', value: '2019-13-01', expected: 'a date YYYYMMDD' });
 * err.message; // 'support.csv, row 3, column "begindatum": got "2019-13-01", expected a date YYYYMMDD'
 */
export class DataError extends Error {
  readonly file: string;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly value: unknown;
  readonly expected: string;

  constructor(details: DataErrorDetails) {
    const where = [details.file, details.row !== undefined ? `row ${details.row}` : undefined, details.column !== undefined ? `column "${details.column}"` : undefined]
      .filter((x) => x !== undefined)
      .join(', ');
    const got = 'value' in details ? `got ${shown(details.value)}, ` : '';
    super(`${where}: ${got}expected ${details.expected}`);
    this.name = 'DataError';
    this.file = details.file;
    this.row = details.row;
    this.column = details.column;
    this.value = details.value;
    this.expected = details.expected;
  }
}

/**
 * Options that cannot work together or cannot be satisfied (a ratio below 1, an unknown covariate,
 * a window that is empty).
 *
 * @example
 * new SpecificationError('ratio must be at least 1, got 0').name; // 'SpecificationError'
 */
export class SpecificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecificationError';
  }
}

/** A value as the message shows it: JSON, except numbers JSON cannot spell (NaN, ±Infinity) and undefined. */
function shown(value: unknown): string {
  if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return String(value);
  return JSON.stringify(value) ?? String(value);
}
