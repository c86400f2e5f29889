// Public API of the contracts stage: employment relationships, tenure distributions, survival.
export * from './wilson.js';
export * from './contractType.js';
export * from './relationships.js';
export * from './tenure.js';
export * from './bins.js';
export { NO_SUPPORT_LABEL, MISSING_LABEL, ALL_LABEL, type DateLike, type Population, type GroupBy } from './population.js';
export type { TenureBinFields, TenureBinRow, EventTimeTenureRow, ContractLengthSummary } from './rows.js';
export { contractLengths, type ContractLengthsOptions, type ContractLengthsResult } from './contractLengths.js';
export type { SurvivalData } from './survivalInput.js';
export {
  kaplanMeier,
  survivalInterval,
  survivalQuantile,
  type ConfType,
  type KaplanMeierOptions,
  type KaplanMeierCurve,
  type KaplanMeierFit,
  type KaplanMeierRow,
  type KaplanMeierSummaryRow,
  type MedianSurvival,
} from './kaplanMeier.js';
export { logRankTest, type LogRankOptions, type LogRankGroup, type LogRankResult } from './logRank.js';
export { tenureShareSeries, type MonthLike, type TenureShareSeriesOptions, type TenureShareRow, type TenureShareSeriesResult } from './tenureShareSeries.js';
export { tenureByEventTime, type TenureByEventTimeOptions, type TenureByEventTimeResult } from './tenureByEventTime.js';
export {
  employerTypeShares,
  supportCountsOnJanuaryFirst,
  type EmployerTypeShareOptions,
  type EmployerTypeShareRow,
  type EmployerTypeShareResult,
  type SchemeCountRow,
  type SupportTotalRow,
  type SupportCountsResult,
} from './employerTypes.js';
export { relationshipSurvival, type SurvivalGroupBy, type RelationshipSurvivalOptions, type RelationshipSurvivalResult } from './relationshipSurvival.js';
