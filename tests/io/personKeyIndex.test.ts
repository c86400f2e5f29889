import { describe, expect, it } from 'vitest';
import { PersonKeyIndex } from '../../src/io/byteDictionary.js';
import { createRandom } from '../../src/index.js';

const enc = new TextEncoder();

/** Keys of `n` persons: source code and a zero-padded number, as CBS exports write them. */
function keys(n: number, seed: number): [string, string][] {
  const { uniform: random } = createRandom(seed);
  const seen = new Set<string>();
  const out: [string, string][] = [];
  while (out.length < n) {
    const source = random() < 0.9 ? 'R' : 'B';
    const number = String(Math.floor(random() * 1e6)).padStart(random() < 0.95 ? 9 : 6, '0');
    if (seen.has(`${source}|${number}`)) continue;
    seen.add(`${source}|${number}`);
    out.push([source, number]);
  }
  return out;
}

const byteOrder = (a: [string, string], b: [string, string]) => {
  const x = `${a[0]}\u0001${a[1]}`;
  const y = `${b[0]}\u0001${b[1]}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const { uniform: random } = createRandom(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Insert `rows` (duplicates allowed) as the persons reader does, then look every key of `asked`
 * up, through `get` (key parts), `lookup` (joined bytes) and `getText` (text); checked against a Map.
 */
function check(rows: readonly [string, string][], asked: readonly [string, string][]): number {
  const index = new PersonKeyIndex();
  index.expect(rows.length, rows.length * 12);
  const reference = new Map<string, number>();
  let kept = 0;
  for (const [source, number] of rows) {
    const s = enc.encode(source);
    const n = enc.encode(number);
    const earlier = index.insert(s, 0, s.length, n, 0, n.length, kept);
    const key = `${source}|${number}`;
    expect(earlier).toBe(reference.get(key) ?? -1);
    if (!reference.has(key)) reference.set(key, kept++);
  }
  let found = 0;
  for (const [source, number] of asked) {
    const s = enc.encode(source);
    const n = enc.encode(number);
    const want = reference.get(`${source}|${number}`) ?? -1;
    expect(index.get(s, 0, s.length, n, 0, n.length)).toBe(want);
    const joined = enc.encode(`${source}\u0001${number}`);
    expect(index.lookup(joined, 0, joined.length)).toBe(want);
    expect(index.getText(source, number)).toBe(want);
    if (want >= 0) found++;
  }
  return found;
}

describe('PersonKeyIndex finds the same persons as a Map, whatever the order of persons and spells', () => {
  const persons = keys(20_000, 3);
  const sorted = [...persons].sort(byteOrder);
  const strangers = keys(25_000, 4).filter(([s, n]) => !persons.some(([a, b]) => a === s && b === n)).slice(0, 2_000);
  // Spells of 70 % of persons, several per person, in person order (sorted exports) or not.
  const { uniform: random } = createRandom(5);
  const withSpells = sorted.filter(() => random() < 0.7).flatMap((k) => [k, k, k]);

  it('sorted persons, spells in the same order (with gaps and unknown keys)', () => {
    const asked = [...withSpells];
    for (let i = 0; i < strangers.length; i++) asked.splice(Math.floor((i * asked.length) / strangers.length), 0, strangers[i]!);
    expect(check(sorted, asked)).toBe(withSpells.length);
  });

  it('sorted persons, spells in random order (more searches than the index keeps sorted for)', () => {
    expect(check(sorted, shuffled([...withSpells, ...strangers], 6))).toBe(withSpells.length);
  });

  it('persons in random or reversed order, spells sorted or not', () => {
    expect(check(shuffled(persons, 7), withSpells)).toBe(withSpells.length);
    expect(check([...sorted].reverse(), shuffled(withSpells, 8))).toBe(withSpells.length);
  });

  it('duplicate persons right after each other and far apart: the earlier person is returned', () => {
    const rows = [...sorted.slice(0, 100), sorted[99]!, ...sorted.slice(100, 200), sorted[5]!, ...sorted.slice(200)];
    expect(check(rows, sorted)).toBe(sorted.length);
  });

  it('a key that is a prefix of the next one, and keys of different lengths', () => {
    const rows: [string, string][] = [['R', '1'], ['R', '12'], ['R', '123'], ['RR', '1'], ['S', '']];
    expect(check(rows, [['R', '12'], ['R', '1'], ['R', '123'], ['R', '1234'], ['RR', '1'], ['S', ''], ['R', '']])).toBe(5);
  });
});
