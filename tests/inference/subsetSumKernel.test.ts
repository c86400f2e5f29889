// The WebAssembly SIMD kernel of the two-point multiplier bootstrap gives the same draws, bit for
// bit, as the JavaScript loop, and both equal the plain product Σ_g v_g ψ_g of the multipliers
// regenerated here from the documented stream (one 32-bit number per four draws of a chunk of 8 rows).
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { multiplierDraws } from '../../src/inference/multiplierBootstrap.js';
import { subsetSumKernel, useSubsetSumKernel } from '../../src/inference/subsetSumKernel.js';

function psiOf(G: number, J: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const psi = new Float64Array(G * J);
  for (let i = 0; i < psi.length; i++) psi[i] = rng.normal() / Math.sqrt(G);
  return psi;
}

/** Rademacher draws by the definition: chunk c of 8 rows, draw r takes byte r % 4 of word ⌊r/4⌋ of that chunk. */
function rademacherByDefinition(psi: Float64Array, G: number, J: number, R: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const out = new Float64Array(R * J);
  for (let c0 = 0; c0 < G; c0 += 8) {
    let bits = 0;
    for (let r = 0; r < R; r++) {
      if (r % 4 === 0) bits = rng.nextUint32();
      const byte = (bits >>> (8 * (r % 4))) & 0xff;
      for (let i = 0; i < 8 && c0 + i < G; i++) {
        const v = (byte >>> i) & 1 ? 1 : -1;
        for (let j = 0; j < J; j++) out[r * J + j] += v * psi[(c0 + i) * J + j];
      }
    }
  }
  return out;
}

describe('subset-sum kernel of the multiplier bootstrap', () => {
  afterEach(() => useSubsetSumKernel(true));

  it('is available in node (WebAssembly SIMD)', () => {
    expect(subsetSumKernel()).not.toBeNull();
  });

  for (const [G, J, R] of [
    [203, 7, 101], // odd J (padded lane), rows not a multiple of 8, R not a multiple of 4
    [64, 12, 999],
    [1001, 1, 50],
  ] as const) {
    for (const weights of ['rademacher', 'mammen'] as const) {
      it(`kernel and JavaScript agree bit for bit (${weights}, ${G} clusters × ${J}, ${R} draws)`, () => {
        const psi = psiOf(G, J, G + J);
        const opts = { replications: R, seed: 11, weights };
        const kernel = multiplierDraws(psi, G, J, opts);
        useSubsetSumKernel(false);
        const js = multiplierDraws(psi, G, J, opts);
        expect(kernel.length).toBe(R * J);
        let differ = 0;
        for (let i = 0; i < js.length; i++) if (!Object.is(js[i], kernel[i])) differ++;
        expect(differ).toBe(0);
      });
    }
    it(`Rademacher draws equal Σ v_g ψ_g with the documented signs (${G} × ${J})`, () => {
      const psi = psiOf(G, J, 5);
      const draws = multiplierDraws(psi, G, J, { replications: R, seed: 4, weights: 'rademacher' });
      const direct = rademacherByDefinition(psi, G, J, R, 4);
      let worst = 0;
      for (let i = 0; i < direct.length; i++) worst = Math.max(worst, Math.abs(draws[i] - direct[i]));
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it('a second, smaller call after a larger one starts from zero (the kernel memory is reused)', () => {
    const big = psiOf(300, 20, 1);
    multiplierDraws(big, 300, 20, { replications: 500, seed: 2, weights: 'rademacher' });
    const small = psiOf(40, 3, 2);
    const a = multiplierDraws(small, 40, 3, { replications: 60, seed: 3, weights: 'rademacher' });
    const direct = rademacherByDefinition(small, 40, 3, 60, 3);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(direct[i], 12);
  });
});
