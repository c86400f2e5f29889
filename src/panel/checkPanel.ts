import { DataError, SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';
import { isPanelStatistics, type PanelStatistics } from './panelStatistics.js';

/** The usual mix-ups (a promise, an export, a match result), refused with a hint. */
function refuseMixUps(expected: string, value: unknown): void {
  if (value instanceof Promise) throw new SpecificationError(`${expected}; got a Promise: await it first`);
  if (!isPlainObject(value)) throw new SpecificationError(`${expected}; got ${describeValue(value)}`);
  if ('employment' in value && 'support' in value) throw new SpecificationError(`${expected}; got a CbsExport: build the panel with eventPanel(exp) first`);
  if ('export' in value && 'truth' in value) throw new SpecificationError(`${expected}; got a synthetic export: build the panel with eventPanel(x.export) first`);
  if ('anchors' in value) throw new SpecificationError(`${expected}; got a match result: build the panel with eventPanel(exp, { anchors: match.anchors })`);
}

/** Whether the per-person columns an estimator reads are there, with their array types. */
function hasPersonColumns(v: Record<string, unknown>): boolean {
  const persons = v.persons as Record<string, unknown> | undefined;
  return isPlainObject(persons) && persons.weight instanceof Float64Array && persons.cluster instanceof Int32Array && persons.group instanceof Int32Array && Array.isArray(v.groups) && isPlainObject(v.spec);
}

/**
 * Check that `value` is an event panel (from `eventPanel` or `panelFromLong`) before an estimator
 * reads it; otherwise a {@link SpecificationError} naming the function, what it expected and what
 * came instead, with a hint for the usual mix-ups (an export, a match result, a promise). With
 * `statistics: true` the function also accepts {@link PanelStatistics} (checked by
 * {@link checkStatistics}); without it, statistics are refused with the reason (the function needs
 * the person-month rows).
 *
 * @example
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => checkPanel('phaseAverages', undefined)); // 'phaseAverages expects an EventPanel (from eventPanel or panelFromLong); got undefined'
 * message(() => checkPanel('phaseAverages', 1, { statistics: true })); // 'phaseAverages expects an EventPanel (from eventPanel or panelFromLong) or its PanelStatistics (panel.statistics()); got the number 1'
 */
export function checkPanel(fn: string, value: unknown, accepts: { readonly statistics?: boolean } = {}): void {
  const expected = `${fn} expects an EventPanel (from eventPanel or panelFromLong)${accepts.statistics ? ' or its PanelStatistics (panel.statistics())' : ''}`;
  if (isPanelStatistics(value)) {
    if (accepts.statistics) return checkStatistics(fn, value);
    throw new SpecificationError(`${expected}; got PanelStatistics: ${fn} needs the panel's person-month rows (outcome and calendar month per row), which statistics pool away; pass the EventPanel itself`);
  }
  refuseMixUps(expected, value);
  const v = value as Record<string, unknown>;
  const ok =
    hasPersonColumns(v) &&
    v.person instanceof Int32Array &&
    v.phase instanceof Uint8Array &&
    v.eventTime instanceof Int16Array &&
    v.outcome instanceof Float64Array &&
    v.offsets instanceof Int32Array;
  if (!ok) throw new SpecificationError(`${expected}; got ${describeValue(value)}`);
}

/**
 * Check {@link PanelStatistics} (e.g. from a query engine) before an estimator reads them: the
 * columns with their array types, one entry per cell in every cell column, offsets per person that
 * match the cells' person column (cells sorted by person), and `n` ≥ 1 in every cell (a DataError
 * names the cell). One pass over the cells; the sums are not re-derived.
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const stats = panelFromLong([{ id: 'a', k: -1, y: 1 }], { id: 'id', eventTime: 'k', outcome: 'y' }).statistics();
 * checkStatistics('phaseAverages', stats); // undefined
 * const message = (f: () => void) => { try { f(); } catch (e) { return (e as Error).message; } };
 * message(() => checkStatistics('phaseAverages', { ...stats, n: Int32Array.of(0) })); // 'panel statistics, row 1, column "n": got 0, expected at least one person-month per cell'
 */
export function checkStatistics(fn: string, value: PanelStatistics): void {
  const v = value as unknown as Record<string, unknown>;
  const cells = value.length;
  const columns: readonly [string, new (n: number) => ArrayLike<number>][] = [
    ['person', Int32Array],
    ['phase', Uint8Array],
    ['eventTime', Int16Array],
    ['n', Int32Array],
    ['sumY', Float64Array],
    ['sumW', Float64Array],
    ['sumWY', Float64Array],
  ];
  const bad = !hasPersonColumns(v) || !Number.isInteger(cells) ? 'persons, groups, spec and length' : columns.find(([key, type]) => !(v[key] instanceof type) || (v[key] as ArrayLike<number>).length !== cells)?.[0];
  if (bad !== undefined) throw new SpecificationError(`${fn}: PanelStatistics need ${bad === 'persons, groups, spec and length' ? bad : `${bad} as a typed array of ${cells} cells`}; got ${describeValue(v[bad] ?? v)}`);
  if (!(value.offsets instanceof Int32Array) || value.offsets.length !== value.persons.length + 1 || value.offsets[value.persons.length] !== cells) {
    throw new SpecificationError(`${fn}: PanelStatistics need offsets as an Int32Array of ${value.persons.length + 1} entries ending at ${cells}`);
  }
  const { n, person, offsets } = value;
  for (let p = 0; p < value.persons.length; p++) {
    for (let c = offsets[p]; c < offsets[p + 1]; c++) {
      if (person[c] !== p) throw new DataError({ file: 'panel statistics', row: c + 1, column: 'person', value: person[c], expected: `person ${p}: cells sorted by person, as offsets say` });
      if (!(n[c] >= 1)) throw new DataError({ file: 'panel statistics', row: c + 1, column: 'n', value: n[c], expected: 'at least one person-month per cell' });
    }
  }
}
