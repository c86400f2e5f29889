import type { CoxSorted } from './coxSorted.js';

/** Harrell's concordance of a Cox model's linear predictor with the observed times (R `concordance(fit)`). */
export interface CoxConcordance {
  /** (concordant + tied_risk / 2) / (concordant + discordant + tied_risk). */
  readonly concordance: number;
  /** Weighted pair counts: an event at t against a subject still at risk after t. */
  readonly concordant: number;
  readonly discordant: number;
  /** Comparable pairs with equal linear predictors (R `tied.x`). */
  readonly tied_risk: number;
  /** Pairs of events at the same time, with different (R `tied.y`) and equal (`tied.xy`) predictors. */
  readonly tied_time: number;
  readonly tied_both: number;
}

/** Fenwick tree of weights over the ranks of the linear predictor. */
class Fenwick {
  private readonly tree: Float64Array;
  constructor(size: number) {
    this.tree = new Float64Array(size + 1);
  }
  add(rank: number, w: number): void {
    for (let i = rank + 1; i < this.tree.length; i += i & -i) this.tree[i] += w;
  }
  /** Total weight of ranks < rank. */
  below(rank: number): number {
    let s = 0;
    for (let i = rank; i > 0; i -= i & -i) s += this.tree[i];
    return s;
  }
}

/** Ranks of the distinct linear-predictor values (equal values share a rank): native sort, then binary search. */
function predictorRanks(eta: Float64Array): { rank: Int32Array; size: number } {
  const n = eta.length;
  const sorted = Float64Array.from(eta).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i];
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = m - 1;
    const v = eta[i];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return { rank, size: m };
}

/** Weighted pairs among tied deaths: all of them, and those with equal predictors (sorts `rows` in place). */
function tiedPairs(rows: Int32Array, rank: Int32Array, weight: Float64Array): { all: number; equal: number } {
  rows.sort((a, b) => rank[a] - rank[b]);
  let sum = 0;
  let sumSq = 0;
  let equal = 0;
  let g = 0;
  let gSq = 0;
  for (let k = 0; k < rows.length; k++) {
    const w = weight[rows[k]];
    if (k > 0 && rank[rows[k]] !== rank[rows[k - 1]]) {
      equal += (g * g - gSq) / 2;
      g = 0;
      gSq = 0;
    }
    g += w;
    gSq += w * w;
    sum += w;
    sumSq += w * w;
  }
  equal += (g * g - gSq) / 2;
  return { all: (sum * sum - sumSq) / 2, equal };
}

/**
 * Concordance between the linear predictor (higher = shorter survival) and the times, within strata:
 * each event at time t is compared with every subject at risk at t that has not had an event at t
 * (a censoring at t counts as surviving beyond t), weights multiplied. O(n log n) with a Fenwick tree
 * over predictor ranks, walking time backwards as the partial likelihood does.
 */
export function coxConcordance(d: CoxSorted, beta: Float64Array): CoxConcordance {
  const { n, p, x, time, event, weight, entry, entryOrder } = d;
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[i * p + j] * beta[j];
    eta[i] = s;
  }
  const { rank, size } = predictorRanks(eta);
  const deathRows = new Int32Array(n);
  let concordant = 0;
  let discordant = 0;
  let tiedRisk = 0;
  let tiedTime = 0;
  let tiedBoth = 0;
  for (let s = 0; s + 1 < d.strataStart.length; s++) {
    const lo = d.strataStart[s];
    const hi = d.strataStart[s + 1];
    const tree = new Fenwick(size);
    let total = 0;
    let e = lo;
    let i = lo;
    while (i < hi) {
      const t = time[i];
      let j = i;
      for (; j < hi && time[j] === t; j++) {
        if (event[j] === 0) {
          tree.add(rank[j], weight[j]);
          total += weight[j];
        }
      }
      if (entry && entryOrder) {
        // Rows entering at or after t have exits after t, so they are in the tree already.
        for (; e < hi && entry[entryOrder[e]] >= t; e++) {
          tree.add(rank[entryOrder[e]], -weight[entryOrder[e]]);
          total -= weight[entryOrder[e]];
        }
      }
      let deaths = 0;
      for (let k = i; k < j; k++) {
        if (event[k] === 0) continue;
        const w = weight[k];
        const below = tree.below(rank[k]);
        const atOrBelow = tree.below(rank[k] + 1);
        concordant += w * below;
        tiedRisk += w * (atOrBelow - below);
        discordant += w * (total - atOrBelow);
        deathRows[deaths++] = k;
      }
      if (deaths > 1) {
        const tied = tiedPairs(deathRows.subarray(0, deaths), rank, weight);
        tiedTime += tied.all - tied.equal;
        tiedBoth += tied.equal;
      }
      for (let k = i; k < j; k++) {
        if (event[k] === 1) {
          tree.add(rank[k], weight[k]);
          total += weight[k];
        }
      }
      i = j;
    }
  }
  const comparable = concordant + discordant + tiedRisk;
  return { concordance: (concordant + tiedRisk / 2) / comparable, concordant, discordant, tied_risk: tiedRisk, tied_time: tiedTime, tied_both: tiedBoth };
}
