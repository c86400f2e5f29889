import type { ColumnTable } from 'arquero';
import { SpecificationError } from '../core/errors.js';
import { PHASES, type EventPanel, type Phase } from '../panel/types.js';
import { clopperPearsonInterval } from '../inference/clopperPearsonInterval.js';
import { checkLevel, normalCritical } from '../core/critical.js';
import { formatRows, tidyTable } from '../core/format.js';
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
  /** Persons observed at this event time (unweighted). */
  readonly n: number;
  /** Persons participating (unweighted); null for non-binary outcomes. */
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

/** Result of {@link participationProfile}. */
export interface ParticipationProfile {
  readonly rows: readonly ProfileRow[];
  readonly level: number;
  readonly interval: ProfileInterval;
  /** Whether the rates are weighted. */
  readonly weighted: boolean;
  toTable(): ColumnTable;
  summary(): string;
}

const INTERVALS: Record<ProfileInterval, (x: number, n: number, level: number) => ProportionInterval> = {
  wilson: wilsonInterval,
  'clopper-pearson': clopperPearsonInterval,
  wald: waldInterval,
};

/**
 * Participation rate at each event time (design §4, figure 2.1): one row per group × phase ×
 * event time with persons observed `n`, participating `count`, `rate` and its interval
 * (Wilson by default). Every event time of the panel's windows gets a row; a cell where nobody
 * is observed has `rate: null` and a note. Persons with weight 0 are left out.
 *
 * Weighted profiles (panel weights ≠ 1, `weights: 'auto'`): the rate is the weighted share and
 * the interval is computed at the Kish effective sample size. Non-binary outcomes (long panels)
 * get the mean with a normal interval (method `normal-mean`, SE with the n/(n−1) correction).
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
export function participationProfile(panel: EventPanel, options: ProfileOptions = {}): ParticipationProfile {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const interval = options.interval ?? 'wilson';
  const ci = INTERVALS[interval];
  if (ci === undefined) throw new SpecificationError(`interval must be 'wilson', 'clopper-pearson' or 'wald', got ${JSON.stringify(interval)}`);
  const mode = options.weights ?? 'auto';
  if (mode !== 'auto' && mode !== 'ignore') throw new SpecificationError(`weights must be 'auto' or 'ignore', got ${JSON.stringify(mode)}`);
  const pw = panel.persons.weight;
  const weighted = mode === 'auto' && pw.some((w) => w !== 1);

  // Event-time range per phase: the panel's windows, widened to anything observed.
  const lo = [-panel.spec.before, 0, 1];
  const hi = [-1, -1, panel.spec.after];
  if (panel.spec.during) hi[1] = 0;
  for (let r = 0; r < panel.length; r++) {
    const ph = panel.phase[r];
    const k = panel.eventTime[r];
    if (k < lo[ph]) lo[ph] = k;
    if (k > hi[ph]) hi[ph] = k;
  }
  const kMin = Math.min(...lo);
  const K = Math.max(...hi) - kMin + 1;
  const nG = panel.groups.length;
  const cells = nG * 3 * K;
  const n = new Float64Array(cells);
  const sy = new Float64Array(cells);
  const sw = new Float64Array(cells);
  const swy = new Float64Array(cells);
  const sw2 = new Float64Array(cells);
  const sw2y = new Float64Array(cells);
  const sw2y2 = new Float64Array(cells);
  const group = panel.persons.group;
  const plain = !weighted && panel.binary;
  for (let r = 0; r < panel.length; r++) {
    const p = panel.person[r];
    const wp = pw[p];
    if (!(wp > 0)) continue;
    if (plain) {
      // Unweighted 0/1 outcomes need only n and the count (the common, large case).
      const c = (group[p] * 3 + panel.phase[r]) * K + (panel.eventTime[r] - kMin);
      n[c]++;
      sy[c] += panel.outcome[r];
      continue;
    }
    const w = weighted ? wp : 1;
    const y = panel.outcome[r];
    const c = (group[p] * 3 + panel.phase[r]) * K + (panel.eventTime[r] - kMin);
    n[c]++;
    sy[c] += y;
    sw[c] += w;
    swy[c] += w * y;
    sw2[c] += w * w;
    sw2y[c] += w * w * y;
    sw2y2[c] += w * w * y * y;
  }

  const z = normalCritical(level);
  const binaryMethod = weighted ? `${interval}-kish-weighted` : interval;
  const rows: ProfileRow[] = [];
  for (let g = 0; g < nG; g++) {
    for (let ph = 0; ph < 3; ph++) {
      for (let k = lo[ph]; k <= hi[ph]; k++) {
        const c = (g * 3 + ph) * K + (k - kMin);
        const base = { group: panel.groups[g], phase: PHASES[ph], event_time: k, n: n[c], level, n_persons: n[c], n_person_months: n[c] };
        const nEff = weighted && n[c] > 0 ? (sw[c] * sw[c]) / sw2[c] : undefined;
        const extra = nEff === undefined ? {} : { n_effective: nEff };
        if (n[c] === 0) {
          rows.push({ ...base, count: panel.binary ? 0 : null, rate: null, estimate: null, se: null, ci_low: null, ci_high: null, method: panel.binary ? binaryMethod : 'normal-mean', note: 'nobody observed at this event time' });
          continue;
        }
        const rate = plain ? sy[c] / n[c] : swy[c] / sw[c];
        if (panel.binary) {
          const m = nEff ?? n[c];
          const iv = ci(Math.min(m, Math.max(0, rate * m)), m, level);
          rows.push({ ...base, ...extra, count: sy[c], rate, estimate: rate, se: Math.sqrt((rate * (1 - rate)) / m), ci_low: iv.ci_low, ci_high: iv.ci_high, method: binaryMethod });
        } else if (n[c] < 2) {
          rows.push({ ...base, ...extra, count: null, rate, estimate: rate, se: null, ci_low: null, ci_high: null, method: 'normal-mean', note: 'one person observed: no standard error' });
        } else {
          // Σw²(y − m)² / (Σw)², with the n/(n−1) small-sample factor.
          const ss = sw2y2[c] - 2 * rate * sw2y[c] + rate * rate * sw2[c];
          const se = Math.sqrt((Math.max(0, ss) / (sw[c] * sw[c])) * (n[c] / (n[c] - 1)));
          rows.push({ ...base, ...extra, count: null, rate, estimate: rate, se, ci_low: rate - z * se, ci_high: rate + z * se, method: 'normal-mean' });
        }
      }
    }
  }

  return {
    rows,
    level,
    interval,
    weighted,
    toTable: () => tidyTable(rows),
    summary: () =>
      `Participation by event time, ${Math.round(level * 1000) / 10}% intervals (${panel.binary ? binaryMethod : 'normal-mean'})\n` +
      formatRows(
        [
          { key: 'group', label: 'group' },
          { key: 'phase', label: 'phase' },
          { key: 'event_time', label: 'k' },
          { key: 'n', label: 'n' },
          { key: 'count', label: 'count' },
          { key: 'rate', label: 'rate', digits: 4 },
          { key: 'ci_low', label: 'ci_low', digits: 4 },
          { key: 'ci_high', label: 'ci_high', digits: 4 },
        ],
        rows as unknown as Record<string, unknown>[],
      ),
  };
}
