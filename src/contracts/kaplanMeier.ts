import { normalCritical } from '../core/critical.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { createResult, type Result, type ResultColumn } from '../core/result.js';
import { levelOption } from './levelOption.js';
import { curvesAt, type KaplanMeierAtRow } from './kaplanMeierAt.js';
import { kaplanMeierCurve, type ConfType, type KaplanMeierCurve, type MedianSurvival } from './kaplanMeierCurve.js';
import { checkSurvivalData, sortedGroups, type SurvivalData } from './survivalInput.js';

export type { ConfType, KaplanMeierCurve, MedianSurvival } from './kaplanMeierCurve.js';
export type { KaplanMeierAtRow } from './kaplanMeierAt.js';

/** Options of {@link kaplanMeier}. */
export interface KaplanMeierOptions {
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Interval transform (default `log`, as R). */
  readonly confType?: ConfType;
}

/** The options as resolved, kept on the result (`spec`). */
export interface KaplanMeierSpec {
  readonly level: number;
  readonly confType: ConfType;
  /** Whether entry times were given (left truncation). */
  readonly delayedEntry: boolean;
}

/** One step of a curve as a tidy row; values R reports as NA/Inf are null here (with a note). */
export interface KaplanMeierRow {
  readonly group: string;
  readonly time: number;
  readonly n_risk: number;
  readonly n_event: number;
  readonly n_censor: number;
  /** S(time); the same as `estimate`. */
  readonly surv: number;
  /** Standard error of the cumulative hazard (R's `std.err`); `se` is the Greenwood SE of S. */
  readonly std_err: number | null;
  readonly estimate: number;
  readonly se: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly level: number;
  readonly method: string;
  readonly note?: string;
}

/** A Kaplan–Meier fit of one or more groups: the result protocol plus R-like curves. */
export interface KaplanMeierFit extends Result<KaplanMeierRow, KaplanMeierSpec> {
  /** One curve per group, as parallel arrays (R's `survfit` object). */
  readonly curves: readonly KaplanMeierCurve[];
  /** Median survival per group. */
  readonly medians: readonly MedianSurvival[];
  /** The curves at given times (R `summary(fit, times =)`); times beyond a group's last time are dropped unless `extend`. */
  at(times: readonly number[], options?: { readonly extend?: boolean }): KaplanMeierAtRow[];
}

const ROW_COLUMNS: readonly ResultColumn[] = [
  { key: 'group' },
  { key: 'time' },
  { key: 'n_risk' },
  { key: 'n_event' },
  { key: 'n_censor' },
  { key: 'surv' },
  { key: 'std_err' },
  { key: 'estimate' },
  { key: 'se' },
  { key: 'ci_low' },
  { key: 'ci_high' },
  { key: 'level' },
  { key: 'method' },
  { key: 'note' },
];

/** What `summary()` prints: one line per group, as R's `print.survfit`. */
export const MEDIAN_COLUMNS: readonly ResultColumn[] = [
  { key: 'group', label: 'group' },
  { key: 'n_persons', label: 'n' },
  { key: 'n_event', label: 'events' },
  { key: 'estimate', label: 'median', digits: 2 },
  { key: 'ci_low', label: 'lower', digits: 2 },
  { key: 'ci_high', label: 'upper', digits: 2 },
  { key: 'note' },
];

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Tidy rows of every curve, one per group and distinct time. */
function curveRows(curves: readonly KaplanMeierCurve[], spec: KaplanMeierSpec): KaplanMeierRow[] {
  const method = `kaplan-meier-greenwood-${spec.confType}`;
  return curves.flatMap((c) =>
    c.time.map((t, i) => {
      const lo = finite(c.lower[i]);
      const note = lo === null ? (spec.confType === 'log-log' && c.surv[i] === 1 ? 'log-log interval undefined where S = 1 (R: NA)' : 'interval undefined where S = 0 (R: NA)') : undefined;
      return {
        group: c.group,
        time: t,
        n_risk: c.n_risk[i],
        n_event: c.n_event[i],
        n_censor: c.n_censor[i],
        surv: c.surv[i],
        std_err: finite(c.std_err[i]),
        estimate: c.surv[i],
        se: finite(c.se_surv[i]),
        ci_low: lo,
        ci_high: finite(c.upper[i]),
        level: spec.level,
        method,
        ...(note ? { note } : {}),
      };
    }),
  );
}

/** Resolve and check the options. */
function resolveOptions(options: unknown): Omit<KaplanMeierSpec, 'delayedEntry'> {
  checkOptions('kaplanMeier', options, { level: true, confType: true });
  const o = (options ?? {}) as KaplanMeierOptions;
  const level = levelOption('kaplanMeier', o.level);
  const confType = o.confType ?? 'log';
  if (confType !== 'log' && confType !== 'log-log' && confType !== 'plain') throw new SpecificationError(`kaplanMeier: confType must be 'log', 'log-log' or 'plain', got ${describeValue(confType)}`);
  return { level, confType };
}

/**
 * Kaplan–Meier product-limit estimate per group, as R `survival::survfit(Surv(time, event) ~ group)`:
 * Greenwood variance, `std_err` the SE of the cumulative hazard, intervals on the log scale by
 * default (`log-log`, `plain` as R's `conf.type`); at tied times events come before censorings.
 * The median and its interval follow R's `quantile.survfit`. With `entry` times (delayed entry,
 * left truncation) a subject is at risk only on (entry, time], as R `Surv(entry, time, event)`.
 * Returns the result protocol: tidy `rows` (one per group and time), `toTable()`, `summary()`
 * (medians, as R's `print.survfit`), `spec`, `notes`; plus `curves`, `medians` and `at(times)`.
 *
 * @example
 * import { kaplanMeier } from 'participation-effects';
 * const fit = kaplanMeier({ time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161], event: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0] });
 * fit.medians[0].estimate; // 31
 * fit.medians[0].ci_low; // 18
 * Math.round(fit.rows[1].surv * 1000) / 1000; // 0.818
 * fit.at([20])[0].n_risk; // 7
 * // Delayed entry: the subject entering at 5 is not at risk at 3.
 * kaplanMeier({ time: [3, 6, 8], event: [1, 1, 0], entry: [0, 5, 0] }).rows.map((r) => r.n_risk); // [2, 2, 1]
 */
export function kaplanMeier(data: SurvivalData, options: KaplanMeierOptions = {}): KaplanMeierFit {
  checkSurvivalData('kaplanMeier', data);
  const resolved = resolveOptions(options);
  const groups = sortedGroups(data);
  const spec: KaplanMeierSpec = { ...resolved, delayedEntry: groups.delayedEntry };
  const z = normalCritical(spec.level);
  const curves = groups.labels.map((label, k) => kaplanMeierCurve(label, groups.groups[k], z, spec.confType, spec.level));
  const medians = curves.map((c) => c.median);
  const notes = [...new Set(curves.flatMap((c) => (c.note ? [c.note] : [])))];
  if (spec.delayedEntry) {
    notes.unshift('Delayed entry (left truncation): a subject is at risk only between its entry time and its exit time.');
    groups.groups.forEach((g, k) => {
      const first = g.entries && g.entries.length > 0 ? g.entries[0] : 0;
      const t0 = Number(first.toPrecision(4));
      if (first > 0) notes.push(`${groups.labels[k]}: nobody is at risk before time ${t0}, so the curve is survival conditional on reaching that time, S(t) / S(${t0}).`);
    });
  }
  const title = `Kaplan–Meier (${Math.round(spec.level * 1000) / 10}% intervals, ${spec.confType} scale)`;
  const rows = curveRows(curves, spec);
  const protocol = createResult({ kind: 'kaplanMeier', title, rows, spec, columns: ROW_COLUMNS, notes });
  const printed = createResult({ kind: 'kaplanMeier', title, rows: medians, spec, columns: MEDIAN_COLUMNS, notes });
  return {
    ...protocol,
    summary: printed.summary,
    curves,
    medians,
    at: (times, opts) => {
      if (opts !== undefined) checkOptions('kaplanMeier(…).at', opts, { extend: true });
      return curvesAt(curves, times, isPlainObject(opts) && opts.extend === true, spec.confType, spec.level);
    },
  };
}
