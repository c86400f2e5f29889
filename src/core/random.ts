import { SpecificationError } from './errors.js';
import { describeValue } from './options.js';

/**
 * A small, fast, seeded pseudo-random generator (xoshiro128**, seeded through splitmix32),
 * so simulations, bootstraps and synthetic data are reproducible in every JS runtime.
 */

/** A seeded stream of random numbers. Same seed ⇒ same stream, on every platform. */
export interface Random {
  /** The next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform on [0, 1) with 32 bits of resolution. */
  uniform(): number;
  /** Uniform integer in 0 … n-1 (n ≥ 1). */
  int(n: number): number;
  /** Standard normal (Box–Muller), times `sd`, plus `mean`. */
  normal(mean?: number, sd?: number): number;
  /** 1 with probability p, else 0. */
  bernoulli(p: number): 0 | 1;
  /** Poisson count with mean `lambda` (inversion for small means, normal approximation above 500). */
  poisson(lambda: number): number;
  /** Number of failures before the first success, success probability p (0 < p ≤ 1). */
  geometric(p: number): number;
  /** Exponential with the given rate. */
  exponential(rate: number): number;
  /** A uniformly chosen element of a non-empty array. */
  choice<T>(items: ArrayLike<T>): T;
  /** Index drawn with probability proportional to `weights[i]` (non-negative, not all zero). */
  weighted(weights: ArrayLike<number>): number;
  /** Shuffle an array (or typed array) in place (Fisher–Yates) and return it. */
  shuffle<A extends { length: number; [i: number]: unknown }>(items: A): A;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Create a seeded random stream (xoshiro128**). Seeds are integers; any finite number is
 * reduced to 32 bits, so `createRandom(1)` and `createRandom(2 ** 32 + 1)` coincide.
 *
 * @example
 * const rng = createRandom(42);
 * const a = rng.uniform();
 * createRandom(42).uniform() === a; // true
 * rng.int(6) < 6; // true
 */
export function createRandom(seed: number): Random {
  // long because: every method shares the generator state of this one closure, so the methods
  // also work detached from the object (`const { uniform } = rng`); each method is a few lines.
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new SpecificationError(`createRandom: seed must be a finite number, got ${describeValue(seed)}`);
  const init = splitmix32(Math.trunc(seed) >>> 0);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point

  function nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  }
  function uniform(): number {
    return nextUint32() / 4294967296;
  }
  let spareNormal = NaN;
  const rng: Random = {
    nextUint32,
    uniform,
    int(n: number): number {
      return Math.floor(uniform() * n);
    },
    normal(mean = 0, sd = 1): number {
      if (!Number.isNaN(spareNormal)) {
        const z = spareNormal;
        spareNormal = NaN;
        return mean + sd * z;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return mean + sd * r * Math.cos(2 * Math.PI * v);
    },
    bernoulli(p: number): 0 | 1 {
      return uniform() < p ? 1 : 0;
    },
    poisson(lambda: number): number {
      if (!(lambda >= 0)) throw new SpecificationError(`poisson mean must be non-negative, got ${lambda}`);
      if (lambda > 500) return Math.max(0, Math.round(rng.normal(lambda, Math.sqrt(lambda))));
      // Inversion by sequential search: exact, O(lambda).
      let k = 0;
      let p = Math.exp(-lambda);
      let cdf = p;
      const u = uniform();
      while (u > cdf && p > 0) {
        k++;
        p *= lambda / k;
        cdf += p;
      }
      return k;
    },
    geometric(p: number): number {
      if (!(p > 0 && p <= 1)) throw new SpecificationError(`geometric probability must be in (0, 1], got ${p}`);
      if (p === 1) return 0;
      return Math.floor(Math.log(1 - uniform()) / Math.log(1 - p));
    },
    exponential(rate: number): number {
      return -Math.log(1 - uniform()) / rate;
    },
    choice<T>(items: ArrayLike<T>): T {
      if (items.length === 0) throw new SpecificationError('choice from an empty array');
      return items[Math.floor(uniform() * items.length)];
    },
    weighted(weights: ArrayLike<number>): number {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i];
      if (!(total > 0)) throw new SpecificationError('weights must have a positive sum');
      let u = uniform() * total;
      for (let i = 0; i < weights.length; i++) {
        u -= weights[i];
        if (u < 0) return i;
      }
      return weights.length - 1;
    },
    shuffle<A extends { length: number; [i: number]: unknown }>(items: A): A {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
      }
      return items;
    },
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
