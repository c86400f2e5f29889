/**
 * The inference layer shared by every estimator: cluster-robust (CR1) variance, Wald and
 * linear-trend tests, multiplier and wild cluster bootstraps, proportion intervals.
 *
 * @module inference
 */
export { cr1Factor, clusterCovariance, contrastVariance } from './clusterCovariance.js';
export { waldTest, type WaldTestOptions, type WaldDistribution } from './waldTest.js';
export { linearTrendTest, type LinearTrend } from './linearTrendTest.js';
export {
  multiplierDraws,
  resolveBootstrap,
  supTCritical,
  BOOTSTRAP_KEYS,
  type MultiplierWeights,
  type MultiplierBootstrapOptions,
  type ResolvedBootstrap,
} from './multiplierBootstrap.js';
export { wildClusterBootstrapT, type CellContrast, type WildBootstrapResult } from './wildBootstrap.js';
export type { ProportionInterval } from './proportionInterval.js';
export { wilsonInterval } from './wilsonInterval.js';
export { clopperPearsonInterval } from './clopperPearsonInterval.js';
export { waldInterval } from './waldInterval.js';
