import { table, type ColumnTable } from 'arquero';
import type { DistanceVariable } from './matchCovariates.js';

/** Balance of one covariate before and after matching (MatchIt's `summary()` conventions). */
export interface BalanceRow {
  readonly covariate: string;
  /** True when the covariate only takes the values 0 and 1. */
  readonly binary: boolean;
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

/** Weighted moment sums of one variable in one group. */
class Moments {
  w = 0;
  w2 = 0;
  wx = 0;
  wx2 = 0;
  add(x: number, w: number): void {
    this.w += w;
    this.w2 += w * w;
    this.wx += w * x;
    this.wx2 += w * x * x;
  }
  mean(): number | null {
    return this.w > 0 ? this.wx / this.w : null;
  }
  /** Weighted variance with the reliability-weights denominator Σw − Σw²/Σw (n − 1 for unit weights). */
  variance(): number | null {
    const den = this.w - this.w2 / this.w;
    if (!(this.w > 0) || !(den > 0)) return null;
    return Math.max(0, this.wx2 - (this.wx * this.wx) / this.w) / den;
  }
}

/** Accumulates the balance table while cohorts are matched (values row-major: rows × width). */
export class BalanceAccumulator {
  private readonly beforeT: Moments[];
  private readonly beforeC: Moments[];
  private readonly afterT: Moments[];
  private readonly afterC: Moments[];
  private readonly binary: boolean[];

  constructor(private readonly names: readonly string[]) {
    const make = () => names.map(() => new Moments());
    this.beforeT = make();
    this.beforeC = make();
    this.afterT = make();
    this.afterC = make();
    this.binary = names.map(() => true);
  }

  addBefore(supported: boolean, bal: { values: Float64Array; width: number }, row: number): void {
    const target = supported ? this.beforeT : this.beforeC;
    for (let v = 0; v < bal.width; v++) {
      const x = bal.values[row * bal.width + v];
      if (x !== 0 && x !== 1) this.binary[v] = false;
      target[v].add(x, 1);
    }
  }

  addAfterTreated(bal: { values: Float64Array; width: number }, row: number): void {
    for (let v = 0; v < bal.width; v++) this.afterT[v].add(bal.values[row * bal.width + v], 1);
  }

  addAfterControl(bal: { values: Float64Array; width: number }, row: number, weight: number): void {
    for (let v = 0; v < bal.width; v++) this.afterC[v].add(bal.values[row * bal.width + v], weight);
  }

  rows(): BalanceRow[] {
    return this.names.map((covariate, v) => {
      const binary = this.binary[v];
      const mTb = this.beforeT[v].mean();
      const mCb = this.beforeC[v].mean();
      const vTb = this.beforeT[v].variance();
      const sd = binary ? (mTb === null ? null : Math.sqrt(mTb * (1 - mTb))) : vTb === null ? null : Math.sqrt(vTb);
      const smd = (a: number | null, b: number | null): number | null => (a === null || b === null || sd === null || !(sd > 0) ? null : (a - b) / sd);
      const ratio = (a: number | null, b: number | null): number | null => (binary || a === null || b === null || !(b > 0) ? null : a / b);
      const mTa = this.afterT[v].mean();
      const mCa = this.afterC[v].mean();
      return {
        covariate,
        binary,
        mean_supported_before: mTb,
        mean_control_before: mCb,
        smd_before: smd(mTb, mCb),
        variance_ratio_before: ratio(vTb, this.beforeC[v].variance()),
        mean_supported_after: mTa,
        mean_control_after: mCa,
        smd_after: smd(mTa, mCa),
        variance_ratio_after: ratio(this.afterT[v].variance(), this.afterC[v].variance()),
      };
    });
  }
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

/** Balance variable names: numeric covariates, one indicator per categorical level, and the logit propensity. */
export function balanceNames(vars: readonly DistanceVariable[], distance: string): string[] {
  const names: string[] = [];
  for (const v of vars) {
    if (v.kind === 'categorical') for (const l of v.levels) names.push(`${v.name}=${l}`);
    else names.push(v.name);
  }
  if (distance === 'propensity') names.push('propensity (logit)');
  return names;
}

/** Balance values, row-major model rows × balance variables. */
export function balanceValues(vars: readonly DistanceVariable[], raw: readonly Float64Array[], rows: readonly number[], score: Float64Array | undefined): { values: Float64Array; width: number } {
  let width = score ? 1 : 0;
  for (const v of vars) width += v.kind === 'categorical' ? v.levels.length : 1;
  const m = rows.length;
  const values = new Float64Array(m * width);
  for (let j = 0; j < m; j++) {
    let c = 0;
    vars.forEach((v, i) => {
      const x = raw[i][rows[j]];
      if (v.kind === 'categorical') {
        values[j * width + c + x] = 1;
        c += v.levels.length;
      } else values[j * width + c++] = x;
    });
    if (score) values[j * width + c] = score[j];
  }
  return { values, width };
}
