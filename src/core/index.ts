/**
 * What every stage uses: the typed errors, calendar arithmetic, the seeded random generator,
 * critical values, option checking and the result protocol.
 *
 * @module core
 */
export * from './errors.js';
export * from './calendar.js';
export { createRandom, type Random } from './random.js';
export { normalCritical } from './critical.js';
// Separate module: code that needs only the normal does not bundle the t distribution.
export { tCritical } from './tCritical.js';
export { checkOptions, nearestName, describeValue, isPlainObject, type OptionKeys } from './options.js';
export { createResult, rowsTable, formatTest, checkResultKind, type Result, type ResultParts, type ResultColumn, type HypothesisTest } from './result.js';
export type { PublicColumnTable } from './publicTable.js';
