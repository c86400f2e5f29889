// Public API of the contracts stage: employment relationships, tenure distributions, survival.
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
export { contractLengths, type ContractLengthsOptions, type ContractLengthsResult } from './contractLengths.js';
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
export type { SurvivalData } from './survivalInput.js';
export {
  kaplanMeier,
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
export { relationshipSurvival, type SurvivalGroupBy, type RelationshipSurvivalOptions, type RelationshipSurvivalResult } from './relationshipSurvival.js';
