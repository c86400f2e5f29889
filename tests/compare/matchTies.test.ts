// The matching's tie rule: candidates whose distances differ by at most 1e-10 are a tie, and the
// tie goes to the candidate with the lower seeded random rank (never to the side or the position in
// the data); distances further apart than 1e-10 are never a tie. Hand-built cases.
import { describe, expect, it } from 'vitest';
import { matchControls } from '../../src/compare/matchControls.js';
import { tieRanks } from '../../src/compare/matchEligibility.js';
import { matchOnScore } from '../../src/compare/nearestNeighbour.js';
import { dayNumber, handExport, type HandPerson } from './exportHelper.js';

/** Pairs (treated-control) of one call of matchOnScore. */
function pairs(t: number[], c: number[], tie: number[], ratio = 1, replace = false): string[] {
  const out: string[] = [];
  matchOnScore(Float64Array.from(t), Int32Array.from(t, (_, i) => i), Float64Array.from(c), Int32Array.from(tie), ratio, replace, Infinity, (a, b) => out.push(`${a}-${b}`));
  return out;
}

describe('matchOnScore: ties within 1e-10 go to the lower tie rank', () => {
  it('left and right neighbours at distances equal up to 1e-12: the lower rank wins, on either side', () => {
    // treated at 0.3; candidate 0 at distance 0.2 + 1e-12 to the left, candidate 1 at 0.2 to the right
    const c = [0.3 - 0.2 - 1e-12, 0.5];
    for (const replace of [false, true]) {
      expect(pairs([0.3], c, [5, 9], 1, replace)).toEqual(['0-0']); // farther by 1e-12 but lower rank
      expect(pairs([0.3], c, [9, 5], 1, replace)).toEqual(['0-1']);
    }
  });

  it('distances 1e-8 apart are not a tie: the nearer one wins whatever the ranks', () => {
    const c = [0.3 - 0.2 - 1e-8, 0.5];
    expect(pairs([0.3], c, [5, 9])).toEqual(['0-1']);
    expect(pairs([0.3], c, [9, 5])).toEqual(['0-1']);
  });

  it('equal scores on one side: taken in tie-rank order, not data order', () => {
    // three candidates at exactly 0.7; ranks 3, 1, 2 → with replacement, ratio 3: 1, 2, 0
    expect(pairs([0.6], [0.7, 0.7, 0.7], [3, 1, 2], 3, true)).toEqual(['0-1', '0-2', '0-0']);
    // without replacement, three treated in turn take them in the same order
    expect(pairs([0.6, 0.6, 0.6], [0.7, 0.7, 0.7], [3, 1, 2])).toEqual(['0-1', '1-2', '2-0']);
  });
});

describe('matchControls: the tie rule on persons', () => {
  // Person 0 supported, born 1984; persons 1 and 2 born 1983 and 1985: with the logit propensity
  // linear in birth year their distances to person 0 are equal in exact arithmetic (a tie, whatever
  // the rounding); persons 3 and 4 are far away.
  const ps: HandPerson[] = [
    { sex: '1', birthYear: 1984, support: { start: dayNumber(2018, 3, 1), end: dayNumber(2019, 2, 28) } },
    { sex: '1', birthYear: 1983 },
    { sex: '1', birthYear: 1985 },
    { sex: '1', birthYear: 1960 },
    { sex: '1', birthYear: 2001 },
  ];
  const exp = handExport(ps);

  it('the control is the tied candidate with the lower seeded rank, for every seed; both sides occur', () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 16; seed++) {
      const m = matchControls(exp, { exact: [], covariates: ['birthYear'], seed });
      const rank = tieRanks(ps.length, seed);
      const expected = rank[1] < rank[2] ? 1 : 2;
      expect(m.pairs.control.length).toBe(1);
      expect(m.pairs.control[0]).toBe(expected);
      seen.add(expected);
    }
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it('the seed of the tie ranks is kept in the result spec', () => {
    const m = matchControls(exp, { exact: [], covariates: ['birthYear'], seed: 3 });
    expect(m.spec.seed).toBe(3);
  });
});
