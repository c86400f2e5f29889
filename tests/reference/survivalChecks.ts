/**
 * Checks shared by the survival reference tests: every curve entry, the median and its interval,
 * and the curve at given times, against R's survfit / summary.survfit output.
 */
import { expect } from 'vitest';
import type { KaplanMeierFit } from '../../src/index.js';
import { expectAllClose, expectClose } from './helpers.js';

export type Nums = (number | null)[];
export interface Curve {
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
export interface Summary {
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
export const TOL = 1e-9;

/** Every entry of every curve, and the median with its interval, against survfit. */
export function checkCurves(name: string, fit: KaplanMeierFit, expected: Curve[]): void {
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
export function checkSummary(name: string, fit: KaplanMeierFit, times: number[], expected: { curves: Curve[]; summary: Summary }): void {
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
