import { DataError, SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';

/** A covariate column: numbers (numeric, or categorical when listed in `categorical`) or labels (categorical). */
export type CovariateColumn = ArrayLike<number> | ArrayLike<string> | readonly (string | number)[];

/**
 * Input of {@link coxRegression}: durations with an event indicator (1 = event, 0 = right-censored),
 * optionally a delayed entry time (left truncation, R `Surv(entry, time, event)`: at risk on
 * (entry, time]), the covariates by name, and optional strata, case weights and clusters.
 */
export interface CoxData {
  readonly time: ArrayLike<number>;
  readonly event: ArrayLike<number | boolean>;
  /** Time already elapsed when the subject came under observation; absent = at risk from the start. */
  readonly entry?: ArrayLike<number>;
  /** Covariates by name, in the order their coefficients are reported. */
  readonly covariates: Readonly<Record<string, CovariateColumn>>;
  /** Stratum labels (R `strata()`): a separate baseline hazard per stratum, common coefficients. */
  readonly strata?: ArrayLike<string | number>;
  /** Positive case weights (R `weights =`). */
  readonly weights?: ArrayLike<number>;
  /** Cluster labels (R `cluster =`): robust standard errors summed over clusters. */
  readonly cluster?: ArrayLike<string | number>;
}

/** One covariate as coded in the design matrix. */
export interface CoxTerm {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** Levels of a categorical covariate, reference first (empty for numeric ones). */
  readonly levels: readonly string[];
  /** Design columns of the term (indices into the coefficients). */
  readonly columns: readonly number[];
}

/** The design: n × p row-major covariates plus the coding of each term. */
export interface CoxDesign {
  readonly n: number;
  readonly p: number;
  /** Row-major n × p. */
  readonly x: Float64Array;
  readonly terms: readonly CoxTerm[];
  /** Coefficient names as R prints them (`age`, `sexfemale`). */
  readonly names: readonly string[];
  /** For each coefficient: its term and level (null for numeric terms). */
  readonly coefficientTerm: readonly { readonly term: string; readonly level: string | null }[];
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return (Array.isArray(v) || ArrayBuffer.isView(v)) && !(v instanceof DataView);
}

/** Check the shape of the input (an object of arrays of one length); throws a {@link SpecificationError}. */
export function checkCoxData(fn: string, data: unknown): asserts data is CoxData {
  const expected = `${fn} expects { time, event, covariates, entry?, strata?, weights?, cluster? } (arrays of one length; covariates an object of arrays)`;
  if (!isPlainObject(data)) throw new SpecificationError(`${expected}; got ${describeValue(data)}`);
  if ('persons' in data && 'employment' in data) throw new SpecificationError(`${expected}; got a CBS export: for employment relationships use relationshipCox(exp)`);
  const allowed = ['time', 'event', 'entry', 'covariates', 'strata', 'weights', 'cluster'];
  const extra = Object.keys(data).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new SpecificationError(`${expected}; got unknown field(s) ${extra.map((k) => `"${k}"`).join(', ')}`);
  for (const key of ['time', 'event'] as const) if (!isArrayLike(data[key])) throw new SpecificationError(`${expected}; field "${key}" is ${describeValue(data[key])}`);
  const n = (data.time as ArrayLike<unknown>).length;
  for (const key of ['event', 'entry', 'strata', 'weights', 'cluster'] as const) {
    const v = data[key];
    if (v === undefined) continue;
    if (!isArrayLike(v)) throw new SpecificationError(`${expected}; field "${key}" is ${describeValue(v)}`);
    if (v.length !== n) throw new SpecificationError(`${fn}: ${key} has ${v.length} values, time has ${n}`);
  }
  if (!isPlainObject(data.covariates)) throw new SpecificationError(`${expected}; field "covariates" is ${describeValue(data.covariates)}`);
  const names = Object.keys(data.covariates);
  if (names.length === 0) throw new SpecificationError(`${fn}: covariates is empty; give at least one covariate`);
  for (const name of names) {
    const col = data.covariates[name];
    if (!isArrayLike(col)) throw new SpecificationError(`${fn}: covariate "${name}" is ${describeValue(col)}, expected an array`);
    if (col.length !== n) throw new SpecificationError(`${fn}: covariate "${name}" has ${col.length} values, time has ${n}`);
  }
}

/** Levels of a label column ordered like R factor levels: numerically when all are numbers, else as strings. */
export function factorLevels(values: ArrayLike<unknown>, column: string): { levels: string[]; code: Int32Array } {
  const n = values.length;
  const seen = new Map<unknown, number>();
  const raw: (string | number)[] = [];
  const first = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) || (typeof v !== 'number' && typeof v !== 'string')) {
      throw new DataError({ file: 'coxRegression', row: i + 1, column, value: v, expected: 'a label (string or finite number)' });
    }
    let k = seen.get(v);
    if (k === undefined) {
      k = raw.length;
      seen.set(v, k);
      raw.push(v);
    }
    first[i] = k;
  }
  const numeric = raw.every((v) => typeof v === 'number');
  const order = raw.map((_, i) => i).sort((a, b) => {
    if (numeric) return (raw[a] as number) - (raw[b] as number);
    const sa = String(raw[a]);
    const sb = String(raw[b]);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
  const rank = new Int32Array(raw.length);
  order.forEach((v, r) => (rank[v] = r));
  const code = new Int32Array(n);
  for (let i = 0; i < n; i++) code[i] = rank[first[i]];
  return { levels: order.map((i) => String(raw[i])), code };
}

/**
 * The design matrix: numeric covariates as they are, categorical ones (labels, or numbers listed in
 * `categorical`) as treatment contrasts against a reference level (default: the first level, as R).
 */
export function buildDesign(
  fn: string,
  covariates: Readonly<Record<string, CovariateColumn>>,
  n: number,
  categorical: readonly string[],
  reference: Readonly<Record<string, string | number>>,
): CoxDesign {
  const names = Object.keys(covariates);
  for (const c of [...categorical, ...Object.keys(reference)]) {
    if (!names.includes(c)) throw new SpecificationError(`${fn}: "${c}" is not a covariate; covariates are ${names.map((k) => `"${k}"`).join(', ')}`);
  }
  const columns: Float64Array[] = [];
  const terms: CoxTerm[] = [];
  const coefNames: string[] = [];
  const coefTerm: { term: string; level: string | null }[] = [];
  for (const name of names) {
    const col = covariates[name];
    let isFactor = categorical.includes(name) || reference[name] !== undefined;
    if (!isFactor) for (let i = 0; i < n && !isFactor; i++) if (typeof col[i] !== 'number') isFactor = typeof col[i] === 'string';
    if (!isFactor) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = col[i];
        if (typeof x !== 'number' || !Number.isFinite(x)) throw new DataError({ file: fn, row: i + 1, column: name, value: x, expected: 'a finite number' });
        v[i] = x;
      }
      terms.push({ name, kind: 'numeric', levels: [], columns: [columns.length] });
      coefNames.push(name);
      coefTerm.push({ term: name, level: null });
      columns.push(v);
      continue;
    }
    const { levels: sorted, code } = factorLevels(col, name);
    let ref = 0;
    if (reference[name] !== undefined) {
      ref = sorted.indexOf(String(reference[name]));
      if (ref < 0) throw new SpecificationError(`${fn}: reference level ${describeValue(reference[name])} of "${name}" does not occur; levels are ${sorted.map((l) => `"${l}"`).join(', ')}`);
    }
    const levels = [sorted[ref], ...sorted.filter((_, k) => k !== ref)];
    const cols: number[] = [];
    sorted.forEach((level, k) => {
      if (k === ref) return;
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = code[i] === k ? 1 : 0;
      cols.push(columns.length);
      columns.push(v);
      coefNames.push(`${name}${level}`);
      coefTerm.push({ term: name, level });
    });
    if (cols.length === 0) throw new SpecificationError(`${fn}: categorical covariate "${name}" has a single level (${describeValue(sorted[0])}): nothing to compare`);
    terms.push({ name, kind: 'categorical', levels, columns: cols });
  }
  const p = columns.length;
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const c = columns[j];
    for (let i = 0; i < n; i++) x[i * p + j] = c[i];
  }
  return { n, p, x, terms, names: coefNames, coefficientTerm: coefTerm };
}

/** 1 for an event, 0 for a censoring; a {@link DataError} for anything else. */
export function eventValue(e: unknown, row: number, fn: string): 0 | 1 {
  if (e === 1 || e === true) return 1;
  if (e === 0 || e === false) return 0;
  throw new DataError({ file: fn, row, column: 'event', value: e, expected: '0/1 or false/true' });
}
