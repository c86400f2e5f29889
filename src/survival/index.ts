/**
 * Cox regression pinned to R survival::coxph, with cox.zph, adjusted survival curves and
 * concordance, also on employment relationships. Guide:
 * [durability](../../docs/guides/durability.md).
 *
 * @module survival
 */
export type { CoxData, CovariateColumn, CoxTerm } from './coxInput.js';
export type { CoxConcordance } from './concordance.js';
export { coxRegression, type CoxOptions, type CoxSpec, type CoxCoefficientRow, type CoxResult, type CoxModel, type CoxTies } from './coxRegression.js';
export { coxZph, type ZphTransform, type CoxZphOptions, type CoxZphRow, type CoxZphSpec, type CoxZphResult } from './coxZph.js';
export { coxSurvival, type CoxProfile, type CoxSurvivalOptions, type CoxSurvivalRow, type CoxSurvivalSpec, type CoxSurvivalResult } from './coxSurvival.js';
export { relationshipCox, relationshipCoxData, type RelationshipCoxData, type RelationshipCovariate, type RelationshipCoxOptions, type RelationshipCoxResult } from './relationshipCox.js';
export type { CoxEventTimes } from './coxPass.js';
export type { CoxSorted } from './coxSorted.js';
