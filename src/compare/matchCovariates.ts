import { DEFAULT_COLUMNS } from '../io/columns.js';
import { civilFromDay, firstDayOfMonth } from '../io/dates.js';
import { SpecificationError } from '../io/errors.js';
import type { CbsExport, Categorical } from '../io/types.js';
import { markParticipation } from '../panel/participation.js';

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

function knownNames(exp: CbsExport): string {
  return [...SEX_NAMES, ...BIRTH_NAMES, 'birthYearBand', 'startYear', 'preParticipation', ...Object.keys(exp.persons.covariates)].join(', ');
}

function numericCodes(name: string, values: Float64Array): ExactCodes {
  const distinct = Array.from(new Set(Array.from(values).filter((v) => !Number.isNaN(v)))).sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = Number.isNaN(values[i]) ? -1 : index.get(values[i])!;
  return { name, codes, levels: distinct.map(String) };
}

/**
 * Codes of an exact-matching variable. `startYear` is handled by the caller (it belongs to the
 * supported person's anchor, not to the person), `preParticipation` cannot be matched exactly.
 */
export function exactCodes(exp: CbsExport, name: string, bandWidth: number): ExactCodes {
  const persons = exp.persons;
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
  if (cov === undefined) throw new SpecificationError(`exact: unknown covariate ${JSON.stringify(name)}; known: ${knownNames(exp)}`);
  if (cov instanceof Float64Array) return numericCodes(name, cov);
  return { name, codes: (cov as Categorical).codes, levels: (cov as Categorical).levels };
}

/** Resolve a distance-model covariate by name. */
export function distanceVariable(exp: CbsExport, name: string, bandWidth: number): DistanceVariable {
  const persons = exp.persons;
  if (name === 'preParticipation') return { name, kind: 'preParticipation' };
  if (name === 'startYear') throw new SpecificationError('startYear is constant within a cohort; use it in exact, not as a distance covariate');
  if (SEX_NAMES.includes(name)) return { name, kind: 'categorical', codes: persons.sex.codes, levels: persons.sex.levels };
  if (BIRTH_NAMES.includes(name)) return { name, kind: 'numeric', values: persons.birthYear };
  if (name === 'birthYearBand') {
    const e = exactCodes(exp, name, bandWidth);
    return { name, kind: 'categorical', codes: e.codes, levels: e.levels };
  }
  const cov = persons.covariates[name];
  if (cov === undefined) throw new SpecificationError(`covariates: unknown covariate ${JSON.stringify(name)}; known: ${knownNames(exp)}`);
  if (cov instanceof Float64Array) return { name, kind: 'numeric', values: cov };
  return { name, kind: 'categorical', codes: (cov as Categorical).codes, levels: (cov as Categorical).levels };
}

/** Calendar year of a day number. */
export function yearOfDay(day: number): number {
  return civilFromDay(day).year;
}

/**
 * Share of months employed (any day in the month) in the `window` months before an anchor month,
 * over the months of that window lying entirely inside the observation period; NaN when none does.
 * Reuses one set of buffers across persons.
 */
export class PreParticipation {
  private readonly obsStart: number;
  private readonly monthFirstDay: Int32Array;
  private readonly flags: Uint8Array;
  private readonly days: Int32Array;

  constructor(
    private readonly exp: CbsExport,
    private readonly window: number,
    obsStartMonth: number,
    obsEndMonth: number,
  ) {
    this.obsStart = obsStartMonth;
    const L = Math.max(0, obsEndMonth - obsStartMonth + 1);
    this.monthFirstDay = new Int32Array(L + 1);
    for (let i = 0; i <= L; i++) this.monthFirstDay[i] = firstDayOfMonth(obsStartMonth + i);
    this.flags = new Uint8Array(L);
    this.days = new Int32Array(0);
  }

  /** Pre-support participation share of export person `p` before anchor month `anchorMonth`. */
  share(p: number, anchorMonth: number): number {
    const L = this.flags.length;
    const lo = Math.max(0, anchorMonth - this.window - this.obsStart);
    const hi = Math.min(L - 1, anchorMonth - 1 - this.obsStart);
    if (hi < lo) return NaN;
    const emp = this.exp.employment;
    markParticipation(emp.start, emp.end, emp.offsets[p], emp.offsets[p + 1], lo, hi, this.monthFirstDay, 0, this.flags, this.days);
    let s = 0;
    for (let m = lo; m <= hi; m++) s += this.flags[m];
    return s / (hi - lo + 1);
  }
}
