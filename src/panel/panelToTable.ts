import { table, type ColumnTable } from 'arquero';
import { formatMonth } from '../core/calendar.js';
import { checkPanel } from './checkPanel.js';
import { PHASES, type EventPanel } from './types.js';

/**
 * The panel as a tidy arquero table, one row per observed person-month:
 * `id, group, phase, event_time, month` (`YYYY-MM`, or null for long panels), `outcome, weight`.
 *
 * @example
 * import { panelFromLong, panelToTable } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * panelToTable(panel).objects(); // [{ id: 'a', group: 'all', phase: 'before', event_time: -1, month: null, outcome: 1, weight: 1 }]
 */
export function panelToTable(panel: EventPanel): ColumnTable {
  checkPanel('panelToTable', panel);
  const n = panel.length;
  const id = new Array<string>(n);
  const group = new Array<string>(n);
  const phase = new Array<string>(n);
  const month = new Array<string | null>(n);
  const weight = new Float64Array(n);
  const { persons } = panel;
  for (let r = 0; r < n; r++) {
    const p = panel.person[r];
    id[r] = persons.id[p];
    group[r] = panel.groups[persons.group[p]];
    phase[r] = PHASES[panel.phase[r]];
    month[r] = panel.month[r] < 0 ? null : formatMonth(panel.month[r]);
    weight[r] = persons.weight[p];
  }
  return table({ id, group, phase, event_time: Int32Array.from(panel.eventTime), month, outcome: panel.outcome, weight });
}
