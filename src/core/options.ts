import { SpecificationError } from './errors.js';

/**
 * The option names a function accepts: each key maps to `true` (a value) or to the names of a
 * nested options object (e.g. `bootstrap: { replications: true, seed: true }`).
 */
export type OptionKeys = { readonly [key: string]: true | OptionKeys };

/**
 * Refuse options a function does not know, so a typo never runs silently with defaults.
 *
 * `options` may be `undefined` (all defaults) or a plain object. Every own key must be one of
 * `keys`; an unknown key is a {@link SpecificationError} naming the function, the key, the nearest
 * valid name and the valid names. Nested option objects are checked the same way where `keys`
 * lists their names; a nested key that also accepts a non-object value (a string, a number) is
 * only checked when an object is given. Values themselves are checked by each function.
 *
 * @example
 * checkOptions('eventPanel', { before: 12 }, { before: true, after: true }); // undefined
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => checkOptions('eventPanel', { befor: 12 }, { before: true, after: true })); // 'eventPanel: unknown option "befor"; did you mean "before"? Valid options: after, before'
 * message(() => checkOptions('phaseAverages', { bootstrap: { replicates: 9 } }, { bootstrap: { replications: true, seed: true } })); // 'phaseAverages: unknown option "bootstrap.replicates"; did you mean "bootstrap.replications"? Valid options: bootstrap.replications, bootstrap.seed'
 * message(() => checkOptions('kaplanMeier', 'log', { confType: true })); // 'kaplanMeier: options must be an object, got the string "log"'
 */
export function checkOptions(fn: string, options: unknown, keys: OptionKeys, path = ''): void {
  if (options === undefined) return;
  if (!isPlainObject(options)) {
    throw new SpecificationError(`${fn}: ${path === '' ? 'options' : `option "${path.slice(0, -1)}"`} must be an object, got ${describeValue(options)}`);
  }
  const valid = Object.keys(keys).sort();
  for (const key of Object.keys(options)) {
    const rule = keys[key];
    if (rule === undefined) {
      const near = nearestName(key, valid);
      const hint = near === undefined ? '.' : `; did you mean "${path}${near}"?`;
      const list = valid.length === 0 ? 'none' : valid.map((k) => path + k).join(', ');
      throw new SpecificationError(`${fn}: unknown option "${path}${key}"${hint} Valid options: ${list}`);
    }
    const value = (options as Record<string, unknown>)[key];
    if (rule !== true && isPlainObject(value)) checkOptions(fn, value, rule, `${path}${key}.`);
  }
}

/**
 * The candidate closest to `name` by edit distance (case-insensitive, adjacent swaps count as one
 * edit), when it is close enough to be a plausible typo; otherwise `undefined`.
 *
 * @example
 * nearestName('levle', ['level', 'windows', 'paired']); // 'level'
 * nearestName('Treated', ['treated', 'control']); // 'treated'
 * nearestName('zzz', ['level', 'windows']); // undefined
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  // A typo changes a few characters; beyond a third of the name it is a different word.
  const limit = Math.max(1, Math.floor(Math.max(name.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Int32Array(m + 1);
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

/**
 * True for `{}`-style objects (object literals, `Object.create(null)`), false for arrays, class
 * instances, typed arrays, dates and primitives.
 *
 * @example
 * isPlainObject({ a: 1 }); // true
 * isPlainObject([1]); // false
 * isPlainObject(new Date(0)); // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A short description of a value for error messages: its kind and, where short, the value.
 *
 * @example
 * describeValue(undefined); // 'undefined'
 * describeValue(20150101); // 'the number 20150101'
 * describeValue('2019-13-01'); // 'the string "2019-13-01"'
 * describeValue([1, 2, 3]); // 'an array of 3 elements'
 * describeValue({ persons: 1, support: 2 }); // 'an object with keys persons, support'
 * describeValue(new Uint8Array(4)); // 'a Uint8Array'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object') return `a ${typeof value}`;
  if (Array.isArray(value)) return `an array of ${value.length} element${value.length === 1 ? '' : 's'}`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 8).join(', ');
    return `an object with keys ${shown}${keys.length > 8 ? ', …' : ''}`;
  }
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name}` : 'an object';
}
