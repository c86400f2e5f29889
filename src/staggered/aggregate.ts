import { checkLevel, normalCritical } from '../core/critical.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { createResult, type Result } from '../core/result.js';
import type { AttGtResult } from './attGt.js';
import { analyticSe, clusterSums, multiplierBootstrap, type BootstrapSpec } from './inference.js';

/** How {@link aggregate} summarises ATT(g,t). */
export type AggregationType = 'simple' | 'dynamic' | 'group' | 'calendar';

/** Options of {@link aggregate}. */
export interface AggregateOptions {
  /** `simple` (default), `dynamic` (by event time e = t − g), `group` (by cohort) or `calendar` (by period). */
  readonly type?: AggregationType;
  /** Dynamic: shortest event time shown (default: all). */
  readonly minE?: number;
  /** Dynamic: longest event time shown; simple and group: longest exposure included (default: all). */
  readonly maxE?: number;
  /** Dynamic: keep only cohorts observed for at least this many periods after treatment, so the profile is balanced in cohorts. */
  readonly balanceE?: number;
  /** Confidence level (default: the attGt result's). */
  readonly level?: number;
  /** Multiplier bootstrap for SEs and the simultaneous band over the terms (default: the attGt result's, if it had one). */
  readonly bootstrap?: { readonly replications?: number; readonly seed?: number };
}

/** One aggregated effect: a term (an event time, cohort or period) or the overall summary. */
export interface AggregateRow {
  readonly type: AggregationType;
  /** `overall`, or the kind of term: `event_time`, `group` or `time`. */
  readonly term: 'overall' | 'event_time' | 'group' | 'time';
  readonly event_time: number | null;
  readonly group: number | null;
  readonly time: number | null;
  readonly estimate: number;
  readonly se: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  /** Simultaneous band over the terms (bootstrap only; null on the overall row). */
  readonly band_low: number | null;
  readonly band_high: number | null;
  readonly level: number;
  /** Number of ATT(g,t) combined. */
  readonly n_cells: number;
  readonly note: string | null;
}

/** Resolved options of {@link aggregate}. */
export interface AggregateSpec {
  readonly type: AggregationType;
  readonly minE: number | null;
  readonly maxE: number | null;
  readonly balanceE: number | null;
  readonly level: number;
  readonly bootstrap: BootstrapSpec | null;
  /** Simultaneous critical value over the terms (bootstrap), or null. */
  readonly critical: number | null;
  readonly method: string;
  readonly control: string;
}

/** The result of {@link aggregate}. */
export type AggregateResult = Result<AggregateRow, AggregateSpec>;

const KEYS = { type: true, minE: true, maxE: true, balanceE: true, level: true, bootstrap: { replications: true, seed: true } } as const;

function optionalInteger(name: string, v: number | undefined): number | null {
  if (v === undefined) return null;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new SpecificationError(`aggregate: ${name} must be a whole number of periods, got ${describeValue(v)}`);
  return v;
}

function resolve(att: AttGtResult, options: AggregateOptions): Omit<AggregateSpec, 'critical'> {
  checkOptions('aggregate', options, KEYS);
  const type = options.type ?? 'simple';
  if (!['simple', 'dynamic', 'group', 'calendar'].includes(type)) throw new SpecificationError(`aggregate: type must be 'simple', 'dynamic', 'group' or 'calendar', got ${describeValue(type)}`);
  const level = options.level ?? att.spec.level;
  checkLevel(level);
  let bootstrap = att.spec.bootstrap;
  if (options.bootstrap !== undefined) {
    const replications = options.bootstrap.replications ?? 999;
    const seed = options.bootstrap.seed ?? 1;
    if (!Number.isInteger(replications) || replications < 2) throw new SpecificationError(`aggregate: bootstrap.replications must be a whole number ≥ 2, got ${describeValue(replications)}`);
    if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new SpecificationError(`aggregate: bootstrap.seed must be a number, got ${describeValue(seed)}`);
    bootstrap = { replications, seed };
  }
  return {
    type,
    minE: optionalInteger('minE', options.minE),
    maxE: optionalInteger('maxE', options.maxE),
    balanceE: optionalInteger('balanceE', options.balanceE),
    level,
    bootstrap,
    method: att.spec.method,
    control: att.spec.control,
  };
}

/** A term to estimate: which ATT(g,t) it combines and whether the weights are estimated (group shares). */
interface Term {
  readonly term: AggregateRow['term'];
  readonly value: number | null;
  readonly cells: readonly number[];
  /** Cohort-share weights (with the weight-estimation term); otherwise equal weights without it. */
  readonly shares: boolean;
}

/**
 * Aggregated treatment effects from ATT(g,t), with R `did::aggte` semantics:
 *
 * - `simple`: post-treatment ATT(g,t) (g ≤ t ≤ g + maxE) averaged with weights ∝ cohort size.
 * - `dynamic`: per event time e = t − g, ATT(g, g + e) averaged over cohorts ∝ cohort size
 *   (`balanceE`: only cohorts observed e periods after treatment; `minE`/`maxE` trim the terms);
 *   overall = mean over e ≥ 0. A simultaneous band covers the whole profile (bootstrap).
 * - `group`: per cohort the mean of its post-treatment ATT(g,t); overall ∝ cohort size.
 * - `calendar`: per period t the cohort-size-weighted mean over treated cohorts; overall = mean over t.
 *
 * Standard errors come from the aggregated influence function, including the term for the
 * estimated cohort shares that `aggte` adds. See docs/methods/staggered.md.
 *
 * @example
 * import { aggregate, attGt } from 'participation-effects';
 * const rows = [];
 * const y = { a: [0, 1, 3], b: [1, 1, 2], c: [0, 0, 0], d: [2, 3, 3] };
 * const g = { a: 2, b: 3, c: 0, d: 0 };
 * for (const id of ['a', 'b', 'c', 'd']) for (let t = 1; t <= 3; t++) rows.push({ id, t, g: g[id], y: y[id][t - 1] });
 * const att = attGt(rows, { columns: { id: 'id', period: 't', cohort: 'g', outcome: 'y' } });
 * // Post-treatment cells 0.5, 2.5 (cohort 2) and 1 (cohort 3), equal cohort sizes: (0.5 + 2.5 + 1) / 3.
 * aggregate(att, { type: 'simple' }).rows[0].estimate; // ≈ 4 / 3
 * aggregate(att, { type: 'dynamic' }).rows.map((r) => [r.term, r.event_time, r.estimate]); // ≈ [['event_time', -1, -0.5], ['event_time', 0, 0.75], ['event_time', 1, 2.5], ['overall', null, 1.625]]
 */
export function aggregate(att: AttGtResult, options: AggregateOptions = {}): AggregateResult {
  const spec0 = resolve(att, options);
  const { n, cohort, weight, cluster, clusters, periods } = att.influence;
  const rows = att.rows;
  const notes: string[] = [];
  const usable: number[] = [];
  rows.forEach((r, k) => {
    if (r.estimate !== null) usable.push(k);
  });
  if (usable.length < rows.length) notes.push(`${rows.length - usable.length} ATT(g,t) that could not be estimated are left out`);
  const pgOf = new Map<number, number>();
  for (let i = 0; i < n; i++) if (cohort[i] !== Infinity) pgOf.set(cohort[i], (pgOf.get(cohort[i]) ?? 0) + weight[i] / n);
  const { terms, overall } = termsOf(att, usable, spec0, periods);
  if (terms.length === 0) throw new SpecificationError(`aggregate: no ATT(g,t) to combine for type '${spec0.type}'`);
  const E = terms.length;
  const psi = new Float64Array((E + 1) * n);
  const est: number[] = [];
  terms.forEach((term, j) => est.push(combine(att, term.cells, term.shares, pgOf, psi.subarray(j * n, (j + 1) * n))));
  // Overall: over the terms (equal weights, or cohort shares for `group`), or over cells for `simple`.
  const out = psi.subarray(E * n, (E + 1) * n);
  let overallEst: number;
  if (spec0.type === 'simple') overallEst = est[0];
  else if (spec0.type === 'group') {
    overallEst = overGroups(terms, est, psi, n, pgOf, cohort, weight, out);
  } else {
    const pos = terms.map((t, j) => (overall(t) ? j : -1)).filter((j) => j >= 0);
    overallEst = 0;
    for (const j of pos) {
      overallEst += est[j] / pos.length;
      for (let i = 0; i < n; i++) out[i] += psi[j * n + i] / pos.length;
    }
    if (pos.length === 0) overallEst = NaN;
  }
  const K = spec0.type === 'simple' ? 1 : E + 1;
  const values = spec0.type === 'simple' ? psi.subarray(0, n) : psi;
  const sums = clusterSums(values, n, K, cluster, clusters);
  const analytic = analyticSe(sums, clusters, K);
  // One bootstrap for every row; the simultaneous band is over the terms (not the overall row).
  const bootAll = spec0.bootstrap ? multiplierBootstrap(sums, clusters, K, spec0.bootstrap, spec0.level, spec0.type === 'simple' ? 0 : E) : null;
  const z = normalCritical(spec0.level);
  const crit = spec0.type === 'simple' ? null : (bootAll?.critical ?? null);
  const mk = (term: Term | null, j: number, e: number): AggregateRow => {
    const se = Number.isNaN(e) ? null : bootAll ? bootAll.se[j] : analytic[j];
    const band = term !== null && crit !== null && se !== null;
    return {
      type: spec0.type,
      term: term?.term ?? 'overall',
      event_time: term?.term === 'event_time' ? term.value : null,
      group: term?.term === 'group' ? term.value : null,
      time: term?.term === 'time' ? term.value : null,
      estimate: e,
      se,
      ci_low: se === null ? null : e - z * se,
      ci_high: se === null ? null : e + z * se,
      band_low: band ? e - crit! * se! : null,
      band_high: band ? e + crit! * se! : null,
      level: spec0.level,
      n_cells: term?.cells.length ?? terms.reduce((s, t) => s + t.cells.length, 0),
      note: Number.isNaN(e) ? 'no post-treatment terms' : null,
    };
  };
  const out_rows: AggregateRow[] = spec0.type === 'simple' ? [mk(null, 0, est[0])] : [...terms.map((t, j) => mk(t, j, est[j])), mk(null, E, overallEst)];
  const title = {
    simple: 'Overall ATT (simple average of post-treatment ATT(g,t), weighted by cohort size)',
    dynamic: 'Event-study aggregation of ATT(g,t) by event time e = t − g',
    group: 'ATT by cohort (group)',
    calendar: 'ATT by calendar period',
  }[spec0.type];
  return createResult({
    kind: 'aggregate',
    title,
    rows: out_rows,
    spec: { ...spec0, critical: crit },
    notes,
    columns: [
      { key: 'type' },
      { key: 'term', label: 'term' },
      { key: 'event_time', label: 'e' },
      { key: 'group', label: 'group' },
      { key: 'time', label: 'time' },
      { key: 'estimate', label: 'estimate', digits: 4 },
      { key: 'se', label: 'se', digits: 4 },
      { key: 'ci_low', label: 'ci_low', digits: 4 },
      { key: 'ci_high', label: 'ci_high', digits: 4 },
      { key: 'band_low', label: 'band_low', digits: 4 },
      { key: 'band_high', label: 'band_high', digits: 4 },
      { key: 'level' },
      { key: 'n_cells' },
      { key: 'note' },
    ],
  });
}

/** The terms of an aggregation and which of them enter the overall summary. */
function termsOf(att: AttGtResult, usable: readonly number[], spec: Omit<AggregateSpec, 'critical'>, periods: Float64Array): { terms: Term[]; overall: (t: Term) => boolean } {
  const rows = att.rows;
  const maxE = spec.maxE ?? Infinity;
  const post = (k: number): boolean => rows[k].group <= rows[k].time && rows[k].time <= rows[k].group + maxE;
  if (spec.type === 'simple') return { terms: [{ term: 'overall', value: null, cells: usable.filter(post), shares: true }], overall: () => true };
  if (spec.type === 'group') {
    const groups = [...new Set(usable.map((k) => rows[k].group))].sort((a, b) => a - b);
    const terms = groups.map((g) => ({ term: 'group' as const, value: g, cells: usable.filter((k) => rows[k].group === g && post(k)), shares: false })).filter((t) => t.cells.length > 0);
    return { terms, overall: () => true };
  }
  if (spec.type === 'calendar') {
    const minG = Math.min(...usable.map((k) => rows[k].group));
    const times = [...new Set(usable.map((k) => rows[k].time))].filter((t) => t >= minG).sort((a, b) => a - b);
    const terms = times.map((t) => ({ term: 'time' as const, value: t, cells: usable.filter((k) => rows[k].time === t && rows[k].group <= t), shares: true })).filter((x) => x.cells.length > 0);
    return { terms, overall: () => true };
  }
  const first = periods[0];
  const last = periods[periods.length - 1];
  let es = [...new Set(usable.map((k) => rows[k].event_time))].sort((a, b) => a - b);
  let include = (_k: number): boolean => true;
  if (spec.balanceE !== null) {
    const b = spec.balanceE;
    es = es.filter((e) => e <= b && e >= b - last + first);
    include = (k) => last - rows[k].group >= b;
  }
  if (spec.minE !== null) es = es.filter((e) => e >= spec.minE!);
  if (spec.maxE !== null) es = es.filter((e) => e <= spec.maxE!);
  const terms = es.map((e) => ({ term: 'event_time' as const, value: e, cells: usable.filter((k) => rows[k].event_time === e && include(k)), shares: true })).filter((t) => t.cells.length > 0);
  return { terms, overall: (t) => (t.value ?? -1) >= 0 };
}

/**
 * Combine ATT(g,t) `cells` into one estimate and write its influence function into `out`:
 * Σ_k v_k IF_k, plus (cohort-share weights) the effect of estimating the shares, as `aggte`'s wif.
 */
function combine(att: AttGtResult, cells: readonly number[], shares: boolean, pgOf: Map<number, number>, out: Float64Array): number {
  const { n, values, cohort, weight } = att.influence;
  const rows = att.rows;
  const pg = cells.map((k) => (shares ? pgOf.get(rows[k].group) ?? 0 : 1));
  const S = pg.reduce((a, b) => a + b, 0);
  let estimate = 0;
  cells.forEach((k, j) => {
    const v = pg[j] / S;
    estimate += v * rows[k].estimate!;
    const col = k * n;
    for (let i = 0; i < n; i++) out[i] += v * values[col + i];
  });
  if (!shares) return estimate;
  // wif: ∂/∂p̂_g of Σ p_g ATT / Σ p_g, with p̂_g = mean(w·1(G = g)); per person it depends only on the cohort.
  const A = new Map<number, number>();
  const N = new Map<number, number>();
  let P = 0;
  cells.forEach((k, j) => {
    const g = rows[k].group;
    A.set(g, (A.get(g) ?? 0) + rows[k].estimate!);
    N.set(g, (N.get(g) ?? 0) + 1);
    P += pg[j] * rows[k].estimate!;
  });
  for (let i = 0; i < n; i++) {
    const a = A.get(cohort[i]) ?? 0;
    const c = N.get(cohort[i]) ?? 0;
    out[i] += (weight[i] * a - P) / S - ((weight[i] * c - S) * P) / (S * S);
  }
  return estimate;
}

/** Overall of the group aggregation: cohort effects weighted by cohort shares, with the share-estimation term. */
function overGroups(terms: readonly Term[], est: readonly number[], psi: Float64Array, n: number, pgOf: Map<number, number>, cohort: Float64Array, weight: Float64Array, out: Float64Array): number {
  const pg = terms.map((t) => pgOf.get(t.value!) ?? 0);
  const S = pg.reduce((a, b) => a + b, 0);
  let P = 0;
  terms.forEach((_, j) => {
    P += pg[j] * est[j];
    for (let i = 0; i < n; i++) out[i] += (pg[j] / S) * psi[j * n + i];
  });
  const byGroup = new Map<number, number>();
  terms.forEach((t, j) => byGroup.set(t.value!, est[j]));
  for (let i = 0; i < n; i++) {
    const e = byGroup.get(cohort[i]);
    const a = e ?? 0;
    const c = e === undefined ? 0 : 1;
    out[i] += (weight[i] * a - P) / S - ((weight[i] * c - S) * P) / (S * S);
  }
  return P / S;
}
