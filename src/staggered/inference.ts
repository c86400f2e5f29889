/**
 * Inference from influence functions, shared by {@link attGt} and {@link aggregate}: cluster
 * sums, analytic standard errors, and the multiplier bootstrap with simultaneous (sup-t) bands.
 * Influence functions are stored estimate-major: `psi[k * n + i]` is unit i's value for estimate k, scaled so that an estimate's error is about the mean over the n units.
 */
import { createRandom } from '../core/random.js';

/** Per cluster and estimate: Σ over the cluster's units of the influence function / n (cluster-major, `clusters × K`). */
export function clusterSums(psi: Float64Array, n: number, K: number, cluster: Int32Array, clusters: number): Float64Array {
  const out = new Float64Array(clusters * K);
  for (let k = 0; k < K; k++) {
    const col = k * n;
    for (let i = 0; i < n; i++) {
      const v = psi[col + i];
      if (v !== 0) out[cluster[i] * K + k] += v / n;
    }
  }
  return out;
}

/**
 * Analytic standard errors: sqrt(Σ_c ψ_c²) per estimate, which for one unit per cluster is R
 * `did`'s sqrt(mean(IF²) / n). Estimates whose SE is numerically zero get `null` (as R `did`'s NA).
 */
export function analyticSe(sums: Float64Array, clusters: number, K: number): (number | null)[] {
  const v = new Float64Array(K);
  for (let c = 0; c < clusters; c++) for (let k = 0; k < K; k++) v[k] += sums[c * K + k] ** 2;
  return Array.from(v, (x) => {
    const se = Math.sqrt(x);
    return se > Math.sqrt(2.220446049250313e-16) * 10 ? se : null;
  });
}

/** Resolved multiplier-bootstrap options. */
export interface BootstrapSpec {
  readonly replications: number;
  readonly seed: number;
}

/** Bootstrap standard errors (IQR-based, as R `did`) and the sup-t critical value over the estimates with a finite SE. */
export interface BootstrapResult {
  readonly se: (number | null)[];
  readonly critical: number | null;
}

const IQR_NORMAL = 1.3489795003921634; // qnorm(0.75) − qnorm(0.25)

/**
 * Multiplier bootstrap with Mammen's two-point weights drawn per cluster (R `did::mboot`): draw
 * δ*_k = Σ_c V_c ψ_c(k); SE_k = IQR(δ*_k) / 1.349; the critical value is the `level` quantile of
 * max_k |δ*_k| / SE_k over the first `bandOver` estimates (type-7 quantile).
 */
export function multiplierBootstrap(sums: Float64Array, clusters: number, K: number, boot: BootstrapSpec, level: number, bandOver = K): BootstrapResult {
  const B = boot.replications;
  const rng = createRandom(boot.seed);
  const s5 = Math.sqrt(5);
  const lo = (1 - s5) / 2;
  const hi = (1 + s5) / 2;
  const pLo = (s5 + 1) / (2 * s5);
  // Estimate-major copy of the cluster sums, so each draw is K contiguous dot products.
  const byEstimate = new Float64Array(K * clusters);
  for (let c = 0; c < clusters; c++) for (let k = 0; k < K; k++) byEstimate[k * clusters + c] = sums[c * K + k];
  const draws = new Float64Array(K * B); // estimate-major: draws[k * B + b]
  const v = new Float64Array(clusters);
  for (let b = 0; b < B; b++) {
    for (let c = 0; c < clusters; c++) v[c] = rng.uniform() < pLo ? lo : hi;
    for (let k = 0; k < K; k++) {
      const row = k * clusters;
      let acc = 0;
      for (let c = 0; c < clusters; c++) acc += v[c] * byEstimate[row + c];
      draws[k * B + b] = acc;
    }
  }
  const se: (number | null)[] = [];
  for (let k = 0; k < K; k++) {
    const col = draws.slice(k * B, (k + 1) * B).sort();
    const s = (quantile7(col, 0.75) - quantile7(col, 0.25)) / IQR_NORMAL;
    se.push(s > Math.sqrt(2.220446049250313e-16) * 10 ? s : null);
  }
  const maxT = new Float64Array(B);
  let any = false;
  for (let k = 0; k < bandOver; k++) {
    const s = se[k];
    if (s === null) continue;
    any = true;
    for (let b = 0; b < B; b++) {
      const t = Math.abs(draws[k * B + b]) / s;
      if (t > maxT[b]) maxT[b] = t;
    }
  }
  maxT.sort();
  return { se, critical: any ? quantile7(maxT, level) : null };
}

/** R's default (type 7) quantile of sorted values. */
export function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
