// Public API of the io stage: dates, errors, the columnar export and its loaders.
export * from './dates.js';
export * from './errors.js';
export type * from './types.js';
export * from './columns.js';
