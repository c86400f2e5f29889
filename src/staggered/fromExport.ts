import { firstDayOfMonth, firstFullMonth, lastFullMonth, monthOfDay, OPEN_END } from '../core/calendar.js';
import { DataError, SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import type { CbsExport } from '../io/types.js';
import { eventPanel, supportAnchors, type PanelOutcome, type ParticipationDefinition, type TrajectoryChoice } from '../panel/index.js';
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
  /** Time-invariant person covariates: `birthYear`, `sex` (indicators of every level but the first) or numeric person covariates by name. */
  readonly covariates?: readonly string[];
  /** Persons per chunk when reading participation (bounds memory; default 50 000). */
  readonly chunk?: number;
}

const KEYS = { period: true, cohorts: true, participation: true, outcome: true, trajectory: true, covariates: true, chunk: true } as const;

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
  // Whole periods inside the observation period.
  const m0 = firstFullMonth(exp.observation.start);
  const m1 = lastFullMonth(exp.observation.end);
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

  // Participation per person and period, in chunks: eventPanel with an anchor just after the
  // analysis window, so its `before` phase covers every month of the window.
  // Monthly participation is 0/1: a byte per person-month. Other outcomes may miss months:
  // count the months with a value per person-period and average over those.
  const participation = options.outcome === undefined || options.outcome === 'participation';
  const Y = period === 'month' && participation ? new Uint8Array(N * T) : new Float64Array(N * T);
  const counts = participation ? undefined : new Uint8Array(N * T);
  const L = lastMonth - firstMonth + 1;
  const after = firstDayOfMonth(lastMonth + 1);
  for (let a = 0; a < N; a += chunk) {
    const b = Math.min(N, a + chunk);
    const m = b - a;
    const panel = eventPanel(exp, {
      before: L,
      after: 0,
      participation: options.participation,
      ...(participation ? {} : { outcome: options.outcome }),
      observation: { start: firstDayOfMonth(firstMonth), end: after - 1 },
      anchors: { person: Int32Array.from({ length: m }, (_, i) => a + i), start: new Int32Array(m).fill(after), end: new Int32Array(m).fill(OPEN_END), group: new Int32Array(m), groups: ['all'] },
    });
    for (let r = 0; r < panel.length; r++) {
      const s = periodOfMonth(panel.month[r], period) - p0;
      const at = (a + panel.person[r]) * T + s;
      if (counts) {
        Y[at] += panel.outcome[r];
        counts[at]++;
      } else Y[at] += panel.outcome[r] / per;
    }
  }
  const unbalanced = counts ? averageOverMonths(Y as Float64Array, counts, cohortAll, T) : 0;
  const result = assemble(exp, Y, cohortAll, T, p0, options.covariates ?? []);
  return unbalanced > 0 ? { ...result, dropped: { ...result.dropped, unbalanced } } : result;
}

/**
 * Turn per-period sums into means over the months with a value; a person with a period without
 * any is marked for leaving out (cohort NaN). Returns how many persons that were.
 */
function averageOverMonths(Y: Float64Array, counts: Uint8Array, cohort: Float64Array, T: number): number {
  let dropped = 0;
  for (let i = 0; i < cohort.length; i++) {
    let complete = true;
    for (let s = 0; s < T; s++) {
      const k = i * T + s;
      if (counts[k] === 0) complete = false;
      else Y[k] /= counts[k];
    }
    if (!complete) {
      cohort[i] = NaN;
      dropped++;
    }
  }
  return dropped;
}

/** Keep persons not treated in the first period; add covariates. */
function assemble(exp: CbsExport, Y: Float64Array | Uint8Array, cohortAll: Float64Array, T: number, p0: number, covariates: readonly string[]): StaggeredPanel {
  const N = exp.persons.length;
  const cols = covariates.flatMap((name) => covariateColumns(exp, name));
  const q = cols.length;
  const keep: number[] = [];
  let treatedAtStart = 0;
  let treatedAfterEnd = 0;
  for (let i = 0; i < N; i++) {
    if (Number.isNaN(cohortAll[i])) continue; // a period without any outcome value
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
  if (col === undefined) throw new SpecificationError(`staggeredPanelFromExport: unknown covariate "${name}"; available: birthYear, sex${Object.keys(p.covariates).map((k) => `, ${k}`).join('')}`);
  if (col instanceof Float64Array) return [{ name, values: col }];
  return col.levels.slice(1).map((level, j) => ({ name: `${name}=${level}`, values: Float64Array.from(col.codes, (c) => (c < 0 ? NaN : c === j + 1 ? 1 : 0)) }));
}
