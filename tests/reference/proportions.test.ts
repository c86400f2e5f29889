/**
 * Proportion intervals against R: clopperPearsonInterval = binom.test()$conf.int,
 * wilsonInterval = prop.test(correct = FALSE)$conf.int, on the cases of data/proportions.csv
 * (including 0 / n, n / n and n = 1). Numbers from r/proportions.R.
 */
import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval, wilsonInterval } from '../../src/index.js';
import { expectClose, readExpected } from './helpers.js';

interface Case {
  x: number;
  n: number;
  level: number;
  estimate: number;
  clopper_pearson: [number, number];
  wilson: [number, number];
}
const { cases } = readExpected<{ cases: Case[] }>('proportions');
const TOL = 1e-9;

describe('proportion intervals equal R', () => {
  it('covers the committed cases', () => {
    expect(cases.length).toBe(11);
  });
  for (const c of cases) {
    const label = `${c.x}/${c.n} at ${c.level}`;
    it(`Clopper–Pearson ${label} = binom.test`, () => {
      const ci = clopperPearsonInterval(c.x, c.n, c.level);
      expectClose(ci.estimate, c.estimate, TOL, `${label} estimate`);
      expectClose(ci.ci_low, c.clopper_pearson[0], TOL, `${label} lower`);
      expectClose(ci.ci_high, c.clopper_pearson[1], TOL, `${label} upper`);
    });
    it(`Wilson ${label} = prop.test(correct = FALSE)`, () => {
      const ci = wilsonInterval(c.x, c.n, c.level);
      expectClose(ci.ci_low, c.wilson[0], TOL, `${label} lower`);
      expectClose(ci.ci_high, c.wilson[1], TOL, `${label} upper`);
    });
  }
});
