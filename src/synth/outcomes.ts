/**
 * Wages, hours and benefit spells for a synthetic export, with known truth: an additive effect
 * on the monthly wage of jobs that start after support ends, and an effect on the monthly
 * probability of receiving bijstand after support ends. Drawn from their own random stream,
 * after everything else, so turning them on changes nothing else in the export.
 */
import { createRandom } from '../core/random.js';
import { OPEN_END, civilFromDay, firstDayOfMonth, monthOfDay } from '../core/calendar.js';
import { SpecificationError } from '../core/errors.js';
import type { SyntheticExport } from './types.js';

/** Options of the generated outcomes (`SynthOptions.outcomes`). */
export interface SynthOutcomeOptions {
  /** Euros added to the monthly wage of every job a supported person starts after support ends (default 150; 0 = null). */
  readonly earningsEffect?: number;
  /** Added to the monthly probability of receiving bijstand after support ends (default −0.10; 0 = null). */
  readonly benefitEffect?: number;
  /** Mean monthly bijstand probability of supported persons and comparable controls (default 0.45). */
  readonly benefitBase?: number;
  /** Month-to-month persistence of bijstand receipt in [0, 1) (default 0.9). */
  readonly benefitPersistence?: number;
  /** Share of jobs without a recorded wage (default 0). */
  readonly missingWageShare?: number;
  /**
   * Yearly growth of the hourly wage level, applied at each job's start (default 0.025). A job
   * keeps the wage of its start year, so placement jobs continued after support earn less than
   * newer jobs: an effect of support on earnings that `earningsEffectOnTreated` does not count.
   * Use 0 when the DiD estimand must equal that truth (docs/methods/outcomes.md).
   */
  readonly wageGrowth?: number;
}

/** The outcome options with defaults filled in. */
export type ResolvedSynthOutcomes = Required<SynthOutcomeOptions>;

/** Expected bijstand receipt in the before/after windows, with and without the effect. */
export interface BenefitTruth {
  readonly before: number | null;
  readonly after: number | null;
  readonly afterWithoutEffect: number | null;
  /** after − before, pooled person-month means. */
  readonly change: number | null;
  /** Average effect on the treated over after-phase person-months (the DiD estimand). */
  readonly effectOnTreated: number | null;
  readonly personMonthsAfter: number;
}

/** Truth of the generated outcomes, for all supported persons and those observed before support. */
export interface OutcomeTruth {
  readonly parameters: ResolvedSynthOutcomes;
  /**
   * Realised mean earnings effect over after-phase person-months (euros per month): the wage
   * additions of the jobs started after support, pro-rated by days as the `earnings` outcome does.
   */
  readonly earningsEffectOnTreated: { readonly all: number | null; readonly observedBefore: number | null };
  readonly benefit: { readonly all: BenefitTruth; readonly observedBefore: BenefitTruth };
}

/**
 * Defaults filled in and checked.
 *
 * @example
 * resolveSynthOutcomes(true).earningsEffect; // 150
 * resolveSynthOutcomes({ benefitEffect: 0 }).benefitEffect; // 0
 */
export function resolveSynthOutcomes(options: boolean | SynthOutcomeOptions): ResolvedSynthOutcomes {
  const o = { earningsEffect: 150, benefitEffect: -0.1, benefitBase: 0.45, benefitPersistence: 0.9, missingWageShare: 0, wageGrowth: 0.025, ...(options === true ? {} : options || {}) };
  const bad = (name: string, v: number, ok: boolean) => {
    if (!ok) throw new SpecificationError(`outcomes.${name}: got ${v}`);
  };
  bad('earningsEffect', o.earningsEffect, Number.isFinite(o.earningsEffect));
  bad('benefitEffect', o.benefitEffect, o.benefitEffect > -1 && o.benefitEffect < 1);
  bad('benefitBase', o.benefitBase, o.benefitBase >= 0 && o.benefitBase <= 1);
  bad('benefitPersistence', o.benefitPersistence, o.benefitPersistence >= 0 && o.benefitPersistence < 1);
  bad('missingWageShare', o.missingWageShare, o.missingWageShare >= 0 && o.missingWageShare <= 1);
  bad('wageGrowth', o.wageGrowth, o.wageGrowth > -0.5 && o.wageGrowth < 0.5);
  return o;
}

/** What the generator knows per person: whether supported, drawn like the supported, and the support window. */
export interface OutcomePersons {
  readonly length: number;
  readonly supported: Uint8Array;
  readonly comparable: Uint8Array;
  /** Support start / end day per person (0 / OPEN_END when not supported). */
  readonly supportStart: Int32Array;
  readonly supportEnd: Int32Array;
}

/** Generated wages, hours and bijstand spells. */
export interface GeneratedOutcomes {
  /** Monthly wage per employment spell (basis `month`), NaN when not recorded. */
  readonly wage: Float64Array;
  /** Monthly hours per employment spell. */
  readonly hours: Float64Array;
  /** Bijstand spells: whole calendar months, sorted by person and start. */
  readonly benefits: { readonly length: number; readonly person: Int32Array; readonly start: Int32Array; readonly end: Int32Array };
  readonly truth: OutcomeTruth;
}

const WEEKS_PER_MONTH = 52 / 12;
/** Hourly wage of the 2006 minimum (grown by `wageGrowth` a year: a smooth stand-in for the statutory series). */
const HOURLY_2006 = 8.16;

/**
 * Draw outcomes for a generated export. `window` and the month range follow the export's truth.
 *
 * @example
 * const x = synthesizeCbsExport({ seed: 3, scale: 0.005, outcomes: true });
 * x.employment.wage!.length === x.employment.length; // true
 * x.truth.outcomes!.parameters.earningsEffect; // 150
 */
export function generateOutcomes(
  seed: number,
  options: ResolvedSynthOutcomes,
  persons: OutcomePersons,
  jobs: { readonly length: number; readonly person: Int32Array; readonly start: Int32Array; readonly end: Int32Array },
  months: { readonly startMonth: number; readonly endMonth: number; readonly window: number },
): GeneratedOutcomes {
  const rng = createRandom((seed ^ 0x5eed0c0) >>> 0);
  const { wage, hours, uplifted } = drawWages(rng, options, persons, jobs);
  const earnings = earningsTruth(options, persons, jobs, uplifted, months);
  const benefit = drawBenefits(rng, options, persons, months);
  return { wage, hours, benefits: benefit.spells, truth: { parameters: options, earningsEffectOnTreated: earnings, benefit: benefit.truth } };
}

function drawWages(rng: ReturnType<typeof createRandom>, o: ResolvedSynthOutcomes, persons: OutcomePersons, jobs: { length: number; person: Int32Array; start: Int32Array; end: Int32Array }) {
  const multiplier = new Float64Array(persons.length);
  for (let p = 0; p < persons.length; p++) multiplier[p] = persons.comparable[p] ? Math.exp(rng.normal(0.05, 0.12)) : Math.exp(rng.normal(0.3, 0.2));
  const wage = new Float64Array(jobs.length);
  const hours = new Float64Array(jobs.length);
  const uplifted = new Uint8Array(jobs.length);
  for (let r = 0; r < jobs.length; r++) {
    const p = jobs.person[r];
    const perWeek = 12 + rng.int(27);
    const year = civilFromDay(jobs.start[r]).year;
    const hourly = multiplier[p] * HOURLY_2006 * (1 + o.wageGrowth) ** (year - 2006);
    hours[r] = Math.round(perWeek * WEEKS_PER_MONTH * 100) / 100;
    const after = persons.supported[p] === 1 && persons.supportEnd[p] !== OPEN_END && jobs.start[r] > persons.supportEnd[p];
    uplifted[r] = after ? 1 : 0;
    const missing = rng.uniform() < o.missingWageShare;
    wage[r] = missing ? NaN : Math.round(hourly * perWeek * WEEKS_PER_MONTH * 100) / 100 + (after ? o.earningsEffect : 0);
  }
  return { wage, hours, uplifted };
}

/** Realised wage additions per after-phase person-month, pro-rated by days in the month. */
function earningsTruth(o: ResolvedSynthOutcomes, persons: OutcomePersons, jobs: { length: number; person: Int32Array; start: Int32Array; end: Int32Array }, uplifted: Uint8Array, months: { startMonth: number; endMonth: number; window: number }) {
  const sums = [0, 0];
  const counts = [0, 0];
  let r = 0;
  for (let p = 0; p < persons.length; p++) {
    const first = r;
    while (r < jobs.length && jobs.person[r] === p) r++;
    if (!persons.supported[p] || persons.supportEnd[p] === OPEN_END) continue;
    const E = monthOfDay(persons.supportEnd[p]);
    const observedBefore = monthOfDay(persons.supportStart[p]) > months.startMonth;
    for (let m = E + 1; m <= Math.min(months.endMonth, E + months.window); m++) {
      const f = firstDayOfMonth(m);
      const l = firstDayOfMonth(m + 1) - 1;
      let add = 0;
      for (let k = first; k < r; k++) {
        if (!uplifted[k] || jobs.start[k] > l || jobs.end[k] < f) continue;
        const d = Math.min(jobs.end[k], l) - Math.max(jobs.start[k], f) + 1;
        add += (o.earningsEffect * d) / (l - f + 1);
      }
      sums[0] += add;
      counts[0]++;
      if (observedBefore) {
        sums[1] += add;
        counts[1]++;
      }
    }
  }
  return { all: counts[0] > 0 ? sums[0] / counts[0] : null, observedBefore: counts[1] > 0 ? sums[1] / counts[1] : null };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Sums for one population's benefit truth. */
class BenefitSums {
  before = 0;
  nBefore = 0;
  after = 0;
  afterCf = 0;
  nAfter = 0;
  result(): BenefitTruth {
    const before = this.nBefore > 0 ? this.before / this.nBefore : null;
    const after = this.nAfter > 0 ? this.after / this.nAfter : null;
    const cf = this.nAfter > 0 ? this.afterCf / this.nAfter : null;
    return { before, after, afterWithoutEffect: cf, change: before !== null && after !== null ? after - before : null, effectOnTreated: after !== null && cf !== null ? after - cf : null, personMonthsAfter: this.nAfter };
  }
}

/**
 * Bijstand receipt as a two-state Markov chain per person with target probability r_m and
 * persistence ρ: P(on | on) = r + ρ(1 − r), P(on | off) = r(1 − ρ), so the marginal follows
 * π_m = r_m(1 − ρ) + ρ π_{m−1} exactly; the truth is that marginal, with and without the effect.
 */
function drawBenefits(rng: ReturnType<typeof createRandom>, o: ResolvedSynthOutcomes, persons: OutcomePersons, months: { startMonth: number; endMonth: number; window: number }) {
  const L = months.endMonth - months.startMonth + 1;
  const rho = o.benefitPersistence;
  const person: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const all = new BenefitSums();
  const observedBefore = new BenefitSums();
  for (let p = 0; p < persons.length; p++) {
    const base = persons.comparable[p] ? clamp01(o.benefitBase + rng.normal(0, 0.15)) : clamp01(0.08 + rng.normal(0, 0.05));
    const supported = persons.supported[p] === 1;
    const S = supported ? monthOfDay(persons.supportStart[p]) - months.startMonth : L;
    const E = supported && persons.supportEnd[p] !== OPEN_END ? monthOfDay(persons.supportEnd[p]) - months.startMonth : L;
    let on = rng.uniform() < base;
    let pi = base;
    let piCf = base;
    let runStart = on ? 0 : -1;
    for (let m = 0; m < L; m++) {
      const r = m > E ? clamp01(base + o.benefitEffect) : base;
      if (m > 0) {
        on = rng.uniform() < (on ? r + rho * (1 - r) : r * (1 - rho));
        pi = r * (1 - rho) + rho * pi;
        piCf = base * (1 - rho) + rho * piCf;
        if (on && runStart < 0) runStart = m;
      }
      if (runStart >= 0 && (!on || m === L - 1)) {
        person.push(p);
        start.push(firstDayOfMonth(months.startMonth + runStart));
        end.push(firstDayOfMonth(months.startMonth + (on ? m : m - 1) + 1) - 1);
        runStart = -1;
      }
      if (!supported) continue;
      for (const s of S > 0 ? [all, observedBefore] : [all]) {
        if (m >= S - months.window && m < S) {
          s.before += pi;
          s.nBefore++;
        }
        if (m > E && m <= E + months.window) {
          s.after += pi;
          s.afterCf += piCf;
          s.nAfter++;
        }
      }
    }
  }
  return {
    spells: { length: person.length, person: Int32Array.from(person), start: Int32Array.from(start), end: Int32Array.from(end) },
    truth: { all: all.result(), observedBefore: observedBefore.result() },
  };
}

/**
 * A generated export with outcomes added: wages and hours on its employment spells, bijstand
 * spells, and their truth. `comparable` marks persons drawn like the supported ones.
 *
 * @example
 * const x = synthesizeCbsExport({ seed: 3, scale: 0.005 });
 * const y = withOutcomes(x, 3, resolveSynthOutcomes(true), x.persons.supported, { startMonth: monthNumber(2006, 1), endMonth: monthNumber(2025, 12), window: 48 });
 * y.benefits!.length > 0; // true
 */
export function withOutcomes(exp: SyntheticExport, seed: number, options: ResolvedSynthOutcomes, comparable: Uint8Array, months: { readonly startMonth: number; readonly endMonth: number; readonly window: number }): SyntheticExport {
  const n = exp.persons.length;
  const supportStart = new Int32Array(n);
  const supportEnd = new Int32Array(n).fill(OPEN_END);
  for (let r = 0; r < exp.support.length; r++) {
    supportStart[exp.support.person[r]] = exp.support.start[r];
    supportEnd[exp.support.person[r]] = exp.support.end[r];
  }
  const generated = generateOutcomes(seed, options, { length: n, supported: exp.persons.supported, comparable, supportStart, supportEnd }, exp.employment, months);
  return {
    ...exp,
    employment: { ...exp.employment, wage: generated.wage, hours: generated.hours },
    benefits: generated.benefits,
    truth: { ...exp.truth, outcomes: generated.truth },
  };
}
