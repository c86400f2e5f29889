/**
 * participation-effects: labour participation before and after employment support,
 * from CBS-style microdata. This entry runs in any JavaScript runtime (no file system);
 * file readers live in `participation-effects/node`.
 */
export * from './core/index.js';
export * from './inference/index.js';
export * from './io/index.js';
export * from './synth/index.js';
export * from './panel/index.js';
export * from './estimate/index.js';
export * from './compare/index.js';
export * from './contracts/index.js';
export * from './disclose/index.js';
export * from './figures/index.js';
export * from './staggered/index.js';
export * from './survival/index.js';
