import { SpecificationError } from '../core/errors.js';
import { PHASES, type EventPanel, type Phase } from '../panel/types.js';
import { panelCells, type PanelCells } from '../panel/panelCells.js';
import type { PanelStatistics } from '../panel/panelStatistics.js';
import { clopperPearsonInterval } from '../inference/clopperPearsonInterval.js';
import { checkLevel, normalCritical } from '../core/critical.js';
import { checkOptions, describeValue } from '../core/options.js';
import { createResult, type Result, type ResultColumn } from '../core/result.js';
import { profileCells, type ProfileCells } from './profileCells.js';
import { profileClusterVariance, sharesClusters } from './profileClusters.js';
import type { ProportionInterval } from '../inference/proportionInterval.js';
import type { EstimateFields } from './types.js';
import { waldInterval } from '../inference/waldInterval.js';
import { wilsonInterval } from '../inference/wilsonInterval.js';

/** Interval for the rate at each event time. */
export type ProfileInterval = 'wilson' | 'clopper-pearson' | 'wald';

/** One group × phase × event time of a {@link participationProfile}. */
export interface ProfileRow extends EstimateFields {
  readonly group: string;
  readonly phase: Phase;
  readonly event_time: number;
  /**
   * Persons observed at this event time (unweighted); from statistics with cells of n > 1
   * person-months, the person-months (the trials of the interval).
   */
  readonly n: number;
  /** Persons participating (unweighted; from statistics the Σ outcome of the cells); null for non-binary outcomes. */
  readonly count: number | null;
  /** Participation rate (weighted when the profile is); equals `estimate`; null when n = 0. */
  readonly rate: number | null;
  /** Kish effective sample size (Σw)²/Σw², present when the profile is weighted. */
  readonly n_effective?: number;
}

/** Options of {@link participationProfile}. */
export interface ProfileOptions {
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Interval for binary outcomes (default `wilson`). */
  readonly interval?: ProfileInterval;
  /**
   * `auto` (default): weighted when any panel weight differs from 1 (e.g. matched controls), else
   * unweighted; `ignore`: always unweighted.
   */
  readonly weights?: 'auto' | 'ignore';
}

/** Resolved options of {@link participationProfile}. */
export interface ProfileSpec {
  readonly level: number;
  readonly interval: ProfileInterval;
  readonly weights: 'auto' | 'ignore';
  /** Whether the rates are weighted (`weights: 'auto'` and some panel weight ≠ 1). */
  readonly weighted: boolean;
  /** Whether the input was an event panel or its statistics. */
  readonly input: 'panel' | 'statistics';
}

/** Result of {@link participationProfile}. */
export interface ParticipationProfile extends Result<ProfileRow, ProfileSpec> {
  /** Whether the rates are weighted (also in `spec`). */
  readonly weighted: boolean;
}

const KEYS = { level: true, interval: true, weights: true } as const;

const COLUMNS: readonly ResultColumn[] = [
  { key: 'group', label: 'group' },
  { key: 'phase', label: 'phase' },
  { key: 'event_time', label: 'k' },
  { key: 'n', label: 'n' },
  { key: 'count', label: 'count' },
  { key: 'rate', label: 'rate', digits: 4 },
  { key: 'estimate' },
  { key: 'se' },
  { key: 'ci_low', label: 'ci_low', digits: 4 },
  { key: 'ci_high', label: 'ci_high', digits: 4 },
  { key: 'level' },
  { key: 'method' },
  { key: 'n_persons' },
  { key: 'n_person_months' },
  { key: 'n_effective' },
  { key: 'note' },
];

const INTERVALS: Record<ProfileInterval, (x: number, n: number, level: number) => ProportionInterval> = {
  wilson: wilsonInterval,
  'clopper-pearson': clopperPearsonInterval,
  wald: waldInterval,
};

/**
 * Participation rate at each event time (figure 2.1; definitions in docs/methods/README.md): one row per group × phase ×
 * event time with persons observed `n`, participating `count`, `rate` and its interval
 * (Wilson by default). Every event time of the panel's windows gets a row; a cell where nobody
 * is observed has `rate: null` and a note. Persons with weight 0 are left out.
 *
 * Weighted profiles (panel weights ≠ 1, `weights: 'auto'`): the rate is the weighted share and
 * the interval is computed at the Kish effective sample size. Non-binary outcomes (earnings, hours,
 * days worked, long panels) get the mean with a normal interval and the CR1 cluster-robust SE:
 * by person (method `normal-mean`, the n/(n−1) correction), or by the panel's clusters when
 * persons share one, e.g. controls matched in two sets (method `normal-mean-cr1-cluster`).
 *
 * Accepts the panel or its statistics (`panel.statistics()`, or cells from a query engine) with the
 * same numbers. A statistics cell with n > 1 person-months of one person at event time k counts n
 * trials and Σ outcome successes in a binary interval (Wilson, Clopper–Pearson, Wald): the interval
 * of the pooled person-months, which treats the months of one person as independent; `n` and
 * `n_person_months` are then person-months and `n_persons` persons. Non-binary means keep the
 * person (or cluster) as the unit of the CR1 variance, so pooled cells are handled exactly.
 *
 * @example
 * import { panelFromLong, participationProfile } from 'participation-effects';
 * const panel = panelFromLong(
 *   [{ id: 'a', k: -1, y: 1 }, { id: 'b', k: -1, y: 0 }, { id: 'a', k: 1, y: 1 }],
 *   { id: 'id', eventTime: 'k', outcome: 'y' },
 * );
 * const profile = participationProfile(panel);
 * profile.rows.map((r) => [r.phase, r.event_time, r.n, r.count, r.rate]); // [['before', -1, 2, 1, 0.5], ['after', 1, 1, 1, 1]]
 * profile.rows[0].ci_low.toFixed(4); // '0.0945'
 */
export function participationProfile(input: EventPanel | PanelStatistics, options: ProfileOptions = {}): ParticipationProfile {
  const panel = panelCells('participationProfile', input);
  checkOptions('participationProfile', options, KEYS);
  const level = options.level ?? 0.95;
  checkLevel(level);
  const interval = options.interval ?? 'wilson';
  const ci = INTERVALS[interval];
  if (ci === undefined) throw new SpecificationError(`participationProfile: interval must be 'wilson', 'clopper-pearson' or 'wald', got ${describeValue(interval)}`);
  const mode = options.weights ?? 'auto';
  if (mode !== 'auto' && mode !== 'ignore') throw new SpecificationError(`participationProfile: weights must be 'auto' or 'ignore', got ${describeValue(mode)}`);
  const weighted = mode === 'auto' && panel.persons.weight.some((w) => w !== 1);
  const cells = profileCells(panel, weighted);
  const binaryMethod = weighted ? `${interval}-kish-weighted` : interval;
  // Non-binary means: CR1 by person, or by cluster when persons share one (matched sets).
  const clustered = !panel.binary && sharesClusters(panel) ? profileClusterVariance(panel, cells, weighted) : undefined;
  const rows: ProfileRow[] = [];
  for (let g = 0; g < panel.groups.length; g++) {
    for (let ph = 0; ph < 3; ph++) {
      for (let k = cells.lo[ph]; k <= cells.hi[ph]; k++) rows.push(profileRow(panel, cells, g, ph, k, { level, ci, weighted, binaryMethod, clustered }));
    }
  }
  const spec: ProfileSpec = { level, interval, weights: mode, weighted, input: panel.input };
  const title = `Participation by event time, ${Math.round(level * 1000) / 10}% intervals (${panel.binary ? binaryMethod : 'normal-mean'})`;
  return { ...createResult({ kind: 'participationProfile', title, rows, spec, columns: COLUMNS }), weighted };
}

/** The row of one group × phase × event time: rate and interval, or a note when nobody is observed. */
function profileRow(
  panel: PanelCells,
  cells: ProfileCells,
  g: number,
  ph: number,
  k: number,
  how: { level: number; ci: (x: number, n: number, level: number) => ProportionInterval; weighted: boolean; binaryMethod: string; clustered?: { variance: Float64Array; clusters: Float64Array } },
): ProfileRow {
  const { level, weighted, binaryMethod } = how;
  const c = (g * 3 + ph) * cells.span + (k - cells.kMin);
  const { n, persons, sy, sw, swy, sw2, sw2y, sw2y2, sw2n2 } = cells;
  const base = { group: panel.groups[g], phase: PHASES[ph], event_time: k, n: n[c], level, n_persons: persons[c], n_person_months: n[c] };
  const nEff = weighted && n[c] > 0 ? (sw[c] * sw[c]) / sw2[c] : undefined;
  const extra = nEff === undefined ? {} : { n_effective: nEff };
  if (persons[c] === 0) {
    return { ...base, count: panel.binary ? 0 : null, rate: null, estimate: null, se: null, ci_low: null, ci_high: null, method: panel.binary ? binaryMethod : 'normal-mean', note: 'nobody observed at this event time' };
  }
  const plain = !weighted && panel.binary;
  const rate = plain ? sy[c] / n[c] : swy[c] / sw[c];
  if (panel.binary) {
    const m = nEff ?? n[c];
    const iv = how.ci(Math.min(m, Math.max(0, rate * m)), m, level);
    return { ...base, ...extra, count: sy[c], rate, estimate: rate, se: Math.sqrt((rate * (1 - rate)) / m), ci_low: iv.ci_low, ci_high: iv.ci_high, method: binaryMethod };
  }
  const z = normalCritical(level);
  if (how.clustered) {
    const v = how.clustered.variance[c];
    if (!(v >= 0)) return { ...base, ...extra, count: null, rate, estimate: rate, se: null, ci_low: null, ci_high: null, method: 'normal-mean-cr1-cluster', note: 'one cluster observed: no standard error' };
    const se = Math.sqrt(v);
    return { ...base, ...extra, count: null, rate, estimate: rate, se, ci_low: rate - z * se, ci_high: rate + z * se, method: 'normal-mean-cr1-cluster' };
  }
  const G = persons[c];
  if (G < 2) return { ...base, ...extra, count: null, rate, estimate: rate, se: null, ci_low: null, ci_high: null, method: 'normal-mean', note: 'one person observed: no standard error' };
  // CR1 with every person its own cluster: Σw²(s − m·mean)² / (Σw·m)², with the G/(G−1) factor (G persons).
  const ss = sw2y2[c] - 2 * rate * sw2y[c] + rate * rate * sw2n2[c];
  const se = Math.sqrt((Math.max(0, ss) / (sw[c] * sw[c])) * (G / (G - 1)));
  return { ...base, ...extra, count: null, rate, estimate: rate, se, ci_low: rate - z * se, ci_high: rate + z * se, method: 'normal-mean' };
}
