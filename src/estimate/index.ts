// Public API of the estimate stage.
export type * from './types.js';
