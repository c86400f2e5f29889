import { describe, expect, it } from 'vitest';
import { matchOnScore, NO_MATCH_CALIPER, NO_MATCH_EXHAUSTED, sortByScoreThenTie, sortInTieOrder, stableScoreOrder } from '../../src/compare/nearestNeighbour.js';
import { uniformSource } from './helpers.js';

/** Naive greedy matching in rounds: scan every unused candidate (continuous scores, so no ties). */
function naive(t: number[], order: number[], c: number[], ratio: number, replace: boolean, caliper: number) {
  const used = new Set<number>();
  const pairs: string[] = [];
  const count = t.map(() => 0);
  const active = t.map(() => true);
  const reason = t.map(() => 0);
  if (replace) {
    for (const i of order) {
      const ranked = c.map((v, j) => [Math.abs(v - t[i]), j]).sort((a, b) => a[0] - b[0]);
      for (const [d, j] of ranked.slice(0, ratio)) {
        if (d > caliper) break;
        pairs.push(`${i}-${j}`);
        count[i]++;
      }
      if (count[i] === 0) reason[i] = c.length === 0 ? NO_MATCH_EXHAUSTED : NO_MATCH_CALIPER;
    }
    return { pairs, reason };
  }
  for (let r = 0; r < ratio; r++) {
    for (const i of order) {
      if (!active[i]) continue;
      let best = -1;
      for (let j = 0; j < c.length; j++) if (!used.has(j) && (best < 0 || Math.abs(c[j] - t[i]) < Math.abs(c[best] - t[i]))) best = j;
      if (best < 0) {
        active[i] = false;
        if (count[i] === 0) reason[i] = NO_MATCH_EXHAUSTED;
        continue;
      }
      if (Math.abs(c[best] - t[i]) > caliper) {
        active[i] = false;
        if (count[i] === 0) reason[i] = NO_MATCH_CALIPER;
        continue;
      }
      used.add(best);
      pairs.push(`${i}-${best}`);
      count[i]++;
    }
  }
  return { pairs, reason };
}

describe('matchOnScore (sorted scores + skip lists) equals naive greedy matching', () => {
  it('on random instances: ratio 1–3, with and without replacement and caliper, more or fewer candidates than needed', () => {
    const u = uniformSource(5);
    for (let rep = 0; rep < 300; rep++) {
      const T = 1 + Math.floor(u() * 15);
      const C = Math.floor(u() * 30);
      const t = Array.from({ length: T }, () => u() * 4 - 2);
      const c = Array.from({ length: C }, () => u() * 4 - 2 + (u() < 0.3 ? 1 : 0));
      const order = Array.from({ length: T }, (_, i) => i).sort(() => u() - 0.5);
      const ratio = 1 + Math.floor(u() * 3);
      const replace = u() < 0.3;
      const caliper = u() < 0.5 ? Infinity : u() * 0.5;
      const got: string[] = [];
      const reason = matchOnScore(
        Float64Array.from(t),
        Int32Array.from(order),
        Float64Array.from(c),
        Int32Array.from({ length: C }, (_, i) => i),
        ratio,
        replace,
        caliper,
        (i, j) => got.push(`${i}-${j}`),
      );
      const want = naive(t, order, c, ratio, replace, caliper);
      expect(got).toEqual(want.pairs);
      expect(Array.from(reason)).toEqual(want.reason);
    }
  });
});

describe('sortByScoreThenTie', () => {
  it('orders by score, equal scores by tie rank, as a comparator sort does', () => {
    const u = uniformSource(9);
    for (let rep = 0; rep < 50; rep++) {
      const C = 1 + Math.floor(u() * 200);
      const score = Float64Array.from({ length: C }, () => Math.floor(u() * 7) / 3 - 1); // many ties
      const perm = Array.from({ length: C }, (_, i) => i).sort(() => u() - 0.5);
      const tie = Int32Array.from(perm, (v) => v * 13 + 5); // distinct, not 0…C−1
      const want = Array.from({ length: C }, (_, i) => i).sort((a, b) => score[a] - score[b] || tie[a] - tie[b]);
      expect(Array.from(sortByScoreThenTie(score, tie))).toEqual(want);
    }
  });
});

describe('stableScoreOrder', () => {
  it('equals a stable comparator sort, also for scores that share their high 32 bits', () => {
    const u = uniformSource(21);
    for (const C of [1, 2, 40, 300, 20_000]) {
      // Scores a few units in the last place apart (equal high words, runs longer and shorter
      // than 32), exact ties, both signs and −0.
      const base = [0.1, -2.5, 3, 0, -0];
      const score = Float64Array.from({ length: C }, () => {
        const b = base[Math.floor(u() * base.length)];
        const ulps = Math.floor(u() * 4);
        return b === 0 ? b : b + ulps * Math.abs(b) * Number.EPSILON;
      });
      const want = Array.from({ length: C }, (_, i) => i).sort((a, b) => score[a] - score[b] || a - b);
      expect(Array.from(stableScoreOrder(score))).toEqual(want);
    }
  });
});

describe('sortInTieOrder', () => {
  it('equals a comparator sort by score then tie rank, with few distinct scores (bucket path) and many', () => {
    const u = uniformSource(33);
    for (const [C, distinct] of [
      [300, 5],
      [5000, 125],
      [5000, 4096],
      [9000, 9000],
      [100, 3],
    ]) {
      const values = Array.from({ length: distinct }, (_, k) => (k % 2 === 0 ? 1 : -1) * (k / 7) - 0.3);
      values[0] = -0; // −0 and 0 are one score
      if (distinct > 1) values[1] = 0;
      const score = Float64Array.from({ length: C }, () => values[Math.floor(u() * distinct)]);
      const tie = Int32Array.from({ length: C }, (_, i) => i).sort(() => u() - 0.5);
      const tieOrder = Int32Array.from({ length: C }, (_, i) => i).sort((a, b) => tie[a] - tie[b]);
      const want = Array.from({ length: C }, (_, i) => i).sort((a, b) => score[a] - score[b] || tie[a] - tie[b]);
      expect(Array.from(sortInTieOrder(score, tieOrder))).toEqual(want);
    }
  });
});
