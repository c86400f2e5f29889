import { SpecificationError } from '../core/errors.js';
import { checkOptions, type OptionKeys } from '../core/options.js';
import type { SynthOutcomeOptions } from './outcomes.js';
import { toDayNumber } from '../io/dates.js';
import { firstDayOfMonth, lastDayOfMonth, monthOfDay } from '../core/calendar.js';

/** A piecewise-linear curve over calendar time: `[decimal year, value]` knots, sorted by year, held flat outside. */
export type YearCurve = ReadonlyArray<readonly [number, number]>;

/** Everything the generator can be told; every field has a default calibrated to the Amsterdam report. */
export interface SynthOptions {
  /** PRNG seed (default 20250101). */
  readonly seed?: number;
  /** Multiplies every stock target: 1 = Amsterdam scale (≈ 12 k supported + 36 k controls), 0.01 ≈ 500 persons. */
  readonly scale?: number;
  /** Never-supported control persons per supported person (default 3). */
  readonly controlsPerSupported?: number;
  /** Observation period, whole months (default 2006-01-01 … 2025-12-31, as CBS SPOLIS). */
  readonly observation?: { readonly start: string | number; readonly end: string | number };
  /** Additive effect of having been supported on the monthly participation probability after support ends (default 0.155; 0 = null effect). */
  readonly effect?: number;
  /** Extra linear drift of the controls' participation, per year from 2016 (default 0 = parallel trends). */
  readonly controlTrendSlope?: number;
  /** Calendar trend shared by everyone (added to the participation probability). */
  readonly calendarTrend?: YearCurve;
  /** Mean participation propensity of supported persons, before covariate, age and calendar effects (default 0.36). */
  readonly supportedBase?: number;
  /**
   * Share of the never-supported persons who are comparable to the supported ones (default 1):
   * drawn from the same distributions of sex, education, origin and participation propensity
   * (`supportedBase`), so that matching on covariates and pre-support participation finds real
   * counterparts and a matched DiD is unbiased. The rest is a general population with a higher,
   * unobserved propensity (`controlBase`): below 1, a matched DiD is biased downwards, because
   * its high-propensity persons matched on a few unlucky pre-support months regress to their mean.
   */
  readonly comparableControlShare?: number;
  /** Mean participation propensity of the general-population controls (default 0.70). */
  readonly controlBase?: number;
  /** SD of the person-level random propensity (default 0.12). */
  readonly personSd?: number;
  /** Month-to-month persistence of employment in 0 … 0.99 (default 0.92): higher = longer spells and gaps. */
  readonly persistence?: number;
  /** Persons in Wsw on 1 January, by year (interpolated monthly); no Wsw entries from `wswClosedFrom`. */
  readonly wswStock?: YearCurve;
  /** Persons in Participatiewet support on 1 January, by year (interpolated monthly). */
  readonly participatiewetStock?: YearCurve;
  /** First year without new Wsw entries (default 2015). */
  readonly wswClosedFrom?: number;
  /** Annual exit hazard of Wsw trajectories while entries are open (default 0.05). */
  readonly wswExitHazard?: number;
  /** Annual exit hazard of Participatiewet trajectories over calendar time. */
  readonly participatiewetExitHazard?: YearCurve;
  /** Share of new Participatiewet placements at a regular employer, over calendar time of entry. */
  readonly regularShare?: YearCurve;
  /** Share of new Participatiewet placements at Pantar, over calendar time of entry. */
  readonly pantarShare?: YearCurve;
  /** Share of Wsw placements at Pantar (rest: detached to a regular employer). Default 0.88. */
  readonly wswPantarShare?: number;
  /** Share of placements that start 1–2 months after support starts (default 0.03). */
  readonly delayedPlacementShare?: number;
  /** Share of regular-employer placements in the job the person already held (default 0.25). */
  readonly existingJobShare?: number;
  /** Share of persons working right after support who stay with the placement employer (default 0.6). */
  readonly stayWithEmployerShare?: number;
  /** Annual rate of job changes while employed outside support (default 0.25). */
  readonly jobChangeRate?: number;
  /** Probability that an employment episode outside support has an overlapping side job (default 0.08). */
  readonly sideJobShare?: number;
  /** Event-time window (months) of the before/after phases in the truth (default 48). */
  readonly window?: number;
  /**
   * Also generate wages and hours on the employment spells and bijstand spells, with known
   * effects (`true` for the defaults). Off by default: without it the export is exactly as before.
   */
  readonly outcomes?: boolean | SynthOutcomeOptions;
}

/** Options with every default filled in and dates resolved. */
export interface ResolvedSynthOptions {
  readonly seed: number;
  readonly scale: number;
  readonly controlsPerSupported: number;
  /** Observation period as inclusive day numbers and month numbers. */
  readonly observation: { readonly start: number; readonly end: number; readonly startMonth: number; readonly endMonth: number };
  readonly effect: number;
  readonly controlTrendSlope: number;
  readonly calendarTrend: YearCurve;
  readonly supportedBase: number;
  readonly comparableControlShare: number;
  readonly controlBase: number;
  readonly personSd: number;
  readonly persistence: number;
  readonly wswStock: YearCurve;
  readonly participatiewetStock: YearCurve;
  readonly wswClosedFrom: number;
  readonly wswExitHazard: number;
  readonly participatiewetExitHazard: YearCurve;
  readonly regularShare: YearCurve;
  readonly pantarShare: YearCurve;
  readonly wswPantarShare: number;
  readonly delayedPlacementShare: number;
  readonly existingJobShare: number;
  readonly stayWithEmployerShare: number;
  readonly jobChangeRate: number;
  readonly sideJobShare: number;
  readonly window: number;
}

// Wsw shrinks ≈ 6.4 % a year from 4,082 − 350 = 3,732 (1 Jan 2016) to 4,253 − 2,189 = 2,064 (1 Jan 2025).
const WSW_2016 = 3732;
const WSW_2025 = 2064;
const wswYear = (year: number): number => Math.round(WSW_2016 * (WSW_2025 / WSW_2016) ** ((year - 2016) / 9));

/**
 * The defaults, calibrated to the Amsterdam audit report; see data/README.md.
 *
 * @example
 * DEFAULT_SYNTH_OPTIONS.observation.start; // '20060101'
 * DEFAULT_SYNTH_OPTIONS.effect; // 0.155
 */
export const DEFAULT_SYNTH_OPTIONS: Omit<ResolvedSynthOptions, 'observation'> & { readonly observation: { readonly start: string; readonly end: string } } = {
  seed: 20250101,
  scale: 1,
  controlsPerSupported: 3,
  observation: { start: '20060101', end: '20251231' },
  effect: 0.155,
  controlTrendSlope: 0,
  calendarTrend: [
    [2006, 0],
    [2008.5, 0.02],
    [2013.5, -0.03],
    [2019.5, 0.02],
    [2020.3, 0],
    [2021.5, 0.02],
    [2026, 0.03],
  ],
  supportedBase: 0.36,
  comparableControlShare: 1,
  controlBase: 0.7,
  personSd: 0.12,
  persistence: 0.92,
  wswStock: [[2006, 4300], ...[2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => [y, wswYear(y)] as const)],
  // 1 Jan 2022: 1,560 = 3,200 − 1,640 (the growth target's base); 1 Jan 2025: 2,189.
  participatiewetStock: [
    [2015, 0],
    [2016, 350],
    [2022, 1560],
    [2025, 2189],
    [2026, 2400],
  ],
  wswClosedFrom: 2015,
  wswExitHazard: 0.05,
  participatiewetExitHazard: [
    [2015, 0.48],
    [2016, 0.48],
    [2024, 0.18],
  ],
  regularShare: [
    [2015, 0.44],
    [2019, 0.55],
    [2022, 0.64],
    [2025, 0.7],
  ],
  pantarShare: [[2015, 0.27]],
  wswPantarShare: 0.88,
  delayedPlacementShare: 0.03,
  existingJobShare: 0.15,
  stayWithEmployerShare: 0.6,
  jobChangeRate: 0.2,
  sideJobShare: 0.08,
  window: 48,
};

/**
 * Value of a piecewise-linear year curve at a decimal year (flat beyond the first/last knot).
 *
 * @example
 * curveAt([[2015, 0], [2025, 1]], 2020); // 0.5
 * curveAt([[2015, 0], [2025, 1]], 2030); // 1
 */
export function curveAt(curve: YearCurve, year: number): number {
  if (curve.length === 0) return 0;
  if (year <= curve[0][0]) return curve[0][1];
  for (let i = 1; i < curve.length; i++) {
    const [x1, y1] = curve[i];
    if (year <= x1) {
      const [x0, y0] = curve[i - 1];
      return y0 + ((y1 - y0) * (year - x0)) / (x1 - x0);
    }
  }
  return curve[curve.length - 1][1];
}

/** Decimal year of the first day of a month number (2019-01 → 2019.0). */
export function yearOfMonth(monthNum: number): number {
  return monthNum / 12;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new SpecificationError(message);
}

/** Every option name of {@link SynthOptions}, for checkOptions. */
const SYNTH_KEYS: OptionKeys = {
  ...Object.fromEntries(Object.keys(DEFAULT_SYNTH_OPTIONS).map((k) => [k, true] as const)),
  observation: { start: true, end: true },
  outcomes: { earningsEffect: true, benefitEffect: true, benefitBase: true, benefitPersistence: true, missingWageShare: true, wageGrowth: true },
};

/**
 * Fill in defaults and validate; throws SpecificationError for impossible options.
 *
 * @example
 * resolveSynthOptions({ effect: 0 }).observation.endMonth === monthNumber(2025, 12); // true
 * resolveSynthOptions().controlsPerSupported; // 3
 */
export function resolveSynthOptions(options: SynthOptions = {}): ResolvedSynthOptions {
  checkOptions('synthesizeCbsExport', options, SYNTH_KEYS);
  const d = DEFAULT_SYNTH_OPTIONS;
  const o = { ...d, ...options } as Required<SynthOptions>;
  const obs = options.observation ?? d.observation;
  const start = toDayNumber(obs.start);
  const end = toDayNumber(obs.end);
  const startMonth = monthOfDay(start);
  const endMonth = monthOfDay(end);
  check(start === firstDayOfMonth(startMonth), `observation must start on the first day of a month, got ${JSON.stringify(obs.start)}`);
  check(end === lastDayOfMonth(endMonth), `observation must end on the last day of a month, got ${JSON.stringify(obs.end)}`);
  check(endMonth - startMonth >= 11, 'observation must cover at least 12 months');
  check(Number.isFinite(o.seed), `seed must be a finite number, got ${o.seed}`);
  check(o.scale > 0 && Number.isFinite(o.scale), `scale must be positive, got ${o.scale}`);
  check(o.controlsPerSupported >= 0, `controlsPerSupported must be non-negative, got ${o.controlsPerSupported}`);
  check(o.effect > -1 && o.effect < 1, `effect must lie in (-1, 1), got ${o.effect}`);
  check(o.persistence >= 0 && o.persistence < 1, `persistence must lie in [0, 1), got ${o.persistence}`);
  check(o.personSd >= 0, `personSd must be non-negative, got ${o.personSd}`);
  check(Number.isInteger(o.window) && o.window >= 1, `window must be a positive integer, got ${o.window}`);
  for (const [name, v] of [
    ['wswPantarShare', o.wswPantarShare],
    ['delayedPlacementShare', o.delayedPlacementShare],
    ['existingJobShare', o.existingJobShare],
    ['stayWithEmployerShare', o.stayWithEmployerShare],
    ['sideJobShare', o.sideJobShare],
    ['comparableControlShare', o.comparableControlShare],
  ] as const) {
    check(v >= 0 && v <= 1, `${name} must be a probability, got ${v}`);
  }
  check(o.jobChangeRate >= 0, `jobChangeRate must be non-negative, got ${o.jobChangeRate}`);
  for (const y of [2015, 2018, 2021, 2024, 2026]) {
    const r = curveAt(o.regularShare, y);
    const p = curveAt(o.pantarShare, y);
    check(r >= 0 && p >= 0 && r + p <= 1 + 1e-12, `regularShare + pantarShare must stay within [0, 1] (year ${y}: ${r} + ${p})`);
  }
  return { ...o, observation: { start, end, startMonth, endMonth } };
}


/**
 * Options of the embedded default dataset in data/ (Amsterdam scale, fixed seed). Regenerate
 * it byte-identically with `participation-effects regenerate-data`.
 *
 * @example
 * EMBEDDED_SYNTH_OPTIONS.seed; // 20250101
 */
export const EMBEDDED_SYNTH_OPTIONS: SynthOptions = { seed: 20250101, scale: 1, controlsPerSupported: 2 };
