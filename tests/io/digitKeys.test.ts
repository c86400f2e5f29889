// Category values of one to nine digits are read as digit keys and sorted once at the end
// (src/io/digitKeys.ts). Checked against dictionary encoding with string sorting, and, through the
// loader, against the text of each spell's source line, for columns that stop being digits
// part-way through a file, in a later file, or in one range of a parallel read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DictionaryBuilder, finishCategorical } from '../../src/io/dictionary.js';
import { digitKey, digitKeyBytes, digitKeyText, finishDigitKeys } from '../../src/io/digitKeys.js';
import { createRandom } from '../../src/core/random.js';
import { readCbsExport } from '../../src/node/index.js';
import type { Categorical } from '../../src/io/types.js';
import { parallelSettings } from '../../src/node/parallelRead.js';

const defaults = { ...parallelSettings };

const enc = new TextEncoder();
const keyOf = (text: string) => digitKey(enc.encode(text), 0, text.length);

describe('digit keys', () => {
  it('are value + 10^length for one to nine digits, -1 otherwise', () => {
    expect(['0', '7', '07', '007', '999999999', '000000000', '123456789'].map(keyOf)).toEqual([10, 17, 107, 1007, 1_999_999_999, 1_000_000_000, 1_123_456_789]);
    expect(['', '1234567890', '12a', '-1', '1.5', ' 1', 'é'].map(keyOf)).toEqual([-1, -1, -1, -1, -1, -1, -1]);
  });

  it('give back their text and bytes for every length', () => {
    const out = new Uint8Array(9);
    for (const text of ['0', '9', '00', '10', '099', '4711', '00000', '123456', '0000001', '98765432', '000000000', '999999999']) {
      expect(digitKeyText(keyOf(text))).toBe(text);
      expect(new TextDecoder().decode(out.subarray(0, digitKeyBytes(keyOf(text), out)))).toBe(text);
    }
  });
});

/** The categorical that dictionary encoding (string codes, sorted levels) gives for these texts. */
function byDictionary(texts: readonly string[]): Categorical {
  const dict = new DictionaryBuilder();
  return finishCategorical(Int32Array.from(texts, (t) => dict.code(t)), dict);
}

function randomDigits(rand: () => number, lengths: readonly number[]): string {
  const len = lengths[Math.floor(rand() * lengths.length)]!;
  let s = '';
  for (let j = 0; j < len; j++) s += String(Math.floor(rand() * (j === 0 ? 3 : 10)));
  return s;
}

describe('finishDigitKeys', () => {
  for (const [name, lengths, n, distinct] of [
    ['mixed lengths with leading zeros', [1, 2, 3, 5, 9], 5000, 800],
    ['one length (employer numbers)', [9], 200_000, 30_000],
    ['two lengths, many rows (both radix passes move rows)', [8, 9], 150_000, 90_000],
    ['prefixes of each other', [1, 2, 3, 4], 3000, 400],
  ] as const) {
    it(`gives the levels and codes of dictionary encoding: ${name}`, () => {
      const random = createRandom(n + distinct);
      const rand = () => random.uniform();
      const pool = Array.from({ length: distinct }, () => randomDigits(rand, lengths));
      const texts = Array.from({ length: n }, () => (rand() < 0.05 ? '' : pool[Math.floor(rand() * pool.length)]!));
      const keys = Int32Array.from(texts, (t) => (t === '' ? -1 : keyOf(t)));
      const expected = byDictionary(texts);
      const got = finishDigitKeys(keys);
      expect(got.levels).toEqual(expected.levels);
      expect(got.codes).toEqual(expected.codes);
      // In place: the keys become the codes.
      expect(finishDigitKeys(keys, true).codes).toBe(keys);
      expect(keys).toEqual(expected.codes);
    });
  }

  it('handles an empty column and one of only missing values', () => {
    expect(finishDigitKeys(new Int32Array(0))).toEqual({ codes: new Int32Array(0), levels: [] });
    expect(finishDigitKeys(Int32Array.from([-1, -1]))).toEqual({ codes: Int32Array.from([-1, -1]), levels: [] });
  });
});

describe('reading a column that stops being digits', () => {
  let dir = '';
  const persons = ['RINPERSOONS;RINPERSOON;GBAGEBOORTEJAAR;GBAGESLACHT', ...Array.from({ length: 40 }, (_, p) => `R;${String(p + 1).padStart(9, '0')};1980;${1 + (p % 2)}`)];
  const support = ['RINPERSOONS;RINPERSOON;AANVBUS;EINDBUS;REGELING;WERKGEVERTYPE', 'R;000000001;20190101;20201231;Participatiewet;regulier'];
  const header = 'RINPERSOONS;RINPERSOON;SBEID;AANVBUS;EINDBUS;SCONTRACTSOORT';
  /** Employment lines of persons 1–40, employer numbers from `employer(i)`. */
  const spells = (employer: (i: number) => string, from: number) =>
    Array.from({ length: 60 }, (_, i) => `R;${String(((from + i) % 40) + 1).padStart(9, '0')};${employer(from + i)};${2016 + (i % 8)}0101;${2016 + (i % 8)}0630;${i % 3 === 0 ? '' : 'O'}`);
  const files: Record<string, string[]> = {
    digits: spells((i) => String(1000 + ((i * 7919) % 997)).padStart(i % 2 ? 9 : 6, '0'), 0),
    // Digits, then a value with letters two thirds of the way, then digits again (some the same numbers as text).
    mixed: spells((i) => (i === 140 ? 'ABC-1' : i % 11 === 0 ? '' : String((i * 31) % 500).padStart(i % 3 ? 4 : 1, '0')), 100),
    later: spells((i) => String(i % 13), 200),
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pe-digit-keys-'));
    writeFileSync(join(dir, 'persons.csv'), persons.join('\n') + '\n');
    writeFileSync(join(dir, 'support.csv'), support.join('\n') + '\n');
    for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, `${name}.csv`), [header, ...lines].join('\n') + '\n');
    parallelSettings.minBytes = 1;
    parallelSettings.rangeBytes = 1;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    Object.assign(parallelSettings, defaults);
  });

  for (const order of [['digits', 'mixed', 'later'], ['mixed', 'digits'], ['digits', 'later'], ['later', 'digits', 'mixed']]) {
    for (const threads of [1, 3]) {
      it(`gives each spell its source line's text: files ${order.join(', ')}, ${threads} thread(s)`, async () => {
        const exp = await readCbsExport(
          { persons: join(dir, 'persons.csv'), support: join(dir, 'support.csv'), employment: order.map((f) => join(dir, `${f}.csv`)) },
          { observation: { start: '20160101', end: '20251231' }, threads, onProgress: () => {} },
        );
        const lines = order.flatMap((f) => files[f]!);
        const { employer, contract, sourceRow, length } = exp.employment;
        expect(length).toBe(lines.length);
        const cell = (k: number, column: number) => lines[sourceRow[k]! - 1]!.split(';')[column]!;
        for (let k = 0; k < length; k++) {
          expect(employer.codes[k]! < 0 ? '' : employer.levels[employer.codes[k]!], `spell ${k}`).toBe(cell(k, 2));
          expect(contract.codes[k]! < 0 ? '' : contract.levels[contract.codes[k]!]).toBe(cell(k, 5));
        }
        const used = [...new Set(lines.map((l) => l.split(';')[2]!).filter((t) => t !== ''))].sort();
        expect(employer.levels).toEqual(used);
      });
    }
  }
});
