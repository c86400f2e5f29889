import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';

// Independent reference: splitmix32 seeding + xoshiro128** written with BigInt arithmetic.
function referenceStream(seed: number, n: number): number[] {
  const M = (1n << 32n) - 1n;
  let s = BigInt(seed >>> 0);
  const mix = (): bigint => {
    s = (s + 0x9e3779b9n) & M;
    let z = s;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M;
    return (z ^ (z >> 16n)) & M;
  };
  const st = [mix(), mix(), mix(), mix()];
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(Number((rotl((st[1] * 5n) & M, 7n) * 9n) & M));
    const t = (st[1] << 9n) & M;
    st[2] ^= st[0];
    st[3] ^= st[1];
    st[1] ^= st[2];
    st[0] ^= st[3];
    st[2] ^= t;
    st[3] = rotl(st[3], 11n);
  }
  return out;
}

describe('createRandom', () => {
  it('is xoshiro128** seeded by splitmix32 (matches an independent BigInt implementation)', () => {
    for (const seed of [0, 1, 42, 20250101, 0xffffffff]) {
      const rng = createRandom(seed);
      const ours = Array.from({ length: 20 }, () => rng.nextUint32());
      expect(ours).toEqual(referenceStream(seed, 20));
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const xa = Array.from({ length: 50 }, () => a.uniform());
    expect(Array.from({ length: 50 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 50 }, () => c.uniform())).not.toEqual(xa);
  });

  it('draws with the right moments (seeded simulation)', () => {
    const rng = createRandom(123);
    const n = 200_000;
    let su = 0, su2 = 0, sn = 0, sn2 = 0, sb = 0, sp = 0, sg = 0, se = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      su += u; su2 += u * u;
      const z = rng.normal(2, 3);
      sn += z; sn2 += z * z;
      sb += rng.bernoulli(0.3);
      sp += rng.poisson(4);
      sg += rng.geometric(0.25);
      se += rng.exponential(2);
    }
    // Tolerances ≈ 5 standard errors.
    expect(Math.abs(su / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(su2 / n - su * su / n / n - 1 / 12)).toBeLessThan(0.002);
    expect(Math.abs(sn / n - 2)).toBeLessThan(5 * 3 / Math.sqrt(n));
    expect(Math.abs(Math.sqrt(sn2 / n - (sn / n) ** 2) - 3)).toBeLessThan(0.03);
    expect(Math.abs(sb / n - 0.3)).toBeLessThan(5 * Math.sqrt(0.21 / n));
    expect(Math.abs(sp / n - 4)).toBeLessThan(5 * Math.sqrt(4 / n));
    expect(Math.abs(sg / n - 3)).toBeLessThan(5 * Math.sqrt(0.75 / 0.0625 / n)); // mean (1-p)/p, var (1-p)/p²
    expect(Math.abs(se / n - 0.5)).toBeLessThan(5 * 0.5 / Math.sqrt(n));
  });

  it('int, choice, weighted and shuffle stay in range and cover their support', () => {
    const rng = createRandom(5);
    const counts = new Int32Array(6);
    for (let i = 0; i < 6000; i++) counts[rng.int(6)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    const w = [0, 1, 3];
    const wc = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) wc[rng.weighted(w)]++;
    expect(wc[0]).toBe(0);
    expect(Math.abs(wc[2] / 40_000 - 0.75)).toBeLessThan(0.011);
    expect(['a', 'b']).toContain(rng.choice(['a', 'b']));
    const arr = [1, 2, 3, 4, 5, 6, 7, 8];
    expect([...rng.shuffle(arr.slice())].sort()).toEqual(arr);
    expect(() => rng.choice([])).toThrow('choice from an empty array');
    expect(() => createRandom(NaN)).toThrow('createRandom: seed must be a finite number, got the number NaN');
  });
});
