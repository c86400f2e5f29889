import { SpecificationError } from '../core/errors.js';
import { describeValue, isPlainObject } from '../core/options.js';
import { panelCells, type PanelCells } from '../panel/panelCells.js';
import type { PanelStatistics } from '../panel/panelStatistics.js';
import { PHASES, type EventPanel, type Phase } from '../panel/types.js';

/** Inclusive event-time windows per phase, e.g. `{ after: [13, 48] }` for years 2–4 after support. */
export type PhaseWindows = Partial<Readonly<Record<Phase, readonly [number, number]>>>;

/**
 * Per panel person and phase: how many person-months and the sum of the outcome, in one pass
 * over the panel. Everything downstream (phase means, clustered SEs, bootstrap) works on these.
 * Index `person * 3 + phaseCode` (phase codes as `PHASE_CODE`: before 0, during 1, after 2).
 */
export interface PersonPhaseStatistics {
  /** Number of panel persons. */
  readonly persons: number;
  /** Person-months per person × phase. */
  readonly count: Int32Array;
  /** Sum of the outcome per person × phase (unweighted; multiply by the person's weight). */
  readonly sumY: Float64Array;
  /** The windows applied, per phase code (inclusive; ±Infinity when open). */
  readonly windows: readonly (readonly [number, number])[];
}

/**
 * The windows of `options.windows`, checked, per phase code (±Infinity when open).
 *
 * @example
 * resolveWindows({ after: [13, 48] })[2]; // [13, 48]
 */
export function resolveWindows(windows: PhaseWindows | undefined): (readonly [number, number])[] {
  if (windows !== undefined && !isPlainObject(windows)) {
    throw new SpecificationError(`windows must be { before?, during?, after? } with [from, to] event times per phase, got ${describeValue(windows)}`);
  }
  return PHASES.map((ph) => {
    const w = windows?.[ph];
    if (w === undefined) return [-Infinity, Infinity] as const;
    if (!Array.isArray(w) || w.length !== 2 || typeof w[0] !== 'number' || typeof w[1] !== 'number' || !(w[0] <= w[1])) throw new SpecificationError(`windows.${ph} must be [from, to] with from ≤ to, got ${JSON.stringify(w)}`);
    return [w[0], w[1]] as const;
  });
}

/**
 * One pass over the panel's rows or its statistics' cells: person-months and outcome sums per
 * person and phase, restricted to event-time windows when given.
 *
 * @example
 * import { panelFromLong, personPhaseStatistics } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -2, y: 1 }, { id: 'a', k: -1, y: 0 }, { id: 'a', k: 1, y: 1 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * const s = personPhaseStatistics(panel);
 * [s.count[0], s.sumY[0], s.count[2], s.sumY[2]]; // [2, 1, 1, 1]
 * personPhaseStatistics(panel.statistics()).count[0]; // 2
 */
export function personPhaseStatistics(input: EventPanel | PanelStatistics, options: { readonly windows?: PhaseWindows } = {}): PersonPhaseStatistics {
  const windows = resolveWindows(options.windows);
  return phaseCellSums(panelCells('personPhaseStatistics', input), windows);
}

/**
 * {@link personPhaseStatistics} of checked cells and windows: a cell adds its person-months and
 * outcome sum to its person and phase.
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * import { panelCells } from '../panel/panelCells.js';
 * const panel = panelFromLong([{ id: 'a', k: -2, y: 1 }, { id: 'a', k: -1, y: 0 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * phaseCellSums(panelCells('demo', panel), [[-1, -1], [-Infinity, Infinity], [-Infinity, Infinity]]).count[0]; // 1
 */
export function phaseCellSums(cells: PanelCells, windows: readonly (readonly [number, number])[]): PersonPhaseStatistics {
  const nP = cells.persons.length;
  const count = new Int32Array(nP * 3);
  const sumY = new Float64Array(nP * 3);
  const lo = Float64Array.from(windows, (w) => w[0]);
  const hi = Float64Array.from(windows, (w) => w[1]);
  const { person, phase, eventTime, n } = cells;
  const y = cells.sumY;
  for (let r = 0; r < cells.length; r++) {
    const ph = phase[r];
    const k = eventTime[r];
    if (k < lo[ph] || k > hi[ph]) continue;
    const idx = person[r] * 3 + ph;
    count[idx] += n === null ? 1 : n[r];
    sumY[idx] += y[r];
  }
  return { persons: nP, count, sumY, windows };
}

/** Dense cluster index per panel person: the panel's cluster ids, or the person itself when -1. */
export interface PersonClusters {
  readonly cluster: Int32Array;
  readonly count: number;
  /** True when every person is its own cluster. */
  readonly byPerson: boolean;
}

/**
 * Dense cluster ids for a panel's persons (cluster -1 = the person is its own cluster).
 *
 * @example
 * import { panelFromLong, personClusters } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }, { id: 'b', k: -1, y: 0 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * personClusters(panel).count; // 2
 */
export function personClusters(panel: Pick<EventPanel, 'persons'>): PersonClusters {
  const nP = panel.persons.length;
  const given = panel.persons.cluster;
  const out = new Int32Array(nP);
  const dense = new Map<number, number>();
  let next = 0;
  let byPerson = true;
  for (let i = 0; i < nP; i++) {
    const c = given[i];
    if (c < 0) out[i] = next++;
    else {
      let d = dense.get(c);
      if (d === undefined) dense.set(c, (d = next++));
      else byPerson = false;
      out[i] = d;
    }
  }
  return { cluster: out, count: next, byPerson };
}

