import type { CbsExport } from './types.js';
import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';

const isInt32 = (v: unknown): boolean => v instanceof Int32Array;

/**
 * Check that `value` is a loaded CBS export (from `loadCbsExport` or `loadSynthetic`) before a
 * contracts function reads it; otherwise a {@link SpecificationError} that names the function,
 * says what it expected and what came instead (with a hint for the usual mix-ups).
 */
export function checkExport(fn: string, value: unknown): asserts value is CbsExport {
  const expected = `${fn} expects a CbsExport (from loadCbsExport or loadSynthetic)`;
  if (!isPlainObject(value)) throw new SpecificationError(`${expected}; got ${describeValue(value)}`);
  const { persons, support, employment, observation } = value as Record<string, unknown>;
  if (isPlainObject(employment) && isPlainObject(persons) && !isInt32(employment.offsets) && ArrayBuffer.isView(employment.employer)) {
    throw new SpecificationError(`${expected}; got a raw synthetic export (synthesizeCbsExport): load it with loadSynthetic(options), or loadCbsExport(syntheticTables(x))`);
  }
  if ('time' in value && 'event' in value) throw new SpecificationError(`${expected}; got survival data { time, event }: use kaplanMeier or logRankTest`);
  const ok =
    isPlainObject(persons) &&
    typeof persons.length === 'number' &&
    isPlainObject(support) &&
    isInt32(support.offsets) &&
    isInt32(support.start) &&
    isPlainObject(employment) &&
    isInt32(employment.offsets) &&
    isInt32(employment.start) &&
    isPlainObject(employment.employer) &&
    isPlainObject(observation) &&
    typeof observation.start === 'number' &&
    typeof observation.end === 'number';
  if (!ok) throw new SpecificationError(`${expected}; got ${describeValue(value)}`);
}
