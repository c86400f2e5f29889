import { checkLevel, normalCritical } from '../core/critical.js';
import { tCritical } from '../core/tCritical.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { createResult, type HypothesisTest, type Result } from '../core/result.js';
import { contrastVariance, cr1Factor } from '../inference/clusterCovariance.js';
import { BOOTSTRAP_KEYS, resolveBootstrap, type MultiplierBootstrapOptions, type ResolvedBootstrap } from '../inference/multiplierBootstrap.js';
import { panelCells } from '../panel/panelCells.js';
import type { PanelStatistics } from '../panel/panelStatistics.js';
import type { EventPanel } from '../panel/types.js';
import { fewClusterNotes, groupCodes, resolveClustering, type ClusterBy } from './clusters.js';
import { biasAdjustment, checkMatchedValues, type BiasAdjustment, type MatchedValues } from './biasCorrection.js';
import { didCellSums, personSums, type DidCellSums } from './didCells.js';
import { DID_COLUMNS, intervalFields, type DiffInDiffRow } from './didRows.js';
import { didWildBootstrap } from './didWildBootstrap.js';

/** Options of {@link diffInDiff}. */
export interface DiffInDiffOptions {
  /** Label of the treated group in `panel.groups` (default `supported`). */
  readonly treated?: string;
  /** Label of the control group (default `control`). */
  readonly control?: string;
  /** `auto` (default: matched set when no control serves in two sets, else person), `person` or `set`. */
  readonly cluster?: ClusterBy;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Critical value: `normal` (default) or `cluster`: Student t with G − 1 degrees of freedom. */
  readonly df?: 'normal' | 'cluster';
  /** `cr1` (default) or `wild-bootstrap`: wild cluster bootstrap-t with the null imposed, for few clusters. */
  readonly inference?: 'cr1' | 'wild-bootstrap';
  /** Draws of the wild bootstrap (default 999 Rademacher draws, seed 1; all sign vectors when 2^G ≤ replications). */
  readonly bootstrap?: MultiplierBootstrapOptions;
  /**
   * Regression bias correction (Abadie & Imbens 2011) with these matching covariates per panel
   * person, normally `matchControls(...).matchedValues` for a panel built from that match's
   * anchors: each control's before and after means move by β̂_phaseᵀ(X of its supported person −
   * its own X), β̂ from a weighted regression of the controls' phase means on X. Removes the
   * small downward bias that a match discrepancy in pre-support participation causes in small
   * strata. Default: none. With panel statistics instead of the panel, their persons must be the
   * panel persons of `match.anchors`, in that order (as `panel.statistics()` keeps them).
   */
  readonly biasCorrection?: MatchedValues;
}

/** The resolved options of a DiD. */
export interface DiffInDiffSpec {
  readonly treated: string;
  readonly control: string;
  readonly cluster: 'person' | 'set';
  readonly level: number;
  readonly df: 'normal' | 'cluster';
  readonly inference: 'cr1' | 'wild-bootstrap';
  readonly bootstrap: ResolvedBootstrap | null;
  /** Covariates of the bias correction, or null without one. */
  readonly biasCorrection: readonly string[] | null;
  /** Whether the input was an event panel or its statistics. */
  readonly input: 'panel' | 'statistics';
}

/** What the bias correction did: per phase the regression's covariates and coefficients, and the change of the DiD. */
export interface DidBiasCorrection {
  readonly before: { readonly covariates: readonly string[]; readonly coefficients: readonly number[] };
  readonly after: { readonly covariates: readonly string[]; readonly coefficients: readonly number[] };
  /** Corrected − uncorrected DiD. */
  readonly adjustment: number;
}

/** Result of {@link diffInDiff}: `rows[0]` is the DiD, then the four cell means. */
export interface DiffInDiffResult extends Result<DiffInDiffRow, DiffInDiffSpec> {
  /** The DiD row (`rows[0]`). */
  readonly effect: DiffInDiffRow;
  readonly n_clusters: number;
  /** Why the clustering in `spec.cluster` was used. */
  readonly cluster_reason: string;
  /** The bias correction's regressions and effect, or null without one. */
  readonly bias_correction: DidBiasCorrection | null;
}

const KEYS = { treated: true, control: true, cluster: true, level: true, df: true, inference: true, bootstrap: BOOTSTRAP_KEYS, biasCorrection: true } as const;
const CELL_SIGN = [-1, 1, 1, -1];

/**
 * Difference-in-differences: the coefficient of `treated:after` in the weighted regression
 * `y ~ treated * after` on the stacked before and after person-months of the treated and control
 * groups, with the CR1 cluster-robust standard error of R `sandwich::vcovCL(type = "HC1")`
 * (factor G/(G−1)·(N−1)/(N−4)). The model is saturated, so the coefficient is
 * (m_T,after − m_T,before) − (m_C,after − m_C,before) of the weighted cell means, and its variance
 * needs only per-cluster cell sums. Clustering defaults to the matched set when controls are not
 * reused (see `resolveClustering`); the result says which and why. See the methods documentation.
 * With `biasCorrection` (the values each person was matched on, `matchControls(...).matchedValues`)
 * the control cells are regression-adjusted to their supported persons' covariates
 * (Abadie–Imbens); see docs/methods/simulation-audit.md.
 *
 * Accepts the panel or its statistics (`panel.statistics()`, or cells from a query engine) with the
 * same numbers, the bias correction included (it needs per-person phase sums and the matched values
 * per panel person, not rows): a cell of n person-months adds w·n to its cell's weight and w·Σy to
 * its weighted sum, the stacked regression on person-months in sufficient statistics.
 *
 * @example
 * import { table } from 'arquero';
 * import { panelFromLong, diffInDiff } from 'participation-effects';
 * const long = table({
 *   id: ['t1', 't1', 't2', 't2', 'c1', 'c1', 'c2', 'c2'],
 *   group: ['supported', 'supported', 'supported', 'supported', 'control', 'control', 'control', 'control'],
 *   k: [-1, 1, -1, 1, -1, 1, -1, 1],
 *   y: [0, 1, 0, 0, 0, 0, 1, 1],
 * });
 * const did = diffInDiff(panelFromLong(long, { id: 'id', group: 'group', eventTime: 'k', outcome: 'y' }));
 * did.effect.estimate; // 0.5
 * did.rows.map((r) => r.term); // ['treated:after', 'mean', 'mean', 'mean', 'mean']
 * diffInDiff(panelFromLong(long, { id: 'id', group: 'group', eventTime: 'k', outcome: 'y' }).statistics()).effect.estimate; // 0.5
 */
export function diffInDiff(input: EventPanel | PanelStatistics, options: DiffInDiffOptions = {}): DiffInDiffResult {
  const panel = panelCells('diffInDiff', input);
  checkOptions('diffInDiff', options, KEYS);
  const spec0 = resolveSpec(options);
  const codes = groupCodes(panel, spec0.treated, spec0.control);
  const clustering = resolveClustering('diffInDiff', panel, options.cluster ?? 'auto');
  const sums = personSums(panel);
  const mv = options.biasCorrection === undefined ? undefined : checkMatchedValues(panel, options.biasCorrection);
  const adjust = mv ? biasAdjustment(panel, codes, mv, sums) : undefined;
  const spec: DiffInDiffSpec = { ...spec0, cluster: clustering.by, biasCorrection: mv ? [...mv.names] : null, input: panel.input };
  const s = didCellSums(panel, codes, clustering, sums, adjust);
  const G = s.clusters;
  const N = s.months[0] + s.months[1] + s.months[2] + s.months[3];
  const mean = Array.from(s.W, (w, c) => (w > 0 ? s.WY[c] / w : NaN));
  const tooFew = s.clustersPerGroup[0] < 2 || s.clustersPerGroup[1] < 2;
  const factor = tooFew ? NaN : cr1Factor(G, N, 4);
  const scores = clusterScores(s, mean);
  const useT = spec.df === 'cluster';
  const crit = G > 1 ? (useT ? tCritical(spec.level, G - 1) : normalCritical(spec.level)) : NaN;
  const method = `wls-did-cr1-cluster-${clustering.by}${useT ? '-t' : ''}${adjust ? '-bias-corrected' : ''}`;
  const common = { level: spec.level, method, n_clusters: G };
  const cells: DiffInDiffRow[] = [0, 1, 2, 3].map((c) => {
    const iv = intervalFields(mean[c], contrastVariance(scores, G, 4, [0, 1, 2, 3].map((i) => (i === c ? 1 : 0)), factor), crit);
    const note = s.W[c] === 0 ? 'no person-months in this cell' : iv.se === null ? 'standard error not available: too few clusters' : undefined;
    const label = c < 2 ? spec.treated : spec.control;
    return { term: 'mean', group: label, phase: c % 2 === 0 ? 'before' : 'after', ...iv, ...common, n_persons: s.persons[c], n_person_months: s.months[c], weight: s.W[c], ...(note ? { note } : {}) };
  });
  const missingCell = s.W.some((w) => w === 0);
  const est = missingCell ? NaN : mean[1] - mean[0] - (mean[3] - mean[2]);
  let main: DiffInDiffRow = { term: 'treated:after', group: null, phase: null, ...intervalFields(est, contrastVariance(scores, G, 4, CELL_SIGN, factor), crit), ...common, n_persons: s.nPersons, n_person_months: N, weight: s.W[0] + s.W[1] + s.W[2] + s.W[3] };
  const why = missingCell
    ? 'a group has no person-months in the before or after phase, so the difference-in-differences is not identified'
    : tooFew
      ? `fewer than two clusters in the treated (${s.clustersPerGroup[0]}) or control group (${s.clustersPerGroup[1]}): no cluster-robust standard error`
      : undefined;
  if (why) main = { ...main, note: why };
  const tests: HypothesisTest[] = [];
  if (spec.bootstrap && main.se !== null && main.estimate !== null) {
    const wild = didWildBootstrap(s, spec.bootstrap, spec.level, main.estimate / main.se);
    main = { ...main, method: `wild-cluster-bootstrap-t-${wild.weights}-cluster-${clustering.by}`, ci_low: main.estimate - wild.critical * main.se, ci_high: main.estimate + wild.critical * main.se };
    tests.push(wild.test);
  }
  const nested = clustering.by === 'set' && s.clustersPerGroup[0] + s.clustersPerGroup[1] === G;
  const bc = adjust && !missingCell ? correctionSummary(adjust, est, panel, codes, clustering, sums) : null;
  const notes = [`clustered by ${clustering.by} (${G} clusters): ${clustering.reason}`, ...(missingCell || tooFew ? [] : fewClusterNotes(G, nested, 'diffInDiff'))];
  if (bc) notes.push(biasNote(bc, spec.inference));
  const rows = [main, ...cells];
  const result = createResult({ kind: 'diffInDiff', title: `Difference-in-differences (treated:after), ${main.method}`, rows, spec, columns: DID_COLUMNS, tests, notes });
  return { ...result, effect: main, n_clusters: G, cluster_reason: clustering.reason, bias_correction: bc };
}

/** The bias correction's regressions, and the DiD without it. */
function correctionSummary(adjust: BiasAdjustment, est: number, panel: Pick<EventPanel, 'persons'>, codes: { treated: number; control: number }, clustering: ReturnType<typeof resolveClustering>, sums: Float64Array): DidBiasCorrection {
  const raw = didCellSums(panel, codes, clustering, sums);
  const m = Array.from(raw.W, (w, c) => raw.WY[c] / w);
  const side = (h: number) => ({ covariates: adjust.names[h] ?? [], coefficients: adjust.coefficients[h] ?? [] });
  return { before: side(0), after: side(1), adjustment: est - (m[1] - m[0] - (m[3] - m[2])) };
}

function biasNote(bc: DidBiasCorrection, inference: string): string {
  const covs = [...new Set([...bc.before.covariates, ...bc.after.covariates])].join(', ') || 'none (every covariate constant among the controls)';
  const se = inference === 'wild-bootstrap' ? 'the wild bootstrap treats the regression coefficients as known' : 'the standard error includes the estimation of the regression coefficients';
  return `bias-corrected (Abadie–Imbens): control means moved to their supported persons' ${covs} by a regression among the controls per phase; this changed the DiD by ${bc.adjustment >= 0 ? '+' : ''}${bc.adjustment.toFixed(4)}; ${se}`;
}

/** Per-cluster scores of the four cell means: (Σ w y − m_c Σ w + coefficient influence) / W_c. */
function clusterScores(s: DidCellSums, mean: readonly number[]): Float64Array {
  const out = new Float64Array(s.clusters * 4);
  for (let g = 0; g < s.clusters; g++) {
    for (let c = 0; c < 4; c++) if (s.W[c] > 0) out[g * 4 + c] = (s.clusterWY[g * 4 + c] - mean[c] * s.clusterW[g * 4 + c] + s.clusterExtra[g * 4 + c]) / s.W[c];
  }
  return out;
}

function resolveSpec(options: DiffInDiffOptions): Omit<DiffInDiffSpec, 'cluster' | 'input'> {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const df = options.df ?? 'normal';
  if (df !== 'normal' && df !== 'cluster') throw new SpecificationError(`diffInDiff: df must be 'normal' or 'cluster', got ${describeValue(df)}`);
  const inference = options.inference ?? 'cr1';
  if (inference !== 'cr1' && inference !== 'wild-bootstrap') throw new SpecificationError(`diffInDiff: inference must be 'cr1' or 'wild-bootstrap', got ${describeValue(inference)}`);
  if (options.bootstrap !== undefined && inference !== 'wild-bootstrap') throw new SpecificationError("diffInDiff: bootstrap settings apply to inference: 'wild-bootstrap' only");
  const bootstrap = inference === 'wild-bootstrap' ? resolveBootstrap('diffInDiff', options.bootstrap) : null;
  return { treated: options.treated ?? 'supported', control: options.control ?? 'control', level, df, inference, bootstrap, biasCorrection: null };
}
