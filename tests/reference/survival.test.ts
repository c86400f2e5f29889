/**
 * Kaplan–Meier and log-rank against R survival::survfit / survdiff on data/survival.csv
 * (ties among events, events and censorings at the same time, a curve that reaches 0).
 * Numbers in expected/survival.json come from r/survival.R.
 */
import { describe, expect, it } from 'vitest';
import { kaplanMeier, logRankTest, type ConfType, type KaplanMeierFit } from '../../src/index.js';
import { expectAllClose, expectClose, readData, readExpected } from './helpers.js';

type Nums = (number | null)[];
interface Curve {
  group: string;
  time: number[];
  n_risk: number[];
  n_event: number[];
  n_censor: number[];
  surv: number[];
  std_err: Nums;
  lower: Nums;
  upper: Nums;
  median: { estimate: number | null; lower: number | null; upper: number | null };
}
interface Summary {
  group: string[];
  time: number[];
  n_risk: number[];
  n_event: number[];
  n_censor: number[];
  surv: number[];
  /** R's summary() std.err is the standard error of S (not of the cumulative hazard). */
  std_err: Nums;
  lower: Nums;
  upper: Nums;
}
interface LogRank {
  rho: number;
  groups: string[];
  n: number[];
  observed: number[];
  expected: number[];
  variance: number[][];
  chisq: number;
  df: number;
  p_value: number;
}
interface Expected {
  summary_times: number[];
  early_censoring: { summary_times: number[]; fits: Record<ConfType, { curves: Curve[]; summary: Summary }> };
  kaplan_meier: Record<string, { curves: Curve[]; summary: Summary }>;
  log_rank: Record<'three_groups' | 'three_groups_rho1' | 'two_groups', LogRank>;
}

const TOL = 1e-9;

/** Every entry of every curve, and the median with its interval, against survfit. */
function checkCurves(name: string, fit: KaplanMeierFit, expected: Curve[]): void {
  expect(fit.curves.map((c) => c.group)).toEqual(expected.map((c) => c.group));
  for (const [i, e] of expected.entries()) {
    const c = fit.curves[i];
    const label = `${name} ${e.group}`;
    expect(c.time, `${label} time`).toEqual(e.time);
    expect(c.n_risk, `${label} n.risk`).toEqual(e.n_risk);
    expect(c.n_event, `${label} n.event`).toEqual(e.n_event);
    expect(c.n_censor, `${label} n.censor`).toEqual(e.n_censor);
    expectAllClose(c.surv, e.surv, TOL, `${label} surv`);
    expectAllClose(c.std_err, e.std_err, TOL, `${label} std.err`);
    expectAllClose(c.lower, e.lower, TOL, `${label} lower`);
    expectAllClose(c.upper, e.upper, TOL, `${label} upper`);
    expectClose(c.median.estimate, e.median.estimate, TOL, `${label} median`);
    expectClose(c.median.ci_low, e.median.lower, TOL, `${label} median lower`);
    expectClose(c.median.ci_high, e.median.upper, TOL, `${label} median upper`);
  }
}

/**
 * Compare `fit.at(times)` with R's `summary(fit, times =)`, every entry. Before a curve's
 * first time S = 1 exactly and R reports the limits as [1, 1] for every conf.type (log-log is
 * NA only at a curve time where S = 1); the library must agree.
 */
function checkSummary(name: string, fit: KaplanMeierFit, times: number[], expected: { curves: Curve[]; summary: Summary }): void {
  const rows = fit.at(times);
  const e = expected.summary;
  expect(rows.map((r) => r.group)).toEqual(e.group);
  expect(rows.map((r) => r.time)).toEqual(e.time);
  expect(rows.map((r) => r.n_risk)).toEqual(e.n_risk);
  expect(rows.map((r) => r.n_event)).toEqual(e.n_event);
  expect(rows.map((r) => r.n_censor)).toEqual(e.n_censor);
  expectAllClose(rows.map((r) => r.surv), e.surv, TOL, `${name} summary surv`);
  // The library's `se` is R summary's std.err (SE of S); its `std_err` is the hazard SE of the curve.
  expectAllClose(rows.map((r) => r.se), e.std_err, TOL, `${name} summary se`);
  for (let i = 0; i < rows.length; i++) {
    expectClose(rows[i].ci_low, e.lower[i], TOL, `${name} summary lower[${i}]`);
    expectClose(rows[i].ci_high, e.upper[i], TOL, `${name} summary upper[${i}]`);
  }
}
const ref = readExpected<Expected>('survival');
const t = readData('survival');
const time = t.array('time') as number[];
const event = t.array('event') as number[];
const group = t.array('group') as string[];

describe('kaplanMeier equals survival::survfit', () => {
  const fits: [string, ConfType, number, boolean][] = [
    ['log', 'log', 0.95, true],
    ['log-log', 'log-log', 0.95, true],
    ['plain', 'plain', 0.95, true],
    ['pooled_log_90', 'log', 0.9, false],
  ];
  for (const [name, confType, level, grouped] of fits) {
    it(`${name}: curve, Greenwood std.err, limits, median and its interval`, () => {
      const fit = kaplanMeier(grouped ? { time, event, group } : { time, event }, { confType, level });
      checkCurves(name, fit, ref.kaplan_meier[name].curves);
    });

    it(`${name}: summary at given times equals summary(fit, times =)`, () => {
      const fit = kaplanMeier(grouped ? { time, event, group } : { time, event }, { confType, level });
      checkSummary(name, fit, ref.summary_times, ref.kaplan_meier[name]);
    });
  }
});

describe('kaplanMeier with a censoring before the first event equals survfit', () => {
  const early = readData('survival-early-censoring');
  const data = { time: early.array('time') as number[], event: early.array('event') as number[] };
  for (const confType of ['log', 'log-log', 'plain'] as const) {
    it(confType, () => {
      const fit = kaplanMeier(data, { confType });
      const e = ref.early_censoring.fits[confType];
      checkCurves(`early ${confType}`, fit, e.curves);
      checkSummary(`early ${confType}`, fit, ref.early_censoring.summary_times, e);
    });
  }
});

describe('logRankTest equals survival::survdiff', () => {
  const ab = group.map((g) => g !== 'c');
  const cases = [
    ['three_groups', { time, event, group }],
    ['three_groups_rho1', { time, event, group }],
    ['two_groups', { time: time.filter((_, i) => ab[i]), event: event.filter((_, i) => ab[i]), group: group.filter((_, i) => ab[i]) }],
  ] as const;
  for (const [name, data] of cases) {
    it(name, () => {
      const e = ref.log_rank[name];
      const res = logRankTest(data, { rho: e.rho });
      expect(res.rows.map((g) => g.group)).toEqual(e.groups);
      expect(res.rows.map((g) => g.n)).toEqual(e.n);
      expectAllClose(res.rows.map((g) => g.observed), e.observed, TOL, `${name} observed`);
      expectAllClose(res.rows.map((g) => g.expected), e.expected, TOL, `${name} expected`);
      for (let r = 0; r < e.variance.length; r++) expectAllClose(res.variance[r], e.variance[r], TOL, `${name} var[${r}]`);
      expectClose(res.test.statistic, e.chisq, TOL, `${name} chisq`);
      expect(res.test.df).toBe(e.df);
      expectClose(res.test.p_value, e.p_value, TOL, `${name} p`);
    });
  }
});
