/**
 * Kaplan–Meier and log-rank with delayed entry (left truncation) against R on
 * data/survival-delayed-entry.csv: entries tied with exits, tied events, censorings at event times.
 * Curves from survival::survfit(Surv(entry, exit, event) ~ group); the log-rank sums from
 * r/survival-delayed-entry.R, which checks them against survdiff (no delayed entry) and, on a copy
 * without tied event times, against the score test of coxph(Surv(entry, exit, event) ~ group,
 * ties = "breslow").
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
  kaplan_meier: Record<string, { curves: Curve[]; summary: Summary }>;
  log_rank: Record<'two_groups' | 'two_groups_rho1' | 'three_groups', LogRank>;
  untied: {
    exit: number[];
    two_groups: { logrank: LogRank; coxph_score: { statistic: number; df: number; p_value: number } };
    three_groups: { logrank: LogRank; coxph_score: { statistic: number; df: number; p_value: number } };
  };
}

const ref = readExpected<Expected>('survival-delayed-entry');
const t = readData('survival-delayed-entry');
const entry = t.array('entry') as number[];
const exit = t.array('exit') as number[];
const event = t.array('event') as number[];
const group = t.array('group') as string[];
const group3 = t.array('group3') as string[];

describe('kaplanMeier with delayed entry equals survfit(Surv(entry, exit, event) ~ group)', () => {
  const fits: [string, ConfType, number, boolean][] = [
    ['log', 'log', 0.95, true],
    ['log-log', 'log-log', 0.95, true],
    ['plain', 'plain', 0.95, true],
    ['pooled_log_90', 'log', 0.9, false],
  ];
  for (const [name, confType, level, grouped] of fits) {
    const data = grouped ? { time: exit, event, group, entry } : { time: exit, event, entry };
    it(`${name}: risk sets, curve, Greenwood std.err, limits, median and its interval`, () => {
      const fit = kaplanMeier(data, { confType, level });
      checkCurves(`delayed ${name}`, fit, ref.kaplan_meier[name].curves);
      expect(fit.spec.delayedEntry).toBe(true);
    });
    it(`${name}: at given times equals summary(fit, times =)`, () => {
      checkSummary(`delayed ${name}`, kaplanMeier(data, { confType, level }), ref.summary_times, ref.kaplan_meier[name]);
    });
  }

  it('differs from the fit that ignores the entry times (the fixture exercises the risk sets)', () => {
    const naive = kaplanMeier({ time: exit, event, group });
    expect(naive.curves[0].n_risk[0]).toBe(15);
    expect(ref.kaplan_meier.log.curves[0].n_risk[0]).toBe(7);
  });
});

function checkLogRank(name: string, res: ReturnType<typeof logRankTest>, e: LogRank): void {
  expect(res.rows.map((g) => g.group)).toEqual(e.groups);
  expect(res.rows.map((g) => g.n)).toEqual(e.n);
  expectAllClose(res.rows.map((g) => g.observed), e.observed, TOL, `${name} observed`);
  expectAllClose(res.rows.map((g) => g.expected), e.expected, TOL, `${name} expected`);
  for (let r = 0; r < e.variance.length; r++) expectAllClose(res.variance[r], e.variance[r], TOL, `${name} var[${r}]`);
  expectClose(res.test.statistic, e.chisq, TOL, `${name} chisq`);
  expect(res.test.df).toBe(e.df);
  expectClose(res.test.p_value, e.p_value, TOL, `${name} p`);
}

describe('logRankTest with delayed entry equals the log-rank sums over the risk sets entry < t ≤ exit', () => {
  it('two groups', () => checkLogRank('two', logRankTest({ time: exit, event, group, entry }), ref.log_rank.two_groups));
  it('two groups, rho = 1 (weights from the pooled left-truncated product limit)', () =>
    checkLogRank('rho1', logRankTest({ time: exit, event, group, entry }, { rho: 1 }), ref.log_rank.two_groups_rho1));
  it('three groups', () => checkLogRank('three', logRankTest({ time: exit, event, group: group3, entry }), ref.log_rank.three_groups));

  it('without tied event times the statistic equals the coxph (Breslow) score test', () => {
    const untied = ref.untied.exit;
    for (const [name, g, e] of [
      ['two', group, ref.untied.two_groups],
      ['three', group3, ref.untied.three_groups],
    ] as const) {
      const res = logRankTest({ time: untied, event, group: g, entry });
      checkLogRank(`untied ${name}`, res, e.logrank);
      expectClose(res.test.statistic, e.coxph_score.statistic, TOL, `untied ${name} coxph score`);
      expectClose(res.test.p_value, e.coxph_score.p_value, TOL, `untied ${name} coxph p`);
      expect(res.test.df).toBe(e.coxph_score.df);
    }
  });
});
