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
