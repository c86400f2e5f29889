/**
 * Benchmarks of the survival stage: Cox regression of the export's employment relationships, and
 * Cox regression on one million plain durations with 5 and 10 covariates (Efron ties, times in
 * whole months so ties are heavy), model-based and clustered. Called by the bench harness;
 * `node --import tsx tests/bench/survival.ts` runs the 1M part alone.
 */
import { fileURLToPath } from 'node:url';
import type { CbsExport } from '../../src/io/types.js';
import { coxRegression } from '../../src/survival/coxRegression.js';
import { relationshipCox } from '../../src/survival/relationshipCox.js';
import { coxZph } from '../../src/survival/coxZph.js';
import type { CoxData } from '../../src/survival/coxInput.js';

type Measure = (label: string, fn: () => unknown) => Promise<unknown>;

/** n durations with p covariates (p − 1 normal, one 3-level label), ~30 % censored, times in whole months. */
function durations(n: number, p: number): CoxData {
  let s = 987654321;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const covariates: Record<string, Float64Array | string[]> = {};
  const xs = Array.from({ length: p - 1 }, () => new Float64Array(n));
  const label = new Array<string>(n);
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p - 1; j++) {
      xs[j][i] = normal();
      eta += (0.1 * (j + 1) * xs[j][i]) / p;
    }
    const k = Math.floor(rand() * 3);
    label[i] = ['regulier', 'sociale firma', 'Pantar'][k];
    eta += [0, 0.3, -0.2][k];
    time[i] = Math.ceil((-Math.log(1 - rand()) * 24) / Math.exp(eta));
    event[i] = rand() < 0.7 ? 1 : 0;
    cluster[i] = Math.floor(i / 2);
  }
  xs.forEach((x, j) => (covariates[`x${j + 1}`] = x));
  covariates.employer = label;
  return { time, event, covariates, cluster };
}

export async function benchSurvival(exp: CbsExport | null, measure: Measure): Promise<void> {
  if (exp) await measure('survival: relationshipCox (scheme, employer type, contract, age; by person)', () => relationshipCox(exp).events);
  for (const p of [5, 10]) {
    const data = durations(1_000_000, p - 1);
    const { cluster: _cluster, ...plain } = data;
    await measure(`survival: coxRegression, 1M durations, ${p} coefficients, Efron`, () => coxRegression(plain).iterations);
    await measure(`survival: coxRegression, 1M durations, ${p} coefficients, Efron, clustered robust SE`, () => coxRegression(data).iterations);
  }
  const data = durations(1_000_000, 4);
  await measure('survival: coxZph, 1M durations, 5 coefficients', () => coxZph(coxRegression(data)).rows.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const measure: Measure = async (label, fn) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage().user;
    const v = await fn();
    const cpu = (process.cpuUsage().user - c0) / 1e6;
    console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU (${String(v)})`);
    return v;
  };
  await benchSurvival(null, measure);
}
