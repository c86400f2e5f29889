/**
 * matchControls against R MatchIt::matchit(method = "nearest", distance = "glm",
 * link = "linear.logit", exact = ~sex, m.order = "largest", std.caliper = TRUE) on the CBS-style
 * export data/matching-*.csv, loaded with loadCbsExport: 30 supported persons who all start
 * support in 2019 (one start-year cohort, so no cohort intercepts) and 68 never-supported
 * candidates; propensity on birth year and INKOMEN (distinct for everyone: no ties in the score).
 * Numbers in expected/matching.json come from r/matching.R: coefficients and scores from
 * matchit's glm; matched sets, weights, caliper and balance from matchit's exact greedy
 * algorithm (the scores' distance matrix, rows in decreasing score so "data" order is "largest"),
 * because MatchIt 4.5.1's default fast path is not nearest-neighbour matching (last block).
 */
import { describe, expect, it } from 'vitest';
import { loadCbsExport, matchControls, type MatchResult } from '../../src/index.js';
import { expectAllClose, expectClose, readDataText, readExpected } from './helpers.js';

interface Balance {
  names: string[];
  smd: number[];
  mean_treated: number[];
  mean_control: number[];
}
interface Config {
  ratio: number;
  replace: boolean;
  caliper: number | null;
  caliper_width: number | null;
  coefficient_names: string[];
  coefficients: number[];
  id: string[];
  distance: number[];
  weight: number[];
  matched_treated: string[];
  matched_controls: (string | null)[][];
  unmatched_treated: string[];
  sum_all: Balance;
  sum_matched: Balance;
  /** MatchIt 4.5.1's default (fast, nn_matchC_vec) path with the same options, for comparison. */
  fast_path: { matched_treated: string[]; matched_controls: (string | null)[][]; weight: number[]; unmatched_treated: string[] };
}
type Name = 'ratio1' | 'ratio2' | 'replace' | 'caliper';
const ref = readExpected<Record<Name, Config>>('matching');

const exp = await loadCbsExport(
  {
    persons: readDataText('matching-persons'),
    support: readDataText('matching-support'),
    // Matching does not use employment; one spell of a person not in the persons input (excluded as
    // unknown) because an input with only its header line is a DataError.
    employment: 'RINPERSOONS,RINPERSOON,SBEID,AANVBUS,EINDBUS,SCONTRACTSOORT\nX,999999999,E1,20150101,20150131,O\n',
  },
  { observation: { start: '20150101', end: '20231231' } },
);
const idOf = (p: number): string => exp.persons.rinpersoons[p] + exp.persons.rinpersoon[p];

// matchit's glm is run with epsilon = 1e-14, so both sides are at the likelihood optimum: the
// coefficients agree to ≈ 1e-12 and the scores to ≈ 1e-13, well inside the usual 1e-9.
const COEF_TOL = 1e-9;
const SCORE_TOL = 1e-9;
const TOL = 1e-9;

function run(c: Config): MatchResult {
  return matchControls(exp, {
    exact: ['GBAGESLACHT', 'startYear'],
    covariates: ['birthYear', 'INKOMEN'],
    ratio: c.ratio,
    replace: c.replace,
    ...(c.caliper === null ? {} : { caliper: c.caliper }),
  });
}

describe.each<[Name, string]>([
  ['ratio1', '1:1 without replacement'],
  ['ratio2', '2:1 without replacement (controls run out among women)'],
  ['replace', '1:1 with replacement'],
  ['caliper', '1:1 with a caliper of 0.2 SD of the logit score'],
])('matchControls equals MatchIt nearest, %s (%s)', (name) => {
  const e = ref[name];
  const m = run(e);
  const rDistance = new Map(e.id.map((id, i) => [id, e.distance[i]]));
  const rWeight = new Map(e.id.map((id, i) => [id, e.weight[i]]));

  it('fits the same propensity model', () => {
    expect(m.propensityModels).toHaveLength(1);
    const fit = m.propensityModels[0].fit;
    expect([...fit.names]).toEqual(e.coefficient_names);
    expectAllClose(fit.coefficients, e.coefficients, COEF_TOL, 'coefficients');
  });

  it('has the same logit score per person', () => {
    // Every person is one covariate pattern (INKOMEN differs between everyone), so the model's
    // linear predictors are the persons' scores; sorted, they are R's m$distance sorted.
    const fit = m.propensityModels[0].fit;
    expect(fit.linearPredictor.length).toBe(e.id.length);
    const lib = [...fit.linearPredictor].sort((a, b) => a - b);
    const r = [...e.distance].sort((a, b) => a - b);
    expectAllClose(lib, r, SCORE_TOL, 'sorted logit scores');
    // Person by person: the score from the coefficients and the person's covariates.
    const [b0, b1, b2] = fit.coefficients;
    const income = exp.persons.covariates.INKOMEN as Float64Array;
    for (let p = 0; p < exp.persons.length; p++) {
      expectClose(b0 + b1 * exp.persons.birthYear[p] + b2 * income[p], rDistance.get(idOf(p))!, SCORE_TOL, `score of ${idOf(p)}`);
    }
    // And the pair distances the library matched on are |score_t − score_c| of R's scores.
    for (let i = 0; i < m.pairs.control.length; i++) {
      const d = Math.abs(rDistance.get(idOf(m.pairs.treated[i]))! - rDistance.get(idOf(m.pairs.control[i]))!);
      expectClose(m.pairs.distance[i], d, SCORE_TOL, `pair ${i} distance`);
    }
  });

  it('matches every supported person to the same controls, in the same order', () => {
    const lib = new Map<string, string[]>();
    for (let i = 0; i < m.pairs.control.length; i++) {
      const t = idOf(m.pairs.treated[i]);
      if (!lib.has(t)) lib.set(t, []);
      lib.get(t)!.push(idOf(m.pairs.control[i]));
    }
    const r = new Map<string, string[]>();
    e.matched_treated.forEach((t, i) => {
      const controls = e.matched_controls[i].filter((c): c is string => c !== null);
      if (controls.length > 0) r.set(t, controls);
    });
    expect(new Map([...lib].sort())).toEqual(new Map([...r].sort()));
    expect(m.n_matched_supported).toBe(r.size);
  });

  it('has the same matching weights', () => {
    const lib = new Map<string, number>();
    for (let i = 0; i < m.weights.person.length; i++) lib.set(idOf(m.weights.person[i]), m.weights.weight[i]);
    for (const [id, w] of rWeight) expectClose(lib.get(id) ?? 0, w, TOL, `weight of ${id}`);
    expect([...lib.keys()].every((id) => rWeight.get(id)! > 0)).toBe(true);
  });

  it('leaves the same supported persons unmatched', () => {
    const reason = name === 'caliper' ? 'caliper' : undefined;
    expect(m.unmatched.map((u) => u.id).sort()).toEqual([...e.unmatched_treated].sort());
    for (const u of m.unmatched) expect(u.reason).toBe(reason);
    expect(m.n_supported).toBe(30);
  });

  it('has the same standardised mean differences before and after matching', () => {
    const libName: Record<string, string> = { distance: 'propensity (logit)', birthYear: 'birthYear', INKOMEN: 'INKOMEN' };
    e.sum_all.names.forEach((rName, i) => {
      const row = m.balance.find((b) => b.covariate === libName[rName])!;
      expect(row, rName).toBeDefined();
      const tol = rName === 'distance' ? SCORE_TOL : TOL;
      expectClose(row.mean_supported_before, e.sum_all.mean_treated[i], tol, `${rName} mean supported before`);
      expectClose(row.mean_control_before, e.sum_all.mean_control[i], tol, `${rName} mean control before`);
      expectClose(row.smd_before, e.sum_all.smd[i], tol, `${rName} SMD before`);
      expectClose(row.mean_supported_after, e.sum_matched.mean_treated[i], tol, `${rName} mean supported after`);
      expectClose(row.mean_control_after, e.sum_matched.mean_control[i], tol, `${rName} mean control after`);
      expectClose(row.smd_after, e.sum_matched.smd[i], tol, `${rName} SMD after`);
    });
  });
});

describe('the reference data are what the comparison assumes', () => {
  it('one 2019 start cohort, distinct scores, caliper width 0.2 SD of all scores', () => {
    const years = new Set<number>();
    for (let i = 0; i < exp.support.length; i++) years.add(new Date(exp.support.start[i] * 86400000).getUTCFullYear());
    expect([...years]).toEqual([2019]);
    const d = ref.ratio1.distance;
    expect(new Set(d).size).toBe(d.length);
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1));
    expectClose(ref.caliper.caliper_width!, 0.2 * sd, TOL, 'caliper width');
    expect(ref.caliper.unmatched_treated.length).toBeGreaterThan(0);
  });
});

describe("why the reference uses MatchIt's exact greedy algorithm (distance matrix)", () => {
  // MatchIt 4.5.1 matches on a propensity score with a fast heuristic that is not nearest-neighbour
  // matching on these data; r/matching.R therefore gives matchit() the score distances as a matrix
  // (its exact greedy algorithm). These checks use R's numbers only.
  const sexOf = new Map<string, string>();
  for (let p = 0; p < exp.persons.length; p++) sexOf.set(idOf(p), exp.persons.sex.levels[exp.persons.sex.codes[p]]);
  const e = ref.replace;
  const score = new Map(e.id.map((id, i) => [id, e.distance[i]]));
  const treated = new Set(e.matched_treated);
  const controls = e.id.filter((id) => !treated.has(id));
  const nearest = (t: string): string =>
    controls.filter((c) => sexOf.get(c) === sexOf.get(t)).reduce((a, b) => (Math.abs(score.get(b)! - score.get(t)!) < Math.abs(score.get(a)! - score.get(t)!) ? b : a));

  it('with replacement the exact path takes the nearest control, the fast path often not', () => {
    e.matched_treated.forEach((t, i) => expect(e.matched_controls[i][0], t).toBe(nearest(t)));
    const notNearest = e.fast_path.matched_treated.filter((t, i) => e.fast_path.matched_controls[i][0] !== nearest(t));
    expect(notNearest.length).toBe(10);
  });

  it('with a caliper the fast path keeps pairs farther apart than the caliper', () => {
    const c = ref.caliper;
    const gap = (t: string, ctl: string): number => Math.abs(score.get(t)! - score.get(ctl)!);
    let pairs = 0;
    c.matched_treated.forEach((t, i) => {
      const ctl = c.matched_controls[i][0];
      if (ctl !== null) {
        expect(gap(t, ctl)).toBeLessThanOrEqual(c.caliper_width!);
        pairs++;
      }
    });
    expect(pairs).toBeGreaterThan(0);
    const beyond = c.fast_path.matched_treated.filter((t, i) => {
      const ctl = c.fast_path.matched_controls[i][0];
      return ctl !== null && gap(t, ctl) > c.caliper_width!;
    });
    expect(beyond.length).toBe(17);
  });
});
