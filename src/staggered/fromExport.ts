import { firstDayOfMonth, firstFullMonth, lastFullMonth, monthOfDay, OPEN_END } from '../core/calendar.js';
import { DataError, SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { toDayNumber } from '../io/dates.js';
import type { CbsExport } from '../io/types.js';
import { eventPanel, supportAnchors, type PanelOutcome, type ParticipationDefinition, type TrajectoryChoice } from '../panel/index.js';
import { markParticipation, resolveDefinition } from '../panel/participation.js';
import type { StaggeredPanel } from './staggeredPanel.js';

/** Length of a period of a staggered panel built from an export. */
export type StaggeredPeriod = 'month' | 'quarter' | 'year';

/** Options of {@link staggeredPanelFromExport}. */
export interface StaggeredExportOptions {
  /** Period length: cohorts are the period of support start, outcomes per period (default `quarter`). */
  readonly period?: StaggeredPeriod;
  /** When a month counts as participating, as in `eventPanel` (default `any-day`). */
  readonly participation?: ParticipationDefinition;
  /**
   * The monthly outcome, as in `eventPanel` (default participation): earnings, hours, days
   * worked, earnings above the minimum wage, benefit receipt. A period's outcome is the mean of
   * its months with a value; a person with a period without any is left out (`dropped.unbalanced`).
   */
  readonly outcome?: PanelOutcome;
  /** Cohorts by the period of support start (default), or by its quarter or year (cohort = the first period of that quarter or year). */
  readonly cohorts?: 'period' | 'quarter' | 'year';
  /** Which support trajectory sets the cohort for persons with several (default `first`). */
  readonly trajectory?: TrajectoryChoice;
  /**
   * Time-invariant person covariates: `birthYear`, `sex` (indicators of every level but the first),
   * `preParticipation` (the share of the 24 months before the panel's first period with
   * participation — before every kept person's support start; those months must lie inside the
   * export's observation period) or person covariates by name (categorical ones as indicators).
   */
  readonly covariates?: readonly string[];
  /**
   * Analysis window (`YYYYMMDD` / `YYYY-MM-DD` or day numbers) inside the export's observation
   * period; default the whole observation period. Persons whose support starts before the
   * window's first period are left out (treated at the start); later than its last period they
   * count as never treated.
   */
  readonly observation?: { readonly start: string | number; readonly end: string | number };
  /** Kept for compatibility; participation is now marked person by person, so it has no effect. */
  readonly chunk?: number;
}

const KEYS = { period: true, cohorts: true, participation: true, outcome: true, trajectory: true, covariates: true, chunk: true, observation: { start: true, end: true } } as const;

/** Months before the panel's first period over which `preParticipation` is measured. */
const PRE_MONTHS = 24;

/** The analysis window in days: the option's, checked to lie inside the export's observation period. */
function windowOf(exp: CbsExport, o: StaggeredExportOptions['observation']): { start: number; end: number } {
  if (o === undefined) return exp.observation;
  const day = (key: 'start' | 'end'): number => {
    const v = o[key];
    const d = typeof v === 'string' ? (() => {
      try {
        return toDayNumber(v);
      } catch {
        return NaN;
      }
    })() : v;
    if (typeof d !== 'number' || !Number.isInteger(d)) throw new SpecificationError(`staggeredPanelFromExport: observation.${key} must be a date ('YYYYMMDD' or 'YYYY-MM-DD') or a day number, got ${describeValue(v)}`);
    return d;
  };
  const start = Math.max(day('start'), exp.observation.start);
  const end = Math.min(day('end'), exp.observation.end);
  if (end < start) throw new SpecificationError(`staggeredPanelFromExport: the observation window ${describeValue(o.start)}…${describeValue(o.end)} does not overlap the export's observation period`);
  return { start, end };
}

/** Period number of a month number: the month itself, year × 4 + quarter, or the year. */
function periodOfMonth(month: number, period: StaggeredPeriod): number {
  if (period === 'month') return month;
  if (period === 'quarter') return Math.floor(month / 3);
  return Math.floor(month / 12);
}

function monthsPer(period: StaggeredPeriod): number {
  return period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
}

/**
 * A {@link StaggeredPanel} straight from a CBS-style export: every person of the persons table,
 * one outcome per period (month, quarter or year) of the observation period = the share of that
 * period's months in which the person participates (participation as `eventPanel` defines it; for
 * months the 0/1 participation itself), and as cohort the period in which the person's support
 * starts (`Infinity` for persons never supported in the data). Only whole periods inside the
 * observation period are used. Period numbers: months as `year × 12 + month − 1`, quarters as
 * `year × 4 + quarter − 1`, years as the year.
 *
 * @example
 * import { attGt, loadSynthetic, staggeredPanelFromExport } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 3, scale: 0.01 }); // or loadCbsExport(...)
 * const panel = staggeredPanelFromExport(exp, { period: 'year' });
 * panel.n + panel.dropped.treatedAtStart === exp.persons.length; // true
 * panel.outcome.every((y) => y >= 0 && y <= 1); // true
 * const att = attGt(panel, { control: 'not-yet' });
 * att.rows.length > 0; // true
 */
export function staggeredPanelFromExport(exp: CbsExport, options: StaggeredExportOptions = {}): StaggeredPanel {
  checkOptions('staggeredPanelFromExport', options, KEYS);
  const period = options.period ?? 'quarter';
  if (period !== 'month' && period !== 'quarter' && period !== 'year') throw new SpecificationError(`staggeredPanelFromExport: period must be 'month', 'quarter' or 'year', got ${describeValue(period)}`);
  const chunk = options.chunk ?? 50_000;
  if (!Number.isInteger(chunk) || chunk < 1) throw new SpecificationError(`staggeredPanelFromExport: chunk must be a whole number ≥ 1, got ${describeValue(chunk)}`);
  const per = monthsPer(period);
  const cohorts = options.cohorts ?? 'period';
  if (cohorts !== 'period' && cohorts !== 'quarter' && cohorts !== 'year') throw new SpecificationError(`staggeredPanelFromExport: cohorts must be 'period', 'quarter' or 'year', got ${describeValue(cohorts)}`);
  const cohortMonths = cohorts === 'period' ? per : monthsPer(cohorts);
  if (cohortMonths < per) throw new SpecificationError(`staggeredPanelFromExport: cohorts by ${cohorts} are shorter than the ${period} periods`);
  // Whole periods inside the observation window.
  const window = windowOf(exp, options.observation);
  const m0 = firstFullMonth(window.start);
  const m1 = lastFullMonth(window.end);
  const p0 = Math.ceil(m0 / per);
  const p1 = Math.floor((m1 + 1) / per) - 1;
  const T = p1 - p0 + 1;
  if (T < 2) throw new SpecificationError(`staggeredPanelFromExport: the observation period holds ${Math.max(T, 0)} whole ${period}s; at least two are needed`);
  const firstMonth = p0 * per;
  const lastMonth = (p1 + 1) * per - 1;
  const N = exp.persons.length;

  // Cohort: the period of the chosen trajectory's start.
  const cohortAll = new Float64Array(N).fill(Infinity);
  const anchors = supportAnchors(exp, { trajectory: options.trajectory });
  for (let r = 0; r < anchors.person.length; r++) {
    const m = monthOfDay(anchors.start[r]);
    cohortAll[anchors.person[r]] = periodOfMonth(m - (((m % cohortMonths) + cohortMonths) % cohortMonths), period);
  }

  const { minDays } = resolveDefinition(options.participation ?? 'any-day');
  const pre = (options.covariates ?? []).includes('preParticipation') ? preParticipation(exp, firstMonth, minDays) : undefined;
  if (options.outcome !== undefined && options.outcome !== 'participation') {
    const { Y, unbalanced } = outcomeByPeriod(exp, options, { firstMonth, lastMonth, p0, T, period, chunk });
    const result = assemble(exp, Y, cohortAll, T, p0, options.covariates ?? [], pre);
    return unbalanced > 0 ? { ...result, dropped: { ...result.dropped, unbalanced } } : result;
  }
  // Participation per person and month (as eventPanel marks it), summed into periods.
  // Monthly participation is 0/1: a byte per person-month.
  const Y = period === 'month' ? new Uint8Array(N * T) : new Float64Array(N * T);
  const months = markAll(exp, firstMonth, lastMonth - firstMonth + 1, minDays);
  const L = lastMonth - firstMonth + 1;
  for (let p = 0; p < N; p++) {
    const o = p * L;
    if (period === 'month') Y.set(months.subarray(o, o + L), p * T);
    else for (let m = 0; m < L; m++) if (months[o + m] === 1) Y[p * T + Math.floor(m / per)] += 1 / per;
  }
  return assemble(exp, Y, cohortAll, T, p0, options.covariates ?? [], pre);
}

/**
 * A non-participation outcome per person and period, in chunks: eventPanel with an anchor just
 * after the analysis window, so its `before` phase covers every month of the window. Months may
 * miss a value: a period's outcome is the mean over its months with one.
 */
function outcomeByPeriod(
  exp: CbsExport,
  options: StaggeredExportOptions,
  w: { firstMonth: number; lastMonth: number; p0: number; T: number; period: StaggeredPeriod; chunk: number },
): { Y: Float64Array; unbalanced: number } {
  const N = exp.persons.length;
  const { T, p0 } = w;
  const Y = new Float64Array(N * T);
  const counts = new Uint8Array(N * T);
  const L = w.lastMonth - w.firstMonth + 1;
  const after = firstDayOfMonth(w.lastMonth + 1);
  for (let a = 0; a < N; a += w.chunk) {
    const m = Math.min(w.chunk, N - a);
    const panel = eventPanel(exp, {
      before: L,
      after: 0,
      participation: options.participation,
      outcome: options.outcome,
      observation: { start: firstDayOfMonth(w.firstMonth), end: after - 1 },
      anchors: { person: Int32Array.from({ length: m }, (_, i) => a + i), start: new Int32Array(m).fill(after), end: new Int32Array(m).fill(OPEN_END), group: new Int32Array(m), groups: ['all'] },
    });
    for (let r = 0; r < panel.length; r++) {
      const at = (a + panel.person[r]) * T + periodOfMonth(panel.month[r], w.period) - p0;
      Y[at] += panel.outcome[r];
      counts[at]++;
    }
  }
  return { Y, unbalanced: averageOverMonths(Y, counts, T) };
}

/**
 * Turn per-period sums into means over the months with a value; a person with a period without
 * any is marked for leaving out (outcome NaN in every period, dropped by `assemble`). Returns how many.
 */
function averageOverMonths(Y: Float64Array, counts: Uint8Array, T: number): number {
  let dropped = 0;
  for (let i = 0; i < Y.length / T; i++) {
    let complete = true;
    for (let s = 0; s < T; s++) {
      const k = i * T + s;
      if (counts[k] === 0) complete = false;
      else Y[k] /= counts[k];
    }
    if (!complete) {
      Y[i * T] = NaN;
      dropped++;
    }
  }
  return dropped;
}

/** Participation flags of every person in the L months from `firstMonth`, person-major (0/1). */
function markAll(exp: CbsExport, firstMonth: number, L: number, minDays: number): Uint8Array {
  const N = exp.persons.length;
  const monthFirstDay = Int32Array.from({ length: L + 1 }, (_, i) => firstDayOfMonth(firstMonth + i));
  const out = new Uint8Array(N * L);
  const flags = new Uint8Array(L);
  const days = new Int32Array(minDays > 0 ? L : 0);
  const { start, end, offsets } = exp.employment;
  for (let p = 0; p < N; p++) {
    if (offsets[p + 1] === offsets[p]) continue;
    markParticipation(start, end, offsets[p], offsets[p + 1], 0, L - 1, monthFirstDay, minDays, flags, days);
    out.set(flags, p * L);
  }
  return out;
}

/** Per person: the share of the PRE_MONTHS months before `firstMonth` with participation. */
function preParticipation(exp: CbsExport, firstMonth: number, minDays: number): Float64Array {
  if (firstMonth - PRE_MONTHS < firstFullMonth(exp.observation.start)) {
    throw new SpecificationError(`staggeredPanelFromExport: covariate preParticipation needs the ${PRE_MONTHS} months before the first period inside the export's observation period; start the observation window later`);
  }
  const N = exp.persons.length;
  const flags = markAll(exp, firstMonth - PRE_MONTHS, PRE_MONTHS, minDays);
  const out = new Float64Array(N);
  for (let p = 0; p < N; p++) for (let m = 0; m < PRE_MONTHS; m++) out[p] += flags[p * PRE_MONTHS + m] / PRE_MONTHS;
  return out;
}

/** Keep persons not treated in the first period; add covariates. */
function assemble(exp: CbsExport, Y: Float64Array | Uint8Array, cohortAll: Float64Array, T: number, p0: number, covariates: readonly string[], pre: Float64Array | undefined): StaggeredPanel {
  const N = exp.persons.length;
  const cols = covariates.flatMap((name) => (name === 'preParticipation' ? [{ name, values: pre! }] : covariateColumns(exp, name)));
  const q = cols.length;
  const keep: number[] = [];
  let treatedAtStart = 0;
  let treatedAfterEnd = 0;
  for (let i = 0; i < N; i++) {
    if (Number.isNaN(Y[i * T])) continue; // a period without any outcome value (counted by the caller)
    if (cohortAll[i] <= p0) treatedAtStart++;
    else {
      if (cohortAll[i] > p0 + T - 1 && cohortAll[i] !== Infinity) {
        cohortAll[i] = Infinity;
        treatedAfterEnd++;
      }
      keep.push(i);
    }
  }
  const n = keep.length;
  const outcome = Y instanceof Uint8Array ? new Uint8Array(n * T) : new Float64Array(n * T);
  const cohort = new Float64Array(n);
  const x = new Float64Array(n * q);
  keep.forEach((i, j) => {
    outcome.set(Y.subarray(i * T, (i + 1) * T), j * T);
    cohort[j] = cohortAll[i];
    for (let c = 0; c < q; c++) {
      const v = cols[c].values[i];
      if (!Number.isFinite(v)) throw new DataError({ file: 'persons', row: exp.persons.sourceRow[i] + 1, column: cols[c].name, value: v, expected: 'a value for every person (a covariate of attGt)' });
      x[j * q + c] = v;
    }
  });
  return {
    n,
    ids: keep.map((i) => exp.persons.rinpersoons[i] + exp.persons.rinpersoon[i]),
    periods: Float64Array.from({ length: T }, (_, s) => p0 + s),
    outcome,
    cohort,
    weight: new Float64Array(n).fill(1),
    cluster: Int32Array.from({ length: n }, (_, j) => j),
    clusters: n,
    covariateNames: cols.map((c) => c.name),
    covariates: x,
    dropped: { unbalanced: 0, treatedAtStart },
    treatedAfterEnd,
  };
}

function covariateColumns(exp: CbsExport, name: string): { name: string; values: ArrayLike<number> }[] {
  const p = exp.persons;
  if (name === 'birthYear') return [{ name, values: p.birthYear }];
  const col = name === 'sex' ? p.sex : p.covariates[name];
  if (col === undefined) throw new SpecificationError(`staggeredPanelFromExport: unknown covariate "${name}"; available: birthYear, sex, preParticipation${Object.keys(p.covariates).map((k) => `, ${k}`).join('')}`);
  if (col instanceof Float64Array) return [{ name, values: col }];
  return col.levels.slice(1).map((level, j) => ({ name: `${name}=${level}`, values: Float64Array.from(col.codes, (c) => (c < 0 ? NaN : c === j + 1 ? 1 : 0)) }));
}
