import { checkLevel, normalCritical } from '../core/critical.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { checkResultKind, createResult, type Result, INTERVAL_COLUMNS, BAND_COLUMNS } from '../core/result.js';
import type { AttGtResult } from './attGt.js';
import type { BootstrapSpec } from './inference.js';
import { combinationInference, type AttGtInfluence, type Combination } from './influence.js';

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
  checkResultKind('aggregate', att, ['attGt'], 'an attGt result (from attGt(panel))');
  const spec0 = resolve(att, options);
  const inf = att.influence;
  const rows = att.rows;
  const notes: string[] = [];
  const usable: number[] = [];
  rows.forEach((r, k) => {
    if (r.estimate !== null) usable.push(k);
  });
  if (usable.length < rows.length) notes.push(`${rows.length - usable.length} ATT(g,t) that could not be estimated are left out`);
  const pgOf = cohortShares(inf);
  const { terms, overall } = termsOf(att, usable, spec0, inf.periods);
  if (terms.length === 0) throw new SpecificationError(`aggregate: no ATT(g,t) to combine for type '${spec0.type}'`);
  const E = terms.length;
  const parts = terms.map((t) => combine(att, t.cells, t.shares, pgOf));
  let whole: { estimate: number; combo: Combination };
  if (spec0.type === 'simple') whole = parts[0];
  else if (spec0.type === 'group') whole = overGroups(inf, terms, parts, pgOf);
  else {
    const pos = terms.map((t, j) => (overall(t) ? j : -1)).filter((j) => j >= 0);
    whole = mean(pos.map((j) => parts[j]), rows.length, inf.cohortValues.length);
  }
  const combos = spec0.type === 'simple' ? [whole.combo] : [...parts.map((x) => x.combo), whole.combo];
  const estimates = spec0.type === 'simple' ? [whole.estimate] : [...parts.map((x) => x.estimate), whole.estimate];
  const inference = combinationInference(inf, combos, spec0.bootstrap, spec0.level, spec0.type === 'simple' ? 0 : E);
  const z = normalCritical(spec0.level);
  const crit = spec0.type === 'simple' ? null : inference.critical;
  const mk = (term: Term | null, j: number): AggregateRow => {
    const e = estimates[j];
    const se = Number.isNaN(e) ? null : inference.se[j];
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
  const outRows: AggregateRow[] = spec0.type === 'simple' ? [mk(null, 0)] : [...terms.map((t, j) => mk(t, j)), mk(null, E)];
  const title = {
    simple: 'Overall ATT (simple average of post-treatment ATT(g,t), weighted by cohort size)',
    dynamic: 'Event-study aggregation of ATT(g,t) by event time e = t − g',
    group: 'ATT by cohort (group)',
    calendar: 'ATT by calendar period',
  }[spec0.type];
  return createResult({
    kind: 'aggregate',
    title,
    rows: outRows,
    spec: { ...spec0, critical: crit },
    notes,
    columns: [
      { key: 'type' },
      { key: 'term', label: 'term' },
      { key: 'event_time', label: 'e' },
      { key: 'group', label: 'group' },
      { key: 'time', label: 'time' },
      { key: 'estimate', label: 'estimate', digits: 4 },
      ...INTERVAL_COLUMNS,
      ...BAND_COLUMNS,
      { key: 'level' },
      { key: 'n_cells' },
      { key: 'note' },
    ],
  });
}

/**
 * Per pre-treatment event time e < 0, the cohort-share-weighted average of the given ATT(g,t)
 * (as the dynamic aggregation): the pre-trend test of problems with very many pre-treatment cells.
 */
export function preTreatmentEventTimes(att: Pick<AttGtResult, 'rows' | 'influence'>, which: readonly number[]): { estimates: number[]; combos: Combination[] } {
  const pgOf = cohortShares(att.influence);
  const es = [...new Set(which.map((k) => att.rows[k].event_time))].sort((a, b) => a - b);
  const parts = es.map((e) => combine(att, which.filter((k) => att.rows[k].event_time === e), true, pgOf));
  return { estimates: parts.map((p) => p.estimate), combos: parts.map((p) => p.combo) };
}

/** p_g = mean(w · 1(G = g)) per cohort code (0 for never treated). */
function cohortShares(inf: AttGtInfluence): Float64Array {
  const pg = new Float64Array(inf.cohortValues.length);
  for (let i = 0; i < inf.n; i++) if (inf.cohortValues[inf.cohortCode[i]] !== Infinity) pg[inf.cohortCode[i]] += inf.weight[i] / inf.n;
  return pg;
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
 * Combine ATT(g,t) `cells` into one estimate and its influence function: Σ_k v_k ψ_k, plus (with
 * cohort-share weights) the effect of estimating the shares as `aggte`'s wif, which for person i is
 * w_i (A_g / S − N_g P / S²) with A_g the sum and N_g the number of the cells of i's cohort g,
 * P = Σ p_k ATT_k and S = Σ p_k.
 */
function combine(att: Pick<AttGtResult, 'rows' | 'influence'>, cells: readonly number[], shares: boolean, pgOf: Float64Array): { estimate: number; combo: Combination } {
  const inf = att.influence;
  const rows = att.rows;
  const code = (g: number) => inf.cohortValues.indexOf(g);
  const pg = cells.map((k) => (shares ? pgOf[code(rows[k].group)] : 1));
  const S = pg.reduce((a, b) => a + b, 0);
  const coef = new Float64Array(rows.length);
  const wif = new Float64Array(inf.cohortValues.length);
  let estimate = 0;
  let P = 0;
  cells.forEach((k, j) => {
    coef[k] = pg[j] / S;
    estimate += (pg[j] / S) * rows[k].estimate!;
    P += pg[j] * rows[k].estimate!;
  });
  if (shares) {
    cells.forEach((k) => {
      wif[code(rows[k].group)] += rows[k].estimate! / S - P / (S * S);
    });
  }
  return { estimate, combo: { coef, wif } };
}

/** The mean of several combinations (overall dynamic and calendar effects: no share term). */
function mean(parts: readonly { estimate: number; combo: Combination }[], K: number, codes: number): { estimate: number; combo: Combination } {
  const coef = new Float64Array(K);
  const wif = new Float64Array(codes);
  let estimate = parts.length === 0 ? NaN : 0;
  for (const p of parts) {
    estimate += p.estimate / parts.length;
    p.combo.coef.forEach((v, k) => (coef[k] += v / parts.length));
    p.combo.wif.forEach((v, c) => (wif[c] += v / parts.length));
  }
  return { estimate, combo: { coef, wif } };
}

/** Overall of the group aggregation: cohort effects weighted by cohort shares, with the share term. */
function overGroups(inf: AttGtInfluence, terms: readonly Term[], parts: readonly { estimate: number; combo: Combination }[], pgOf: Float64Array): { estimate: number; combo: Combination } {
  const codes = terms.map((t) => inf.cohortValues.indexOf(t.value!));
  const pg = codes.map((c) => pgOf[c]);
  const S = pg.reduce((a, b) => a + b, 0);
  const K = parts[0].combo.coef.length;
  const coef = new Float64Array(K);
  const wif = new Float64Array(inf.cohortValues.length);
  let P = 0;
  parts.forEach((p, j) => {
    P += pg[j] * p.estimate;
    p.combo.coef.forEach((v, k) => (coef[k] += (pg[j] / S) * v));
  });
  parts.forEach((p, j) => {
    wif[codes[j]] += p.estimate / S - P / (S * S);
  });
  return { estimate: P / S, combo: { coef, wif } };
}
