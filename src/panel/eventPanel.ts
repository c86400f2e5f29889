import type { CbsExport } from '../io/types.js';
import { checkEventPanelInput, checkWindow, type EventPanelOptions } from './eventPanelOptions.js';
import { madeOnFirstRead } from '../core/lazy.js';
import { observationMonths, personMonthRanges } from './observationMonths.js';
import { panelLayout } from './panelLayout.js';
import { panelRows } from './panelRows.js';
import { panelOutcome } from './outcome.js';
import { statisticsMethod } from './statisticsFromPanel.js';
import { supportAnchors } from './supportAnchors.js';
import type { EventPanel } from './types.js';

export type { EventPanelOptions, ObservationBounds } from './eventPanelOptions.js';

/**
 * The event-time panel of observed person-months (docs/methods/README.md), built straight from employment
 * spells and support anchors with typed arrays.
 *
 * - Phase `before`: k = −W…−1 months relative to the support start month S; phase `after`:
 *   k = 1…W relative to the support end month E; `during` (optional): k = 0…E−S from S.
 * - A month is observed only when it lies entirely inside the observation period and the
 *   person's own bounds; unobserved months have no row (missing, never zero). Ongoing support
 *   (end {@link core!OPEN_END}, or ending after the observation period) therefore gives no `after` rows.
 * - Every anchor row is a panel person, even when none of its months is observed.
 * - `outcome` chooses what a row measures: participation (default), earnings, hours, days worked,
 *   earnings above the minimum wage, or benefit receipt (docs/methods/outcomes.md). A month whose
 *   outcome is missing (a job without a wage) gets no row and is counted in `missingOutcome`.
 *
 * @example
 * import { eventPanel, loadSynthetic } from 'participation-effects';
 * const exp = await loadSynthetic({ seed: 1, scale: 0.01 }); // or loadCbsExport(...)
 * const panel = eventPanel(exp, { before: 48, after: 48, participation: 'any-day' });
 * panel.groups; // ['supported']
 * panel.spec.definition; // 'any-day'
 * panel.eventTime.every((k, r) => (panel.phase[r] === 0 ? k >= -48 && k <= -1 : k >= 1 && k <= 48)); // true
 * const days = eventPanel(exp, { outcome: { daysWorked: true } });
 * [days.spec.definition, days.binary, days.length === panel.length]; // ['days-worked', false, true]
 */
export function eventPanel(exp: CbsExport, options: EventPanelOptions = {}): EventPanel {
  checkEventPanelInput(exp, options);
  const windows = { before: checkWindow('before', options.before ?? 48), after: checkWindow('after', options.after ?? 48), during: options.during ?? false };
  const months = observationMonths(exp.observation, options.observation);
  const outcome = panelOutcome(exp, months, options.outcome ?? 'participation', options.participation ?? 'any-day');
  const anchors = options.anchors ?? supportAnchors(exp, { trajectory: options.trajectory, group: options.group, groups: options.groups });
  const bounds = options.observationBounds ? personMonthRanges(months, exp.persons.length, options.observationBounds) : undefined;
  const layout = panelLayout(anchors, exp.persons.length, months, windows, bounds);
  const rows = panelRows(layout, anchors.person, months, windows, outcome);

  // Amounts (earnings, hours, days) are never treated as 0/1, even when every value happens to be.
  let binary = outcome.indicator;
  for (let r = 0; r < rows.length && binary; r++) if (rows.outcome[r] !== 0 && rows.outcome[r] !== 1) binary = false;
  const nP = anchors.person.length;
  const exportIndex = Int32Array.from(anchors.person);
  const panelPersons: EventPanel['persons'] = { length: nP, id: [], exportIndex, group: Int32Array.from(anchors.group), weight: layout.weight, cluster: layout.cluster, anchorStart: layout.anchorStart, anchorEnd: layout.anchorEnd };
  // Ids (source code + person number) are made when first read: estimates by phase never read them.
  const exportPersons = exp.persons;
  madeOnFirstRead(panelPersons, 'id', () => Array.from(exportIndex, (p) => exportPersons.rinpersoons[p]! + exportPersons.rinpersoon[p]!));
  return {
    persons: panelPersons,
    groups: [...anchors.groups],
    length: rows.length,
    person: rows.person,
    phase: rows.phase,
    eventTime: rows.eventTime,
    outcome: rows.outcome,
    month: rows.month,
    offsets: rows.offsets,
    binary,
    spec: { ...windows, definition: outcome.label, observation: { startMonth: months.start, endMonth: months.end } },
    ...(options.outcome === undefined || options.outcome === 'participation' ? {} : { missingOutcome: rows.missingOutcome }),
    statistics: statisticsMethod,
  };
}
