import type { ResolvedSynthOptions } from './options.js';
import type { OutcomeTruth } from './outcomes.js';

/** Persons in CBS layout, columnar. Row i is person i of the spell tables. */
export interface SyntheticPersons {
  readonly length: number;
  /** `RINPERSOON`: 9 digits with leading zeros, unique. (`RINPERSOONS` is always `R`.) */
  readonly rinpersoon: readonly string[];
  /** `GBAGEBOORTEJAAR`. */
  readonly birthYear: Int16Array;
  /** `GBAGESLACHT`: 1 = man, 2 = vrouw. */
  readonly sex: Uint8Array;
  /** `OPLNIVEAU` code into {@link EDUCATION_LEVELS}. */
  readonly education: Uint8Array;
  /** `HERKOMST` code into {@link ORIGINS}. */
  readonly origin: Uint8Array;
  /** 1 for persons with a support trajectory (not a CBS column; for checks only). */
  readonly supported: Uint8Array;
}

/** Support trajectories (one per supported person), columnar, sorted by person. */
export interface SyntheticSupport {
  readonly length: number;
  readonly person: Int32Array;
  readonly start: Int32Array;
  /** Inclusive end day; OPEN_END when ongoing at the end of observation (written as `88888888`). */
  readonly end: Int32Array;
  /** Code into {@link SCHEME_LEVELS}. */
  readonly scheme: Uint8Array;
  /** Code into {@link EMPLOYER_TYPE_LEVELS}. */
  readonly employerType: Uint8Array;
}

/** Employment (job) spells, SPOLIS-like, columnar, sorted by person, start, end, employer. */
export interface SyntheticEmployment {
  readonly length: number;
  readonly person: Int32Array;
  /** Employer number; `SBEID` is {@link employerId}(number). */
  readonly employer: Int32Array;
  readonly start: Int32Array;
  /** Inclusive end day; OPEN_END when ongoing at the end of observation (written empty). */
  readonly end: Int32Array;
  /** Code into {@link CONTRACT_LEVELS} (`B` fixed-term, `O` open-ended). */
  readonly contract: Uint8Array;
  /** `SBASISLOON`: monthly wage (euros per month of the spell), NaN when not recorded; with `outcomes` only. */
  readonly wage?: Float64Array;
  /** `SBASISUREN`: hours per month of the spell; with `outcomes` only. */
  readonly hours?: Float64Array;
}

/** Bijstand spells (whole calendar months), sorted by person and start; with `outcomes` only. */
export interface SyntheticBenefits {
  readonly length: number;
  readonly person: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** Expected (true) participation in one phase window, over the person-months actually observed. */
export interface PhaseTruth {
  /** Mean of the generating monthly participation probabilities over the phase's observed person-months. */
  readonly mean: number | null;
  readonly personMonths: number;
  readonly persons: number;
}

/** Truth for one group of supported persons (all, or one scheme). */
export interface GroupTruth {
  readonly before: PhaseTruth;
  readonly during: PhaseTruth;
  readonly after: PhaseTruth;
  /** Mean of the after-phase probabilities had support had no effect. */
  readonly afterWithoutEffect: number | null;
  /** Expected after − before change (pooled person-month means). */
  readonly change: number | null;
  /** The same change without the support effect (calendar trend and ageing only). */
  readonly changeWithoutEffect: number | null;
  /**
   * Average effect on the treated over after-phase person-months: after − afterWithoutEffect,
   * which equals change − changeWithoutEffect. This is what a matched difference-in-differences
   * (before vs after, against controls with pseudo anchors) estimates.
   */
  readonly effectOnTreated: number | null;
  /** Expected rate by event time: k = −window … −1 (before) and 1 … window (after); null when unobserved. */
  readonly profile: {
    readonly eventTime: readonly number[];
    readonly expected: readonly (number | null)[];
    readonly expectedWithoutEffect: readonly (number | null)[];
    readonly personMonths: readonly number[];
  };
}

/** What the generator knows about the data it generated. */
export interface SyntheticTruth {
  readonly seed: number;
  /** Observation period, ISO dates. */
  readonly observation: { readonly start: string; readonly end: string };
  /** The additive support effect on the monthly participation probability (0 = null). */
  readonly effect: number;
  /** Phase truths (`any-day` participation, first trajectory, windows of `window` months). */
  readonly phases: { readonly all: GroupTruth; readonly Participatiewet: GroupTruth; readonly Wsw: GroupTruth };
  /**
   * The same truths over the supported persons with at least one observed month before their
   * support start: the population a matched difference-in-differences uses when it matches on
   * pre-support participation (a person already in support when observation starts has none, so
   * stays unmatched). Its `effectOnTreated` is the estimand of the default matched DiD.
   */
  readonly phasesObservedBefore: { readonly all: GroupTruth; readonly Participatiewet: GroupTruth; readonly Wsw: GroupTruth };
  /** Expected participation of the controls by calendar month (the true control trend). */
  readonly controlTrend: { readonly month: readonly string[]; readonly expected: readonly number[] };
  /** Expected participation of the supported persons by calendar month had support had no effect (before/after months only; null when no one contributes). */
  readonly supportedTrendWithoutEffect: { readonly month: readonly string[]; readonly expected: readonly (number | null)[] };
  /** Persons in support on 1 January, per scheme. */
  readonly stock: ReadonlyArray<{ readonly date: string; readonly Participatiewet: number; readonly Wsw: number; readonly total: number }>;
  /** Employer-type shares among Participatiewet persons in support on a date. */
  readonly employerTypeShares: ReadonlyArray<{ readonly date: string; readonly n: number; readonly regulier: number; readonly 'sociale firma': number; readonly Pantar: number }>;
  /**
   * Tenure of the current employment relationship (spells at one employer merged when
   * consecutive or overlapping; the longest if several) among Participatiewet persons in
   * support on a date: `share` among those with a relationship, `shareOfAll` among all.
   */
  readonly tenure: ReadonlyArray<{ readonly date: string; readonly inSupport: number; readonly withRelationship: number; readonly overTwoYears: number; readonly share: number | null; readonly shareOfAll: number | null }>;
  /** Row counts; `comparableControls` of the `controls` are drawn like the supported persons (`comparableControlShare`). */
  readonly counts: { readonly persons: number; readonly supported: number; readonly controls: number; readonly comparableControls: number; readonly support: number; readonly employment: number };
  /** Every generating parameter. */
  readonly parameters: Omit<ResolvedSynthOptions, 'observation'>;
  /** Truth of the generated earnings and benefit outcomes; with `outcomes` only. */
  readonly outcomes?: OutcomeTruth;
}

/** A generated export in CBS layout (columnar) plus its truth. */
export interface SyntheticExport {
  readonly persons: SyntheticPersons;
  readonly support: SyntheticSupport;
  readonly employment: SyntheticEmployment;
  /** Bijstand spells; with `outcomes` only. */
  readonly benefits?: SyntheticBenefits;
  /** Observation period as inclusive day numbers. */
  readonly observation: { readonly start: number; readonly end: number };
  readonly truth: SyntheticTruth;
}

/**
 * `OPLNIVEAU` labels by code.
 *
 * @example
 * EDUCATION_LEVELS[0]; // 'laag'
 */
export const EDUCATION_LEVELS = ['laag', 'middelbaar', 'hoog'] as const;
/**
 * `HERKOMST` labels by code.
 *
 * @example
 * ORIGINS.length; // 3
 */
export const ORIGINS = ['Nederland', 'Europa', 'buiten Europa'] as const;
/**
 * `REGELING` labels by code.
 *
 * @example
 * SCHEME_LEVELS[1]; // 'Wsw'
 */
export const SCHEME_LEVELS = ['Participatiewet', 'Wsw'] as const;
/**
 * `WERKGEVERTYPE` labels by code.
 *
 * @example
 * EMPLOYER_TYPE_LEVELS[2]; // 'Pantar'
 */
export const EMPLOYER_TYPE_LEVELS = ['regulier', 'sociale firma', 'Pantar'] as const;
/**
 * `SCONTRACTSOORT` labels by code.
 *
 * @example
 * CONTRACT_LEVELS[0]; // 'B'
 */
export const CONTRACT_LEVELS = ['B', 'O'] as const;

/**
 * `SBEID` of an employer number: 9 digits with leading zeros (a bijection, so ids are unique).
 *
 * @example
 * employerId(0); // '100000007'
 * employerId(1).length; // 9
 */
export function employerId(employer: number): string {
  return String((employer * 48_828_127 + 100_000_007) % 1_000_000_000).padStart(9, '0');
}
