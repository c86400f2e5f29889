/**
 * logisticRegression against R glm(family = binomial) on data/logistic.csv (a continuous, a binary
 * and a birth-year covariate, integer frequency weights). Numbers from r/logistic.R, fitted with a
 * tight glm tolerance so that they are the maximum-likelihood solution itself.
 */
import { describe, expect, it } from 'vitest';
import { logisticRegression } from '../../src/index.js';
import { expectAllClose, expectClose, readData, readExpected } from './helpers.js';

interface Fit {
  names: string[];
  coefficients: number[];
  se: number[];
  deviance: number;
}
const ref = readExpected<Record<'weighted' | 'unweighted' | 'no_intercept' | 'weighted_default_control', Fit>>('logistic');
const d = readData('logistic');
const col = (name: string) => d.array(name) as number[];
const y = col('y');
const X = [col('x1'), col('x2'), col('birth_year')];
const names = ['x1', 'x2', 'birth_year'];

const COEF_TOL = 1e-6;
// Standard errors and deviance at the optimum depend smoothly on it: the same tolerance holds.
const SE_TOL = 1e-6;

function check(label: keyof typeof ref, fit: ReturnType<typeof logisticRegression>): void {
  const e = ref[label];
  expect([...fit.names]).toEqual(e.names);
  expectAllClose(fit.coefficients, e.coefficients, COEF_TOL, `${label} coefficients`);
  expectAllClose(fit.se, e.se, SE_TOL, `${label} se`);
  expectClose(fit.deviance, e.deviance, 1e-9, `${label} deviance`);
}

describe('logisticRegression equals glm(family = binomial)', () => {
  it('with frequency weights', () => {
    check('weighted', logisticRegression(X, y, { weights: col('w'), names }));
  });
  it('without weights', () => {
    check('unweighted', logisticRegression(X, y, { names }));
  });
  it('without an intercept', () => {
    check('no_intercept', logisticRegression([col('x1'), col('x2')], y, { intercept: false, names: ['x1', 'x2'] }));
  });
  it("is closer to the optimum than glm's default stopping rule", () => {
    // glm stops at a relative deviance change < 1e-8; its SEs then still differ in the 6th digit.
    const fit = logisticRegression(X, y, { weights: col('w'), names });
    const loose = ref.weighted_default_control.se[0];
    const tight = ref.weighted.se[0];
    expect(Math.abs(fit.se[0] - tight)).toBeLessThan(Math.abs(loose - tight));
  });
});
