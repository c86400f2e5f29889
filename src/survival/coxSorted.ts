import { DataError } from '../core/errors.js';
import { eventValue, factorLevels, type CoxData, type CoxDesign } from './coxInput.js';

/**
 * The data of a Cox fit sorted once: by stratum, then by exit time descending (the order in which a
 * backward walk over time adds subjects to the risk set). Covariates are centred (row-major).
 */
export interface CoxSorted {
  readonly n: number;
  readonly p: number;
  /** Centred covariates, row-major, in sorted order. */
  readonly x: Float64Array;
  /** Column means subtracted from `x` (unweighted, as R). */
  readonly means: Float64Array;
  readonly time: Float64Array;
  /** Entry times in sorted order, or null without delayed entry. */
  readonly entry: Float64Array | null;
  readonly event: Uint8Array;
  readonly weight: Float64Array;
  /** Positions where each stratum begins, plus n at the end. */
  readonly strataStart: Int32Array;
  readonly strataLabels: readonly string[];
  /** Sorted positions ordered by stratum, then entry time descending (null without delayed entry). */
  readonly entryOrder: Int32Array | null;
  /** Input row of each sorted position. */
  readonly row: Int32Array;
  /** Cluster code of each sorted position (each row its own cluster when no clusters are given). */
  readonly cluster: Int32Array;
  readonly clusterCount: number;
}

function finiteColumn(values: ArrayLike<number>, column: string, fn: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataError({ file: fn, row: i + 1, column, value: v, expected: 'a finite number' });
    out[i] = v;
  }
  return out;
}

/**
 * Order of rows by group code, then value descending (ties by row): the distinct values are ranked
 * with a native typed-array sort and the rows placed by a counting sort, O(n log m) without a
 * comparator callback per pair.
 */
export function countingOrder(group: Int32Array, groups: number, value: Float64Array): Int32Array {
  const n = value.length;
  const sorted = Float64Array.from(value).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i];
  const distinct = sorted.subarray(0, m);
  if (groups * m > 4 * n + 1024) {
    // Many strata with many distinct values: buckets would outnumber rows, so sort with a comparator.
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    return idx.sort((a, b) => group[a] - group[b] || value[b] - value[a] || a - b);
  }
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = m - 1;
    const v = value[i];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    // Descending: the largest value gets bucket 0.
    rank[i] = group[i] * m + (m - 1 - lo);
  }
  const start = new Int32Array(groups * m + 1);
  for (let i = 0; i < n; i++) start[rank[i] + 1]++;
  for (let k = 1; k < start.length; k++) start[k] += start[k - 1];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[start[rank[i]]++] = i;
  return order;
}

/** Validate times, events, entries, weights, strata and clusters and sort the rows. */
export function sortCoxData(fn: string, data: CoxData, design: CoxDesign): CoxSorted {
  const { n, p } = design;
  const time = finiteColumn(data.time, 'time', fn);
  const entry = data.entry === undefined ? null : finiteColumn(data.entry, 'entry', fn);
  const weight = data.weights === undefined ? new Float64Array(n).fill(1) : finiteColumn(data.weights, 'weights', fn);
  const event = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    event[i] = eventValue(data.event[i], i + 1, fn);
    if (!(weight[i] > 0)) throw new DataError({ file: fn, row: i + 1, column: 'weights', value: weight[i], expected: 'a positive weight' });
    if (entry && !(entry[i] < time[i])) throw new DataError({ file: fn, row: i + 1, column: 'entry', value: entry[i], expected: `an entry time before the exit time ${time[i]} (at risk on (entry, time])` });
  }
  const strata = data.strata === undefined ? { levels: ['all'], code: new Int32Array(n) } : factorLevels(data.strata, 'strata');
  const clusters = data.cluster === undefined ? null : factorLevels(data.cluster, 'cluster');
  const sCode = strata.code;
  const idx = countingOrder(sCode, strata.levels.length, time);
  const means = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) means[j] += design.x[i * p + j];
  for (let j = 0; j < p; j++) means[j] /= n;
  const out = {
    x: new Float64Array(n * p),
    time: new Float64Array(n),
    entry: entry ? new Float64Array(n) : null,
    event: new Uint8Array(n),
    weight: new Float64Array(n),
    cluster: new Int32Array(n),
  };
  const strataStart = new Int32Array(strata.levels.length + 1);
  for (let s = 0; s < n; s++) {
    const i = idx[s];
    for (let j = 0; j < p; j++) out.x[s * p + j] = design.x[i * p + j] - means[j];
    out.time[s] = time[i];
    if (entry && out.entry) out.entry[s] = entry[i];
    out.event[s] = event[i];
    out.weight[s] = weight[i];
    out.cluster[s] = clusters ? clusters.code[i] : i;
    strataStart[sCode[i] + 1]++;
  }
  for (let k = 1; k < strataStart.length; k++) strataStart[k] += strataStart[k - 1];
  let entryOrder: Int32Array | null = null;
  if (out.entry) {
    // Positions are grouped by stratum already: the stratum of a position is its block.
    const stratumOf = new Int32Array(n);
    for (let k = 0; k + 1 < strataStart.length; k++) stratumOf.fill(k, strataStart[k], strataStart[k + 1]);
    entryOrder = countingOrder(stratumOf, strata.levels.length, out.entry);
  }
  return {
    n,
    p,
    means,
    ...out,
    strataStart,
    strataLabels: strata.levels,
    entryOrder,
    row: idx,
    clusterCount: clusters ? clusters.levels.length : n,
  };
}
