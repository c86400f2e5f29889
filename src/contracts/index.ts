// Public API of the contracts stage: employment relationships, tenure distributions, survival.
export * from './wilson.js';
export * from './contractType.js';
export * from './relationships.js';
export * from './tenure.js';
export * from './bins.js';
export { NO_SUPPORT_LABEL, MISSING_LABEL, ALL_LABEL, type DateLike, type Population, type GroupBy } from './population.js';
export type { TenureBinRow, ContractLengthSummary } from './rows.js';
export { contractLengths, type ContractLengthOptions, type ContractLengthResult } from './contractLengths.js';
