import { SpecificationError } from '../core/errors.js';
import { cholesky, choleskyInverse, choleskySolve } from '../core/linalg.js';
import { coxPass, type CoxEventTimes, type CoxPassResult, type CoxTies } from './coxPass.js';
import type { CoxSorted } from './coxSorted.js';

/** The Newton–Raphson fit of a Cox model. */
export interface CoxFit {
  readonly beta: Float64Array;
  /** Log partial likelihood at β = 0 and at the estimate. */
  readonly loglik0: number;
  readonly loglik: number;
  /** Score and information at β = 0 (for the score test). */
  readonly u0: Float64Array;
  readonly imat0: Float64Array;
  /** Information at the estimate and its inverse (the model-based variance). */
  readonly imat: Float64Array;
  readonly variance: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Coefficients whose last Newton step is still large: the likelihood is monotone in them (separation). */
  readonly infinite: readonly number[];
}

/** Convergence: the log-likelihood changes by at most this relative amount, or the step is this small. */
const LOGLIK_TOL = 1e-13;
const STEP_TOL = 1e-10;
const ROUNDING = 1e-12;
/**
 * "Coefficient may be infinite" (as R's check, with thresholds suited to the tighter convergence
 * here): the Newton step at the estimate is still above 1e-6 and above 1e-3·|β|.
 */
const INF_ABS = 1e-6;
const INF_REL = 1e-3;

function newtonStep(pass: CoxPassResult, p: number): Float64Array | null {
  const ch = cholesky(pass.imat, p);
  return ch.ok ? choleskySolve(ch.factor, p, pass.u) : null;
}

/**
 * Maximise the log partial likelihood by Newton–Raphson from β = 0, halving a step that lowers the
 * likelihood (as R `coxph`). A design whose information at β = 0 is singular (a constant covariate,
 * or one that is a combination of others within the risk sets) is a {@link SpecificationError}.
 * With `record`, every pass records its per-event-time pieces there, so on return it holds those of
 * the estimate (the last pass is always the accepted one).
 */
export function fitCox(d: CoxSorted, ties: CoxTies, names: readonly string[], maxIterations: number, record: CoxEventTimes | null = null): CoxFit {
  const p = d.p;
  let beta = new Float64Array(p);
  const pass0 = coxPass(d, beta, ties, record);
  const ch0 = cholesky(pass0.imat, p);
  if (!ch0.ok) {
    throw new SpecificationError(
      `coxRegression: covariate "${names[ch0.pivot]}" is constant within the risk sets or a linear combination of the covariates before it; drop it or merge levels`,
    );
  }
  let pass = pass0;
  let iterations = 0;
  let converged = false;
  let polished = false;
  while (iterations < maxIterations) {
    const step = newtonStep(pass, p);
    if (!step) break;
    iterations++;
    let next = beta.map((b, j) => b + step[j]);
    let nextPass = coxPass(d, next, ties, record);
    // Halve a step that lowers the likelihood by more than rounding (near the optimum the
    // log-likelihood is flat to machine precision while the score still points the way).
    const floor = pass.loglik - ROUNDING * Math.max(1, Math.abs(pass.loglik));
    for (let halving = 0; halving < 30 && !(nextPass.loglik >= floor); halving++) {
      next = next.map((b, j) => (b + beta[j]) / 2);
      nextPass = coxPass(d, next, ties, record);
    }
    let newtonSize = 0;
    for (let j = 0; j < p; j++) newtonSize = Math.max(newtonSize, Math.abs(step[j]) / (1 + Math.abs(beta[j])));
    const change = Math.abs(nextPass.loglik - pass.loglik);
    beta = next;
    pass = nextPass;
    if (newtonSize <= STEP_TOL || (polished && change <= LOGLIK_TOL * Math.abs(pass.loglik))) {
      converged = true;
      break;
    }
    // The likelihood has stopped moving: one more Newton step makes a finite estimate exact to
    // rounding (quadratic convergence); a coefficient heading to infinity keeps a large step.
    if (change <= LOGLIK_TOL * Math.abs(pass.loglik)) polished = true;
  }
  const ch = cholesky(pass.imat, p);
  if (!ch.ok) throw new SpecificationError(`coxRegression: the information matrix is singular at the estimate (coefficient "${names[ch.pivot]}" may be infinite: the events separate on it)`);
  const variance = choleskyInverse(ch.factor, p);
  const last = choleskySolve(ch.factor, p, pass.u);
  const infinite: number[] = [];
  for (let j = 0; j < p; j++) {
    const s = Math.abs(last[j]);
    if (s > INF_ABS && s > INF_REL * Math.abs(beta[j])) infinite.push(j);
  }
  return { beta, loglik0: pass0.loglik, loglik: pass.loglik, u0: pass0.u, imat0: pass0.imat, imat: pass.imat, variance, iterations, converged, infinite };
}
