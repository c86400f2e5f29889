/**
 * Balance sums of the candidates, per exact stratum, computed once per matching: every cohort's
 * candidates are the pool candidates of some strata, so the balance before matching of a
 * person-level covariate is a sum of stratum sums instead of a pass over every candidate row of
 * every cohort (at 1M persons, 10 cohorts × 800k candidates).
 *
 * Only for columns whose sums are exact in any order: categorical ones (counts) and numeric ones
 * whose values are integers small enough that every partial sum of x and x² is an exact double
 * (birth year). Others (shares, scores, non-integer covariates) are summed row by row, in row
 * order, as before, so the balance table is the same to the last bit.
 */
import type { CandidatePool } from './matchEligibility.js';

/** Sums of one balance column over some candidates: n known, Σx and Σx² per table row (categorical: counts per level). */
export interface ColumnSums {
  readonly n: number;
  readonly wx: Float64Array;
  readonly wx2: Float64Array;
  /** Some known value is other than 0 and 1. */
  readonly nonBinary: boolean;
}

interface StratumColumn {
  /** Table rows of the column: 1 for numeric, the number of levels for categorical. */
  readonly width: number;
  readonly categorical: boolean;
  readonly n: Float64Array;
  readonly wx: Float64Array;
  readonly wx2: Float64Array;
  readonly nonBinary: Uint8Array;
}

/**
 * Per stratum and balance column, the sums over the pool's usable candidates.
 *
 * @example
 * const pool = { offsets: new Int32Array([0, 2, 3]), persons: new Int32Array([0, 2, 1]), tieOrder: new Int32Array([0, 1, 0]), tieRank: new Int32Array([0, 1, 2]) };
 * const birthYear = new Float64Array([1980, 1990, 1985]);
 * const b = new CandidateBalance([{ values: birthYear }], pool, new Uint8Array([1, 1, 1]), 10);
 * const s = b.cohortSums(0, new Int32Array([0, 1]))!;
 * [s.n, s.wx[0], s.wx2[0]]; // [3, 5955, 1980 * 1980 + 1985 * 1985 + 1990 * 1990]
 */
export class CandidateBalance {
  private readonly columns: (StratumColumn | undefined)[];
  /** Usable candidates per stratum. */
  private readonly usableCount: Int32Array;

  /**
   * `columns[v]`: the person-level values of balance column v by export row (`levels` for a
   * categorical one holding level codes, NaN missing), or undefined when the column depends on
   * the anchor. `usable[i]`: pool candidate i has every anchor-independent distance covariate
   * known (the rows a cohort keeps). `maxRows` bounds the candidate rows summed over all cohorts.
   */
  constructor(
    columns: readonly ({ readonly values: Float64Array; readonly levels?: number } | undefined)[],
    pool: CandidatePool,
    usable: Uint8Array,
    maxRows: number,
  ) {
    const S = pool.offsets.length - 1;
    this.usableCount = new Int32Array(S);
    for (let s = 0; s < S; s++) for (let i = pool.offsets[s]; i < pool.offsets[s + 1]; i++) this.usableCount[s] += usable[i];
    this.columns = columns.map((c) => (c ? stratumColumn(c.values, c.levels ?? 0, pool, usable, maxRows) : undefined));
  }

  /** Sums of balance column `v` over the usable candidates of `strata`; undefined when the column is summed row by row. */
  cohortSums(v: number, strata: Int32Array): ColumnSums | undefined {
    const c = this.columns[v];
    if (!c) return undefined;
    const w = c.width;
    const wx = new Float64Array(w);
    const wx2 = new Float64Array(w);
    let n = 0;
    let nonBinary = false;
    for (const s of strata) {
      n += c.n[s];
      if (c.nonBinary[s]) nonBinary = true;
      for (let k = 0; k < w; k++) {
        wx[k] += c.wx[s * w + k];
        wx2[k] += c.wx2[s * w + k];
      }
    }
    return { n, wx, wx2, nonBinary };
  }

  /** Number of usable candidates of `strata`: the candidate rows of a cohort whose anchor-dependent covariates are known. */
  count(strata: Int32Array): number {
    let n = 0;
    for (const s of strata) n += this.usableCount[s];
    return n;
  }
}

/** Stratum sums of one column, or undefined when a numeric column's sums would depend on the order of addition. */
function stratumColumn(values: Float64Array, levels: number, pool: CandidatePool, usable: Uint8Array, maxRows: number): StratumColumn | undefined {
  const S = pool.offsets.length - 1;
  const categorical = levels > 0;
  const width = categorical ? levels : 1;
  const n = new Float64Array(S);
  const wx = new Float64Array(S * width);
  const wx2 = new Float64Array(S * width);
  const nonBinary = new Uint8Array(S);
  const persons = pool.persons;
  let maxAbs = 0;
  for (let s = 0; s < S; s++) {
    for (let i = pool.offsets[s]; i < pool.offsets[s + 1]; i++) {
      if (!usable[i]) continue;
      const x = values[persons[i]];
      if (x !== x) continue; // unknown
      n[s]++;
      if (categorical) {
        const k = s * width + (x | 0);
        wx[k]++;
        wx2[k]++;
        continue;
      }
      if (!Number.isInteger(x)) return undefined;
      if (x !== 0 && x !== 1) nonBinary[s] = 1;
      maxAbs = Math.max(maxAbs, Math.abs(x));
      wx[s] += x;
      wx2[s] += x * x;
    }
  }
  // Every partial sum of x² (hence of x) over all cohorts' rows stays an exact integer.
  if (!categorical && !(maxAbs * maxAbs * Math.max(1, maxRows) < 2 ** 53)) return undefined;
  return { width, categorical, n, wx, wx2, nonBinary };
}
