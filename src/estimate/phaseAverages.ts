import { checkLevel } from '../core/critical.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { createResult, type HypothesisTest, type Result, type ResultColumn, INTERVAL_COLUMNS } from '../core/result.js';
import { resolveBootstrap, type MultiplierWeights, type ResolvedBootstrap } from '../inference/multiplierBootstrap.js';
import { panelCells } from '../panel/panelCells.js';
import type { PanelStatistics } from '../panel/panelStatistics.js';
import type { EventPanel } from '../panel/types.js';
import type { BootstrapScheme } from './clusterBootstrap.js';
import { clusterBootstrapRows, wildChangeRow } from './phaseBootstrap.js';
import { phaseRows } from './phaseRows.js';
import { groupPhaseSums } from './phaseSums.js';
import { personClusters, phaseCellSums, resolveWindows, type PhaseWindows } from './personPhaseStatistics.js';
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
   * Critical value of the analytic interval: `normal` (default, z) or `cluster` (Student t with
   * G − 1 degrees of freedom, as Stata's `regress, vce(cluster)`).
   */
  readonly df?: 'normal' | 'cluster';
  /**
   * `cr1` (default); `cluster-bootstrap` (percentile intervals from resampling clusters; implied by
   * `bootstrap` alone); `wild-bootstrap` (wild cluster bootstrap-t of the change, null imposed, for few clusters).
   */
  readonly inference?: 'cr1' | 'cluster-bootstrap' | 'wild-bootstrap';
  /**
   * Bootstrap draws: `replications`, `seed`; for the cluster bootstrap `scheme` (`multinomial`,
   * default, or `poisson`), for the wild bootstrap `weights` (`rademacher`, default, `webb`, `mammen`).
   */
  readonly bootstrap?: { readonly replications?: number; readonly seed?: number; readonly scheme?: BootstrapScheme; readonly weights?: MultiplierWeights };
}

/** Resolved options of {@link phaseAverages}. */
export interface PhaseAverageSpec {
  readonly level: number;
  readonly windows: PhaseWindows | null;
  readonly paired: boolean;
  readonly during: boolean;
  readonly df: 'normal' | 'cluster';
  readonly inference: 'cr1' | 'cluster-bootstrap' | 'wild-bootstrap';
  readonly bootstrap: (ResolvedBootstrap & { readonly scheme?: BootstrapScheme }) | null;
  /** Whether the input was an event panel or its statistics. */
  readonly input: 'panel' | 'statistics';
}

/** Result of {@link phaseAverages}. */
export interface PhaseAverages extends Result<PhaseAverageRow, PhaseAverageSpec> {
  /** The analytic CR1 rows (equal to `rows` unless a bootstrap was requested). */
  readonly analytic: readonly PhaseAverageRow[];
}

const KEYS = { level: true, windows: { before: true, during: true, after: true }, paired: true, during: true, df: true, inference: true, bootstrap: { replications: true, seed: true, scheme: true, weights: true } } as const;

const COLUMNS: readonly ResultColumn[] = [
  { key: 'group', label: 'group' },
  { key: 'quantity', label: 'quantity' },
  { key: 'estimate', label: 'estimate', digits: 4 },
  ...INTERVAL_COLUMNS,
  { key: 'level' },
  { key: 'method' },
  { key: 'n_persons', label: 'persons' },
  { key: 'n_person_months', label: 'person-months' },
  { key: 'n_clusters', label: 'clusters' },
  { key: 'note' },
];

/**
 * Phase averages: per group, the pooled mean of the outcome over the person-months of each phase, and
 * the change after − before as the coefficient of `after` in `y ~ after` on the stacked person-months.
 * Standard errors are clustered by person (or by the panel's clusters), CR1, as R
 * `sandwich::vcovCL(lm(y ~ 1 or y ~ after, weights = w), cluster = ~id, type = "HC1")`. With weights
 * ≠ 1 (matching) the means are weighted. Persons with weight 0 are left out. Everything comes from
 * per-cluster sums, so a bootstrap costs O(clusters × replications).
 *
 * Accepts the panel or its statistics (`panel.statistics()`, or cells from a query engine) with the
 * same numbers: a cell of n person-months adds n to its person's months and its Σ outcome to its
 * person's sum, so the means stay pooled over person-months and the person stays the cluster.
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
 * phaseAverages(panel.statistics()).rows[2].estimate; // 0.41666666666666663
 */
export function phaseAverages(input: EventPanel | PanelStatistics, options: PhaseAverageOptions = {}): PhaseAverages {
  const panel = panelCells('phaseAverages', input);
  checkOptions('phaseAverages', options, KEYS);
  const spec = { ...resolveSpec(options, panel.spec.during), input: panel.input };
  const stats = phaseCellSums(panel, resolveWindows(options.windows));
  const clusters = personClusters(panel);
  const method = clusters.byPerson ? 'cr1-cluster-person' : 'cr1-cluster';
  const analytic: PhaseAverageRow[] = [];
  const rows: PhaseAverageRow[] = [];
  const tests: HypothesisTest[] = [];
  const notes: string[] = [];
  for (let g = 0; g < panel.groups.length; g++) {
    const group = panel.groups[g];
    const sums = groupPhaseSums(panel, stats, clusters, g, spec.during, spec.paired);
    const groupRows = phaseRows(group, sums, spec.during, spec.level, spec.df, method);
    analytic.push(...groupRows);
    if (sums.clusters >= 2 && sums.clusters < 30) notes.push(`${group}: only ${sums.clusters} clusters; cluster-robust standard errors are unreliable with fewer than about 30 (inference: 'wild-bootstrap' for the change)`);
    if (spec.inference === 'cluster-bootstrap' && spec.bootstrap) {
      rows.push(...clusterBootstrapRows(groupRows, sums, { replications: spec.bootstrap.replications, seed: spec.bootstrap.seed + g, scheme: spec.bootstrap.scheme ?? 'multinomial' }, spec.level));
    } else if (spec.inference === 'wild-bootstrap' && spec.bootstrap) {
      for (const row of groupRows) {
        if (row.quantity !== 'change' || row.se === null || row.estimate === null) rows.push(row);
        else {
          const wild = wildChangeRow(row, sums, spec.bootstrap, spec.level);
          rows.push(wild.row);
          tests.push(wild.test);
        }
      }
    } else rows.push(...groupRows);
  }
  const title = `Phase averages, ${Math.round(spec.level * 1000) / 10}% intervals (${rows[0]?.method ?? method})`;
  return { ...createResult({ kind: 'phaseAverages', title, rows, spec, columns: COLUMNS, tests, notes }), analytic };
}

function resolveSpec(options: PhaseAverageOptions, panelDuring: boolean): Omit<PhaseAverageSpec, 'input'> {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const df = options.df ?? 'normal';
  if (df !== 'normal' && df !== 'cluster') throw new SpecificationError(`phaseAverages: df must be 'normal' or 'cluster', got ${describeValue(df)}`);
  const inference = options.inference ?? (options.bootstrap ? 'cluster-bootstrap' : 'cr1');
  if (inference !== 'cr1' && inference !== 'cluster-bootstrap' && inference !== 'wild-bootstrap') {
    throw new SpecificationError(`phaseAverages: inference must be 'cr1', 'cluster-bootstrap' or 'wild-bootstrap', got ${describeValue(inference)}`);
  }
  const b = options.bootstrap ?? {};
  if (inference === 'cluster-bootstrap' && b.weights !== undefined) throw new SpecificationError("phaseAverages: bootstrap.weights belongs to inference: 'wild-bootstrap'; the cluster bootstrap takes bootstrap.scheme");
  if (inference === 'wild-bootstrap' && b.scheme !== undefined) throw new SpecificationError("phaseAverages: bootstrap.scheme belongs to the cluster bootstrap; the wild bootstrap takes bootstrap.weights");
  if (inference === 'cr1' && options.bootstrap !== undefined) throw new SpecificationError("phaseAverages: bootstrap settings need inference: 'cluster-bootstrap' or 'wild-bootstrap'");
  const scheme = b.scheme ?? 'multinomial';
  if (inference === 'cluster-bootstrap' && scheme !== 'multinomial' && scheme !== 'poisson') throw new SpecificationError(`phaseAverages: bootstrap.scheme must be 'multinomial' or 'poisson', got ${describeValue(scheme)}`);
  const resolved = inference === 'cr1' ? null : resolveBootstrap('phaseAverages', { replications: b.replications, seed: b.seed, weights: b.weights });
  const bootstrap = resolved && inference === 'cluster-bootstrap' ? { ...resolved, scheme } : resolved;
  return { level, windows: options.windows ?? null, paired: options.paired ?? false, during: options.during ?? panelDuring, df, inference, bootstrap };
}
