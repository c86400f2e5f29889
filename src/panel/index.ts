// Public API of the panel stage.
export * from './types.js';
