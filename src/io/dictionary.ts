/** Dictionary encoding of text columns into {@link Categorical}s with sorted levels. */
import type { Categorical } from './types.js';

/**
 * Assigns provisional codes in order of first appearance; {@link finishCategorical} later keeps
 * only the levels still used and sorts them, so codes never depend on row order.
 */
export class DictionaryBuilder {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];

  /** Provisional code of a text value; -1 for `''` (missing). */
  code(text: string): number {
    if (text === '') return -1;
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
 * (locale-independent), codes renumbered to match.
 *
 * @example
 * const dict = new DictionaryBuilder();
 * const codes = Int32Array.from(['Wsw', 'Participatiewet', ''].map((v) => dict.code(v)));
 * finishCategorical(codes, dict); // { codes: Int32Array.from([1, 0, -1]), levels: ['Participatiewet', 'Wsw'] }
 */
export function finishCategorical(provisional: Int32Array, dict: DictionaryBuilder): Categorical {
  const used = new Uint8Array(dict.values.length);
  for (let i = 0; i < provisional.length; i++) if (provisional[i]! >= 0) used[provisional[i]!] = 1;
  const kept: number[] = [];
  for (let c = 0; c < used.length; c++) if (used[c]) kept.push(c);
  kept.sort((a, b) => (dict.values[a]! < dict.values[b]! ? -1 : dict.values[a]! > dict.values[b]! ? 1 : 0));
  const remap = new Int32Array(dict.values.length).fill(-1);
  kept.forEach((c, i) => (remap[c] = i));
  const codes = new Int32Array(provisional.length);
  for (let i = 0; i < provisional.length; i++) codes[i] = provisional[i]! < 0 ? -1 : remap[provisional[i]!]!;
  return { codes, levels: kept.map((c) => dict.values[c]!) };
}
