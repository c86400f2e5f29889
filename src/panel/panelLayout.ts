/**
 * Where each panel person's rows go: anchors checked, anchor months, observed month range, and
 * the exact number of rows per person (CSR offsets), before any outcome is computed.
 */
import { monthOfDay, OPEN_END } from '../core/calendar.js';
import { DataError, SpecificationError } from '../core/errors.js';
import type { ObservationMonths } from './observationMonths.js';
import type { PanelAnchors } from './types.js';

/** The panel's windows: months before S, after E, and whether `during` rows exist. */
export interface PanelWindows {
  readonly before: number;
  readonly after: number;
  readonly during: boolean;
}

/** Per panel person: anchor months, observed month-index range, weight, cluster, row offsets. */
export interface PanelLayout {
  readonly anchorStart: Int32Array;
  /** Anchor end month, -1 when support is ongoing. */
  readonly anchorEnd: Int32Array;
  /** Observed month-index range `[lo, hi]` within the period. */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly offsets: Int32Array;
  readonly weight: Float64Array;
  readonly cluster: Int32Array;
}

/**
 * Number of integers in `[a, b] ∩ [lo, hi]`.
 *
 * @example
 * overlap(-3, 5, 0, 10); // 6
 */
export function overlap(a: number, b: number, lo: number, hi: number): number {
  const x = a > lo ? a : lo;
  const y = b < hi ? b : hi;
  return y >= x ? y - x + 1 : 0;
}

/** One anchor row, checked: a DataError names the anchors row, column and value. */
function checkAnchorRow(anchors: PanelAnchors, i: number, persons: number): void {
  const p = anchors.person[i];
  if (p < 0 || p >= persons) throw new DataError({ file: 'anchors', row: i + 1, column: 'person', value: p, expected: `a person index 0…${persons - 1}` });
  const s = anchors.start[i];
  const e = anchors.end[i];
  if (e < s) throw new DataError({ file: 'anchors', row: i + 1, column: 'end', value: e, expected: `an end on or after the start (${s})` });
  const g = anchors.group[i];
  if (g < 0 || g >= anchors.groups.length) throw new DataError({ file: 'anchors', row: i + 1, column: 'group', value: g, expected: `a group code 0…${anchors.groups.length - 1}` });
  if (anchors.weight) {
    const w = anchors.weight[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new DataError({ file: 'anchors', row: i + 1, column: 'weight', value: w, expected: 'a finite weight ≥ 0' });
  }
}

/**
 * The layout of a panel over `months` for `anchors` (export persons: `persons`), with optional
 * per-person observed ranges `bounds` (from `personMonthRanges`).
 *
 * @example
 * import { observationMonths } from './observationMonths.js';
 * const months = observationMonths({ start: toDayNumber('20200101'), end: toDayNumber('20201231') });
 * const anchors = { person: Int32Array.of(0), start: Int32Array.of(toDayNumber('20200415')), end: Int32Array.of(toDayNumber('20200610')), group: Int32Array.of(0), groups: ['supported'] };
 * const layout = panelLayout(anchors, 1, months, { before: 6, after: 3, during: false });
 * layout.offsets[1]; // 6 (January–March before, July–September after)
 */
export function panelLayout(anchors: PanelAnchors, persons: number, months: ObservationMonths, windows: PanelWindows, bounds?: { lo: Int32Array; hi: Int32Array }): PanelLayout {
  const nP = anchors.person.length;
  for (const [name, arr] of [['start', anchors.start], ['end', anchors.end], ['group', anchors.group]] as const) {
    if (arr.length !== nP) throw new SpecificationError(`anchors.${name} has ${arr.length} rows, anchors.person has ${nP}`);
  }
  const L = months.length;
  const { before: W0, after: W1, during } = windows;
  const layout: PanelLayout = {
    anchorStart: new Int32Array(nP),
    anchorEnd: new Int32Array(nP),
    lo: new Int32Array(nP),
    hi: new Int32Array(nP),
    offsets: new Int32Array(nP + 1),
    weight: new Float64Array(nP).fill(1),
    cluster: new Int32Array(nP).fill(-1),
  };
  const seen = new Uint8Array(persons);
  let repeated = false;
  for (let i = 0; i < nP; i++) {
    checkAnchorRow(anchors, i, persons);
    const p = anchors.person[i];
    if (seen[p]) repeated = true;
    seen[p] = 1;
    if (anchors.weight) layout.weight[i] = anchors.weight[i];
    if (anchors.cluster) layout.cluster[i] = anchors.cluster[i];
    const S = monthOfDay(anchors.start[i]);
    const E = anchors.end[i] >= OPEN_END ? -1 : monthOfDay(anchors.end[i]);
    layout.anchorStart[i] = S;
    layout.anchorEnd[i] = E;
    const pl = bounds ? bounds.lo[p] : 0;
    const ph = bounds ? bounds.hi[p] : L - 1;
    layout.lo[i] = pl;
    layout.hi[i] = ph;
    const Srel = S - months.start;
    let rows = overlap(Srel - W0, Srel - 1, pl, ph);
    if (during) rows += overlap(Srel, E < 0 ? L : E - months.start, pl, ph);
    if (E >= 0) rows += overlap(E - months.start + 1, E - months.start + W1, pl, ph);
    layout.offsets[i + 1] = layout.offsets[i] + rows;
  }
  // Without explicit clusters, a person anchored more than once is still one cluster.
  if (!anchors.cluster && repeated) for (let i = 0; i < nP; i++) layout.cluster[i] = anchors.person[i];
  return layout;
}
