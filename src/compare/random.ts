/**
 * A small seeded PRNG (sfc32 seeded through splitmix32) for tie-breaking and multiplier bootstraps,
 * so results are reproducible in every runtime.
 *
 * @example
 * const u = seededUniform(42);
 * const a = u();
 * a >= 0 && a < 1; // true
 * seededUniform(42)() === a; // true
 */
export function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * A seeded random permutation rank per index (Fisher–Yates): `rank[i]` is i's position.
 *
 * @example
 * Array.from(randomRanks(4, 1)).sort(); // [0, 1, 2, 3]
 */
export function randomRanks(n: number, seed: number): Int32Array {
  const u = seededUniform(seed);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[perm[i]] = i;
  return rank;
}
