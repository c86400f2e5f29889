// coxRegression against R survival::coxph (tests/reference/r/cox.R → expected/cox.json).
import { describe, expect, it } from 'vitest';
import { expectClose, readExpected } from './helpers.js';
import { fitModel, libraryName, MODELS } from '../survival/coxModels.js';

interface RModel {
  names: string[];
  coef: number[];
  var: number[][];
  naive_var?: number[][];
  loglik: number[];
  score: number;
  wald: number;
  logtest: number;
  rscore?: number;
  concordance: Record<string, number>;
}
const expected = readExpected<Record<string, RModel>>('cox');

describe.each(MODELS)('coxRegression matches coxph: %s', (name) => {
  const r = expected[name];
  const fit = fitModel(name);
  const order = r.names.map((n) => fit.names.indexOf(libraryName(n)));

  it('has the same coefficients (1e-9) in the same coding', () => {
    expect(order.every((k) => k >= 0), `${r.names.join(',')} vs ${fit.names.join(',')}`).toBe(true);
    expect(fit.names.length).toBe(r.names.length);
    r.coef.forEach((b, i) => expectClose(fit.coefficients[order[i]], b, 1e-9, `coef ${r.names[i]}`));
    r.coef.forEach((b, i) => expectClose(fit.rows[order[i]].hazard_ratio, Math.exp(b), 1e-9, `HR ${r.names[i]}`));
  });

  it('has the same model-based variances (1e-8), and a robust variance exactly when coxph has one', () => {
    const model = r.naive_var ?? r.var;
    for (let i = 0; i < r.names.length; i++) {
      for (let j = 0; j < r.names.length; j++) expectClose(fit.varianceModel[order[i]][order[j]], model[i][j], 1e-8, `model var ${i},${j}`);
      expectClose(fit.rows[order[i]].se_model, Math.sqrt(model[i][i]), 1e-8, `se ${r.names[i]}`);
    }
    // coxph reports a robust variance as `var` (the model-based one then as `naive_var`); compared below.
    expect(fit.varianceRobust === null).toBe(r.naive_var === undefined);
  });

  it('has the same log-likelihoods and likelihood-ratio, Wald and score tests', () => {
    expectClose(fit.loglik[0], r.loglik[0], 1e-9, 'loglik0');
    expectClose(fit.loglik[1], r.loglik[1], 1e-9, 'loglik');
    const stat = (n: string) => fit.tests.find((t) => t.name.startsWith(n))!.statistic;
    expectClose(stat('likelihood ratio'), r.logtest, 1e-8, 'LR');
    expectClose(stat('Wald'), r.wald, 1e-8, 'Wald');
    expectClose(stat('score'), r.score, 1e-8, 'score');
    // The robust score test, which coxph reports with a robust variance only, is compared below.
    expect(fit.tests.some((t) => t.name.startsWith('robust score'))).toBe(r.rscore !== undefined);
    expect(fit.tests.every((t) => t.df === r.names.length)).toBe(true);
  });

  it('has the same concordance counts', () => {
    const c = fit.concordance;
    expectClose(c.concordant, r.concordance.concordant, 1e-9, 'concordant');
    expectClose(c.discordant, r.concordance.discordant, 1e-9, 'discordant');
    expectClose(c.tied_risk, r.concordance['tied.x'], 1e-9, 'tied.x');
    expectClose(c.tied_time, r.concordance['tied.y'], 1e-9, 'tied.y');
    expectClose(c.tied_both, r.concordance['tied.xy'], 1e-9, 'tied.xy');
    expectClose(c.concordance, r.concordance.concordance, 1e-9, 'C');
  });
});

// Models fitted with a robust (cluster) variance: coxph gives it as `var`, the model-based one as `naive_var`.
const ROBUST = MODELS.filter((name) => expected[name].naive_var !== undefined);

describe.each(ROBUST)('coxRegression robust variance matches coxph: %s', (name) => {
  const r = expected[name];
  const fit = fitModel(name);
  const order = r.names.map((n) => fit.names.indexOf(libraryName(n)));

  it('has the same robust variances and robust score test (1e-8)', () => {
    expect(fit.varianceRobust).not.toBeNull();
    for (let i = 0; i < r.names.length; i++) {
      for (let j = 0; j < r.names.length; j++) expectClose(fit.varianceRobust![order[i]][order[j]], r.var[i][j], 1e-8, `robust var ${i},${j}`);
      expectClose(fit.rows[order[i]].se, Math.sqrt(r.var[i][i]), 1e-8, `robust se ${r.names[i]}`);
    }
    const robustScore = fit.tests.find((t) => t.name.startsWith('robust score'));
    expect(robustScore, 'a robust score test').toBeDefined();
    expectClose(robustScore!.statistic, r.rscore!, 1e-8, 'robust score');
  });
});

it('the coxph reference has models with and without a robust variance', () => {
  expect(ROBUST.length).toBeGreaterThan(1);
  expect(ROBUST.length).toBeLessThan(MODELS.length);
});
