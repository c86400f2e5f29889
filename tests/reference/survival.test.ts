/**
 * Kaplan–Meier and log-rank against R survival::survfit / survdiff on data/survival.csv
 * (ties among events, events and censorings at the same time, a curve that reaches 0).
 * Numbers in expected/survival.json come from r/survival.R.
 */
import { describe, expect, it } from 'vitest';
import { kaplanMeier, logRankTest, type ConfType } from '../../src/index.js';
import { expectAllClose, expectClose, readData, readExpected } from './helpers.js';
import { checkCurves, checkSummary, TOL, type Curve, type Summary } from './survivalChecks.js';

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
