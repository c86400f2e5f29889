import type { Categorical } from '../io/types.js';
import { SpecificationError } from '../core/errors.js';
import { checkOptions, describeValue, isPlainObject } from '../core/options.js';

/**
 * Contract kind code of a contract type that is neither fixed-term nor open-ended (or missing).
 *
 * @example
 * CONTRACT_UNKNOWN; // 0
 */
export const CONTRACT_UNKNOWN = 0;
/**
 * Contract kind code of fixed-term contracts (bepaalde tijd, `B`).
 *
 * @example
 * CONTRACT_FIXED; // 1
 */
export const CONTRACT_FIXED = 1;
/**
 * Contract kind code of open-ended contracts (onbepaalde tijd, `O`).
 *
 * @example
 * CONTRACT_OPEN_ENDED; // 2
 */
export const CONTRACT_OPEN_ENDED = 2;

/** Which raw contract values mean fixed-term and open-ended (compared case-insensitively, trimmed). */
export interface ContractCodes {
  readonly fixed: readonly string[];
  readonly openEnded: readonly string[];
}

/**
 * CBS `SCONTRACTSOORT`: `B` fixed-term, `O` open-ended; the spelled-out Dutch forms are accepted too.
 *
 * @example
 * DEFAULT_CONTRACT_CODES.fixed.includes('B'); // true
 */
export const DEFAULT_CONTRACT_CODES: ContractCodes = {
  fixed: ['B', 'bepaald', 'bepaalde tijd', 'fixed', 'fixed-term'],
  openEnded: ['O', 'onbepaald', 'onbepaalde tijd', 'open', 'open-ended'],
};

/**
 * Map each level of a contract-type column to a contract kind code.
 *
 * @example
 * Array.from(contractKinds({ codes: new Int32Array([0, 1, 2]), levels: ['B', 'O', 'X'] })); // [1, 2, 0]
 */
export function contractKinds(contract: Categorical, codes: ContractCodes = DEFAULT_CONTRACT_CODES): Uint8Array {
  if (!isPlainObject(contract) || !Array.isArray(contract.levels)) throw new SpecificationError(`contractKinds expects a categorical column { codes, levels } (e.g. exp.employment.contract), got ${describeValue(contract)}`);
  checkOptions('contractKinds', codes, { fixed: true, openEnded: true });
  for (const k of ['fixed', 'openEnded'] as const)
    if (!Array.isArray(codes[k]) || !codes[k].every((c) => typeof c === 'string')) throw new SpecificationError(`contractKinds: ${k} must be an array of strings, got ${describeValue(codes[k])}`);
  const fixed = new Set(codes.fixed.map((s) => s.trim().toLowerCase()));
  const open = new Set(codes.openEnded.map((s) => s.trim().toLowerCase()));
  const kinds = new Uint8Array(contract.levels.length);
  contract.levels.forEach((level, i) => {
    const key = level.trim().toLowerCase();
    kinds[i] = fixed.has(key) ? CONTRACT_FIXED : open.has(key) ? CONTRACT_OPEN_ENDED : CONTRACT_UNKNOWN;
  });
  return kinds;
}
