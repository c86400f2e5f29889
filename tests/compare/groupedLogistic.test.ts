// groupedLogistic (one intercept per group, intercepts profiled out by a Schur complement) against
// logisticRegression on the same design written out with an intercept and G − 1 group indicators:
// the same maximum, so the same coefficients, standard errors, covariance and deviance.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { groupedLogistic } from '../../src/compare/groupedLogistic.js';
import { logisticRegression } from '../../src/compare/logisticRegression.js';

interface Data {
  x: Float64Array[];
  group: Int32Array;
  y: Float64Array;
  w: Float64Array;
  G: number;
}

function simulate(n: number, G: number, q: number, seed: number): Data {
  const rng = createRandom(seed);
  const group = new Int32Array(n);
  const x = Array.from({ length: q }, () => new Float64Array(n));
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  const alpha = Array.from({ length: G }, () => rng.normal(0, 1));
  for (let i = 0; i < n; i++) {
    group[i] = i < G ? i : rng.int(G); // every group present
    let eta = alpha[group[i]];
    for (let a = 0; a < q; a++) {
      // a = 0 continuous (birth-year-like, large mean), a = 1 binary, others continuous
      x[a][i] = a === 0 ? 1960 + 40 * rng.uniform() : a === 1 ? rng.bernoulli(0.4) : rng.normal(group[i] * 0.3, 1);
      eta += (a === 0 ? 0.02 * (x[a][i] - 1980) : 0.5 / (a + 1)) * (a === 0 ? 1 : x[a][i]);
    }
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    w[i] = 1 + rng.int(3);
  }
  return { x, group, y, w, G };
}

/** The same model as a plain logistic regression: covariates, then indicators of groups 1…G−1. */
function withDummies(d: Data) {
  const dummies = Array.from({ length: d.G - 1 }, (_, g) => Float64Array.from(d.group, (k) => (k === g + 1 ? 1 : 0)));
  return logisticRegression([...d.x, ...dummies], d.y, { weights: d.w, tol: 1e-14, maxIter: 100 });
}

describe('groupedLogistic', () => {
  for (const [n, G, q, seed] of [
    [400, 3, 2, 1],
    [2000, 12, 3, 2],
    [300, 1, 2, 3], // one group: a plain logistic regression with an intercept
    [900, 25, 1, 4],
  ] as const) {
    it(`equals logisticRegression with group dummies to 1e-9 (n ${n}, ${G} groups, ${q} covariates)`, () => {
      const d = simulate(n, G, q, seed);
      const names = d.x.map((_, a) => `x${a}`);
      const groupNames = Array.from({ length: G }, (_, g) => `g${g}`);
      const fit = groupedLogistic(d.x, d.group, G, d.y, { names, groupNames, weights: d.w, tol: 1e-14, maxIter: 100 });
      const ref = withDummies(d);
      expect(fit.names).toEqual(['(Intercept)', ...names, ...groupNames.slice(1)]);
      expect(fit.coefficients.length).toBe(ref.coefficients.length);
      for (let a = 0; a < ref.coefficients.length; a++) {
        expect(Math.abs(fit.coefficients[a] - ref.coefficients[a])).toBeLessThan(1e-9);
        expect(Math.abs(fit.se[a] - ref.se[a])).toBeLessThan(1e-9);
      }
      for (let k = 0; k < ref.covariance.length; k++) expect(Math.abs(fit.covariance[k] - ref.covariance[k])).toBeLessThan(1e-9);
      expect(Math.abs(fit.deviance - ref.deviance)).toBeLessThan(1e-9 * ref.deviance);
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(fit.linearPredictor[i] - ref.linearPredictor[i]));
      expect(worst).toBeLessThan(1e-9);
      // The fit is not trivial: the covariate effects are estimated away from zero.
      expect(Math.abs(fit.coefficients[1])).toBeGreaterThan(1e-3);
    });
  }

  it('refuses a covariate that is constant within every group (collinear with the intercepts), naming it', () => {
    const d = simulate(200, 4, 1, 5);
    const perGroup = Float64Array.from(d.group, (g) => g * 2.5);
    expect(() => groupedLogistic([d.x[0], perGroup], d.group, 4, d.y, { names: ['x0', 'byGroup'], groupNames: ['a', 'b', 'c', 'd'] })).toThrow(/byGroup/);
  });
});
