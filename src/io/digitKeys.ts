/**
 * Category values of one to nine digits (employer and other register numbers) kept as numbers
 * while reading: the value's *digit key* `value + 10^length` is distinct for "7", "07" and "007",
 * below 2^31, and needs no hash table. Reading a column of such values writes one integer per
 * row; {@link finishDigitKeys} then sorts the keys once (a radix sort, no comparisons) into the
 * same sorted levels and codes that dictionary encoding gives. Hash-table encoding of hundreds of
 * thousands of distinct employer numbers costs a cache miss per row; this costs a few sequential passes.
 */
import type { Categorical } from './types.js';

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * Digit key of `buf[from, to)`: `value + 10^length` for one to nine ASCII digits, else -1.
 *
 * @example
 * const b = new TextEncoder().encode('007;12;A1;');
 * [digitKey(b, 0, 3), digitKey(b, 4, 6), digitKey(b, 7, 9), digitKey(b, 10, 10)]; // [1007, 112, -1, -1]
 */
export function digitKey(buf: Uint8Array, from: number, to: number): number {
  const len = to - from;
  if (len <= 0 || len > 9) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v + POW10[len]!;
}

/** Number of digits of the value behind digit key `key` (10^length ≤ key < 2·10^length). */
function keyLength(key: number): number {
  let len = 1;
  while (len < 9 && key >= POW10[len + 1]!) len++;
  return len;
}

/**
 * The text of a digit key.
 *
 * @example
 * [digitKeyText(1007), digitKeyText(112), digitKeyText(1_000_000_000)]; // ['007', '12', '000000000']
 */
export function digitKeyText(key: number): string {
  const len = keyLength(key);
  return String(key - POW10[len]!).padStart(len, '0');
}

/**
 * The ASCII bytes of a digit key's text, written to `out` (at least 9 bytes); returns their number.
 *
 * @example
 * const out = new Uint8Array(9);
 * const n = digitKeyBytes(1007, out);
 * new TextDecoder().decode(out.subarray(0, n)); // '007'
 */
export function digitKeyBytes(key: number, out: Uint8Array): number {
  const len = keyLength(key);
  let v = key - POW10[len]!;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return len;
}

/**
 * Rows sorted by key, as `[keys, rows]` (keys below 2^31, -1 = missing, left out): an LSD radix
 * sort in two passes of 16 and 15 bits, the first reading `values` as they are; stable, so rows
 * of one key stay in row order. The sorted keys are written to `into` when given (it may be
 * `values` itself: the second pass no longer reads them). Also returns a spare array.
 */
function radixSort(values: Int32Array, into?: Int32Array): [keys: Int32Array, rows: Int32Array, spare: Int32Array] {
  const counts = new Int32Array(1 << 16);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0) continue;
    n++;
    counts[v & 0xffff]!++;
  }
  startsOf(counts);
  const lowKeys = new Int32Array(n);
  const lowRows = new Int32Array(n);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0) continue;
    const to = counts[v & 0xffff]!++;
    lowKeys[to] = v;
    lowRows[to] = i;
  }
  counts.fill(0);
  for (let k = 0; k < n; k++) counts[lowKeys[k]! >>> 16]!++;
  startsOf(counts);
  const keys = into ? into.subarray(0, n) : new Int32Array(n);
  const rows = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const v = lowKeys[k]!;
    const to = counts[v >>> 16]!++;
    keys[to] = v;
    rows[to] = lowRows[k]!;
  }
  return [keys, rows, lowKeys];
}

/** Counts → the start of each bucket (in place). */
function startsOf(counts: Int32Array): void {
  for (let d = 0, at = 0; d < counts.length; d++) {
    const c = counts[d]!;
    counts[d] = at;
    at += c;
  }
}

/**
 * Positions of the distinct keys `distinct` (ascending) in code-unit order of their texts. Keys
 * of one length sort like their texts; mixed lengths compare the digits left-aligned ("12" <
 * "123" < "13"), then the length.
 */
function textOrder(distinct: Int32Array): Int32Array {
  const m = distinct.length;
  const rank = new Int32Array(m);
  if (m === 0 || keyLength(distinct[0]!) === keyLength(distinct[m - 1]!)) {
    for (let j = 0; j < m; j++) rank[j] = j;
    return rank;
  }
  const aligned = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const len = keyLength(distinct[j]!);
    aligned[j] = (distinct[j]! - POW10[len]!) * POW10[9 - len]! * 10 + len;
  }
  const order = Int32Array.from({ length: m }, (_, j) => j).sort((a, b) => aligned[a]! - aligned[b]!);
  for (let r = 0; r < m; r++) rank[order[r]!] = r;
  return rank;
}

/**
 * A categorical from a column of digit keys (-1 = missing): levels are the distinct values' texts
 * sorted by code unit, as dictionary encoding sorts them, and `codes` index them. The codes are
 * written over `keys` when `inPlace`.
 *
 * @example
 * const keys = Int32Array.from(['0042', '7', '', '0042', '10'].map((t) => t === '' ? -1 : digitKey(new TextEncoder().encode(t), 0, t.length)));
 * finishDigitKeys(keys); // { codes: Int32Array.from([0, 2, -1, 0, 1]), levels: ['0042', '10', '7'] }
 */
export function finishDigitKeys(keys: Int32Array, inPlace = false): Categorical {
  const [sorted, rows, ordinal] = radixSort(keys, inPlace ? keys : undefined);
  let m = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) m++;
  const distinct = new Int32Array(m);
  for (let k = 0, j = -1; k < sorted.length; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) distinct[++j] = sorted[k]!;
    ordinal[k] = j;
  }
  const rank = textOrder(distinct);
  const codes = inPlace ? keys : new Int32Array(keys.length);
  codes.fill(-1); // (in place, the sorted keys are no longer needed: `ordinal` holds what they say)
  for (let k = 0; k < sorted.length; k++) codes[rows[k]!] = rank[ordinal[k]!]!;
  const levels = new Array<string>(m);
  for (let j = 0; j < m; j++) levels[rank[j]!] = digitKeyText(distinct[j]!);
  return { codes, levels };
}
