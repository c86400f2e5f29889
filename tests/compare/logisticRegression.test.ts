import { describe, expect, it } from 'vitest';
import { logisticRegression } from '../../src/compare/logisticRegression.js';
import { psdSquareRoot } from '../../src/core/linalg.js';
import { SpecificationError } from '../../src/core/errors.js';
import { normalSource } from './helpers.js';

/** Rows of a 2×2 table: a (x=0,y=1), b (x=0,y=0), c (x=1,y=1), d (x=1,y=0). */
function table2x2(a: number, b: number, c: number, d: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const push = (n: number, xv: number, yv: number) => {
    for (let i = 0; i < n; i++) (x.push(xv), y.push(yv));
  };
  push(a, 0, 1);
  push(b, 0, 0);
  push(c, 1, 1);
  push(d, 1, 0);
  return { x, y };
}

describe('logisticRegression', () => {
  it('equals the closed form of a 2×2 table: log odds, log odds ratio and their Woolf standard errors', () => {
    const [a, b, c, d] = [7, 13, 11, 5];
    const { x, y } = table2x2(a, b, c, d);
    const fit = logisticRegression([x], y);
    expect(fit.names).toEqual(['(Intercept)', 'x1']);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(a / b), 9);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log((c / d) / (a / b)), 9);
    expect(fit.se[0]).toBeCloseTo(Math.sqrt(1 / a + 1 / b), 9);
    expect(fit.se[1]).toBeCloseTo(Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d), 9);
    // deviance of the saturated-in-cells model: −2 Σ n log(p̂)
    const ll = a * Math.log(a / (a + b)) + b * Math.log(b / (a + b)) + c * Math.log(c / (c + d)) + d * Math.log(d / (c + d));
    expect(fit.deviance).toBeCloseTo(-2 * ll, 9);
  });

  it('treats weights as frequency weights (weighted cells give the weighted closed form)', () => {
    // Four rows carrying the cell counts as weights.
    const fit = logisticRegression([[0, 0, 1, 1]], [1, 0, 1, 0], { weights: [7, 13, 11, 5] });
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(7 / 13), 9);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log((11 / 5) / (7 / 13)), 9);
    expect(fit.se[1]).toBeCloseTo(Math.sqrt(1 / 7 + 1 / 13 + 1 / 11 + 1 / 5), 9);
    // fractional weights are allowed and scale the information
    const half = logisticRegression([[0, 0, 1, 1]], [1, 0, 1, 0], { weights: [3.5, 6.5, 5.5, 2.5] });
    expect(half.coefficients[1]).toBeCloseTo(fit.coefficients[1], 9);
    expect(half.se[1]).toBeCloseTo(fit.se[1] * Math.SQRT2, 9);
  });

  it('without an intercept, two cell indicators give the log odds of each cell', () => {
    const { x, y } = table2x2(4, 6, 9, 3);
    const fit = logisticRegression([x.map((v) => 1 - v), x], y, { intercept: false, names: ['x0', 'x1'] });
    expect(fit.names).toEqual(['x0', 'x1']);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(4 / 6), 9);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(9 / 3), 9);
    expect(fit.se[1]).toBeCloseTo(Math.sqrt(1 / 9 + 1 / 3), 9);
  });

  it('matches a slow independent solver (plain gradient ascent) with continuous covariates and weights', () => {
    const z = normalSource(11);
    const n = 300;
    const x1 = Array.from({ length: n }, () => z());
    const x2 = Array.from({ length: n }, () => 1990 + 10 * z()); // raw scale like a birth year
    const w = Array.from({ length: n }, (_, i) => 0.5 + (i % 3));
    const y = x1.map((v, i) => (z() < -0.3 + 0.8 * v - 0.05 * (x2[i] - 1990) ? 1 : 0));
    const fit = logisticRegression([x1, x2], y, { weights: w });

    // Independent: gradient ascent on the weighted log-likelihood in standardised coordinates.
    const m2 = x2.reduce((s, v) => s + v, 0) / n;
    const s2 = Math.sqrt(x2.reduce((s, v) => s + (v - m2) ** 2, 0) / n);
    const u2 = x2.map((v) => (v - m2) / s2);
    let b = [0, 0, 0];
    const W = w.reduce((s, v) => s + v, 0);
    for (let it = 0; it < 20000; it++) {
      const g = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-(b[0] + b[1] * x1[i] + b[2] * u2[i])));
        const r = w[i] * (y[i] - p);
        g[0] += r;
        g[1] += r * x1[i];
        g[2] += r * u2[i];
      }
      b = b.map((v, j) => v + (2 / W) * g[j]);
    }
    const slope2 = b[2] / s2;
    const int0 = b[0] - slope2 * m2;
    expect(fit.coefficients[1]).toBeCloseTo(b[1], 7);
    expect(fit.coefficients[2]).toBeCloseTo(slope2, 7);
    expect(fit.coefficients[0]).toBeCloseTo(int0, 6);

    // Score equations hold at the solution.
    const score = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const r = w[i] * (y[i] - fit.fitted[i]);
      score[0] += r;
      score[1] += r * x1[i];
      score[2] += r * (x2[i] - 1990);
    }
    for (const s of score) expect(Math.abs(s)).toBeLessThan(1e-7);
  });

  it('accepts a column-major Float64Array design', () => {
    const { x, y } = table2x2(5, 8, 9, 4);
    const a = logisticRegression([x], y);
    const b = logisticRegression(Float64Array.from(x), y);
    expect(b.coefficients[1]).toBeCloseTo(a.coefficients[1], 12);
  });

  it('refuses complete and quasi-complete separation instead of returning diverging coefficients', () => {
    expect(() => logisticRegression([[1, 2, 3, 4, 5, 6]], [0, 0, 0, 1, 1, 1])).toThrow(/separation/);
    expect(() => logisticRegression([[0, 0, 1, 1, 2, 2]], [0, 0, 0, 1, 1, 1])).toThrow(SpecificationError);
    // A 2×2 table with an empty cell is quasi-complete separation too.
    const { x, y } = table2x2(5, 5, 6, 0);
    expect(() => logisticRegression([x], y)).toThrow(/separation/);
  });

  it('refuses collinear designs with a message naming the column', () => {
    const x1 = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = [0, 1, 0, 0, 1, 1, 0, 1];
    expect(() => logisticRegression([x1, x1.map((v) => 2 * v + 1)], y, { names: ['age', 'age2'] })).toThrow(/age2.*linear combination/);
    expect(() => logisticRegression([x1.map(() => 3)], y, { names: ['const'] })).toThrow(/const is constant/);
    expect(() => logisticRegression([x1], [0, 1, 2, 0, 1, 1, 0, 1])).toThrow(/outcome in \[0, 1\]/);
  });
});

describe('psdSquareRoot', () => {
  it('gives L with L Lᵀ = A for a singular positive semi-definite matrix', () => {
    // A = B Bᵀ with B 3×2, rank 2
    const B = [
      [1, 2],
      [3, -1],
      [4, 1], // = row 1 + row 2: A is singular
    ];
    const A = new Float64Array(9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) A[i * 3 + j] = B[i][0] * B[j][0] + B[i][1] * B[j][1];
    const L = psdSquareRoot(A, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += L[i * 3 + k] * L[j * 3 + k];
        expect(s).toBeCloseTo(A[i * 3 + j], 10);
      }
    expect(L[8]).toBe(0);
  });
});
