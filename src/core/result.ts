import { table, type ColumnTable } from 'arquero';
import { SpecificationError } from './errors.js';
import { formatRows } from './format.js';
import { describeValue } from './options.js';

/**
 * One hypothesis test, in the same shape wherever a result carries one (pre-trend test, log-rank,
 * proportional-hazards test, …).
 */
export interface HypothesisTest {
  /** What is tested, e.g. `pre-trend (joint Wald, F)` or `log-rank`. */
  readonly name: string;
  /** The test statistic (χ², F, z or t, see `distribution`); `null` when it cannot be computed (see `note`). */
  readonly statistic: number | null;
  /** Reference distribution of the statistic under the null. */
  readonly distribution: 'chi2' | 'F' | 'normal' | 't';
  /** Degrees of freedom (χ², t) or numerator degrees of freedom (F); `null` for the normal. */
  readonly df: number | null;
  /** Denominator degrees of freedom of an F test; `null` otherwise. */
  readonly df2: number | null;
  readonly p_value: number | null;
  /** The null hypothesis in words, e.g. `ATT(k) = 0 for every pre-support event time`. */
  readonly null_hypothesis: string;
  /** Why the test is missing or how to read it; absent when there is nothing to say. */
  readonly note?: string;
}

/** A column of a result's tidy table: its name, and how `summary()` prints it (when it does). */
export interface ResultColumn {
  readonly key: string;
  /** Header in `summary()`; the column is left out of the summary when absent. */
  readonly label?: string;
  /** Decimals in `summary()` for numbers. */
  readonly digits?: number;
}

/**
 * The columns every interval estimate shares, in the order the tidy tables print them:
 * standard error and the interval's ends (4 digits in `summary()`).
 *
 * @example
 * INTERVAL_COLUMNS.map((c) => c.key); // ['se', 'ci_low', 'ci_high']
 */
export const INTERVAL_COLUMNS: readonly ResultColumn[] = [
  { key: 'se', label: 'se', digits: 4 },
  { key: 'ci_low', label: 'ci_low', digits: 4 },
  { key: 'ci_high', label: 'ci_high', digits: 4 },
];

/**
 * The columns of a uniform (sup-t) band, after {@link INTERVAL_COLUMNS} where a result has one.
 *
 * @example
 * BAND_COLUMNS.map((c) => c.key); // ['band_low', 'band_high']
 */
export const BAND_COLUMNS: readonly ResultColumn[] = [
  { key: 'band_low', label: 'band_low', digits: 4 },
  { key: 'band_high', label: 'band_high', digits: 4 },
];

/**
 * What every estimator and test of the library returns: tidy `rows`, the same rows as an arquero
 * table with every column always present, a printed `summary()`, the resolved options (`spec`)
 * that reproduce it, its hypothesis `tests` and result-level `notes`. Estimators add their own
 * fields (e.g. a difference-in-differences result also has its four cell means) on top.
 * See the methods documentation, "Results".
 */
export interface Result<Row extends object, Spec extends object = Record<string, unknown>> {
  /** Which function made it, e.g. `phaseAverages`. */
  readonly kind: string;
  /** One row per estimate (tidy). */
  readonly rows: readonly Row[];
  /** The options as resolved (defaults filled in), so the result can be reproduced. */
  readonly spec: Spec;
  /** Hypothesis tests that belong to the result (may be empty). */
  readonly tests: readonly HypothesisTest[];
  /** Things a reader must know about the whole result (few clusters, dropped persons, …). */
  readonly notes: readonly string[];
  /** The rows as an arquero table; every declared column is present, `null` where a row has no value. */
  toTable(): ColumnTable;
  /** A printed table of the main columns, then the tests and the notes. */
  summary(): string;
}

/** What {@link createResult} needs. */
export interface ResultParts<Row extends object, Spec extends object> {
  readonly kind: string;
  /** First line of `summary()`. */
  readonly title: string;
  readonly rows: readonly Row[];
  readonly spec: Spec;
  /** Every column of the tidy table, in order. Row fields not listed here are left out of `toTable()`. */
  readonly columns: readonly ResultColumn[];
  readonly tests?: readonly HypothesisTest[];
  readonly notes?: readonly string[];
}

/**
 * Build a {@link Result}: the one place where `toTable()` and `summary()` are implemented.
 *
 * @example
 * const res = createResult({
 *   kind: 'demo', title: 'Demo', spec: { level: 0.95 },
 *   rows: [{ group: 'a', estimate: 0.25 }, { group: 'b', estimate: 0.5, note: 'few persons' }],
 *   columns: [{ key: 'group', label: 'group' }, { key: 'estimate', label: 'estimate', digits: 2 }, { key: 'note' }],
 * });
 * res.toTable().columnNames(); // ['group', 'estimate', 'note']
 * res.toTable().get('note', 0); // null
 * res.summary().split('\n')[2]; // 'a          0.25'
 */
export function createResult<Row extends object, Spec extends object>(parts: ResultParts<Row, Spec>): Result<Row, Spec> {
  const { kind, title, rows, spec, columns } = parts;
  const tests = parts.tests ?? [];
  const notes = parts.notes ?? [];
  return {
    kind,
    rows,
    spec,
    tests,
    notes,
    toTable: () => rowsTable(rows, columns),
    summary: () => formatSummary(title, rows, columns, tests, notes),
  };
}

/**
 * Rows as an arquero table with exactly the given columns, in order; a field a row lacks is `null`.
 *
 * @example
 * rowsTable([{ a: 1 }, { a: 2, b: 'x' }], [{ key: 'a' }, { key: 'b' }]).objects(); // [{ a: 1, b: null }, { a: 2, b: 'x' }]
 */
export function rowsTable(rows: readonly object[], columns: readonly ResultColumn[]): ColumnTable {
  const data: Record<string, unknown[]> = {};
  for (const { key } of columns) data[key] = rows.map((r) => (r as Record<string, unknown>)[key] ?? null);
  return table(data);
}

/**
 * One line per test: name, statistic, degrees of freedom and p-value.
 *
 * @example
 * formatTest({ name: 'pre-trend', statistic: 3.2, distribution: 'F', df: 4, df2: 96, p_value: 0.0163, null_hypothesis: 'no pre-trend' }); // 'pre-trend: F(4, 96) = 3.200, p = 0.0163 (H0: no pre-trend)'
 */
export function formatTest(t: HypothesisTest): string {
  const head =
    t.distribution === 'F'
      ? `F(${t.df ?? '—'}, ${t.df2 ?? '—'})`
      : t.distribution === 'chi2'
        ? `chi2(${t.df ?? '—'})`
        : t.distribution === 't'
          ? `t(${t.df ?? '—'})`
          : 'z';
  const stat = t.statistic === null ? '—' : t.statistic.toFixed(3);
  const p = t.p_value === null ? '—' : t.p_value === 0 ? '0' : t.p_value < 1e-4 ? t.p_value.toExponential(2) : t.p_value.toFixed(4);
  return `${t.name}: ${head} = ${stat}, p = ${p} (H0: ${t.null_hypothesis})${t.note ? `; ${t.note}` : ''}`;
}

function formatSummary(
  title: string,
  rows: readonly object[],
  columns: readonly ResultColumn[],
  tests: readonly HypothesisTest[],
  notes: readonly string[],
): string {
  const shown = columns.filter((c): c is ResultColumn & { label: string } => c.label !== undefined);
  const parts = [title, formatRows(shown, rows as readonly Record<string, unknown>[])];
  if (tests.length > 0) parts.push(tests.map(formatTest).join('\n'));
  if (notes.length > 0) parts.push(notes.map((n) => `Note: ${n}`).join('\n'));
  return parts.join('\n');
}

/**
 * Check that `value` is a result of one of the given kinds (its `kind` field, e.g. `'attGt'`)
 * before a function reads it; otherwise a `SpecificationError` naming the function, what it
 * expected (`what`) and what came instead.
 *
 * @example
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => checkResultKind('aggregate', {}, ['attGt'], 'an attGt result')); // 'aggregate expects an attGt result; got an empty object'
 */
export function checkResultKind(fn: string, value: unknown, kinds: readonly string[], what: string): void {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (typeof kind === 'string' && kinds.includes(kind) && Array.isArray((value as { rows?: unknown }).rows)) return;
  const got = value instanceof Promise ? 'a Promise: await it first' : typeof kind === 'string' ? `a ${kind} result` : describeValue(value);
  throw new SpecificationError(`${fn} expects ${what}; got ${got}`);
}
