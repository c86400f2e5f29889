import { checkLevel, normalCritical } from '../core/critical.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions } from '../core/options.js';
import { createResult, type Result } from '../core/result.js';
import type { EstimateFields } from '../estimate/types.js';
import { cr1Factor } from '../inference/clusterCovariance.js';
import type { LinearTrend } from '../inference/linearTrendTest.js';
import { BOOTSTRAP_KEYS, multiplierDraws, resolveBootstrap, supTCritical, type MultiplierBootstrapOptions, type ResolvedBootstrap } from '../inference/multiplierBootstrap.js';
import type { WaldDistribution } from '../inference/waldTest.js';
import { panelCells } from '../panel/panelCells.js';
import type { PanelStatistics } from '../panel/panelStatistics.js';
import { PHASES, type EventPanel, type Phase } from '../panel/types.js';
import { fewClusterNotes, groupCodes, resolveClustering, type ClusterBy } from './clusters.js';
import { distinctPersonsAt, personMonthsAt } from './distinctPersons.js';
import { eventColumns } from './eventColumns.js';
import { eventStudyRows, EVENT_STUDY_COLUMNS } from './eventStudyRows.js';
import { eventStudyStatistics } from './eventStudyStatistics.js';
import { preTrendTests } from './preTrend.js';

/** Options of {@link eventStudy}. */
export interface EventStudyEstimateOptions {
  readonly treated?: string;
  readonly control?: string;
  /** Reference window of `before` event times, inclusive, e.g. [-12, -1] (default). */
  readonly reference?: readonly [number, number];
  /** Confidence level of pointwise intervals, the uniform band and the slope interval (default 0.95). */
  readonly level?: number;
  /** `auto` (default: matched set when controls are not reused, else person), `person` or `set`. */
  readonly cluster?: ClusterBy;
  /** Phases to estimate (default `before` and `after`). */
  readonly phases?: readonly Phase[];
  /** Multiplier bootstrap for the sup-t band (default 999 Rademacher draws, seed 1); `false` to skip the band. */
  readonly bootstrap?: MultiplierBootstrapOptions | false;
  /** Reference distribution of the joint pre-trend test: `F` (default, Hotelling-corrected) or `chi2`. */
  readonly preTrendTest?: WaldDistribution;
}

/** ATT at one event time, with its pointwise interval and the uniform band. `n_persons` counts distinct persons observed at k, `n_person_months` the person-months there (a control matched to several sets counts in each). */
export interface EventTimeEstimate extends EstimateFields {
  readonly phase: Phase;
  readonly event_time: number;
  /** Uniform (simultaneous) band over all event times; null without bootstrap. */
  readonly band_low: number | null;
  readonly band_high: number | null;
  readonly n_treated: number;
  readonly n_control: number;
}

/** The resolved options of an event study. */
export interface EventStudySpec {
  readonly treated: string;
  readonly control: string;
  readonly reference: readonly [number, number];
  readonly level: number;
  readonly cluster: 'person' | 'set';
  readonly phases: readonly Phase[];
  readonly bootstrap: ResolvedBootstrap | null;
  readonly preTrendTest: WaldDistribution;
  /** Whether the input was an event panel or its statistics. */
  readonly input: 'panel' | 'statistics';
}

/** Result of {@link eventStudy}: one row per event time, the pre-trend tests in `tests`. */
export interface EventStudyResult extends Result<EventTimeEstimate, EventStudySpec> {
  /** Critical value of the sup-t band (null without bootstrap). */
  readonly uniform_critical: number | null;
  /** Slope of ATT(k) per month over the pre-support event times, with its interval. */
  readonly pre_trend_slope: LinearTrend;
  readonly n_clusters: number;
  /** Why the clustering in `spec.cluster` was used. */
  readonly cluster_reason: string;
}

const KEYS = { treated: true, control: true, reference: true, level: true, cluster: true, phases: true, bootstrap: BOOTSTRAP_KEYS, preTrendTest: true } as const;

/**
 * Event study: ATT(k) = [ȳ_T(k) − ȳ_T(ref)] − [ȳ_C(k) − ȳ_C(ref)] for every event time k of the chosen
 * phases (ȳ_g(ref) the weighted mean of persons' own means over the reference window), with
 * influence-function standard errors as R `did`, times the CR1 factor G/(G−1) like the phase averages
 * and the DiD; a uniform (sup-t) band from a multiplier bootstrap (see `multiplierDraws`), and in
 * `tests` the joint pre-trend test (F-corrected) and the 1-df linear pre-trend test.
 * See the methods documentation, "Event study".
 *
 * Accepts the panel or its statistics (`panel.statistics()`, or cells from a query engine) with the
 * same numbers: a cell of n person-months at event time k counts as n person-months of its person
 * (ȳ_g(k) pooled over person-months, the person's influence summed over them). `n_persons` counts
 * distinct persons at k either way.
 *
 * @example
 * import { table } from 'arquero';
 * import { panelFromLong, eventStudy } from 'participation-effects';
 * const long = table({
 *   id: ['t1', 't1', 't1', 't2', 't2', 't2', 'c1', 'c1', 'c1', 'c2', 'c2', 'c2'],
 *   group: ['supported', 'supported', 'supported', 'supported', 'supported', 'supported', 'control', 'control', 'control', 'control', 'control', 'control'],
 *   k: [-2, -1, 1, -2, -1, 1, -2, -1, 1, -2, -1, 1],
 *   y: [0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1],
 * });
 * const es = eventStudy(panelFromLong(long, { id: 'id', group: 'group', eventTime: 'k', outcome: 'y' }), { reference: [-1, -1], bootstrap: false });
 * es.rows.map((e) => e.event_time); // [-2, -1, 1]
 * es.rows[2].estimate; // 0.5
 * es.tests.map((t) => t.name); // ['pre-trend (joint Wald, F)', 'pre-trend (linear slope)']
 * const stats = panelFromLong(long, { id: 'id', group: 'group', eventTime: 'k', outcome: 'y' }).statistics();
 * eventStudy(stats, { reference: [-1, -1], bootstrap: false }).rows[2].se === es.rows[2].se; // true
 */
export function eventStudy(input: EventPanel | PanelStatistics, options: EventStudyEstimateOptions = {}): EventStudyResult {
  const panel = panelCells('eventStudy', input);
  checkOptions('eventStudy', options, KEYS);
  const spec0 = resolveSpec(options);
  const codes = groupCodes(panel, spec0.treated, spec0.control);
  const clustering = resolveClustering('eventStudy', panel, options.cluster ?? 'auto');
  const spec: EventStudySpec = { ...spec0, cluster: clustering.by, input: panel.input };
  const side = sides(panel, codes);
  const cols = eventColumns(panel, side, Uint8Array.from(PHASES, (ph) => (spec.phases.includes(ph) ? 1 : 0)));
  const stats = eventStudyStatistics(panel, side, cols, clustering.index, clustering.count, spec.reference);
  const J = cols.count;
  const G = stats.clustersUsed;
  const hc0 = new Float64Array(J);
  for (let c = 0; c < clustering.count; c++) for (let j = 0; j < J; j++) hc0[j] += stats.psi[c * J + j] ** 2;
  for (let j = 0; j < J; j++) hc0[j] = Math.sqrt(hc0[j]);
  const tooFew = stats.clustersPerGroup[0] < 2 || stats.clustersPerGroup[1] < 2;
  const se = tooFew ? null : hc0.map((s) => s * Math.sqrt(cr1Factor(G)));
  let uniform: number | null = null;
  let enumerated = 0;
  if (spec.bootstrap && se) {
    const draws = multiplierDraws(stats.psi, clustering.count, J, spec.bootstrap);
    const cols1 = Array.from({ length: J }, (_, j) => j).filter((j) => stats.defined[j]);
    // Draws have covariance Σ ψψᵀ, so they are standardised by the uncorrected se; the band is crit × CR1 se.
    uniform = supTCritical(draws, draws.length / J, J, hc0, cols1, spec.level);
    if (draws.length / J !== spec.bootstrap.replications) enumerated = draws.length / J;
  }
  const nAt = distinctPersonsAt(panel, side, cols.rowColumn, J);
  const monthsAt = personMonthsAt(panel.n, panel.offsets, side, cols.rowColumn, J);
  const method = `influence-function-cr1-cluster-${clustering.by}`;
  const rows = eventStudyRows({ cols, stats, se, nAt, monthsAt, level: spec.level, z: normalCritical(spec.level), uniform, method, tooFew });
  const pre = preTrendTests(stats, cols, clustering.count, spec.reference, spec.preTrendTest, spec.level);
  // Clusters other than persons that each hold one group only: treatment varies between clusters.
  const nested = clustering.by === 'set' && stats.clustersPerGroup[0] + stats.clustersPerGroup[1] === G;
  const notes = [
    `clustered by ${clustering.by} (${G} clusters): ${clustering.reason}`,
    ...(tooFew ? [`fewer than two clusters in the treated (${stats.clustersPerGroup[0]}) or control group (${stats.clustersPerGroup[1]}): no standard errors`] : fewClusterNotes(G, nested, 'eventStudy')),
    enumerated > 0 ? `uniform band from all ${enumerated} Rademacher sign vectors (2^G ≤ replications: the exact bootstrap distribution)` : spec.bootstrap ? `uniform band from ${spec.bootstrap.replications} ${spec.bootstrap.weights} multiplier draws (seed ${spec.bootstrap.seed}); bootstrap: false skips it` : 'no uniform band (bootstrap: false)',
  ];
  const result = createResult({ kind: 'eventStudy', title: `Event study: ATT(k) relative to the reference window [${spec.reference[0]}, ${spec.reference[1]}]`, rows, spec, columns: EVENT_STUDY_COLUMNS, tests: tooFew ? pre.tests.map((t) => ({ ...t, statistic: null, p_value: null, note: 'fewer than two clusters in a group' })) : pre.tests, notes });
  return { ...result, uniform_critical: uniform, pre_trend_slope: pre.slope, n_clusters: G, cluster_reason: clustering.reason };
}

function resolveSpec(options: EventStudyEstimateOptions): Omit<EventStudySpec, 'cluster' | 'input'> {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const reference = options.reference ?? [-12, -1];
  const [lo, hi] = reference;
  if (!Array.isArray(reference) || !Number.isInteger(lo) || !Number.isInteger(hi) || lo > hi || hi > -1) {
    throw new SpecificationError(`eventStudy: reference must be a window [a, b] of whole before-support months with a ≤ b ≤ −1, got ${JSON.stringify(reference)}`);
  }
  const phases = options.phases ?? ['before', 'after'];
  for (const ph of phases) if (!PHASES.includes(ph)) throw new SpecificationError(`eventStudy: unknown phase ${JSON.stringify(ph)}; use before, during or after`);
  const preTrendTest = options.preTrendTest ?? 'F';
  if (preTrendTest !== 'F' && preTrendTest !== 'chi2') throw new SpecificationError(`eventStudy: preTrendTest must be 'F' or 'chi2', got ${JSON.stringify(preTrendTest)}`);
  const bootstrap = options.bootstrap === false ? null : resolveBootstrap('eventStudy', options.bootstrap ?? {});
  return { treated: options.treated ?? 'supported', control: options.control ?? 'control', reference: [lo, hi], level, phases, bootstrap, preTrendTest };
}

/** +1 treated, −1 control, 0 not used (other groups, weight 0); weights must be finite and ≥ 0. */
function sides(panel: Pick<EventPanel, 'persons'>, codes: { treated: number; control: number }): Int8Array {
  const { weight, group } = panel.persons;
  const side = new Int8Array(panel.persons.length);
  for (let p = 0; p < side.length; p++) {
    const w = weight[p];
    if (!(w >= 0) || !Number.isFinite(w)) throw new SpecificationError(`person ${panel.persons.id[p]} has weight ${w}; weights must be finite and ≥ 0`);
    if (w > 0) side[p] = group[p] === codes.treated ? 1 : group[p] === codes.control ? -1 : 0;
  }
  return side;
}
