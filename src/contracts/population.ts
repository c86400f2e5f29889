import type { CbsExport, Categorical, SupportTable } from '../io/types.js';
import { toDayNumber } from '../io/dates.js';
import { SpecificationError } from '../core/errors.js';
import { describeValue } from '../core/options.js';

/** A date given as `YYYYMMDD`, `YYYY-MM-DD` or a day number. */
export type DateLike = string | number;

/**
 * Who is counted on a date: persons in a support trajectory (`in-support`), persons with an
 * active employment relationship (`employed`), a fixed person mask (1 = in, index = person), or a
 * predicate of person index and day number.
 */
export type Population = 'in-support' | 'employed' | Uint8Array | ((person: number, day: number) => boolean);

/**
 * How to split results: by the scheme or employer type of the support trajectory in force
 * (`scheme`, `employer-type`), by a person covariate of the persons table, or by a label per person.
 */
export type GroupBy = 'scheme' | 'employer-type' | { readonly covariate: string } | { readonly labels: readonly (string | null)[] };

/**
 * Label of persons without a support trajectory in force when grouping by a support attribute.
 *
 * @example
 * NO_SUPPORT_LABEL; // '(no support)'
 */
export const NO_SUPPORT_LABEL = '(no support)';
/**
 * Label of a missing group value.
 *
 * @example
 * MISSING_LABEL; // '(missing)'
 */
export const MISSING_LABEL = '(missing)';
/**
 * Label used when results are not split.
 *
 * @example
 * ALL_LABEL; // 'all'
 */
export const ALL_LABEL = 'all';

/** Parse a user date option, turning a malformed one into a {@link SpecificationError}. */
export function parseDateOption(value: DateLike, option: string): number {
  try {
    const d = toDayNumber(value);
    if (!Number.isInteger(d)) throw new RangeError('not an integer day number');
    return d;
  } catch {
    const looksCompact = typeof value === 'number' && value >= 10_000_000 && value <= 99_999_999;
    const hint = looksCompact ? ` (a number is read as a day number: write '${value}' in quotes)` : '';
    throw new SpecificationError(`${option}: not a date (expected YYYYMMDD, YYYY-MM-DD or an integer day number): ${JSON.stringify(value)}${hint}`);
  }
}

/** The support trajectory of person `p` in force on `day` (the latest-starting one if several), or -1. */
export function activeSupportRow(support: SupportTable, p: number, day: number): number {
  let best = -1;
  const hi = support.offsets[p + 1];
  for (let i = support.offsets[p]; i < hi; i++) {
    if (support.start[i] > day) break;
    if (support.end[i] >= day) best = i;
  }
  return best;
}

/** Keep only trajectories of these schemes; `undefined` keeps all. Returns a mask over scheme levels. */
export function schemeMask(support: SupportTable, scheme: string | readonly string[] | undefined): Uint8Array | undefined {
  if (scheme === undefined) return undefined;
  if (!(typeof scheme === 'string' || (Array.isArray(scheme) && scheme.length > 0 && scheme.every((x) => typeof x === 'string'))))
    throw new SpecificationError(`scheme must be a scheme name or a list of them (e.g. 'Participatiewet'), got ${describeValue(scheme)}`);
  const wanted = new Set((typeof scheme === 'string' ? [scheme] : scheme).map((s) => s.toLowerCase()));
  const mask = new Uint8Array(support.scheme.levels.length);
  let any = false;
  support.scheme.levels.forEach((l, i) => {
    if (wanted.has(l.toLowerCase())) {
      mask[i] = 1;
      any = true;
    }
  });
  if (!any) throw new SpecificationError(`scheme ${JSON.stringify(scheme)} does not occur in the support data (levels: ${support.scheme.levels.join(', ') || 'none'})`);
  return mask;
}

/** Like {@link activeSupportRow}, restricted to trajectories whose scheme passes `mask`. */
export function activeSupportRowOf(support: SupportTable, p: number, day: number, mask: Uint8Array | undefined): number {
  if (!mask) return activeSupportRow(support, p, day);
  let best = -1;
  const hi = support.offsets[p + 1];
  for (let i = support.offsets[p]; i < hi; i++) {
    if (support.start[i] > day) break;
    const c = support.scheme.codes[i];
    if (support.end[i] >= day && c >= 0 && mask[c]) best = i;
  }
  return best;
}

/** Resolves a {@link GroupBy} to integer group codes per person (and support row). */
export class GroupResolver {
  readonly labels: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly personCode: Int32Array | undefined;
  private readonly levelCode: Int32Array | undefined;
  private readonly supportColumn: Categorical | undefined;
  private readonly noSupportCode: number = -1;

  constructor(cbsExport: CbsExport, groupBy: GroupBy | undefined) {
    const nPersons = cbsExport.persons.length;
    if (groupBy === undefined) {
      this.personCode = new Int32Array(nPersons).fill(this.code(ALL_LABEL));
    } else if (groupBy === 'scheme' || groupBy === 'employer-type') {
      const col = groupBy === 'scheme' ? cbsExport.support.scheme : cbsExport.support.employerType;
      this.supportColumn = col;
      this.levelCode = new Int32Array(col.levels.length);
      col.levels.forEach((l, i) => (this.levelCode![i] = this.code(l)));
      this.noSupportCode = this.code(NO_SUPPORT_LABEL);
    } else if (typeof groupBy === 'object' && 'covariate' in groupBy) {
      const col = cbsExport.persons.covariates[groupBy.covariate];
      if (col === undefined) {
        throw new SpecificationError(`group: unknown person covariate ${JSON.stringify(groupBy.covariate)} (available: ${Object.keys(cbsExport.persons.covariates).join(', ') || 'none'})`);
      }
      const codes = new Int32Array(nPersons);
      if (col instanceof Float64Array) {
        for (let p = 0; p < nPersons; p++) codes[p] = this.code(Number.isNaN(col[p]) ? MISSING_LABEL : String(col[p]));
      } else {
        for (let p = 0; p < nPersons; p++) codes[p] = this.code(col.codes[p] < 0 ? MISSING_LABEL : col.levels[col.codes[p]]);
      }
      this.personCode = codes;
    } else if (typeof groupBy === 'object' && 'labels' in groupBy) {
      if (groupBy.labels.length !== nPersons) {
        throw new SpecificationError(`group.labels must have one label per person (${nPersons}), got ${groupBy.labels.length}`);
      }
      const codes = new Int32Array(nPersons);
      for (let p = 0; p < nPersons; p++) codes[p] = this.code(groupBy.labels[p] ?? MISSING_LABEL);
      this.personCode = codes;
    } else {
      throw new SpecificationError(`group must be 'scheme', 'employer-type', { covariate } or { labels }, got ${JSON.stringify(groupBy)}`);
    }
  }

  private code(label: string): number {
    let c = this.index.get(label);
    if (c === undefined) {
      c = this.labels.length;
      this.labels.push(label);
      this.index.set(label, c);
    }
    return c;
  }

  /** Whether the group depends on the support trajectory in force. */
  get bySupport(): boolean {
    return this.supportColumn !== undefined;
  }

  /** Group code of person `p` whose support trajectory in force is `supportRow` (-1 = none). */
  groupOf(p: number, supportRow: number): number {
    if (this.personCode) return this.personCode[p];
    if (supportRow < 0) return this.noSupportCode;
    const c = this.supportColumn!.codes[supportRow];
    return c < 0 ? this.code(MISSING_LABEL) : this.levelCode![c];
  }
}

/** Validate a population option. */
export function checkPopulation(population: Population, nPersons: number): void {
  if (population === 'in-support' || population === 'employed' || typeof population === 'function') return;
  if (population instanceof Uint8Array) {
    if (population.length !== nPersons) throw new SpecificationError(`population mask must have one entry per person (${nPersons}), got ${population.length}`);
    return;
  }
  throw new SpecificationError(`population must be 'in-support', 'employed', a Uint8Array person mask or a predicate, got ${JSON.stringify(population)}`);
}
