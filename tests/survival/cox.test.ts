import { describe, expect, it } from 'vitest';
import { coxRegression, coxSurvival, DataError, logRankTest, SpecificationError, type CoxData } from '../../src/index.js';
import { createRandom } from '../../src/core/random.js';
import { breslowCumhaz, concordancePairs, logLik, numericDerivatives, randomSubjects, type Subject } from './bruteForce.js';

function toData(subjects: Subject[], opts: { strata?: boolean; weights?: boolean; entry?: boolean } = {}): CoxData {
  return {
    time: subjects.map((s) => s.time),
    event: subjects.map((s) => s.event),
    ...(opts.entry === false ? {} : { entry: subjects.map((s) => s.entry) }),
    covariates: { x: subjects.map((s) => s.x[0]), g: subjects.map((s) => s.x[1]) },
    ...(opts.strata === false ? {} : { strata: subjects.map((s) => s.stratum) }),
    ...(opts.weights === false ? {} : { weights: subjects.map((s) => s.w) }),
  };
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('coxRegression against the partial likelihood written out directly', () => {
  const subjects = randomSubjects(60, 7);
  for (const ties of ['efron', 'breslow'] as const) {
    it(`${ties}: log-likelihood at 0 and at the estimate, zero gradient, information = −Hessian`, () => {
      const fit = coxRegression(toData(subjects), { ties });
      const beta = fit.coefficients;
      expect(close(fit.loglik[0], logLik(subjects, [0, 0], ties), 1e-12)).toBe(true);
      expect(close(fit.loglik[1], logLik(subjects, beta, ties), 1e-12)).toBe(true);
      const { grad, hess } = numericDerivatives((b) => logLik(subjects, b, ties), beta);
      grad.forEach((g) => expect(Math.abs(g)).toBeLessThan(1e-6));
      // V = (−H)⁻¹, i.e. V·(−H) = identity.
      const v = fit.varianceModel;
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++) {
          const prod = v[i][0] * -hess[0][j] + v[i][1] * -hess[1][j];
          expect(Math.abs(prod - (i === j ? 1 : 0))).toBeLessThan(1e-5);
        }
    });
  }

  it('concordance counts equal a loop over all pairs (ties, delayed entry, weights, strata)', () => {
    const fit = coxRegression(toData(subjects));
    const eta = subjects.map((s) => s.x[0] * fit.coefficients[0] + s.x[1] * fit.coefficients[1]);
    const pairs = concordancePairs(subjects, eta);
    expect(close(fit.concordance.concordant, pairs.concordant, 1e-12)).toBe(true);
    expect(close(fit.concordance.discordant, pairs.discordant, 1e-12)).toBe(true);
    expect(close(fit.concordance.tied_risk, pairs.tiedRisk, 1e-12)).toBe(true);
  });

  it('Breslow baseline cumulative hazard of a profile equals the Breslow estimator written out', () => {
    const fit = coxRegression(toData(subjects), { ties: 'breslow' });
    const curves = coxSurvival(fit, [{ x: 0.3, g: 1 }]);
    for (const stratum of ['a', 'b']) {
      const direct = breslowCumhaz(subjects, fit.coefficients, [0.3, 1], stratum);
      const mine = curves.rows.filter((r) => r.stratum === stratum);
      expect(mine.map((r) => r.time)).toEqual(direct.map((d) => d.t));
      mine.forEach((r, k) => {
        expect(close(r.cumhaz, direct[k].cumhaz, 1e-12)).toBe(true);
        expect(close(r.surv, Math.exp(-direct[k].cumhaz), 1e-12)).toBe(true);
      });
    }
  });
});

describe('coxRegression identities', () => {
  it('the score test of one binary covariate without tied times is the log-rank test', () => {
    const rng = createRandom(3);
    const n = 80;
    const time = Array.from({ length: n }, (_, i) => i + 1 + rng.uniform() * 0.5);
    const group = Array.from({ length: n }, () => (rng.uniform() < 0.5 ? 'a' : 'b'));
    const event = Array.from({ length: n }, () => (rng.uniform() < 0.75 ? 1 : 0));
    const fit = coxRegression({ time, event, covariates: { group } });
    const lr = logRankTest({ time, event, group });
    expect(close(fit.tests.find((t) => t.name.startsWith('score'))!.statistic!, lr.test.statistic!, 1e-10)).toBe(true);
  });

  it('Breslow with integer weights equals duplicated rows', () => {
    const subjects = randomSubjects(40, 11).map((s) => ({ ...s, w: s.w === 0.5 ? 1 : s.w }));
    const dup = subjects.flatMap((s) => Array.from({ length: s.w }, () => ({ ...s, w: 1 })));
    const a = coxRegression(toData(subjects), { ties: 'breslow' });
    const b = coxRegression(toData(dup, { weights: false }), { ties: 'breslow' });
    a.coefficients.forEach((c, j) => expect(close(c, b.coefficients[j], 1e-10)).toBe(true));
    expect(close(a.varianceModel[0][1], b.varianceModel[0][1], 1e-9)).toBe(true);
    expect(close(a.loglik[1], b.loglik[1], 1e-12)).toBe(true);
  });

  it('entries before every exit time change nothing; one cluster per row is the plain robust variance', () => {
    const subjects = randomSubjects(50, 5);
    const early = subjects.map((s) => ({ ...s, entry: -1 }));
    const a = coxRegression(toData(early));
    const b = coxRegression(toData(early, { entry: false }));
    a.coefficients.forEach((c, j) => expect(close(c, b.coefficients[j], 1e-12)).toBe(true));
    const r1 = coxRegression(toData(subjects), { robust: true });
    const r2 = coxRegression({ ...toData(subjects), cluster: subjects.map((_, i) => `id${i}`) });
    expect(r2.spec.robust).toBe(true);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(close(r1.varianceRobust![i][j], r2.varianceRobust![i][j], 1e-12)).toBe(true);
  });

  it('a reference level changes the contrasts, not the fit', () => {
    const subjects = randomSubjects(60, 9);
    const lab = subjects.map((s, i) => ['low', 'mid', 'high'][i % 3]);
    const base = { time: subjects.map((s) => s.time), event: subjects.map((s) => s.event) };
    const a = coxRegression({ ...base, covariates: { level: lab } });
    const b = coxRegression({ ...base, covariates: { level: lab } }, { reference: { level: 'mid' } });
    expect(a.names).toEqual(['levellow', 'levelmid']);
    expect(b.names).toEqual(['levelhigh', 'levellow']);
    expect(b.spec.reference).toEqual({ level: 'mid' });
    expect(close(a.loglik[1], b.loglik[1], 1e-12)).toBe(true);
    // β_low(ref mid) = β_low(ref high) − β_mid(ref high)
    expect(close(b.coefficients[1], a.coefficients[0] - a.coefficients[1], 1e-9)).toBe(true);
  });
});

describe('coxRegression recovers known hazard ratios (seeded simulation)', () => {
  it('coefficients within their intervals about 95 % of the time, model and robust SEs', () => {
    const rng = createRandom(20261201);
    const truth = [0.5, -0.7];
    let coveredModel = 0;
    let coveredRobust = 0;
    const reps = 200;
    for (let r = 0; r < reps; r++) {
      const n = 300;
      const x = Array.from({ length: n }, () => rng.normal(0, 1));
      const g = Array.from({ length: n }, () => (rng.uniform() < 0.4 ? 1 : 0));
      const t = x.map((xi, i) => -Math.log(rng.uniform()) / (0.1 * Math.exp(truth[0] * xi + truth[1] * g[i])));
      const c = x.map(() => rng.uniform() * 20);
      const fit = coxRegression({ time: t.map((ti, i) => Math.min(ti, c[i])), event: t.map((ti, i) => (ti <= c[i] ? 1 : 0)), covariates: { x, g } }, { robust: true });
      if (fit.rows.every((row, j) => row.estimate - 1.959964 * row.se_model <= truth[j] && truth[j] <= row.estimate + 1.959964 * row.se_model)) coveredModel++;
      if (fit.rows.every((row, j) => row.ci_low <= truth[j] && truth[j] <= row.ci_high)) coveredRobust++;
    }
    // Joint coverage of two 95 % intervals ≈ 0.90; binomial SD over 200 replications ≈ 0.02.
    expect(coveredModel / reps).toBeGreaterThan(0.84);
    expect(coveredModel / reps).toBeLessThan(0.96);
    expect(coveredRobust / reps).toBeGreaterThan(0.84);
    expect(coveredRobust / reps).toBeLessThan(0.96);
  });
});

describe('coxRegression input and option errors', () => {
  const base = { time: [1, 2, 3, 4], event: [1, 0, 1, 1], covariates: { x: [0.1, 0.5, 0.2, 0.9] } };
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
    return 'no error';
  };

  it('names row, column and value of bad data', () => {
    expect(() => coxRegression({ ...base, time: [1, Number.NaN, 3, 4] })).toThrow(DataError);
    expect(message(() => coxRegression({ ...base, time: [1, Number.NaN, 3, 4] }))).toBe('DataError: coxRegression, row 2, column "time": got NaN, expected a finite number');
    expect(message(() => coxRegression({ ...base, event: [1, 2, 0, 1] }))).toBe('DataError: coxRegression, row 2, column "event": got 2, expected 0/1 or false/true');
    expect(message(() => coxRegression({ ...base, entry: [0, 2, 0, 0] }))).toBe('DataError: coxRegression, row 2, column "entry": got 2, expected an entry time before the exit time 2 (at risk on (entry, time])');
    expect(message(() => coxRegression({ ...base, weights: [1, 0, 1, 1] }))).toBe('DataError: coxRegression, row 2, column "weights": got 0, expected a positive weight');
    expect(message(() => coxRegression({ ...base, covariates: { x: [1, 2, null as unknown as number, 4] } }))).toBe('DataError: coxRegression, row 3, column "x": got null, expected a finite number');
  });

  it('refuses impossible specifications with a clear message', () => {
    expect(message(() => coxRegression(base, { tie: 'efron' } as never))).toBe('SpecificationError: coxRegression: unknown option "tie"; did you mean "ties"? Valid options: categorical, level, maxIterations, reference, robust, ties');
    expect(message(() => coxRegression(base, { ties: 'exact' } as never))).toBe("SpecificationError: coxRegression: ties must be 'efron' or 'breslow', got the string \"exact\"");
    expect(message(() => coxRegression({ ...base, covariates: { x: base.covariates.x, c: [1, 1, 1, 1] } }))).toBe(
      'SpecificationError: coxRegression: covariate "c" is constant within the risk sets or a linear combination of the covariates before it; drop it or merge levels',
    );
    expect(message(() => coxRegression({ ...base, event: [0, 0, 0, 0] }))).toBe('SpecificationError: coxRegression: no events; the hazard ratios are not identified');
    expect(message(() => coxRegression({ ...base, covariates: { s: ['a', 'b', 'a', 'b'] } }, { reference: { s: 'c' } }))).toBe(
      'SpecificationError: coxRegression: reference level the string "c" of "s" does not occur; levels are "a", "b"',
    );
    expect(message(() => coxRegression({ ...base, time: [1, 2] }))).toBe('SpecificationError: coxRegression: event has 4 values, time has 2');
    expect(message(() => coxRegression({ ...base, cluster: [1, 1, 2, 2] }, { robust: false }))).toBe('SpecificationError: coxRegression: cluster is given but robust is false; clusters only enter the robust variance');
    expect(() => coxSurvival(coxRegression(base), [{ y: 1 }])).toThrow(SpecificationError);
    expect(message(() => coxSurvival(coxRegression(base), [{ x: 'a' }]))).toBe('SpecificationError: coxSurvival: profile 0 needs a number for "x", got the string "a"');
  });

  it('says when a coefficient is infinite (events separate on a covariate) instead of reporting it silently', () => {
    const fit = coxRegression({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 1, 1, 1], covariates: { x: [1, 1, 1, 0, 0, 0], z: [0.3, 0.1, 0.5, 0.2, 0.9, 0.4] } });
    expect(fit.notes.some((n) => n.startsWith('Coefficient(s) "x" may be infinite'))).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(10);
    expect(fit.notes.some((n) => n.includes('"z"'))).toBe(false);
  });
});
