import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';

/**
 * The result rows the figures draw, as minimal structural types: only the fields a figure
 * reads, so any compatible result (from this library's estimators, or built elsewhere) works.
 */

/** Output control marks: a suppressed row is left out of the marks and counted in the caption. */
export interface OutputControlFields {
  readonly suppressed?: boolean;
  /** Why the row was suppressed (e.g. `n < 10`). */
  readonly reason?: string;
  readonly suppression_reason?: string;
}

/** One event-time point of a participation profile (`participationProfile(panel).rows`). */
export interface ProfilePoint extends OutputControlFields {
  readonly group: string;
  readonly phase: 'before' | 'during' | 'after';
  readonly event_time: number;
  readonly n: number;
  readonly rate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly level: number;
}

/** A participation profile: `{ rows }`, or the rows themselves. */
export type ProfileInput = { readonly rows: readonly ProfilePoint[] } | readonly ProfilePoint[];

/** One phase average (`phaseAverages(panel).rows`): the report's "30 %" and "47 %". */
export interface PhaseAverage extends OutputControlFields {
  readonly group: string;
  readonly quantity: string;
  readonly estimate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly level: number;
}

/** Phase averages: `{ rows }`, or the rows themselves. */
export type PhaseAveragesInput = { readonly rows: readonly PhaseAverage[] } | readonly PhaseAverage[];

/** People in social work on 1 January of a year, by scheme (figure 1.1). */
export interface SchemeCount extends OutputControlFields {
  readonly year: number;
  readonly scheme: string;
  /** `null` when output control withheld it. */
  readonly count: number | null;
}

/** A count on 1 January of a year (the growth-target figure); rows with another `scheme` than Participatiewet are ignored. */
export interface YearCount extends OutputControlFields {
  readonly year: number;
  /** `null` when output control withheld it. */
  readonly count: number | null;
  readonly scheme?: string;
}

/** One event time of an event study: ATT(k), pointwise interval and uniform band. */
export interface EventStudyPoint extends OutputControlFields {
  readonly event_time: number;
  readonly estimate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly band_low?: number | null;
  readonly band_high?: number | null;
  readonly level: number;
  /** `before` (k relative to support start) or `after` (k relative to support end); absent = one axis. */
  readonly phase?: string;
}

/** An event study: the rows, or a result with `estimates` and its `reference` window. */
export type EventStudyInput =
  | readonly EventStudyPoint[]
  | { readonly rows: readonly EventStudyPoint[]; readonly spec?: { readonly reference?: readonly [number, number] } };

/** Share of people in one tenure bin on a reference date (ISO `YYYY-MM-DD`). */
export interface TenureBinShare extends OutputControlFields {
  readonly date: string;
  readonly bin: string;
  readonly n: number;
  readonly count: number;
  readonly share: number | null;
  readonly group?: string;
  /** Stacking order of the bin (`contractLengths` rows carry it). */
  readonly bin_index?: number;
  /** Persons in the bin whose tenure is a lower bound (left-censored start). */
  readonly n_left_censored?: number;
}

/** Share of people above a tenure threshold (e.g. > 2 years) on a reference date, with its interval. */
export interface ThresholdShare extends OutputControlFields {
  readonly date: string;
  readonly group?: string;
  readonly n: number;
  readonly count: number;
  readonly share: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly level?: number;
}

/** One step of a Kaplan–Meier curve. */
export interface SurvivalStep extends OutputControlFields {
  readonly group: string;
  readonly time: number;
  readonly n_risk: number;
  readonly n_event: number;
  readonly n_censor: number;
  readonly surv: number | null;
  /** Pointwise interval of S (as R's `lower`/`upper`, or the protocol's `ci_low`/`ci_high`). */
  readonly lower?: number | null;
  readonly upper?: number | null;
  readonly ci_low?: number | null;
  readonly ci_high?: number | null;
  readonly level?: number;
}

/** One Kaplan–Meier curve as parallel arrays (as in a `kaplanMeier` fit's `curves`, R's `survfit`). */
export interface SurvivalCurve {
  readonly group: string;
  readonly time: readonly number[];
  readonly n_risk: readonly number[];
  readonly n_event: readonly number[];
  readonly n_censor: readonly number[];
  readonly surv: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/** Kaplan–Meier results: step rows, a result with such `rows` (`relationshipSurvival`), or a fit with `curves` (and its level in `spec`). */
export type SurvivalInput =
  | readonly SurvivalStep[]
  | { readonly curves: readonly SurvivalCurve[]; readonly spec?: { readonly level?: number }; readonly level?: number }
  | { readonly rows: readonly SurvivalStep[] };

/**
 * Rows of a result that is either `{ rows }` or an array of rows, checked to be row objects that
 * carry the `required` fields (a value may be null). Anything else is a `SpecificationError` that
 * names the figure (`fn`), what it expected and what it got.
 *
 * @example
 * rowsOf([{ year: 2016, count: 3 }], 'figure11Spec', ['year', 'count']).length; // 1
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => rowsOf({}, 'figure21Spec')); // 'figure21Spec expects result rows (an array of row objects) or a result with `rows`; got an empty object'
 */
export function rowsOf<T>(input: { readonly rows: readonly T[] } | readonly T[], fn = 'figure', required: readonly string[] = []): readonly T[] {
  const rows: unknown = Array.isArray(input) ? input : isPlainObject(input) && Array.isArray(input.rows) ? input.rows : undefined;
  if (rows === undefined) throw new SpecificationError(`${fn} expects result rows (an array of row objects) or a result with \`rows\`; got ${describeValue(input)}`);
  checkRows(fn, rows as readonly unknown[], required);
  return rows as readonly T[];
}

/** Each row is an object with every required field present (null allowed). */
export function checkRows(fn: string, rows: readonly unknown[], required: readonly string[]): void {
  rows.forEach((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new SpecificationError(`${fn}: row ${i + 1} is ${describeValue(row)}, expected a row object`);
    const missing = required.filter((k) => !(k in row));
    if (missing.length > 0)
      throw new SpecificationError(`${fn}: row ${i + 1} lacks ${missing.map((k) => `"${k}"`).join(', ')} (expected rows with ${required.join(', ')}); got ${describeValue(row)}`);
  });
}
