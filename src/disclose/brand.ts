/**
 * The mark a table carries once it has passed output control. A registered symbol, so that the mark is
 * recognised across duplicate copies of this package (ESM and CJS builds loaded side by side).
 *
 * @example
 * const controlled = applyOutputControl([{ group: 'A', n_persons: 40, estimate: 0.3 }]);
 * controlled[OUTPUT_CONTROLLED]; // true
 */
export const OUTPUT_CONTROLLED: unique symbol = Symbol.for('participation-effects.output-controlled');
