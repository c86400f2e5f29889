/**
 * Benchmarks of the inference layer: the multiplier bootstrap of an event study's sup-t band
 * (999 Rademacher draws over per-cluster influence functions of 96 event times) at the cluster
 * count of a matched panel of this size (about 0.53 clusters per person: 266k supported persons and
 * their controls at 1M), by the chunked subset-sum product in the WebAssembly SIMD kernel (after),
 * the same product in JavaScript (before; bit-identical draws) and, up to 100k persons, the former
 * per-draw loop.
 * Standalone: node --import tsx tests/bench/inference.ts <persons>
 */
import { createRandom } from '../../src/core/random.js';
import type { CbsExport } from '../../src/io/types.js';
import { multiplierDraws } from '../../src/inference/multiplierBootstrap.js';
import { useSubsetSumKernel } from '../../src/inference/subsetSumKernel.js';

const J = 96;

/** The former algorithm: blocks of 32 draws, one 32-bit number per cluster, a row addition per +1 sign. */
function perDrawLoop(psi: Float64Array, G: number, R: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const acc = new Float64Array(32 * J);
  const out = new Float64Array(R * J);
  for (let b0 = 0; b0 < R; b0 += 32) {
    const nb = Math.min(32, R - b0);
    acc.fill(0);
    for (let c = 0; c < G; c++) {
      const bits = rng.nextUint32();
      for (let r = 0; r < nb; r++) if ((bits >>> r) & 1) for (let j = 0; j < J; j++) acc[r * J + j] += psi[c * J + j];
    }
    out.set(acc.subarray(0, nb * J), b0 * J);
  }
  return out;
}

export async function benchInference(exp: CbsExport | number, measure: (label: string, fn: () => unknown) => Promise<unknown>): Promise<void> {
  const persons = typeof exp === 'number' ? exp : exp.persons.length;
  const G = Math.round(persons * 0.53);
  const rng = createRandom(3);
  const psi = new Float64Array(G * J);
  for (let i = 0; i < psi.length; i++) psi[i] = (rng.uniform() - 0.5) / G;
  const rademacher = () => multiplierDraws(psi, G, J, { replications: 999, seed: 1, weights: 'rademacher' }).length;
  await measure(`inference: multiplier bootstrap, 999 rademacher draws, ${G} clusters × ${J} (SIMD kernel)`, rademacher);
  useSubsetSumKernel(false);
  await measure(`inference: multiplier bootstrap, 999 rademacher draws, ${G} clusters × ${J} (same in JavaScript, before)`, rademacher);
  useSubsetSumKernel(true);
  await measure(`inference: multiplier bootstrap, 999 gaussian draws, ${G} clusters × ${J} (covariance route)`, () =>
    multiplierDraws(psi, G, J, { replications: 999, seed: 1, weights: 'gaussian' }).length,
  );
  if (persons <= 100_000) await measure(`inference: multiplier bootstrap, 999 rademacher draws, ${G} clusters (former per-draw loop)`, () => perDrawLoop(psi, G, 999, 1).length);
}

if (process.argv[1]?.endsWith('inference.ts')) {
  const persons = Number(process.argv[2] ?? 100_000);
  await benchInference(persons, async (label, fn) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    fn();
    console.log(`${String(persons).padEnd(9)} ${label.padEnd(110)} ${((performance.now() - t) / 1000).toFixed(2)} s (cpu ${(process.cpuUsage(cpu).user / 1e6).toFixed(2)} s)`);
  });
}
