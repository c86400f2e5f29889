/**
 * How long the jobs last: employment relationships, tenure distributions and series, employer
 * types, support counts, Kaplan–Meier survival with delayed entry and the log-rank test. Guide:
 * [durability](../../docs/guides/durability.md).
 *
 * @module contracts
 */
export { CONTRACT_UNKNOWN, CONTRACT_FIXED, CONTRACT_OPEN_ENDED, DEFAULT_CONTRACT_CODES, contractKinds, type ContractCodes } from './contractType.js';
export { NO_DAY, employmentRelationships, type RelationshipOptions, type EmploymentRelationships } from './relationships.js';
export {
  DAYS_PER_YEAR,
  DAYS_PER_MONTH,
  completedMonths,
  tenureDays,
  daysToYears,
  daysToMonths,
  tenureOnDate,
  type RelationshipPick,
  type TenureOnDate,
} from './tenure.js';
export { DEFAULT_TENURE_BINS, UNKNOWN_BIN, NO_RELATIONSHIP_BIN, tenureBins, type TenureBins } from './bins.js';
export { NO_SUPPORT_LABEL, MISSING_LABEL, ALL_LABEL, type DateLike, type Population, type GroupBy } from './population.js';
export type { TenureBinFields, TenureBinRow, EventTimeTenureRow, ContractLengthSummary } from './rows.js';
export type { TenureCommonOptions } from './tenureOptions.js';
export { contractLengths, type ContractLengthsOptions, type ContractLengthsSpec, type ContractLengthsResult } from './contractLengths.js';
export {
  tenureShareSeries,
  type MonthLike,
  type TenureShareSeriesOptions,
  type TenureShareSeriesSpec,
  type TenureShareRow,
  type TenureShareSeriesResult,
} from './tenureShareSeries.js';
export { tenureByEventTime, type TenureByEventTimeOptions, type TenureByEventTimeSpec, type TenureByEventTimeResult } from './tenureByEventTime.js';
export {
  employerTypeShares,
  supportCountsOnJanuaryFirst,
  type EmployerTypeShareOptions,
  type EmployerTypeShareSpec,
  type EmployerTypeShareRow,
  type EmployerTypeShareResult,
  type SchemeCountRow,
  type SupportTotalRow,
  type SupportCountsSpec,
  type SupportCountsResult,
} from './employerTypes.js';
export type { SurvivalData } from './survivalInput.js';
export { survivalQuantile } from './survivalQuantile.js';
export {
  kaplanMeier,
  type ConfType,
  type KaplanMeierOptions,
  type KaplanMeierSpec,
  type KaplanMeierCurve,
  type KaplanMeierFit,
  type KaplanMeierRow,
  type KaplanMeierAtRow,
  type MedianSurvival,
} from './kaplanMeier.js';
export { logRankTest, type LogRankOptions, type LogRankSpec, type LogRankGroup, type LogRankResult } from './logRank.js';
export {
  relationshipSurvival,
  type SurvivalGroupBy,
  type RelationshipSurvivalOptions,
  type RelationshipSurvivalSpec,
  type RelationshipDurations,
  type RelationshipSurvivalResult,
} from './relationshipSurvival.js';
