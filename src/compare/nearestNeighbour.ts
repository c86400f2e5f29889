/**
 * Greedy nearest-neighbour matching inside one exact stratum, on typed arrays.
 *
 * Matching runs in rounds as MatchIt does for k:1: every treated person (in the given order)
 * gets a first control, then a second, …; a treated person who finds no acceptable control in a
 * round gets no further ones. Without replacement a control is used at most once.
 */

/** Why a treated person got no control: 0 matched, 1 caliper, 2 no control left. */
export const NO_MATCH_CALIPER = 1;
export const NO_MATCH_EXHAUSTED = 2;

/** A sink for matched pairs (indices into the stratum's treated and candidate lists). */
export type PairSink = (treated: number, control: number, distance: number) => void;

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Indices 0…n−1 ordered by score, equal scores in index order (a stable sort), by least
 * significant digit radix sort on the high 32 bits of the scores' IEEE bits (O(n) per digit, no
 * comparator calls; digits that every score shares are skipped), then by the low 32 bits within
 * the runs whose high bits are equal: those are mostly runs of equal scores, already in order.
 *
 * @example
 * Array.from(stableScoreOrder(new Float64Array([0.5, -1, 0.5, 2, -1]))); // [1, 4, 0, 2, 3]
 */
export function stableScoreOrder(score: Float64Array): Int32Array {
  const n = score.length;
  // Sortable unsigned words: flip every bit of negatives, the sign bit of the others.
  const f = new Float64Array(n);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < n; i++) {
    f[i] = score[i] + 0; // −0 sorts as 0
    if (u[2 * i + 1] & 0x80000000) {
      u[2 * i + 1] = ~u[2 * i + 1];
      u[2 * i] = ~u[2 * i];
    } else u[2 * i + 1] |= 0x80000000;
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const out = radixByWord(u, idx, 1, n >= 16384 ? 16 : 8);
  for (let i = 0; i < n; ) {
    const high = u[2 * out[i] + 1];
    let j = i + 1;
    while (j < n && u[2 * out[j] + 1] === high) j++;
    if (j - i > 1) sortRunByLowWord(u, out, i, j);
    i = j;
  }
  return out;
}

/** Stable sort of out[i…j) (equal high words) by the low words of their keys. */
function sortRunByLowWord(u: Uint32Array, out: Int32Array, i: number, j: number): void {
  let sorted = true;
  for (let k = i + 1; k < j && sorted; k++) if (u[2 * out[k]] < u[2 * out[k - 1]]) sorted = false;
  if (sorted) return;
  if (j - i <= 32) {
    for (let k = i + 1; k < j; k++) {
      const x = out[k];
      const key = u[2 * x];
      let m = k - 1;
      while (m >= i && u[2 * out[m]] > key) {
        out[m + 1] = out[m];
        m--;
      }
      out[m + 1] = x;
    }
    return;
  }
  out.set(radixByWord(u, out.slice(i, j), 0, 8), i);
}

/**
 * Stable LSD radix sort of the indices `src` by word `word` (0 low, 1 high) of their keys in `u`
 * (two words per index), `bitsPerDigit` bits at a time. May reuse `src` for the result.
 */
function radixByWord(u: Uint32Array, src: Int32Array, word: number, bitsPerDigit: number): Int32Array {
  const n = src.length;
  let dst: Int32Array = new Int32Array(n);
  const buckets = 1 << bitsPerDigit;
  const mask = buckets - 1;
  const count = new Int32Array(buckets + 1);
  for (let sh = 0; sh < 32 && n > 1; sh += bitsPerDigit) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((u[2 * src[i] + word] >>> sh) & mask) + 1]++;
    if (count[((u[2 * src[0] + word] >>> sh) & mask) + 1] === n) continue; // one digit value: order unchanged
    for (let d = 0; d < buckets; d++) count[d + 1] += count[d];
    for (let i = 0; i < n; i++) {
      const j = src[i];
      dst[count[(u[2 * j + word] >>> sh) & mask]++] = j;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/**
 * Candidate indices ordered by score, ties by tie rank (distinct integers): a stable sort by score
 * of the candidates in tie-rank order. When the candidates already come in tie-rank order (as
 * matching passes them) the first sort is skipped.
 *
 * @example
 * Array.from(sortByScoreThenTie(new Float64Array([1, 0, 1]), new Int32Array([9, 4, 2]))); // [1, 2, 0]
 */
export function sortByScoreThenTie(score: Float64Array, tie: Int32Array): Int32Array {
  const C = score.length;
  let ascending = true;
  for (let i = 1; i < C && ascending; i++) if (tie[i] <= tie[i - 1]) ascending = false;
  if (ascending) return stableScoreOrder(score);
  const byTie = stableScoreOrder(Float64Array.from(tie));
  const s = new Float64Array(C);
  for (let i = 0; i < C; i++) s[i] = score[byTie[i]];
  const o = stableScoreOrder(s);
  const out = new Int32Array(C);
  for (let i = 0; i < C; i++) out[i] = byTie[o[i]];
  return out;
}

/** Distances this close are equal up to rounding. */
const TIE = 1e-10;

/**
 * Candidate indices ordered by score, ties by tie rank, given the candidates in tie-rank order.
 *
 * @example
 * Array.from(sortInTieOrder(new Float64Array([1, 0, 1]), new Int32Array([2, 1, 0]))); // [1, 2, 0]
 */
export function sortInTieOrder(score: Float64Array, tieOrder: Int32Array): Int32Array {
  const C = score.length;
  const bucketed = bucketSortInTieOrder(score, tieOrder);
  if (bucketed) return bucketed;
  const s = new Float64Array(C);
  for (let i = 0; i < C; i++) s[i] = score[tieOrder[i]];
  const o = stableScoreOrder(s);
  const out = new Int32Array(C);
  for (let i = 0; i < C; i++) out[i] = tieOrder[o[i]];
  return out;
}

/** At most this many distinct scores for the bucket sort (logit propensities of a stratum on birth year and a share of 24 months take about 125). */
const MAX_BUCKETS = 4096;
const HASH_SLOTS = 4 * MAX_BUCKETS;
const slotOf = new Int32Array(HASH_SLOTS).fill(-1);
const bucketKey = new Float64Array(MAX_BUCKETS);
const bucketStart = new Int32Array(MAX_BUCKETS);
const keyBits = new Float64Array(1);
const keyWords = new Int32Array(keyBits.buffer);
/** Bucket of each candidate (scratch, grown as needed). */
let bucketOfRow = new Int32Array(0);

/**
 * {@link sortInTieOrder} by buckets when the scores take few distinct values (as they do for
 * covariates such as birth year and a share of months): the distinct scores are found with a
 * small hash table and sorted, then the candidates are laid out bucket by bucket in tie order,
 * O(C) with no comparisons per candidate. The same order as the stable sort: by score (−0 = 0),
 * equal scores in tie order. Undefined when there are too many distinct scores (or a NaN).
 */
function bucketSortInTieOrder(score: Float64Array, tieOrder: Int32Array): Int32Array | undefined {
  const C = score.length;
  if (C < 256) return undefined;
  if (bucketOfRow.length < C) bucketOfRow = new Int32Array(Math.max(C, 2 * bucketOfRow.length));
  const of = bucketOfRow;
  let K = 0;
  let ok = true;
  for (let i = 0; i < C; i++) {
    const x = score[tieOrder[i]] + 0;
    keyBits[0] = x;
    let h = Math.imul(keyWords[0], 0x9e3779b1) ^ Math.imul(keyWords[1], 0x85ebca6b);
    h = (h ^ (h >>> 15)) & (HASH_SLOTS - 1);
    let b = slotOf[h];
    while (b >= 0 && bucketKey[b] !== x) {
      h = (h + 1) & (HASH_SLOTS - 1);
      b = slotOf[h];
    }
    if (b < 0) {
      if (K === MAX_BUCKETS || x !== x) {
        ok = false;
        break;
      }
      b = K++;
      bucketKey[b] = x;
      bucketStart[b] = 0;
      slotOf[h] = b;
    }
    of[i] = b;
    bucketStart[b]++;
  }
  slotOf.fill(-1); // for the next call
  if (!ok) return undefined;
  const byKey = Int32Array.from({ length: K }, (_, b) => b).sort((a, b) => bucketKey[a] - bucketKey[b]);
  let at = 0;
  for (let k = 0; k < K; k++) {
    const n = bucketStart[byKey[k]];
    bucketStart[byKey[k]] = at;
    at += n;
  }
  const out = new Int32Array(C);
  for (let i = 0; i < C; i++) out[bucketStart[of[i]]++] = tieOrder[i];
  return out;
}

/**
 * Scratch arrays of {@link matchOnScore}, grown as needed and reused from stratum to stratum (a
 * cohort at 1M persons has 800k candidates: fresh arrays per stratum cost more in garbage
 * collection than in use). Views of exactly the length asked for.
 */
const scratch = {
  f: new Float64Array(0),
  r: new Int32Array(0),
  l: new Int32Array(0),
  sorted(n: number): Float64Array {
    if (this.f.length < n) this.f = new Float64Array(Math.max(n, 2 * this.f.length));
    return this.f.subarray(0, n);
  },
  nextR(n: number): Int32Array {
    if (this.r.length < n) this.r = new Int32Array(Math.max(n, 2 * this.r.length));
    return this.r.subarray(0, n);
  },
  nextL(n: number): Int32Array {
    if (this.l.length < n) this.l = new Int32Array(Math.max(n, 2 * this.l.length));
    return this.l.subarray(0, n);
  },
};

/**
 * 1-D matching on a score (the logit propensity): candidates sorted once, each query a binary
 * search plus "next unused to the left/right" lookups with path-compressed skip lists, so a stratum
 * costs O((T + C) log C). Candidates on both sides whose distances differ by at most 1e-10 (equal
 * in exact arithmetic, e.g. one birth year older and one younger) are a tie, which goes to the
 * lower tie rank, so rounding in the last digit of the scores does not decide. `tieOrder`, when
 * given, lists the candidates in ascending tie rank (saves a sort).
 * Returns the no-match reason per treated (0 when matched at least once).
 */
export function matchOnScore(
  tScore: Float64Array,
  order: Int32Array,
  cScore: Float64Array,
  cTie: Int32Array,
  ratio: number,
  replace: boolean,
  caliper: number,
  sink: PairSink,
  tieOrder?: Int32Array,
): Uint8Array {
  const T = tScore.length;
  const C = cScore.length;
  const reason = new Uint8Array(T);
  const sortedIdx = tieOrder ? sortInTieOrder(cScore, tieOrder) : sortByScoreThenTie(cScore, cTie);
  const sorted = scratch.sorted(C);
  for (let i = 0; i < C; i++) sorted[i] = cScore[sortedIdx[i]];
  if (replace) return matchWithReplacement(tScore, order, sorted, sortedIdx, cTie, ratio, caliper, sink, reason);

  // Skip lists with path compression. nextR[i]: towards the smallest unused position ≥ i (C = none).
  // nextL is shifted by one: nextL[j] points towards the largest unused position ≤ j − 1 (+1), 0 = none.
  const nextR = scratch.nextR(C + 1);
  const nextL = scratch.nextL(C + 1);
  for (let i = 0; i <= C; i++) nextR[i] = nextL[i] = i;
  const root = (next: Int32Array, j: number): number => {
    let r = j;
    while (next[r] !== r) r = next[r];
    while (next[j] !== r) {
      const n = next[j];
      next[j] = r;
      j = n;
    }
    return r;
  };
  const findR = (i: number): number => root(nextR, i);
  const findL = (i: number): number => root(nextL, i + 1) - 1;
  const count = new Int32Array(T);
  const active = new Uint8Array(T).fill(1);
  for (let round = 0; round < ratio; round++) {
    for (let oi = 0; oi < T; oi++) {
      const t = order[oi];
      if (!active[t]) continue;
      const s = tScore[t];
      const pos = lowerBound(sorted, s);
      const right = findR(pos);
      const left = pos > 0 ? findL(pos - 1) : -1;
      const dl = left >= 0 ? s - sorted[left] : Infinity;
      const dr = right < C ? sorted[right] - s : Infinity;
      if (dl === Infinity && dr === Infinity) {
        active[t] = 0;
        if (count[t] === 0) reason[t] = NO_MATCH_EXHAUSTED;
        continue;
      }
      const takeLeft = dl < dr - TIE || (Math.abs(dl - dr) <= TIE && cTie[sortedIdx[left]] < cTie[sortedIdx[right]]);
      const d = takeLeft ? dl : dr;
      if (d > caliper) {
        active[t] = 0;
        if (count[t] === 0) reason[t] = NO_MATCH_CALIPER;
        continue;
      }
      const pick = takeLeft ? left : right;
      sink(t, sortedIdx[pick], d);
      count[t]++;
      nextR[pick] = pick + 1;
      nextL[pick + 1] = pick;
    }
  }
  return reason;
}

/** {@link matchOnScore} with replacement: each treated person takes the `ratio` nearest candidates, ties to the lower rank. */
function matchWithReplacement(
  tScore: Float64Array,
  order: Int32Array,
  sorted: Float64Array,
  sortedIdx: Int32Array,
  cTie: Int32Array,
  ratio: number,
  caliper: number,
  sink: PairSink,
  reason: Uint8Array,
): Uint8Array {
  const T = tScore.length;
  const C = sorted.length;
  const count = new Int32Array(T);
  for (let oi = 0; oi < T; oi++) {
    const t = order[oi];
    const s = tScore[t];
    let right = lowerBound(sorted, s);
    let left = right - 1;
    while (count[t] < ratio) {
      const dl = left >= 0 ? s - sorted[left] : Infinity;
      const dr = right < C ? sorted[right] - s : Infinity;
      if (dl === Infinity && dr === Infinity) break;
      const takeLeft = dl < dr - TIE || (Math.abs(dl - dr) <= TIE && cTie[sortedIdx[left]] < cTie[sortedIdx[right]]);
      const d = takeLeft ? dl : dr;
      if (d > caliper) break;
      sink(t, sortedIdx[takeLeft ? left : right], d);
      count[t]++;
      if (takeLeft) left--;
      else right++;
    }
    if (count[t] === 0) reason[t] = C === 0 ? NO_MATCH_EXHAUSTED : NO_MATCH_CALIPER;
  }
  return reason;
}

/**
 * Brute-force matching on a general distance (Mahalanobis): O(ratio × T × C) per stratum.
 * `distance(t, c)` returns the distance of treated t to candidate c.
 */
export function matchOnDistance(
  T: number,
  order: Int32Array,
  C: number,
  cTie: Int32Array,
  distance: (t: number, c: number) => number,
  ratio: number,
  replace: boolean,
  sink: PairSink,
): Uint8Array {
  const reason = new Uint8Array(T);
  const used = new Uint8Array(C);
  const count = new Int32Array(T);
  const taken = new Uint8Array(C);
  if (replace) {
    for (let oi = 0; oi < T; oi++) {
      const t = order[oi];
      taken.fill(0);
      for (let r = 0; r < ratio; r++) {
        let best = -1;
        let bestD = Infinity;
        for (let c = 0; c < C; c++) {
          if (taken[c]) continue;
          const d = distance(t, c);
          if (d < bestD || (d === bestD && best >= 0 && cTie[c] < cTie[best])) ((best = c), (bestD = d));
        }
        if (best < 0) break;
        taken[best] = 1;
        sink(t, best, bestD);
        count[t]++;
      }
      if (count[t] === 0) reason[t] = NO_MATCH_EXHAUSTED;
    }
    return reason;
  }
  const active = new Uint8Array(T).fill(1);
  for (let r = 0; r < ratio; r++) {
    for (let oi = 0; oi < T; oi++) {
      const t = order[oi];
      if (!active[t]) continue;
      let best = -1;
      let bestD = Infinity;
      for (let c = 0; c < C; c++) {
        if (used[c]) continue;
        const d = distance(t, c);
        if (d < bestD || (d === bestD && best >= 0 && cTie[c] < cTie[best])) ((best = c), (bestD = d));
      }
      if (best < 0) {
        active[t] = 0;
        if (count[t] === 0) reason[t] = NO_MATCH_EXHAUSTED;
        continue;
      }
      used[best] = 1;
      sink(t, best, bestD);
      count[t]++;
    }
  }
  return reason;
}
