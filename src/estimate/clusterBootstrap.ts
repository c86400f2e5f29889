import { SpecificationError } from '../core/errors.js';
import { createRandom } from '../core/random.js';

/** Bootstrap replicates of the phase means and the change, one entry per replication (NaN when a replicate has no person-month in that phase). */
export interface PhaseMeanReplicates {
  readonly before: Float64Array;
  readonly during: Float64Array;
  readonly after: Float64Array;
  readonly change: Float64Array;
}

/** How clusters are resampled: `multinomial` (classical: G draws with replacement) or `poisson` (independent Poisson(1) multiplicities; the same limit, cheaper for millions of clusters). */
export type BootstrapScheme = 'multinomial' | 'poisson';

/** Poisson(1) cumulative probabilities, k = 0 … 19 (the last is set to 1). */
const POISSON1_CDF = (() => {
  const cdf = new Float64Array(20);
  let p = Math.exp(-1);
  let c = 0;
  for (let k = 0; k < 20; k++) {
    c += p;
    cdf[k] = c;
    p /= k + 1;
  }
  cdf[19] = 1;
  return cdf;
})();

/** Refuse bad arguments of {@link clusterBootstrapPhaseMeans}. */
function checkArguments(sums: Float64Array, clusters: number, replications: number, seed: number, scheme: BootstrapScheme): void {
  if (!Number.isInteger(replications) || replications < 1) throw new SpecificationError(`bootstrap.replications must be a positive whole number, got ${replications}`);
  if (!Number.isFinite(seed)) throw new SpecificationError(`bootstrap.seed must be a finite number, got ${seed}`);
  if (scheme !== 'multinomial' && scheme !== 'poisson') throw new SpecificationError(`bootstrap.scheme must be 'multinomial' or 'poisson', got ${JSON.stringify(scheme)}`);
  if (sums.length !== clusters * 6) throw new SpecificationError(`sums must hold 6 numbers per cluster (${clusters * 6}), got ${sums.length}`);
}

/**
 * The per-cluster sums as the bootstrap reads them: without during months the two during columns
 * are dropped (stride 4 instead of 6), a third less memory traffic per replication.
 */
function compactSums(sums: Float64Array, G: number): { data: Float64Array; stride: 4 | 6 } {
  let hasDuring = false;
  for (let j = 0; j < G && !hasDuring; j++) hasDuring = sums[j * 6 + 3] !== 0;
  if (hasDuring) return { data: sums, stride: 6 };
  const data = new Float64Array(G * 4);
  for (let j = 0; j < G; j++) {
    data[j * 4] = sums[j * 6];
    data[j * 4 + 1] = sums[j * 6 + 1];
    data[j * 4 + 2] = sums[j * 6 + 4];
    data[j * 4 + 3] = sums[j * 6 + 5];
  }
  return { data, stride: 4 };
}

/**
 * Cluster (person-level) bootstrap of phase means from per-cluster sufficient statistics:
 * `sums` holds, per cluster, six numbers Σw·y and Σw for before, during, after (stride 6).
 * Each replication gives every cluster a multiplicity (multinomial: how often it is drawn in
 * G draws with replacement) and re-forms the ratio means, so the cost is O(G × replications)
 * however many person-months there are. Seeded and reproducible.
 *
 * @example
 * import { clusterBootstrapPhaseMeans } from 'participation-effects';
 * // two clusters: (before 1 of 2 months, after 2 of 2) and (before 0 of 1, after 1 of 2)
 * const sums = Float64Array.of(1, 2, 0, 0, 2, 2, 0, 1, 0, 0, 1, 2);
 * const reps = clusterBootstrapPhaseMeans(sums, 2, 200, 7);
 * reps.change.length; // 200
 */
export function clusterBootstrapPhaseMeans(sums: Float64Array, clusters: number, replications: number, seed: number, scheme: BootstrapScheme = 'multinomial'): PhaseMeanReplicates {
  checkArguments(sums, clusters, replications, seed, scheme);
  const before = new Float64Array(replications);
  const during = new Float64Array(replications);
  const after = new Float64Array(replications);
  const change = new Float64Array(replications);
  const G = clusters;
  const poisson = scheme === 'poisson';
  const mult = new Uint32Array(G);
  const cdf = POISSON1_CDF;
  const { data, stride } = compactSums(sums, G);
  // xoshiro128** inlined (the draw is the hot loop), its state seeded from the library's generator.
  const init = createRandom(seed);
  let s0 = init.nextUint32() | 0;
  let s1 = init.nextUint32() | 0;
  let s2 = init.nextUint32() | 0;
  let s3 = init.nextUint32() | 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  for (let b = 0; b < replications; b++) {
    if (!poisson) mult.fill(0);
    for (let j = 0; j < G; j++) {
      const x = Math.imul(s1, 5);
      const r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const u = r / 4294967296;
      if (poisson) {
        let k = 0;
        while (u >= cdf[k]) k++;
        mult[j] = k;
      } else mult[Math.floor(u * G)]++;
    }
    let yb = 0;
    let wb = 0;
    let yd = 0;
    let wd = 0;
    let ya = 0;
    let wa = 0;
    // Branch-free accumulation over a compact array: this pass is memory-bound.
    if (stride === 4) {
      for (let j = 0, o = 0; j < G; j++, o += 4) {
        const m = mult[j];
        yb += m * data[o];
        wb += m * data[o + 1];
        ya += m * data[o + 2];
        wa += m * data[o + 3];
      }
    } else {
      for (let j = 0, o = 0; j < G; j++, o += 6) {
        const m = mult[j];
        yb += m * data[o];
        wb += m * data[o + 1];
        yd += m * data[o + 2];
        wd += m * data[o + 3];
        ya += m * data[o + 4];
        wa += m * data[o + 5];
      }
    }
    before[b] = wb > 0 ? yb / wb : NaN;
    during[b] = wd > 0 ? yd / wd : NaN;
    after[b] = wa > 0 ? ya / wa : NaN;
    change[b] = after[b] - before[b];
  }
  return { before, during, after, change };
}

/**
 * Percentile interval and standard deviation of bootstrap replicates, ignoring NaN replicates.
 * Quantiles as R's default `quantile(type = 7)`.
 *
 * @example
 * import { percentileInterval } from 'participation-effects';
 * percentileInterval(Float64Array.of(1, 2, 3, 4, 5), 0.5); // { low: 2, high: 4, sd: 1.5811388300841898, valid: 5 }
 */
export function percentileInterval(replicates: Float64Array, level: number): { low: number; high: number; sd: number; valid: number } {
  const x = replicates.filter((v) => !Number.isNaN(v)).sort();
  const n = x.length;
  if (n === 0) return { low: NaN, high: NaN, sd: NaN, valid: 0 };
  const q = (p: number) => {
    const h = (n - 1) * p;
    const i = Math.floor(h);
    return i + 1 < n ? x[i] + (h - i) * (x[i + 1] - x[i]) : x[i];
  };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  const alpha = 1 - level;
  return { low: q(alpha / 2), high: q(1 - alpha / 2), sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, valid: n };
}
