/**
 * Against a matched control group: matching (exact strata, propensity score or Mahalanobis, nearest
 * neighbour), balance, difference-in-differences and the event study with uniform bands and
 * pre-trend tests. Guide: [control groups](../../docs/guides/control-groups.md).
 *
 * @module compare
 */
export { logisticRegression, type LogisticFit, type LogisticOptions } from './logisticRegression.js';
export { diffInDiff, type DidBiasCorrection, type DiffInDiffOptions, type DiffInDiffResult, type DiffInDiffSpec } from './diffInDiff.js';
export type { MatchedValues } from './biasCorrection.js';
export type { DiffInDiffRow } from './didRows.js';
export type { MatchSpec } from './matchSpec.js';
export { resolveClustering, type ClusterBy, type Clustering } from './clusters.js';
export { eventStudy, type EventStudyEstimateOptions, type EventStudyResult, type EventStudySpec, type EventTimeEstimate } from './eventStudy.js';
export {
  matchControls,
  type EmptyStratum,
  type MatchControlsOptions,
  type MatchResult,
  type UnmatchedPerson,
  type UnmatchedReason,
} from './matchControls.js';
export type { BalanceRow } from './balance.js';
export { matchPopulationFromExport, isMatchPopulation, checkMatchPopulation, populationAnchors, type MatchPopulation, type MatchPopulationOptions } from './matchPopulation.js';
export { matchPopulationSql, matchPopulationFromColumns, type MatchPopulationColumns, type MatchPopulationQueries, type ResultCell } from './matchPopulationSql.js';
export { employmentMonths, monthStride, type EmploymentMonths } from './employmentMonths.js';
