/**
 * Person keys of a CSV persons file straight from its bytes: trimmed, checked for duplicates in a
 * byte hash index (which the spell readers then look keys up in), and decoded to strings once per
 * kept person. Used when every key is ASCII; otherwise the loader reads the keys as text.
 */
import { PersonKeyIndex } from './byteDictionary.js';
import { isAscii, trimEnd, trimStart } from './csvFields.js';
import { decodeBytes } from './encoding.js';

/** The keys of a persons table read from bytes. */
export interface PersonKeys {
  /** Kept rows (0-based), in input order: row `keep[p]` is person `p`. */
  readonly keep: Int32Array;
  /** Per row: the person an earlier row with the same key became, or -1. */
  readonly duplicateOf: Int32Array;
  /** Trimmed source code of each kept person. */
  readonly rinpersoons: string[];
  /** Trimmed person number of kept person `p` (a string made on demand). */
  numberOf(p: number): string;
  /** Trimmed person numbers of all kept persons: made on the first call (a million strings for a million persons), the same array after. */
  numbers(): string[];
  /** Byte index of the kept keys (values are person indexes). */
  readonly index: PersonKeyIndex;
  /** The first row with an empty source code or person number (rows before it are in `keep`). */
  readonly empty: { readonly row: number; readonly part: 'source' | 'number'; readonly value: string } | undefined;
}

/** Source codes as dictionary entries of the file (few distinct values). */
export interface SourceColumn {
  readonly codes: Int32Array;
  bytes(code: number): Uint8Array;
}

/** Person numbers as raw bytes: row `i` is `pool[ends[i - 1], ends[i])` (`ends[-1]` = 0). */
export interface NumberColumn {
  readonly pool: Uint8Array;
  readonly ends: Int32Array;
}

/**
 * The keys of `length` rows, or `undefined` when a key is not ASCII (the loader then reads them
 * as text, which handles every encoding).
 *
 * @example
 * const enc = new TextEncoder();
 * const source = { codes: Int32Array.from([0, 0, 0]), bytes: () => enc.encode('R') };
 * const numbers = { pool: enc.encode('000000001 000000002000000001'), ends: Int32Array.from([9, 19, 28]) };
 * const keys = personKeysFromBytes(source, numbers, 3, 'utf-8')!;
 * [Array.from(keys.keep), keys.numbers(), keys.numberOf(1), Array.from(keys.duplicateOf)]; // [[0, 1], ['000000001', '000000002'], '000000002', [-1, -1, 0]]
 */
export function personKeysFromBytes(source: SourceColumn, numbers: NumberColumn, length: number, encoding: 'utf-8' | 'windows-1252'): PersonKeys | undefined {
  const levels = sourceLevels(source, length, encoding);
  if (!levels) return undefined;
  const { pool, ends } = numbers;
  const index = new PersonKeyIndex();
  index.expect(length, (ends[length - 1] ?? 0) + 3 * length);
  const keep = new Int32Array(length);
  const duplicateOf = new Int32Array(length).fill(-1);
  const first = new Int32Array(length);
  const last = new Int32Array(length);
  const rinpersoons: string[] = [];
  let kept = 0;
  let empty: PersonKeys['empty'];
  for (let i = 0; i < length; i++) {
    const level = levels[source.codes[i]!]!;
    if (level.text === '') {
      empty = { row: i, part: 'source', value: level.raw };
      break;
    }
    const from = i === 0 ? 0 : ends[i - 1]!;
    const a = trimStart(pool, from, ends[i]!);
    const b = trimEnd(pool, a, ends[i]!);
    if (a === b) {
      empty = { row: i, part: 'number', value: decodeBytes(pool, from, ends[i]!, encoding) };
      break;
    }
    if (!isAscii(pool, a, b)) return undefined;
    const earlier = index.insert(level.bytes, 0, level.bytes.length, pool, a, b, kept);
    if (earlier >= 0) {
      duplicateOf[i] = earlier;
      continue;
    }
    keep[kept] = i;
    first[kept] = a;
    last[kept] = b;
    rinpersoons.push(level.text);
    kept++;
  }
  let made: string[] | undefined;
  const allNumbers = (): string[] => {
    if (made) return made;
    // One string for all numbers (ASCII), sliced per person.
    const text = decodeBytes(pool, 0, length === 0 ? 0 : ends[length - 1]!, 'windows-1252');
    made = new Array<string>(kept);
    for (let p = 0; p < kept; p++) made[p] = text.slice(first[p]!, last[p]!);
    return made;
  };
  const numberOf = (p: number): string => made?.[p] ?? decodeBytes(pool, first[p]!, last[p]!, 'windows-1252');
  return { keep: keep.slice(0, kept), duplicateOf, rinpersoons, numberOf, numbers: allNumbers, index, empty };
}

/** Trimmed bytes and text of each source code; `undefined` when one is not ASCII. */
function sourceLevels(source: SourceColumn, length: number, encoding: 'utf-8' | 'windows-1252'): { bytes: Uint8Array; text: string; raw: string }[] | undefined {
  const out: { bytes: Uint8Array; text: string; raw: string }[] = [];
  let max = -1;
  for (let i = 0; i < length; i++) if (source.codes[i]! > max) max = source.codes[i]!;
  for (let c = 0; c <= max; c++) {
    const b = source.bytes(c);
    const a = trimStart(b, 0, b.length);
    const z = trimEnd(b, a, b.length);
    if (!isAscii(b, a, z)) return undefined;
    out.push({ bytes: b.subarray(a, z), text: decodeBytes(b, a, z, encoding), raw: decodeBytes(b, 0, b.length, encoding) });
  }
  return out;
}
