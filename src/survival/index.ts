// Public API of the survival stage: Cox regression.
export type { CoxData, CovariateColumn, CoxTerm } from './coxInput.js';
export type { CoxConcordance } from './concordance.js';
export { coxRegression, type CoxOptions, type CoxSpec, type CoxCoefficientRow, type CoxResult, type CoxModel, type CoxTies } from './coxRegression.js';
