import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { table, type ColumnTable } from 'arquero';
import { checkLevel, normalCritical } from '../core/critical.js';
import type { EstimateFields } from '../estimate/types.js';
import { SpecificationError } from '../core/errors.js';
import { PHASES, type EventPanel, type Phase } from '../panel/types.js';
import { createRandom } from '../core/random.js';
import { clusterIndex, groupCodes, type ClusterBy } from './clusters.js';
import { cholesky, choleskySolve, psdSquareRoot } from '../core/linalg.js';

/** Multiplier bootstrap settings for the uniform (sup-t) band. */
export interface MultiplierBootstrapOptions {
  /** Number of draws (default 999). */
  readonly replications?: number;
  /** Seed of the multiplier draws (default 1). */
  readonly seed?: number;
  /**
   * Multiplier distribution: `rademacher` (±1, default, as R `did`), `mammen` (two-point, skewness 1),
   * or `gaussian`: with normal multipliers the draws Σ_c v_c ψ_c are exactly normal with covariance
   * Σ_c ψ_c ψ_cᵀ, so they are drawn from that covariance directly, in O(clusters × k² + draws × k²)
   * instead of O(draws × clusters × k) — much faster on large panels.
   */
  readonly multiplier?: 'rademacher' | 'mammen' | 'gaussian';
}

/** Options of {@link eventStudy}. */
export interface EventStudyEstimateOptions {
  readonly treated?: string;
  readonly control?: string;
  /** Reference window of `before` event times, inclusive, e.g. [-12, -1] (default). */
  readonly reference?: readonly [number, number];
  /** Confidence level of pointwise intervals and the uniform band (default 0.95). */
  readonly level?: number;
  /** Cluster by person (default) or matched set. */
  readonly cluster?: ClusterBy;
  /** Phases to estimate (default `before` and `after`). */
  readonly phases?: readonly Phase[];
  /** Multiplier bootstrap for the sup-t band; `false` to skip it. */
  readonly bootstrap?: MultiplierBootstrapOptions | false;
}

/**
 * ATT at one event time, with its pointwise interval and the uniform band. `n_persons` (and
 * `n_person_months`, one month per person at k) count the distinct persons observed at k.
 */
export interface EventTimeEstimate extends EstimateFields {
  readonly phase: Phase;
  readonly event_time: number;
  /** Uniform (simultaneous) band over all event times; null without bootstrap. */
  readonly band_low: number | null;
  readonly band_high: number | null;
  readonly n_treated: number;
  readonly n_control: number;
}

/** Joint Wald test that every pre-support ATT(k) outside the reference window is zero. */
export interface PreTrendTest {
  readonly statistic: number | null;
  readonly df: number;
  readonly p_value: number | null;
  readonly note?: string;
}

/** Result of {@link eventStudy}. */
export interface EventStudyResult {
  readonly estimates: readonly EventTimeEstimate[];
  readonly reference: readonly [number, number];
  readonly level: number;
  /** Critical value of the sup-t band (null without bootstrap). */
  readonly uniform_critical: number | null;
  readonly bootstrap: { readonly replications: number; readonly seed: number; readonly multiplier: string } | null;
  readonly pre_trend: PreTrendTest;
  readonly n_clusters: number;
  readonly cluster: ClusterBy;
  /** Tidy table: one row per event time. */
  toTable(): ColumnTable;
  summary(): string;
}

/**
 * Event study (design §4): ATT(k) = [ȳ_T(k) − ȳ_T(ref)] − [ȳ_C(k) − ȳ_C(ref)] for every event
 * time k of the chosen phases.
 *
 * - ȳ_g(k): weighted mean outcome of group g's persons observed at k.
 * - ȳ_g(ref): weighted mean over persons of *their own* mean over the observed months of the
 *   reference window (each person counts once, however many reference months they have).
 * - Standard errors from influence functions, as R `did`: ATT(k) is a smooth function of those
 *   means, so a person's influence on it is the sum of their influences on the four means,
 *   ψ_i(k) = ±[w_i 1_ik (y_ik − ȳ_g(k)) / Σw 1_k − w_i 1_i,ref (r_i − ȳ_g(ref)) / Σw 1_ref];
 *   se(k) = sqrt(Σ_clusters (Σ_{i in cluster} ψ_i(k))²) (did's sqrt(Σ IF²)/n with IF = nψ).
 * - Uniform band: multiplier bootstrap on the cluster IFs, critical value = (1 − α) quantile of
 *   max_k |Σ_c v_c ψ_c(k)| / se(k) (type-1 quantile, as did's mboot; cost O(draws × clusters × event times)).
 * - Pre-trend test: Wald statistic θ'Σ⁻¹θ over pre-support k outside the reference window, Σ the
 *   IF covariance, chi-square with as many degrees of freedom.
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
 * es.estimates.map((e) => e.event_time); // [-2, -1, 1]
 * es.estimates[2].estimate; // 0.5: treated 0.5 → 1, control 0.5 → 0.5
 */
export function eventStudy(panel: EventPanel, options: EventStudyEstimateOptions = {}): EventStudyResult {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const reference = options.reference ?? [-12, -1];
  const [refLo, refHi] = reference;
  if (!Number.isInteger(refLo) || !Number.isInteger(refHi) || refLo > refHi || refHi > -1) {
    throw new SpecificationError(`reference must be a window [a, b] of whole before-support months with a ≤ b ≤ −1, got [${refLo}, ${refHi}]`);
  }
  const by = options.cluster ?? 'person';
  const phases = options.phases ?? ['before', 'after'];
  const phaseWanted = new Uint8Array(3);
  for (const ph of phases) {
    const code = PHASES.indexOf(ph);
    if (code < 0) throw new SpecificationError(`unknown phase ${JSON.stringify(ph)}; use before, during or after`);
    phaseWanted[code] = 1;
  }
  const boot = options.bootstrap === false ? null : options.bootstrap ?? {};
  const replications = boot?.replications ?? 999;
  const seed = boot?.seed ?? 1;
  const multiplier = boot?.multiplier ?? 'rademacher';
  if (boot && (!Number.isInteger(replications) || replications < 1)) throw new SpecificationError(`bootstrap replications must be a whole number ≥ 1, got ${replications}`);
  if (boot && multiplier !== 'rademacher' && multiplier !== 'mammen' && multiplier !== 'gaussian') {
    throw new SpecificationError(`multiplier must be 'rademacher', 'mammen' or 'gaussian', got ${JSON.stringify(multiplier)}`);
  }

  const codes = groupCodes(panel, options.treated ?? 'supported', options.control ?? 'control');
  const { index: clusterOf, count: nClusters } = clusterIndex(panel, by);
  const P = panel.persons.length;
  const { weight, group } = panel.persons;
  // side: +1 treated, −1 control, 0 not used
  const side = new Int8Array(P);
  for (let p = 0; p < P; p++) {
    const w = weight[p];
    if (!(w >= 0) || !Number.isFinite(w)) throw new SpecificationError(`person ${panel.persons.id[p]} has weight ${w}; weights must be finite and ≥ 0`);
    if (w > 0) side[p] = group[p] === codes.treated ? 1 : group[p] === codes.control ? -1 : 0;
  }

  // Columns: one per (phase, event time) present among used rows, ordered by phase then k.
  const { person, phase, eventTime, outcome } = panel;
  const keys = new Set<number>();
  for (let r = 0; r < panel.length; r++) if (side[person[r]] !== 0 && phaseWanted[phase[r]]) keys.add(phase[r] * 65536 + eventTime[r] + 32768);
  const sortedKeys = Array.from(keys).sort((a, b) => a - b);
  const J = sortedKeys.length;
  const colOf = new Map<number, number>(sortedKeys.map((k, j) => [k, j]));
  const rowCol = new Int32Array(panel.length).fill(-1);
  for (let r = 0; r < panel.length; r++) {
    if (side[person[r]] === 0 || !phaseWanted[phase[r]]) continue;
    rowCol[r] = colOf.get(phase[r] * 65536 + eventTime[r] + 32768)!;
  }

  // Reference: each person's own mean over the observed reference months.
  const refSum = new Float64Array(P);
  const refN = new Float64Array(P);
  for (let r = 0; r < panel.length; r++) {
    if (phase[r] !== 0 || eventTime[r] < refLo || eventTime[r] > refHi) continue;
    refSum[person[r]] += outcome[r];
    refN[person[r]]++;
  }
  // Weighted sums per group (index 0 treated, 1 control).
  const D = new Float64Array(2 * J);
  const S = new Float64Array(2 * J);
  for (let r = 0; r < panel.length; r++) {
    const j = rowCol[r];
    if (j < 0) continue;
    const p = person[r];
    const g = side[p] === 1 ? 0 : 1;
    D[g * J + j] += weight[p];
    S[g * J + j] += weight[p] * outcome[r];
  }
  const nAt = distinctPersonsAt(panel, side, rowCol, J);
  const refD = [0, 0];
  const refS = [0, 0];
  for (let p = 0; p < P; p++) {
    if (side[p] === 0 || refN[p] === 0) continue;
    const g = side[p] === 1 ? 0 : 1;
    refD[g] += weight[p];
    refS[g] += (weight[p] * refSum[p]) / refN[p];
  }
  const refMean = [refS[0] / refD[0], refS[1] / refD[1]];
  const mean = new Float64Array(2 * J);
  for (let i = 0; i < 2 * J; i++) mean[i] = D[i] > 0 ? S[i] / D[i] : NaN;
  const att = new Float64Array(J);
  for (let j = 0; j < J; j++) att[j] = mean[j] - refMean[0] - (mean[J + j] - refMean[1]);

  // Cluster influence functions, row-major clusters × J.
  const psi = new Float64Array(nClusters * J);
  const refPsi = new Float64Array(nClusters);
  for (let r = 0; r < panel.length; r++) {
    const j = rowCol[r];
    if (j < 0) continue;
    const p = person[r];
    const g = side[p] === 1 ? 0 : 1;
    psi[clusterOf[p] * J + j] += (side[p] * weight[p] * (outcome[r] - mean[g * J + j])) / D[g * J + j];
  }
  for (let p = 0; p < P; p++) {
    if (side[p] === 0 || refN[p] === 0) continue;
    const g = side[p] === 1 ? 0 : 1;
    refPsi[clusterOf[p]] += (side[p] * weight[p] * (refSum[p] / refN[p] - refMean[g])) / refD[g];
  }
  const clusterUsed = new Uint8Array(nClusters);
  for (let p = 0; p < P; p++) if (side[p] !== 0) clusterUsed[clusterOf[p]] = 1;
  const defined = new Uint8Array(J);
  const refOk = refD[0] > 0 && refD[1] > 0;
  for (let j = 0; j < J; j++) defined[j] = refOk && D[j] > 0 && D[J + j] > 0 ? 1 : 0;
  for (let c = 0; c < nClusters; c++) {
    const rp = refPsi[c];
    if (rp === 0) continue;
    const row = c * J;
    for (let j = 0; j < J; j++) psi[row + j] -= rp;
  }
  const se = new Float64Array(J);
  for (let c = 0; c < nClusters; c++) {
    const row = c * J;
    for (let j = 0; j < J; j++) se[j] += psi[row + j] * psi[row + j];
  }
  for (let j = 0; j < J; j++) se[j] = Math.sqrt(se[j]);
  let G = 0;
  for (let c = 0; c < nClusters; c++) G += clusterUsed[c];

  // Sup-t critical value from the multiplier bootstrap.
  let uniformCritical: number | null = null;
  if (boot) {
    const cols: number[] = [];
    for (let j = 0; j < J; j++) if (defined[j] && se[j] > 0) cols.push(j);
    if (cols.length > 0) {
      const tmax =
        multiplier === 'gaussian'
          ? gaussianMaxT(psi, nClusters, J, se, Int32Array.from(cols), replications, seed)
          : bootstrapMaxT(psi, nClusters, J, clusterUsed, se, Int32Array.from(cols), replications, seed, multiplier);
      tmax.sort();
      uniformCritical = tmax[Math.max(0, Math.ceil(replications * level) - 1)];
    }
  }

  const z = normalCritical(level);
  const method = `influence-function-cluster-${by}`;
  const estimates: EventTimeEstimate[] = sortedKeys.map((key, j) => {
    const ph = PHASES[Math.floor(key / 65536)];
    const k = (key % 65536) - 32768;
    const nT = nAt[j];
    const nC = nAt[J + j];
    const base = { phase: ph, event_time: k, level, method, n_persons: nT + nC, n_person_months: nT + nC, n_treated: nT, n_control: nC };
    if (!defined[j]) {
      return {
        ...base,
        estimate: null,
        se: null,
        ci_low: null,
        ci_high: null,
        band_low: null,
        band_high: null,
        note: !refOk ? 'a group has no person observed in the reference window' : 'a group has no person observed at this event time',
      };
    }
    const band = uniformCritical !== null && se[j] > 0 ? uniformCritical * se[j] : se[j] === 0 ? 0 : null;
    return {
      ...base,
      estimate: att[j],
      se: se[j],
      ci_low: att[j] - z * se[j],
      ci_high: att[j] + z * se[j],
      band_low: band === null ? null : att[j] - band,
      band_high: band === null ? null : att[j] + band,
      ...(se[j] === 0 ? { note: 'no variation: standard error is zero' } : {}),
    };
  });

  const preTrend = waldPreTrend(psi, nClusters, J, sortedKeys, att, defined, refLo, refHi);
  const result: Omit<EventStudyResult, 'toTable' | 'summary'> = {
    estimates,
    reference: [refLo, refHi],
    level,
    uniform_critical: uniformCritical,
    bootstrap: boot ? { replications, seed, multiplier } : null,
    pre_trend: preTrend,
    n_clusters: G,
    cluster: by,
  };
  return { ...result, toTable: () => eventStudyTable(result), summary: () => eventStudySummary(result) };
}

/**
 * Gaussian-multiplier draws of max_k |x_k| / se(k), x ~ N(0, Σ_c ψ_c ψ_cᵀ) over the columns `cols`,
 * drawn as L z with L a square root of the IF covariance.
 */
function gaussianMaxT(psi: Float64Array, nClusters: number, J: number, se: Float64Array, cols: Int32Array, replications: number, seed: number): Float64Array {
  const m = cols.length;
  const V = new Float64Array(m * m);
  const rowBuf = new Float64Array(m);
  for (let c = 0; c < nClusters; c++) {
    const row = c * J;
    for (let a = 0; a < m; a++) rowBuf[a] = psi[row + cols[a]];
    for (let a = 0; a < m; a++) {
      const pa = rowBuf[a];
      if (pa === 0) continue;
      for (let b = 0; b <= a; b++) V[a * m + b] += pa * rowBuf[b];
    }
  }
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) V[a * m + b] = V[b * m + a];
  const L = psdSquareRoot(V, m);
  const rng = createRandom(seed);
  const z = new Float64Array(m);
  const tmax = new Float64Array(replications);
  for (let r = 0; r < replications; r++) {
    for (let a = 0; a < m; a++) z[a] = rng.normal();
    let best = 0;
    for (let a = 0; a < m; a++) {
      let x = 0;
      for (let b = 0; b <= a; b++) x += L[a * m + b] * z[b];
      const t = Math.abs(x) / se[cols[a]];
      if (t > best) best = t;
    }
    tmax[r] = best;
  }
  return tmax;
}

/**
 * Multiplier-bootstrap draws of max_k |Σ_c v_c ψ_c(k)| / se(k) over the columns `cols`.
 * Draws go in blocks of 32, so each cluster's IF row is read once per block (cache), and one
 * 32-bit random number gives a cluster's Rademacher signs for the whole block.
 */
function bootstrapMaxT(
  psi: Float64Array,
  nClusters: number,
  J: number,
  clusterUsed: Uint8Array,
  se: Float64Array,
  cols: Int32Array,
  replications: number,
  seed: number,
  multiplier: 'rademacher' | 'mammen',
): Float64Array {
  const rng = createRandom(seed);
  const tmax = new Float64Array(replications);
  const BLOCK = 32;
  const acc = new Float64Array(BLOCK * J);
  const rademacher = multiplier === 'rademacher';
  const s5 = Math.sqrt(5);
  const lowV = -(s5 - 1) / 2;
  const highV = (s5 + 1) / 2;
  const pLow = (s5 + 1) / (2 * s5);
  // Σ v ψ with v = ±1 equals 2 Σ_{v=+1} ψ − Σ ψ: add only the rows drawn +1.
  const total = new Float64Array(J);
  for (let c = 0; c < nClusters; c++) for (let j = 0; j < J; j++) total[j] += psi[c * J + j];
  for (let b0 = 0; b0 < replications; b0 += BLOCK) {
    const nb = Math.min(BLOCK, replications - b0);
    acc.fill(0);
    for (let c = 0; c < nClusters; c++) {
      if (!clusterUsed[c]) continue;
      const row = c * J;
      if (rademacher) {
        const bits = rng.nextUint32();
        for (let r = 0; r < nb; r++) if ((bits >>> r) & 1) addRow(acc, r * J, psi, row, J);
      } else {
        for (let r = 0; r < nb; r++) addScaledRow(acc, r * J, psi, row, J, rng.uniform() < pLow ? lowV : highV);
      }
    }
    for (let r = 0; r < nb; r++) {
      let m = 0;
      for (let i = 0; i < cols.length; i++) {
        const j = cols[i];
        const draw = rademacher ? 2 * acc[r * J + j] - total[j] : acc[r * J + j];
        const t = Math.abs(draw) / se[j];
        if (t > m) m = t;
      }
      tmax[b0 + r] = m;
    }
  }
  return tmax;
}

function addRow(acc: Float64Array, base: number, psi: Float64Array, row: number, J: number): void {
  for (let j = 0; j < J; j++) acc[base + j] += psi[row + j];
}

function addScaledRow(acc: Float64Array, base: number, psi: Float64Array, row: number, J: number, v: number): void {
  for (let j = 0; j < J; j++) acc[base + j] += v * psi[row + j];
}

/**
 * Distinct persons (by person key) observed at each column, per group: a control matched to
 * several sets (with replacement) is one person. Layout: treated columns, then control columns.
 */
function distinctPersonsAt(panel: EventPanel, side: Int8Array, rowCol: Int32Array, J: number): Float64Array {
  const { index: keyOf, count: nKeys } = clusterIndex(panel, 'person');
  const P = panel.persons.length;
  // Panel persons grouped by key (CSR), so one stamp per key and column suffices.
  const start = new Int32Array(nKeys + 1);
  for (let p = 0; p < P; p++) start[keyOf[p] + 1]++;
  for (let u = 0; u < nKeys; u++) start[u + 1] += start[u];
  const fill = start.slice(0, nKeys);
  const members = new Int32Array(P);
  for (let p = 0; p < P; p++) members[fill[keyOf[p]]++] = p;
  const stamp = new Int32Array(J).fill(-1);
  const n = new Float64Array(2 * J);
  for (let u = 0; u < nKeys; u++) {
    for (let i = start[u]; i < start[u + 1]; i++) {
      const p = members[i];
      if (side[p] === 0) continue;
      const g = side[p] === 1 ? 0 : J;
      for (let r = panel.offsets[p]; r < panel.offsets[p + 1]; r++) {
        const j = rowCol[r];
        if (j < 0 || stamp[j] === u) continue;
        stamp[j] = u;
        n[g + j]++;
      }
    }
  }
  return n;
}

function waldPreTrend(
  psi: Float64Array,
  nClusters: number,
  J: number,
  keys: readonly number[],
  att: Float64Array,
  defined: Uint8Array,
  refLo: number,
  refHi: number,
): PreTrendTest {
  const pre: number[] = [];
  const skipped: number[] = [];
  for (let j = 0; j < J; j++) {
    const ph = Math.floor(keys[j] / 65536);
    const k = (keys[j] % 65536) - 32768;
    if (ph === 0 && (k < refLo || k > refHi)) {
      if (defined[j]) pre.push(j);
      else skipped.push(k);
    }
  }
  const m = pre.length;
  if (m === 0) return { statistic: null, df: 0, p_value: null, note: 'no identified pre-support event times outside the reference window' };
  const skipNote = skipped.length > 0 ? { note: `not identified, left out of the test: k = ${skipped.join(', ')}` } : {};
  const V = new Float64Array(m * m);
  for (let c = 0; c < nClusters; c++) {
    const row = c * J;
    for (let a = 0; a < m; a++) {
      const pa = psi[row + pre[a]];
      if (pa === 0) continue;
      for (let b = 0; b <= a; b++) V[a * m + b] += pa * psi[row + pre[b]];
    }
  }
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) V[a * m + b] = V[b * m + a];
  const ch = cholesky(V, m, 1e-10);
  if (!ch.ok) return { statistic: null, df: m, p_value: null, note: 'the covariance of the pre-support estimates is singular (too few clusters or no variation)' };
  const theta = Float64Array.from(pre, (j) => att[j]);
  const x = choleskySolve(ch.factor, m, theta);
  let stat = 0;
  for (let a = 0; a < m; a++) stat += theta[a] * x[a];
  return { statistic: stat, df: m, p_value: 1 - chisquareCdf(stat, m), ...skipNote };
}

function eventStudyTable(r: Omit<EventStudyResult, 'toTable' | 'summary'>): ColumnTable {
  const e = r.estimates;
  return table({
    phase: e.map((x) => x.phase),
    event_time: e.map((x) => x.event_time),
    estimate: e.map((x) => x.estimate),
    se: e.map((x) => x.se),
    ci_low: e.map((x) => x.ci_low),
    ci_high: e.map((x) => x.ci_high),
    band_low: e.map((x) => x.band_low),
    band_high: e.map((x) => x.band_high),
    level: e.map((x) => x.level),
    method: e.map((x) => x.method),
    n_treated: e.map((x) => x.n_treated),
    n_control: e.map((x) => x.n_control),
    n_persons: e.map((x) => x.n_persons),
    n_person_months: e.map((x) => x.n_person_months),
    note: e.map((x) => x.note ?? null),
  });
}

function eventStudySummary(r: Omit<EventStudyResult, 'toTable' | 'summary'>): string {
  const f = (x: number | null): string => (x === null ? 'NA' : x.toFixed(4));
  const pct = Math.round(r.level * 100);
  const lines = [
    `Event study: ATT(k) relative to the reference window [${r.reference[0]}, ${r.reference[1]}], clustered by ${r.cluster} (${r.n_clusters} clusters)`,
    r.uniform_critical === null ? '  no uniform band (bootstrap off)' : `  ${pct}% uniform band: sup-t critical value ${r.uniform_critical.toFixed(3)} (${r.bootstrap!.replications} ${r.bootstrap!.multiplier} draws)`,
    r.pre_trend.statistic === null
      ? `  pre-trend test: not available (${r.pre_trend.note})`
      : `  pre-trend test: chi2(${r.pre_trend.df}) = ${r.pre_trend.statistic.toFixed(3)}, p = ${r.pre_trend.p_value!.toFixed(4)}`,
    '  phase   k     ATT       se',
    ...r.estimates.map((e) => `  ${e.phase.padEnd(7)} ${String(e.event_time).padStart(4)}  ${f(e.estimate).padStart(8)}  ${f(e.se)}`),
  ];
  return lines.join('\n');
}
