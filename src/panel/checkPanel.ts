import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';

/**
 * Check that `value` is an event panel (from `eventPanel` or `panelFromLong`) before an estimator
 * reads it; otherwise a {@link SpecificationError} naming the function, what it expected and what
 * came instead, with a hint for the usual mix-ups (an export, a match result, a promise).
 *
 * @example
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => checkPanel('phaseAverages', undefined)); // 'phaseAverages expects an EventPanel (from eventPanel or panelFromLong); got undefined'
 */
export function checkPanel(fn: string, value: unknown): void {
  const expected = `${fn} expects an EventPanel (from eventPanel or panelFromLong)`;
  if (value instanceof Promise) throw new SpecificationError(`${expected}; got a Promise: await it first`);
  if (!isPlainObject(value)) throw new SpecificationError(`${expected}; got ${describeValue(value)}`);
  const v = value as Record<string, unknown>;
  if ('employment' in v && 'support' in v) throw new SpecificationError(`${expected}; got a CbsExport: build the panel with eventPanel(exp) first`);
  if ('export' in v && 'truth' in v) throw new SpecificationError(`${expected}; got a synthetic export: build the panel with eventPanel(x.export) first`);
  if ('anchors' in v) throw new SpecificationError(`${expected}; got a match result: build the panel with eventPanel(exp, { anchors: match.anchors })`);
  const persons = v.persons as Record<string, unknown> | undefined;
  const ok =
    isPlainObject(persons) &&
    persons.weight instanceof Float64Array &&
    persons.cluster instanceof Int32Array &&
    persons.group instanceof Int32Array &&
    Array.isArray(v.groups) &&
    v.person instanceof Int32Array &&
    v.phase instanceof Uint8Array &&
    v.eventTime instanceof Int16Array &&
    v.outcome instanceof Float64Array &&
    v.offsets instanceof Int32Array &&
    isPlainObject(v.spec);
  if (!ok) throw new SpecificationError(`${expected}; got ${describeValue(value)}`);
}
