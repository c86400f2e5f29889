// Public API of the compare stage: matched controls, difference-in-differences, event study.
export { logisticRegression, type LogisticFit, type LogisticOptions } from './logisticRegression.js';
export { diffInDiff, type DidBiasCorrection, type DiffInDiffOptions, type DiffInDiffResult, type DiffInDiffSpec } from './diffInDiff.js';
export type { MatchedValues } from './biasCorrection.js';
export type { DiffInDiffRow } from './didRows.js';
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
