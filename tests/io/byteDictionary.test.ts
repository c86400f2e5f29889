import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../src/io/byteDictionary.js';
import { createRandom } from '../../src/index.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Codes the slow way: a Map from text to the order of first appearance. */
function reference(values: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return values.map((v) => {
    if (!seen.has(v)) seen.set(v, seen.size);
    return seen.get(v)!;
  });
}

/** Codes of `values` written one after another into one buffer, as fields of a CSV chunk. */
function codes(values: readonly string[]): { codes: number[]; dict: ByteDictionary } {
  const bytes = enc.encode(values.join(';'));
  const dict = new ByteDictionary();
  const out: number[] = [];
  let at = 0;
  for (const v of values) {
    const n = enc.encode(v).length;
    out.push(dict.code(bytes, at, at + n));
    at += n + 1;
  }
  return { codes: out, dict };
}

describe('ByteDictionary codes byte strings in order of first appearance', () => {
  const { uniform } = createRandom(17);
  const digits = (len: number) => Array.from({ length: len }, () => String(Math.floor(uniform() * 10))).join('');

  it('numbers that differ only in leading zeros are different entries', () => {
    const values = ['7', '007', '07', '7', '0', '00', '000000000', '999999999', '0999999999', '007', 'A7', '7A', '١'];
    const { codes: got, dict } = codes(values);
    expect(got).toEqual([0, 1, 2, 0, 3, 4, 5, 6, 7, 1, 8, 9, 10]);
    expect(Array.from({ length: dict.size }, (_, k) => dec.decode(dict.bytes(k)))).toEqual([...new Set(values)]);
  });

  it.each([
    ['register numbers of nine digits (hundreds of thousands of distinct values, repeated)', () => digits(9), 200_000],
    ['numbers of one to twelve digits and text mixed', () => (uniform() < 0.3 ? `E${digits(4)}` : digits(1 + Math.floor(uniform() * 12))), 100_000],
    ['few distinct values', () => ['B', 'O', '1', '2', ''][Math.floor(uniform() * 5)]!, 10_000],
  ])('%s', (_, make, n) => {
    const pool = Array.from({ length: Math.ceil(n / 3) }, make);
    const values = Array.from({ length: n }, () => pool[Math.floor(uniform() * pool.length)]!);
    const { codes: got, dict } = codes(values);
    expect(got).toEqual(reference(values));
    const distinct = [...new Set(values)];
    expect(dict.size).toBe(distinct.length);
    for (let k = 0; k < dict.size; k += 997) expect(dec.decode(dict.bytes(k))).toBe(distinct[k]);
  });

  it('checks each new entry once, before it is added', () => {
    const seen: string[] = [];
    const dict = new ByteDictionary();
    dict.onNew = (b, x, y) => seen.push(dec.decode(b.subarray(x, y)));
    const bytes = enc.encode('123;abc;123;abc;0123');
    for (const [a, b] of [[0, 3], [4, 7], [8, 11], [12, 15], [16, 20]] as const) dict.code(bytes, a, b);
    expect(seen).toEqual(['123', 'abc', '0123']);
  });
});
