/**
 * participation-effects/node: everything in the core entry plus Node-only helpers
 * (reading exports from file paths, writing outputs).
 */
export * from './index.js';
