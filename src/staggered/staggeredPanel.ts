import { from, type ColumnTable } from 'arquero';
import { DataError, SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';

/** Column names of a long person-period table for {@link staggeredPanel}. */
export interface StaggeredColumns {
  /** Person (unit) identifier, compared as text. */
  readonly id: string;
  /** Period: a whole number (year, month number, quarter number, …); periods are the distinct values. */
  readonly period: string;
  /** Cohort g: the first treated period; 0, `Infinity`, `null` or empty = never treated. Constant within a person. */
  readonly cohort: string;
  /** Outcome: any finite number (booleans count as 0/1). */
  readonly outcome: string;
  /** Time-invariant covariates (the value in a person's first period is used, as R `did`). */
  readonly covariates?: readonly string[];
  /** Sampling weight per person (constant within a person; default 1). */
  readonly weight?: string;
  /** Cluster per person (constant within a person; default: each person its own cluster). */
  readonly cluster?: string;
}

/**
 * A person × period panel for group-time effects, columnar: one row per person, one column per
 * period (`outcome[i * T + s]`), and per person its cohort, weight, cluster and covariates.
 * Balanced, unless built with `allowUnbalanced`: then a period in which a person is not
 * observed holds NaN.
 */
export interface StaggeredPanel {
  /** Number of persons. */
  readonly n: number;
  /** Person identifiers, in order of first appearance. */
  readonly ids: readonly string[];
  /** The distinct periods, ascending. */
  readonly periods: Float64Array;
  /** Outcome by person and period, person-major (`n × periods.length`); NaN = not observed (unbalanced panels only); 0/1 outcomes may be a Uint8Array. */
  readonly outcome: Float64Array | Uint8Array;
  /** Cohort g (a period value) per person; `Infinity` = never treated. */
  readonly cohort: Float64Array;
  /** Sampling weight per person. */
  readonly weight: Float64Array;
  /** Cluster code per person, 0 … clusters − 1. */
  readonly cluster: Int32Array;
  readonly clusters: number;
  /** Covariate names and values, person-major (`n × names.length`). */
  readonly covariateNames: readonly string[];
  readonly covariates: Float64Array;
  /** Persons left out, with the reason, so the counts add up to the input. */
  readonly dropped: { readonly unbalanced: number; readonly treatedAtStart: number };
  /** Persons whose cohort lies after the last period: kept as never treated (as R `did`). */
  readonly treatedAfterEnd: number;
  /** Persons kept although not observed in every period (`allowUnbalanced`); 0 or absent for a balanced panel. */
  readonly incomplete?: number;
}

/** Options of {@link staggeredPanel}. */
export interface StaggeredPanelOptions {
  /**
   * Keep persons not observed in every period (their missing periods hold NaN), for `attGt`'s
   * `allowUnbalanced`; by default they are left out, so the panel is balanced (as R `did`).
   */
  readonly allowUnbalanced?: boolean;
}

const FILE = 'staggered panel';

function isNever(v: unknown): boolean {
  return v === null || v === undefined || v === '' || v === 0 || v === Infinity || v === '0' || v === 'Inf';
}

/**
 * A {@link StaggeredPanel} from a long person-period table (an arquero table or an array of
 * records). As R `did` does for panel data, persons not observed in every period are left out
 * (counted in `dropped.unbalanced`; kept with NaN outcomes with `allowUnbalanced`), persons already treated in the first period (g ≤ first
 * period + anticipation) are left out (`dropped.treatedAtStart`), and persons first treated after
 * the last period count as never treated.
 *
 * @example
 * import { staggeredPanel } from 'participation-effects';
 * const rows = [
 *   { id: 'a', t: 1, g: 2, y: 0 }, { id: 'a', t: 2, g: 2, y: 1 },
 *   { id: 'b', t: 1, g: 0, y: 0 }, { id: 'b', t: 2, g: 0, y: 0 },
 *   { id: 'c', t: 1, g: 0, y: 1 },
 * ];
 * const p = staggeredPanel(rows, { id: 'id', period: 't', cohort: 'g', outcome: 'y' });
 * p.n; // 2
 * Array.from(p.cohort); // [2, Infinity]
 * p.dropped.unbalanced; // 1
 * const u = staggeredPanel(rows, { id: 'id', period: 't', cohort: 'g', outcome: 'y' }, 0, { allowUnbalanced: true });
 * [u.n, u.incomplete, Number.isNaN(u.outcome[5])]; // [3, 1, true]
 */
export function staggeredPanel(
  input: ColumnTable | readonly object[],
  columns: StaggeredColumns,
  anticipation = 0,
  options: StaggeredPanelOptions = {},
): StaggeredPanel {
  checkStaggeredInput(input, columns, options);
  const allowUnbalanced = options.allowUnbalanced ?? false;
  const cols = staggeredColumns(input, columns);
  const rows = personsAndPeriods(cols, columns);
  const values = personPeriodValues(cols, rows, columns);
  const { keep, unbalanced, treatedAtStart } = keptPersons(values, rows.periods, anticipation, allowUnbalanced);
  const { out, clusters, treatedAfterEnd, incomplete } = keptColumns(keep, values, rows.periods, cols);
  return {
    n: keep.length,
    ids: keep.map((p) => rows.ids[p]),
    periods: rows.periods,
    ...out,
    clusters,
    covariateNames: [...cols.covNames],
    dropped: { unbalanced, treatedAtStart },
    treatedAfterEnd,
    incomplete,
  };
}

/** The input must be a table or an array of records, with columns { id, period, cohort, outcome } named, and only known column and option names. */
function checkStaggeredInput(input: unknown, columns: StaggeredColumns, options: StaggeredPanelOptions): void {
  const isTable = typeof input === 'object' && input !== null && typeof (input as { columnNames?: unknown }).columnNames === 'function';
  if (!Array.isArray(input) && !isTable) throw new SpecificationError(`staggeredPanel expects a long table (an arquero table or an array of row objects); got ${describeValue(input)}`);
  const named = (k: string) => typeof (columns as unknown as Record<string, unknown> | undefined)?.[k] === 'string';
  if (!isPlainObject(columns) || !['id', 'period', 'cohort', 'outcome'].every(named)) {
    throw new SpecificationError(`staggeredPanel expects columns { id, period, cohort, outcome } naming columns of the table; got ${describeValue(columns)}`);
  }
  checkOptions('staggeredPanel', columns, { id: true, period: true, cohort: true, outcome: true, covariates: true, weight: true, cluster: true });
  checkOptions('staggeredPanel', options, { allowUnbalanced: true });
}

/** The named columns of a long person-period table, and its row count. */
interface StaggeredColumnValues {
  readonly idCol: ArrayLike<unknown>;
  readonly tCol: ArrayLike<unknown>;
  readonly gCol: ArrayLike<unknown>;
  readonly yCol: ArrayLike<unknown>;
  readonly covNames: readonly string[];
  readonly covCols: readonly ArrayLike<unknown>[];
  readonly wCol: ArrayLike<unknown> | undefined;
  readonly cCol: ArrayLike<unknown> | undefined;
  readonly N: number;
}

/** The columns named by `columns`; a name that is not a column of the table is a DataError. */
function staggeredColumns(input: ColumnTable | readonly object[], columns: StaggeredColumns): StaggeredColumnValues {
  const table = Array.isArray(input) ? from(input as Record<string, unknown>[]) : (input as ColumnTable);
  const names = table.columnNames();
  const get = (col: string): ArrayLike<unknown> => {
    if (!names.includes(col)) throw new DataError({ file: FILE, column: col, expected: `a column of the table (${names.join(', ')})` });
    return table.array(col) as ArrayLike<unknown>;
  };
  const idCol = get(columns.id);
  const tCol = get(columns.period);
  const gCol = get(columns.cohort);
  const yCol = get(columns.outcome);
  const covNames = columns.covariates ?? [];
  const covCols = covNames.map(get);
  const wCol = columns.weight === undefined ? undefined : get(columns.weight);
  const cCol = columns.cluster === undefined ? undefined : get(columns.cluster);
  return { idCol, tCol, gCol, yCol, covNames, covCols, wCol, cCol, N: table.numRows() };
}

/** Persons (in order of first appearance) and the distinct periods (ascending, at least two), with each row's person and period. */
interface RowIndex {
  readonly ids: readonly string[];
  readonly rowPerson: Int32Array;
  readonly rowPeriod: Float64Array;
  readonly periods: Float64Array;
  readonly periodIndex: ReadonlyMap<number, number>;
}

function personsAndPeriods({ idCol, tCol, N }: StaggeredColumnValues, columns: StaggeredColumns): RowIndex {
  const personOf = new Map<string, number>();
  const ids: string[] = [];
  const rowPerson = new Int32Array(N);
  const rowPeriod = new Float64Array(N);
  const periodSet = new Set<number>();
  for (let r = 0; r < N; r++) {
    const v = idCol[r];
    if (v === null || v === undefined || v === '') throw new DataError({ file: FILE, row: r + 1, column: columns.id, value: v, expected: 'a person identifier' });
    const id = String(v);
    let p = personOf.get(id);
    if (p === undefined) {
      p = ids.length;
      personOf.set(id, p);
      ids.push(id);
    }
    rowPerson[r] = p;
    const t = tCol[r];
    if (typeof t !== 'number' || !Number.isInteger(t)) throw new DataError({ file: FILE, row: r + 1, column: columns.period, value: t, expected: 'a whole-number period' });
    rowPeriod[r] = t;
    periodSet.add(t);
  }
  const periods = Float64Array.from([...periodSet].sort((a, b) => a - b));
  const T = periods.length;
  if (T < 2) throw new SpecificationError(`${FILE}: group-time effects need at least two periods, got ${T}`);
  const periodIndex = new Map<number, number>();
  periods.forEach((t, s) => periodIndex.set(t, s));
  return { ids, rowPerson, rowPeriod, periods, periodIndex };
}

/** Per person: outcomes by period (NaN when not observed), periods observed, cohort, weight, cluster key and the row of the first period. */
interface PersonValues {
  readonly Y: Float64Array;
  readonly seen: Int32Array;
  readonly cohort: Float64Array;
  readonly weight: Float64Array;
  readonly clusterKey: readonly (string | undefined)[];
  readonly firstRow: Int32Array;
}

/** Read every row into its person and period; a repeated period, a bad value, or a cohort, weight or cluster that changes within a person is a DataError. */
function personPeriodValues({ yCol, gCol, wCol, cCol, N }: StaggeredColumnValues, { ids, rowPerson, rowPeriod, periods, periodIndex }: RowIndex, columns: StaggeredColumns): PersonValues {
  const T = periods.length;
  const P = ids.length;
  const Y = new Float64Array(P * T).fill(NaN);
  const seen = new Int32Array(P);
  const cohort = new Float64Array(P).fill(NaN);
  const weight = new Float64Array(P).fill(NaN);
  const clusterKey: (string | undefined)[] = new Array(P);
  const firstRow = new Int32Array(P).fill(-1);
  const firstPeriod = new Float64Array(P).fill(Infinity);
  for (let r = 0; r < N; r++) {
    const p = rowPerson[r];
    const s = periodIndex.get(rowPeriod[r])!;
    if (!Number.isNaN(Y[p * T + s])) {
      throw new DataError({ file: FILE, row: r + 1, column: columns.period, value: rowPeriod[r], expected: `one row per person and period (person ${ids[p]} repeats this period)` });
    }
    const yv = yCol[r];
    const y = typeof yv === 'boolean' ? Number(yv) : yv;
    if (typeof y !== 'number' || !Number.isFinite(y)) throw new DataError({ file: FILE, row: r + 1, column: columns.outcome, value: yv, expected: 'a finite number (drop unobserved rows instead of leaving them empty)' });
    Y[p * T + s] = y;
    seen[p]++;
    const gv = gCol[r];
    const g = isNever(gv) ? Infinity : gv;
    if (typeof g !== 'number' || !(Number.isInteger(g) || g === Infinity)) throw new DataError({ file: FILE, row: r + 1, column: columns.cohort, value: gv, expected: 'a first treated period (whole number), or 0 / Infinity / empty for never treated' });
    if (Number.isNaN(cohort[p])) cohort[p] = g;
    else if (cohort[p] !== g) throw new DataError({ file: FILE, row: r + 1, column: columns.cohort, value: gv, expected: `the same cohort in every row of person ${ids[p]} (${cohort[p]})` });
    const w = wCol ? wCol[r] : 1;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new DataError({ file: FILE, row: r + 1, column: columns.weight, value: w, expected: 'a finite weight ≥ 0' });
    if (Number.isNaN(weight[p])) weight[p] = w;
    else if (weight[p] !== w) throw new DataError({ file: FILE, row: r + 1, column: columns.weight, value: w, expected: `the same weight in every row of person ${ids[p]} (${weight[p]})` });
    const c = cCol ? String(cCol[r]) : undefined;
    if (clusterKey[p] === undefined) clusterKey[p] = c;
    else if (clusterKey[p] !== c) throw new DataError({ file: FILE, row: r + 1, column: columns.cluster, value: cCol![r], expected: `the same cluster in every row of person ${ids[p]} (${clusterKey[p]})` });
    if (rowPeriod[r] < firstPeriod[p]) {
      firstPeriod[p] = rowPeriod[r];
      firstRow[p] = r;
    }
  }
  return { Y, seen, cohort, weight, clusterKey, firstRow };
}

/** The persons kept: observed in every period (unless `allowUnbalanced`) and not treated at the start; the others counted by reason. */
function keptPersons({ seen, cohort }: PersonValues, periods: Float64Array, anticipation: number, allowUnbalanced: boolean): { keep: number[]; unbalanced: number; treatedAtStart: number } {
  const T = periods.length;
  let unbalanced = 0;
  let treatedAtStart = 0;
  const keep: number[] = [];
  for (let p = 0; p < seen.length; p++) {
    if (seen[p] !== T && !allowUnbalanced) unbalanced++;
    else if (cohort[p] <= periods[0] + anticipation) treatedAtStart++;
    else keep.push(p);
  }
  return { keep, unbalanced, treatedAtStart };
}

/**
 * The panel columns of the kept persons: outcomes, cohort (after the last period → never
 * treated, counted), weight, cluster codes in order of first appearance (each person its own
 * cluster without a cluster column) and covariates from each person's first period.
 */
function keptColumns(keep: readonly number[], { Y, seen, cohort, weight, clusterKey, firstRow }: PersonValues, periods: Float64Array, { covNames, covCols }: StaggeredColumnValues) {
  const T = periods.length;
  const n = keep.length;
  const q = covNames.length;
  let incomplete = 0;
  let treatedAfterEnd = 0;
  const out = {
    outcome: new Float64Array(n * T),
    cohort: new Float64Array(n),
    weight: new Float64Array(n),
    cluster: new Int32Array(n),
    covariates: new Float64Array(n * q),
  };
  const clusterCode = new Map<string, number>();
  const last = periods[T - 1];
  keep.forEach((p, i) => {
    if (seen[p] !== T) incomplete++;
    out.outcome.set(Y.subarray(p * T, (p + 1) * T), i * T);
    let g = cohort[p];
    if (g > last && g !== Infinity) {
      g = Infinity;
      treatedAfterEnd++;
    }
    out.cohort[i] = g;
    out.weight[i] = weight[p];
    const key = clusterKey[p] ?? `\u0000${i}`;
    let code = clusterCode.get(key);
    if (code === undefined) clusterCode.set(key, (code = clusterCode.size));
    out.cluster[i] = code;
    for (let j = 0; j < q; j++) {
      const v = covCols[j][firstRow[p]];
      const x = typeof v === 'boolean' ? Number(v) : v;
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new DataError({ file: FILE, row: firstRow[p] + 1, column: covNames[j], value: v, expected: 'a finite number' });
      out.covariates[i * q + j] = x;
    }
  });
  return { out, clusters: clusterCode.size, treatedAfterEnd, incomplete };
}
