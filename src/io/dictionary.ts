/** Dictionary encoding of text columns into {@link Categorical}s with sorted levels. */
import type { Categorical } from './types.js';

/**
 * Assigns provisional codes in order of first appearance; {@link finishCategorical} later keeps
 * only the levels still used and sorts them, so codes never depend on row order.
 */
export class DictionaryBuilder {
  private index = new Map<string, number>();
  /** Values not yet in `index` (added by {@link adopt}); indexed on the next {@link code}. */
  private pending = 0;
  readonly values: string[] = [];

  /**
   * Take distinct non-empty values as codes 0, 1, … of an empty builder, without indexing them
   * until a later {@link code} needs it (a single input file never does).
   */
  adopt(values: readonly string[]): boolean {
    if (this.values.length > 0) return false;
    for (const v of values) this.values.push(v);
    this.pending = values.length;
    return true;
  }

  /** Provisional code of a text value; -1 for `''` (missing). */
  code(text: string): number {
    if (text === '') return -1;
    if (this.pending > 0) {
      for (let c = this.values.length - this.pending; c < this.values.length; c++) this.index.set(this.values[c]!, c);
      this.pending = 0;
    }
    let c = this.index.get(text);
    if (c === undefined) {
      c = this.values.length;
      this.index.set(text, c);
      this.values.push(text);
    }
    return c;
  }
}

/**
 * Final categorical from provisional codes: levels are the used values sorted by code unit
 * (locale-independent), codes renumbered to match (`inPlace`: in `provisional` itself).
 *
 * @example
 * const dict = new DictionaryBuilder();
 * const codes = Int32Array.from(['Wsw', 'Participatiewet', ''].map((v) => dict.code(v)));
 * finishCategorical(codes, dict); // { codes: Int32Array.from([1, 0, -1]), levels: ['Participatiewet', 'Wsw'] }
 */
export function finishCategorical(provisional: Int32Array, dict: DictionaryBuilder, inPlace = false): Categorical {
  const used = new Uint8Array(dict.values.length);
  for (let i = 0; i < provisional.length; i++) if (provisional[i]! >= 0) used[provisional[i]!] = 1;
  const kept: number[] = [];
  for (let c = 0; c < used.length; c++) if (used[c]) kept.push(c);
  const order = byNumber(dict.values, kept) ?? kept.sort((a, b) => (dict.values[a]! < dict.values[b]! ? -1 : dict.values[a]! > dict.values[b]! ? 1 : 0));
  const remap = new Int32Array(dict.values.length).fill(-1);
  order.forEach((c, i) => (remap[c] = i));
  const codes = inPlace ? provisional : new Int32Array(provisional.length);
  for (let i = 0; i < provisional.length; i++) codes[i] = provisional[i]! < 0 ? -1 : remap[provisional[i]!]!;
  return { codes, levels: order.map((c) => dict.values[c]!) };
}

/**
 * `kept` in code-unit order of their values when those are many digit strings of one length
 * (employer numbers): their code-unit order is their numeric order, so one typed-array sort of
 * `value · 2^bits + position` replaces a comparison sort of strings. `undefined` otherwise.
 */
function byNumber(values: readonly string[], kept: readonly number[]): number[] | undefined {
  const n = kept.length;
  if (n < 1024) return undefined;
  const len = values[kept[0]!]!.length;
  const scale = 2 ** (32 - Math.clz32(n));
  if (len === 0 || 10 ** len * scale > Number.MAX_SAFE_INTEGER) return undefined;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[kept[i]!]!;
    if (v.length !== len) return undefined;
    let x = 0;
    for (let j = 0; j < len; j++) {
      const d = v.charCodeAt(j) - 48;
      if (d < 0 || d > 9) return undefined;
      x = x * 10 + d;
    }
    packed[i] = x * scale + i;
  }
  packed.sort();
  return Array.from(packed, (p) => kept[p % scale]!);
}
