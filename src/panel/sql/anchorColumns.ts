/**
 * Explicit anchors and per-person observation bounds keyed by person key instead of export row, as
 * the tables `pe_anchors` and `pe_bounds` of the panel SQL hold them (docs/guides/scale.md).
 */
import { DataError, SpecificationError } from '../../core/errors.js';
import type { PersonTable } from '../../io/types.js';
import type { ObservationBounds } from '../eventPanelOptions.js';
import type { PanelAnchors } from '../types.js';

/** Anchors by person key: the columns of `pe_anchors` (`grp` is `group` here; days since 1970-01-01). */
export interface AnchorColumns {
  readonly rinpersoons: readonly string[];
  readonly rinpersoon: readonly string[];
  /** Anchor start S as a day number. */
  readonly start: ArrayLike<number>;
  /** Anchor end E as a day number (`OPEN_END` when support is ongoing). */
  readonly end: ArrayLike<number>;
  /** Group label per row. */
  readonly group: readonly string[];
  /** Analysis weight per row (default 1). */
  readonly weight?: ArrayLike<number>;
  /** Cluster per row (default: the person). */
  readonly cluster?: ArrayLike<number>;
  /** The order of the group labels (as `PanelAnchors.groups`); default sorted. */
  readonly groups?: readonly string[];
}

/** Observation bounds by person key: the columns of `pe_bounds` (inclusive day numbers). */
export interface BoundColumns {
  readonly rinpersoons: readonly string[];
  readonly rinpersoon: readonly string[];
  readonly start: ArrayLike<number>;
  readonly end: ArrayLike<number>;
}

function keys(persons: PersonTable, rows: Int32Array, file: string): { rinpersoons: string[]; rinpersoon: string[] } {
  const rinpersoons = new Array<string>(rows.length);
  const rinpersoon = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]!;
    if (!(p >= 0 && p < persons.length)) throw new DataError({ file, row: i + 1, column: 'person', value: p, expected: `a person index 0…${persons.length - 1}` });
    rinpersoons[i] = persons.rinpersoons[p]!;
    rinpersoon[i] = persons.rinpersoon[p]!;
  }
  return { rinpersoons, rinpersoon };
}

/**
 * Anchors (e.g. `matchControls(exp).anchors`) as {@link AnchorColumns}, for the DuckDB engine or to
 * write as the table `pe_anchors` of an engine where the spells are.
 *
 * @example
 * import { loadSynthetic, supportAnchors } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 1, scale: 0.002 });
 * const a = anchorColumns(exp.persons, supportAnchors(exp));
 * [a.rinpersoon[0]?.length, a.group[0]]; // [9, 'supported']
 */
export function anchorColumns(persons: PersonTable, anchors: PanelAnchors): AnchorColumns {
  const n = anchors.person.length;
  for (const [name, arr] of [['start', anchors.start], ['end', anchors.end], ['group', anchors.group]] as const) {
    if (arr.length !== n) throw new SpecificationError(`anchors.${name} has ${arr.length} rows, anchors.person has ${n}`);
  }
  const group = Array.from(anchors.group, (g, i) => {
    const label = anchors.groups[g];
    if (label === undefined) throw new DataError({ file: 'anchors', row: i + 1, column: 'group', value: g, expected: `a group code 0…${anchors.groups.length - 1}` });
    return label;
  });
  return {
    ...keys(persons, anchors.person, 'anchors'),
    start: anchors.start,
    end: anchors.end,
    group,
    groups: [...anchors.groups],
    ...(anchors.weight ? { weight: anchors.weight } : {}),
    ...(anchors.cluster ? { cluster: anchors.cluster } : {}),
  };
}

/**
 * Observation bounds (export rows) as {@link BoundColumns}.
 *
 * @example
 * import { loadSynthetic } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 1, scale: 0.002 });
 * boundColumns(exp.persons, { person: Int32Array.of(0), start: Int32Array.of(17000), end: Int32Array.of(18000) }).start[0]; // 17000
 */
export function boundColumns(persons: PersonTable, bounds: ObservationBounds): BoundColumns {
  return { ...keys(persons, bounds.person, 'observationBounds'), start: bounds.start, end: bounds.end };
}
