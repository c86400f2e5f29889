import type { ColumnTable } from 'arquero';
import { SpecificationError } from '../core/errors.js';
import { PHASE_CODE, type EventPanel } from '../panel/types.js';
import { clusterBootstrapPhaseMeans, percentileInterval, type BootstrapScheme } from './clusterBootstrap.js';
import { checkLevel, normalCritical } from '../core/critical.js';
import { tCritical } from '../core/tCritical.js';
import { formatRows, tidyTable } from '../core/format.js';
import { personClusters, personPhaseStatistics, type PhaseWindows } from './personPhaseStatistics.js';
import type { EstimateFields } from './types.js';

/** What a phase-average row estimates: a phase mean, or the change after − before. */
export type PhaseQuantity = 'before' | 'during' | 'after' | 'change';

/** One estimate of {@link phaseAverages}. */
export interface PhaseAverageRow extends EstimateFields {
  readonly group: string;
  readonly quantity: PhaseQuantity;
  /** Clusters (persons, unless the panel carries other clusters) behind the estimate. */
  readonly n_clusters: number;
}

/** Options of {@link phaseAverages}. */
export interface PhaseAverageOptions {
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Event-time windows per phase, inclusive, e.g. `{ before: [-48, -1], after: [13, 48] }`. Default: the whole phase. */
  readonly windows?: PhaseWindows;
  /** Only persons observed in both the before and the after phase (default false). */
  readonly paired?: boolean;
  /** Also report the `during` mean (default: when the panel has a during phase). */
  readonly during?: boolean;
  /**
   * Critical value of the analytic interval: `normal` (default, z; as `lmtest::coefci(fit, vcov = vcovCL(...), df = Inf)`
   * and Stata's normal-based reporting) or `cluster` (Student t with G − 1 degrees of freedom, as Stata's `regress, vce(cluster)`).
   */
  readonly df?: 'normal' | 'cluster';
  /** Person-level cluster bootstrap with percentile intervals instead of the analytic interval. */
  readonly bootstrap?: {
    readonly replications: number;
    readonly seed: number;
    /** `multinomial` (default, the classical cluster bootstrap) or `poisson` (Poisson(1) multiplicities, cheaper at millions of clusters). */
    readonly scheme?: BootstrapScheme;
  };
}

/** Result of {@link phaseAverages}: rows, a tidy table and a text summary. */
export interface PhaseAverages {
  /** One row per group × quantity, with the requested interval (bootstrap when asked for). */
  readonly rows: readonly PhaseAverageRow[];
  /** The analytic CR1 rows (equal to `rows` unless a bootstrap was requested). */
  readonly analytic: readonly PhaseAverageRow[];
  readonly level: number;
  /** The rows as a tidy arquero table. */
  toTable(): ColumnTable;
  /** The rows as aligned text. */
  summary(): string;
}

const PHASE_LIST = ['before', 'during', 'after'] as const;

/**
 * Phase averages (design §4): per group, the pooled mean of the outcome over the person-months
 * of each phase, and the change after − before as the coefficient of `after` in `y ~ after` on
 * the stacked person-months. Standard errors are clustered by person (or by the panel's
 * clusters), CR1: V = G/(G−1) · (N−1)/(N−K) · (X'WX)⁻¹ (Σ_g s_g s_g') (X'WX)⁻¹ with
 * s_g = Σ_{i∈g} w_i u_i x_i, which is R `sandwich::vcovCL(lm(y ~ 1 or y ~ after, weights = w), cluster = ~id, type = "HC1")`.
 * With weights ≠ 1 (matching) the means are weighted (WLS). Persons with weight 0 are left out.
 *
 * Everything is computed from per-person sufficient statistics, so the bootstrap costs
 * O(clusters × replications).
 *
 * @example
 * import { panelFromLong, phaseAverages } from 'participation-effects';
 * const panel = panelFromLong(
 *   [
 *     { id: 'a', k: -1, y: 0 }, { id: 'a', k: 1, y: 1 },
 *     { id: 'b', k: -1, y: 1 }, { id: 'b', k: 1, y: 1 },
 *     { id: 'c', k: -2, y: 0 }, { id: 'c', k: -1, y: 0 }, { id: 'c', k: 1, y: 0 },
 *   ],
 *   { id: 'id', eventTime: 'k', outcome: 'y' },
 * );
 * const res = phaseAverages(panel);
 * res.rows.map((r) => [r.quantity, r.estimate]); // [['before', 0.25], ['after', 0.6666666666666666], ['change', 0.41666666666666663]]
 * res.rows[0].method; // 'cr1-cluster-person'
 * phaseAverages(panel, { bootstrap: { replications: 199, seed: 1 } }).rows[0].method; // 'cluster-bootstrap-percentile'
 */
export function phaseAverages(panel: EventPanel, options: PhaseAverageOptions = {}): PhaseAverages {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const df = options.df ?? 'normal';
  if (df !== 'normal' && df !== 'cluster') throw new SpecificationError(`df must be 'normal' or 'cluster', got ${JSON.stringify(df)}`);
  const withDuring = options.during ?? panel.spec.during;
  const stats = personPhaseStatistics(panel, { windows: options.windows });
  const clusters = personClusters(panel);
  const method = clusters.byPerson ? 'cr1-cluster-person' : 'cr1-cluster';
  const weight = panel.persons.weight;
  const nP = panel.persons.length;
  const G = clusters.count;
  const cl = clusters.cluster;
  // Per cluster, stride 6: Σw·y and Σw for before, during, after.
  const sums = new Float64Array(G * 6);
  const touched = new Uint8Array(G);
  const list = new Int32Array(G);
  const { count, sumY } = stats;

  const analytic: PhaseAverageRow[] = [];
  const rows: PhaseAverageRow[] = [];
  for (let g = 0; g < panel.groups.length; g++) {
    const group = panel.groups[g];
    // Pass over persons: sufficient statistics per cluster, persons and person-months per phase.
    let nList = 0;
    const persons = [0, 0, 0];
    const months = [0, 0, 0];
    let personsEither = 0;
    for (let p = 0; p < nP; p++) {
      if (panel.persons.group[p] !== g || !(weight[p] > 0)) continue;
      const cb = count[p * 3];
      const cd = count[p * 3 + 1];
      const ca = count[p * 3 + 2];
      if (options.paired && (cb === 0 || ca === 0)) continue;
      if (cb + ca + (withDuring ? cd : 0) === 0) continue;
      const c = cl[p];
      if (!touched[c]) {
        touched[c] = 1;
        list[nList++] = c;
      }
      const w = weight[p];
      for (let ph = 0; ph < 3; ph++) {
        const n = count[p * 3 + ph];
        if (n === 0 || (ph === 1 && !withDuring)) continue;
        sums[c * 6 + ph * 2] += w * sumY[p * 3 + ph];
        sums[c * 6 + ph * 2 + 1] += w * n;
        persons[ph]++;
        months[ph] += n;
      }
      if (cb + ca > 0) personsEither++;
    }

    // Phase means and their cluster counts.
    const W = [0, 0, 0];
    const S = [0, 0, 0];
    const Gph = [0, 0, 0];
    let Gchange = 0;
    for (let j = 0; j < nList; j++) {
      const o = list[j] * 6;
      for (let ph = 0; ph < 3; ph++) {
        if (sums[o + ph * 2 + 1] > 0) Gph[ph]++;
        S[ph] += sums[o + ph * 2];
        W[ph] += sums[o + ph * 2 + 1];
      }
      if (sums[o + 1] > 0 || sums[o + 5] > 0) Gchange++;
    }
    const mean = W.map((w, ph) => (w > 0 ? S[ph] / w : NaN));
    // Meat: Σ_g score², from the cluster sums (residuals u = y − mean within each phase).
    const meat = [0, 0, 0];
    let meatChange = 0;
    const [Wb, , Wa] = W;
    for (let j = 0; j < nList; j++) {
      const o = list[j] * 6;
      const score = [0, 0, 0];
      for (let ph = 0; ph < 3; ph++) {
        if (W[ph] > 0) score[ph] = (sums[o + ph * 2] - mean[ph] * sums[o + ph * 2 + 1]) / W[ph];
        meat[ph] += score[ph] * score[ph];
      }
      // Row 2 of (X'WX)⁻¹ s_g for y ~ after reduces to A_g/Wa − B_g/Wb.
      const d = score[2] - score[0];
      meatChange += d * d;
    }

    const critical = (clusterCount: number) => (df === 'normal' ? normalCritical(level) : tCritical(level, clusterCount - 1));
    const methodName = df === 'normal' ? method : `${method}-t`;
    const make = (quantity: PhaseQuantity, estimate: number, variance: number, nClusters: number, nPersons: number, nMonths: number, missing: string | undefined): PhaseAverageRow => {
      const base = { group, quantity, level, method: methodName, n_persons: nPersons, n_person_months: nMonths, n_clusters: nClusters };
      if (missing !== undefined) return { ...base, estimate: null, se: null, ci_low: null, ci_high: null, note: missing };
      if (nClusters < 2) return { ...base, estimate, se: null, ci_low: null, ci_high: null, note: 'a single cluster: no clustered standard error' };
      const se = Math.sqrt(variance);
      const z = critical(nClusters);
      return { ...base, estimate, se, ci_low: estimate - z * se, ci_high: estimate + z * se };
    };
    const phaseRow = (ph: number) => {
      const name = PHASE_LIST[ph];
      const G1 = Gph[ph];
      // Intercept-only lm: K = 1, so (N−1)/(N−K) = 1.
      const v = G1 > 1 ? (G1 / (G1 - 1)) * meat[ph] : NaN;
      return make(name, mean[ph], v, G1, persons[ph], months[ph], W[ph] > 0 ? undefined : `no person-months in phase ${name}`);
    };
    const groupRows: PhaseAverageRow[] = [phaseRow(PHASE_CODE.before)];
    if (withDuring) groupRows.push(phaseRow(PHASE_CODE.during));
    groupRows.push(phaseRow(PHASE_CODE.after));
    const N = months[0] + months[2];
    const missingChange = Wb > 0 && Wa > 0 ? undefined : `no person-months in phase ${Wb > 0 ? 'after' : 'before'}: no change`;
    const vChange = Gchange > 1 && N > 2 ? (Gchange / (Gchange - 1)) * ((N - 1) / (N - 2)) * meatChange : NaN;
    groupRows.push(make('change', mean[2] - mean[0], vChange, Gchange, personsEither, N, missingChange));
    analytic.push(...groupRows);

    if (options.bootstrap) {
      const { replications, seed, scheme = 'multinomial' } = options.bootstrap;
      const compact = new Float64Array(nList * 6);
      for (let j = 0; j < nList; j++) compact.set(sums.subarray(list[j] * 6, list[j] * 6 + 6), j * 6);
      const reps = clusterBootstrapPhaseMeans(compact, nList, replications, seed + g, scheme);
      const bootMethod = scheme === 'poisson' ? 'cluster-bootstrap-poisson-percentile' : 'cluster-bootstrap-percentile';
      for (const row of groupRows) {
        // The analytic note (e.g. a single cluster) does not carry over to the bootstrap row.
        const { note: analyticNote, ...rest } = row;
        if (row.estimate === null) {
          rows.push({ ...rest, method: bootMethod, note: analyticNote });
          continue;
        }
        const pi = percentileInterval(reps[row.quantity], level);
        const dropped = replications - pi.valid;
        if (pi.valid < 2) {
          rows.push({ ...rest, se: null, ci_low: null, ci_high: null, method: bootMethod, note: 'too few valid bootstrap replicates' });
          continue;
        }
        const out: PhaseAverageRow = { ...rest, se: pi.sd, ci_low: pi.low, ci_high: pi.high, method: bootMethod };
        rows.push(dropped > 0 ? { ...out, note: `${dropped} of ${replications} replicates had no person-months in a phase and were left out` } : out);
      }
    } else rows.push(...groupRows);

    // Reset the touched clusters for the next group.
    for (let j = 0; j < nList; j++) {
      const c = list[j];
      touched[c] = 0;
      sums.fill(0, c * 6, c * 6 + 6);
    }
  }

  return {
    rows,
    analytic,
    level,
    toTable: () => tidyTable(rows),
    summary: () =>
      `Phase averages, ${Math.round(level * 1000) / 10}% intervals (${rows[0]?.method ?? method})\n` +
      formatRows(
        [
          { key: 'group', label: 'group' },
          { key: 'quantity', label: 'quantity' },
          { key: 'estimate', label: 'estimate', digits: 4 },
          { key: 'se', label: 'se', digits: 4 },
          { key: 'ci_low', label: 'ci_low', digits: 4 },
          { key: 'ci_high', label: 'ci_high', digits: 4 },
          { key: 'n_persons', label: 'persons' },
          { key: 'n_person_months', label: 'person-months' },
        ],
        rows as unknown as Record<string, unknown>[],
      ),
  };
}
