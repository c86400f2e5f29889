import { table, type ColumnTable } from 'arquero';
import type { ColumnSums } from './candidateBalance.js';
import type { DistanceVariable, PreParticipation } from './matchCovariates.js';

/** Balance of one covariate before and after matching (MatchIt's `summary()` conventions). */
export interface BalanceRow {
  /** Covariate name; a level of a categorical covariate is one binary row `name=level`. */
  readonly covariate: string;
  /** True when the covariate only takes the values 0 and 1. */
  readonly binary: boolean;
  /** Means are over the rows where the covariate is known. */
  readonly mean_supported_before: number | null;
  readonly mean_control_before: number | null;
  /** (mean supported − mean control) / SD of the supported before matching (binary: sqrt(p(1−p))). */
  readonly smd_before: number | null;
  /** Variance supported / variance control (null for binary covariates). */
  readonly variance_ratio_before: number | null;
  readonly mean_supported_after: number | null;
  /** Weighted by the matching weights. */
  readonly mean_control_after: number | null;
  /** Same denominator as before, so the two are comparable. */
  readonly smd_after: number | null;
  readonly variance_ratio_after: number | null;
}

/**
 * A variable of the balance table: a distance-model variable, or the calendar time of the
 * (pseudo) anchor in years, truncated to the cohort width (`startYear` 12 months: the year).
 */
export type BalanceVariable = DistanceVariable | { readonly name: string; readonly kind: 'start'; readonly width: number };

/** Values of a balance variable over model rows (categorical: the level code; NaN when unknown). */
export function balanceColumn(v: BalanceVariable, person: Int32Array, anchor: Int32Array, pre: PreParticipation): Float64Array {
  const m = person.length;
  const out = new Float64Array(m);
  if (v.kind === 'start') for (let j = 0; j < m; j++) out[j] = (Math.floor(anchor[j] / v.width) * v.width) / 12;
  else if (v.kind === 'preParticipation') for (let j = 0; j < m; j++) out[j] = pre.share(person[j], anchor[j]);
  else if (v.kind === 'numeric') for (let j = 0; j < m; j++) out[j] = v.values[person[j]];
  else
    for (let j = 0; j < m; j++) {
      const c = v.codes[person[j]];
      out[j] = c < 0 ? NaN : c;
    }
  return out;
}

/**
 * Values of a person-level balance variable (numeric or categorical) by export row, or undefined
 * for one that depends on the anchor (`start`, `preParticipation`).
 */
export function personColumn(v: BalanceVariable): Float64Array | undefined {
  if (v.kind === 'numeric') return v.values;
  if (v.kind !== 'categorical') return undefined;
  const out = new Float64Array(v.codes.length);
  for (let p = 0; p < out.length; p++) out[p] = v.codes[p] < 0 ? NaN : v.codes[p];
  return out;
}

/**
 * A column of balance values and how a model row finds its value: `col[row]` when `byRow` is
 * undefined, else `col[byRow[row]]` (a person-level column looked up by the row's person).
 */
export interface BalanceSource {
  readonly col: Float64Array;
  readonly byRow?: Int32Array;
}

// Groups of the accumulator.
const BEFORE_T = 0;
const BEFORE_C = 1;
const AFTER_T = 2;
const AFTER_C = 3;

/**
 * Accumulates the balance table column by column while cohorts are matched: weighted moment sums
 * per table row and group in typed arrays. A categorical column holds level codes; its known-value
 * weights are kept once per column and shared by its level rows.
 */
export class BalanceAccumulator {
  private readonly rowNames: string[] = [];
  /** First table row of each column. */
  private readonly first: Int32Array;
  private readonly levels: Int32Array;
  /** Per group: Σw and Σw² over known values, per column. */
  private readonly w: Float64Array[];
  private readonly w2: Float64Array[];
  /** Per group: Σwx and Σwx² per table row. */
  private readonly wx: Float64Array[];
  private readonly wx2: Float64Array[];
  private readonly nonBinary: Uint8Array;
  /** Scratch of {@link columnSums}: Σw, Σw², any value other than 0/1. */
  private readonly sums = new Float64Array(3);

  /** `columns`: name and, for a categorical column, its levels. */
  constructor(private readonly columns: readonly { readonly name: string; readonly levels?: readonly string[] }[]) {
    this.first = new Int32Array(columns.length);
    this.levels = new Int32Array(columns.length);
    columns.forEach((c, i) => {
      this.first[i] = this.rowNames.length;
      if (c.levels) {
        this.levels[i] = c.levels.length;
        for (const l of c.levels) this.rowNames.push(`${c.name}=${l}`);
      } else this.rowNames.push(c.name);
    });
    const per = (n: number) => [0, 1, 2, 3].map(() => new Float64Array(n));
    this.w = per(columns.length);
    this.w2 = per(columns.length);
    this.wx = per(this.rowNames.length);
    this.wx2 = per(this.rowNames.length);
    this.nonBinary = new Uint8Array(columns.length);
  }

  /**
   * Add model rows `rows[from…to)` (or rows from…to when `rows` is undefined) to group g; a column
   * with sums in `given` adds those instead of its rows.
   */
  private add(g: number, cols: readonly BalanceSource[], rows: Int32Array | undefined, from: number, to: number, weight: Float64Array | undefined, given?: readonly (ColumnSums | undefined)[]): void {
    const sums = this.sums;
    for (let v = 0; v < cols.length; v++) {
      const { col, byRow } = cols[v];
      const r0 = this.first[v];
      const known = given?.[v];
      if (known) {
        this.addSums(g, v, known);
        continue;
      }
      columnSums(col, byRow ?? null, rows ?? null, from, to, weight ?? null, this.levels[v] > 0, this.wx[g], this.wx2[g], r0, sums);
      if (sums[2]) this.nonBinary[v] = 1;
      this.w[g][v] += sums[0];
      this.w2[g][v] += sums[1];
    }
  }

  /** Sums of column v over unit-weight rows, added to group g (exact: integer sums). */
  private addSums(g: number, v: number, c: ColumnSums): void {
    const r0 = this.first[v];
    for (let k = 0; k < c.wx.length; k++) {
      this.wx[g][r0 + k] += c.wx[k];
      this.wx2[g][r0 + k] += c.wx2[k];
    }
    if (c.nonBinary) this.nonBinary[v] = 1;
    this.w[g][v] += c.n;
    this.w2[g][v] += c.n;
  }

  /**
   * Model rows 0…m−1 of one cohort before matching: the first `nT` are supported. `candidates[v]`,
   * when given, holds column v's sums over the candidate rows (see `CandidateBalance`).
   */
  addBefore(cols: readonly BalanceSource[], nT: number, m: number, candidates?: readonly (ColumnSums | undefined)[]): void {
    this.add(BEFORE_T, cols, undefined, 0, nT, undefined);
    this.add(BEFORE_C, cols, undefined, nT, m, undefined, candidates);
  }

  /** Matched model rows after matching: supported with weight 1, controls with their weights. */
  addAfter(cols: readonly BalanceSource[], treatedRows: Int32Array, controlRows: Int32Array, controlWeights: Float64Array): void {
    this.add(AFTER_T, cols, treatedRows, 0, treatedRows.length, undefined);
    this.add(AFTER_C, cols, controlRows, 0, controlRows.length, controlWeights);
  }

  rows(): BalanceRow[] {
    const out: BalanceRow[] = [];
    this.columns.forEach((_, v) => {
      const nLevels = this.levels[v];
      const binary = nLevels > 0 || this.nonBinary[v] === 0;
      for (let r = this.first[v]; r < this.first[v] + Math.max(1, nLevels); r++) {
        const mean = (g: number): number | null => (this.w[g][v] > 0 ? this.wx[g][r] / this.w[g][v] : null);
        // Reliability-weights variance: denominator Σw − Σw²/Σw (n − 1 for unit weights).
        const variance = (g: number): number | null => {
          const w = this.w[g][v];
          const den = w - this.w2[g][v] / w;
          if (!(w > 0) || !(den > 0)) return null;
          return Math.max(0, this.wx2[g][r] - (this.wx[g][r] * this.wx[g][r]) / w) / den;
        };
        const mTb = mean(BEFORE_T);
        const vTb = variance(BEFORE_T);
        const sd = binary ? (mTb === null ? null : Math.sqrt(mTb * (1 - mTb))) : vTb === null ? null : Math.sqrt(vTb);
        const smd = (a: number | null, b: number | null): number | null => (a === null || b === null || sd === null || !(sd > 0) ? null : (a - b) / sd);
        const ratio = (a: number | null, b: number | null): number | null => (binary || a === null || b === null || !(b > 0) ? null : a / b);
        const mTa = mean(AFTER_T);
        const mCb = mean(BEFORE_C);
        const mCa = mean(AFTER_C);
        out.push({
          covariate: this.rowNames[r],
          binary,
          mean_supported_before: mTb,
          mean_control_before: mCb,
          smd_before: smd(mTb, mCb),
          variance_ratio_before: ratio(vTb, variance(BEFORE_C)),
          mean_supported_after: mTa,
          mean_control_after: mCa,
          smd_after: smd(mTa, mCa),
          variance_ratio_after: ratio(variance(AFTER_T), variance(AFTER_C)),
        });
      }
    });
    return out;
  }
}

/**
 * Weighted sums of one balance column over rows from…to−1 (through `rows` and `byRow` when given),
 * known values only: Σwx and Σwx² into `WX[r0]`, `WX2[r0]` (categorical: w into the level's entries
 * `r0 + code`), and `out` = [Σw, Σw², any value other than 0/1]. Monomorphic typed-array loops:
 * this runs over every model row of every cohort.
 */
function columnSums(
  col: Float64Array,
  byRow: Int32Array | null,
  rows: Int32Array | null,
  from: number,
  to: number,
  weight: Float64Array | null,
  categorical: boolean,
  WX: Float64Array,
  WX2: Float64Array,
  r0: number,
  out: Float64Array,
): void {
  if (rows === null && weight === null) {
    if (categorical) unitLevelCounts(col, byRow, from, to, WX, WX2, r0, out);
    else if (byRow === null) unitSums(col, from, to, WX, WX2, r0, out);
    else unitSumsByRow(col, byRow, from, to, WX, WX2, r0, out);
    return;
  }
  let sw = 0;
  let sw2 = 0;
  let nonBinary = 0;
  for (let i = from; i < to; i++) {
    const row = rows === null ? i : rows[i];
    const x = col[byRow === null ? row : byRow[row]];
    if (x !== x) continue; // NaN: unknown
    const w = weight === null ? 1 : weight[i];
    sw += w;
    sw2 += w * w;
    if (categorical) {
      const k = r0 + (x | 0);
      WX[k] += w;
      WX2[k] += w;
    } else {
      if (x !== 0 && x !== 1) nonBinary = 1;
      WX[r0] += w * x;
      WX2[r0] += w * x * x;
    }
  }
  out[0] = sw;
  out[1] = sw2;
  out[2] = nonBinary;
}

/**
 * {@link columnSums} of a numeric column with unit weights over rows from…to−1 (balance before
 * matching, the bulk of the work): the same sums in the same order, in local accumulators.
 */
function unitSums(col: Float64Array, from: number, to: number, WX: Float64Array, WX2: Float64Array, r0: number, out: Float64Array): void {
  let n = 0;
  let sx = WX[r0];
  let sx2 = WX2[r0];
  let nonBinary = 0;
  for (let i = from; i < to; i++) {
    const x = col[i];
    if (x !== x) continue;
    n++;
    if (x !== 0 && x !== 1) nonBinary = 1;
    sx += x;
    sx2 += x * x;
  }
  WX[r0] = sx;
  WX2[r0] = sx2;
  out[0] = n;
  out[1] = n;
  out[2] = nonBinary;
}

/** {@link unitSums} of a person-level column looked up through `byRow`. */
function unitSumsByRow(col: Float64Array, byRow: Int32Array, from: number, to: number, WX: Float64Array, WX2: Float64Array, r0: number, out: Float64Array): void {
  let n = 0;
  let sx = WX[r0];
  let sx2 = WX2[r0];
  let nonBinary = 0;
  for (let i = from; i < to; i++) {
    const x = col[byRow[i]];
    if (x !== x) continue;
    n++;
    if (x !== 0 && x !== 1) nonBinary = 1;
    sx += x;
    sx2 += x * x;
  }
  WX[r0] = sx;
  WX2[r0] = sx2;
  out[0] = n;
  out[1] = n;
  out[2] = nonBinary;
}

/** {@link columnSums} of a categorical column with unit weights: counts per level (exact in any order). */
function unitLevelCounts(col: Float64Array, byRow: Int32Array | null, from: number, to: number, WX: Float64Array, WX2: Float64Array, r0: number, out: Float64Array): void {
  let n = 0;
  for (let i = from; i < to; i++) {
    const x = byRow === null ? col[i] : col[byRow[i]];
    if (x !== x) continue;
    n++;
    const k = r0 + (x | 0);
    WX[k]++;
    WX2[k]++;
  }
  out[0] = n;
  out[1] = n;
  out[2] = 0;
}

/** The balance rows as a tidy arquero table. */
export function balanceRows(rows: readonly BalanceRow[]): ColumnTable {
  const cols: Record<string, unknown[]> = {};
  const keys: (keyof BalanceRow)[] = [
    'covariate',
    'binary',
    'mean_supported_before',
    'mean_control_before',
    'smd_before',
    'variance_ratio_before',
    'mean_supported_after',
    'mean_control_after',
    'smd_after',
    'variance_ratio_after',
  ];
  for (const k of keys) cols[k] = rows.map((r) => r[k]);
  return table(cols);
}
