import { describe, expect, it } from 'vitest';
import { logisticRegression } from '../../src/compare/logisticRegression.js';
import { matchControls } from '../../src/compare/matchControls.js';
import { SpecificationError } from '../../src/core/errors.js';
import { dayNumber, handExport, OPEN_END, type HandPerson } from './exportHelper.js';

const S1 = { start: dayNumber(2018, 3, 1), end: dayNumber(2019, 2, 28) };
const S2 = { start: dayNumber(2018, 9, 15), end: OPEN_END };

// Persons 0 and 1 supported (born 1984, 1986); 2…6 never supported.
function people(): HandPerson[] {
  return [
    { sex: '1', birthYear: 1984, support: S1 },
    { sex: '1', birthYear: 1986, support: S2 },
    { sex: '1', birthYear: 1985 },
    { sex: '1', birthYear: 1982 },
    { sex: '1', birthYear: 1988 },
    { sex: '1', birthYear: 1950 },
    { sex: '1', birthYear: 2010 },
  ];
}
const years = [1984, 1986, 1985, 1982, 1988, 1950, 2010];
const sdYears = (() => {
  const m = years.reduce((s, v) => s + v, 0) / years.length;
  return Math.sqrt(years.reduce((s, v) => s + (v - m) ** 2, 0) / (years.length - 1));
})();
const base = { exact: [] as string[], covariates: ['birthYear'], order: 'data' as const };
const pairsOf = (m: ReturnType<typeof matchControls>) => Array.from(m.pairs.treated, (t, i) => `${t}-${m.pairs.control[i]}`);

describe('matchControls: who is matched to whom', () => {
  it('1:1 greedy nearest neighbour without replacement (logit propensity is linear in birth year)', () => {
    const m = matchControls(handExport(people()), base);
    // person 0 (1984) first takes 1985; person 1 (1986) then takes 1988 (1985 is used)
    expect(pairsOf(m)).toEqual(['0-2', '1-4']);
    expect(m.n_matched_supported).toBe(2);
    expect(Array.from(m.weights.weight)).toEqual([1, 1, 1, 1]);
    // pseudo anchors: control 4 inherits person 1's start and (ongoing) end
    const rows = Array.from(m.anchors.person);
    const r4 = rows.indexOf(4);
    expect(m.anchors.start[r4]).toBe(S2.start);
    expect(m.anchors.end[r4]).toBe(OPEN_END);
    expect(m.anchors.group[r4]).toBe(1);
    expect(m.anchors.cluster![r4]).toBe(m.anchors.cluster![rows.indexOf(1)]);
    expect(m.anchors.groups).toEqual(['supported', 'control']);
  });

  it('the propensity model fitted on covariate patterns equals the fit on individual rows', () => {
    const ps = people();
    ps.push({ sex: '1', birthYear: 1985 }, { sex: '1', birthYear: 1984, support: S1 }, { sex: '1', birthYear: 1988 });
    const m = matchControls(handExport(ps), base);
    const years = ps.map((p) => p.birthYear);
    const direct = logisticRegression([years], ps.map((p) => (p.support ? 1 : 0)));
    expect(m.propensityModels[0].fit.coefficients[0]).toBeCloseTo(direct.coefficients[0], 9);
    expect(m.propensityModels[0].fit.coefficients[1]).toBeCloseTo(direct.coefficients[1], 9);
    expect(m.propensityModels[0].fit.se[1]).toBeCloseTo(direct.se[1], 9);
  });

  it('with replacement both take the nearest control, which then carries weight 2 (scaled: sum = distinct controls)', () => {
    const m = matchControls(handExport(people()), { ...base, replace: true });
    expect(pairsOf(m)).toEqual(['0-2', '1-2']);
    // MatchIt: raw control weight 1 + 1 = 2, scaled by distinct controls (1) / matched supported (2) → 1
    const w = new Map(Array.from(m.weights.person, (p, i) => [p, m.weights.weight[i]]));
    expect(w.get(2)).toBeCloseTo(1, 12);
    // in the anchors the control appears once per set, each row weight 1/2
    const rows = Array.from(m.anchors.person).map((p, i) => [p, m.anchors.weight![i]]);
    expect(rows.filter(([p]) => p === 2).map(([, w]) => w)).toEqual([0.5, 0.5]);
  });

  it('ratio 2 with a caliper: rounds, caliper excludes, and weights as MatchIt', () => {
    // round 1: 0→2 (1 y), 1→4 (2 y); round 2: 0→3 (2 y), 1→6 (24 y) rejected by a 3-year caliper
    const m = matchControls(handExport(people()), { ...base, ratio: 2, caliper: 3 / sdYears });
    expect(pairsOf(m).sort()).toEqual(['0-2', '0-3', '1-4']);
    const w = new Map(Array.from(m.weights.person, (p, i) => [p, m.weights.weight[i]]));
    // raw: 1/2, 1/2, 1 (sum 2 = matched supported); scaled by 3 distinct / 2 → 0.75, 0.75, 1.5
    expect(w.get(2)).toBeCloseTo(0.75, 12);
    expect(w.get(3)).toBeCloseTo(0.75, 12);
    expect(w.get(4)).toBeCloseTo(1.5, 12);
    expect(w.get(0)).toBe(1);
    // a tight caliper leaves person 1 unmatched, with the reason
    const tight = matchControls(handExport(people()), { ...base, caliper: 1.5 / sdYears });
    expect(pairsOf(tight)).toEqual(['0-2']);
    expect(tight.unmatched).toEqual([{ person: 1, id: 'R000000002', reason: 'caliper' }]);
  });

  it('largest-propensity-first order changes who gets the shared nearest control', () => {
    // Older supported person gets higher propensity when the young candidates dominate; check via the fit's sign.
    const m = matchControls(handExport(people()), { ...base, order: 'largest' });
    const slope = m.propensityModels[0].fit.coefficients[1];
    // the person with the larger propensity chooses first and takes 1985
    const first = slope > 0 ? 1 : 0;
    expect(pairsOf(m)).toContain(`${first}-2`);
    // smallest first: the other one does
    const s = matchControls(handExport(people()), { ...base, order: 'smallest' });
    expect(pairsOf(s)).toContain(`${1 - first}-2`);
    // random order is reproducible with its seed
    const r1 = matchControls(handExport(people()), { ...base, order: 'random', seed: 3 });
    const r2 = matchControls(handExport(people()), { ...base, order: 'random', seed: 3 });
    expect(pairsOf(r1)).toEqual(pairsOf(r2));
  });

  it('mahalanobis on one covariate is nearest in birth year', () => {
    const m = matchControls(handExport(people()), { ...base, distance: 'mahalanobis' });
    expect(pairsOf(m)).toEqual(['0-2', '1-4']);
    expect(m.propensityModels).toEqual([]);
  });

  it('exact strata: a stratum without controls is reported and its persons are unmatched', () => {
    const ps = people();
    ps.push({ sex: '2', birthYear: 1990, support: S1 }); // no female candidate
    const m = matchControls(handExport(ps), { ...base, exact: ['GBAGESLACHT'] });
    expect(m.emptyStrata).toEqual([{ cohort: 'all', stratum: 'GBAGESLACHT=2', n_supported: 1 }]);
    expect(m.unmatched.map((u) => [u.person, u.reason])).toEqual([[7, 'no-controls-in-stratum']]);
    expect(m.n_matched_supported).toBe(2);
  });

  it('exact on start year makes one cohort per year; controls can serve every cohort', () => {
    const ps = people();
    ps[1] = { ...ps[1], support: { start: dayNumber(2020, 1, 1), end: dayNumber(2020, 12, 31) } };
    ps.push({ sex: '1', birthYear: 1980 }, { sex: '1', birthYear: 1992 });
    const m = matchControls(handExport(ps), { ...base, exact: ['startYear'] });
    // one propensity model with an intercept per cohort
    expect(m.propensityModels.map((x) => x.fit.names)).toEqual([['(Intercept)', 'birthYear', 'cohort=2020']]);
    // each supported person's controls carry that person's anchors
    for (let i = 0; i < m.anchors.person.length; i++) {
      const set = m.anchors.cluster![i];
      expect(m.anchors.start[i]).toBe(ps[m.anchors.person[set]].support!.start);
    }
    expect(m.n_matched_supported).toBe(2);
    // without replacement a control is used once per cohort, but serves every cohort: 1985 is the
    // nearest for both 1984 (2018) and 1986 (2020), so both take it (an exclusive pool would give 1986 → 1988)
    expect(pairsOf(m)).toEqual(['0-2', '1-2']);
    expect(Array.from(m.weights.person)).toEqual([0, 1, 2]);
    // MatchIt weights: raw 1 + 1 for the shared control, scaled by 1 distinct / 2 matched → 1
    expect(m.weights.weight[2]).toBeCloseTo(1, 12);
  });

  it('pre-support participation is the share of employed months before the anchor', () => {
    const ps = people();
    // person 0 employed the whole 24 months before March 2018; person 3 half of the cohort window
    ps[0].jobs = [{ start: dayNumber(2015, 1, 1), end: dayNumber(2018, 2, 28) }];
    ps[1].jobs = [{ start: dayNumber(2017, 1, 1), end: dayNumber(2017, 6, 30) }];
    ps[3].jobs = [{ start: dayNumber(2016, 6, 1), end: dayNumber(2017, 5, 31) }];
    const m = matchControls(handExport(ps), { exact: [], covariates: ['preParticipation'], order: 'data', preWindow: 24 });
    const pre = m.balance.find((b) => b.covariate === 'preParticipation')!;
    // supported: person 0 → 24/24, person 1 (anchor Sep 2018, window Sep 2016–Aug 2018) → 6/24
    expect(pre.mean_supported_before).toBeCloseTo((1 + 6 / 24) / 2, 12);
    // candidates relative to the cohort anchor (median start month = March 2018): person 3 → Jun 2016–May 2017 = 12/24
    expect(pre.mean_control_before).toBeCloseTo(12 / 24 / 5, 12);
  });

  it('with start-month cohorts a candidate is measured at each supported person\'s own start month', () => {
    const ps = people();
    ps[3].jobs = [{ start: dayNumber(2016, 6, 1), end: dayNumber(2017, 5, 31) }];
    const m = matchControls(handExport(ps), { exact: ['startMonth'], covariates: ['preParticipation'], distance: 'mahalanobis', preWindow: 24 });
    const pre = m.balance.find((b) => b.covariate === 'preParticipation')!;
    // person 3 before March 2018 (Mar 2016–Feb 2018): 12/24; before September 2018 (Sep 2016–Aug 2018): Sep 2016–May 2017 = 9/24;
    // 5 candidates in each of the two cohorts
    expect(pre.mean_control_before).toBeCloseTo((12 / 24 + 9 / 24) / 10, 12);
    expect(() => matchControls(handExport(ps), { exact: ['startMonth', 'startYear'] })).toThrow(/one support-start cohort/);
  });

  it('balance: SMD uses the supported SD before matching for both columns; variance ratios', () => {
    const m = matchControls(handExport(people()), base);
    const b = m.balance.find((x) => x.covariate === 'birthYear')!;
    const t = [1984, 1986];
    const c = [1985, 1982, 1988, 1950, 2010];
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const v = (a: number[]) => a.reduce((s, x) => s + (x - mean(a)) ** 2, 0) / (a.length - 1);
    expect(b.smd_before!).toBeCloseTo((mean(t) - mean(c)) / Math.sqrt(v(t)), 12);
    expect(b.variance_ratio_before!).toBeCloseTo(v(t) / v(c), 12);
    expect(b.smd_after!).toBeCloseTo((mean(t) - mean([1985, 1988])) / Math.sqrt(v(t)), 12);
    expect(b.variance_ratio_after!).toBeCloseTo(v(t) / v([1985, 1988]), 12);
    // birthYear, sex (one level here: GBAGESLACHT=1, SD 0 so no SMD) and the logit propensity
    expect(m.balance.map((r) => r.covariate)).toEqual(['birthYear', 'GBAGESLACHT=1', 'propensity (logit)']);
    expect(m.balance[1].smd_before).toBeNull();
    expect(m.balanceTable().numRows()).toBe(3);
    expect(m.summary()).toContain('Matched 2 of 2');
  });

  it('balance covers covariates outside the distance: one binary row per level, SMD over known values', () => {
    // Pairs are 0-2 and 1-4 (as in the first test); region is in neither exact nor the distance.
    const ps = people();
    const region = ['A', 'B', 'A', 'C', 'B', 'C', undefined];
    ps.forEach((p, i) => (p.region = region[i]));
    const m = matchControls(handExport(ps), base);
    expect(pairsOf(m)).toEqual(['0-2', '1-4']);
    expect(m.balance.map((r) => r.covariate)).toEqual(['birthYear', 'GBAGESLACHT=1', 'region=A', 'region=B', 'region=C', 'propensity (logit)']);
    const row = (name: string) => m.balance.find((r) => r.covariate === name)!;
    // supported: A, B → p = 1/2, 1/2, 0; candidates with a known region (2 A, 3 C, 4 B, 5 C): 1/4, 1/4, 2/4;
    // matched controls 2 (A), 4 (B): 1/2, 1/2, 0. Denominator sqrt(p(1 − p)) of the supported: 1/2, 1/2, 0.
    const expected: [string, number, number, number | null, number, number | null][] = [
      ['region=A', 1 / 2, 1 / 4, (1 / 2 - 1 / 4) / (1 / 2), 1 / 2, 0],
      ['region=B', 1 / 2, 1 / 4, (1 / 2 - 1 / 4) / (1 / 2), 1 / 2, 0],
      ['region=C', 0, 2 / 4, null, 0, null],
    ];
    for (const [name, mT, mCb, smdB, mCa, smdA] of expected) {
      const r = row(name);
      expect(r.binary).toBe(true);
      expect(r.mean_supported_before).toBeCloseTo(mT, 12);
      expect(r.mean_control_before).toBeCloseTo(mCb, 12);
      expect(r.mean_supported_after).toBeCloseTo(mT, 12);
      expect(r.mean_control_after).toBeCloseTo(mCa, 12);
      expect(r.smd_before).toEqual(smdB === null ? null : expect.closeTo(smdB, 12));
      expect(r.smd_after).toEqual(smdA === null ? null : expect.closeTo(smdA, 12));
      expect(r.variance_ratio_before).toBeNull();
      expect(r.variance_ratio_after).toBeNull();
    }
    expect(m.summary()).toMatch(/region=B\s+0\.500\s+—\s+0\.000\s+—/);

    // An explicit list replaces the default; the logit propensity stays; aliases count once.
    const only = matchControls(handExport(ps), { ...base, balance: ['region', 'GBAGEBOORTEJAAR', 'birthYear'] });
    expect(only.balance.map((r) => r.covariate)).toEqual(['region=A', 'region=B', 'region=C', 'GBAGEBOORTEJAAR', 'propensity (logit)']);
    expect(only.balance[3].smd_before!).toBeCloseTo(m.balance[0].smd_before!, 12);
    expect(only.balance[1].smd_before!).toBeCloseTo(0.5, 12);
  });

  it('balance on the start quarter: supported at their own start, candidates at the cohort anchor', () => {
    const m = matchControls(handExport(people()), { ...base, balance: ['startQuarter'] });
    const q = m.balance[0];
    expect(q.covariate).toBe('startQuarter');
    // supported: March 2018 → 2018.0, September 2018 → 2018.5; candidates: median start month (March 2018) → 2018.0
    expect(q.binary).toBe(false);
    expect(q.mean_supported_before!).toBeCloseTo(2018.25, 9);
    expect(q.mean_control_before!).toBeCloseTo(2018, 9);
    expect(q.smd_before!).toBeCloseTo(0.25 / Math.sqrt(0.125), 9);
    expect(q.smd_after!).toBeCloseTo(0.25 / Math.sqrt(0.125), 9);
    expect(q.variance_ratio_before).toBeNull(); // controls have variance 0
  });

  it('balance on an exact-matching variable: imbalanced before, exactly balanced after', () => {
    // Exact on region: A {0 | 2, 5, 6}, B {1 | 3, 4} → 0 takes 2 (1985), 1 takes 4 (1988, nearer than 1982).
    const ps = people();
    const region = ['A', 'B', 'A', 'B', 'B', 'A', 'A'];
    ps.forEach((p, i) => (p.region = region[i]));
    const m = matchControls(handExport(ps), { ...base, exact: ['region'] });
    expect(pairsOf(m)).toEqual(['0-2', '1-4']);
    const a = m.balance.find((r) => r.covariate === 'region=A')!;
    // before: supported 1/2 in A, candidates 3/5 → (1/2 − 3/5) / sqrt(1/4) = −0.2
    expect(a.smd_before!).toBeCloseTo(-0.2, 12);
    expect(a.smd_after!).toBeCloseTo(0, 12);
    expect(m.balance.filter((r) => r.covariate.startsWith('region=')).length).toBe(2);
  });

  it('without replacement, a supported person left without candidates is reported as controls-exhausted', () => {
    const ps: HandPerson[] = [
      { sex: '1', birthYear: 1984, support: S1 },
      { sex: '1', birthYear: 1986, support: S2 },
      { sex: '1', birthYear: 1985 },
    ];
    const m = matchControls(handExport(ps), base);
    expect(pairsOf(m)).toEqual(['0-2']);
    expect(m.unmatched).toEqual([{ person: 1, id: 'R000000002', reason: 'controls-exhausted' }]);
  });

  it('ties are broken by a seeded random rank: reproducible, and the seed decides', () => {
    const ps: HandPerson[] = [
      { sex: '1', birthYear: 1984, support: S1 },
      { sex: '1', birthYear: 1985 },
      { sex: '1', birthYear: 1985 },
      { sex: '1', birthYear: 1985 },
      { sex: '1', birthYear: 1985 },
      { sex: '1', birthYear: 1980 },
      { sex: '1', birthYear: 1990 },
    ];
    const exp = handExport(ps);
    const chosen = new Set<number>();
    for (let seed = 1; seed <= 12; seed++) {
      const a = matchControls(exp, { ...base, seed });
      const b = matchControls(exp, { ...base, seed });
      expect(a.pairs.control[0]).toBe(b.pairs.control[0]);
      expect([1, 2, 3, 4]).toContain(a.pairs.control[0]);
      chosen.add(a.pairs.control[0]);
    }
    expect(chosen.size).toBeGreaterThan(1);
  });

  it('bad specifications give clear errors', () => {
    const exp = handExport(people());
    expect(() => matchControls(exp, { ...base, covariates: ['income'] })).toThrow(/unknown covariate "income"/);
    expect(() => matchControls(exp, { ...base, exact: ['region2'] })).toThrow(SpecificationError);
    expect(() => matchControls(exp, { ...base, ratio: 0 })).toThrow(/ratio/);
    expect(() => matchControls(exp, { ...base, caliper: -1 })).toThrow(/caliper/);
    expect(() => matchControls(exp, { ...base, distance: 'mahalanobis', caliper: 0.2 })).toThrow(/propensity/);
    expect(() => matchControls(exp, { ...base, exact: ['preParticipation'] })).toThrow(/exactly/);
    expect(() => matchControls(exp, { ...base, balance: ['birthYear', 'income'] })).toThrow(SpecificationError);
    expect(() => matchControls(exp, { ...base, balance: ['income'] })).toThrow(/^balance: unknown covariate "income"; known: .*GBAGESLACHT/);
  });
});
