/**
 * The sufficient statistics of an event panel, computed in memory: one pass over the panel's rows
 * (sorted by person, phase and event time), adjacent rows with the same key pooled into one cell.
 */
import { SpecificationError } from '../core/errors.js';
import { checkPanel } from './checkPanel.js';
import type { PanelStatistics } from './panelStatistics.js';
import type { EventPanel } from './types.js';

/**
 * The {@link PanelStatistics} of `panel`: per person × phase × event time the person-months `n`,
 * Σ outcome, Σ weight and Σ weight × outcome (weight: the person's analysis weight), with the
 * panel's per-person columns, groups, `binary` flag and spec. Every panel estimator
 * (`participationProfile`, `phaseAverages`, `diffInDiff`, `eventStudy`) accepts the result in place
 * of the panel and gives the same numbers. A monthly panel has one row per person, phase and event
 * time, so each cell holds one person-month (`n` = 1); rows that share a key (adjacent, as the
 * panel is sorted) are pooled. The per-person columns are shared with the panel, not copied. The
 * estimators take weights from `persons.weight` (a cell's Σw is that weight × n); `sumW` and
 * `sumWY` are there for consumers that read the cells alone.
 *
 * @example
 * import { panelFromLong, panelStatistics } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }, { id: 'a', k: 1, y: 0 }, { id: 'b', k: -1, y: 1 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * const stats = panelStatistics(panel);
 * [stats.kind, stats.length, [...stats.n], [...stats.sumY], [...stats.offsets]]; // ['panel-statistics', 3, [1, 1, 1], [1, 0, 1], [0, 2, 3]]
 * panel.statistics().length; // 3
 */
export function panelStatistics(panel: EventPanel): PanelStatistics {
  checkPanel('panelStatistics', panel);
  const rows = panel.length;
  const { person, phase, eventTime, outcome } = panel;
  const weight = panel.persons.weight;
  const nP = panel.persons.length;
  const cellPerson = new Int32Array(rows);
  const cellPhase = new Uint8Array(rows);
  const cellK = new Int16Array(rows);
  const n = new Int32Array(rows);
  const sumY = new Float64Array(rows);
  const sumW = new Float64Array(rows);
  const sumWY = new Float64Array(rows);
  const offsets = new Int32Array(nP + 1);
  let c = -1;
  for (let r = 0; r < rows; r++) {
    const p = person[r];
    if (c < 0 || p !== cellPerson[c] || phase[r] !== cellPhase[c] || eventTime[r] !== cellK[c]) {
      c++;
      cellPerson[c] = p;
      cellPhase[c] = phase[r];
      cellK[c] = eventTime[r];
      offsets[p + 1]++;
    }
    const w = weight[p];
    const y = outcome[r];
    n[c]++;
    sumY[c] += y;
    sumW[c] += w;
    sumWY[c] += w * y;
  }
  for (let i = 0; i < nP; i++) offsets[i + 1] += offsets[i];
  const length = c + 1;
  // A well-formed monthly panel has one row per cell: nothing to cut.
  const cut = <T extends Int32Array | Uint8Array | Int16Array | Float64Array>(a: T): T => (length === rows ? a : (a.slice(0, length) as T));
  return {
    kind: 'panel-statistics',
    persons: panel.persons,
    groups: [...panel.groups],
    length,
    person: cut(cellPerson),
    phase: cut(cellPhase),
    eventTime: cut(cellK),
    n: cut(n),
    sumY: cut(sumY),
    sumW: cut(sumW),
    sumWY: cut(sumWY),
    offsets,
    binary: panel.binary,
    spec: panel.spec,
    ...(panel.missingOutcome === undefined ? {} : { missingOutcome: panel.missingOutcome }),
  };
}

/**
 * The `statistics()` method every event panel carries: one function shared by all panels (so two
 * equal panels still compare equal, and a panel stays JSON-serialisable: JSON leaves functions
 * out), reading the panel it is called on.
 *
 * @example
 * import { panelFromLong } from 'participation-effects';
 * const panel = panelFromLong([{ id: 'a', k: -1, y: 1 }], { id: 'id', eventTime: 'k', outcome: 'y' });
 * panel.statistics === statisticsMethod; // true
 * panel.statistics().sumY[0]; // 1
 */
export function statisticsMethod(this: EventPanel | undefined): PanelStatistics {
  if (this === undefined || this === null || typeof this !== 'object') {
    throw new SpecificationError('statistics() must be called on its panel, as panel.statistics(); to pass it around, use panelStatistics(panel)');
  }
  return panelStatistics(this);
}
