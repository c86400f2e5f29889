import { describe, expect, it } from 'vitest';
import { DictionaryBuilder, finishCategorical } from '../../src/io/dictionary.js';
import { createRandom } from '../../src/index.js';

/** Levels and codes the slow way: distinct used values sorted with `<`, each row's value looked up. */
function reference(values: readonly string[]): { codes: number[]; levels: string[] } {
  const levels = [...new Set(values.filter((v) => v !== ''))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { codes: values.map((v) => (v === '' ? -1 : levels.indexOf(v))), levels };
}

function encode(values: readonly string[]) {
  const dict = new DictionaryBuilder();
  return finishCategorical(Int32Array.from(values, (v) => dict.code(v)), dict);
}

describe('finishCategorical sorts levels by code unit, also on its fast path for many digit strings of one length', () => {
  const { uniform } = createRandom(21);
  const digits = (len: number) => Array.from({ length: len }, () => String(Math.floor(uniform() * 10))).join('');
  const rows = (make: () => string, n: number) => Array.from({ length: n }, () => (uniform() < 0.05 ? '' : make()));

  it.each([
    ['9-digit employer numbers, leading zeros, repeats', () => digits(9)],
    ['12-digit numbers (the longest the fast path packs for this many levels)', () => digits(12)],
    ['15-digit numbers (too long to pack: compared as text)', () => digits(15)],
    ['digit strings of mixed length ("10" before "9")', () => digits(1 + Math.floor(uniform() * 4))],
    ['one non-digit among digits', () => (uniform() < 0.001 ? `${digits(8)}X` : digits(9))],
    ['letters', () => digits(3).replace(/[0-4]/g, 'a').replace(/[5-9]/g, 'B')],
  ])('%s', (_, make) => {
    const values = rows(make, 6000);
    const got = encode(values);
    const want = reference(values);
    expect(got.levels).toEqual(want.levels);
    expect(Array.from(got.codes)).toEqual(want.codes);
  });

  it('levels not used by any row are dropped and codes renumbered', () => {
    const dict = new DictionaryBuilder();
    const all = Array.from({ length: 3000 }, (_, i) => String(3000 - i).padStart(6, '0'));
    for (const v of all) dict.code(v);
    const provisional = Int32Array.from([dict.code('000007'), dict.code('002999'), -1, dict.code('000007')]);
    const got = finishCategorical(provisional, dict);
    expect(got.levels).toEqual(['000007', '002999']);
    expect(Array.from(got.codes)).toEqual([0, 1, -1, 0]);
  });
});
