// Public API of the compare stage: matched controls, difference-in-differences, event study.
export { logisticRegression, type LogisticFit, type LogisticOptions } from './logisticRegression.js';
export { diffInDiff, type DiffInDiffCell, type DiffInDiffOptions, type DiffInDiffResult } from './diffInDiff.js';
export type { ClusterBy } from './clusters.js';
export {
  eventStudy,
  type EventStudyEstimateOptions,
  type EventStudyResult,
  type EventTimeEstimate,
  type MultiplierBootstrapOptions,
  type PreTrendTest,
} from './eventStudy.js';
export {
  matchControls,
  type EmptyStratum,
  type MatchControlsOptions,
  type MatchResult,
  type UnmatchedPerson,
  type UnmatchedReason,
} from './matchControls.js';
export type { BalanceRow } from './balance.js';
