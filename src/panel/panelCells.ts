/**
 * One view of an estimator's input, whether an event panel or its statistics, so each estimator
 * has one loop over cells: a panel's row is a cell holding one person-month.
 */
import { checkPanel } from './checkPanel.js';
import { isPanelStatistics, type PanelStatistics } from './panelStatistics.js';
import type { EventPanel, PanelShape } from './types.js';

/**
 * The cells an estimator reads: per cell the panel person, phase, event time, person-months `n` and
 * Σ outcome, with the per-person columns. Weights are read per person (`persons.weight`): a cell's
 * Σw is weight × n. Built without copying: for an {@link EventPanel} the cells are its rows (`n`
 * null: every cell one person-month; `sumY` the outcome column).
 */
export interface PanelCells extends PanelShape {
  /** What the estimator was given. */
  readonly input: 'panel' | 'statistics';
  /** Person-months per cell; null when every cell holds one (an event panel's rows). */
  readonly n: Int32Array | null;
  /** Σ outcome per cell. */
  readonly sumY: Float64Array;
}

/**
 * The cell view of an estimator's input, checked (a SpecificationError names `fn` for anything else
 * than an event panel or panel statistics).
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }, { id: 'a', k: 1, y: 0 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * const rows = panelCells('demo', panel);
 * [rows.input, rows.n, rows.sumY === panel.outcome]; // ['panel', null, true]
 * const cells = panelCells('demo', panel.statistics());
 * [cells.input, [...cells.n!], [...cells.sumY]]; // ['statistics', [1, 1], [1, 0]]
 */
export function panelCells(fn: string, input: EventPanel | PanelStatistics): PanelCells {
  checkPanel(fn, input, { statistics: true });
  const { persons, groups, length, person, phase, eventTime, offsets, binary, spec } = input;
  if (isPanelStatistics(input)) return { input: 'statistics', persons, groups, length, person, phase, eventTime, n: input.n, sumY: input.sumY, offsets, binary, spec };
  return { input: 'panel', persons, groups, length, person, phase, eventTime, n: null, sumY: input.outcome, offsets, binary, spec };
}
