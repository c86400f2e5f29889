/**
 * participation-effects/node: everything in the core entry plus Node-only helpers
 * (reading exports from file paths, the embedded dataset, rendering and writing outputs).
 */
export * from './index.js';
export * from './node/index.js';
