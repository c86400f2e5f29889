import { DEFAULT_COLUMNS } from '../io/columns.js';
import { SpecificationError } from '../core/errors.js';
import type { CbsExport, Categorical, PersonTable } from '../io/types.js';
import { employmentMonths, monthStride, wordMask, type EmploymentMonths } from './employmentMonths.js';
import type { MatchPopulation } from './matchPopulation.js';

/** A person-level variable used for exact matching: an integer code per person, -1 = missing. */
export interface ExactCodes {
  readonly name: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** A variable of the distance model. `preParticipation` depends on the anchor, so it is computed per cohort. */
export type DistanceVariable =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly name: string; readonly kind: 'categorical'; readonly codes: Int32Array; readonly levels: readonly string[] }
  | { readonly name: string; readonly kind: 'preParticipation' };

const SEX_NAMES = ['sex', DEFAULT_COLUMNS.persons.sex];
const BIRTH_NAMES = ['birthYear', DEFAULT_COLUMNS.persons.birthYear];

function knownNames(persons: PersonTable): string {
  return [...SEX_NAMES, ...BIRTH_NAMES, 'birthYearBand', 'startMonth', 'startQuarter', 'startYear', 'preParticipation', ...Object.keys(persons.covariates)].join(', ');
}

function numericCodes(name: string, values: Float64Array): ExactCodes {
  const distinct = Array.from(new Set(Array.from(values).filter((v) => !Number.isNaN(v)))).sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = Number.isNaN(values[i]) ? -1 : index.get(values[i])!;
  return { name, codes, levels: distinct.map(String) };
}

/**
 * Codes of an exact-matching variable. `startMonth`/`startQuarter`/`startYear` are handled by the
 * caller (they belong to the supported person's anchor, not to the person), `preParticipation` cannot be matched exactly.
 */
export function exactCodes(persons: PersonTable, name: string, bandWidth: number): ExactCodes {
  if (SEX_NAMES.includes(name)) return { name, codes: persons.sex.codes, levels: persons.sex.levels };
  if (BIRTH_NAMES.includes(name)) return numericCodes(name, persons.birthYear);
  if (name === 'birthYearBand') {
    const codes = new Int32Array(persons.length);
    let min = Infinity;
    for (let i = 0; i < persons.length; i++) if (!Number.isNaN(persons.birthYear[i])) min = Math.min(min, Math.floor(persons.birthYear[i] / bandWidth));
    const levels: string[] = [];
    for (let i = 0; i < persons.length; i++) {
      const y = persons.birthYear[i];
      if (Number.isNaN(y)) {
        codes[i] = -1;
        continue;
      }
      const band = Math.floor(y / bandWidth);
      codes[i] = band - min;
      levels[band - min] = `${band * bandWidth}-${band * bandWidth + bandWidth - 1}`;
    }
    return { name, codes, levels };
  }
  if (name === 'preParticipation') throw new SpecificationError('preParticipation cannot be matched exactly; use it as a distance covariate');
  const cov = persons.covariates[name];
  if (cov === undefined) throw new SpecificationError(`exact: unknown covariate ${JSON.stringify(name)}; known: ${knownNames(persons)}`);
  if (cov instanceof Float64Array) return numericCodes(name, cov);
  return { name, codes: (cov as Categorical).codes, levels: (cov as Categorical).levels };
}

/** Resolve a distance-model covariate by name. */
export function distanceVariable(persons: PersonTable, name: string, bandWidth: number, option = 'covariates'): DistanceVariable {
  if (name === 'preParticipation') return { name, kind: 'preParticipation' };
  if (startCohortWidth(name) !== undefined) throw new SpecificationError(`${name} is constant within a cohort; use it in exact, not as a distance covariate`);
  if (SEX_NAMES.includes(name)) return { name, kind: 'categorical', codes: persons.sex.codes, levels: persons.sex.levels };
  if (BIRTH_NAMES.includes(name)) return { name, kind: 'numeric', values: persons.birthYear };
  if (name === 'birthYearBand') {
    const e = exactCodes(persons, name, bandWidth);
    return { name, kind: 'categorical', codes: e.codes, levels: e.levels };
  }
  const cov = persons.covariates[name];
  if (cov === undefined) throw new SpecificationError(`${option}: unknown covariate ${JSON.stringify(name)}; known: ${knownNames(persons)}`);
  if (cov instanceof Float64Array) return { name, kind: 'numeric', values: cov };
  return { name, kind: 'categorical', codes: (cov as Categorical).codes, levels: (cov as Categorical).levels };
}

/** One name per person variable, so that `sex`/`GBAGESLACHT` and `birthYear`/`GBAGEBOORTEJAAR` count once. */
export function canonicalName(name: string): string {
  if (SEX_NAMES.includes(name)) return 'sex';
  if (BIRTH_NAMES.includes(name)) return 'birthYear';
  return name;
}

/**
 * Default balance variables (as cobalt's `bal.tab` on every covariate): the distance covariates,
 * the exact-matching variables that are person variables, sex, birth year, and every other person
 * covariate of the export; each once.
 */
export function defaultBalanceNames(persons: PersonTable, covariates: readonly string[], exact: readonly string[]): string[] {
  const personExact = exact.filter((n) => startCohortWidth(n) === undefined && n !== 'birthYearBand');
  return [...covariates, ...personExact, DEFAULT_COLUMNS.persons.sex, 'birthYear', ...Object.keys(persons.covariates)];
}

/**
 * Share of months employed (any day in the month) in the `window` months before an anchor month,
 * over the months of that window lying entirely inside the observation period; NaN when none does.
 * Built once: per person, one bit per observation month (employed or not), so a share at any
 * anchor is a population count over one to a few words (a candidate is measured once per cohort
 * it can serve), and 1M persons × 10 years take 16 MB.
 */
export class PreParticipation {
  private readonly window: number;
  private readonly obsStart: number;
  private readonly months: number;
  /** Words per person. */
  private readonly stride: number;
  /** Person p employed in observation month i: bit i & 31 of word [p × stride + (i >> 5)]. */
  private readonly employed: Int32Array;

  /**
   * From the export's employment spells over observation months `obsStartMonth…obsEndMonth`, or
   * from month bits already built ({@link EmploymentMonths}, e.g. of a {@link MatchPopulation}).
   */
  constructor(source: CbsExport | EmploymentMonths, window: number, obsStartMonth?: number, obsEndMonth?: number) {
    const months = 'employment' in source ? employmentMonths(source, obsStartMonth ?? 0, obsEndMonth ?? -1) : source;
    this.window = window;
    this.obsStart = months.firstMonth;
    this.months = months.months;
    this.stride = monthStride(months.months);
    this.employed = months.bits;
  }

  /** Observation month indices [lo, hi] of the window before an anchor month (empty when hi < lo). */
  private range(anchorMonth: number): [number, number] {
    return [Math.max(0, anchorMonth - this.window - this.obsStart), Math.min(this.months - 1, anchorMonth - 1 - this.obsStart)];
  }

  /** Shares before one anchor month of the persons `persons[from…to)`, into `out[from…to)`. */
  sharesOf(anchorMonth: number, persons: Int32Array, from: number, to: number, out: Float64Array): void {
    const [lo, hi] = this.range(anchorMonth);
    if (hi < lo) {
      out.fill(NaN, from, to);
      return;
    }
    const len = hi - lo + 1;
    const e = this.employed;
    const stride = this.stride;
    const w0 = lo >>> 5;
    if (w0 === hi >>> 5) {
      const mask = wordMask(lo & 31, hi & 31);
      for (let j = from; j < to; j++) out[j] = popcount(e[persons[j] * stride + w0] & mask) / len;
      return;
    }
    if (w0 + 1 === hi >>> 5) {
      // The window spans two words (24 months mostly do).
      const m0 = wordMask(lo & 31, 31);
      const m1 = wordMask(0, hi & 31);
      for (let j = from; j < to; j++) {
        const b = persons[j] * stride + w0;
        out[j] = (popcount(e[b] & m0) + popcount(e[b + 1] & m1)) / len;
      }
      return;
    }
    for (let j = from; j < to; j++) out[j] = countBits(e, persons[j] * stride, lo, hi) / len;
  }

  /**
   * The bit rows of `persons`, in that order (`stride` words each). Shares of consecutive rows of
   * the copy read consecutive memory ({@link sharesOfRows}), where shares of scattered persons sweep
   * the whole table once per cohort and stratum.
   */
  gatherRows(persons: Int32Array): Int32Array {
    const stride = this.stride;
    const out = new Int32Array(persons.length * stride);
    const e = this.employed;
    for (let i = 0, o = 0; i < persons.length; i++) for (let k = 0, b = persons[i] * stride; k < stride; k++) out[o++] = e[b + k];
    return out;
  }

  /** Shares before one anchor month of rows `first…` of `rows` (from {@link gatherRows}), into `out[from…to)`: the same values as {@link sharesOf}. */
  sharesOfRows(anchorMonth: number, rows: Int32Array, first: number, from: number, to: number, out: Float64Array): void {
    const [lo, hi] = this.range(anchorMonth);
    if (hi < lo) {
      out.fill(NaN, from, to);
      return;
    }
    const len = hi - lo + 1;
    const stride = this.stride;
    const w0 = lo >>> 5;
    const w1 = hi >>> 5;
    const m0 = wordMask(lo & 31, w0 === w1 ? hi & 31 : 31);
    const m1 = wordMask(0, hi & 31);
    let b = first * stride;
    if (w0 === w1) for (let j = from; j < to; j++, b += stride) out[j] = popcount(rows[b + w0] & m0) / len;
    else if (w0 + 1 === w1) for (let j = from; j < to; j++, b += stride) out[j] = (popcount(rows[b + w0] & m0) + popcount(rows[b + w1] & m1)) / len;
    else for (let j = from; j < to; j++, b += stride) out[j] = countBits(rows, b, lo, hi) / len;
  }

  /** Pre-support participation share of export person `p` before anchor month `anchorMonth`. */
  share(p: number, anchorMonth: number): number {
    const [lo, hi] = this.range(anchorMonth);
    if (hi < lo) return NaN;
    return countBits(this.employed, p * this.stride, lo, hi) / (hi - lo + 1);
  }
}

/** Number of set bits of a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Set bits lo…hi (inclusive) of the bit row starting at word `base`. */
function countBits(e: Int32Array, base: number, lo: number, hi: number): number {
  const w0 = lo >>> 5;
  const w1 = hi >>> 5;
  if (w0 === w1) return popcount(e[base + w0] & wordMask(lo & 31, hi & 31));
  let c = popcount(e[base + w0] & wordMask(lo & 31, 31)) + popcount(e[base + w1] & wordMask(0, hi & 31));
  for (let w = w0 + 1; w < w1; w++) c += popcount(e[base + w]);
  return c;
}

/**
 * Support-start cohorts: the exact-matching names that group supported persons by the month,
 * quarter or year their support starts, with the cohort width in months.
 */
const START_COHORTS = new Map([
  ['startMonth', 1],
  ['startQuarter', 3],
  ['startYear', 12],
]);

/** Width in months of a support-start cohort variable (`startMonth` 1, `startQuarter` 3, `startYear` 12); undefined for other names. */
export function startCohortWidth(name: string): number | undefined {
  return START_COHORTS.get(name);
}

/** Label of cohort `c` (= ⌊month number / width⌋): `2018-03`, `2018Q1` or `2018`. */
export function cohortLabel(c: number, width: number): string {
  const month = c * width;
  const year = Math.floor(month / 12);
  const m = month - year * 12;
  if (width === 12) return String(year);
  if (width === 3) return `${year}Q${m / 3 + 1}`;
  return `${year}-${String(m + 1).padStart(2, '0')}`;
}
