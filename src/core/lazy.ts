/** Properties whose value is made when they are first read. */

/**
 * Turn property `key` of `target` into one whose value is made by `make` when it is first read,
 * then kept as an ordinary (enumerable, writable) property in the same place among the keys.
 * For large columns of strings that many analyses never read (person numbers, panel ids): making
 * a million strings costs time and garbage-collector work.
 *
 * @example
 * let made = 0;
 * const row: { n: number; big: number[] } = { n: 1, big: [] };
 * madeOnFirstRead(row, 'big', () => (made++, [1, 2, 3]));
 * made; // 0
 * [row.big, row.big === row.big, made, Object.keys(row)]; // [[1, 2, 3], true, 1, ['n', 'big']]
 */
export function madeOnFirstRead<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): T[K] {
      const value = make();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}
