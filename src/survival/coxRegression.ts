import { normalCritical } from '../core/critical.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';
import { createResult, type HypothesisTest, type Result, type ResultColumn } from '../core/result.js';
import { coxConcordance, type CoxConcordance } from './concordance.js';
import { fitCox } from './coxFit.js';
import { buildDesign, checkCoxData, type CoxData, type CoxTerm } from './coxInput.js';
import { allocateEventTimes, countEventTimes, coxPassRecorded, type CoxEventTimes, type CoxTies } from './coxPass.js';
import { clusterMeat, sandwich, scoreResiduals } from './coxResiduals.js';
import { sortCoxData, type CoxSorted } from './coxSorted.js';
import { chiSquareP, chiSquareTest, quadraticForm } from './coxTests.js';

export type { CoxTies } from './coxPass.js';

/** Options of {@link coxRegression}. */
export interface CoxOptions {
  /** Tied event times: `efron` (default, as R `coxph`) or `breslow`. */
  readonly ties?: CoxTies;
  /** Robust (sandwich) standard errors; default true when `cluster` is given, else false. */
  readonly robust?: boolean;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** Numeric covariates to treat as categorical (labels always are). */
  readonly categorical?: readonly string[];
  /** Reference level per categorical covariate (default: the first level, sorted as R sorts factor levels). */
  readonly reference?: Readonly<Record<string, string | number>>;
  /** Newton–Raphson iterations at most (default 30). */
  readonly maxIterations?: number;
}

/** The options as resolved, kept on the result (`spec`). */
export interface CoxSpec {
  readonly ties: CoxTies;
  readonly robust: boolean;
  readonly level: number;
  readonly categorical: readonly string[];
  /** Reference level of each categorical covariate. */
  readonly reference: Readonly<Record<string, string>>;
  readonly maxIterations: number;
  readonly strata: readonly string[] | null;
  readonly delayedEntry: boolean;
  readonly weighted: boolean;
  readonly clustered: boolean;
}

/** One coefficient: log hazard ratio, its SE, z test and interval, and the hazard ratio with its interval. */
export interface CoxCoefficientRow {
  /** Covariate name, and the level compared with the reference for a categorical one (null for numeric ones). */
  readonly term: string;
  readonly contrast: string | null;
  /** Coefficient name as R prints it (`age`, `sexfemale`). */
  readonly coefficient: string;
  /** The log hazard ratio β. */
  readonly estimate: number;
  /** SE used for z, p and the intervals: robust when `robust`, else model-based. */
  readonly se: number;
  readonly se_model: number;
  readonly se_robust: number | null;
  readonly z: number;
  readonly p_value: number;
  /** Interval for β. */
  readonly ci_low: number;
  readonly ci_high: number;
  readonly hazard_ratio: number;
  readonly hr_low: number;
  readonly hr_high: number;
  readonly level: number;
  readonly method: string;
  readonly n: number;
  readonly events: number;
}

/** Result of {@link coxRegression}. */
export interface CoxResult extends Result<CoxCoefficientRow, CoxSpec> {
  /** Coefficient names, in the order of `coefficients`, `variance` rows and columns. */
  readonly names: readonly string[];
  readonly coefficients: readonly number[];
  /** Variance in use (robust when `robust`), model-based and robust (null unless robust); p × p. */
  readonly variance: readonly (readonly number[])[];
  readonly varianceModel: readonly (readonly number[])[];
  readonly varianceRobust: readonly (readonly number[])[] | null;
  /** Log partial likelihood at β = 0 and at the estimate (R `fit$loglik`). */
  readonly loglik: readonly [number, number];
  readonly concordance: CoxConcordance;
  /** Rows used, events (count, unweighted), Newton–Raphson iterations, convergence. */
  readonly n: number;
  readonly events: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** How each covariate was coded (levels with the reference first). */
  readonly terms: readonly CoxTerm[];
  /** The fitted model for {@link coxSurvival} and {@link coxZph}. */
  readonly model: CoxModel;
}

/** The internals a fitted model keeps for predictions and the proportional-hazards test. */
export interface CoxModel {
  readonly sorted: CoxSorted;
  readonly beta: Float64Array;
  readonly ties: CoxTies;
  readonly imat: Float64Array;
  /** Model-based variance, and the variance in use (robust when `robust`), p × p row-major. */
  readonly varianceModel: Float64Array;
  readonly variance: Float64Array;
  readonly eventTimes: CoxEventTimes;
  readonly terms: readonly CoxTerm[];
  readonly names: readonly string[];
}

const COLUMNS: readonly ResultColumn[] = [
  { key: 'term' },
  { key: 'contrast' },
  { key: 'coefficient', label: 'coefficient' },
  { key: 'estimate', label: 'coef', digits: 4 },
  { key: 'hazard_ratio', label: 'HR', digits: 3 },
  { key: 'se', label: 'se', digits: 4 },
  { key: 'se_model' },
  { key: 'se_robust' },
  { key: 'z', label: 'z', digits: 2 },
  { key: 'p_value', label: 'p', digits: 4 },
  { key: 'ci_low' },
  { key: 'ci_high' },
  { key: 'hr_low', label: 'HR low', digits: 3 },
  { key: 'hr_high', label: 'HR high', digits: 3 },
  { key: 'level' },
  { key: 'method' },
  { key: 'n' },
  { key: 'events' },
];

const OPTION_KEYS = { ties: true, robust: true, level: true, categorical: true, reference: true, maxIterations: true } as const;

function resolveOptions(options: CoxOptions, data: CoxData): Omit<CoxSpec, 'reference' | 'strata'> & { reference: Readonly<Record<string, string | number>> } {
  checkOptions('coxRegression', options, OPTION_KEYS);
  const ties = options.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') throw new SpecificationError(`coxRegression: ties must be 'efron' or 'breslow', got ${describeValue(ties)}`);
  const robust = options.robust ?? data.cluster !== undefined;
  if (typeof robust !== 'boolean') throw new SpecificationError(`coxRegression: robust must be true or false, got ${describeValue(robust)}`);
  if (!robust && data.cluster !== undefined) throw new SpecificationError('coxRegression: cluster is given but robust is false; clusters only enter the robust variance');
  const level = options.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) throw new SpecificationError(`coxRegression: level must be a number strictly between 0 and 1, got ${describeValue(level)}`);
  const categorical = options.categorical ?? [];
  if (!Array.isArray(categorical) || !categorical.every((c) => typeof c === 'string')) throw new SpecificationError(`coxRegression: categorical must be an array of covariate names, got ${describeValue(categorical)}`);
  const reference = options.reference ?? {};
  if (!isPlainObject(reference)) throw new SpecificationError(`coxRegression: reference must be an object { covariate: level }, got ${describeValue(reference)}`);
  const maxIterations = options.maxIterations ?? 30;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new SpecificationError(`coxRegression: maxIterations must be a positive whole number, got ${describeValue(maxIterations)}`);
  return {
    ties,
    robust,
    level,
    categorical,
    reference: reference as Readonly<Record<string, string | number>>,
    maxIterations,
    delayedEntry: data.entry !== undefined,
    weighted: data.weights !== undefined,
    clustered: data.cluster !== undefined,
  };
}

function toMatrix(a: Float64Array, p: number): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from(a.subarray(i * p, (i + 1) * p)));
}

/** The likelihood-ratio, Wald and score tests of all coefficients (and the robust score test when robust). */
function globalTests(
  fit: ReturnType<typeof fitCox>,
  variance: Float64Array,
  robust: boolean,
  robustScore: number | null,
  p: number,
): HypothesisTest[] {
  const h0 = 'every coefficient is 0';
  const lr = 2 * (fit.loglik - fit.loglik0);
  const waldStat = quadraticForm(variance, fit.beta, p);
  const tests = [
    chiSquareTest('likelihood ratio', lr, p, h0),
    chiSquareTest(robust ? 'Wald (robust variance)' : 'Wald', waldStat, p, h0),
    chiSquareTest('score (log-rank)', quadraticForm(fit.imat0, fit.u0, p), p, h0),
  ];
  if (robust) tests.push(chiSquareTest('robust score', robustScore, p, h0));
  return tests;
}

/** The robust score test at β = 0: u₀ᵀ (Σ_c s_c s_cᵀ)⁻¹ u₀ with score residuals at 0 (R `rscore`). */
function robustScoreTest(sorted: CoxSorted, ties: CoxTies, u0: Float64Array): number | null {
  const zero = new Float64Array(sorted.p);
  const rec0 = coxPassRecorded(sorted, zero, ties);
  const meat0 = clusterMeat(sorted, scoreResiduals(sorted, zero, rec0.times));
  return quadraticForm(meat0, u0, sorted.p);
}

/**
 * Cox proportional-hazards regression, as R `survival::coxph`: Newton–Raphson on the log partial
 * likelihood with Efron (default) or Breslow ties; strata (separate baseline hazards), case weights,
 * delayed entry (`entry`: at risk on (entry, time], R `Surv(entry, time, event)`), and robust
 * sandwich standard errors, summed over `cluster` when given (R `cluster =`). Categorical covariates
 * (labels, or numbers named in `categorical`) are coded as treatment contrasts against a reference
 * level. Returns the result protocol with one row per coefficient (log hazard ratio, SE, z, p,
 * interval, hazard ratio and its interval); `tests` holds the likelihood-ratio, Wald and score tests
 * (and the robust score test when robust); `concordance` is Harrell's C. Adjusted survival curves:
 * {@link coxSurvival}; proportional-hazards test: {@link coxZph}. Methods: docs/methods/cox.md.
 *
 * @example
 * import { coxRegression } from 'participation-effects';
 * const fit = coxRegression({
 *   time: [5, 8, 12, 3, 9, 15, 7, 11, 4, 14],
 *   event: [1, 1, 0, 1, 1, 0, 1, 0, 1, 1],
 *   covariates: { age: [40, 52, 31, 60, 45, 29, 58, 35, 63, 38], sector: ['care', 'care', 'retail', 'care', 'retail', 'retail', 'care', 'retail', 'care', 'retail'] },
 * });
 * fit.names; // ['age', 'sectorretail']
 * fit.rows[1].term; // 'sector'
 * fit.rows[1].contrast; // 'retail'
 * fit.tests.map((t) => t.name); // ['likelihood ratio', 'Wald', 'score (log-rank)']
 * fit.converged; // true
 */
export function coxRegression(data: CoxData, options: CoxOptions = {}): CoxResult {
  checkCoxData('coxRegression', data);
  const resolved = resolveOptions(options, data);
  const n = data.time.length;
  if (n === 0) throw new SpecificationError('coxRegression: no rows');
  const design = buildDesign('coxRegression', data.covariates, n, resolved.categorical, resolved.reference);
  const sorted = sortCoxData('coxRegression', data, design);
  let events = 0;
  for (let i = 0; i < n; i++) events += sorted.event[i];
  if (events === 0) throw new SpecificationError('coxRegression: no events; the hazard ratios are not identified');
  const p = design.p;
  const eventTimes = allocateEventTimes(countEventTimes(sorted), p);
  const fit = fitCox(sorted, resolved.ties, design.names, resolved.maxIterations, eventTimes);
  const rec = { times: eventTimes };
  let robustVar: Float64Array | null = null;
  let robustScore: number | null = null;
  if (resolved.robust) {
    robustVar = sandwich(fit.variance, clusterMeat(sorted, scoreResiduals(sorted, fit.beta, rec.times)), p);
    robustScore = robustScoreTest(sorted, resolved.ties, fit.u0);
  }
  const variance = robustVar ?? fit.variance;
  const z = normalCritical(resolved.level);
  const method = `Cox proportional hazards (partial likelihood, ${resolved.ties} ties${resolved.robust ? `, robust SE${resolved.clustered ? ' by cluster' : ''}` : ''})`;
  const rows: CoxCoefficientRow[] = design.names.map((name, j) => {
    const b = fit.beta[j];
    const seModel = Math.sqrt(fit.variance[j * p + j]);
    const seRobust = robustVar ? Math.sqrt(robustVar[j * p + j]) : null;
    const se = seRobust ?? seModel;
    const zz = b / se;
    return {
      term: design.coefficientTerm[j].term,
      contrast: design.coefficientTerm[j].level,
      coefficient: name,
      estimate: b,
      se,
      se_model: seModel,
      se_robust: seRobust,
      z: zz,
      p_value: chiSquareP(zz * zz, 1),
      ci_low: b - z * se,
      ci_high: b + z * se,
      hazard_ratio: Math.exp(b),
      hr_low: Math.exp(b - z * se),
      hr_high: Math.exp(b + z * se),
      level: resolved.level,
      method,
      n,
      events,
    };
  });
  const tests = globalTests(fit, variance, resolved.robust, robustScore, p);
  const notes = fitNotes(fit, design.names, sorted, resolved.delayedEntry);
  const reference: Record<string, string> = {};
  for (const t of design.terms) if (t.kind === 'categorical') reference[t.name] = t.levels[0];
  const spec: CoxSpec = { ...resolved, reference, strata: data.strata === undefined ? null : sorted.strataLabels };
  const title = `Cox regression (${n} rows, ${events} events${data.strata ? `, ${sorted.strataLabels.length} strata` : ''})`;
  const result = createResult({ kind: 'coxRegression', title, rows, spec, columns: COLUMNS, tests, notes });
  const model: CoxModel = { sorted, beta: fit.beta, ties: resolved.ties, imat: fit.imat, varianceModel: fit.variance, variance, eventTimes: rec.times, terms: design.terms, names: design.names };
  return {
    ...result,
    names: design.names,
    coefficients: Array.from(fit.beta),
    variance: toMatrix(variance, p),
    varianceModel: toMatrix(fit.variance, p),
    varianceRobust: robustVar ? toMatrix(robustVar, p) : null,
    loglik: [fit.loglik0, fit.loglik],
    concordance: coxConcordance(sorted, fit.beta),
    n,
    events,
    iterations: fit.iterations,
    converged: fit.converged,
    terms: design.terms,
    model,
  };
}

function fitNotes(fit: ReturnType<typeof fitCox>, names: readonly string[], sorted: CoxSorted, delayedEntry: boolean): string[] {
  const notes: string[] = [];
  if (!fit.converged) notes.push(`Newton–Raphson did not converge in ${fit.iterations} iterations; the estimates are not reliable.`);
  if (fit.infinite.length > 0)
    notes.push(
      `Coefficient(s) ${fit.infinite.map((j) => `"${names[j]}"`).join(', ')} may be infinite: the likelihood keeps rising as they grow (the events separate on the covariate); their estimates, SEs and Wald tests are not meaningful, use the likelihood-ratio test.`,
    );
  if (delayedEntry) notes.push('Delayed entry (left truncation): risk sets hold subjects between their entry and exit times.');
  if (sorted.strataLabels.length > 1) notes.push(`Stratified: a separate baseline hazard in each of ${sorted.strataLabels.length} strata.`);
  return notes;
}
