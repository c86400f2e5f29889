import { PHASES, type EventPanel, type Phase } from '../panel/types.js';

/**
 * The (phase, event time) columns of an event study: one per pair present among the rows used,
 * ordered by phase then event time, and the column of every panel row (−1 when unused).
 */
export interface EventColumns {
  readonly count: number;
  readonly phase: readonly Phase[];
  readonly eventTime: readonly number[];
  /** Column per panel row (or statistics cell), −1 for rows not used. */
  readonly rowColumn: Int32Array;
}

/** One number per (phase code, event time), ordered by phase then event time. */
const key = (phaseCode: number, k: number): number => phaseCode * 65536 + k + 32768;

/**
 * Columns of the rows of used persons (`side` ≠ 0) in the wanted phases.
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: 2, y: 1 }, { id: 'a', k: -1, y: 0 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * const cols = eventColumns(panel, Int8Array.of(1), Uint8Array.of(1, 0, 1));
 * [cols.phase, cols.eventTime, Array.from(cols.rowColumn)]; // [['before', 'after'], [-1, 2], [0, 1]]
 */
export function eventColumns(panel: Pick<EventPanel, 'length' | 'person' | 'phase' | 'eventTime'>, side: Int8Array, phaseWanted: Uint8Array): EventColumns {
  const { person, phase, eventTime } = panel;
  const keys = new Set<number>();
  for (let r = 0; r < panel.length; r++) if (side[person[r]] !== 0 && phaseWanted[phase[r]]) keys.add(key(phase[r], eventTime[r]));
  const sorted = Array.from(keys).sort((a, b) => a - b);
  const colOf = new Map<number, number>(sorted.map((k, j) => [k, j]));
  const rowColumn = new Int32Array(panel.length).fill(-1);
  for (let r = 0; r < panel.length; r++) {
    if (side[person[r]] !== 0 && phaseWanted[phase[r]]) rowColumn[r] = colOf.get(key(phase[r], eventTime[r]))!;
  }
  return {
    count: sorted.length,
    phase: sorted.map((k) => PHASES[Math.floor(k / 65536)]),
    eventTime: sorted.map((k) => (k % 65536) - 32768),
    rowColumn,
  };
}
