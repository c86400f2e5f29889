// Public API of the core stage: what every other stage uses (errors, calendar arithmetic, the
// seeded PRNG, critical values, option validation and the result protocol).
export * from './errors.js';
export * from './calendar.js';
export { createRandom, type Random } from './random.js';
export { normalCritical } from './critical.js';
// Separate module: code that needs only the normal does not bundle the t distribution.
export { tCritical } from './tCritical.js';
export { checkOptions, nearestName, describeValue, isPlainObject, type OptionKeys } from './options.js';
export { createResult, rowsTable, formatTest, checkResultKind, type Result, type ResultParts, type ResultColumn, type HypothesisTest } from './result.js';
export type { PublicColumnTable } from './publicTable.js';
