import type { ColumnTable } from 'arquero';
import { normalCritical, checkLevel } from '../core/critical.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { createResult, type HypothesisTest, type Result, INTERVAL_COLUMNS } from '../core/result.js';
import { cohortCodes, cohortEstimates, type Cell } from './cohortMoments.js';
import type { BootstrapSpec } from './inference.js';
import { preTreatmentEventTimes } from './aggregate.js';
import { cellInference, cellWald, combinationWald, type AttGtInfluence } from './influence.js';
import { incompletePersons, rcEstimates } from './rcEstimates.js';
import { staggeredPanel, type StaggeredColumns, type StaggeredPanel } from './staggeredPanel.js';
import { twoByTwo, type AttGtMethod } from './twoByTwo.js';

export type { AttGtMethod } from './twoByTwo.js';

/** Options of {@link attGt}. */
export interface AttGtOptions {
  /** Column names, when the input is a long table (not needed for a {@link StaggeredPanel}). */
  readonly columns?: StaggeredColumns;
  /** Comparison group: `never` treated (default) or `not-yet` treated by max(t, base period) + anticipation. */
  readonly control?: 'never' | 'not-yet';
  /** Periods before g in which persons may already react (default 0). */
  readonly anticipation?: number;
  /** `varying` (default: pre-treatment cells compare with the previous period) or `universal` (every cell compares with g − 1 − anticipation). */
  readonly basePeriod?: 'varying' | 'universal';
  /** Covariate adjustment: `reg` (outcome regression, default), `ipw` (normalized inverse probability weighting) or `dr` (doubly robust). */
  readonly method?: AttGtMethod;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Multiplier bootstrap (Mammen weights by cluster): bootstrap SEs and a simultaneous band over all (g,t). */
  readonly bootstrap?: { readonly replications?: number; readonly seed?: number };
  /**
   * How influence functions are kept: `person` (per person and ATT(g,t); any method, covariates,
   * clusters; Mammen multipliers), `cohort` (per-cohort moment matrices; without covariates and with
   * persons as clusters; Gaussian multipliers; scales to millions of persons), or `auto` (default:
   * `cohort` where it applies). Both give the same estimates and analytic SEs.
   */
  readonly engine?: 'auto' | 'person' | 'cohort';
  /**
   * Unbalanced panels (R `did`'s `allow_unbalanced_panel`): keep persons not observed in every
   * period and estimate every ATT(g,t) with the repeated-cross-section estimators (R `DRDID`'s
   * `reg_did_rc`, `std_ipw_did_rc`, `drdid_rc`) on the observations in t and the base period, with
   * influence functions summed per person. Default false: such persons are left out (a note counts them).
   */
  readonly allowUnbalanced?: boolean;
}

/** One group-time average treatment effect ATT(g,t). */
export interface AttGtRow {
  /** Cohort g: first treated period. */
  readonly group: number;
  /** Period t. */
  readonly time: number;
  /** t − g. */
  readonly event_time: number;
  /** The period the change is measured from. */
  readonly base_period: number;
  readonly estimate: number | null;
  /** Analytic SE from the influence function (bootstrap SE when a bootstrap was asked for). */
  readonly se: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  /** Simultaneous band over all (g,t) (bootstrap only). */
  readonly band_low: number | null;
  readonly band_high: number | null;
  readonly level: number;
  readonly method: string;
  /** Persons in cohort g plus comparison persons. */
  readonly n_persons: number;
  readonly n_treated: number;
  readonly n_control: number;
  readonly note: string | null;
}

/** Resolved options of {@link attGt}. */
export interface AttGtSpec {
  readonly control: 'never' | 'not-yet';
  readonly anticipation: number;
  readonly basePeriod: 'varying' | 'universal';
  readonly method: AttGtMethod;
  readonly covariates: readonly string[];
  readonly level: number;
  readonly bootstrap: BootstrapSpec | null;
  /** Simultaneous critical value (bootstrap), or null. */
  readonly critical: number | null;
  readonly persons: number;
  readonly clusters: number;
  /** The influence-function representation used (see {@link AttGtOptions.engine}). */
  readonly engine: 'person' | 'cohort';
  /** Repeated-cross-section estimators for an unbalanced panel (see {@link AttGtOptions.allowUnbalanced}). */
  readonly allowUnbalanced: boolean;
}

export type { AttGtInfluence } from './influence.js';

/** The result of {@link attGt}. */
export type AttGtResult = Result<AttGtRow, AttGtSpec> & { readonly influence: AttGtInfluence };

const KEYS = { columns: true, control: true, anticipation: true, basePeriod: true, method: true, level: true, bootstrap: { replications: true, seed: true }, engine: true, allowUnbalanced: true } as const;

function resolve(options: AttGtOptions): Omit<AttGtSpec, 'covariates' | 'critical' | 'persons' | 'clusters' | 'engine'> & { engine: 'auto' | 'person' | 'cohort' } {
  checkOptions('attGt', options, KEYS);
  const control = options.control ?? 'never';
  if (control !== 'never' && control !== 'not-yet') throw new SpecificationError(`attGt: control must be 'never' or 'not-yet', got ${describeValue(control)}`);
  const basePeriod = options.basePeriod ?? 'varying';
  if (basePeriod !== 'varying' && basePeriod !== 'universal') throw new SpecificationError(`attGt: basePeriod must be 'varying' or 'universal', got ${describeValue(basePeriod)}`);
  const method = options.method ?? 'reg';
  if (method !== 'reg' && method !== 'ipw' && method !== 'dr') throw new SpecificationError(`attGt: method must be 'reg', 'ipw' or 'dr', got ${describeValue(method)}`);
  const anticipation = options.anticipation ?? 0;
  if (typeof anticipation !== 'number' || !Number.isInteger(anticipation) || anticipation < 0) throw new SpecificationError(`attGt: anticipation must be a whole number of periods ≥ 0, got ${describeValue(anticipation)}`);
  const level = options.level ?? 0.95;
  checkLevel(level);
  let bootstrap: BootstrapSpec | null = null;
  if (options.bootstrap !== undefined) {
    const replications = options.bootstrap.replications ?? 999;
    const seed = options.bootstrap.seed ?? 1;
    if (!Number.isInteger(replications) || replications < 2) throw new SpecificationError(`attGt: bootstrap.replications must be a whole number ≥ 2, got ${describeValue(replications)}`);
    if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new SpecificationError(`attGt: bootstrap.seed must be a number, got ${describeValue(seed)}`);
    bootstrap = { replications, seed };
  }
  const engine = options.engine ?? 'auto';
  if (engine !== 'auto' && engine !== 'person' && engine !== 'cohort') throw new SpecificationError(`attGt: engine must be 'auto', 'person' or 'cohort', got ${describeValue(engine)}`);
  const allowUnbalanced = options.allowUnbalanced ?? false;
  if (typeof allowUnbalanced !== 'boolean') throw new SpecificationError(`attGt: allowUnbalanced must be true or false, got ${describeValue(allowUnbalanced)}`);
  if (allowUnbalanced && engine === 'cohort') throw new SpecificationError("attGt: engine 'cohort' needs a balanced panel; leave out allowUnbalanced or use engine 'person'");
  return { control, anticipation, basePeriod, method, level, bootstrap, engine, allowUnbalanced };
}

function cellsOf(panel: StaggeredPanel, basePeriod: 'varying' | 'universal', anticipation: number): { cells: Cell[]; notes: string[] } {
  const { periods, cohort } = panel;
  const T = periods.length;
  const groups = [...new Set(Array.from(cohort).filter((g) => g !== Infinity))].sort((a, b) => a - b);
  const cells: Cell[] = [];
  const notes: string[] = [];
  for (const g of groups) {
    let lastPre = -1;
    for (let s = 0; s < T; s++) if (periods[s] + anticipation < g) lastPre = s;
    if (lastPre < 0) {
      notes.push(`cohort ${g} has no period before treatment and is left out`);
      continue;
    }
    for (let t = basePeriod === 'varying' ? 1 : 0; t < T; t++) {
      const post = g <= periods[t];
      const b = post || basePeriod === 'universal' ? lastPre : t - 1;
      cells.push({ g, t, b: b === t ? -1 : b });
    }
  }
  return { cells, notes };
}

/**
 * Group-time average treatment effects ATT(g,t) of Callaway & Sant'Anna (2021) for staggered
 * adoption on a person-period panel, with R `did::att_gt` semantics (panel data):
 *
 * - ATT(g,t) compares the outcome change from the base period to t of cohort g with that of the
 *   comparison group (`never` treated, or `not-yet` treated by max(t, base) + anticipation).
 * - Base period: post-treatment cells use the last period before g − anticipation; pre-treatment
 *   cells the previous period (`varying`) or the same one (`universal`, the cell at the base itself is 0).
 * - `method`: `reg`, `ipw` or `dr` with time-invariant covariates, as R `DRDID::reg_did_panel`,
 *   `std_ipw_did_panel` and `drdid_panel`; without covariates all three are the 2×2 DiD of means.
 * - Unbalanced panels: by default persons not observed in every period are left out (a note
 *   counts them); with `allowUnbalanced: true` every cell uses the repeated-cross-section
 *   estimators (`reg_did_rc`, `std_ipw_did_rc`, `drdid_rc`) on the observations in t and the base
 *   period, with influence functions summed per person (R's `allow_unbalanced_panel = TRUE`).
 * - SEs from the influence functions, summed by cluster (default: person), which for persons is
 *   R's sqrt(mean(IF²)/n); the optional multiplier bootstrap gives IQR-based SEs and a simultaneous
 *   sup-t band over all (g,t). Pre-trend: joint Wald test of all pre-treatment ATT(g,t) = 0.
 *
 * See docs/methods/staggered.md for the formulas and the mapping to R.
 *
 * @example
 * import { attGt } from 'participation-effects';
 * const rows = [];
 * const y = { a: [0, 1, 3], b: [1, 1, 2], c: [0, 0, 0], d: [2, 3, 3] };
 * const g = { a: 2, b: 3, c: 0, d: 0 };
 * for (const id of ['a', 'b', 'c', 'd']) for (let t = 1; t <= 3; t++) rows.push({ id, t, g: g[id], y: y[id][t - 1] });
 * const res = attGt(rows, { columns: { id: 'id', period: 't', cohort: 'g', outcome: 'y' } });
 * res.rows.map((r) => [r.group, r.time, r.estimate]); // ≈ [[2, 2, 0.5], [2, 3, 2.5], [3, 2, -0.5], [3, 3, 1]]
 * // Person d not observed in period 3: without the flag d is left out; with it every cell is a
 * // difference of four cell means, e.g. ATT(2,3) = (3 − 0) − (0 − (0 + 2) / 2).
 * const rest = rows.filter((r) => !(r.id === 'd' && r.t === 3));
 * attGt(rest, { columns: { id: 'id', period: 't', cohort: 'g', outcome: 'y' }, allowUnbalanced: true }).rows[1].estimate; // ≈ 4
 */
export function attGt(input: StaggeredPanel | ColumnTable | readonly object[], options: AttGtOptions = {}): AttGtResult {
  const { engine: wanted, ...spec0 } = resolve(options);
  const panel = isPanel(input) ? input : fromTable(input, options, spec0.anticipation, spec0.allowUnbalanced);
  const { n, cohort, covariateNames } = panel;
  const incomplete = incompletePersons(panel);
  if (incomplete > 0 && !spec0.allowUnbalanced) {
    throw new SpecificationError(`attGt: ${incomplete} of the panel's ${n} persons are not observed in every period (NaN outcomes); give allowUnbalanced: true for the repeated-cross-section estimators, or balance the panel`);
  }
  if (spec0.control === 'never' && !cohort.some((g) => g === Infinity)) {
    throw new SpecificationError("attGt: there are no never-treated persons; use control: 'not-yet'");
  }
  const { cells, notes } = cellsOf(panel, spec0.basePeriod, spec0.anticipation);
  if (cells.length === 0) throw new SpecificationError('attGt: no cohort has a period before treatment');
  const cohortPossible = covariateNames.length === 0 && panel.clusters === n && !spec0.allowUnbalanced;
  if (wanted === 'cohort' && !cohortPossible) throw new SpecificationError("attGt: engine 'cohort' needs no covariates and persons as clusters");
  const engine = wanted === 'person' || !cohortPossible ? 'person' : 'cohort';
  const spec1 = { ...spec0, covariates: covariateNames, engine } as const;
  if (engine === 'cohort') {
    const r = cohortEstimates(panel, cells, spec0.control, spec0.anticipation);
    const influence: AttGtInfluence = { n, cohortCode: r.codes, cohortValues: r.values, weight: panel.weight, periods: panel.periods, representation: r.influence };
    return buildResult(panel, cells, r.est, r.counts, r.notes, influence, spec1, notes);
  }
  const r = spec0.allowUnbalanced
    ? rcEstimates(panel, cells, spec0.control, spec0.anticipation, spec0.method)
    : personEstimates(panel, cells, spec0.control, spec0.anticipation, spec0.method);
  if (spec0.allowUnbalanced) {
    notes.push(`allowUnbalanced: every ATT(g,t) from the repeated-cross-section estimators on the observations in t and the base period (${incomplete} of ${n} persons not observed in every period)`);
  }
  const { codes, values } = cohortCodes(cohort);
  const influence: AttGtInfluence = {
    n,
    cohortCode: codes,
    cohortValues: values,
    weight: panel.weight,
    periods: panel.periods,
    representation: { kind: 'person', n, values: r.psi, cluster: panel.cluster, clusters: panel.clusters },
  };
  return buildResult(panel, cells, r.est, r.counts, r.notes, influence, spec1, notes);
}

/** Every cell by its 2×2 estimator on the persons of the cohort and the comparison group, keeping per-person influence functions. */
function personEstimates(panel: StaggeredPanel, cells: readonly Cell[], control: 'never' | 'not-yet', anticipation: number, method: AttGtMethod) {
  const { n, periods, outcome: Y, cohort, weight, covariates, covariateNames } = panel;
  const T = periods.length;
  const q = covariateNames.length;
  const p = q + 1;
  const K = cells.length;
  const psi = new Float64Array(K * n);
  const est: (number | null)[] = [];
  const counts: { nT: number; nC: number }[] = [];
  const notes: (string | null)[] = [];
  const idx = new Int32Array(n);
  for (let k = 0; k < K; k++) {
    const { g, t, b } = cells[k];
    if (b < 0) {
      est.push(0);
      counts.push({ nT: 0, nC: 0 });
      notes.push('base period: normalised to 0');
      continue;
    }
    const bound = Math.max(periods[t], periods[b]) + anticipation;
    let m = 0;
    let nT = 0;
    for (let i = 0; i < n; i++) {
      const c = cohort[i];
      const treated = c === g;
      if (treated || c === Infinity || (control === 'not-yet' && c > bound && c !== g)) idx[m++] = i;
      if (treated) nT++;
    }
    counts.push({ nT, nC: m - nT });
    if (nT === 0 || m === nT) {
      est.push(null);
      notes.push(nT === 0 ? 'no treated persons' : 'no comparison persons');
      continue;
    }
    const dy = new Float64Array(m);
    const d = new Uint8Array(m);
    const x = new Float64Array(m * p);
    const w = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const i = idx[j];
      dy[j] = Y[i * T + t] - Y[i * T + b];
      d[j] = cohort[i] === g ? 1 : 0;
      x[j * p] = 1;
      for (let a = 0; a < q; a++) x[j * p + 1 + a] = covariates[i * q + a];
      w[j] = weight[i];
    }
    try {
      const r = twoByTwo(method, dy, d, x, p, w);
      est.push(r.att);
      notes.push(null);
      const scale = n / m;
      for (let j = 0; j < m; j++) psi[k * n + idx[j]] = scale * r.influence[j];
    } catch (e) {
      if (!(e instanceof SpecificationError)) throw e;
      est.push(null);
      notes.push(e.message);
    }
  }
  return { est, counts, notes, psi };
}

/** More pre-treatment cells than this: test their event-time averages instead (a dense m × m solve would dominate the run time). */
const MAX_PRE_CELLS = 400;

/** Joint Wald test of the pre-treatment ATT(g,t) (R `att_gt`'s pre-test), or of their event-time averages when there are very many. */
function preTrendTest(rows: readonly AttGtRow[], influence: AttGtInfluence, pre: readonly number[], K: number): HypothesisTest {
  let why = `${pre.length} pre-treatment ATT(g,t)`;
  if (pre.length <= MAX_PRE_CELLS) {
    const cells = cellWald(influence, K, pre, pre.map((k) => rows[k].estimate!), 'pre-trend (joint Wald)', 'ATT(g,t) = 0 for every pre-treatment (g,t)');
    if (cells.statistic !== null || pre.length === 0) return cells;
    why = `the covariance of the ${pre.length} pre-treatment ATT(g,t) is (nearly) singular (a cohort with fewer persons than pre-treatment periods?)`;
  }
  const { estimates, combos } = preTreatmentEventTimes({ rows, influence }, pre);
  const test = combinationWald(influence, combos, estimates, 'pre-trend (joint Wald, event-time averages)', 'the average pre-treatment ATT(g,t) is 0 at every event time e < 0');
  return { ...test, note: `${why}: the test uses their ${combos.length} event-time averages${test.note ? `; ${test.note}` : ''}` };
}

function isPanel(x: unknown): x is StaggeredPanel {
  return typeof x === 'object' && x !== null && (x as StaggeredPanel).periods instanceof Float64Array && ArrayBuffer.isView((x as StaggeredPanel).outcome);
}

function fromTable(input: ColumnTable | readonly object[], options: AttGtOptions, anticipation: number, allowUnbalanced: boolean): StaggeredPanel {
  if (options.columns === undefined) throw new SpecificationError('attGt: give options.columns (id, period, cohort, outcome) for a long table, or pass a staggeredPanel');
  return staggeredPanel(input, options.columns, anticipation, { allowUnbalanced });
}

function buildResult(
  panel: StaggeredPanel,
  cells: readonly Cell[],
  est: readonly (number | null)[],
  counts: readonly { nT: number; nC: number }[],
  cellNotes: readonly (string | null)[],
  influence: AttGtInfluence,
  spec0: Omit<AttGtSpec, 'critical' | 'persons' | 'clusters'>,
  notes: string[],
): AttGtResult {
  const { n, periods } = panel;
  const K = cells.length;
  const inference = cellInference(influence, K, spec0.bootstrap, spec0.level);
  const analytic = spec0.bootstrap ? cellInference(influence, K, null, spec0.level).se : inference.se;
  const z = normalCritical(spec0.level);
  const crit = inference.critical;
  const rows: AttGtRow[] = cells.map((c, k) => {
    const e = est[k];
    const se = e === null ? null : inference.se[k];
    return {
      group: c.g,
      time: periods[c.t],
      event_time: periods[c.t] - c.g,
      base_period: periods[c.b < 0 ? c.t : c.b],
      estimate: e,
      se,
      ci_low: e === null || se === null ? null : e - z * se,
      ci_high: e === null || se === null ? null : e + z * se,
      band_low: e === null || se === null || crit === null ? null : e - crit * se,
      band_high: e === null || se === null || crit === null ? null : e + crit * se,
      level: spec0.level,
      method: spec0.method,
      n_persons: counts[k].nT + counts[k].nC,
      n_treated: counts[k].nT,
      n_control: counts[k].nC,
      note: cellNotes[k],
    };
  });
  const pre: number[] = [];
  rows.forEach((r, k) => {
    if (r.time < r.group && r.estimate !== null && analytic[k] !== null) pre.push(k);
  });
  const tests: HypothesisTest[] = [preTrendTest(rows, influence, pre, K)];
  if (panel.dropped.unbalanced > 0) notes.push(`${panel.dropped.unbalanced} persons not observed in every period were left out (balanced panel; allowUnbalanced: true keeps them, with the repeated-cross-section estimators)`);
  if (panel.dropped.treatedAtStart > 0) notes.push(`${panel.dropped.treatedAtStart} persons treated in the first period were left out`);
  if (panel.treatedAfterEnd > 0) notes.push(`${panel.treatedAfterEnd} persons first treated after the last period count as never treated`);
  const missing = est.filter((e) => e === null).length;
  if (missing > 0) notes.push(`${missing} ATT(g,t) could not be estimated (see the note column)`);
  if (spec0.bootstrap && spec0.engine === 'cohort') notes.push('bootstrap: Gaussian multipliers drawn from the per-cohort moments (SEs are the analytic ones)');
  const spec: AttGtSpec = { ...spec0, critical: crit, persons: n, clusters: panel.clusters };
  const result = createResult({
    kind: 'attGt',
    title: `Group-time average treatment effects ATT(g,t) (${spec0.method}, ${spec0.control === 'never' ? 'never treated' : 'not yet treated'} as comparison)`,
    rows,
    spec,
    tests,
    notes,
    columns: [
      { key: 'group', label: 'group' },
      { key: 'time', label: 'time' },
      { key: 'event_time' },
      { key: 'base_period' },
      { key: 'estimate', label: 'ATT(g,t)', digits: 4 },
      ...INTERVAL_COLUMNS,
      { key: 'band_low' },
      { key: 'band_high' },
      { key: 'level' },
      { key: 'method' },
      { key: 'n_persons', label: 'persons' },
      { key: 'n_treated' },
      { key: 'n_control' },
      { key: 'note' },
    ],
  });
  return { ...result, influence };
}
