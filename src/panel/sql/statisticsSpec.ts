/** The parts of a {@link PanelStatistics} that the SQL paths build alike: group codes, offsets, spec. */
import { SpecificationError } from '../../core/errors.js';
import { nearestName } from '../../core/options.js';
import type { PanelStatistics } from '../panelStatistics.js';
import type { PanelSpec } from '../types.js';
import type { ResolvedSqlOptions } from './panelSqlOptions.js';

/**
 * Group labels in their order: `groups` as asked (each must occur, unless `present` is false: the
 * groups of explicit anchors may be empty), else every label sorted, as `supportAnchors` orders
 * them; and the code of each label.
 *
 * @example
 * groupCodes(['b', 'a', 'b']).groups; // ['a', 'b']
 */
export function groupCodes(labels: readonly string[], groups?: readonly string[], present = true): { groups: readonly string[]; code: Map<string, number> } {
  const found = [...new Set(labels)].sort();
  if (groups && present) {
    for (const g of groups) {
      if (found.includes(g)) continue;
      const near = nearestName(g, found);
      throw new SpecificationError(`groups lists "${g}", which no panel person has${near === undefined ? '' : ` (did you mean "${near}"?)`}; the labels are ${found.map((x) => JSON.stringify(x)).join(', ')}`);
    }
  }
  const order = groups ?? found;
  return { groups: order, code: new Map(order.map((g, i) => [g, i])) };
}

/**
 * CSR offsets of cells sorted by person (`persons` + 1 entries).
 *
 * @example
 * [...cellOffsets(Int32Array.of(0, 0, 2), 3)]; // [0, 2, 2, 3]
 */
export function cellOffsets(person: Int32Array, persons: number): Int32Array {
  const offsets = new Int32Array(persons + 1);
  for (let r = 0; r < person.length; r++) offsets[person[r]! + 1]!++;
  for (let p = 0; p < persons; p++) offsets[p + 1]! += offsets[p]!;
  return offsets;
}

/**
 * The spec of statistics computed with resolved SQL options over the observed months `observation`.
 *
 * @example
 * import { resolveSqlOptions } from './panelSqlOptions.js';
 * statisticsSpec(resolveSqlOptions({ after: 12 }), undefined); // { before: 48, after: 12, during: false, definition: 'any-day' }
 */
export function statisticsSpec(o: ResolvedSqlOptions, observation: { startMonth: number; endMonth: number } | undefined): PanelSpec {
  return { before: o.before, after: o.after, during: o.during, definition: o.label, ...(observation ? { observation } : {}) };
}

/** The cell columns of a {@link PanelStatistics}. */
export type StatisticsCells = Pick<PanelStatistics, 'length' | 'person' | 'phase' | 'eventTime' | 'n' | 'sumY' | 'sumW' | 'sumWY'>;
