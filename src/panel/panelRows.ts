/**
 * Filling a panel's rows: for every panel person, the months of each phase window inside the
 * observed range, with event time, calendar month and outcome. Months whose outcome is missing
 * (NaN) get no row and are counted.
 */
import { PHASE_CODE } from './types.js';
import type { MonthlyOutcome } from './monthlyOutcome.js';
import type { ObservationMonths } from './observationMonths.js';
import type { PanelLayout, PanelWindows } from './panelLayout.js';

/** The row columns of a panel, sorted by person, phase and event time, with CSR offsets. */
export interface PanelRows {
  readonly length: number;
  readonly person: Int32Array;
  readonly phase: Uint8Array;
  readonly eventTime: Int16Array;
  readonly outcome: Float64Array;
  readonly month: Int32Array;
  readonly offsets: Int32Array;
  /** Person-months inside the windows and observed, but left out because the outcome is missing. */
  readonly missingOutcome: number;
}

/**
 * The rows of a panel laid out by `layout`, with outcomes from `outcome`; `exportPerson[i]` is the
 * export person of panel person i.
 *
 * @example
 * import { observationMonths } from './observationMonths.js';
 * import { panelLayout } from './panelLayout.js';
 * const months = observationMonths({ start: toDayNumber('20200101'), end: toDayNumber('20201231') });
 * const anchors = { person: Int32Array.of(0), start: Int32Array.of(toDayNumber('20200415')), end: Int32Array.of(toDayNumber('20200610')), group: Int32Array.of(0), groups: ['supported'] };
 * const windows = { before: 2, after: 1, during: false };
 * const layout = panelLayout(anchors, 1, months, windows);
 * const odd = { label: 'odd', indicator: false, fill: (p: number, lo: number, hi: number, v: Float64Array) => { for (let m = lo; m <= hi; m++) v[m] = m % 2 ? m : NaN; } };
 * const rows = panelRows(layout, anchors.person, months, windows, odd);
 * [rows.length, rows.missingOutcome, [...rows.eventTime], [...rows.outcome]]; // [1, 2, [-2], [1]]
 */
export function panelRows(layout: PanelLayout, exportPerson: Int32Array, months: ObservationMonths, windows: PanelWindows, outcome: MonthlyOutcome): PanelRows {
  const nP = exportPerson.length;
  const size = layout.offsets[nP];
  const L = months.length;
  const person = new Int32Array(size);
  const phase = new Uint8Array(size);
  const eventTime = new Int16Array(size);
  const values = new Float64Array(size);
  const month = new Int32Array(size);
  const offsets = new Int32Array(nP + 1);
  const buffer = new Float64Array(L);
  let missing = 0;
  let row = 0;
  const put = (i: number, ph: number, from: number, to: number, k0: number): void => {
    // Months from..to (indices into the period), event time k0 at `from`.
    for (let m = from; m <= to; m++) {
      const y = buffer[m];
      if (y !== y) {
        missing++;
        continue;
      }
      person[row] = i;
      phase[row] = ph;
      eventTime[row] = k0 + (m - from);
      values[row] = y;
      month[row] = months.start + m;
      row++;
    }
  };
  const { lo, hi, anchorStart, anchorEnd } = layout;
  for (let i = 0; i < nP; i++) {
    offsets[i] = row;
    if (layout.offsets[i + 1] === layout.offsets[i]) continue;
    outcome.fill(exportPerson[i], lo[i], hi[i], buffer);
    const Srel = anchorStart[i] - months.start;
    const E = anchorEnd[i];
    let from = Math.max(Srel - windows.before, lo[i]);
    let to = Math.min(Srel - 1, hi[i]);
    if (to >= from) put(i, PHASE_CODE.before, from, to, from - Srel);
    if (windows.during) {
      from = Math.max(Srel, lo[i]);
      to = Math.min(E < 0 ? L : E - months.start, hi[i]);
      if (to >= from) put(i, PHASE_CODE.during, from, to, from - Srel);
    }
    if (E >= 0) {
      const Erel = E - months.start;
      from = Math.max(Erel + 1, lo[i]);
      to = Math.min(Erel + windows.after, hi[i]);
      if (to >= from) put(i, PHASE_CODE.after, from, to, from - Erel);
    }
  }
  offsets[nP] = row;
  const cut = <T extends Int32Array | Uint8Array | Int16Array | Float64Array>(a: T): T => (row === size ? a : (a.slice(0, row) as T));
  return { length: row, person: cut(person), phase: cut(phase), eventTime: cut(eventTime), outcome: cut(values), month: cut(month), offsets, missingOutcome: missing };
}
