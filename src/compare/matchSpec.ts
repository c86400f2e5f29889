/**
 * The options of matching, checked and resolved: defaults filled in, variables looked up in the
 * export. The resolved options are kept on the result (`spec`).
 */
import { checkExport } from '../contracts/checkExport.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import type { CbsExport, PersonTable } from '../io/types.js';
import { checkMatchPopulation, isMatchPopulation, type MatchPopulation } from './matchPopulation.js';
import type { TrajectoryChoice } from '../panel/supportAnchors.js';
import type { BalanceVariable } from './balance.js';
import { canonicalName, defaultBalanceNames, distanceVariable, exactCodes, startCohortWidth, type DistanceVariable, type ExactCodes } from './matchCovariates.js';

/** Options of `matchControls`. */
export interface MatchControlsOptions {
  /**
   * Exact-matching variables (default `['GBAGESLACHT', 'birthYearBand', 'startYear']`): `GBAGESLACHT`/`sex`,
   * `GBAGEBOORTEJAAR`/`birthYear`, `birthYearBand` (width `birthYearBandWidth`), at most one of
   * `startMonth`/`startQuarter`/`startYear` (calendar month, quarter or year of the supported person's
   * support start: one matching cohort each; finer cohorts measure candidates' `preParticipation`
   * closer to their pseudo anchor; with `propensity` each cohort has its own intercept in the one
   * model), or any person covariate.
   */
  readonly exact?: readonly string[];
  /** Distance for nearest-neighbour matching inside exact strata (default `propensity`). */
  readonly distance?: 'propensity' | 'mahalanobis';
  /** Covariates of the distance (default `['birthYear', 'preParticipation']`); categorical ones enter as indicators. */
  readonly covariates?: readonly string[];
  /**
   * Covariates of the balance table (as MatchIt's `addlvariables`, cobalt's `bal.tab`): names as in
   * `covariates` and `exact`, plus `startYear`/`startQuarter`/`startMonth` (calendar time of the
   * (pseudo) anchor in years). Default: the distance covariates, the exact-matching person
   * variables, sex, birth year and every other person covariate of the export. Categorical ones
   * give one binary row per level (`OPLNIVEAU=hoog`). The logit propensity is always added.
   */
  readonly balance?: readonly string[];
  /** Width in years of `birthYearBand` (default 5). */
  readonly birthYearBandWidth?: number;
  /** Months before support start over which `preParticipation` is the share of months employed (default 24). */
  readonly preWindow?: number;
  /** Controls per supported person, k in k:1 (default 1). */
  readonly ratio?: number;
  /** Match with replacement (default false: a control serves at most one supported person of a cohort). */
  readonly replace?: boolean;
  /** Caliper in standard deviations of the logit propensity score (MatchIt's convention); default none. */
  readonly caliper?: number;
  /** Order in which supported persons choose: `largest` propensity first (default for propensity, as MatchIt), `smallest`, `random` (seeded), or `data` (default for mahalanobis). */
  readonly order?: 'largest' | 'smallest' | 'random' | 'data';
  /** Seed for tie-breaking and `random` order (default 1). */
  readonly seed?: number;
  /** Which support trajectory anchors a supported person (default `first`). */
  readonly trajectory?: TrajectoryChoice;
}

/** The options as resolved, kept on the result (`spec`): every default filled in. */
export interface MatchSpec {
  readonly exact: readonly string[];
  readonly distance: 'propensity' | 'mahalanobis';
  readonly covariates: readonly string[];
  readonly balance: readonly string[];
  readonly birthYearBandWidth: number;
  readonly preWindow: number;
  readonly ratio: number;
  readonly replace: boolean;
  /** `null`: no caliper. */
  readonly caliper: number | null;
  readonly order: 'largest' | 'smallest' | 'random' | 'data';
  readonly seed: number;
  readonly trajectory: TrajectoryChoice;
}

/** The resolved options and the variables they name. */
export interface MatchDesign {
  readonly spec: MatchSpec;
  /** Support-start cohort width in months; 0 = one cohort. */
  readonly cohortWidth: number;
  readonly exactVars: readonly ExactCodes[];
  readonly distVars: readonly DistanceVariable[];
  /** Each balance variable once; `balDistIndex[i]` ≥ 0 when it is also distance covariate number `balDistIndex[i]`. */
  readonly balVars: readonly BalanceVariable[];
  readonly balDistIndex: readonly number[];
}

const KEYS = {
  exact: true,
  distance: true,
  covariates: true,
  balance: true,
  birthYearBandWidth: true,
  preWindow: true,
  ratio: true,
  replace: true,
  caliper: true,
  order: true,
  seed: true,
  trajectory: true,
} as const;

function names(option: string, value: unknown, fallback: readonly string[]): readonly string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || value.some((n) => typeof n !== 'string')) {
    throw new SpecificationError(`matchControls: ${option} must be an array of variable names, got ${describeValue(value)}`);
  }
  return value as readonly string[];
}

function wholeNumber(option: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new SpecificationError(`matchControls: ${option} must be a whole number ≥ ${min}, got ${describeValue(value)}`);
  }
  return value;
}

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new SpecificationError(`matchControls: ${option} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`);
  }
  return value as T;
}

/** Check the export (or population) and every option; fill in defaults. */
export function resolveMatchSpec(input: unknown, options: unknown): MatchSpec {
  let persons: PersonTable;
  if (isMatchPopulation(input)) {
    checkMatchPopulation('matchControls', input);
    persons = input.persons;
  } else {
    checkExport('matchControls', input);
    persons = input.persons;
  }
  checkOptions('matchControls', options, KEYS);
  const o = (options ?? {}) as Record<keyof MatchControlsOptions, unknown>;
  const distance = oneOf('distance', o.distance, ['propensity', 'mahalanobis'], 'propensity');
  const covariates = names('covariates', o.covariates, ['birthYear', 'preParticipation']);
  if (covariates.length === 0) throw new SpecificationError('covariates: at least one distance covariate is needed');
  const exact = names('exact', o.exact, ['GBAGESLACHT', 'birthYearBand', 'startYear']);
  const caliper = o.caliper;
  if (caliper !== undefined) {
    if (typeof caliper !== 'number' || !(caliper > 0) || !Number.isFinite(caliper)) {
      throw new SpecificationError(`matchControls: caliper must be a positive number of standard deviations, got ${describeValue(caliper)}`);
    }
    if (distance !== 'propensity') throw new SpecificationError('caliper is in standard deviations of the logit propensity score: it needs distance "propensity"');
  }
  const order = oneOf('order', o.order, ['largest', 'smallest', 'random', 'data'], distance === 'propensity' ? 'largest' : 'data');
  if (distance === 'mahalanobis' && (order === 'largest' || order === 'smallest')) throw new SpecificationError(`order "${order}" sorts by propensity score; with mahalanobis use "data" or "random"`);
  if (o.replace !== undefined && typeof o.replace !== 'boolean') throw new SpecificationError(`matchControls: replace must be true or false, got ${describeValue(o.replace)}`);
  if (o.seed !== undefined && (typeof o.seed !== 'number' || !Number.isFinite(o.seed))) throw new SpecificationError(`matchControls: seed must be a number, got ${describeValue(o.seed)}`);
  const cohortNames = exact.filter((n) => startCohortWidth(n) !== undefined);
  if (cohortNames.length > 1) throw new SpecificationError(`exact: use one support-start cohort, not ${cohortNames.join(' and ')}`);
  return {
    exact,
    distance,
    covariates,
    balance: names('balance', o.balance, defaultBalanceNames(persons, covariates, exact)),
    birthYearBandWidth: wholeNumber('birthYearBandWidth', o.birthYearBandWidth, 5, 1),
    preWindow: wholeNumber('preWindow', o.preWindow, 24, 1),
    ratio: wholeNumber('ratio', o.ratio, 1, 1),
    replace: (o.replace as boolean | undefined) ?? false,
    caliper: (caliper as number | undefined) ?? null,
    order,
    seed: (o.seed as number | undefined) ?? 1,
    trajectory: trajectoryOf(input as CbsExport | MatchPopulation, o.trajectory),
  };
}

/** The trajectory option: a population is built for one (its default); another is refused. */
function trajectoryOf(input: CbsExport | MatchPopulation, value: unknown): TrajectoryChoice {
  const built = isMatchPopulation(input) ? input.trajectory : undefined;
  const t = oneOf('trajectory', value, ['first', 'last', 'longest'], built ?? 'first');
  if (built !== undefined && t !== built) {
    throw new SpecificationError(`matchControls: trajectory "${t}" asked, but the population was built with trajectory "${built}" (build it with matchPopulationFromExport(exp, { trajectory: '${t}' }))`);
  }
  return t;
}

/** Look up the variables the resolved options name in the persons table. */
export function matchDesign(persons: PersonTable, spec: MatchSpec): MatchDesign {
  const bandWidth = spec.birthYearBandWidth;
  const cohortName = spec.exact.find((n) => startCohortWidth(n) !== undefined);
  const exactVars = spec.exact.filter((n) => startCohortWidth(n) === undefined).map((n) => exactCodes(persons, n, bandWidth));
  const distVars = spec.covariates.map((n) => distanceVariable(persons, n, bandWidth));
  const balVars: BalanceVariable[] = [];
  const balDistIndex: number[] = [];
  const seen = new Set<string>();
  for (const n of spec.balance) {
    const c = canonicalName(n);
    if (seen.has(c)) continue;
    seen.add(c);
    const width = startCohortWidth(n);
    balVars.push(width !== undefined ? { name: n, kind: 'start', width } : distanceVariable(persons, n, bandWidth, 'balance'));
    balDistIndex.push(spec.covariates.findIndex((d) => canonicalName(d) === c));
  }
  return { spec, cohortWidth: cohortName === undefined ? 0 : startCohortWidth(cohortName)!, exactVars, distVars, balVars, balDistIndex };
}
