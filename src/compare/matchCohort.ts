/**
 * Matching inside one support-start cohort: distances, balance before matching, greedy nearest
 * neighbour stratum by stratum, balance after matching.
 */
import { createRandom, type Random } from '../core/random.js';
import { SpecificationError } from '../core/errors.js';
import type { CandidateBalance } from './candidateBalance.js';
import { balanceColumn, type BalanceAccumulator, type BalanceSource } from './balance.js';
import { designColumns, pooledInverseCovariance } from './distance.js';
import type { UnmatchedReason } from './matchEligibility.js';
import type { MatchDesign } from './matchSpec.js';
import type { CohortPlan, CohortRows, RowSource } from './modelRows.js';
import { matchOnDistance, matchOnScore, NO_MATCH_CALIPER } from './nearestNeighbour.js';
import type { MatchedPairs } from './matchWeights.js';
import type { PropensityModel } from './propensityModel.js';

/** Everything matching a cohort needs besides the cohort. */
export interface CohortContext {
  readonly design: MatchDesign;
  readonly source: RowSource;
  /** Undefined for mahalanobis. */
  readonly propensity: PropensityModel | undefined;
  readonly caliperWidth: number;
  readonly tieRank: Int32Array;
  readonly balance: BalanceAccumulator;
  /** Per-stratum candidate sums of the balance columns that have them. */
  readonly candidateBalance?: CandidateBalance;
  /** Person-level balance columns by export row (undefined for anchor-dependent ones). */
  readonly personColumns: readonly (Float64Array | undefined)[];
  readonly pairs: MatchedPairs;
  /** Scratch for the pairs of one cohort. */
  readonly found: FoundPairs;
  readonly unmatched: (p: number, reason: UnmatchedReason) => void;
}

/** Supported rows of a stratum in the order they choose. */
function chooseOrder(tScore: Float64Array, order: MatchDesign['spec']['order'], rng: Random): Int32Array {
  const idx = new Int32Array(tScore.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  if (order === 'largest') idx.sort((a, b) => tScore[b] - tScore[a] || a - b);
  else if (order === 'smallest') idx.sort((a, b) => tScore[a] - tScore[b] || a - b);
  else if (order === 'random') rng.shuffle(idx);
  return idx;
}

/** A Mahalanobis distance between model rows t and c of the cohort. */
function mahalanobis(rows: CohortRows, ctx: CohortContext, label: string): (t: number, c: number) => number {
  const m = rows.person.length;
  const design = designColumns(ctx.design.distVars, rows.raw, m);
  if (design.columns.length === 0) throw new SpecificationError(`cohort ${label}: every distance covariate is constant`);
  const inv = pooledInverseCovariance(design.columns, rows.nT, label, design.names);
  const cols = design.columns;
  const q = cols.length;
  const diff = new Float64Array(q);
  return (t, c) => {
    for (let a = 0; a < q; a++) diff[a] = cols[a][t] - cols[a][c];
    let s = 0;
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) s += diff[a] * inv[a * q + b] * diff[b];
    return Math.sqrt(Math.max(0, s));
  };
}

/**
 * Match one stratum (`stratum`): supported rows [t0, t1), candidate rows [c0, c1) (in person order).
 * Pairs go to `out` as model rows; unmatched supported persons are reported.
 */
function matchStratum(
  ctx: CohortContext,
  rows: CohortRows,
  score: Float64Array,
  dist: ((t: number, c: number) => number) | undefined,
  range: readonly [number, number, number, number],
  stratum: number,
  rng: Random,
  out: FoundPairs,
): void {
  const [t0, t1, c0, c1] = range;
  const { ratio, replace, order } = ctx.design.spec;
  const tScore = dist ? new Float64Array(t1 - t0) : score.subarray(t0, t1);
  const idx = chooseOrder(tScore, order, rng);
  const cTie = candidateTies(ctx, rows, stratum, c0, c1);
  const sink = (t: number, c: number, d: number): void => out.push(t0 + t, c0 + c, d);
  const reason = dist
    ? matchOnDistance(t1 - t0, idx, c1 - c0, cTie, (t, c) => dist(t0 + t, c0 + c), ratio, replace, sink)
    : matchOnScore(tScore, idx, score.subarray(c0, c1), cTie, ratio, replace, ctx.caliperWidth, sink, tieOrder(ctx, stratum, c1 - c0));
  for (let t = 0; t < reason.length; t++) {
    if (reason[t] !== 0) ctx.unmatched(rows.person[t0 + t], reason[t] === NO_MATCH_CALIPER ? 'caliper' : 'controls-exhausted');
  }
}

/** Tie ranks of candidate rows [c0, c1) of a stratum: a view of the pool's when no candidate of it was dropped. */
function candidateTies(ctx: CohortContext, rows: CohortRows, stratum: number, c0: number, c1: number): Int32Array {
  const { offsets, tieRank } = ctx.source.pool;
  if (offsets[stratum + 1] - offsets[stratum] === c1 - c0) return tieRank.subarray(offsets[stratum], offsets[stratum + 1]);
  const cTie = new Int32Array(c1 - c0);
  for (let i = 0; i < cTie.length; i++) cTie[i] = ctx.tieRank[rows.person[c0 + i]];
  return cTie;
}

/** The pool's tie order of a stratum, when no candidate of it was dropped (a missing covariate). */
function tieOrder(ctx: CohortContext, stratum: number, n: number): Int32Array | undefined {
  const { offsets, tieOrder: order } = ctx.source.pool;
  return offsets[stratum + 1] - offsets[stratum] === n ? order.subarray(offsets[stratum], offsets[stratum + 1]) : undefined;
}

/** Match a planned cohort (`ci`: its index among the cohort labels) and record pairs and balance. */
export function matchCohort(ctx: CohortContext, plan: CohortPlan, rows: CohortRows, ci: number): void {
  const m = rows.person.length;
  const { propensity, design } = ctx;
  const score = new Float64Array(propensity ? m : 0);
  if (propensity) propensity.scores(ci, rows.raw, 0, m, score);
  const dist = propensity ? undefined : mahalanobis(rows, ctx, plan.label);
  const balCols: BalanceSource[] = design.balVars.map((v, i) => {
    if (design.balDistIndex[i] >= 0) return { col: rows.raw[design.balDistIndex[i]] };
    const byPerson = ctx.personColumns[i];
    return byPerson ? { col: byPerson, byRow: rows.person } : { col: balanceColumn(v, rows.person, rows.anchor, ctx.source.pre) };
  });
  if (propensity) balCols.push({ col: score });
  const cb = ctx.candidateBalance;
  // Stratum sums stand for the candidate rows when those are exactly the usable pool candidates of the strata.
  const candidateSums = cb && cb.count(plan.strata) === m - rows.nT ? design.balVars.map((_, i) => cb.cohortSums(i, plan.strata)) : undefined;
  ctx.balance.addBefore(balCols, rows.nT, m, candidateSums);

  const found = ctx.found;
  found.length = 0;
  const rng = createRandom(design.spec.seed + plan.key);
  for (let s = 0; s < plan.strata.length; s++) {
    const r = rows.ranges;
    if (r[4 * s + 1] === r[4 * s]) continue;
    matchStratum(ctx, rows, score, dist, [r[4 * s], r[4 * s + 1], r[4 * s + 2], r[4 * s + 3]], plan.strata[s], rng, found);
  }
  // Controls of a set weigh 1/(controls in the set) in the balance after matching; the set's supported rows in order of their first pair.
  const nPairs = found.length;
  const setCount = new Int32Array(rows.nT);
  let nSets = 0;
  for (let i = 0; i < nPairs; i++) if (setCount[found.t[i]]++ === 0) nSets++;
  const treatedRows = new Int32Array(nSets);
  const controlRows = new Int32Array(nPairs);
  const controlWeights = new Float64Array(nPairs);
  for (let i = 0, k = 0; i < nPairs; i++) {
    const t = found.t[i];
    const c = found.c[i];
    ctx.pairs.add(rows.tAnchor[t], rows.person[c], found.d[i], rows.raw, t, c);
    controlRows[i] = c;
    const n = setCount[t];
    if (n > 0) {
      treatedRows[k++] = t;
      setCount[t] = -n; // seen
    }
    controlWeights[i] = 1 / Math.abs(n);
  }
  ctx.balance.addAfter(balCols, treatedRows, controlRows, controlWeights);
}

/** Pairs of model rows found in a cohort, with their distance: growable typed arrays reused from cohort to cohort. */
export class FoundPairs {
  length = 0;
  t = new Int32Array(1024);
  c = new Int32Array(1024);
  d = new Float64Array(1024);

  push(t: number, c: number, d: number): void {
    if (this.length === this.t.length) {
      const n = 2 * this.length;
      const grow = <A extends Int32Array | Float64Array>(a: A, b: A): A => (b.set(a), b);
      this.t = grow(this.t, new Int32Array(n));
      this.c = grow(this.c, new Int32Array(n));
      this.d = grow(this.d, new Float64Array(n));
    }
    this.t[this.length] = t;
    this.c[this.length] = c;
    this.d[this.length++] = d;
  }
}
